package poolmath

import (
	"math/big"

	sdkmath "cosmossdk.io/math"
)

// A pool's fee policy turns its base swap fee into the rate one trade pays:
// VolatilityFee, plus TierExtraFee, then DirectionAdjustedFee, then
// ClampFee to the chain's maximum. The steps cannot fail, so rather than
// reject odd input they clamp it, and they work on the big.Int behind each
// LegacyDec, so that no input, however large, can panic:
//
//   - a nil or negative input counts as zero;
//   - every result is a rate in [0, 1] (ClampFee: [0, min(maxFee, 1)]), so
//     the sum of two results stays far from LegacyDec's overflow;
//   - products round up: the fee favours the pool.

// decOneRaw is the big.Int behind the LegacyDec 1.
var decOneRaw = pow10(sdkmath.LegacyPrecision)

// VolatilityFee is clamp(base + k·σ, minFee, maxFee), k·σ rounded up; if
// minFee exceeds maxFee, maxFee wins.
func VolatilityFee(base, k, sigma, minFee, maxFee sdkmath.LegacyDec) sdkmath.LegacyDec {
	fee := mulRawUp(nonNegativeRaw(k), nonNegativeRaw(sigma))
	fee.Add(fee, nonNegativeRaw(base))
	if lo := nonNegativeRaw(minFee); fee.Cmp(lo) < 0 {
		fee = lo
	}
	if hi := nonNegativeRaw(maxFee); fee.Cmp(hi) > 0 {
		fee = hi
	}
	return rateFromRaw(fee)
}

// FeeTier adds ExtraFee to trades whose amount in is at least MinInRatio of
// the balance it pays into.
type FeeTier struct {
	MinInRatio, ExtraFee sdkmath.LegacyDec
}

// TierExtraFee is the ExtraFee of the tier with the largest MinInRatio ≤
// inRatio, or zero if none applies. Tiers are meant to be sorted ascending
// by MinInRatio, but any order gives the same answer; of tiers with equal
// MinInRatio the larger ExtraFee applies.
func TierExtraFee(inRatio sdkmath.LegacyDec, tiers []FeeTier) sdkmath.LegacyDec {
	ratio := nonNegativeRaw(inRatio)
	var bestMin, bestFee *big.Int
	for _, tier := range tiers {
		lo, fee := nonNegativeRaw(tier.MinInRatio), nonNegativeRaw(tier.ExtraFee)
		if lo.Cmp(ratio) > 0 {
			continue
		}
		if bestMin == nil || lo.Cmp(bestMin) > 0 || (lo.Cmp(bestMin) == 0 && fee.Cmp(bestFee) > 0) {
			bestMin, bestFee = lo, fee
		}
	}
	if bestFee == nil {
		return sdkmath.LegacyZeroDec()
	}
	return rateFromRaw(bestFee)
}

// TradeDirection is whether a trade moves the pool toward the state its
// policy aims for (a rebate), away from it (a surcharge), or neither.
type TradeDirection int

const (
	DirectionNeutral TradeDirection = iota
	DirectionToward
	DirectionAway
)

// DirectionAdjustedFee is fee·(1 − rebate) for a trade toward the target
// (rebate clamped into [0, 1]), fee·(1 + surcharge) for one away from it,
// and fee otherwise (any other direction counts as neutral); rounded up.
func DirectionAdjustedFee(fee, rebate, surcharge sdkmath.LegacyDec, d TradeDirection) sdkmath.LegacyDec {
	adjusted := nonNegativeRaw(fee)
	switch d {
	case DirectionToward:
		keep := new(big.Int).Sub(decOneRaw, minRaw(nonNegativeRaw(rebate), decOneRaw))
		adjusted = mulRawUp(adjusted, keep)
	case DirectionAway:
		adjusted = mulRawUp(adjusted, new(big.Int).Add(decOneRaw, nonNegativeRaw(surcharge)))
	}
	return rateFromRaw(adjusted)
}

// ClampFee is fee clamped into [0, maxFee]; a negative maxFee counts as 0
// and one above 1 as 1.
func ClampFee(fee, maxFee sdkmath.LegacyDec) sdkmath.LegacyDec {
	return rateFromRaw(minRaw(nonNegativeRaw(fee), nonNegativeRaw(maxFee)))
}

// nonNegativeRaw is a copy of d's big.Int, or zero for nil or negative d.
func nonNegativeRaw(d sdkmath.LegacyDec) *big.Int {
	if d.IsNil() || d.IsNegative() {
		return new(big.Int)
	}
	return d.BigInt()
}

// mulRawUp is a·b for LegacyDec raws, rounded up, for a, b ≥ 0.
func mulRawUp(a, b *big.Int) *big.Int {
	return divCeil(new(big.Int).Mul(a, b), decOneRaw)
}

func minRaw(a, b *big.Int) *big.Int {
	if a.Cmp(b) < 0 {
		return a
	}
	return b
}

// rateFromRaw is the LegacyDec of raw x ≥ 0, capped at 1.
func rateFromRaw(x *big.Int) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Set(minRaw(x, decOneRaw)), sdkmath.LegacyPrecision)
}
