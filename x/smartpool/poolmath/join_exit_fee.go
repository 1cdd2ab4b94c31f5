package poolmath

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// JoinExitFeeFactor is the part of a single-asset join's amount in, or of a
// single-asset exit's amount out, that the fee leaves, for an asset of
// normalized weight w in (0, 1]:
//
//	φ(fee, w) = (1 − fee)^(1 − w)
//
// rounded down (more fee). Why this form and not Balancer's 1 − (1−w)·fee:
// a join of A followed by an exit into B (or an exit into B followed by a
// join of A) must never pay more than the swap A→B. With Balancer's factor
// the two fees multiply to 1 − f + wA·wB·f² > 1 − f in a two-asset pool, so
// the detour was cheaper than the swap. With φ they multiply to
// (1−f)^(2−wA−wB) ≤ 1 − f in every pool (wA + wB ≤ 1), and since the payout
// is concave in the effective amount, the detour pays at most the swap. To
// first order in the fee φ is Balancer's factor; it is never larger.
func JoinExitFeeFactor(fee sdkmath.LegacyDec, normalizedWeight Fixed) (Fixed, error) {
	f, err := feeFixed(fee)
	if err != nil {
		return Fixed{}, err
	}
	if normalizedWeight.raw == nil {
		return Fixed{}, errorsmod.Wrap(ErrOutOfRange, "normalized weight is not set")
	}
	if normalizedWeight.Sign() <= 0 || normalizedWeight.GT(One()) {
		return Fixed{}, errorsmod.Wrapf(ErrOutOfRange, "normalized weight must be in (0, 1], got %s", normalizedWeight)
	}
	return joinExitFeeFactor(f, normalizedWeight)
}

// joinExitFeeFactor is φ(f, w) for checked 0 ≤ f < 1 and 0 < w ≤ 1: a
// single asset's deposit or payout is in effect swapped but for its share w.
func joinExitFeeFactor(f, w Fixed) (Fixed, error) {
	return swappedFeeFactor(f, One().Sub(w))
}

// swappedFeeFactor is (1 − f)^z, what the fee leaves of a deposit or payout
// of which the fraction z of the value is in effect swapped, rounded down.
// The base 1 − f lies in (0, 1], so the power rounded down, and z rounded up
// by the callers, both mean more fee.
func swappedFeeFactor(f, z Fixed) (Fixed, error) {
	return PowDown(One().Sub(f), z)
}
