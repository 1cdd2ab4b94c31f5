package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
)

// The power is computed as exp(y·ln x) at workDigits fractional digits, 12
// more than a Fixed holds, so that the series' truncation and the reduction
// steps stay far below a Fixed's last digit.
const workDigits = Precision + 12

// PowMarginDigits sets the relative margin PowUp and PowDown add, 10^-40, on
// top of one unit in the last place. Pow's error is below 10^-55 relative plus
// half a unit in the last place, so the margin always covers it, yet it moves
// a token amount by less than one unit for any balance below 10^40.
const PowMarginDigits = 40

// maxExpArg bounds |y·ln x|: e^±276 ≈ 10^±120 is far beyond any pool value.
const maxExpArg = 276

var (
	workOne     = pow10(workDigits)
	workToFixed = pow10(workDigits - Precision)
	workLn2     = lnSeries(new(big.Int).Mul(big.NewInt(2), workOne))
	workMaxArg  = new(big.Int).Mul(big.NewInt(maxExpArg), workOne)
	powMargin   = pow10(PowMarginDigits)
)

// Pow is base^exp, for base ≥ 0 and exp ≥ 0. Before its final rounding to
// nearest at 60 digits the relative error is below 1e-55, so results above
// 1e-30 are within 1e-30 (TestPowPrecision logs the worst case). Use PowUp or
// PowDown where the rounding direction matters.
func Pow(base, exp Fixed) (Fixed, error) {
	if base.Sign() < 0 || exp.Sign() < 0 {
		return Fixed{}, errorsmod.Wrapf(ErrOutOfRange, "pow(%s, %s): base and exponent must not be negative", base, exp)
	}
	switch {
	case exp.Sign() == 0, base.IsOne():
		return One(), nil
	case base.Sign() == 0:
		return FixedFromRaw(big.NewInt(0)), nil
	}
	// t = exp · ln(base), at work precision.
	workBase := new(big.Int).Mul(base.raw, workToFixed)
	workExp := new(big.Int).Mul(exp.raw, workToFixed)
	t := workMul(workExp, workLn(workBase))
	if new(big.Int).Abs(t).Cmp(workMaxArg) > 0 {
		return Fixed{}, errorsmod.Wrapf(ErrOutOfRange, "pow(%s, %s) is too large or too small", base, exp)
	}
	return Fixed{roundNearest(workExpFn(t), workToFixed)}, nil
}

// PowUp is Pow pushed up by a relative margin of 10^-PowMarginDigits plus one
// unit in the last place: never below the true power.
func PowUp(base, exp Fixed) (Fixed, error) {
	p, err := Pow(base, exp)
	if err != nil {
		return Fixed{}, err
	}
	if exp.Sign() == 0 || base.IsOne() {
		return p, nil // exact
	}
	r := new(big.Int).Quo(p.raw, powMargin)
	r.Add(r, p.raw).Add(r, big.NewInt(1))
	return Fixed{r}, nil
}

// PowDown is Pow pushed down by the same margin, floored at zero: never above
// the true power.
func PowDown(base, exp Fixed) (Fixed, error) {
	p, err := Pow(base, exp)
	if err != nil {
		return Fixed{}, err
	}
	if exp.Sign() == 0 || base.IsOne() {
		return p, nil // exact
	}
	r := new(big.Int).Quo(p.raw, powMargin)
	r.Sub(p.raw, r).Sub(r, big.NewInt(1))
	if r.Sign() < 0 {
		r.SetInt64(0)
	}
	return Fixed{r}, nil
}

// workLn is ln(x) for x > 0 at work precision. x = m·2^k with m in
// [0.75, 1.5), then ln x = k·ln2 + ln m.
func workLn(x *big.Int) *big.Int {
	k := x.BitLen() - workOne.BitLen()
	m := shift(x, -k)
	threeQuarters := new(big.Int).Quo(new(big.Int).Mul(workOne, big.NewInt(3)), big.NewInt(4))
	threeHalves := new(big.Int).Quo(new(big.Int).Mul(workOne, big.NewInt(3)), big.NewInt(2))
	for m.Cmp(threeHalves) >= 0 {
		k++
		m = shift(x, -k)
	}
	for m.Cmp(threeQuarters) < 0 {
		k--
		m = shift(x, -k)
	}
	r := lnSeries(m)
	return r.Add(r, new(big.Int).Mul(big.NewInt(int64(k)), workLn2))
}

// lnSeries is ln(m) = 2·atanh(z), z = (m-1)/(m+1), summed until the terms
// vanish at work precision. It converges fast for m near 1 (|z| ≤ 1/3 for
// m in [0.5, 2]).
func lnSeries(m *big.Int) *big.Int {
	num := new(big.Int).Sub(m, workOne)
	den := new(big.Int).Add(m, workOne)
	z := new(big.Int).Quo(new(big.Int).Mul(num, workOne), den)
	z2 := workMul(z, z)
	sum := new(big.Int).Set(z)
	power := new(big.Int).Set(z)
	for n := int64(3); ; n += 2 {
		power = workMul(power, z2)
		term := new(big.Int).Quo(power, big.NewInt(n))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	return sum.Lsh(sum, 1)
}

// workExpFn is e^t at work precision: t = n·ln2 + r with |r| ≤ ln2/2, e^r by
// its Taylor series, then scaled by 2^n.
func workExpFn(t *big.Int) *big.Int {
	n := roundNearest(t, workLn2)
	r := new(big.Int).Sub(t, new(big.Int).Mul(n, workLn2))
	sum := new(big.Int).Set(workOne)
	term := new(big.Int).Set(workOne)
	for k := int64(1); ; k++ {
		term = workMul(term, r)
		term.Quo(term, big.NewInt(k))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	return shift(sum, int(n.Int64()))
}

// workMul is a·b at work precision, truncated towards zero.
func workMul(a, b *big.Int) *big.Int {
	p := new(big.Int).Mul(a, b)
	return p.Quo(p, workOne)
}

// shift is x·2^k, truncated towards zero for k < 0.
func shift(x *big.Int, k int) *big.Int {
	if k >= 0 {
		return new(big.Int).Lsh(x, uint(k))
	}
	return new(big.Int).Rsh(x, uint(-k))
}

// roundNearest is a/b rounded half away from zero, for b > 0.
func roundNearest(a, b *big.Int) *big.Int {
	half := new(big.Int).Rsh(b, 1)
	if a.Sign() < 0 {
		q := new(big.Int).Sub(a, half)
		return q.Quo(q, b)
	}
	q := new(big.Int).Add(a, half)
	return q.Quo(q, b)
}
