package types

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// MaxSplitRoutes bounds the routes of one split swap.
const MaxSplitRoutes = 8

// ValidateBasic checks what can be checked without state.
func (m *MsgSetFeePolicy) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&FeePolicyChange{Policy: m.Policy}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSetManagementFee) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return m.Fee.ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgClaimManagementFee) ValidateBasic() error { return validatePoolMsg(m.Sender, m.PoolId) }

// ValidateBasic checks what can be checked without state.
func (m *MsgSplitRouteSwapExactAmountIn) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := requireNonNegative("token out min amount", m.TokenOutMinAmount); err != nil {
		return err
	}
	return ValidateSplitRoutesIn(m.Routes, m.TokenInDenom)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSplitRouteSwapExactAmountOut) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := requirePositive("token in max amount", m.TokenInMaxAmount); err != nil {
		return err
	}
	return ValidateSplitRoutesOut(m.Routes, m.TokenOutDenom)
}

// ValidateSplitRoutesIn checks split exact-in routes: 1 to MaxSplitRoutes
// routes, each valid with a positive amount, all from tokenInDenom to one
// denom out.
func ValidateSplitRoutesIn(routes []SwapAmountInSplitRoute, tokenInDenom string) error {
	if err := splitRouteCount(len(routes)); err != nil {
		return err
	}
	var out string
	for i, r := range routes {
		if err := requirePositive("route token in amount", r.TokenInAmount); err != nil {
			return errorsmod.Wrapf(err, "route %d", i)
		}
		poolIDs := make([]uint64, len(r.Pools))
		denoms := []string{tokenInDenom}
		for j, h := range r.Pools {
			poolIDs[j] = h.PoolId
			denoms = append(denoms, h.TokenOutDenom)
		}
		if err := ValidateRoute(poolIDs, denoms); err != nil {
			return errorsmod.Wrapf(err, "route %d", i)
		}
		if last := denoms[len(denoms)-1]; i == 0 {
			out = last
		} else if last != out {
			return errorsmod.Wrapf(ErrInvalidRoute, "route %d ends in %s, route 0 in %s: every route must end in the same denom", i, last, out)
		}
	}
	return nil
}

// ValidateSplitRoutesOut checks split exact-out routes: 1 to MaxSplitRoutes
// routes, each valid with a positive amount, all from one denom in to
// tokenOutDenom.
func ValidateSplitRoutesOut(routes []SwapAmountOutSplitRoute, tokenOutDenom string) error {
	if err := splitRouteCount(len(routes)); err != nil {
		return err
	}
	var in string
	for i, r := range routes {
		if err := requirePositive("route token out amount", r.TokenOutAmount); err != nil {
			return errorsmod.Wrapf(err, "route %d", i)
		}
		poolIDs := make([]uint64, len(r.Pools))
		denoms := make([]string, 0, len(r.Pools)+1)
		for j, h := range r.Pools {
			poolIDs[j] = h.PoolId
			denoms = append(denoms, h.TokenInDenom)
		}
		if err := ValidateRoute(poolIDs, append(denoms, tokenOutDenom)); err != nil {
			return errorsmod.Wrapf(err, "route %d", i)
		}
		if first := denoms[0]; i == 0 {
			in = first
		} else if first != in {
			return errorsmod.Wrapf(ErrInvalidRoute, "route %d starts in %s, route 0 in %s: every route must start in the same denom", i, first, in)
		}
	}
	return nil
}

func splitRouteCount(n int) error {
	if n == 0 || n > MaxSplitRoutes {
		return errorsmod.Wrapf(ErrInvalidRoute, "a split swap has 1 to %d routes, got %d", MaxSplitRoutes, n)
	}
	return nil
}

// SumAmounts adds amounts, refusing a sum past sdkmath.Int's 256 bits
// (a plain Add would panic).
func SumAmounts(amounts []sdkmath.Int) (sdkmath.Int, error) {
	total := sdkmath.ZeroInt()
	for _, a := range amounts {
		next, err := total.SafeAdd(a)
		if err != nil {
			return sdkmath.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "amounts add up past the largest amount: %v", err)
		}
		total = next
	}
	return total, nil
}
