package poolmath

import "math/big"

// workSignedPow is sign(g)·|g|^q at work precision (workOne = 1), for a
// gradient raw g (10^-18 units, |g| ≤ 2·MaxAbsLogPrice) and an exponent raw
// q in (1, MaxPowerExponent]: e^(q·ln|g|) by the same integer ln and exp as
// Pow. The bounds keep q·ln|g| ≤ 16·ln 2000 < 122 below the exponential's
// limit; a result below e^-276 (< 10^-119) is 0, far under a weight's last
// digit even after the largest κ.
func workSignedPow(g, q *big.Int) *big.Int {
	if g.Sign() == 0 {
		return new(big.Int)
	}
	base := new(big.Int).Abs(g)
	base.Mul(base, workToDec)
	t := workMul(new(big.Int).Mul(q, workToDec), workLn(base))
	if t.Cmp(new(big.Int).Neg(workMaxArg)) < 0 {
		return new(big.Int)
	}
	p := workExpFn(t)
	if g.Sign() < 0 {
		p.Neg(p)
	}
	return p
}
