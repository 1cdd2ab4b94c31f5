package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// TokensInForSharesOut is what a proportional join minting sharesOut takes of
// each balance: ceil(B · sharesOut / S).
func TokensInForSharesOut(balances []sdkmath.Int, totalShares, sharesOut sdkmath.Int) ([]sdkmath.Int, error) {
	if err := checkProportional(balances, totalShares, sharesOut); err != nil {
		return nil, err
	}
	return mulDivAll(balances, sharesOut, totalShares, divCeil)
}

// TokensOutForSharesIn is what a proportional exit burning sharesIn pays of
// each balance: floor(B · sharesIn / S). sharesIn must be below S.
func TokensOutForSharesIn(balances []sdkmath.Int, totalShares, sharesIn sdkmath.Int) ([]sdkmath.Int, error) {
	if err := checkProportional(balances, totalShares, sharesIn); err != nil {
		return nil, err
	}
	if sharesIn.GTE(totalShares) {
		return nil, errorsmod.Wrapf(ErrPoolDrained, "%s shares in of %s", sharesIn, totalShares)
	}
	return mulDivAll(balances, sharesIn, totalShares, divFloor)
}

func checkProportional(balances []sdkmath.Int, totalShares, shares sdkmath.Int) error {
	if len(balances) == 0 {
		return errorsmod.Wrap(ErrLengthMismatch, "no balances")
	}
	for _, b := range balances {
		if err := requirePositive("balance", b); err != nil {
			return err
		}
	}
	return requireAllPositive(arg("total shares", totalShares), arg("shares", shares))
}

// mulDivAll is div(b·num, den) for each b, in big integers so that no product
// can overflow; a result past 256 bits is ErrOutOfRange.
func mulDivAll(balances []sdkmath.Int, num, den sdkmath.Int, div func(a, b *big.Int) *big.Int) ([]sdkmath.Int, error) {
	amounts := make([]sdkmath.Int, len(balances))
	for i, b := range balances {
		amt, err := IntFromBig(div(new(big.Int).Mul(b.BigInt(), num.BigInt()), den.BigInt()))
		if err != nil {
			return nil, err
		}
		amounts[i] = amt
	}
	return amounts, nil
}

// MulDivDown is ⌊a·b/c⌋ for c > 0, computed without overflow.
func MulDivDown(a, b, c sdkmath.Int) (sdkmath.Int, error) {
	return IntFromBig(divFloor(new(big.Int).Mul(a.BigInt(), b.BigInt()), c.BigInt()))
}

// MulDivUp is ⌈a·b/c⌉ for c > 0, computed without overflow.
func MulDivUp(a, b, c sdkmath.Int) (sdkmath.Int, error) {
	return IntFromBig(divCeil(new(big.Int).Mul(a.BigInt(), b.BigInt()), c.BigInt()))
}

// CeilDiv is a/b rounded up, for a ≥ 0 and b > 0.
func CeilDiv(a, b sdkmath.Int) sdkmath.Int {
	q := a.Quo(b)
	if !q.Mul(b).Equal(a) {
		q = q.AddRaw(1)
	}
	return q
}
