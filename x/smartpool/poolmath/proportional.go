package poolmath

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// TokensInForSharesOut is what a proportional join minting sharesOut takes of
// each balance: ceil(B · sharesOut / S).
func TokensInForSharesOut(balances []sdkmath.Int, totalShares, sharesOut sdkmath.Int) ([]sdkmath.Int, error) {
	if err := checkProportional(balances, totalShares, sharesOut); err != nil {
		return nil, err
	}
	amounts := make([]sdkmath.Int, len(balances))
	for i, b := range balances {
		amounts[i] = CeilDiv(b.Mul(sharesOut), totalShares)
	}
	return amounts, nil
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
	amounts := make([]sdkmath.Int, len(balances))
	for i, b := range balances {
		amounts[i] = b.Mul(sharesIn).Quo(totalShares)
	}
	return amounts, nil
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

// CeilDiv is a/b rounded up, for a ≥ 0 and b > 0.
func CeilDiv(a, b sdkmath.Int) sdkmath.Int {
	q := a.Quo(b)
	if !q.Mul(b).Equal(a) {
		q = q.AddRaw(1)
	}
	return q
}
