package risk

import (
	"math"
	"math/rand/v2"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// pathResult is what one path leaves for the statistics.
type pathResult struct {
	lpValue, hodlValue []float64   // per sample, over the start share value
	prices, weights    [][]float64 // per sample, per asset
	final              finalFigures
	activity           Activity
}

type finalFigures struct {
	lpOverHODL, impermanentLoss, feeIncome, arbitrageProfit float64
}

// path is one simulated history of the pool: the chain's pool state, moved
// only by the chain's own functions, and the market around it.
type path struct {
	c      *compiled
	params types.Params
	rng    *rand.Rand
	mkt    *market
	k      int
	t      time.Time
	pool   types.Pool // as the store holds it
	live   types.Pool // this block's pool: the weights at t
	prices []float64  // outside unit per base unit

	hodl      []float64 // start holdings per share
	v0        float64   // start value of a share
	poolV0    float64   // start value of the pool
	lastFees  []sdkmath.Int
	feeIncome float64 // outside unit per share
	arbProfit float64 // outside unit
	act       Activity

	oracle     *oracleHistory // nil when nothing reads the oracle
	stored     types.Pool     // the pool as stored before this block (with an oracle)
	segment    *types.OracleSegment
	touched    bool // an operation or the end-block step changed the pool this block
	blockStart *types.BlockStart
	fee        *types.FeeState // this block's, for a dynamic fee policy

	fixedFee      sdkmath.LegacyDec // the fee fixedFeeFloat is of
	fixedFeeFloat float64

	trace func(TraceOp) // nil unless tracing

	priceRows, weightRows []float64 // the samples' backing arrays

	massExitBase sdkmath.Int // shares outstanding when the mass exit began
	massExited   sdkmath.Int
}

func newPath(c *compiled, rng *rand.Rand) *path {
	p := &path{c: c, params: c.sc.Params, rng: rng, mkt: newMarket(c), t: Start, pool: deepClone(c.pool), prices: make([]float64, c.n)}
	copy(p.prices, c.startPrices)
	shares := toFloat(p.pool.TotalShares)
	p.hodl = make([]float64, c.n)
	for i, a := range p.pool.Assets {
		p.hodl[i] = toFloat(a.Balance) / shares
		p.v0 += p.hodl[i] * p.prices[i]
	}
	p.poolV0 = p.v0 * shares
	p.lastFees = p.pool.LpFees()
	if c.needOracle {
		p.oracle = newOracleHistory(c, p.pool)
	}
	p.massExited = sdkmath.ZeroInt()
	return p
}

// run simulates every step and returns the path's figures.
func (p *path) run(samples []int) pathResult {
	// One allocation per series: a run keeps every path's samples.
	rows, n := len(samples)+1, p.c.n
	res := pathResult{
		lpValue: make([]float64, 0, rows), hodlValue: make([]float64, 0, rows),
		prices: make([][]float64, 0, rows), weights: make([][]float64, 0, rows),
	}
	p.priceRows, p.weightRows = make([]float64, rows*n), make([]float64, rows*n)
	p.live = p.pool
	p.sample(&res)
	next := 0
	for k := 1; k <= p.c.sc.Steps; k++ {
		p.step(k)
		for next < len(samples) && samples[next] == k {
			p.sample(&res)
			next++
		}
	}
	v, h := p.shareValue(), p.hodlValue()
	res.final = finalFigures{
		lpOverHODL:      v / h,
		impermanentLoss: (v-p.feeIncome)/h - 1,
		feeIncome:       p.feeIncome / p.v0,
		arbitrageProfit: p.arbProfit / p.poolV0,
	}
	res.activity = p.act
	return res
}

// step is one block: the market moves, the pool is brought to the block's
// time as GetPool brings it (strategy update, oracle), the agents act, the
// end-block step ends a finished schedule, and the pool is stored as
// setPool stores it — or, where nothing changed it, left as it was stored.
func (p *path) step(k int) {
	p.k, p.t = k, Start.Add(time.Duration(k)*p.c.sc.Step.D())
	p.mkt.advance(p.c, p.rng, k)
	for i, lp := range p.mkt.logPrice {
		p.prices[i] = math.Exp(lp)
	}
	p.touched = false
	p.bring()
	p.live = p.pool
	if p.pool.WeightSchedule != nil {
		p.live = p.pool.AtTime(p.t)
	}
	p.blockStart = nil
	p.fee = p.feeStateNow()
	if a := p.c.sc.Agents.Arbitrage; a != nil {
		p.arbitrage(a)
	}
	if n := p.c.sc.Agents.Noise; n != nil {
		p.noise(n)
	}
	if l := p.c.sc.Agents.LPs; l != nil {
		p.lps(l)
	}
	if m := p.c.sc.Agents.MassExit; m != nil {
		p.massExit(m)
	}
	p.endSchedule()
	p.store()
	p.bookFeeIncome()
}

// bring runs what loading the pool runs on chain: a due strategy update as
// of its boundary, then the oracle to now. Where the oracle matters, the
// pool as stored is kept: a block that changes nothing stores nothing.
func (p *path) bring() {
	if p.oracle != nil {
		p.stored = deepClone(p.pool)
	}
	if p.pool.StrategyRunning() && !p.t.Before(p.pool.StrategyState.NextUpdate) {
		p.pool.RunStrategyUpdate(p.params, p.t)
		p.act.StrategyUpdates++
		p.touched = true // the end-block step stores it
	}
	p.segment = nil
	if p.oracle != nil {
		p.segment = p.pool.OracleSegment()
		if err := p.pool.AdvanceOracle(p.t); err != nil && len(p.pool.Oracle.Accumulators) == len(p.pool.Assets) {
			p.pool.Oracle.LastUpdate, p.segment = p.t, nil // the stretch is lost, as on chain
		}
	}
}

// endSchedule is the end-block step's for a schedule (not a strategy's
// move) whose segment has ended: a curve moves to its next segment, else
// the target weights are stored and the schedule ends.
func (p *path) endSchedule() {
	s := p.live.WeightSchedule
	if s == nil || p.live.Strategy != nil || p.t.Before(s.EndTime) {
		return
	}
	if _, err := p.live.EndScheduleSegment(); err == nil {
		p.touched = true
	} // else it gives its target weights lazily, as on chain
}

// store keeps the block's pool; while a schedule runs the stored weights
// are its start weights. A block that changed nothing leaves the stored
// pool (and its oracle) as it was. The management fee accrues every block
// (on chain when claimed or at a join or exit: accrued this often it
// dilutes the LPs very slightly less).
func (p *path) store() {
	switch {
	case p.oracle != nil && !p.touched:
		p.pool = p.stored
	default:
		p.pool = p.live
		if s := p.live.WeightSchedule; s != nil {
			p.pool = p.live.Clone() // the live pool keeps the weights at t, for the figures
			for i := range p.pool.Assets {
				p.pool.Assets[i].Weight = s.StartWeights[i]
			}
		}
		if p.oracle != nil {
			p.oracle.write(p.pool, p.t, p.segment)
		}
	}
	if p.pool.ManagementFee != nil {
		_, _ = p.pool.AccrueManagementFee(p.t) // an error leaves the pool as it was
	}
}

// deepClone copies a pool so that nothing done to the copy reaches it.
func deepClone(pool types.Pool) types.Pool {
	c := pool.Clone()
	if st := pool.StrategyState; st != nil {
		cp := *st
		cp.WindowAccumulators = append([]sdkmath.LegacyDec(nil), st.WindowAccumulators...)
		cp.Estimates = append([]types.AssetEstimate(nil), st.Estimates...)
		c.StrategyState = &cp
	}
	return c
}

// bookFeeIncome values the LP fees the block earned at its prices.
func (p *path) bookFeeIncome() {
	shares := toFloat(p.pool.TotalShares)
	for i, a := range p.pool.Assets {
		now := types.OrZero(a.FeesLp)
		if !now.Equal(p.lastFees[i]) {
			p.feeIncome += toFloat(now.Sub(p.lastFees[i])) * p.prices[i] / shares
			p.lastFees[i] = now
		}
	}
}

// shareValue is what one share holds, at market prices.
func (p *path) shareValue() float64 {
	v := 0.0
	for i, a := range p.live.Assets {
		v += toFloat(a.Balance) * p.prices[i]
	}
	return v / toFloat(p.live.TotalShares)
}

// hodlValue is what one share held at the start is worth now.
func (p *path) hodlValue() float64 {
	v := 0.0
	for i, h := range p.hodl {
		v += h * p.prices[i]
	}
	return v
}

func (p *path) sample(res *pathResult) {
	res.lpValue = append(res.lpValue, p.shareValue()/p.v0)
	res.hodlValue = append(res.hodlValue, p.hodlValue()/p.v0)
	n, row := p.c.n, len(res.prices)
	prices := p.priceRows[row*n : (row+1)*n : (row+1)*n]
	for i := range prices {
		prices[i] = p.prices[i] / p.c.startPrices[i]
	}
	res.prices = append(res.prices, prices)
	res.weights = append(res.weights, p.weightsInto(p.weightRows[row*n:(row+1)*n:(row+1)*n]))
}

// weights are the live pool's normalized weights.
func (p *path) weightsInto(w []float64) []float64 {
	total := 0.0
	for i, a := range p.live.Assets {
		w[i] = toFloat(a.Weight)
		total += w[i]
	}
	for i := range w {
		w[i] /= total
	}
	return w
}
