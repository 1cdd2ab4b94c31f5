package poolmath

import (
	"math/big"
	"math/rand"

	sdkmath "cosmossdk.io/math"
)

// Exact references for the strategy code: big.Rat for every rational
// formula, and big.Float at refBits (reference_test.go's independent exp and
// ln) for the power channel. They restate the documented formulas directly,
// on rationals, with none of the production code's integer bookkeeping.

func ratOfDec(d sdkmath.LegacyDec) *big.Rat { return new(big.Rat).SetFrac(d.BigInt(), decOneRaw) }

func ratsOfDecs(ds []sdkmath.LegacyDec) []*big.Rat {
	out := make([]*big.Rat, len(ds))
	for i, d := range ds {
		out[i] = ratOfDec(d)
	}
	return out
}

func decOfRaw(raw int64) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecFromBigIntWithPrec(big.NewInt(raw), sdkmath.LegacyPrecision)
}

func ratInt(i int64) *big.Rat { return new(big.Rat).SetInt64(i) }

// ratRoundRaw is x·10^18 rounded to the nearest integer, half away from zero.
func ratRoundRaw(x *big.Rat) *big.Int {
	y := new(big.Rat).Mul(x, new(big.Rat).SetInt(decOneRaw))
	num := new(big.Int).Abs(y.Num())
	num.Lsh(num, 1).Add(num, y.Denom())
	q := num.Quo(num, new(big.Int).Lsh(y.Denom(), 1))
	if y.Sign() < 0 {
		q.Neg(q)
	}
	return q
}

// ulpsBetween is |raw·10^-18 − x| in units of 10^-18.
func ulpsBetween(d sdkmath.LegacyDec, x *big.Rat) *big.Rat {
	diff := new(big.Rat).Sub(ratOfDec(d), x)
	diff.Abs(diff)
	return diff.Mul(diff, new(big.Rat).SetInt(decOneRaw))
}

// refEstimates is the estimator state in exact rationals.
type refEstimates struct{ last, mean, grad, vari []*big.Rat }

func refEstimatesOf(s EstimatorState) refEstimates {
	var r refEstimates
	for _, a := range s.Assets {
		r.last = append(r.last, ratOfDec(a.LastLogPrice))
		r.mean = append(r.mean, ratOfDec(a.MeanLogPrice))
		r.grad = append(r.grad, ratOfDec(a.Gradient))
		r.vari = append(r.vari, ratOfDec(a.Variance))
	}
	return r
}

// refUpdate is the documented estimator update, exactly; an empty state
// takes the prices as they are.
func refUpdate(s refEstimates, l []*big.Rat, lam *big.Rat) refEstimates {
	n := len(l)
	if s.last == nil {
		r := refEstimates{last: l, mean: l}
		for range l {
			r.grad = append(r.grad, new(big.Rat))
			r.vari = append(r.vari, new(big.Rat))
		}
		return r
	}
	keep := new(big.Rat).Sub(ratInt(1), lam)
	out := refEstimates{last: l, mean: make([]*big.Rat, n), grad: make([]*big.Rat, n), vari: make([]*big.Rat, n)}
	for i := range l {
		ret := new(big.Rat).Sub(l[i], s.last[i])
		out.mean[i] = new(big.Rat).Add(new(big.Rat).Mul(lam, s.mean[i]), new(big.Rat).Mul(keep, l[i]))
		out.grad[i] = new(big.Rat).Add(new(big.Rat).Mul(lam, s.grad[i]), new(big.Rat).Mul(keep, ret))
		d := new(big.Rat).Sub(ret, s.grad[i])
		v := new(big.Rat).Mul(keep, new(big.Rat).Mul(d, d))
		out.vari[i] = v.Mul(lam, v.Add(v, s.vari[i]))
	}
	return out
}

// refRound is roundWeights on rationals: nearest, remainder to the largest.
func refRound(exact []*big.Rat) []*big.Int {
	raws := make([]*big.Int, len(exact))
	rest := new(big.Int).Set(decOneRaw)
	for i, x := range exact {
		raws[i] = ratRoundRaw(x)
		rest.Sub(rest, raws[i])
	}
	largest := 0
	for i := range raws {
		if raws[i].Cmp(raws[largest]) > 0 {
			largest = i
		}
	}
	raws[largest].Add(raws[largest], rest)
	return raws
}

func ratMean(xs []*big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, x := range xs {
		s.Add(s, x)
	}
	return s.Quo(s, ratInt(int64(len(xs))))
}

// refAdditive is w_i + κ·(s_i − mean(s)).
func refAdditive(w, s []*big.Rat, kappa *big.Rat) []*big.Rat {
	mean := ratMean(s)
	out := make([]*big.Rat, len(w))
	for i := range w {
		move := new(big.Rat).Sub(s[i], mean)
		out[i] = move.Add(w[i], move.Mul(move, kappa))
	}
	return out
}

// refMinVariance is λ_w·w + (1−λ_w)·(1/v_i)/Σ(1/v_j), v floored at 10^-18.
func refMinVariance(w, v []*big.Rat, blend *big.Rat) []*big.Rat {
	ulp := new(big.Rat).SetFrac(big.NewInt(1), decOneRaw)
	inv := make([]*big.Rat, len(v))
	total := new(big.Rat)
	for i, x := range v {
		if x.Cmp(ulp) < 0 {
			x = ulp
		}
		inv[i] = new(big.Rat).Inv(x)
		total.Add(total, inv[i])
	}
	keep := new(big.Rat).Sub(ratInt(1), blend)
	out := make([]*big.Rat, len(w))
	for i := range w {
		t := new(big.Rat).Quo(inv[i], total)
		out[i] = t.Add(new(big.Rat).Mul(blend, w[i]), t.Mul(t, keep))
	}
	return out
}

// refFloor is the documented CPPI rule.
func refFloor(b []*big.Rat, safe int, value, floor, m *big.Rat) []*big.Rat {
	c := new(big.Rat).Sub(value, floor)
	if c.Sign() < 0 {
		c.SetInt64(0)
	}
	c.Quo(c, value)
	risky := c.Mul(c, m)
	if risky.Cmp(ratInt(1)) > 0 {
		risky = ratInt(1)
	}
	others := new(big.Rat)
	for i, x := range b {
		if i != safe {
			others.Add(others, x)
		}
	}
	out := make([]*big.Rat, len(b))
	for i := range b {
		out[i] = new(big.Rat)
		if others.Sign() == 0 {
			if i == safe {
				out[i].SetInt64(1)
			}
			continue
		}
		if i == safe {
			out[i].Sub(ratInt(1), risky)
		} else {
			out[i].Mul(risky, b[i]).Quo(out[i], others)
		}
	}
	return out
}

// refSignedPow is sign(g)·|g|^q in big.Float at refBits.
func refSignedPow(g, q *big.Rat) *big.Float {
	if g.Sign() == 0 {
		return new(big.Float).SetPrec(refBits)
	}
	abs := new(big.Float).SetPrec(refBits).SetRat(new(big.Rat).Abs(g))
	t := new(big.Float).SetPrec(refBits).SetRat(q)
	p := refExp(t.Mul(t, refLn(abs)))
	if g.Sign() < 0 {
		p.Neg(p)
	}
	return p
}

// refPowerChannel is w_i + κ·(s_i − mean(s)) in big.Float at refBits.
func refPowerChannel(w, g []*big.Rat, kappa, q *big.Rat) []*big.Float {
	s := make([]*big.Float, len(g))
	mean := new(big.Float).SetPrec(refBits)
	for i := range g {
		s[i] = refSignedPow(g[i], q)
		mean.Add(mean, s[i])
	}
	mean.Quo(mean, new(big.Float).SetPrec(refBits).SetInt64(int64(len(g))))
	k := new(big.Float).SetPrec(refBits).SetRat(kappa)
	out := make([]*big.Float, len(w))
	for i := range w {
		move := new(big.Float).SetPrec(refBits).Sub(s[i], mean)
		move.Mul(move, k)
		out[i] = move.Add(move, new(big.Float).SetPrec(refBits).SetRat(w[i]))
	}
	return out
}

// floatUlpsBetween is |d − x| in units of 10^-18.
func floatUlpsBetween(d sdkmath.LegacyDec, x *big.Float) *big.Float {
	diff := new(big.Float).SetPrec(refBits).SetRat(ratOfDec(d))
	diff.Sub(diff, x).Abs(diff)
	return diff.Mul(diff, new(big.Float).SetPrec(refBits).SetInt(decOneRaw))
}

// pricePath is a recorded sequence of log-price vectors and its memory λ.
type pricePath struct {
	name   string
	lambda sdkmath.LegacyDec
	logs   [][]sdkmath.LegacyDec
}

// The generators work on raws (10^-18 units) with integer steps, so the
// paths are the same on every platform.
const (
	pathSteps = 60
	centRaw   = 10_000_000_000_000_000 // 0.01
)

func randomWalkPath(seed int64, n int, lambda string) pricePath {
	rng := rand.New(rand.NewSource(seed))
	cur := make([]int64, n)
	for i := range cur {
		cur[i] = rng.Int63n(1000)*centRaw - 500*centRaw // ℓ in [−5, 5)
	}
	p := pricePath{name: "random walk", lambda: dec(lambda)}
	for t := 0; t < pathSteps; t++ {
		row := make([]sdkmath.LegacyDec, n)
		for i := range cur {
			cur[i] += rng.Int63n(4*centRaw+1) - 2*centRaw // ±2% per interval
			row[i] = decOfRaw(cur[i])
		}
		p.logs = append(p.logs, row)
	}
	return p
}

// trendingPath drifts asset i by (i − n/2)·0.3% per interval plus ±0.1% noise.
func trendingPath(seed int64, n int, lambda string) pricePath {
	rng := rand.New(rand.NewSource(seed))
	p := pricePath{name: "trending", lambda: dec(lambda)}
	cur := make([]int64, n)
	for t := 0; t < pathSteps; t++ {
		row := make([]sdkmath.LegacyDec, n)
		for i := range cur {
			cur[i] += int64(2*i-n)*centRaw*3/20 + rng.Int63n(centRaw/5+1) - centRaw/10
			row[i] = decOfRaw(cur[i])
		}
		p.logs = append(p.logs, row)
	}
	return p
}

// meanRevertingPath is ℓ ← ℓ + 0.3·(μ_i − ℓ) + ±3% noise (an AR(1) walk).
func meanRevertingPath(seed int64, n int, lambda string) pricePath {
	rng := rand.New(rand.NewSource(seed))
	p := pricePath{name: "mean reverting", lambda: dec(lambda)}
	cur := make([]int64, n)
	for t := 0; t < pathSteps; t++ {
		row := make([]sdkmath.LegacyDec, n)
		for i := range cur {
			mu := int64(i) * 50 * centRaw
			cur[i] += (mu-cur[i])/10*3 + rng.Int63n(6*centRaw+1) - 3*centRaw
			row[i] = decOfRaw(cur[i])
		}
		p.logs = append(p.logs, row)
	}
	return p
}

func strategyPaths() []pricePath {
	return []pricePath{
		randomWalkPath(1, 4, "0.9"),
		randomWalkPath(2, 8, "0.75"),
		randomWalkPath(3, 3, "0.5"),
		trendingPath(4, 8, "0.8"),
		meanRevertingPath(5, 5, "0.95"),
	}
}

// equalWeights is 1/n each, the rounding remainder on asset 0.
func equalWeights(n int) []sdkmath.LegacyDec {
	raws := make([]*big.Int, n)
	rest := new(big.Int).Set(decOneRaw)
	for i := range raws {
		raws[i] = new(big.Int).Quo(decOneRaw, big.NewInt(int64(n)))
		rest.Sub(rest, raws[i])
	}
	raws[0].Add(raws[0], rest)
	out := make([]sdkmath.LegacyDec, n)
	for i, r := range raws {
		out[i] = sdkmath.LegacyNewDecFromBigIntWithPrec(r, sdkmath.LegacyPrecision)
	}
	return out
}
