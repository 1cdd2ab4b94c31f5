package types

import (
	"math/big"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// MaxRawWeight bounds a raw weight so that weight sums stay small exact integers.
var MaxRawWeight = sdkmath.NewInt(1_000_000_000_000)

// MaxTotalShares is the hard maximum of a pool's total shares, 2^192: far
// below the 2^256 at which sdkmath.Int panics, so that shares times any raw
// weight sum (< 2^43) or any time span in seconds (< 2^35) still fits. Every
// mint checks it.
var MaxTotalShares = sdkmath.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 192))

// AddShares raises total shares by n, refusing to pass MaxTotalShares.
func (p *Pool) AddShares(n sdkmath.Int) error {
	if n.IsNil() || n.IsNegative() {
		return errorsmod.Wrap(ErrInvalidShares, "shares to mint must not be negative")
	}
	if n.GT(MaxTotalShares) || p.TotalShares.GT(MaxTotalShares.Sub(n)) {
		return errorsmod.Wrapf(ErrShareBound, "pool %d has %s shares; minting %s more would pass %s", p.Id, p.TotalShares, n, MaxTotalShares)
	}
	p.TotalShares = p.TotalShares.Add(n)
	return nil
}

// addBalance raises asset i's balance by amt with an error, not a panic, past 256 bits.
func (p *Pool) addBalance(i int, amt sdkmath.Int) error {
	sum, err := p.Assets[i].Balance.SafeAdd(amt)
	if err != nil {
		return errorsmod.Wrapf(ErrInvalidAmount, "balance of %s would overflow", p.Assets[i].Denom)
	}
	p.Assets[i].Balance = sum
	return nil
}

// TotalWeight is the sum of the raw weights: at most 8·MaxRawWeight.
func (p Pool) TotalWeight() sdkmath.Int {
	total := sdkmath.ZeroInt()
	for _, a := range p.Assets {
		total = total.Add(a.Weight)
	}
	return total
}

// AssetIndex returns the position of denom among the pool's assets.
func (p Pool) AssetIndex(denom string) (int, error) {
	for i, a := range p.Assets {
		if a.Denom == denom {
			return i, nil
		}
	}
	return -1, errorsmod.Wrapf(ErrDenomNotInPool, "pool %d has no %q", p.Id, denom)
}

// Balances lists the balances in asset order.
func (p Pool) Balances() []sdkmath.Int {
	out := make([]sdkmath.Int, len(p.Assets))
	for i, a := range p.Assets {
		out[i] = a.Balance
	}
	return out
}

// Weights lists the raw weights in asset order.
func (p Pool) Weights() []sdkmath.Int {
	out := make([]sdkmath.Int, len(p.Assets))
	for i, a := range p.Assets {
		out[i] = a.Weight
	}
	return out
}

// Liquidity is the pool's balances as coins.
func (p Pool) Liquidity() sdk.Coins {
	coins := make(sdk.Coins, 0, len(p.Assets))
	for _, a := range p.Assets {
		coins = append(coins, sdk.NewCoin(a.Denom, a.Balance))
	}
	return sdk.NewCoins(coins...)
}

// NormalizedWeight is asset i's weight as a fraction of the total.
func (p Pool) NormalizedWeight(i int) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecFromInt(p.Assets[i].Weight).QuoInt(p.TotalWeight())
}

// Denoms are the pool's asset denoms, in its (sorted) order.
func (p Pool) Denoms() []string {
	denoms := make([]string, len(p.Assets))
	for i, a := range p.Assets {
		denoms[i] = a.Denom
	}
	return denoms
}

// Clone returns a deep copy, so that a computation on it never touches the original.
func (p Pool) Clone() Pool {
	c := p
	c.Assets = append([]PoolAsset(nil), p.Assets...)
	if p.WeightSchedule != nil {
		s := *p.WeightSchedule
		s.StartWeights = append([]sdkmath.Int(nil), s.StartWeights...)
		s.TargetWeights = append([]sdkmath.Int(nil), s.TargetWeights...)
		s.Waypoints = append([]Waypoint(nil), s.Waypoints...)
		c.WeightSchedule = &s
	}
	return c
}

// Validate checks the pool's structure: what must hold of any stored pool.
func (p Pool) Validate() error {
	if p.Id == 0 {
		return errorsmod.Wrap(ErrInvalidPoolState, "pool id must be positive")
	}
	if p.ShareDenom != ShareDenom(p.Id) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "share denom %q, want %q", p.ShareDenom, ShareDenom(p.Id))
	}
	if p.TotalShares.IsNil() || !p.TotalShares.IsPositive() || p.TotalShares.GT(MaxTotalShares) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "total shares must be in [1, %s]", MaxTotalShares)
	}
	if err := ValidateSwapFee(p.SwapFee); err != nil {
		return err
	}
	if err := ValidateAssets(p.Assets); err != nil {
		return err
	}
	for i := 1; i < len(p.Assets); i++ {
		if p.Assets[i-1].Denom >= p.Assets[i].Denom {
			return errorsmod.Wrapf(ErrInvalidPoolState, "assets must be sorted by denom: %s before %s", p.Assets[i-1].Denom, p.Assets[i].Denom)
		}
	}
	if p.SwapFee.GT(hardMaxSwapFee) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "swap fee %s is above any fee params allow (%s)", p.SwapFee, hardMaxSwapFee)
	}
	for _, e := range p.EntryClosed {
		if _, err := p.AssetIndex(e.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidPoolState, "entry hold on %s, which the pool does not hold", e.Denom)
		}
	}
	if err := p.ValidateOracle(); err != nil {
		return err
	}
	if err := p.validateFees(); err != nil {
		return err
	}
	if err := p.validateStrategyState(); err != nil {
		return err
	}
	if s := p.WeightSchedule; s != nil {
		if len(s.StartWeights) != len(p.Assets) || len(s.TargetWeights) != len(p.Assets) || !s.EndTime.After(s.StartTime) ||
			s.EndTime.Sub(s.StartTime) > hardMaxDuration {
			return errorsmod.Wrap(ErrInvalidPoolState, "malformed weight schedule")
		}
		for i, a := range p.Assets {
			if !a.Weight.Equal(s.StartWeights[i]) {
				return errorsmod.Wrapf(ErrInvalidPoolState, "stored weight of %s differs from the schedule's start weight", a.Denom)
			}
			if err := ValidateWeight(a.Denom, s.TargetWeights[i]); err != nil {
				return err
			}
		}
		if err := s.validateCurveShape(p); err != nil {
			return err
		}
	}
	return nil
}

// ValidateAgainstParams checks what params bound: asset count, minimum weight, maximum fee.
func (p Pool) ValidateAgainstParams(params Params) error {
	n := uint32(len(p.Assets))
	if n < params.MinAssets || n > params.MaxAssets {
		return errorsmod.Wrapf(ErrInvalidAssets, "a pool has %d to %d assets, got %d", params.MinAssets, params.MaxAssets, n)
	}
	for i, a := range p.Assets {
		if w := p.NormalizedWeight(i); w.LT(params.MinNormalizedWeight) {
			return errorsmod.Wrapf(ErrInvalidWeight, "normalized weight of %s is %s, below the minimum %s", a.Denom, w, params.MinNormalizedWeight)
		}
	}
	if p.SwapFee.GT(params.MaxSwapFee) {
		return errorsmod.Wrapf(ErrInvalidSwapFee, "swap fee %s is above the maximum %s", p.SwapFee, params.MaxSwapFee)
	}
	return nil
}

// ValidateAssets checks count, denoms (valid, distinct, sorted), balances and weights.
func ValidateAssets(assets []PoolAsset) error {
	if len(assets) < HardMinAssets || len(assets) > HardMaxAssets {
		return errorsmod.Wrapf(ErrInvalidAssets, "a pool has %d to %d assets, got %d", HardMinAssets, HardMaxAssets, len(assets))
	}
	seen := make(map[string]bool, len(assets))
	for _, a := range assets {
		if err := ValidateAssetDenom(a.Denom); err != nil {
			return err
		}
		if seen[a.Denom] {
			return errorsmod.Wrapf(ErrInvalidAssets, "duplicate denom %q", a.Denom)
		}
		seen[a.Denom] = true
		if a.Balance.IsNil() || !a.Balance.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidAmount, "balance of %s must be positive", a.Denom)
		}
		if err := ValidateWeight(a.Denom, a.Weight); err != nil {
			return err
		}
	}
	return nil
}

// ValidateAssetDenom checks that denom may be a pool asset: a valid bank
// denom and not a pool share. Shares of pools holding shares would let a
// handful of base units stand for astronomically many shares, and a pool's
// value would depend on other pools' state.
func ValidateAssetDenom(denom string) error {
	if err := sdk.ValidateDenom(denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidAssets, "denom %q: %v", denom, err)
	}
	if strings.HasPrefix(denom, ShareDenomPrefix) {
		return errorsmod.Wrapf(ErrInvalidAssets, "%s is a pool share; shares cannot be pool assets", denom)
	}
	return nil
}

// IsEntryClosed reports whether denom may only leave the pool at t: its removal
// is pending, or it was added less than a time-lock before t.
func (p Pool) IsEntryClosed(denom string, t time.Time) bool {
	for _, e := range p.EntryClosed {
		if e.Denom == denom && (e.RemovalChangeId != 0 || t.Before(e.Until)) {
			return true
		}
	}
	return false
}

// RequireEntryOpen fails with ErrEntryClosed if denom may not enter the pool at t.
func (p Pool) RequireEntryOpen(denom string, t time.Time) error {
	if p.IsEntryClosed(denom, t) {
		return errorsmod.Wrapf(ErrEntryClosed, "pool %d: %s may be swapped out or withdrawn, not paid in, until its pending removal or new-asset time-lock ends", p.Id, denom)
	}
	return nil
}

// ValidateWeight checks that a raw weight is in [1, MaxRawWeight].
func ValidateWeight(denom string, w sdkmath.Int) error {
	if w.IsNil() || !w.IsPositive() || w.GT(MaxRawWeight) {
		return errorsmod.Wrapf(ErrInvalidWeight, "weight of %s must be in [1, %s]", denom, MaxRawWeight)
	}
	return nil
}

// ValidateSwapFee checks that a fee is set and in [0, 1).
func ValidateSwapFee(fee sdkmath.LegacyDec) error {
	if fee.IsNil() || fee.IsNegative() || fee.GTE(sdkmath.LegacyOneDec()) {
		return errorsmod.Wrapf(ErrInvalidSwapFee, "swap fee %v must be in [0, 1)", fee)
	}
	return nil
}
