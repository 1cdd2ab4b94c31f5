package poolmath

import (
	"math"
	"math/big"
	"math/rand"
	"runtime"
	"testing"
	"time"

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
// exponents 0.01..100 (weights of 1% against 99%), plus bases 1e-9..1e9,
// bases within 1e-59..0.1 of 1 with exponents up to the fast path's limit,
// and bases out to 1e40, beyond it. Every result must be within the proven
// bound, 10^-powFastErrorDigits relative, of the exact power before its
// rounding to 60 digits (powErrBeyondRounding), and within 1e-18 relative
// after it; both worst cases are logged.
func TestPowPrecision(t *testing.T) {
	rng := rand.New(rand.NewSource(20261126))
	type sample struct{ base, exp Fixed }
	var samples []sample
	for i := 0; i < 5000; i++ {
		samples = append(samples, sample{randFixed(rng, 500_000, 2_000_000), randLogFixed(rng, -2, 2)})
	}
	// Keep results within 1e-30..1e40, the span a pool can meet.
	inSpan := func(s sample) bool {
		lnRes := new(big.Float).Mul(refFromFixed(s.exp), refLn(refFromFixed(s.base)))
		v, _ := lnRes.Float64()
		return v >= -69 && v <= 92
	}
	for len(samples) < 7000 {
		if s := (sample{randLogFixed(rng, -9, 9), randLogFixed(rng, -3, 1)}); inSpan(s) {
			samples = append(samples, s)
		}
	}
	for len(samples) < 8000 {
		if s := nearOneSample(rng); inSpan(sample(s)) {
			samples = append(samples, sample(s))
		}
	}
	for len(samples) < 8300 {
		if s := (sample{randLogFixed(rng, 30, 40), randLogFixed(rng, -3, 0)}); inSpan(s) {
			samples = append(samples, s)
		}
	}
	// Whole exponents.
	for k := 1; k <= 20; k++ {
		samples = append(samples, sample{randFixed(rng, 250_000, 4_000_000), FixedFromInt(sdkmath.NewInt(int64(k)))})
	}
	// Edges of the pool range.
	for _, b := range []string{"0.5", "0.666666666666666666666666666666666666666666666666666666666667", "0.7", "0.99", "1.000000000000000000000000000000000000000000000000000000000001", "1.5", "2"} {
		for _, e := range []string{"0.01", "0.0101010101", "1", "99", "100"} {
			samples = append(samples, sample{mustFixed(t, b), mustFixed(t, e)})
		}
	}

	worst, worstBeyond, worstPoolRange := new(big.Float), new(big.Float), new(big.Float)
	var worstAt, worstBeyondAt sample
	for i, s := range samples {
		got, err := Pow(s.base, s.exp)
		require.NoError(t, err)
		want := refPow(s.base, s.exp)
		if e := relErr(got, want); e.Cmp(worst) > 0 {
			worst, worstAt = e, s
		}
		e := powErrBeyondRounding(got, want)
		if e.Cmp(worstBeyond) > 0 {
			worstBeyond, worstBeyondAt = e, s
		}
		if i < 5000 && e.Cmp(worstPoolRange) > 0 {
			worstPoolRange = e
		}
	}
	t.Logf("Pow over %d inputs: worst relative error %s at %s^%s", len(samples), worst.Text('e', 3), worstAt.base, worstAt.exp)
	t.Logf("worst relative error before the rounding to 60 digits %s (bound 1e-%d) at %s^%s", worstBeyond.Text('e', 3), powFastErrorDigits, worstBeyondAt.base, worstBeyondAt.exp)
	t.Logf("the same over the pool range (bases 0.5..2, exponents 0.01..100): %s", worstPoolRange.Text('e', 3))
	require.True(t, worst.Cmp(big.NewFloat(1e-18)) <= 0, "worst relative error %s exceeds 1e-18", worst.Text('e', 3))
	require.True(t, worstBeyond.Cmp(powErrBound()) <= 0, "worst relative error before rounding %s exceeds the bound", worstBeyond.Text('e', 3))
}

// TestPowUpDownBracket: PowDown ≤ exact ≤ PowUp, so the rounding direction
// the swap math relies on always holds: on the pool range, on whole
// exponents, on bases near 1 with large exponents and on tiny results.
func TestPowUpDownBracket(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 1600; i++ {
		base, exp := randFixed(rng, 500_000, 2_000_000), randLogFixed(rng, -2, 2)
		switch i % 4 {
		case 0:
			exp = FixedFromInt(sdkmath.NewInt(int64(1 + i%16)))
		case 1:
			s := nearOneSample(rng)
			base, exp = s.base, s.exp
		case 2:
			base, exp = randLogFixed(rng, -40, 20), randLogFixed(rng, -3, 1)
		}
		requirePowBracket(t, base, exp)
	}
}

// requirePowBracket checks PowDown ≤ exact ≤ PowUp against the 150-digit
// reference, or that all three reject an input out of range.
func requirePowBracket(t *testing.T, base, exp Fixed) {
	t.Helper()
	up, errUp := PowUp(base, exp)
	down, errDown := PowDown(base, exp)
	if errUp != nil || errDown != nil {
		require.ErrorIs(t, errUp, ErrOutOfRange)
		require.ErrorIs(t, errDown, ErrOutOfRange)
		return
	}
	want := refPow(base, exp)
	require.True(t, refFromFixed(up).Cmp(want) >= 0, "PowUp(%s, %s) below the exact power", base, exp)
	require.True(t, refFromFixed(down).Cmp(want) <= 0, "PowDown(%s, %s) above the exact power", base, exp)
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

// BenchmarkPowDown is BenchmarkPow with the margin, as the joins use it.
func BenchmarkPowDown(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	bases := make([]Fixed, 64)
	exps := make([]Fixed, 64)
	for i := range bases {
		bases[i], exps[i] = randFixed(rng, 666_667, 1_000_000), randLogFixed(rng, -2, 2)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := PowDown(bases[i%64], exps[i%64]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPowWorstCase times every input of a grid over BenchmarkPow's range
// (bases 2/3..1, exponents 0.01..100, whole ones included) separately and
// reports the slowest one's time as ns/op (memory per call): the worst case,
// whatever input it is on a given machine. Pow's running time hardly depends on its input;
// the grid's corners (exponent 100 on base 2/3: the smallest result; bases
// next to 1: the most table stages in use) are in it.
func BenchmarkPowWorstCase(b *testing.B) {
	var bases, exps []Fixed
	for _, s := range []string{"0.666666666666666666666666666666666666666666666666666666666667", "0.7", "0.8", "0.9", "0.99", "0.999999999999", "0.999999999999999999999999999999999999999999999999999999999999"} {
		bases = append(bases, mustFixed(b, s))
	}
	for _, s := range []string{"0.01", "0.033333333333333333333333333333333333333333333333333333333333", "0.1", "0.5", "0.75", "1", "2", "3", "15", "16", "17", "33.333333333333333333333333333333333333333333333333333333333333", "99", "100"} {
		exps = append(exps, mustFixed(b, s))
	}
	b.ReportAllocs()
	b.ResetTimer()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	// Each input's time is the best of three rounds, so that a pause of the
	// machine does not pass for a slow input.
	const rounds = 3
	worst := 0.0
	for _, base := range bases {
		for _, exp := range exps {
			best := math.Inf(1)
			for r := 0; r < rounds; r++ {
				start := time.Now()
				for i := 0; i < b.N; i++ {
					if _, err := Pow(base, exp); err != nil {
						b.Fatal(err)
					}
				}
				best = math.Min(best, float64(time.Since(start).Nanoseconds())/float64(b.N))
			}
			worst = math.Max(worst, best)
		}
	}
	runtime.ReadMemStats(&after)
	calls := float64(rounds * b.N * len(bases) * len(exps))
	b.ReportMetric(worst, "ns/op")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/calls, "B/op")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/calls, "allocs/op")
}

// BenchmarkPowReference is BenchmarkPow on the math/big path Pow took before
// powFast, which it still takes outside powFast's domain.
func BenchmarkPowReference(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	bases := make([]Fixed, 64)
	exps := make([]Fixed, 64)
	for i := range bases {
		bases[i], exps[i] = randFixed(rng, 666_667, 1_000_000), randLogFixed(rng, -2, 2)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := powReference(bases[i%64], exps[i%64]); err != nil {
			b.Fatal(err)
		}
	}
}
