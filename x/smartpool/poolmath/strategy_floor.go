package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// MaxFloorMultiplier bounds the CPPI multiplier m.
const MaxFloorMultiplier = 1000

var maxFloorMultiplierRaw = new(big.Int).Mul(big.NewInt(MaxFloorMultiplier), decOneRaw)

// FloorTargets is CPPI-style floor protection for a treasury pool. With the
// share value V > 0 (at TWAP prices, computed by the caller) and the floor
// F ≥ 0 per share, the cushion is c = max(0, V − F)/V and the risky share is
// R = min(1, m·c) for the multiplier m ∈ [0, MaxFloorMultiplier]. The safe
// asset (index safe) gets 1 − R; every other asset i gets R·b_i / Σ_{j≠safe}
// b_j, in proportion to its base weight b (normalized, as for the rules).
// If the base weights put everything on the safe asset, so does the target.
// Rounding as roundWeights.
func FloorTargets(baseWeights []sdkmath.LegacyDec, safe int, shareValue, floor, multiplier sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	b, err := weightRaws("base weights", baseWeights)
	if err != nil {
		return nil, err
	}
	if safe < 0 || safe >= len(b) {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "safe asset %d of %d", safe, len(b))
	}
	v, err := decRawFits("share value", shareValue)
	if err != nil {
		return nil, err
	}
	if v.Sign() <= 0 {
		return nil, errorsmod.Wrapf(ErrNonPositive, "share value must be positive, got %s", shareValue)
	}
	f, err := decRawFits("floor", floor)
	if err != nil {
		return nil, err
	}
	if f.Sign() < 0 {
		return nil, errorsmod.Wrapf(ErrOutOfRange, "floor must not be negative, got %s", floor)
	}
	m, err := decRawIn("multiplier", multiplier, new(big.Int), maxFloorMultiplierRaw)
	if err != nil {
		return nil, err
	}
	// R = risky/full with full = V·10^18 and risky = min(full, m·max(0, V−F)), raws.
	full := new(big.Int).Mul(v, decOneRaw)
	risky := new(big.Int).Sub(v, f)
	if risky.Sign() < 0 {
		risky.SetInt64(0)
	}
	risky.Mul(risky, m)
	if risky.Cmp(full) > 0 {
		risky.Set(full)
	}
	others := new(big.Int).Sub(sumBig(b), b[safe]) // Σ_{j≠safe} b_j
	if others.Sign() == 0 {
		risky.SetInt64(0)
		others.SetInt64(1)
	}
	// raw w_i = 10^18·risky·b_i / (full·others), raw w_safe = 10^18·(full − risky)·others / (full·others).
	nums := make([]*big.Int, len(b))
	for i := range b {
		if i == safe {
			nums[i] = new(big.Int).Sub(full, risky)
			nums[i].Mul(nums[i], others)
		} else {
			nums[i] = new(big.Int).Mul(risky, b[i])
		}
		nums[i].Mul(nums[i], decOneRaw)
	}
	return roundWeights(nums, full.Mul(full, others))
}
