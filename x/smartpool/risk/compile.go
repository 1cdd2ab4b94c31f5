package risk

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/poold/poold/x/smartpool/types"
)

// Start is the simulated chain time of every path's first block: fixed, so
// a run depends on its inputs only.
var Start = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// MaxAssets is the most assets a pool has on chain, and so here.
const MaxAssets = 8

// Bounds on what a run keeps per path, so that memory stays proportional
// to the paths: samples per path, and whole paths kept for paths.csv.
const (
	MaxSamples     = 10_000
	MaxSamplePaths = 1_000
)

// compiled is a checked scenario in the pool's asset order, with the pool
// as created at Start.
type compiled struct {
	sc        Scenario
	pool      types.Pool // as stored after creation
	n         int
	stepYears float64
	// Per asset, pool order.
	startPrices []float64
	drift, vol  []float64
	chol        [][]float64 // lower-triangular factor of the correlation
	jumpAssets  []bool
	shocks      []compiledShock
	buy         int // the noise traders' favourite asset, −1 for none
	exitAsset   int // the mass exit's asset, −1 for proportional
	needOracle  bool
	samples     []int // the steps after which a sample is kept
	// The ratio limits as floats, for the agents' sizing.
	maxInRatio, maxOutRatio float64
}

type compiledShock struct {
	asset    int
	from, to float64 // seconds after Start
	logMove  float64
}

// compile checks a scenario and creates its pool with the chain's code.
func compile(sc Scenario) (*compiled, error) {
	if sc.Pool == nil {
		return nil, errors.New("the scenario has no pool")
	}
	if sc.Steps < 1 || sc.Steps > 10_000_000 {
		return nil, fmt.Errorf("steps must be between 1 and 10000000, not %d", sc.Steps)
	}
	if sc.Samples < 0 || sc.Samples > MaxSamples || sc.SamplePaths < 0 || sc.SamplePaths > MaxSamplePaths {
		return nil, fmt.Errorf("samples must be between 0 and %d and sample_paths between 0 and %d (0: the default)", MaxSamples, MaxSamplePaths)
	}
	if sc.Step.D() < time.Second {
		return nil, fmt.Errorf("step must be at least 1s, not %s", sc.Step.D())
	}
	if err := sc.Params.Validate(); err != nil {
		return nil, fmt.Errorf("params: %w", err)
	}
	msg := *sc.Pool
	if msg.Sender == "" {
		msg.Sender = "risk-simulator"
	}
	n := len(msg.Assets)
	if n < 2 || n > MaxAssets {
		return nil, fmt.Errorf("a pool has 2 to %d assets, not %d", MaxAssets, n)
	}
	pool, err := types.NewPool(sc.Params, &msg, Start)
	if err != nil {
		return nil, fmt.Errorf("pool: %w", err)
	}
	pool.Id = 1
	pool.ShareDenom = types.ShareDenom(1)
	pool.Oracle = types.NewPoolOracle(Start, n, sc.Params)
	if err := pool.StartCreationStrategy(sc.Params, &msg); err != nil {
		return nil, fmt.Errorf("pool strategy: %w", err)
	}
	c := &compiled{sc: sc, pool: pool, n: n, stepYears: sc.Step.D().Seconds() / (365.25 * 86400), buy: -1, exitAsset: -1}
	// order[k] is the pool index of the pool file's k-th asset.
	order := make([]int, n)
	for k, a := range msg.Assets {
		if order[k], err = pool.AssetIndex(a.Denom); err != nil {
			return nil, err
		}
	}
	m := sc.Market
	perAsset := func(name string, xs []float64, def float64) ([]float64, error) {
		out := make([]float64, n)
		if xs == nil {
			for i := range out {
				out[i] = def
			}
			return out, nil
		}
		if len(xs) != n {
			return nil, fmt.Errorf("market.%s has %d values for %d assets", name, len(xs), n)
		}
		for k, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("market.%s[%d] is not a number", name, k)
			}
			out[order[k]] = x
		}
		return out, nil
	}
	if c.drift, err = perAsset("drift", m.Drift, 0); err != nil {
		return nil, err
	}
	if c.vol, err = perAsset("volatility", m.Volatility, 0); err != nil {
		return nil, err
	}
	for i, v := range c.vol {
		if v < 0 || v > 20 {
			return nil, fmt.Errorf("volatility of %s must be between 0 and 20 (2000%% a year), not %g", pool.Assets[i].Denom, v)
		}
		if math.Abs(c.drift[i]) > 100 {
			return nil, fmt.Errorf("drift of %s must be between -100 and 100 a year, not %g", pool.Assets[i].Denom, c.drift[i])
		}
	}
	if c.startPrices, err = startPrices(pool, m.Prices, order); err != nil {
		return nil, err
	}
	if c.chol, err = choleskyOf(m.Correlation, order, n); err != nil {
		return nil, err
	}
	if err := checkRegimes(m); err != nil {
		return nil, err
	}
	c.jumpAssets = make([]bool, n)
	if j := m.Jumps; j != nil {
		if !inRange(j.RatePerYear, 0, 100_000) || !inRange(j.Stdev, 0, 10) || !inRange(j.Mean, -10, 10) {
			return nil, errors.New("market.jumps: rate_per_year in [0, 100000], mean in [-10, 10], stdev in [0, 10]")
		}
		for i := range c.jumpAssets {
			c.jumpAssets[i] = len(j.Assets) == 0
		}
		for _, d := range j.Assets {
			i, err := pool.AssetIndex(d)
			if err != nil {
				return nil, fmt.Errorf("market.jumps.assets: %w", err)
			}
			c.jumpAssets[i] = true
		}
	}
	for k, s := range m.Shocks {
		i, err := pool.AssetIndex(s.Asset)
		if err != nil {
			return nil, fmt.Errorf("market.shocks[%d]: %w", k, err)
		}
		if !(s.Change > -1 && s.Change <= 1000) || s.Over.D() < 0 || s.At.D() < 0 {
			return nil, fmt.Errorf("market.shocks[%d]: change must be above -1 and at most 1000, at and over not negative", k)
		}
		c.shocks = append(c.shocks, compiledShock{asset: i, from: s.At.D().Seconds(), to: (s.At.D() + s.Over.D()).Seconds(), logMove: math.Log1p(s.Change)})
	}
	if err := c.checkAgents(); err != nil {
		return nil, err
	}
	b := pool.EffectiveBreakers(sc.Params)
	c.samples = sampleSteps(sc)
	c.maxInRatio, c.maxOutRatio = toFloat64Dec(sc.Params.MaxInRatio), toFloat64Dec(sc.Params.MaxOutRatio)
	c.needOracle = pool.Strategy != nil || pool.FeePolicy.IsDynamic() || b.HasBand() || b.HasAlert()
	return c, nil
}

// startPrices are the given prices, or the pool's own spot prices with the
// first asset worth 1.
func startPrices(pool types.Pool, given []float64, order []int) ([]float64, error) {
	n := len(pool.Assets)
	out := make([]float64, n)
	if given != nil {
		if len(given) != n {
			return nil, fmt.Errorf("market.prices has %d values for %d assets", len(given), n)
		}
		for k, p := range given {
			if !(p > 0) || math.IsInf(p, 0) {
				return nil, fmt.Errorf("market.prices[%d] must be positive", k)
			}
			out[order[k]] = p
		}
		return out, nil
	}
	// The price of asset i in asset j is (B_j/w_j)/(B_i/w_i).
	ref := order[0]
	unit := toFloat(pool.Assets[ref].Balance) / toFloat(pool.Assets[ref].Weight)
	for i, a := range pool.Assets {
		out[i] = unit / (toFloat(a.Balance) / toFloat(a.Weight))
	}
	return out, nil
}

// choleskyOf factors the correlation matrix (identity when absent).
func choleskyOf(corr [][]float64, order []int, n int) ([][]float64, error) {
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		a[i][i] = 1
	}
	if corr != nil {
		if len(corr) != n {
			return nil, fmt.Errorf("market.correlation has %d rows for %d assets", len(corr), n)
		}
		for k, row := range corr {
			if len(row) != n {
				return nil, fmt.Errorf("market.correlation row %d has %d values for %d assets", k, len(row), n)
			}
			for l, x := range row {
				if x < -1 || x > 1 || (k == l && x != 1) || corr[l][k] != x {
					return nil, errors.New("market.correlation must be symmetric, with ones on the diagonal and entries in [-1, 1]")
				}
				a[order[k]][order[l]] = x
			}
		}
	}
	l, ok := cholesky(a)
	if !ok {
		return nil, errors.New("market.correlation is not positive definite")
	}
	return l, nil
}

func checkRegimes(m Market) error {
	r := len(m.Regimes)
	if r == 0 {
		if m.Transitions != nil {
			return errors.New("market.transitions without regimes")
		}
		return nil
	}
	if len(m.Transitions) != r {
		return fmt.Errorf("market.transitions needs %d rows, one per regime", r)
	}
	for i, row := range m.Transitions {
		if len(row) != r {
			return fmt.Errorf("market.transitions row %d needs %d values", i, r)
		}
		for _, x := range row {
			if !inRange(x, 0, 1) {
				return fmt.Errorf("market.transitions[%d] holds a chance per day outside [0, 1]", i)
			}
		}
	}
	for i, g := range m.Regimes {
		if !inRange(g.VolatilityScale, 0, 100) || !inRange(g.JumpScale, 0, 100) || !inRange(g.DriftShift, -100, 100) {
			return fmt.Errorf("market.regimes[%d]: scales in [0, 100], drift_shift in [-100, 100]", i)
		}
	}
	return nil
}

// inRange reports whether x is a number within [lo, hi] (NaN is not).
func inRange(x, lo, hi float64) bool { return x >= lo && x <= hi }

func (c *compiled) checkAgents() error {
	a := c.sc.Agents
	if x := a.Arbitrage; x != nil && (x.GasCost < 0 || x.MaxTradesPerStep < 0 || x.MaxTradesPerStep > 100 || math.IsNaN(x.GasCost)) {
		return errors.New("agents.arbitrage: gas_cost must not be negative, max_trades_per_step between 0 (one per asset beyond the first) and 100")
	}
	if x := a.Noise; x != nil {
		if !inRange(x.TradesPerStep, 0, 1000) || !(x.Size > 0 && x.Size < 1) || !inRange(x.Spread, 0, 10) || !inRange(x.BuyProbability, 0, 1) {
			return errors.New("agents.noise: trades_per_step in [0, 1000], size in (0, 1), spread in [0, 10], buy_probability in [0, 1]")
		}
		if x.Buy != "" {
			i, err := c.pool.AssetIndex(x.Buy)
			if err != nil {
				return fmt.Errorf("agents.noise.buy: %w", err)
			}
			c.buy = i
		}
	}
	if x := a.LPs; x != nil {
		if !inRange(x.JoinsPerStep, 0, 1000) || !inRange(x.ExitsPerStep, 0, 1000) || !(x.Size > 0 && x.Size < 1) || !inRange(x.Spread, 0, 10) || !inRange(x.SingleAsset, 0, 1) {
			return errors.New("agents.lps: joins/exits per step in [0, 1000], size in (0, 1), spread in [0, 10], single_asset in [0, 1]")
		}
	}
	if x := a.MassExit; x != nil {
		if !(x.Fraction > 0 && x.Fraction < 1) || x.At.D() < 0 || x.Over.D() < 0 {
			return errors.New("agents.mass_exit: fraction in (0, 1), at and over not negative")
		}
		if x.Asset != "" {
			i, err := c.pool.AssetIndex(x.Asset)
			if err != nil {
				return fmt.Errorf("agents.mass_exit.asset: %w", err)
			}
			c.exitAsset = i
		}
	}
	return nil
}
