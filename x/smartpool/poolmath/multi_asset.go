package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// CalcSharesOutGivenTokensIn is the shares a deposit of any amounts of any
// subset of the pool's assets mints (amounts[i] may be zero). The deposit's
// largest proportional part pays no fee; the rest of its value, the fraction
// Z, is in effect swapped, and the fee on it is levied on every deposited
// amount alike:
//
//	gi = Ai / Bi                       (growth of asset i)
//	M  = Σ wi·gi                       (weighted mean growth)
//	Z  = Σ_{gi > M} wi·(gi − M) / M    (share of the value beyond the proportional part)
//	κ  = (1 − fee)^Z
//	S' = S · Π ((Bi + Ai·κ) / Bi)^wi − S
//
// rounded down. A deposit of one asset has Z = 1 − w, so κ is the
// single-asset join's factor φ (JoinExitFeeFactor) and the result equals
// CalcSharesOutGivenSingleIn (for totalWeight = Σ weights) exactly, by the
// same computation. A proportional deposit has Z = 0 and pays nothing.
//
// Why one common factor rather than Balancer's fee on the excess amounts
// alone (with any per-asset factor): charging only the excess evens out the
// effective growths, which the concave invariant rewards, so a deposit of A
// and C followed by a single-asset exit into B paid more than swapping A and
// C into B (TestExcessOnlyFeeLetsUnevenJoinBeatSwaps). With the common
// factor it cannot: for an asset B not deposited Σ_{gi<M} wi·(M − gi) ≥
// wB·M, so Z ≥ wB, the exit's factor times κ is (1−fee)^(1−wB+Z) ≤ 1 − fee,
// and by concavity, asset by asset, the detour pays at most the swaps.
func CalcSharesOutGivenTokensIn(balances, weights []sdkmath.Int, totalShares sdkmath.Int, amounts []sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
	if len(balances) == 0 || len(balances) != len(weights) || len(balances) != len(amounts) {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrLengthMismatch, "%d balances, %d weights, %d amounts", len(balances), len(weights), len(amounts))
	}
	if err := requirePositive("total shares", totalShares); err != nil {
		return sdkmath.Int{}, err
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.Int{}, err
	}
	norm, kappa, err := depositFeeFactor(balances, weights, amounts, f)
	if err != nil {
		return sdkmath.Int{}, err
	}
	// Every step below rounds the growth of the pool down.
	invariantRatio := One()
	for i, b := range balances {
		if amounts[i].IsZero() {
			continue
		}
		bi := FixedFromInt(b)
		effectiveIn := FixedFromInt(amounts[i]).MulDown(kappa)
		p, err := PowDown(bi.Add(effectiveIn).QuoDown(bi), norm[i])
		if err != nil {
			return sdkmath.Int{}, err
		}
		invariantRatio = invariantRatio.MulDown(p)
	}
	if !invariantRatio.GT(One()) {
		return sdkmath.ZeroInt(), nil
	}
	return FixedFromInt(totalShares).MulDown(invariantRatio.Sub(One())).FloorInt()
}

// swappedFraction is Z = Σ_{gi > M} wi·(gi − M) / M with M = Σ wi·gi, the
// share of a deposit's value beyond its largest proportional part, rounded
// up (more fee): M rounds down, the excess up. It is at most 1; a deposit
// too small for M to show pays the full fee (Z = 1).
func swappedFraction(norm, growths []Fixed) Fixed {
	mean := FixedFromRaw(new(big.Int))
	for i, g := range growths {
		mean = mean.Add(norm[i].MulDown(g))
	}
	if mean.Sign() <= 0 {
		return One()
	}
	excess := FixedFromRaw(new(big.Int))
	for i, g := range growths {
		if g.GT(mean) {
			excess = excess.Add(norm[i].MulUp(g.Sub(mean)))
		}
	}
	z := excess.QuoUp(mean)
	if z.GT(One()) {
		return One()
	}
	return z
}

// normalizedWeights checks balances and weights and returns wi/Σw, rounded down.
func normalizedWeights(balances, weights []sdkmath.Int) ([]Fixed, error) {
	total := sdkmath.ZeroInt()
	for i := range balances {
		if err := requireAllPositive(arg("balance", balances[i]), arg("weight", weights[i])); err != nil {
			return nil, err
		}
		total = total.Add(weights[i])
	}
	norm := make([]Fixed, len(weights))
	for i, w := range weights {
		norm[i] = FixedRatio(w, total)
	}
	return norm, nil
}

// DepositFeeFactor is κ, the factor CalcSharesOutGivenTokensIn counts each
// amount of a deposit at: 1 − κ of every amount is the deposit's fee.
func DepositFeeFactor(balances, weights, amounts []sdkmath.Int, fee sdkmath.LegacyDec) (Fixed, error) {
	if len(balances) == 0 || len(balances) != len(weights) || len(balances) != len(amounts) {
		return Fixed{}, errorsmod.Wrapf(ErrLengthMismatch, "%d balances, %d weights, %d amounts", len(balances), len(weights), len(amounts))
	}
	f, err := feeFixed(fee)
	if err != nil {
		return Fixed{}, err
	}
	_, kappa, err := depositFeeFactor(balances, weights, amounts, f)
	return kappa, err
}

// depositFeeFactor returns the normalized weights and κ = (1 − f)^Z of a
// deposit, Z the share of its value beyond its proportional part.
func depositFeeFactor(balances, weights, amounts []sdkmath.Int, f Fixed) ([]Fixed, Fixed, error) {
	norm, err := normalizedWeights(balances, weights)
	if err != nil {
		return nil, Fixed{}, err
	}
	growths := make([]Fixed, len(balances))
	deposited, last := 0, 0
	for i, b := range balances {
		if err := requireNonNegative("amount", amounts[i]); err != nil {
			return nil, Fixed{}, err
		}
		if amounts[i].IsPositive() {
			deposited, last = deposited+1, i
		}
		growths[i] = FixedFromInt(amounts[i]).QuoDown(FixedFromInt(b))
	}
	if deposited == 0 {
		return nil, Fixed{}, errorsmod.Wrap(ErrNonPositive, "no amount in")
	}
	// One asset: exactly the single-asset join's 1 − w, which the general
	// formula gives only up to its roundings.
	swapped := One().Sub(norm[last])
	if deposited > 1 {
		swapped = swappedFraction(norm, growths)
	}
	kappa, err := swappedFeeFactor(f, swapped)
	return norm, kappa, err
}

// FeeOfAmount is the fee part of an amount counted at factor: floor(amount·(1 − factor)),
// rounded down so that what is booked as fee never exceeds what the math left uncounted.
func FeeOfAmount(amount sdkmath.Int, factor Fixed) sdkmath.Int {
	if !amount.IsPositive() || !factor.LT(One()) {
		return sdkmath.ZeroInt()
	}
	fee, err := FixedFromInt(amount).MulDown(One().Sub(factor)).FloorInt()
	if err != nil || fee.IsNegative() {
		return sdkmath.ZeroInt()
	}
	return fee
}
