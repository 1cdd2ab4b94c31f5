package risk

import (
	"math"
	"math/big"
	"math/rand/v2"

	sdkmath "cosmossdk.io/math"
)

// market is one path's external market: log prices in the outside unit and
// the current regime.
type market struct {
	logPrice []float64
	start    []float64 // the log prices at the start
	regime   int
	eps, z   []float64 // scratch
}

func newMarket(c *compiled) *market {
	m := &market{logPrice: make([]float64, c.n), start: make([]float64, c.n), eps: make([]float64, c.n), z: make([]float64, c.n)}
	for i, p := range c.startPrices {
		m.logPrice[i] = math.Log(p)
		m.start[i] = m.logPrice[i]
	}
	return m
}

// advance moves the market over step k (from time k−1 to k): a regime
// switch, then correlated GBM increments, jumps and the scheduled shocks.
func (m *market) advance(c *compiled, rng *rand.Rand, k int) {
	mk := c.sc.Market
	volScale, driftShift, jumpScale := 1.0, 0.0, 1.0
	if len(mk.Regimes) > 0 {
		m.switchRegime(c, rng)
		g := mk.Regimes[m.regime]
		volScale, driftShift, jumpScale = g.VolatilityScale, g.DriftShift, g.JumpScale
	}
	dt := c.stepYears
	for i := range m.eps {
		m.eps[i] = rng.NormFloat64()
	}
	for i := range m.z {
		s := 0.0
		for j := 0; j <= i; j++ {
			s += c.chol[i][j] * m.eps[j]
		}
		m.z[i] = s
	}
	sqrtDt := math.Sqrt(dt)
	for i := range m.logPrice {
		sigma := c.vol[i] * volScale
		mu := c.drift[i]
		if c.vol[i] > 0 { // a regime's drift moves the risky assets, not a stable unit
			mu += driftShift
		}
		m.logPrice[i] += (mu-sigma*sigma/2)*dt + sigma*sqrtDt*m.z[i]
	}
	if j := mk.Jumps; j != nil && j.RatePerYear > 0 {
		lambda := j.RatePerYear * jumpScale * dt
		for i := range m.logPrice {
			if !c.jumpAssets[i] {
				continue
			}
			for range poisson(rng, lambda) {
				m.logPrice[i] += j.Mean + j.Stdev*rng.NormFloat64()
			}
		}
	}
	from, to := float64(k-1)*c.sc.Step.D().Seconds(), float64(k)*c.sc.Step.D().Seconds()
	for _, s := range c.shocks {
		m.logPrice[s.asset] += s.logMove * overlapShare(from, to, s.from, s.to)
	}
	for i, lp := range m.logPrice {
		m.logPrice[i] = math.Max(m.start[i]-maxLogMove, math.Min(m.start[i]+maxLogMove, lp))
	}
}

// maxLogMove bounds a price's move from its start to a factor of 10^±100,
// so every value stays a finite float64 whatever the market does.
var maxLogMove = 100 * math.Ln10

// switchRegime moves to another regime with the per-day chances of the
// transition matrix, turned into chances over one step.
func (m *market) switchRegime(c *compiled, rng *rand.Rand) {
	days := c.sc.Step.D().Hours() / 24
	u := rng.Float64()
	for j, perDay := range c.sc.Market.Transitions[m.regime] {
		if j == m.regime || perDay <= 0 {
			continue
		}
		p := 1 - math.Pow(1-perDay, days)
		if u < p {
			m.regime = j
			return
		}
		u -= p
	}
}

// overlapShare is the share of the shock window [a, b] that (from, to]
// covers; an instant shock (a == b) happens in the step that contains it.
func overlapShare(from, to, a, b float64) float64 {
	if b <= a {
		if a > from && a <= to || (a == 0 && from == 0) {
			return 1
		}
		return 0
	}
	lo, hi := math.Max(from, a), math.Min(to, b)
	if hi <= lo {
		return 0
	}
	return (hi - lo) / (b - a)
}

// poisson draws a Poisson count with mean lambda (Knuth for small means,
// a rounded normal for large ones).
func poisson(rng *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		k := int(math.Round(lambda + math.Sqrt(lambda)*rng.NormFloat64()))
		return max(k, 0)
	}
	limit, p, k := math.Exp(-lambda), rng.Float64(), 0
	for p > limit {
		p *= rng.Float64()
		k++
	}
	return k
}

// cholesky returns the lower-triangular L with L·Lᵀ = a, or false when a is
// not positive definite.
func cholesky(a [][]float64) ([][]float64, bool) {
	n := len(a)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
	}
	for i := range n {
		for j := 0; j <= i; j++ {
			s := a[i][j]
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				if s <= 1e-12 {
					return nil, false
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	return l, true
}

// toFloat is an Int as a float64 (the agents' view; the pool keeps integers).
func toFloat(x sdkmath.Int) float64 {
	if x.IsInt64() {
		return float64(x.Int64())
	}
	f, _ := new(big.Float).SetInt(x.BigInt()).Float64()
	return f
}

// toInt is a non-negative float amount rounded down to an Int.
func toInt(x float64) sdkmath.Int {
	if x < 1 || math.IsNaN(x) || math.IsInf(x, 1) {
		return sdkmath.ZeroInt() // no trade: an agent's sizing went out of range
	}
	if x < 9e18 {
		return sdkmath.NewInt(int64(x))
	}
	b, _ := big.NewFloat(x).Int(nil)
	return sdkmath.NewIntFromBigInt(b)
}
