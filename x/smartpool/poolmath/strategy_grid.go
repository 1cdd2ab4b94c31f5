package poolmath

import (
	"math/big"
	"sort"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// SnapToGrid turns normalized weights x (2 to MaxStrategyAssets, each in
// [0, 1], Σx = 1 exactly) into raw weights on a grid of unit steps that sum
// to exactly unit, each ⌊x_i·unit⌋ or ⌈x_i·unit⌉ (see GridShares). Any bound
// on the grid that x meets, the result meets too: rails rounded inward onto
// the grid hold exactly.
func SnapToGrid(x []sdkmath.LegacyDec, unit sdkmath.Int) ([]sdkmath.Int, error) {
	raws, err := weightRaws("weights", x)
	if err != nil {
		return nil, err
	}
	nums := make([]sdkmath.Int, len(raws))
	for i, r := range raws {
		nums[i] = sdkmath.NewIntFromBigInt(r)
	}
	return GridShares(nums, unit)
}

// GridShares splits unit > 0 in proportion to nums (non-negative, positive
// sum S, at most 256 bits each): share i is ⌊nums_i·unit/S⌋ or one more. The
// floors leave a deficit d of whole steps; the remainders nums_i·unit mod S
// sum to exactly d·S, so fewer than the count of non-zero remainders get
// one more step: those with the largest remainders, the lowest index among
// equals. So each share lies between the floor and the ceiling of its exact
// value, and the shares sum to exactly unit.
func GridShares(nums []sdkmath.Int, unit sdkmath.Int) ([]sdkmath.Int, error) {
	if unit.IsNil() || !unit.IsPositive() {
		return nil, errorsmod.Wrap(ErrNonPositive, "grid unit must be positive")
	}
	total := new(big.Int)
	for i, n := range nums {
		if n.IsNil() || n.IsNegative() {
			return nil, errorsmod.Wrapf(ErrOutOfRange, "share %d must not be negative", i)
		}
		total.Add(total, n.BigInt())
	}
	if total.Sign() == 0 {
		return nil, errorsmod.Wrap(ErrNonPositive, "the shares sum to zero")
	}
	u := unit.BigInt()
	floors := make([]*big.Int, len(nums))
	rems := make([]*big.Int, len(nums))
	deficit := new(big.Int).Set(u)
	for i, n := range nums {
		floors[i], rems[i] = new(big.Int).QuoRem(new(big.Int).Mul(n.BigInt(), u), total, new(big.Int))
		deficit.Sub(deficit, floors[i])
	}
	order := make([]int, len(nums))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]].Cmp(rems[order[b]]) > 0 })
	d := deficit.Int64() // 0 ≤ d < len(nums): see above
	out := make([]sdkmath.Int, len(nums))
	for rank, i := range order {
		if int64(rank) < d {
			floors[i].Add(floors[i], big.NewInt(1))
		}
		out[i] = sdkmath.NewIntFromBigInt(floors[i])
	}
	return out, nil
}
