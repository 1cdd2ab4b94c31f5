package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// CalcSharesOutGivenTokensIn is the shares a deposit of any amounts of any
// subset of the pool's assets mints (amounts[i] may be zero). The deposit is
// split into the largest proportional part, which pays no fee, and the rest,
// which is in effect swapped and pays the fee:
//
//	r̄ = Σ wi · (Bi + Ai) / Bi                 (weighted mean growth)
//	Ai' = Ai                                   if (Bi + Ai)/Bi ≤ r̄
//	Ai' = Bi(r̄−1) + (Ai − Bi(r̄−1))·(1−fee)    otherwise
//	S'  = S · Π ((Bi + Ai') / Bi)^wi − S
//
// rounded down. For a single asset this equals CalcSharesOutGivenSingleIn.
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
	norm, err := normalizedWeights(balances, weights)
	if err != nil {
		return sdkmath.Int{}, err
	}
	ratios := make([]Fixed, len(balances))
	meanRatio := FixedFromRaw(new(big.Int))
	anyIn := false
	for i, b := range balances {
		if err := requireNonNegative("amount", amounts[i]); err != nil {
			return sdkmath.Int{}, err
		}
		anyIn = anyIn || amounts[i].IsPositive()
		ratios[i] = FixedFromInt(amounts[i]).QuoDown(FixedFromInt(b)).Add(One()) // (b+a)/b without an overflowing sum
		meanRatio = meanRatio.Add(norm[i].MulDown(ratios[i]))
	}
	if !anyIn {
		return sdkmath.Int{}, errorsmod.Wrap(ErrNonPositive, "no amount in")
	}
	// Every step below rounds the growth of the pool down.
	invariantRatio := One()
	for i, b := range balances {
		if amounts[i].IsZero() {
			continue
		}
		bi := FixedFromInt(b)
		effectiveIn := FixedFromInt(amounts[i])
		if ratios[i].GT(meanRatio) {
			feeFree := bi.MulDown(meanRatio.Sub(One()))
			taxable := effectiveIn.Sub(feeFree)
			effectiveIn = feeFree.Add(taxable.MulDown(One().Sub(f)))
		}
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
