package poolmath

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// CalcOutGivenIn is the amount of the out token a swap of amountIn pays:
//
//	Ao = Bo · (1 − (Bi / (Bi + Ai·(1−fee)))^(wi/wo))
//
// rounded down. Weights need not be normalized; only their ratio counts.
func CalcOutGivenIn(balanceIn, weightIn, balanceOut, weightOut, amountIn sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
	if err := requireAllPositive(arg("balance in", balanceIn), arg("weight in", weightIn),
		arg("balance out", balanceOut), arg("weight out", weightOut), arg("amount in", amountIn)); err != nil {
		return sdkmath.Int{}, err
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.Int{}, err
	}
	// Less effective input, a larger base and a smaller exponent (base < 1)
	// all shrink the amount out: each rounds that way.
	effectiveIn := FixedFromInt(amountIn).MulDown(One().Sub(f))
	bIn := FixedFromInt(balanceIn)
	base := bIn.QuoUp(bIn.Add(effectiveIn))
	exp := FixedRatio(weightIn, weightOut)
	p, err := PowUp(base, exp)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if !p.LT(One()) {
		return sdkmath.ZeroInt(), nil
	}
	return FixedFromInt(balanceOut).MulDown(One().Sub(p)).FloorInt()
}

// CalcInGivenOut is the amount of the in token a swap must pay to take out
// exactly amountOut:
//
//	Ai = Bi · ((Bo / (Bo − Ao))^(wo/wi) − 1) / (1 − fee)
//
// rounded up. amountOut must be below balanceOut.
func CalcInGivenOut(balanceIn, weightIn, balanceOut, weightOut, amountOut sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
	if err := requireAllPositive(arg("balance in", balanceIn), arg("weight in", weightIn),
		arg("balance out", balanceOut), arg("weight out", weightOut), arg("amount out", amountOut)); err != nil {
		return sdkmath.Int{}, err
	}
	if amountOut.GTE(balanceOut) {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrPoolDrained, "amount out %s is not below the balance %s", amountOut, balanceOut)
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.Int{}, err
	}
	// base > 1: rounding base and exponent up raises the amount in.
	bOut := FixedFromInt(balanceOut)
	base := bOut.QuoUp(bOut.Sub(FixedFromInt(amountOut)))
	exp := FixedFromInt(weightOut).QuoUp(FixedFromInt(weightIn))
	p, err := PowUp(base, exp)
	if err != nil {
		return sdkmath.Int{}, err
	}
	beforeFee := FixedFromInt(balanceIn).MulUp(p.Sub(One()))
	return beforeFee.QuoUp(One().Sub(f)).CeilInt()
}

// SpotPrice is the price of the out token in units of the in token,
// (Bi/wi) / (Bo/wo) / (1 − fee), rounded down to 18 digits.
func SpotPrice(balanceIn, weightIn, balanceOut, weightOut sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.LegacyDec, error) {
	if err := requireAllPositive(arg("balance in", balanceIn), arg("weight in", weightIn),
		arg("balance out", balanceOut), arg("weight out", weightOut)); err != nil {
		return sdkmath.LegacyDec{}, err
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	num := FixedFromInt(balanceIn).MulInt(weightOut)
	den := FixedFromInt(balanceOut).MulInt(weightIn).MulUp(One().Sub(f))
	return num.QuoDown(den).LegacyDecDown()
}
