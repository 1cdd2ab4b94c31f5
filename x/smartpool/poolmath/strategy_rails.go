package poolmath

import (
	"math/big"
	"sort"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// ClipToRails moves a rule's proposed weights onto the guard rails: it
// returns the x closest to proposed p in the Euclidean norm among those with
//
//	lo_i ≤ x_i ≤ hi_i,  lo_i = max(minW, c_i − δ),  hi_i = min(maxW, c_i + δ),  Σ x_i = 1,
//
// where c is the current weights (normalized: 2 to MaxStrategyAssets entries
// in [0, 1] summing to exactly 1), 0 ≤ minW ≤ maxW ≤ 1 and δ =
// maxChangePerUpdate in [0, 1]; then rounded to 18 digits (below). Proposals may
// lie anywhere a LegacyDec reaches, negative included.
//
// Why this point. The set is a box cut by a hyperplane, convex and closed, so
// the nearest point is unique, and the KKT conditions of min ½‖x − p‖² say it
// is x(τ) = clamp(p + τ, lo, hi) for the τ with f(τ) = Σ_i x_i(τ) = 1: "shift
// everything by the same amount, clip, redistribute" in closed form.
//
// Finding τ. f is continuous, non-decreasing and linear between the 2n
// breakpoints lo_i − p_i and hi_i − p_i, with f = Σlo at and below the least
// of them and Σhi at and above the greatest. So the set is non-empty exactly
// when Σlo ≤ 1 ≤ Σhi (intermediate value theorem; else ErrInfeasibleRails,
// which covers n·minW > 1, n·maxW < 1, and a current weight more than δ
// outside [minW, maxW]). The scan visits the sorted breakpoints once, so it
// ends after at most 2n evaluations of f: at the first breakpoint b with
// f(b) ≥ 1. If f(b) = 1, τ = b. Otherwise the previous breakpoint a has f(a)
// < 1, and on [a, b] the k ≥ 1 coordinates with lo_i − p_i ≤ a and
// b ≤ hi_i − p_i move with slope one while the rest stay put, so τ = a + D/k
// with D = 1 − f(a) < k·(b − a).
//
// Rounding. Every breakpoint, lo, hi and p is an 18-digit decimal, so only
// D/k can be off the grid, and it is the same for all k moving coordinates.
// They get ⌊D/k⌋ units of 10^-18 each, and the remainder, D mod k < k units,
// one each to the largest of them (the lowest index among equals). A
// coordinate that gets one more unit had an exact value strictly between two
// grid points, below hi_i, so it stays ≤ hi_i; none drops below lo_i. So
// the result meets every bound, sums to exactly 1, and is within one unit of
// 10^-18 of the exact nearest point in every coordinate.
func ClipToRails(current, proposed []sdkmath.LegacyDec, minW, maxW, maxChangePerUpdate sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	lo, hi, p, err := railBounds(current, proposed, minW, maxW, maxChangePerUpdate)
	if err != nil {
		return nil, err
	}
	if sumBig(lo).Cmp(decOneRaw) > 0 || sumBig(hi).Cmp(decOneRaw) < 0 {
		return nil, errorsmod.Wrapf(ErrInfeasibleRails, "the bounds sum to [%s, %s], which excludes 1", decString(sumBig(lo)), decString(sumBig(hi)))
	}
	breaks := make([]*big.Int, 0, 2*len(p))
	for i := range p {
		breaks = append(breaks, new(big.Int).Sub(lo[i], p[i]), new(big.Int).Sub(hi[i], p[i]))
	}
	sort.Slice(breaks, func(i, j int) bool { return breaks[i].Cmp(breaks[j]) < 0 })
	var prev *big.Int
	for _, b := range breaks {
		x := clampShift(p, lo, hi, b)
		switch c := sumBig(x).Cmp(decOneRaw); {
		case c == 0:
			return decsFromRaws(x)
		case c > 0 && prev != nil: // f at the least breakpoint is Σlo ≤ 1, so prev is set
			return decsFromRaws(fillSegment(p, lo, hi, prev, b))
		}
		prev = b
	}
	// Unreachable: f at the greatest breakpoint is Σhi ≥ 1, and f at the
	// least is Σlo ≤ 1.
	return nil, errorsmod.Wrap(ErrInfeasibleRails, "no shift reaches a sum of 1")
}

// railBounds checks the inputs and returns lo, hi and the proposal as raws.
func railBounds(current, proposed []sdkmath.LegacyDec, minW, maxW, maxChange sdkmath.LegacyDec) (lo, hi, p []*big.Int, err error) {
	c, err := weightRaws("current weights", current)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(proposed) != len(c) {
		return nil, nil, nil, errorsmod.Wrapf(ErrLengthMismatch, "%d current and %d proposed weights", len(c), len(proposed))
	}
	minRawW, err := decRawIn("minimum weight", minW, new(big.Int), decOneRaw)
	if err != nil {
		return nil, nil, nil, err
	}
	maxRawW, err := decRawIn("maximum weight", maxW, minRawW, decOneRaw)
	if err != nil {
		return nil, nil, nil, err
	}
	delta, err := decRawIn("maximum change", maxChange, new(big.Int), decOneRaw)
	if err != nil {
		return nil, nil, nil, err
	}
	lo, hi, p = make([]*big.Int, len(c)), make([]*big.Int, len(c)), make([]*big.Int, len(c))
	for i := range c {
		if p[i], err = decRawFits("proposed weight", proposed[i]); err != nil {
			return nil, nil, nil, errorsmod.Wrapf(err, "asset %d", i)
		}
		lo[i] = maxBig(minRawW, new(big.Int).Sub(c[i], delta))
		hi[i] = minRaw(maxRawW, new(big.Int).Add(c[i], delta))
		if lo[i].Cmp(hi[i]) > 0 {
			return nil, nil, nil, errorsmod.Wrapf(ErrInfeasibleRails, "asset %d: weight %s is more than %s outside [%s, %s]", i, current[i], maxChange, minW, maxW)
		}
	}
	return lo, hi, p, nil
}

// clampShift is clamp(p_i + tau, lo_i, hi_i) for every i.
func clampShift(p, lo, hi []*big.Int, tau *big.Int) []*big.Int {
	x := make([]*big.Int, len(p))
	for i := range p {
		x[i] = new(big.Int).Set(maxBig(lo[i], minRaw(hi[i], new(big.Int).Add(p[i], tau))))
	}
	return x
}

// fillSegment is the rounded x(τ) for τ in (a, b) between consecutive
// breakpoints with f(a) < 1 < f(b) (see ClipToRails).
func fillSegment(p, lo, hi []*big.Int, a, b *big.Int) []*big.Int {
	x := clampShift(p, lo, hi, a)
	var moving []int
	for i := range p {
		if new(big.Int).Sub(lo[i], p[i]).Cmp(a) <= 0 && new(big.Int).Sub(hi[i], p[i]).Cmp(b) >= 0 {
			moving = append(moving, i)
		}
	}
	if len(moving) == 0 { // unreachable: f(b) > f(a) needs a moving coordinate
		return x
	}
	d := new(big.Int).Sub(decOneRaw, sumBig(x))
	q, r := d.QuoRem(d, big.NewInt(int64(len(moving))), new(big.Int))
	for _, i := range moving {
		x[i].Add(x[i], q)
	}
	// Largest first, lowest index among equals: sort.SliceStable keeps the
	// index order of ties.
	sort.SliceStable(moving, func(s, t int) bool { return x[moving[s]].Cmp(x[moving[t]]) > 0 })
	for _, i := range moving[:r.Int64()] {
		x[i].Add(x[i], big.NewInt(1))
	}
	return x
}

func decString(raw *big.Int) string {
	return sdkmath.LegacyNewDecFromBigIntWithPrec(raw, sdkmath.LegacyPrecision).String()
}
