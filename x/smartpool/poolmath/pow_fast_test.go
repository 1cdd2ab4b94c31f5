package poolmath

import (
	"math/big"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// powErrBound is 10^-powFastErrorDigits, the proven bound on Pow's relative
// error before its rounding to 60 digits.
func powErrBound() *big.Float {
	return new(big.Float).SetPrec(refBits).Quo(big.NewFloat(1), new(big.Float).SetInt(pow10(powFastErrorDigits)))
}

// powErrBeyondRounding is how far got is from want beyond the half unit in
// the last place that rounding to 60 digits may cost, relative to want (zero
// if within it): the error before the rounding, which powFast's bound limits.
func powErrBeyondRounding(got Fixed, want *big.Float) *big.Float {
	d := new(big.Float).SetPrec(refBits).Sub(refFromFixed(got), want)
	d.Abs(d)
	halfUlp := new(big.Float).SetPrec(refBits).Quo(big.NewFloat(0.5), new(big.Float).SetInt(oneRaw))
	if d.Sub(d, halfUlp).Sign() <= 0 {
		return new(big.Float)
	}
	return d.Quo(d, want)
}

type powSample struct{ base, exp Fixed }

// nearOneSample is a base 1 ± u, u spread over the decades 1e-59..0.1, with
// an exponent spread over the decades up to the fast path's limit (3.4e9) or
// to |y·ln x| ≈ 270, whichever is lower: where ln x is tiny and y large.
func nearOneSample(rng *rand.Rand) powSample {
	u := randLogFixed(rng, -59, -1)
	base := One().Add(u)
	if rng.Intn(2) == 0 {
		base = One().Sub(u)
	}
	// |ln base| ≥ u/2 here, so y ≤ 540/u keeps |t| ≤ 270.
	hiExp := 9
	for d := 2; d <= 9; d++ {
		if new(big.Int).Mul(u.raw, pow10(d)).Cmp(new(big.Int).Mul(big.NewInt(540), oneRaw)) > 0 {
			hiExp = d - 1
			break
		}
	}
	return powSample{base, randLogFixed(rng, -3, hiExp+1)}
}

// TestPowMatchesReference: Pow and the math/big path it replaced
// (powReference) agree to within one unit plus both error bounds, and reject
// the same inputs as out of range.
func TestPowMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	for i := 0; i < 3000; i++ {
		s := powSample{randFixed(rng, 500_000, 2_000_000), randLogFixed(rng, -2, 2)}
		switch i % 3 {
		case 1:
			s = nearOneSample(rng)
		case 2:
			s = powSample{randLogFixed(rng, -60, 36), randLogFixed(rng, -4, 3)}
		}
		got, err := Pow(s.base, s.exp)
		want, wantErr := powReference(s.base, s.exp)
		if wantErr != nil {
			require.ErrorIs(t, err, ErrOutOfRange, "%s^%s", s.base, s.exp)
			continue
		}
		require.NoError(t, err, "%s^%s", s.base, s.exp)
		diff := new(big.Int).Sub(got.raw, want.raw)
		allowed := new(big.Int).Quo(want.raw, pow10(powFastErrorDigits-1))
		require.True(t, diff.CmpAbs(allowed.Add(allowed, big.NewInt(1))) <= 0, "%s^%s = %s, reference %s", s.base, s.exp, got, want)
	}
}

func TestPowEdgeCases(t *testing.T) {
	ulp := FixedFromRaw(big.NewInt(1))
	zero := FixedFromRaw(new(big.Int))
	huge := FixedFromRaw(new(big.Int).Lsh(big.NewInt(1), fastMaxBaseBits))          // 2^320/10^60 ≈ 2.1e36: beyond the fast path
	hugeFast := FixedFromRaw(new(big.Int).Sub(huge.raw, big.NewInt(1)))             // the largest fast base
	bigExp := FixedFromRaw(new(big.Int).Lsh(big.NewInt(1), fastMaxExpBits))         // ≈ 3.4e9: beyond the fast path
	bigFastExp := FixedFromRaw(new(big.Int).Sub(bigExp.raw, big.NewInt(1)))         // the largest fast exponent
	nearOne := One().Add(FixedFromRaw(big.NewInt(7)))                               // 1 + 7e-60
	belowOne := One().Sub(FixedFromRaw(new(big.Int).Mul(big.NewInt(3), pow10(40)))) // 1 − 3e-20

	// Exact cases, margins included.
	for _, dir := range []func(Fixed, Fixed) (Fixed, error){Pow, PowUp, PowDown} {
		for _, c := range []struct{ base, exp Fixed }{{zero, zero}, {ulp, zero}, {huge, zero}, {One(), mustFixed(t, "123.5")}, {One(), bigExp}} {
			got, err := dir(c.base, c.exp)
			require.NoError(t, err)
			require.True(t, got.IsOne(), "%s^%s = %s", c.base, c.exp, got)
		}
	}
	p, err := Pow(zero, mustFixed(t, "0.3"))
	require.NoError(t, err)
	require.Zero(t, p.Sign())
	p, err = PowUp(zero, mustFixed(t, "0.3"))
	require.NoError(t, err)
	require.Zero(t, p.Cmp(ulp), "PowUp(0, 0.3) is one unit")
	p, err = PowDown(zero, mustFixed(t, "0.3"))
	require.NoError(t, err)
	require.Zero(t, p.Sign())
	b := mustFixed(t, "0.123456789")
	p, err = Pow(b, One())
	require.NoError(t, err)
	require.Zero(t, p.Cmp(b), "base^1 is exact")

	// Unset values and negative inputs are rejected, not a panic.
	_, err = Pow(Fixed{}, One())
	require.ErrorIs(t, err, ErrOutOfRange)
	_, err = PowUp(One(), Fixed{})
	require.ErrorIs(t, err, ErrOutOfRange)

	// The edges of the fast path's domain and of |y·ln x| ≤ 276, tiny and
	// huge bases, results near zero: all within the bound and bracketed.
	cases := []struct{ base, exp string }{
		{"0", "1"},
		{"0.000000000000000000000000000000000000000000000000000000000001", "0.001"},
		{"0.000000000000000000000000000000000000000000000000000000000001", "1.99"}, // ≈ 1e-119.4: raw 0
		{"0.000000000000000000000000000000000000000000000000000000000001", "0.9999"},
		{"0.000000000000000000000000000000000000000000000000000000000002", "1"},
		{"0.5", "199.315685693241740"}, // ≈ 1e-60, one unit
		{"0.5", "200.315685693241740"}, // ≈ 0.5e-60: rounds to one unit or zero
		{"0.5", "201"},                 // below half a unit: zero
		{"0.5", "398.1"},               // t ≈ −275.9
		{"2.718281828459045235360287471352662497757247093699959574966967", "275.999999"},
		{"0.367879441171442321595523770161460867445811131031767834507837", "275.999999"},
		{"1000000000000000000000000000000000000", "3.32"}, // 1e36: t ≈ 275.2
	}
	for _, c := range cases {
		s := powSample{mustFixed(t, c.base), mustFixed(t, c.exp)}
		requirePowWithinBound(t, s)
		requirePowBracket(t, s.base, s.exp)
	}
	for _, s := range []powSample{
		{hugeFast, mustFixed(t, "0.5")}, {huge, mustFixed(t, "0.5")},
		{nearOne, bigFastExp}, {nearOne, bigExp}, {belowOne, bigFastExp}, {belowOne, bigExp},
		{ulp, mustFixed(t, "0.01")},
	} {
		requirePowWithinBound(t, s)
		requirePowBracket(t, s.base, s.exp)
	}

	// Out of range on both sides of 276, on the fast path and beyond it.
	for _, c := range []struct{ base, exp string }{
		{"2.718281828459045235360287471352662497757247093699959574966967", "276.000001"},
		{"0.367879441171442321595523770161460867445811131031767834507837", "276.000001"},
		{"0.000000000000000000000000000000000000000000000000000000000001", "2"},
		{"1000000000000000000000000000000000000", "3.34"},     // t ≈ 276.9
		{"10000000000000000000000000000000000000000000", "3"}, // 1e43, beyond the fast path
		{"1000000000", "100"},
	} {
		_, err := Pow(mustFixed(t, c.base), mustFixed(t, c.exp))
		require.ErrorIs(t, err, ErrOutOfRange, "%s^%s", c.base, c.exp)
		_, err = PowDown(mustFixed(t, c.base), mustFixed(t, c.exp))
		require.ErrorIs(t, err, ErrOutOfRange, "%s^%s", c.base, c.exp)
	}
	_, err = Pow(mustFixed(t, "1.5"), bigExp) // fallback path, t ≈ 1.4e9
	require.ErrorIs(t, err, ErrOutOfRange)
}

// requirePowWithinBound checks Pow against the 150-digit reference: within
// the proven bound before the rounding to 60 digits.
func requirePowWithinBound(t *testing.T, s powSample) {
	t.Helper()
	got, err := Pow(s.base, s.exp)
	require.NoError(t, err, "%s^%s", s.base, s.exp)
	want := refPow(s.base, s.exp)
	if want.Sign() == 0 {
		require.Zero(t, got.Sign())
		return
	}
	e := powErrBeyondRounding(got, want)
	require.True(t, e.Cmp(powErrBound()) <= 0, "%s^%s = %s: relative error %s before rounding", s.base, s.exp, got, e.Text('e', 3))
}

// TestPowFastTables checks powFast's constants and tables, built by binary
// series at start-up, against the decimal work-precision ln and exp (other
// algorithms): every entry lies within one ulp (2^-192) below its value, and
// every ln factor 1 − b is at least the 1/(1 + i/2^p) the reduction needs.
func TestPowFastTables(t *testing.T) {
	ulpFloat := new(big.Float).SetPrec(refBits).SetMantExp(big.NewFloat(1), -192)
	// within checks 0 ≤ want − got < 1 ulp, for got with 192 fraction bits
	// and want a work-precision decimal.
	within := func(got *big.Int, gotShift int, want *big.Int, what string) {
		g := new(big.Float).SetPrec(refBits).SetMantExp(new(big.Float).SetPrec(refBits).SetInt(got), -gotShift)
		w := new(big.Float).SetPrec(refBits).Quo(new(big.Float).SetPrec(refBits).SetInt(want), new(big.Float).SetPrec(refBits).SetInt(workOne))
		d := new(big.Float).SetPrec(refBits).Sub(w, g)
		// the decimal reference is itself good to ~1e-70 only
		slack := new(big.Float).SetPrec(refBits).SetFloat64(1e-68)
		require.True(t, d.Cmp(new(big.Float).Neg(slack)) >= 0 && d.Cmp(new(big.Float).Add(ulpFloat, slack)) < 0, "%s: off by %s", what, d.Text('e', 3))
	}
	fracInt := func(f frac192) *big.Int { return bigOfLimbs([]uint64{f.lo, f.mid, f.hi}) }
	fixInt := func(f fix192) *big.Int { w := f.words(); return bigOfLimbs(w[:]) }

	within(bigOfLimbs(ln2Frac256[:]), 256, workLn2, "ln 2 (256 bits)")
	within(fracInt(ln2Floor), 192, workLn2, "ln 2")
	within(fixInt(sixtyLn10), 192, new(big.Int).Mul(big.NewInt(60), workLn(new(big.Int).Mul(big.NewInt(10), workOne))), "60·ln 10")
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	for s, st := range lnStages {
		p := lnStageBits[s]
		for i, b := range st.b {
			// 1 − b/2^64 ≥ 1/(1 + i/2^p) ⟺ (2^64 − b)(2^p + i) ≥ 2^(64+p)
			a := new(big.Int).Sub(two64, new(big.Int).SetUint64(b))
			lhs := new(big.Int).Mul(a, new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), p), big.NewInt(int64(i))))
			require.True(t, lhs.Cmp(new(big.Int).Lsh(big.NewInt(1), 64+p)) >= 0, "stage %d factor %d too small", s, i)
			// −ln(1 − b/2^64) = ln(2^64 / a)
			x := new(big.Int).Mul(a, workOne)
			within(fracInt(st.t[i]), 192, new(big.Int).Neg(workLn(x.Quo(x, two64))), "ln table")
		}
	}
	for s, tab := range expTables {
		for j, e := range tab {
			arg := new(big.Int).Mul(big.NewInt(int64(j)), workOne)
			arg.Rsh(arg, uint(8*(s+1))) // exact: 10^72 is a multiple of 2^32
			within(fracInt(e), 192, new(big.Int).Sub(workExpFn(arg), workOne), "exp table")
		}
	}
	require.Len(t, expTables[0], 178, "e^(j/256) < 2 for j ≤ 177")
}

// TestPowMarginOnWords: the margin taken on 64-bit words is the margin
// floor(r/10^40) + 1 of the math/big formula, on raws of every size.
func TestPowMarginOnWords(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	ref := func(x *big.Int, dir int) *big.Int {
		m := new(big.Int).Quo(x, pow10(PowMarginDigits))
		m.Add(m, big.NewInt(1))
		if dir > 0 {
			return m.Add(x, m)
		}
		if m.Sub(x, m).Sign() < 0 {
			m.SetInt64(0)
		}
		return m
	}
	for i := 0; i < 5000; i++ {
		x := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(rng.Intn(64*marginWords+64))))
		if i%7 == 0 {
			x.Mul(pow10(PowMarginDigits), big.NewInt(int64(rng.Intn(3))))
		}
		for _, dir := range []int{1, -1} {
			require.Zero(t, withMargin(x, dir).Cmp(ref(x, dir)), "margin %d of %s", dir, x)
		}
	}
}

// FuzzPowFast compares Pow with the 150-digit reference and with
// powReference on arbitrary raws, the fast path's domain and beyond: the
// same inputs out of range, results within the proven bound, PowDown ≤
// exact ≤ PowUp.
func FuzzPowFast(f *testing.F) {
	f.Add(uint64(800_000), uint8(54), uint64(3), uint8(58))                     // 0.8^0.03
	f.Add(uint64(666_667), uint8(54), uint64(100), uint8(60))                   // 0.666667^100
	f.Add(uint64(1_000_000_000_000_000_007), uint8(42), uint64(5), uint8(66))   // (1 + 7e-18)^5e6
	f.Add(uint64(1), uint8(0), uint64(1), uint8(57))                            // 1e-60 ^ 0.001
	f.Add(uint64(21), uint8(95), uint64(5), uint8(59))                          // 2.1e36 ^ 0.5: the fast path's edge
	f.Add(uint64(1<<63), uint8(99), uint64(1<<63), uint8(71))                   // out of range, beyond the fast path
	f.Add(uint64(999_999_999_999), uint8(48), uint64(3_400_000_000), uint8(60)) // the exponent's edge
	f.Fuzz(func(t *testing.T, baseMant uint64, baseScale uint8, expMant uint64, expScale uint8) {
		base := FixedFromRaw(new(big.Int).Mul(new(big.Int).SetUint64(baseMant), pow10(int(baseScale%100))))
		exp := FixedFromRaw(new(big.Int).Mul(new(big.Int).SetUint64(expMant), pow10(int(expScale%72))))
		got, err := Pow(base, exp)
		if base.Sign() == 0 || exp.Sign() == 0 || base.IsOne() {
			require.NoError(t, err)
			return
		}
		want, wantErr := powReference(base, exp)
		if wantErr != nil || err != nil {
			// Both reject, unless |y·ln x| is within rounding of the limit.
			lnRes := new(big.Float).Mul(refFromFixed(exp), refLn(refFromFixed(base)))
			d := new(big.Float).Sub(new(big.Float).Abs(lnRes), big.NewFloat(maxExpArg))
			if d.Abs(d).Cmp(big.NewFloat(1e-30)) > 0 {
				require.Equal(t, wantErr != nil, err != nil, "%s^%s: %v, reference %v", base, exp, err, wantErr)
			}
			return
		}
		diff := new(big.Int).Sub(got.raw, want.raw)
		allowed := new(big.Int).Quo(want.raw, pow10(powFastErrorDigits-1))
		require.True(t, diff.CmpAbs(allowed.Add(allowed, big.NewInt(1))) <= 0, "%s^%s = %s, reference %s", base, exp, got, want)
		requirePowWithinBound(t, powSample{base, exp})
		requirePowBracket(t, base, exp)
	})
}

// TestPowWholeExponents: integer exponents, on the fast path now, against
// exact rational powers.
func TestPowWholeExponents(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	for i := 0; i < 300; i++ {
		base := randFixed(rng, 250_000, 4_000_000)
		k := int64(2 + i%30)
		got, err := Pow(base, FixedFromInt(sdkmath.NewInt(k)))
		require.NoError(t, err)
		exact := new(big.Float).SetPrec(refBits).SetInt(new(big.Int).Exp(base.raw, big.NewInt(k), nil))
		exact.Quo(exact, new(big.Float).SetPrec(refBits).SetInt(new(big.Int).Exp(oneRaw, big.NewInt(k), nil)))
		e := powErrBeyondRounding(got, exact)
		require.True(t, e.Cmp(powErrBound()) <= 0, "%s^%d: %s", base, k, e.Text('e', 3))
	}
}
