package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// LnDec is ln(x) for x > 0, rounded to nearest at 18 decimals: the circuit
// breakers' band limit ln(1 + max_price_deviation), computed once per check.
func LnDec(x sdkmath.LegacyDec) (sdkmath.LegacyDec, error) {
	if x.IsNil() || !x.IsPositive() {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrOutOfRange, "ln(%s): the argument must be positive", x)
	}
	work := new(big.Int).Mul(x.BigInt(), workToDec)
	return sdkmath.LegacyNewDecFromBigIntWithPrec(roundNearest(workLn(work), workToDec), sdkmath.LegacyPrecision), nil
}
