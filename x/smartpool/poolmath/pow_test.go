package poolmath

import (
	"math/big"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// randFixed is a Fixed uniform in [lo, hi] (both in units of 10^-6), with all
// 60 digits random.
func randFixed(rng *rand.Rand, loMicro, hiMicro int64) Fixed {
	span := new(big.Int).Mul(big.NewInt(hiMicro-loMicro), pow10(Precision-6))
	r := new(big.Int).Rand(rng, span)
	return Fixed{r.Add(r, new(big.Int).Mul(big.NewInt(loMicro), pow10(Precision-6)))}
}

// randLogFixed is a Fixed spread evenly over the decades 10^loExp..10^hiExp.
func randLogFixed(rng *rand.Rand, loExp, hiExp int) Fixed {
	decade := loExp + rng.Intn(hiExp-loExp)
	m := randFixed(rng, 1_000_000, 10_000_000) // [1, 10)
	if decade >= 0 {
		return Fixed{new(big.Int).Mul(m.raw, pow10(decade))}
	}
	return Fixed{new(big.Int).Quo(m.raw, pow10(-decade))}
}

// TestPowPrecision measures Pow against the 150-digit reference over the
// range the pool math uses, and wider: every base the ratio limits allow
// (swaps 2/3..1/0.7, joins 1..1.5, exits 0.7..1, all inside 0.5..2) with
// exponents 0.01..100 (weights of 1% against 99%), plus bases 1e-9..1e9.
// The worst relative error must stay below 1e-15; it is logged.
func TestPowPrecision(t *testing.T) {
	rng := rand.New(rand.NewSource(20261126))
	limit := big.NewFloat(1e-15)
	type sample struct{ base, exp Fixed }
	var samples []sample
	for i := 0; i < 5000; i++ {
		samples = append(samples, sample{randFixed(rng, 500_000, 2_000_000), randLogFixed(rng, -2, 2)})
	}
	for len(samples) < 7000 {
		s := sample{randLogFixed(rng, -9, 9), randLogFixed(rng, -3, 1)}
		// Keep results within 1e-30..1e40, the span a pool can meet.
		lnRes := new(big.Float).Mul(refFromFixed(s.exp), refLn(refFromFixed(s.base)))
		if v, _ := lnRes.Float64(); v < -69 || v > 92 {
			continue
		}
		samples = append(samples, s)
	}
	// Whole exponents take the repeated-squaring path.
	for k := 1; k <= 20; k++ {
		samples = append(samples, sample{randFixed(rng, 250_000, 4_000_000), FixedFromInt(sdkmath.NewInt(int64(k)))})
	}
	// Edges of the pool range.
	for _, b := range []string{"0.5", "0.666666666666666666666666666666666666666666666666666666666667", "0.7", "0.99", "1.000000000000000000000000000000000000000000000000000000000001", "1.5", "2"} {
		for _, e := range []string{"0.01", "0.0101010101", "1", "99", "100"} {
			samples = append(samples, sample{mustFixed(t, b), mustFixed(t, e)})
		}
	}

	worst := new(big.Float)
	var worstAt sample
	for _, s := range samples {
		got, err := Pow(s.base, s.exp)
		require.NoError(t, err)
		e := relErr(got, refPow(s.base, s.exp))
		if e.Cmp(worst) > 0 {
			worst, worstAt = e, s
		}
	}
	t.Logf("Pow over %d inputs: worst relative error %s at %s^%s", len(samples), worst.Text('e', 3), worstAt.base, worstAt.exp)
	require.True(t, worst.Cmp(limit) <= 0, "worst relative error %s exceeds 1e-15", worst.Text('e', 3))
}

// TestPowUpDownBracket: PowDown ≤ exact ≤ PowUp, so the rounding direction
// the swap math relies on always holds.
func TestPowUpDownBracket(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 1000; i++ {
		base, exp := randFixed(rng, 500_000, 2_000_000), randLogFixed(rng, -2, 2)
		if i%4 == 0 { // whole exponents take the repeated-squaring path
			exp = FixedFromInt(sdkmath.NewInt(int64(1 + i%16)))
		}
		want := refPow(base, exp)
		up, err := PowUp(base, exp)
		require.NoError(t, err)
		down, err := PowDown(base, exp)
		require.NoError(t, err)
		require.True(t, refFromFixed(up).Cmp(want) >= 0, "PowUp(%s, %s) below the exact power", base, exp)
		require.True(t, refFromFixed(down).Cmp(want) <= 0, "PowDown(%s, %s) above the exact power", base, exp)
	}
}

func TestPowExactCases(t *testing.T) {
	cases := []struct{ base, exp, want string }{
		{"0", "0", "1"},
		{"0", "2.5", "0"},
		{"7", "0", "1"},
		{"1", "123.456", "1"},
		{"2", "10", "1024"},
		{"4", "0.5", "2"},
		{"0.25", "1.5", "0.125"},
		{"1000000", "0.333333333333333333333333333333333333333333333333333333333333", "99.999999999999999999999999999999999999999999999999999999999953948"},
	}
	for _, c := range cases {
		got, err := Pow(mustFixed(t, c.base), mustFixed(t, c.exp))
		require.NoError(t, err)
		want := refFromFixed(mustFixed(t, c.want))
		if want.Sign() == 0 {
			require.Zero(t, got.Sign(), "%s^%s", c.base, c.exp)
			continue
		}
		e := relErr(got, want)
		require.True(t, e.Cmp(big.NewFloat(1e-55)) <= 0, "%s^%s = %s, want %s", c.base, c.exp, got, c.want)
	}
}

func TestPowRejectsBadInput(t *testing.T) {
	_, err := Pow(mustFixed(t, "-1"), One())
	require.ErrorIs(t, err, ErrOutOfRange)
	_, err = Pow(One(), mustFixed(t, "-1"))
	require.ErrorIs(t, err, ErrOutOfRange)
	_, err = Pow(mustFixed(t, "1000000000"), mustFixed(t, "100"))
	require.ErrorIs(t, err, ErrOutOfRange)
}

// mustFixed parses a plain decimal with up to 60 fractional digits.
func mustFixed(t testing.TB, s string) Fixed {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	require.True(t, ok, s)
	num := new(big.Int).Mul(r.Num(), oneRaw)
	return Fixed{num.Quo(num, r.Denom())}
}

// BenchmarkPowWholeExponent is the equal-weights case: base^1.
func BenchmarkPowWholeExponent(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	bases := make([]Fixed, 64)
	for i := range bases {
		bases[i] = randFixed(rng, 666_667, 1_000_000)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Pow(bases[i%64], One()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPow(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	bases := make([]Fixed, 64)
	exps := make([]Fixed, 64)
	for i := range bases {
		bases[i], exps[i] = randFixed(rng, 666_667, 1_000_000), randLogFixed(rng, -2, 2)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Pow(bases[i%64], exps[i%64]); err != nil {
			b.Fatal(err)
		}
	}
}
