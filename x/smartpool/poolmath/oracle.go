package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// The price oracle works on log values: q_i = ln(B_i · W / w_i), the natural
// log of the pool's value measured in asset i (W = Σ w_j). The price of asset
// a in units of asset b is exp(q_b − q_a), so accumulating ∫ q_i dt per asset
// gives time-weighted geometric mean prices for any pair from n accumulators.
//
// Everything is computed at work precision (workDigits fractional digits) by
// integer arithmetic and rounded to nearest once, at 18 decimals.

const nanosPerSecond = 1_000_000_000

// logMeanSeriesRatio: logMeanExcess uses its series when
// logMeanSeriesRatio·|v − u| < v + u, i.e. |z| < 1/16 with z = (v−u)/(v+u).
const logMeanSeriesRatio = 16

var (
	workToDec      = pow10(workDigits - sdkmath.LegacyPrecision)
	workToDecNanos = new(big.Int).Mul(workToDec, big.NewInt(nanosPerSecond))
	bigNanos       = big.NewInt(nanosPerSecond)
	bigSeriesRatio = big.NewInt(logMeanSeriesRatio)
)

// LogValues returns, for each asset i, q_i = ln(B_i · W / w_i) where W = Σ w_j:
// the natural log of the pool's value measured in asset i (balance over normalized weight).
// The price of asset a in units of asset b is exp(q_b − q_a). Each value is
// rounded to nearest at 18 decimals. Errors if lengths differ, a slice is empty,
// or any balance or weight is ≤ 0.
func LogValues(balances, weights []sdkmath.Int) ([]sdkmath.LegacyDec, error) {
	if err := checkOracleInputs(balances, weights); err != nil {
		return nil, err
	}
	b, w := bigInts(balances), bigInts(weights)
	wSum := sumBig(w)
	out := make([]sdkmath.LegacyDec, len(b))
	for i := range b {
		d, err := decFromRaw(roundNearest(workLogValue(b[i], wSum, w[i]), workToDec))
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}

// LogValueIntegrals returns, for each asset i, the integral over an interval of
// dtNanos nanoseconds of q_i(t) = ln(B_i · W(t) / w_i(t)) dt, in ln·seconds
// (so divide by the interval's seconds to get the mean), rounded to nearest at
// 18 decimals. Balances are constant over the interval; every raw weight moves
// linearly in time from weightsStart[i] to weightsEnd[i] (pass equal slices for
// constant weights), hence W(t) is linear too. Closed form:
//
//	Δt · ( ln B_i − M(u_i, v_i) + M(U, V) ),  M(u,v) = (v ln v − u ln u)/(v − u) − 1,  M(u,u) = ln u,
//
// where u = start weight, v = end weight, U, V their sums. M is the mean of
// ln over the linear path; it is computed as ln u + m(v/u) (logMeanExcess),
// without cancellation. The inputs are validated even when dtNanos is 0;
// dtNanos == 0 then returns zeros and dtNanos < 0 is an error.
func LogValueIntegrals(dtNanos int64, balances, weightsStart, weightsEnd []sdkmath.Int) ([]sdkmath.LegacyDec, error) {
	if dtNanos < 0 {
		return nil, errorsmod.Wrapf(ErrNonPositive, "interval must not be negative, got %d ns", dtNanos)
	}
	if err := checkOracleInputs(balances, weightsStart, weightsEnd); err != nil {
		return nil, err
	}
	out := make([]sdkmath.LegacyDec, len(balances))
	if dtNanos == 0 {
		for i := range out {
			out[i] = sdkmath.LegacyZeroDec()
		}
		return out, nil
	}
	b, u, v := bigInts(balances), bigInts(weightsStart), bigInts(weightsEnd)
	uSum, vSum := sumBig(u), sumBig(v)
	mSum := logMeanExcess(uSum, vSum)
	dt := big.NewInt(dtNanos)
	for i := range b {
		// mean q_i = ln(B_i·U/u_i) − m(v_i/u_i) + m(V/U)
		q := workLogValue(b[i], uSum, u[i])
		q.Sub(q, logMeanExcess(u[i], v[i]))
		q.Add(q, mSum)
		d, err := decFromRaw(roundNearest(q.Mul(q, dt), workToDecNanos))
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}

// MeanLog is (accEnd − accStart) / seconds, the mean of a log value over a window of
// dtNanos nanoseconds (dtNanos > 0, else error), rounded to nearest at 18 decimals.
func MeanLog(accStart, accEnd sdkmath.LegacyDec, dtNanos int64) (sdkmath.LegacyDec, error) {
	if dtNanos <= 0 {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrNonPositive, "window must be positive, got %d ns", dtNanos)
	}
	if accStart.IsNil() || accEnd.IsNil() {
		return sdkmath.LegacyDec{}, errorsmod.Wrap(ErrOutOfRange, "accumulator is nil")
	}
	diff := new(big.Int).Sub(accEnd.BigInt(), accStart.BigInt())
	diff.Mul(diff, bigNanos)
	return decFromRaw(roundNearest(diff, big.NewInt(dtNanos)))
}

// ExpDec is e^x for |x| ≤ 276 (error beyond), as a Fixed rounded to nearest.
func ExpDec(x sdkmath.LegacyDec) (Fixed, error) {
	if x.IsNil() {
		return Fixed{}, errorsmod.Wrap(ErrOutOfRange, "exp of nil")
	}
	t := x.BigInt()
	t.Mul(t, workToDec)
	if new(big.Int).Abs(t).Cmp(workMaxArg) > 0 {
		return Fixed{}, errorsmod.Wrapf(ErrOutOfRange, "exp(%s): |x| must not exceed %d", x, maxExpArg)
	}
	return Fixed{roundNearest(workExpFn(t), workToFixed)}, nil
}

// checkOracleInputs checks that balances is not empty, that every weight
// slice has its length, and that every value is positive.
func checkOracleInputs(balances []sdkmath.Int, weightSets ...[]sdkmath.Int) error {
	if len(balances) == 0 {
		return errorsmod.Wrap(ErrLengthMismatch, "no assets")
	}
	for _, w := range weightSets {
		if len(w) != len(balances) {
			return errorsmod.Wrapf(ErrLengthMismatch, "%d balances, %d weights", len(balances), len(w))
		}
	}
	for i, b := range balances {
		if err := requirePositive("balance", b); err != nil {
			return errorsmod.Wrapf(err, "asset %d", i)
		}
	}
	for _, ws := range weightSets {
		for i, w := range ws {
			if err := requirePositive("weight", w); err != nil {
				return errorsmod.Wrapf(err, "asset %d", i)
			}
		}
	}
	return nil
}

func bigInts(xs []sdkmath.Int) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = x.BigInt()
	}
	return out
}

func sumBig(xs []*big.Int) *big.Int {
	s := new(big.Int)
	for _, x := range xs {
		s.Add(s, x)
	}
	return s
}

// workLogValue is ln(b·wSum/w) at work precision, for positive integers with
// w ≤ wSum. The quotient is ≥ b ≥ 1, so truncating it at work precision
// costs under 10^-workDigits relative, and workLn never sees zero.
func workLogValue(b, wSum, w *big.Int) *big.Int {
	x := new(big.Int).Mul(b, wSum)
	x.Mul(x, workOne)
	return workLn(x.Quo(x, w))
}

// logMeanExcess is m = M(u, v) − ln u at work precision, for integers u, v > 0,
// where M(u, v) = ∫₀¹ ln(u + (v−u)s) ds is the mean of ln over the linear
// path. With r = v/u, m = r·ln r/(r − 1) − 1 and m = 0 at r = 1.
//
// Near r = 1 it uses z = (v−u)/(v+u), exact up to one truncation: r = (1+z)/(1−z),
// ln r = 2·atanh z, so m = (1+z)·atanh(z)/z − 1 = z + (1+z)·Σ_{k≥1} z^{2k}/(2k+1),
// a sum of terms with no cancellation. Elsewhere (|z| ≥ 1/16) it uses
// m = v·ln(v/u)/(v−u) − 1, where |v/(v−u)| ≤ 8.5, so the error of ln(v/u)
// grows at most ninefold. Both branches stay within about 10^-68 absolute.
func logMeanExcess(u, v *big.Int) *big.Int {
	d := new(big.Int).Sub(v, u)
	if d.Sign() == 0 {
		return new(big.Int)
	}
	s := new(big.Int).Add(v, u)
	if new(big.Int).Mul(new(big.Int).Abs(d), bigSeriesRatio).Cmp(s) < 0 {
		z := new(big.Int).Mul(d, workOne)
		z.Quo(z, s)
		m := workMul(new(big.Int).Add(workOne, z), atanhQuotientMinusOne(z))
		return m.Add(m, z)
	}
	// ln(v/u) from the quotient that is ≥ 1, so workLn never sees zero.
	var l *big.Int
	if d.Sign() > 0 {
		x := new(big.Int).Mul(v, workOne)
		l = workLn(x.Quo(x, u))
	} else {
		x := new(big.Int).Mul(u, workOne)
		l = workLn(x.Quo(x, v))
		l.Neg(l)
	}
	m := new(big.Int).Mul(v, l)
	m.Quo(m, d)
	return m.Sub(m, workOne)
}

// atanhQuotientMinusOne is atanh(z)/z − 1 = Σ_{k≥1} z^{2k}/(2k+1) at work
// precision, for |z| < 1/16 (work-scaled); every term is positive.
func atanhQuotientMinusOne(z *big.Int) *big.Int {
	z2 := workMul(z, z)
	sum := new(big.Int)
	power := new(big.Int).Set(z2)
	term := new(big.Int)
	for n := int64(3); ; n += 2 {
		term.Quo(power, big.NewInt(n))
		if term.Sign() == 0 {
			return sum
		}
		sum.Add(sum, term)
		power = workMul(power, z2)
	}
}

// decFromRaw is raw·10^-18 as a LegacyDec, or ErrOutOfRange past what a
// LegacyDec holds safely (as in Fixed.LegacyDecDown).
func decFromRaw(raw *big.Int) (sdkmath.LegacyDec, error) {
	if raw.BitLen() > sdkmath.MaxBitLen {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrOutOfRange, "value has %d bits", raw.BitLen())
	}
	return sdkmath.LegacyNewDecFromBigIntWithPrec(raw, sdkmath.LegacyPrecision), nil
}
