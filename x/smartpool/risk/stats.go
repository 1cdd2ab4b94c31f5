package risk

import (
	"math"
	"slices"
)

// DefaultSamplePaths is how many whole paths a result keeps by default.
const DefaultSamplePaths = 20

// summarize turns a scenario's path results (in path order) into its Result.
func summarize(c *compiled, paths []pathResult) Result {
	n, sc := c.n, c.sc
	denoms := c.pool.Denoms()
	res := Result{Summary: ScenarioSummary{
		Name: sc.Name, Description: sc.Description, Denoms: denoms, Paths: len(paths), Steps: sc.Steps,
		StepSeconds: sc.Step.D().Seconds(), HorizonDays: float64(sc.Steps) * sc.Step.D().Hours() / 24,
	}}
	f := &res.Finals
	act := Activity{}
	for _, p := range paths {
		f.LPOverHODL = append(f.LPOverHODL, p.final.lpOverHODL)
		f.ImpermanentLoss = append(f.ImpermanentLoss, p.final.impermanentLoss)
		f.FeeIncome = append(f.FeeIncome, p.final.feeIncome)
		f.ArbitrageProfit = append(f.ArbitrageProfit, p.final.arbitrageProfit)
		act.ArbitrageTrades += p.activity.ArbitrageTrades
		act.NoiseTrades += p.activity.NoiseTrades
		act.Joins += p.activity.Joins
		act.Exits += p.activity.Exits
		act.Refused += p.activity.Refused
		act.StrategyUpdates += p.activity.StrategyUpdates
	}
	count := float64(len(paths))
	res.Summary.Activity = Activity{
		ArbitrageTrades: act.ArbitrageTrades / count, NoiseTrades: act.NoiseTrades / count, Joins: act.Joins / count,
		Exits: act.Exits / count, Refused: act.Refused / count, StrategyUpdates: act.StrategyUpdates / count,
	}
	s := &res.Summary
	s.LPOverHODL = distribution(f.LPOverHODL, lowIsWorse)
	s.ImpermanentLoss = distribution(f.ImpermanentLoss, lowIsWorse)
	s.FeeIncome = distribution(f.FeeIncome, lowIsWorse)
	s.ArbitrageProfit = distribution(f.ArbitrageProfit, highIsWorse)
	last := len(c.samples) // the index of the last sample (the start is sample 0)
	for i := range n {
		s.FinalWeights = append(s.FinalWeights, distribution(column(paths, func(p pathResult) float64 { return p.weights[last][i] }), lowIsWorse))
		s.FinalPrices = append(s.FinalPrices, distribution(column(paths, func(p pathResult) float64 { return p.prices[last][i] }), lowIsWorse))
	}
	res.Series = series(c, paths)
	keep := sc.SamplePaths
	if keep <= 0 {
		keep = DefaultSamplePaths
	}
	for j := range min(keep, len(paths)) {
		p := paths[j]
		res.Samples = append(res.Samples, PathSample{Path: j, Prices: p.prices, Weights: p.weights, LPValue: p.lpValue, HODLValue: p.hodlValue})
	}
	return res
}

// series are the percentile bands at every sample time.
func series(c *compiled, paths []pathResult) Series {
	times := append([]int{0}, c.samples...)
	out := Series{Weights: make([]Band, c.n), Prices: make([]Band, c.n)}
	for j, k := range times {
		out.TimesDays = append(out.TimesDays, float64(k)*c.sc.Step.D().Hours()/24)
		addBand(&out.LPOverHODL, column(paths, func(p pathResult) float64 { return p.lpValue[j] / p.hodlValue[j] }))
		addBand(&out.LPValue, column(paths, func(p pathResult) float64 { return p.lpValue[j] }))
		addBand(&out.HODLValue, column(paths, func(p pathResult) float64 { return p.hodlValue[j] }))
		for i := range c.n {
			addBand(&out.Weights[i], column(paths, func(p pathResult) float64 { return p.weights[j][i] }))
			addBand(&out.Prices[i], column(paths, func(p pathResult) float64 { return p.prices[j][i] }))
		}
	}
	return out
}

func addBand(b *Band, xs []float64) {
	slices.Sort(xs)
	b.P5 = append(b.P5, quantile(xs, 0.05))
	b.P50 = append(b.P50, quantile(xs, 0.5))
	b.P95 = append(b.P95, quantile(xs, 0.95))
}

func column(paths []pathResult, f func(pathResult) float64) []float64 {
	out := make([]float64, len(paths))
	for j, p := range paths {
		out[j] = f(p)
	}
	return out
}

const (
	lowIsWorse  = false
	highIsWorse = true
)

// distribution summarizes xs (left unsorted). The figures are finite: a
// pool keeps shares and balances (an exit of every share is refused).
func distribution(xs []float64, highWorse bool) Distribution {
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	d := Distribution{P5: quantile(sorted, 0.05), P50: quantile(sorted, 0.5), P95: quantile(sorted, 0.95)}
	if len(sorted) == 0 {
		return d
	}
	d.Min, d.Max = sorted[0], sorted[len(sorted)-1]
	sum := 0.0
	for _, x := range xs { // in path order, so the sum is the same however the paths ran
		sum += x
	}
	d.Mean = sum / float64(len(xs))
	d.Worst = d.Min
	if highWorse {
		d.Worst = d.Max
	}
	return d
}

// quantile of sorted xs, interpolating linearly between order statistics.
func quantile(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	pos := q * float64(n-1)
	lo := int(math.Floor(pos))
	if lo >= n-1 {
		return sorted[n-1]
	}
	frac := pos - float64(lo)
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}
