package types

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Hard limits no parameter may pass; they keep the pool math inside its tested range.
const (
	HardMinAssets = 2
	HardMaxAssets = 8
)

var (
	hardMinWeight   = sdkmath.LegacyNewDecWithPrec(1, 3) // 0.1%
	hardMaxSwapFee  = sdkmath.LegacyNewDecWithPrec(5, 1) // 50%
	hardMaxInRatio  = sdkmath.LegacyOneDec()
	hardMaxOutRatio = sdkmath.LegacyNewDecWithPrec(5, 1)
)

// DefaultParams are the defaults of the design: 2–8 assets, weights ≥ 1%, fee ≤ 10%,
// in ≤ 50% of the in-balance and out ≤ 30% of the out-balance per swap.
func DefaultParams() Params {
	return Params{
		PoolCreationFee:     sdk.NewCoins(sdk.NewInt64Coin("upool", 1_000_000)),
		MinAssets:           2,
		MaxAssets:           8,
		MinNormalizedWeight: sdkmath.LegacyNewDecWithPrec(1, 2),
		MaxSwapFee:          sdkmath.LegacyNewDecWithPrec(1, 1),
		MaxInRatio:          sdkmath.LegacyNewDecWithPrec(5, 1),
		MaxOutRatio:         sdkmath.LegacyNewDecWithPrec(3, 1),
	}
}

// Validate checks every field against the hard limits.
func (p Params) Validate() error {
	if err := p.PoolCreationFee.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "pool_creation_fee: %v", err)
	}
	if p.MinAssets < HardMinAssets || p.MaxAssets > HardMaxAssets || p.MinAssets > p.MaxAssets {
		return errorsmod.Wrapf(ErrInvalidParams, "asset bounds must satisfy %d <= min_assets (%d) <= max_assets (%d) <= %d",
			HardMinAssets, p.MinAssets, p.MaxAssets, HardMaxAssets)
	}
	if err := decInRange("min_normalized_weight", p.MinNormalizedWeight, hardMinWeight, sdkmath.LegacyOneDec().QuoInt64(int64(p.MaxAssets))); err != nil {
		return err
	}
	if err := decInRange("max_swap_fee", p.MaxSwapFee, sdkmath.LegacyZeroDec(), hardMaxSwapFee); err != nil {
		return err
	}
	if err := decInRange("max_in_ratio", p.MaxInRatio, sdkmath.LegacySmallestDec(), hardMaxInRatio); err != nil {
		return err
	}
	return decInRange("max_out_ratio", p.MaxOutRatio, sdkmath.LegacySmallestDec(), hardMaxOutRatio)
}

func decInRange(name string, v, lo, hi sdkmath.LegacyDec) error {
	if v.IsNil() {
		return errorsmod.Wrapf(ErrInvalidParams, "%s is not set", name)
	}
	if v.LT(lo) || v.GT(hi) {
		return errorsmod.Wrapf(ErrInvalidParams, "%s %s is outside [%s, %s]", name, v, lo, hi)
	}
	return nil
}
