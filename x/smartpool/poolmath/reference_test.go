package poolmath

import (
	"math"
	"math/big"
)

// The reference power used by the precision tests: big.Float at refBits
// (≈ 150 decimal digits) with algorithms independent of the package's own —
// exp by argument halving and squaring, ln by Halley iteration on exp — so a
// shared mistake cannot hide.
const refBits = 500

func refFloat(x *big.Float) *big.Float { return new(big.Float).SetPrec(refBits).Set(x) }

func refFromFixed(f Fixed) *big.Float {
	num := new(big.Float).SetPrec(refBits).SetInt(f.raw)
	den := new(big.Float).SetPrec(refBits).SetInt(oneRaw)
	return num.Quo(num, den)
}

// refExp is e^x: x/2^k with |x/2^k| < 2^-20, Taylor series, k squarings.
func refExp(x *big.Float) *big.Float {
	r := refFloat(x)
	k := 0
	limit := new(big.Float).SetMantExp(big.NewFloat(1), -20)
	for new(big.Float).Abs(r).Cmp(limit) > 0 {
		r.SetMantExp(r, -1)
		k++
	}
	sum := new(big.Float).SetPrec(refBits).SetInt64(1)
	term := new(big.Float).SetPrec(refBits).SetInt64(1)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -refBits-10)
	for n := int64(1); n < 1000; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(refBits).SetInt64(n))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	for ; k > 0; k-- {
		sum.Mul(sum, sum)
	}
	return sum
}

// refLn solves e^y = x by Halley's method, y += 2(x − e^y)/(x + e^y), from
// a float64 first guess (tests only); convergence is cubic.
func refLn(x *big.Float) *big.Float {
	mant := new(big.Float)
	exp := x.MantExp(mant)
	m, _ := mant.Float64()
	y := new(big.Float).SetPrec(refBits).SetFloat64(math.Log(m) + float64(exp)*math.Ln2)
	for i := 0; i < 8; i++ {
		ey := refExp(y)
		num := new(big.Float).SetPrec(refBits).Sub(x, ey)
		den := new(big.Float).SetPrec(refBits).Add(x, ey)
		num.Quo(num, den)
		y.Add(y, num.Add(num, num))
	}
	return y
}

func refPow(base, exp Fixed) *big.Float {
	if base.Sign() == 0 {
		return new(big.Float).SetPrec(refBits)
	}
	t := new(big.Float).SetPrec(refBits).Mul(refFromFixed(exp), refLn(refFromFixed(base)))
	return refExp(t)
}

// relErr is |got − want| / |want|.
func relErr(got Fixed, want *big.Float) *big.Float {
	d := new(big.Float).SetPrec(refBits).Sub(refFromFixed(got), want)
	d.Abs(d)
	return d.Quo(d, new(big.Float).Abs(want))
}
