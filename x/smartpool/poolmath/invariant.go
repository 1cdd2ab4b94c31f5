package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// InvariantDigits is how exact Invariant is: its relative error is below
// 10^-InvariantDigits, so comparisons of V may allow that much and no more.
// A real leak moves V by at least one token unit, over 10^-40 of any balance.
const InvariantDigits = 50

// Invariant is the pool's value function V = Π Bi^wi with normalized weights
// wi, rounded to nearest. Swaps must never lower it and joins and exits must
// never lower V per share; the property tests check exactly that, so V is
// computed far more precisely than any swap moves it.
func Invariant(balances, weights []sdkmath.Int) (Fixed, error) {
	if len(balances) == 0 || len(balances) != len(weights) {
		return Fixed{}, errorsmod.Wrapf(ErrLengthMismatch, "%d balances, %d weights", len(balances), len(weights))
	}
	norm, err := normalizedWeights(balances, weights)
	if err != nil {
		return Fixed{}, err
	}
	// ln V = Σ wi·ln Bi, at work precision, then one exp.
	lnV := new(big.Int)
	for i, b := range balances {
		workB := new(big.Int).Mul(b.BigInt(), workOne)
		workW := new(big.Int).Mul(norm[i].raw, workToFixed)
		lnV.Add(lnV, workMul(workW, workLn(workB)))
	}
	if lnV.Cmp(workMaxArg) > 0 {
		return Fixed{}, errorsmod.Wrap(ErrOutOfRange, "pool value too large")
	}
	return Fixed{roundNearest(workExpFn(lnV), workToFixed)}, nil
}
