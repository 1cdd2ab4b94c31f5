package poolmath

import (
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"sort"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

const (
	hourNanos   = int64(3600) * nanosPerSecond
	twoDayNanos = 48 * hourNanos
)

// bigPow10Int is 10^n as an sdkmath.Int.
func bigPow10Int(n int) sdkmath.Int { return sdkmath.NewIntFromBigInt(pow10(n)) }

// sci is m·10^e as an sdkmath.Int.
func sci(m int64, e int) sdkmath.Int { return i64(m).Mul(bigPow10Int(e)) }

// decRef is a LegacyDec as a reference float.
func decRef(d sdkmath.LegacyDec) *big.Float {
	x := new(big.Float).SetPrec(refBits).SetInt(d.BigInt())
	return x.Quo(x, new(big.Float).SetPrec(refBits).SetInt(pow10(sdkmath.LegacyPrecision)))
}

func intRef(i sdkmath.Int) *big.Float { return new(big.Float).SetPrec(refBits).SetInt(i.BigInt()) }

// relDiff is |got − want| / max(|want|, floor).
func relDiff(got, want *big.Float, floor float64) *big.Float {
	d := new(big.Float).SetPrec(refBits).Sub(got, want)
	d.Abs(d)
	den := new(big.Float).SetPrec(refBits).Abs(want)
	if f := new(big.Float).SetFloat64(floor); den.Cmp(f) < 0 {
		den = f
	}
	return d.Quo(d, den)
}

// worst tracks the largest error seen and where.
type worst struct {
	err *big.Float
	at  string
}

func (w *worst) see(e *big.Float, at string) {
	if w.err == nil || e.Cmp(w.err) > 0 {
		w.err, w.at = e, at
	}
}

func (w *worst) String() string {
	if w.err == nil {
		return "none"
	}
	return fmt.Sprintf("%s (%s)", w.err.Text('e', 3), w.at)
}

// roundedPairBound checks |I·1e9 − dt·L| ≤ (1e9 + dt)/2 + 1 in raw 1e-18
// units: I = dt·q/1e9 and L = q, each correctly rounded at 18 decimals.
func requireIntegralMatchesValue(t testing.TB, integral, value sdkmath.LegacyDec, dtNanos int64, what string) {
	t.Helper()
	lhs := new(big.Int).Mul(integral.BigInt(), bigNanos)
	lhs.Sub(lhs, new(big.Int).Mul(value.BigInt(), big.NewInt(dtNanos)))
	bound := new(big.Int).Add(bigNanos, big.NewInt(dtNanos))
	bound.Rsh(bound, 1).Add(bound, big.NewInt(1))
	require.True(t, lhs.CmpAbs(bound) <= 0, "%s: integral %s over %d ns does not match value %s", what, integral, dtNanos, value)
}

// randPositive is an integer 1..2^bits with bits uniform in 1..maxBits, so
// the magnitudes spread evenly over the decades.
func randPositive(rng *rand.Rand, maxBits int) sdkmath.Int {
	bits := 1 + rng.Intn(maxBits)
	x := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
	return sdkmath.NewIntFromBigInt(x.Add(x, big.NewInt(1)))
}

// TestLogValueIntegralsConstantWeights: with constant weights the integral is
// dt·q (checked against LogValues, both correctly rounded), and the price
// exp(q_b − q_a) equals (B_b/w_b)/(B_a/w_a), computed with big.Rat, to 1e-15.
func TestLogValueIntegralsConstantWeights(t *testing.T) {
	rng := rand.New(rand.NewSource(20261127))
	dts := []int64{1, 999, nanosPerSecond, 5 * nanosPerSecond, twoDayNanos, 365 * 24 * hourNanos, math.MaxInt64}
	var worstPrice worst
	for c := 0; c < 300; c++ {
		n := 2 + rng.Intn(7)
		balances, weights := make([]sdkmath.Int, n), make([]sdkmath.Int, n)
		for i := range balances {
			balances[i] = randPositive(rng, 192)
			weights[i] = randPositive(rng, 140) // up to ~1.4e42
		}
		if c == 0 { // an LBP's start at 1e41 scale
			balances, weights = []sdkmath.Int{sci(1, 24), sci(5, 11)}, []sdkmath.Int{sci(9, 40), sci(1, 40)}
		}
		values, err := LogValues(balances, weights)
		require.NoError(t, err)
		dt := dts[c%len(dts)]
		integrals, err := LogValueIntegrals(dt, balances, weights, weights)
		require.NoError(t, err)
		for i := range values {
			requireIntegralMatchesValue(t, integrals[i], values[i], dt, fmt.Sprintf("case %d asset %d", c, i))
		}
		for a := 0; a < n; a++ {
			for b := 0; b < n; b++ {
				if values[b].LT(values[a]) {
					continue // the inverse pair is checked; prices ≥ 1 keep Fixed's digits
				}
				got, err := ExpDec(values[b].Sub(values[a]))
				require.NoError(t, err)
				want := new(big.Rat).SetFrac(
					new(big.Int).Mul(balances[b].BigInt(), weights[a].BigInt()),
					new(big.Int).Mul(weights[b].BigInt(), balances[a].BigInt()))
				e := relErr(got, new(big.Float).SetPrec(refBits).SetRat(want))
				worstPrice.see(e, fmt.Sprintf("case %d, %d/%d", c, b, a))
				require.True(t, e.Cmp(big.NewFloat(1e-15)) <= 0, "case %d price %d/%d: %s, want %s", c, b, a, got, want.FloatString(30))
			}
		}
	}
	t.Logf("constant weights: worst relative price error %s", &worstPrice)
}

// The reference for moving weights integrates q_i(s) = ln(B_i·W(s)/w_i(s))
// over s in [0, 1] by composite Gauss–Legendre quadrature in big.Float, with
// its own nodes (Newton on the Legendre recurrence) and its own ln (Halley on
// the Taylor exp of reference_test.go), sharing nothing with oracle.go.
// Each linear weight has its zero at distance δ outside [0, 1]; panels grow
// geometrically from δ near that end, so every panel is at least its own
// width away from every zero and 16 nodes reach about 1e-24.

type gaussRule struct{ nodes, weights []*big.Float }

func refNum(x float64) *big.Float { return new(big.Float).SetPrec(refBits).SetFloat64(x) }

func newGaussRule(n int) gaussRule {
	var g gaussRule
	one := refNum(1)
	for i := 1; i <= n; i++ {
		x := refNum(math.Cos(math.Pi * (float64(i) - 0.25) / (float64(n) + 0.5)))
		var dp *big.Float
		for iter := 0; iter < 10; iter++ { // quadratic from 1e-16
			var p *big.Float
			p, dp = legendre(n, x)
			x.Sub(x, p.Quo(p, dp))
		}
		_, dp = legendre(n, x)
		w := new(big.Float).SetPrec(refBits).Mul(x, x)
		w.Sub(one, w).Mul(w, dp).Mul(w, dp)
		g.nodes = append(g.nodes, x)
		g.weights = append(g.weights, w.Quo(refNum(2), w))
	}
	return g
}

// legendre is P_n(x) and P_n'(x).
func legendre(n int, x *big.Float) (*big.Float, *big.Float) {
	p0, p1 := refNum(1), new(big.Float).SetPrec(refBits).Set(x)
	for k := 2; k <= n; k++ {
		a := new(big.Float).SetPrec(refBits).Mul(x, p1)
		a.Mul(a, refNum(float64(2*k-1)))
		b := new(big.Float).SetPrec(refBits).Mul(p0, refNum(float64(k-1)))
		a.Sub(a, b).Quo(a, refNum(float64(k)))
		p0, p1 = p1, a
	}
	dp := new(big.Float).SetPrec(refBits).Mul(x, p1)
	dp.Sub(dp, p0).Mul(dp, refNum(float64(n)))
	den := new(big.Float).SetPrec(refBits).Mul(x, x)
	den.Sub(den, refNum(1))
	return p1, dp.Quo(dp, den)
}

// quadLn is ln x by Halley steps on refExp from a float64 guess, stopping
// one step after the correction falls below 2^-130 (the error is then cubed,
// below 1e-110).
func quadLn(x *big.Float) *big.Float {
	mant := new(big.Float)
	exp := x.MantExp(mant)
	m, _ := mant.Float64()
	y := refNum(math.Log(m) + float64(exp)*math.Ln2)
	limit := new(big.Float).SetMantExp(big.NewFloat(1), -130)
	for i := 0; i < 8; i++ {
		ey := refExp(y)
		num := new(big.Float).SetPrec(refBits).Sub(x, ey)
		den := new(big.Float).SetPrec(refBits).Add(x, ey)
		num.Quo(num, den)
		num.Add(num, num)
		y.Add(y, num)
		if num.Abs(num).Cmp(limit) < 0 {
			break
		}
	}
	return y
}

// linPath is a pool whose raw weights move linearly from u to v.
type linPath struct{ b, u, v []sdkmath.Int }

// meshFor is the panel breakpoints on [0, 1] for the path.
func meshFor(p linPath) []float64 {
	d0, d1 := 1.0, 1.0 // distance of the nearest zero beyond 0 and beyond 1
	lin := [][2]*big.Int{{sumBig(bigInts(p.u)), sumBig(bigInts(p.v))}}
	for i := range p.u {
		lin = append(lin, [2]*big.Int{p.u[i].BigInt(), p.v[i].BigInt()})
	}
	for _, l := range lin {
		u, v := l[0], l[1]
		switch c := v.Cmp(u); {
		case c > 0: // zero at −u/(v−u)
			d, _ := new(big.Rat).SetFrac(u, new(big.Int).Sub(v, u)).Float64()
			d0 = math.Min(d0, d)
		case c < 0: // zero at 1 + v/(u−v)
			d, _ := new(big.Rat).SetFrac(v, new(big.Int).Sub(u, v)).Float64()
			d1 = math.Min(d1, d)
		}
	}
	pts := []float64{0, 1}
	for k := 1; k < 8; k++ {
		pts = append(pts, float64(k)/8)
	}
	for d := d0; d < 0.125; d *= 2 {
		pts = append(pts, d)
	}
	for d := d1; d < 0.125; d *= 2 {
		pts = append(pts, 1-d)
	}
	sort.Float64s(pts)
	out := pts[:1]
	for _, x := range pts[1:] {
		if x > out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// refMeans is the mean over s in [0, 1] of q_i(s) for every asset.
func refMeans(p linPath, g gaussRule) []*big.Float {
	mesh := meshFor(p)
	n := len(p.b)
	u, v := make([]*big.Float, n), make([]*big.Float, n)
	uSum, vSum := refNum(0), refNum(0)
	for i := range p.b {
		u[i], v[i] = intRef(p.u[i]), intRef(p.v[i])
		uSum.Add(uSum, u[i])
		vSum.Add(vSum, v[i])
	}
	at := func(a, b, s *big.Float) *big.Float { // a + (b−a)s
		r := new(big.Float).SetPrec(refBits).Sub(b, a)
		return r.Mul(r, s).Add(r, a)
	}
	sums := make([]*big.Float, n)
	for i := range sums {
		sums[i] = refNum(0)
	}
	for k := 1; k < len(mesh); k++ {
		lo, hi := refNum(mesh[k-1]), refNum(mesh[k])
		half := new(big.Float).SetPrec(refBits).Sub(hi, lo)
		half.Quo(half, refNum(2))
		mid := new(big.Float).SetPrec(refBits).Add(hi, lo)
		mid.Quo(mid, refNum(2))
		for j, x := range g.nodes {
			s := new(big.Float).SetPrec(refBits).Mul(half, x)
			s.Add(s, mid)
			wSum := at(uSum, vSum, s)
			wt := new(big.Float).SetPrec(refBits).Mul(g.weights[j], half)
			for i := range p.b {
				arg := new(big.Float).SetPrec(refBits).Mul(intRef(p.b[i]), wSum)
				arg.Quo(arg, at(u[i], v[i], s))
				l := quadLn(arg)
				sums[i].Add(sums[i], l.Mul(l, wt))
			}
		}
	}
	return sums
}

// TestLogValueIntegralsAgainstQuadrature checks the closed form against the
// quadrature for LBP paths (0.9/0.1 → 0.1/0.9 over 48 h, at 1e12 and 1e41
// scale, whole and partial spans), weights one unit apart at 1e41, equal
// weights, extreme moves (1e12 → 1e41) and random 8-asset pools. The mean and
// exp(mean_b − mean_a) must agree to 1e-12 relative; the reference itself
// (16 against 12 nodes) must agree to 1e-16.
func TestLogValueIntegralsAgainstQuadrature(t *testing.T) {
	g16, g12 := newGaussRule(16), newGaussRule(12)
	type tc struct {
		name string
		dt   int64
		p    linPath
	}
	lbp := func(scale int, b0, b1 sdkmath.Int) linPath {
		return linPath{[]sdkmath.Int{b0, b1}, []sdkmath.Int{sci(9, scale-1), sci(1, scale-1)}, []sdkmath.Int{sci(1, scale-1), sci(9, scale-1)}}
	}
	// partial is the LBP's sub-span [t1, t2] with weights rounded to integers.
	partial := func(p linPath, t1, t2 int64) linPath {
		interp := func(tt int64) []sdkmath.Int {
			out := make([]sdkmath.Int, len(p.u))
			for i := range p.u {
				r := new(big.Rat).SetFrac(new(big.Int).Mul(p.v[i].Sub(p.u[i]).BigInt(), big.NewInt(tt)), big.NewInt(twoDayNanos))
				r.Add(r, new(big.Rat).SetInt(p.u[i].BigInt()))
				out[i] = sdkmath.NewIntFromBigInt(roundNearest(r.Num(), r.Denom()))
			}
			return out
		}
		return linPath{p.b, interp(t1), interp(t2)}
	}
	lbp12 := lbp(12, sci(1, 24), sci(5, 11))
	lbp41 := lbp(41, sci(3, 30), sci(7, 8))
	cases := []tc{
		{"lbp 1e12 whole", twoDayNanos, lbp12},
		{"lbp 1e41 whole", twoDayNanos, lbp41},
		{"lbp 1e12 hours 5-17.5", 12*hourNanos + hourNanos/2, partial(lbp12, 5*hourNanos, 17*hourNanos+hourNanos/2)},
		{"lbp 1e41 first 7s", 7 * nanosPerSecond, partial(lbp41, 0, 7*nanosPerSecond)},
		{"lbp 1e41 last hour", hourNanos, partial(lbp41, 47*hourNanos, twoDayNanos)},
		{"lbp 1e41 hours 13.3-40.01", 26*hourNanos + 42*60*nanosPerSecond + 36*nanosPerSecond, partial(lbp41, 13*hourNanos+18*60*nanosPerSecond, 40*hourNanos+36*nanosPerSecond)},
		{"one unit apart at 1e41", twoDayNanos, linPath{
			[]sdkmath.Int{sci(1, 30), sci(2, 20), sci(3, 10)},
			[]sdkmath.Int{sci(1, 41), sci(5, 40), sci(3, 40)},
			[]sdkmath.Int{sci(1, 41).AddRaw(1), sci(5, 40), sci(3, 40).SubRaw(1)}}},
		{"equal weights", hourNanos, linPath{
			[]sdkmath.Int{sci(1, 18), sci(4, 18)}, []sdkmath.Int{sci(5, 40), sci(5, 40)}, []sdkmath.Int{sci(5, 40), sci(5, 40)}}},
		{"extreme 1e12 to 1e41", twoDayNanos, linPath{
			[]sdkmath.Int{sci(1, 40), sci(1, 6), sci(5, 57)},
			[]sdkmath.Int{sci(1, 12), sci(1, 41), sci(3, 20)},
			[]sdkmath.Int{sci(1, 41), sci(1, 12), sci(3, 20)}}},
	}
	rng := rand.New(rand.NewSource(48))
	for c := 0; c < 3; c++ {
		n := []int{3, 3, 8}[c]
		p := linPath{make([]sdkmath.Int, n), make([]sdkmath.Int, n), make([]sdkmath.Int, n)}
		for i := 0; i < n; i++ {
			p.b[i] = randPositive(rng, 192)
			p.u[i] = sci(1+rng.Int63n(9), 12+rng.Intn(30))
			p.v[i] = sci(1+rng.Int63n(9), 12+rng.Intn(30))
		}
		cases = append(cases, tc{fmt.Sprintf("random %d assets", n), 1 + rng.Int63n(twoDayNanos), p})
	}

	var worstMean, worstPrice, worstRef worst
	for _, c := range cases {
		integrals, err := LogValueIntegrals(c.dt, c.p.b, c.p.u, c.p.v)
		require.NoError(t, err, c.name)
		ref, ref12 := refMeans(c.p, g16), refMeans(c.p, g12)
		means := make([]sdkmath.LegacyDec, len(integrals))
		for i := range integrals {
			e := relDiff(ref12[i], ref[i], 1)
			worstRef.see(e, c.name)
			require.True(t, e.Cmp(big.NewFloat(1e-16)) <= 0, "%s: quadrature not converged (%s)", c.name, e.Text('e', 3))
			means[i], err = MeanLog(sdkmath.LegacyZeroDec(), integrals[i], c.dt)
			require.NoError(t, err)
			e = relDiff(decRef(means[i]), ref[i], 1)
			worstMean.see(e, fmt.Sprintf("%s asset %d", c.name, i))
			require.True(t, e.Cmp(big.NewFloat(1e-12)) <= 0, "%s asset %d: mean %s, reference %s", c.name, i, means[i], ref[i].Text('g', 30))
		}
		for a := range means {
			for b := range means {
				if a == b {
					continue
				}
				diff := new(big.Float).SetPrec(refBits).Sub(ref[b], ref[a])
				if diff.Sign() < 0 {
					continue // prices ≥ 1 only, the inverse pair covers the rest
				}
				got, err := ExpDec(means[b].Sub(means[a]))
				require.NoError(t, err)
				e := relErr(got, refExp(diff))
				worstPrice.see(e, fmt.Sprintf("%s %d/%d", c.name, b, a))
				require.True(t, e.Cmp(big.NewFloat(1e-12)) <= 0, "%s price %d/%d: %s vs %s", c.name, b, a, got, refExp(diff).Text('g', 30))
			}
		}
	}
	t.Logf("quadrature: worst relative error of the mean %s", &worstMean)
	t.Logf("quadrature: worst relative error of exp(mean_b − mean_a) %s", &worstPrice)
	t.Logf("quadrature: reference self-check (12 vs 16 nodes) %s", &worstRef)
}

// TestLogMeanExcessPrecision checks the internal m(v/u) at work precision
// against m = v·ln(v/u)/(v−u) − 1 in 500-bit floats, near r = 1 (where a
// direct formula cancels) and far from it, on both sides of the series cutoff.
func TestLogMeanExcessPrecision(t *testing.T) {
	e41 := pow10(41)
	type pair struct{ u, v *big.Int }
	add := func(x *big.Int, d int64) *big.Int { return new(big.Int).Add(x, big.NewInt(d)) }
	pairs := []pair{
		{e41, add(e41, 1)}, {add(e41, 1), e41}, {e41, add(e41, -1)},
		{pow10(42), add(pow10(42), 1)}, {big.NewInt(1), big.NewInt(2)}, {big.NewInt(2), big.NewInt(1)},
		{big.NewInt(1), pow10(42)}, {pow10(42), big.NewInt(1)},
		{big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 255)}, {new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(3)},
		// around the cutoff |v−u|·16 = v+u: v/u = 17/15 and 15/17
		{big.NewInt(15_000), big.NewInt(17_000)}, {big.NewInt(15_000), big.NewInt(16_999)}, {big.NewInt(15_000), big.NewInt(17_001)},
		{big.NewInt(17_000), big.NewInt(15_000)}, {big.NewInt(17_000), big.NewInt(15_001)}, {big.NewInt(17_000), big.NewInt(14_999)},
	}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 300; i++ {
		u := randPositive(rng, 140).BigInt()
		v := new(big.Int)
		switch i % 3 {
		case 0:
			v = randPositive(rng, 140).BigInt()
		case 1: // r − 1 anywhere from 1e-42 to 1e-1
			d := new(big.Int).Quo(u, pow10(1+rng.Intn(42)))
			if rng.Intn(2) == 0 {
				d.Neg(d)
			}
			v.Add(u, d).Add(v, big.NewInt(1))
		default: // near the cutoff
			v.Mul(u, big.NewInt(int64(14_000+rng.Intn(4_000)))).Quo(v, big.NewInt(15_000)).Add(v, big.NewInt(1))
		}
		pairs = append(pairs, pair{u, v})
	}
	var w worst
	for _, p := range pairs {
		got := new(big.Float).SetPrec(refBits).SetInt(logMeanExcess(p.u, p.v))
		got.Quo(got, new(big.Float).SetPrec(refBits).SetInt(workOne))
		want := refNum(0)
		if p.u.Cmp(p.v) != 0 {
			u, v := new(big.Float).SetPrec(refBits).SetInt(p.u), new(big.Float).SetPrec(refBits).SetInt(p.v)
			want = refLn(new(big.Float).SetPrec(refBits).Quo(v, u))
			want.Mul(want, v).Quo(want, new(big.Float).SetPrec(refBits).Sub(v, u)).Sub(want, refNum(1))
		}
		e := new(big.Float).Sub(got, want)
		e.Abs(e)
		w.see(e, fmt.Sprintf("u=%s v=%s", p.u, p.v))
		require.True(t, e.Cmp(big.NewFloat(1e-66)) <= 0, "m(%s/%s) = %s, want %s", p.v, p.u, got.Text('g', 80), want.Text('g', 80))
	}
	t.Logf("logMeanExcess over %d pairs: worst absolute error %s", len(pairs), &w)
}

// TestLogValueIntegralsAdditive: the integral over [0, T] equals the sum over
// [0, t1] and [t1, T] to 1e-17, where t1 is chosen so every weight at t1 is
// an integer on the straight path; and 100 block-sized pieces sum to it
// within their 101 roundings of half a unit each. That bound is nearly
// reached: where q barely moves, every block rounds the same way.
func TestLogValueIntegralsAdditive(t *testing.T) {
	const steps = 1000 // every v−u is a multiple, so t = k·T/steps hits integers
	rng := rand.New(rand.NewSource(11))
	at := func(p linPath, k int64) []sdkmath.Int {
		out := make([]sdkmath.Int, len(p.u))
		for i := range p.u {
			out[i] = p.u[i].Add(p.v[i].Sub(p.u[i]).MulRaw(k).QuoRaw(steps))
		}
		return out
	}
	paths := []linPath{
		{[]sdkmath.Int{sci(1, 24), sci(5, 11)}, []sdkmath.Int{sci(9, 11), sci(1, 11)}, []sdkmath.Int{sci(1, 11), sci(9, 11)}},
		{[]sdkmath.Int{sci(3, 30), sci(7, 8)}, []sdkmath.Int{sci(9, 40), sci(1, 40)}, []sdkmath.Int{sci(1, 40), sci(9, 40)}},
		{[]sdkmath.Int{sci(3, 30), sci(7, 8)}, []sdkmath.Int{sci(1, 12), sci(1, 41)}, []sdkmath.Int{sci(1, 41), sci(1, 12)}},
	}
	for c := 0; c < 20; c++ {
		n := 2 + rng.Intn(7)
		p := linPath{make([]sdkmath.Int, n), make([]sdkmath.Int, n), make([]sdkmath.Int, n)}
		for i := range p.b {
			p.b[i] = randPositive(rng, 192)
			p.u[i] = randPositive(rng, 130).MulRaw(steps)
			p.v[i] = randPositive(rng, 130).MulRaw(steps)
			if c%4 == 0 {
				p.v[i] = p.u[i].AddRaw(steps) // r − 1 tiny
			}
		}
		paths = append(paths, p)
	}
	tol := sdkmath.LegacyNewDecWithPrec(1, 17)
	var worstSplit, worstBlocks sdkmath.LegacyDec = sdkmath.LegacyZeroDec(), sdkmath.LegacyZeroDec()
	for c, p := range paths {
		total := twoDayNanos
		if c%2 == 1 {
			total = (1 + rng.Int63n(1_000_000)) * steps // any span, still a multiple of steps
		}
		whole, err := LogValueIntegrals(total, p.b, p.u, p.v)
		require.NoError(t, err)
		k := 1 + rng.Int63n(steps-1)
		t1 := total / steps * k
		mid := at(p, k)
		first, err := LogValueIntegrals(t1, p.b, p.u, mid)
		require.NoError(t, err)
		second, err := LogValueIntegrals(total-t1, p.b, mid, p.v)
		require.NoError(t, err)
		// 100 equal blocks
		blocks := make([]sdkmath.LegacyDec, len(p.b))
		for i := range blocks {
			blocks[i] = sdkmath.LegacyZeroDec()
		}
		for j := int64(0); j < 100; j++ {
			part, err := LogValueIntegrals(total/100, p.b, at(p, j*steps/100), at(p, (j+1)*steps/100))
			require.NoError(t, err)
			for i := range blocks {
				blocks[i] = blocks[i].Add(part[i])
			}
		}
		for i := range whole {
			d := whole[i].Sub(first[i].Add(second[i])).Abs()
			if d.GT(worstSplit) {
				worstSplit = d
			}
			require.True(t, d.LTE(tol), "path %d asset %d: %s ≠ %s + %s", c, i, whole[i], first[i], second[i])
			d = whole[i].Sub(blocks[i]).Abs()
			if d.GT(worstBlocks) {
				worstBlocks = d
			}
			require.True(t, d.LTE(sdkmath.LegacyNewDecWithPrec(51, 18)), "path %d asset %d: whole %s, 100 blocks %s", c, i, whole[i], blocks[i])
		}
	}
	t.Logf("additivity: worst |whole − (first + second)| = %s, worst |whole − Σ 100 blocks| = %s", worstSplit, worstBlocks)
}

func TestLogValuesKnown(t *testing.T) {
	// Balances equal to normalized weights times 1: q = ln(B·W/w).
	values, err := LogValues(ints(80, 20), ints(80, 20))
	require.NoError(t, err)
	require.Equal(t, "4.605170185988091368", values[0].String()) // ln 100
	require.Equal(t, values[0], values[1])
	values, err = LogValues(ints(1, 1), ints(1, 1))
	require.NoError(t, err)
	require.Equal(t, "0.693147180559945309", values[0].String()) // ln 2
	zero, err := LogValueIntegrals(0, ints(1, 2), ints(1, 1), ints(2, 1))
	require.NoError(t, err)
	require.True(t, zero[0].IsZero() && zero[1].IsZero())
}

func TestMeanLogRounding(t *testing.T) {
	dec := sdkmath.LegacyMustNewDecFromStr
	cases := []struct {
		start, end string
		dt         int64
		want       string
	}{
		{"0", "1", 3 * nanosPerSecond, "0.333333333333333333"},
		{"0", "2", 3 * nanosPerSecond, "0.666666666666666667"},
		{"2", "0", 3 * nanosPerSecond, "-0.666666666666666667"},
		{"10.5", "10.500000000000000001", 2 * nanosPerSecond, "0.000000000000000001"}, // half away from zero
		{"100", "100", 1, "0.000000000000000000"},
		{"0", "0.000000000000000001", 1, "0.000000001000000000"},
		{"-3", "4", 7 * nanosPerSecond, "1.000000000000000000"},
	}
	for _, c := range cases {
		got, err := MeanLog(dec(c.start), dec(c.end), c.dt)
		require.NoError(t, err)
		require.Equal(t, c.want, got.String(), "%+v", c)
	}
}

// TestExpDecPrecision: ExpDec against refExp over the whole range; results
// carry 60 digits, so the relative error is measured where e^x > 1e-20.
func TestExpDecPrecision(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	var w worst
	xs := []sdkmath.LegacyDec{sdkmath.LegacyZeroDec(), sdkmath.LegacyNewDec(276), sdkmath.LegacyNewDec(-46), sdkmath.LegacyOneDec(), sdkmath.LegacyNewDecWithPrec(1, 18)}
	for i := 0; i < 500; i++ {
		raw := new(big.Int).Rand(rng, new(big.Int).Mul(big.NewInt(322), pow10(18)))
		xs = append(xs, sdkmath.LegacyNewDecFromBigIntWithPrec(raw.Sub(raw, new(big.Int).Mul(big.NewInt(46), pow10(18))), 18))
	}
	for _, x := range xs {
		got, err := ExpDec(x)
		require.NoError(t, err)
		e := relErr(got, refExp(decRef(x)))
		w.see(e, x.String())
		require.True(t, e.Cmp(big.NewFloat(1e-39)) <= 0, "exp(%s) = %s", x, got)
	}
	one, err := ExpDec(sdkmath.LegacyZeroDec())
	require.NoError(t, err)
	require.True(t, one.IsOne())
	tiny, err := ExpDec(sdkmath.LegacyNewDec(-276))
	require.NoError(t, err)
	require.Zero(t, tiny.Sign(), "e^-276 ≈ 1e-120 rounds to 0 at 60 digits")
	t.Logf("ExpDec over %d inputs: worst relative error %s", len(xs), &w)
}

func TestOracleRejectsBadInput(t *testing.T) {
	good := ints(10, 20)
	bad := []struct {
		name             string
		balances, ws, we []sdkmath.Int
		dt               int64
		err              error
		valuesToo        bool // LogValues(balances, ws) fails the same way
	}{
		{"empty", nil, nil, nil, 1, ErrLengthMismatch, true},
		{"weights shorter", good, ints(1), ints(1), 1, ErrLengthMismatch, true},
		{"end weights longer", good, good, ints(1, 2, 3), 1, ErrLengthMismatch, false},
		{"zero balance", ints(0, 1), good, good, 1, ErrNonPositive, true},
		{"negative balance", ints(5, -1), good, good, 1, ErrNonPositive, true},
		{"nil balance", []sdkmath.Int{{}, i64(1)}, good, good, 1, ErrNonPositive, true},
		{"zero weight", good, ints(0, 1), ints(1, 1), 1, ErrNonPositive, true},
		{"nil weight", good, []sdkmath.Int{i64(1), {}}, good, 1, ErrNonPositive, true},
		{"negative end weight", good, good, ints(1, -7), 1, ErrNonPositive, false},
		{"zero end weight at dt 0", good, good, ints(1, 0), 0, ErrNonPositive, false},
		{"negative dt", good, good, good, -1, ErrNonPositive, false},
	}
	for _, c := range bad {
		_, err := LogValueIntegrals(c.dt, c.balances, c.ws, c.we)
		require.ErrorIs(t, err, c.err, c.name)
		if c.valuesToo {
			_, err = LogValues(c.balances, c.ws)
			require.ErrorIs(t, err, c.err, "LogValues: "+c.name)
		}
	}
	_, err := LogValues(good, ints(1))
	require.ErrorIs(t, err, ErrLengthMismatch)

	dec := sdkmath.LegacyMustNewDecFromStr
	for _, x := range []string{"276.000000000000000001", "-276.000000000000000001", "1000000000000"} {
		_, err = ExpDec(dec(x))
		require.ErrorIs(t, err, ErrOutOfRange, x)
	}
	_, err = ExpDec(sdkmath.LegacyDec{})
	require.ErrorIs(t, err, ErrOutOfRange)

	for _, dt := range []int64{0, -1, math.MinInt64} {
		_, err = MeanLog(dec("1"), dec("2"), dt)
		require.ErrorIs(t, err, ErrNonPositive)
	}
	_, err = MeanLog(sdkmath.LegacyDec{}, dec("2"), 1)
	require.ErrorIs(t, err, ErrOutOfRange)
	// A difference past what a LegacyDec holds is an error, not a panic.
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 250), 0)
	_, err = MeanLog(huge.Neg(), huge, 1)
	require.ErrorIs(t, err, ErrOutOfRange)
}

// fuzzOracleInt is x·2^shift (shift < 193, so at most 256 bits).
func fuzzOracleInt(x *big.Int, shift uint64) sdkmath.Int {
	return sdkmath.NewIntFromBigInt(new(big.Int).Lsh(x, uint(shift%193)))
}

// FuzzLogValueIntegrals: arbitrary signed and huge inputs never panic; errors
// come exactly for non-positive inputs or a negative interval; otherwise each
// integral is finite, the constant-weight case is dt·LogValues, and the
// moving-weight mean lies between the start and end log values (q moves
// monotonically along a linear weight path).
func FuzzLogValueIntegrals(f *testing.F) {
	f.Add(twoDayNanos, uint64(1e18), int64(5e11), uint64(9e11), int64(1e11), uint64(1e11), uint64(9e11), uint64(0x00_00_80_80_00_00_40_00))
	f.Add(int64(1), uint64(math.MaxUint64), int64(math.MaxInt64), uint64(1), int64(1), uint64(math.MaxUint64), uint64(2), uint64(0xC0C0C0C0C0C0C0C0))
	f.Add(int64(math.MaxInt64), uint64(1), int64(1), uint64(1e17), int64(1e17), uint64(1e17)+1, uint64(1e17)-1, uint64(0x0000_7b7b_0000_0000))
	f.Add(int64(-5), uint64(7), int64(7), uint64(7), int64(7), uint64(7), uint64(7), uint64(0))
	f.Add(int64(9), uint64(0), int64(-3), uint64(7), int64(0), uint64(7), uint64(0), uint64(0))
	f.Add(int64(0), uint64(3), int64(3), uint64(1), int64(1), uint64(4), uint64(9), uint64(0xffffffffffffffff))
	f.Fuzz(func(t *testing.T, dt int64, b0 uint64, b1 int64, w0 uint64, w1 int64, e0, e1 uint64, shifts uint64) {
		sh := func(k int) uint64 { return shifts >> (8 * k) & 0xff }
		u64 := func(x uint64) *big.Int { return new(big.Int).SetUint64(x) }
		balances := []sdkmath.Int{fuzzOracleInt(u64(b0), sh(0)), fuzzOracleInt(big.NewInt(b1), sh(1))}
		start := []sdkmath.Int{fuzzOracleInt(u64(w0), sh(2)), fuzzOracleInt(big.NewInt(w1), sh(3))}
		end := []sdkmath.Int{fuzzOracleInt(u64(e0), sh(4)), fuzzOracleInt(u64(e1), sh(5))}
		wantErr := dt < 0
		for _, x := range append(append(append([]sdkmath.Int{}, balances...), start...), end...) {
			wantErr = wantErr || !x.IsPositive()
		}
		got, err := LogValueIntegrals(dt, balances, start, end)
		if wantErr {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		// 0 ≤ q ≤ ln(2^256 · 2^257) < 357 at every instant.
		limit := sdkmath.LegacyNewDec(357).MulInt64(dt/nanosPerSecond + 1)
		for _, x := range got {
			require.False(t, x.IsNil())
			require.True(t, x.GTE(sdkmath.LegacyZeroDec()) && x.LTE(limit), "integral %s out of range", x)
		}
		if dt == 0 {
			return
		}
		qStart, err := LogValues(balances, start)
		require.NoError(t, err)
		qEnd, err := LogValues(balances, end)
		require.NoError(t, err)
		constant, err := LogValueIntegrals(dt, balances, start, start)
		require.NoError(t, err)
		slack := new(big.Int).Add(bigNanos, big.NewInt(dt))
		slack.Rsh(slack, 1).Add(slack, big.NewInt(1))
		for i := range got {
			requireIntegralMatchesValue(t, constant[i], qStart[i], dt, fmt.Sprintf("asset %d", i))
			lo := new(big.Int).Mul(qStart[i].BigInt(), big.NewInt(dt))
			hi := new(big.Int).Mul(qEnd[i].BigInt(), big.NewInt(dt))
			if lo.Cmp(hi) > 0 {
				lo, hi = hi, lo
			}
			x := new(big.Int).Mul(got[i].BigInt(), bigNanos)
			require.True(t, x.Cmp(new(big.Int).Sub(lo, slack)) >= 0 && x.Cmp(new(big.Int).Add(hi, slack)) <= 0,
				"asset %d: mean %s outside [%s, %s]", i, got[i], qStart[i], qEnd[i])
		}
	})
}

func BenchmarkLogValueIntegrals(b *testing.B) {
	for _, n := range []int{2, 8} {
		balances, start, end := make([]sdkmath.Int, n), make([]sdkmath.Int, n), make([]sdkmath.Int, n)
		for i := 0; i < n; i++ {
			balances[i] = sci(int64(1+3*i), 20+i)
			start[i] = sci(int64(9-i%9), 40)
			end[i] = sci(int64(1+i%9), 40).AddRaw(int64(i))
		}
		for _, moving := range []bool{false, true} {
			we, name := start, fmt.Sprintf("%d assets/constant", n)
			if moving {
				we, name = end, fmt.Sprintf("%d assets/moving", n)
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := LogValueIntegrals(6*nanosPerSecond, balances, start, we); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
