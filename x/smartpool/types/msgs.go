package types

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// MaxRouteHops bounds the length of a swap route.
const MaxRouteHops = 8

var (
	_ sdk.HasValidateBasic = (*MsgCreatePool)(nil)
	_ sdk.HasValidateBasic = (*MsgJoinPool)(nil)
	_ sdk.HasValidateBasic = (*MsgExitPool)(nil)
	_ sdk.HasValidateBasic = (*MsgJoinSwapExternAmountIn)(nil)
	_ sdk.HasValidateBasic = (*MsgJoinPoolExactAmountsIn)(nil)
	_ sdk.HasValidateBasic = (*MsgExitSwapShareAmountIn)(nil)
	_ sdk.HasValidateBasic = (*MsgSwapExactAmountIn)(nil)
	_ sdk.HasValidateBasic = (*MsgSwapExactAmountOut)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
	_ sdk.HasValidateBasic = (*MsgSetFeePolicy)(nil)
	_ sdk.HasValidateBasic = (*MsgSetManagementFee)(nil)
	_ sdk.HasValidateBasic = (*MsgClaimManagementFee)(nil)
	_ sdk.HasValidateBasic = (*MsgSplitRouteSwapExactAmountIn)(nil)
	_ sdk.HasValidateBasic = (*MsgSplitRouteSwapExactAmountOut)(nil)
)

// ValidateBasic checks what can be checked without state.
func (m *MsgCreatePool) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := ValidateAssets(m.Assets); err != nil {
		return err
	}
	if m.Controller != "" {
		if err := validateAddress("controller", m.Controller); err != nil {
			return err
		}
	} else if !m.Rights.IsZero() {
		return errorsmod.Wrap(ErrInvalidControl, "rights need a controller")
	}
	if m.Timelock < 0 {
		return errorsmod.Wrap(ErrInvalidTimelock, "timelock must not be negative")
	}
	if m.ShareCap != nil {
		if err := requireNonNegative("share cap", *m.ShareCap); err != nil {
			return err
		}
	}
	if m.MaxNormalizedWeight != nil && (m.MaxNormalizedWeight.IsNegative() || m.MaxNormalizedWeight.GT(sdkmath.LegacyOneDec())) {
		return errorsmod.Wrapf(ErrInvalidControl, "max normalized weight %s must be in [0, 1]", m.MaxNormalizedWeight)
	}
	if m.WeightSchedule != nil {
		if err := m.WeightSchedule.ValidateBasic(); err != nil {
			return err
		}
		if len(m.WeightSchedule.TargetWeights) != len(m.Assets) {
			return errorsmod.Wrapf(ErrInvalidSchedule, "%d assets but %d target weights", len(m.Assets), len(m.WeightSchedule.TargetWeights))
		}
	}
	if m.Strategy != nil {
		if m.WeightSchedule != nil {
			return errorsmod.Wrap(ErrInvalidStrategy, "a pool has a strategy or a weight schedule, not both")
		}
		if err := m.Strategy.ValidateBasic(); err != nil {
			return err
		}
		if f := m.Strategy.Floor; f != nil && len(f.BaseWeights) != len(m.Assets) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "%d assets but %d base weights", len(m.Assets), len(f.BaseWeights))
		}
	}
	if m.Breakers != nil {
		if err := m.Breakers.Validate(); err != nil {
			return err
		}
	}
	if err := m.FeePolicy.ValidateBasic(); err != nil {
		return err
	}
	if m.ManagementFee != nil {
		if err := m.ManagementFee.ValidateBasic(); err != nil {
			return err
		}
		if m.Controller == "" && m.ManagementFee.AnnualRate.IsPositive() {
			return errorsmod.Wrap(ErrInvalidMgmtFee, "a management fee needs a controller: an immutable pool has no manager to pay")
		}
	}
	for _, a := range m.Assets {
		if !OrZero(a.FeesLp).IsZero() || a.FeesProtocol != nil {
			return errorsmod.Wrapf(ErrInvalidRequest, "asset %s: fees_lp and fees_protocol are kept by the chain and must be empty", a.Denom)
		}
	}
	return ValidateSwapFee(m.SwapFee)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgJoinPool) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := requirePositive("share out amount", m.ShareOutAmount); err != nil {
		return err
	}
	return validateLimitCoins("token in maxs", m.TokenInMaxs)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgExitPool) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := requirePositive("share in amount", m.ShareInAmount); err != nil {
		return err
	}
	return validateLimitCoins("token out mins", m.TokenOutMins)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgJoinSwapExternAmountIn) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := validateCoin("token in", m.TokenIn); err != nil {
		return err
	}
	return requireNonNegative("share out min amount", m.ShareOutMinAmount)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgJoinPoolExactAmountsIn) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if len(m.TokensIn) == 0 {
		return errorsmod.Wrap(ErrInvalidAmount, "tokens in must not be empty")
	}
	if err := validateLimitCoins("tokens in", m.TokensIn); err != nil {
		return err
	}
	return requireNonNegative("share out min amount", m.ShareOutMinAmount)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgExitSwapShareAmountIn) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := sdk.ValidateDenom(m.TokenOutDenom); err != nil {
		return errorsmod.Wrapf(ErrInvalidRequest, "token out denom: %v", err)
	}
	if err := requirePositive("share in amount", m.ShareInAmount); err != nil {
		return err
	}
	return requireNonNegative("token out min amount", m.TokenOutMinAmount)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSwapExactAmountIn) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := validateCoin("token in", m.TokenIn); err != nil {
		return err
	}
	if err := requireNonNegative("token out min amount", m.TokenOutMinAmount); err != nil {
		return err
	}
	poolIDs := make([]uint64, len(m.Routes))
	denoms := []string{m.TokenIn.Denom}
	for i, r := range m.Routes {
		poolIDs[i] = r.PoolId
		denoms = append(denoms, r.TokenOutDenom)
	}
	return ValidateRoute(poolIDs, denoms)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSwapExactAmountOut) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := validateCoin("token out", m.TokenOut); err != nil {
		return err
	}
	if err := requirePositive("token in max amount", m.TokenInMaxAmount); err != nil {
		return err
	}
	poolIDs := make([]uint64, len(m.Routes))
	denoms := make([]string, 0, len(m.Routes)+1)
	for i, r := range m.Routes {
		poolIDs[i] = r.PoolId
		denoms = append(denoms, r.TokenInDenom)
	}
	return ValidateRoute(poolIDs, append(denoms, m.TokenOut.Denom))
}

// ValidateBasic checks what can be checked without state.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := validateAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}

// ValidateRoute checks a route given as its pools and the denoms it passes
// through, in order (one more denom than pools): 1 to MaxRouteHops hops, no
// pool visited twice and no hop from a denom to itself. A route may end in
// the denom it starts with.
func ValidateRoute(poolIDs []uint64, denoms []string) error {
	if len(poolIDs) == 0 || len(poolIDs) > MaxRouteHops {
		return errorsmod.Wrapf(ErrInvalidRoute, "a route has 1 to %d hops, got %d", MaxRouteHops, len(poolIDs))
	}
	if len(denoms) != len(poolIDs)+1 {
		return errorsmod.Wrapf(ErrInvalidRoute, "%d hops need %d denoms, got %d", len(poolIDs), len(poolIDs)+1, len(denoms))
	}
	pools := make(map[uint64]bool, len(poolIDs))
	for _, id := range poolIDs {
		if pools[id] {
			return errorsmod.Wrapf(ErrInvalidRoute, "pool %d appears twice", id)
		}
		pools[id] = true
	}
	// Denoms may repeat (A→B in one pool, B→A in another is the common
	// arbitrage); each pool at most once keeps every hop priced on a pool
	// no earlier hop of the route has moved.
	for i, d := range denoms {
		if err := sdk.ValidateDenom(d); err != nil {
			return errorsmod.Wrapf(ErrInvalidRoute, "denom %q: %v", d, err)
		}
		if i > 0 && denoms[i-1] == d {
			return errorsmod.Wrapf(ErrInvalidRoute, "hop %d swaps %s for itself", i, d)
		}
	}
	return nil
}

func validateAddress(field, addr string) error {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, addr, err)
	}
	return nil
}

func validateCoin(field string, c sdk.Coin) error {
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s denom: %v", field, err)
	}
	return requirePositive(field, c.Amount)
}

// validateLimitCoins accepts an empty list (no limit) or valid, sorted, positive coins.
func validateLimitCoins(field string, coins sdk.Coins) error {
	if len(coins) == 0 {
		return nil
	}
	if err := coins.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s: %v", field, err)
	}
	return nil
}

func requireNonNegative(what string, amount sdkmath.Int) error {
	if amount.IsNil() || amount.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s must be zero or more", what)
	}
	return nil
}
