package poolmath

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// CalcSharesOutGivenSingleIn is the shares a deposit of amountIn of one asset
// mints. Only the share w of the deposit matches the pool's proportions; the
// rest is in effect swapped, so the amount counts only its part
// φ = (1 − fee)^(1−w) left by the fee (see JoinExitFeeFactor for why this
// form: no join-then-exit detour may beat a swap):
//
//	S' = S · ((Bi + Ai·φ) / Bi)^w − S,  w = wi/Σw
//
// rounded down.
func CalcSharesOutGivenSingleIn(balanceIn, weightIn, totalWeight, totalShares, amountIn sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
	if err := requireAllPositive(arg("balance in", balanceIn), arg("weight in", weightIn),
		arg("total weight", totalWeight), arg("total shares", totalShares), arg("amount in", amountIn)); err != nil {
		return sdkmath.Int{}, err
	}
	w, err := normalizedWeight(weightIn, totalWeight)
	if err != nil {
		return sdkmath.Int{}, err
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.Int{}, err
	}
	// base > 1: every rounding lowers it or its exponent, so fewer shares.
	feeFactor, err := joinExitFeeFactor(f, w)
	if err != nil {
		return sdkmath.Int{}, err
	}
	effectiveIn := FixedFromInt(amountIn).MulDown(feeFactor)
	bIn := FixedFromInt(balanceIn)
	base := bIn.Add(effectiveIn).QuoDown(bIn)
	p, err := PowDown(base, w)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if !p.GT(One()) {
		return sdkmath.ZeroInt(), nil
	}
	return FixedFromInt(totalShares).MulDown(p.Sub(One())).FloorInt()
}

// CalcSingleOutGivenSharesIn is the amount of one asset an exit burning
// sharesIn pays, the mirror of CalcSharesOutGivenSingleIn: all but the share
// w of the payout is in effect swapped from the pool's other assets, so it
// keeps only the part φ = (1 − fee)^(1−w) the fee leaves (see
// JoinExitFeeFactor):
//
//	Ao = Bo · (1 − ((S − s) / S)^(1/w)) · φ,  w = wo/Σw
//
// rounded down. sharesIn must be below S.
func CalcSingleOutGivenSharesIn(balanceOut, weightOut, totalWeight, totalShares, sharesIn sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
	out, _, err := CalcSingleOutAndFeeGivenSharesIn(balanceOut, weightOut, totalWeight, totalShares, sharesIn, fee)
	return out, err
}

// CalcSingleOutAndFeeGivenSharesIn is CalcSingleOutGivenSharesIn with the
// exit's fee: floor(A_before·(1 − φ)), which stays in the pool; rounded down,
// it is never more than what the exit withheld.
func CalcSingleOutAndFeeGivenSharesIn(balanceOut, weightOut, totalWeight, totalShares, sharesIn sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, sdkmath.Int, error) {
	zero := sdkmath.ZeroInt()
	if err := requireAllPositive(arg("balance out", balanceOut), arg("weight out", weightOut),
		arg("total weight", totalWeight), arg("total shares", totalShares), arg("shares in", sharesIn)); err != nil {
		return sdkmath.Int{}, sdkmath.Int{}, err
	}
	if sharesIn.GTE(totalShares) {
		return sdkmath.Int{}, sdkmath.Int{}, errorsmod.Wrapf(ErrPoolDrained, "%s shares in of %s", sharesIn, totalShares)
	}
	w, err := normalizedWeight(weightOut, totalWeight)
	if err != nil {
		return sdkmath.Int{}, sdkmath.Int{}, err
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.Int{}, sdkmath.Int{}, err
	}
	// base < 1: a larger base and a smaller exponent both shrink the payout.
	s := FixedFromInt(totalShares)
	base := s.Sub(FixedFromInt(sharesIn)).QuoUp(s)
	exp := FixedFromInt(totalWeight).QuoDown(FixedFromInt(weightOut))
	p, err := PowUp(base, exp)
	if err != nil {
		return sdkmath.Int{}, sdkmath.Int{}, err
	}
	if !p.LT(One()) {
		return zero, zero, nil
	}
	beforeFee := FixedFromInt(balanceOut).MulDown(One().Sub(p))
	feeFactor, err := joinExitFeeFactor(f, w)
	if err != nil {
		return sdkmath.Int{}, sdkmath.Int{}, err
	}
	out, err := beforeFee.MulDown(feeFactor).FloorInt()
	if err != nil {
		return sdkmath.Int{}, sdkmath.Int{}, err
	}
	return out, FeeOfAmountFixed(beforeFee, feeFactor), nil
}

// normalizedWeight is weight/totalWeight rounded down, checked to lie in (0, 1].
func normalizedWeight(weight, totalWeight sdkmath.Int) (Fixed, error) {
	if weight.GT(totalWeight) {
		return Fixed{}, errorsmod.Wrapf(ErrOutOfRange, "weight %s exceeds the total weight %s", weight, totalWeight)
	}
	return FixedRatio(weight, totalWeight), nil
}

// FeeOfAmountFixed is floor(amount·(1 − factor)) of a fixed-point amount.
func FeeOfAmountFixed(amount, factor Fixed) sdkmath.Int {
	if amount.Sign() <= 0 || !factor.LT(One()) {
		return sdkmath.ZeroInt()
	}
	fee, err := amount.MulDown(One().Sub(factor)).FloorInt()
	if err != nil || fee.IsNegative() {
		return sdkmath.ZeroInt()
	}
	return fee
}
