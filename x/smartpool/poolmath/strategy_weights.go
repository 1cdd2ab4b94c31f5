package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Weight vectors of the rule-driven strategies (strategy_*.go) are LegacyDec
// values that sum to exactly 1. The strategy code works on the integers
// behind them (raw, in units of 10^-18), so no input, however large, can
// reach a LegacyDec operation that panics.

// MaxStrategyAssets bounds the assets of a rule-driven pool, which keeps
// every loop and every product of per-asset values small.
const MaxStrategyAssets = 8

// checkAssetCount accepts 2 ≤ n ≤ MaxStrategyAssets.
func checkAssetCount(n int) error {
	if n < 2 || n > MaxStrategyAssets {
		return errorsmod.Wrapf(ErrLengthMismatch, "%d assets; a strategy needs 2 to %d", n, MaxStrategyAssets)
	}
	return nil
}

// decRawIn is the raw of d if d is set and lo ≤ d ≤ hi (raws; nil means
// unbounded on that side).
func decRawIn(name string, d sdkmath.LegacyDec, lo, hi *big.Int) (*big.Int, error) {
	if d.IsNil() {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "%s is not set", name)
	}
	raw := d.BigInt()
	if (lo != nil && raw.Cmp(lo) < 0) || (hi != nil && raw.Cmp(hi) > 0) {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "%s = %s is out of range", name, d)
	}
	return raw, nil
}

// decRawFits is the raw of d if d is set and fits a LegacyDec's 256 bits.
func decRawFits(name string, d sdkmath.LegacyDec) (*big.Int, error) {
	if d.IsNil() {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "%s is not set", name)
	}
	raw := d.BigInt()
	if raw.BitLen() > sdkmath.MaxBitLen {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "%s has %d bits", name, raw.BitLen())
	}
	return raw, nil
}

// weightRaws checks a normalized weight vector — 2 to MaxStrategyAssets
// entries, each in [0, 1], summing to exactly 1 — and returns its raws.
func weightRaws(name string, ws []sdkmath.LegacyDec) ([]*big.Int, error) {
	if err := checkAssetCount(len(ws)); err != nil {
		return nil, err
	}
	raws := make([]*big.Int, len(ws))
	sum := new(big.Int)
	for i, w := range ws {
		raw, err := decRawIn(name, w, new(big.Int), decOneRaw)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "asset %d", i)
		}
		raws[i] = raw
		sum.Add(sum, raw)
	}
	if sum.Cmp(decOneRaw) != 0 {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "%s sum to %s, not 1", name, sdkmath.LegacyNewDecFromBigIntWithPrec(sum, sdkmath.LegacyPrecision))
	}
	return raws, nil
}

// roundWeights turns exact weights nums[i]/den (in raw units, den > 0, and
// Σ nums = den·10^18 exactly) into LegacyDecs that sum to exactly 1: each is
// rounded to nearest (half away from zero), then the remainder — at most n/2
// units of 10^-18, since the exact sum is 1 — goes to the largest rounded
// weight (the lowest index among equals). It errs if a weight does not fit a
// LegacyDec.
func roundWeights(nums []*big.Int, den *big.Int) ([]sdkmath.LegacyDec, error) {
	raws := make([]*big.Int, len(nums))
	rest := new(big.Int).Set(decOneRaw)
	largest := 0
	for i, num := range nums {
		raws[i] = roundNearest(num, den)
		rest.Sub(rest, raws[i])
		if raws[i].Cmp(raws[largest]) > 0 {
			largest = i
		}
	}
	raws[largest].Add(raws[largest], rest)
	return decsFromRaws(raws)
}

// decsFromRaws converts raws to LegacyDecs, or errs past 256 bits.
func decsFromRaws(raws []*big.Int) ([]sdkmath.LegacyDec, error) {
	out := make([]sdkmath.LegacyDec, len(raws))
	for i, raw := range raws {
		d, err := decFromRaw(raw)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "weight %d", i)
		}
		out[i] = d
	}
	return out, nil
}
