package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
)

// Pow works by powFast (pow_fast.go) in fixed-width binary arithmetic. Its
// fallback outside powFast's domain, and the yardstick the tests hold it to,
// is powReference: exp(y·ln x) at workDigits fractional digits in math/big,
// 12 more than a Fixed holds, so that the series' truncation and the
// reduction steps stay far below a Fixed's last digit (relative error below
// 10^-55).
const workDigits = Precision + 12

// PowMarginDigits sets the relative margin PowUp and PowDown add, 10^-40, on
// top of one unit in the last place. Pow's error is below 2.2·10^-47
// relative (powFastErrorDigits; 10^-55 on powReference's path) plus half a
// unit in the last place, so the margin covers it over a million times, yet
// it moves a token amount by less than one unit for any balance below 10^40.
const PowMarginDigits = 40

// maxExpArg bounds |y·ln x|: e^±276 ≈ 10^±120 is far beyond any pool value.
const maxExpArg = 276

var (
	workOne     = pow10(workDigits)
	workToFixed = pow10(workDigits - Precision)
	workLn2     = lnSeries(new(big.Int).Mul(big.NewInt(2), workOne))
	workMaxArg  = new(big.Int).Mul(big.NewInt(maxExpArg), workOne)
)

// Pow is base^exp, for base ≥ 0 and exp ≥ 0, rounded to nearest: within
// 10^-46 of it relative (powFastErrorDigits, proven in pow_fast.go) plus
// half a unit in the last place (TestPowPrecision logs the worst case). Use
// PowUp or PowDown where the rounding direction matters.
func Pow(base, exp Fixed) (Fixed, error) { return powDirected(base, exp, 0) }

// PowUp is Pow pushed up by a relative margin of 10^-PowMarginDigits plus one
// unit in the last place: never below the true power.
func PowUp(base, exp Fixed) (Fixed, error) { return powDirected(base, exp, 1) }

// PowDown is Pow pushed down by the same margin, floored at zero: never above
// the true power.
func PowDown(base, exp Fixed) (Fixed, error) { return powDirected(base, exp, -1) }

// powDirected is Pow moved by the margin in direction (+1 up, −1 down, 0 not
// at all); exact results (exponent 0, base 1) stay as they are.
func powDirected(base, exp Fixed, direction int) (Fixed, error) {
	if base.raw == nil || exp.raw == nil {
		return Fixed{}, errorsmod.Wrap(ErrOutOfRange, "pow of an unset value")
	}
	if base.Sign() < 0 || exp.Sign() < 0 {
		return Fixed{}, errorsmod.Wrapf(ErrOutOfRange, "pow(%s, %s): base and exponent must not be negative", base, exp)
	}
	switch {
	case exp.Sign() == 0, base.IsOne():
		return One(), nil
	case base.Sign() == 0:
		return Fixed{withMargin(new(big.Int), direction)}, nil
	case exp.IsOne(): // equal weights: every swap needs base^1, exactly
		return Fixed{withMargin(base.raw, direction)}, nil
	}
	raw, outOfRange, ok := powFast(base.raw, exp.raw, direction)
	switch {
	case outOfRange:
		return Fixed{}, errTooLarge(base, exp)
	case ok:
		return Fixed{raw}, nil
	}
	p, err := powReference(base, exp)
	if err != nil {
		return Fixed{}, err
	}
	return Fixed{withMargin(p.raw, direction)}, nil
}

func errTooLarge(base, exp Fixed) error {
	return errorsmod.Wrapf(ErrOutOfRange, "pow(%s, %s) is too large or too small", base, exp)
}

// powReference is base^exp by exp(y·ln x) at work precision, rounded to
// nearest, for base > 0 and exp > 0.
func powReference(base, exp Fixed) (Fixed, error) {
	workBase := new(big.Int).Mul(base.raw, workToFixed)
	// t = exp · ln(base), at work precision.
	workExp := new(big.Int).Mul(exp.raw, workToFixed)
	t := workMul(workExp, workLn(workBase))
	if new(big.Int).Abs(t).Cmp(workMaxArg) > 0 {
		return Fixed{}, errTooLarge(base, exp)
	}
	return Fixed{roundNearest(workExpFn(t), workToFixed)}, nil
}

// The series below converge in about 20 terms because both functions first
// reduce their argument against a table of exact-to-work-precision
// constants, built once at start-up by the same integer arithmetic (so every
// node holds the same bits).
const tableSteps = 32 // table spacing 1/32

var (
	// lnTable[k] = ln(1 + (k-lnTableLow)/32) for m in [0.75, 1.5).
	lnTableLow = 8
	lnTable    = buildTable(25, func(k int) *big.Int {
		return lnSeries(fracOf(tableSteps+k-lnTableLow, tableSteps))
	})
	// expTable[j] = e^((j-expTableLow)/32) for |r| ≤ ln2/2 < 12/32.
	expTableLow = 12
	expTable    = buildTable(2*expTableLow+1, func(j int) *big.Int {
		return expSeries(fracOf(j-expTableLow, tableSteps))
	})
)

func buildTable(n int, f func(int) *big.Int) []*big.Int {
	t := make([]*big.Int, n)
	for i := range t {
		t[i] = f(i)
	}
	return t
}

// fracOf is num/den at work precision.
func fracOf(num, den int) *big.Int {
	r := new(big.Int).Mul(workOne, big.NewInt(int64(num)))
	return r.Quo(r, big.NewInt(int64(den)))
}

// workLn is ln(x) for x > 0 at work precision: x = m·2^k with m in
// [0.75, 1.5), m = c·m' with c = 1 + i/32 from the table and |m'−1| < 1/48,
// so ln x = k·ln2 + ln c + ln m'.
func workLn(x *big.Int) *big.Int {
	k := x.BitLen() - workOne.BitLen()
	m := shift(x, -k)
	for m.Cmp(workThreeHalves) >= 0 {
		k++
		m = shift(x, -k)
	}
	for m.Cmp(workThreeQuarters) < 0 {
		k--
		m = shift(x, -k)
	}
	// i = round((m − 1)·32), the nearest table entry.
	i := roundNearest(new(big.Int).Mul(new(big.Int).Sub(m, workOne), big.NewInt(tableSteps)), workOne)
	idx := int(i.Int64()) + lnTableLow
	c := new(big.Int).Add(workOne, fracOf(int(i.Int64()), tableSteps))
	mPrime := new(big.Int).Mul(m, workOne)
	mPrime.Quo(mPrime, c)
	r := lnSeries(mPrime)
	r.Add(r, lnTable[idx])
	return r.Add(r, new(big.Int).Mul(big.NewInt(int64(k)), workLn2))
}

var (
	workThreeQuarters = fracOf(3, 4)
	workThreeHalves   = fracOf(3, 2)
)

// lnSeries is ln(m) = 2·atanh(z), z = (m-1)/(m+1), summed until the terms
// vanish at work precision.
func lnSeries(m *big.Int) *big.Int {
	num := new(big.Int).Sub(m, workOne)
	den := new(big.Int).Add(m, workOne)
	z := new(big.Int).Quo(num.Mul(num, workOne), den)
	z2 := workMul(z, z)
	sum := new(big.Int).Set(z)
	power := new(big.Int).Set(z)
	term := new(big.Int)
	for n := int64(3); ; n += 2 {
		power.Mul(power, z2).Quo(power, workOne)
		term.Quo(power, big.NewInt(n))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	return sum.Lsh(sum, 1)
}

// workExpFn is e^t at work precision: t = n·ln2 + j/32 + r with |r| ≤ 1/64,
// so e^t = 2^n · e^(j/32) (table) · e^r (series).
func workExpFn(t *big.Int) *big.Int {
	n := roundNearest(t, workLn2)
	r := new(big.Int).Sub(t, new(big.Int).Mul(n, workLn2))
	j := roundNearest(new(big.Int).Mul(r, big.NewInt(tableSteps)), workOne)
	r.Sub(r, fracOf(int(j.Int64()), tableSteps))
	e := workMul(expSeries(r), expTable[int(j.Int64())+expTableLow])
	return shift(e, int(n.Int64()))
}

// expSeries is e^r by its Taylor series, for small |r|.
func expSeries(r *big.Int) *big.Int {
	sum := new(big.Int).Set(workOne)
	term := new(big.Int).Set(workOne)
	for k := int64(1); ; k++ {
		term.Mul(term, r).Quo(term, workOne).Quo(term, big.NewInt(k))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	return sum
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
