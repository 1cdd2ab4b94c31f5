package types

import (
	"fmt"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// The strategy update is pure: the chain (keeper) and the risk simulator
// run this same code on a pool brought to the update's boundary.

// RunStrategyUpdate runs the update at the latest boundary at or before now.
// More than one boundary past means the end-block step fell behind: the
// window then spans several intervals, which the estimators must not take
// as one, so the weights hold. After any hold the next update only records
// prices (rebase), so that every return the estimators fold spans exactly
// one interval.
func (p *Pool) RunStrategyUpdate(params Params, now time.Time) *EventStrategyUpdated {
	s, st := p.Strategy, p.StrategyState
	b := st.NextUpdate
	missed := int64(0)
	if s.Interval > 0 {
		missed = int64(now.Sub(b) / s.Interval)
		b = b.Add(time.Duration(missed) * s.Interval)
	}
	// The move that ends at b (or ended before it) settles on its targets;
	// the oracle runs up to b with it.
	status := ""
	defer func() {
		if status != StrategyStatusOK && !strings.HasPrefix(status, StrategyStatusRebased) {
			st.Rebase = true
		}
	}()
	if err := p.AdvanceOracle(b); err != nil {
		status = "held: the oracle cannot reach the boundary: " + err.Error()
		if len(p.Oracle.Accumulators) == len(p.Assets) {
			p.Oracle.LastUpdate = b // the stretch is lost, as advanceOracle does
		}
	}
	atB := p.AtTime(b).Weights()
	grid, err := GridWeights(atB)
	if err != nil {
		grid, status = atB, "held: "+err.Error()
	}
	old := NormalizedGridWeights(grid)
	targets := grid
	if status == "" {
		switch {
		case missed > 0:
			status = fmt.Sprintf("held: %d update(s) missed; the TWAP window spans more than one interval", missed)
		case p.SwapsPaused:
			status = "held: swaps are paused, so prices are not arbitraged"
		default:
			var est *StrategyState
			targets, est, err = strategyTargets(params, *p, b, grid)
			if est != nil { // the prices were good: fold them in, whatever the rule did
				st.Updates, st.Estimates, st.Rebase = est.Updates, est.Estimates, false
			}
			switch {
			case err != nil:
				targets, status = grid, "held: "+err.Error()
			case targets == nil:
				targets, status = grid, StrategyStatusRebased
			default:
				status = StrategyStatusOK
			}
		}
	}
	for i := range p.Assets {
		p.Assets[i].Weight = grid[i]
	}
	p.WeightSchedule = nil
	if !equalInts(grid, targets) {
		p.WeightSchedule = &WeightSchedule{
			StartTime: b, EndTime: b.Add(s.Interval),
			StartWeights: grid, TargetWeights: targets,
		}
	}
	st.Status, st.LastUpdate, st.NextUpdate = status, b, b.Add(s.Interval)
	st.WindowStart, st.WindowAccumulators = b, append(st.WindowAccumulators[:0:0], p.Oracle.Accumulators...)
	return &EventStrategyUpdated{
		PoolId: p.Id, Time: b, OldTargets: decStrings(old), NewTargets: decStrings(NormalizedGridWeights(targets)),
		Status: status, NextUpdate: st.NextUpdate,
	}
}

// StrategyStatusRebased is the status of an update that only recorded prices.
const StrategyStatusRebased = "held: prices recorded; the rule runs from the next update"

// strategyTargets reads the TWAP window that closed at b (the pool's oracle
// is at b), folds it into the estimators and runs the rule and the rails.
// It returns the targets as grid weights and the new estimators; estimators
// without targets after a rebase, which only records the prices; and
// estimators with an error when the rule or the rails failed on good prices.
func strategyTargets(params Params, pool Pool, b time.Time, grid []sdkmath.Int) ([]sdkmath.Int, *StrategyState, error) {
	s, st := pool.Strategy, pool.StrategyState
	n := len(pool.Assets)
	window := b.Sub(st.WindowStart)
	if len(st.WindowAccumulators) != n || window <= 0 {
		return nil, nil, errorsmod.Wrap(ErrOracleNoData, "no TWAP window is open")
	}
	means := make([]sdkmath.LegacyDec, n)
	for i := range means {
		m, err := poolmath.MeanLog(st.WindowAccumulators[i], pool.Oracle.Accumulators[i], int64(window))
		if err != nil {
			return nil, nil, err
		}
		means[i] = m
	}
	num := s.NumeraireIndex(pool)
	logPrices := make([]sdkmath.LegacyDec, n) // ln of asset i's TWAP in units of the numeraire
	for i := range logPrices {
		logPrices[i] = means[num].Sub(means[i])
	}
	if st.Rebase && s.Kind != RULE_KIND_FLOOR { // the floor rule reads no history
		est, err := poolmath.RebaseEstimators(estimatorState(*st), logPrices)
		if err != nil {
			return nil, nil, err
		}
		folded := strategyEstimates(est)
		return nil, &folded, nil
	}
	est, err := poolmath.UpdateEstimators(estimatorState(*st), logPrices, s.Memory)
	if err != nil {
		return nil, nil, err
	}
	folded := strategyEstimates(est)
	current := NormalizedGridWeights(grid)
	var proposed []sdkmath.LegacyDec
	switch s.Kind {
	case RULE_KIND_MOMENTUM:
		proposed, err = poolmath.MomentumTargetsEach(current, est, s.StepSizes(n))
	case RULE_KIND_ANTI_MOMENTUM:
		proposed, err = poolmath.AntiMomentumTargetsEach(current, est, s.StepSizes(n))
	case RULE_KIND_POWER_CHANNEL:
		proposed, err = poolmath.PowerChannelTargetsEach(current, est, s.StepSizes(n), *s.Exponent)
	case RULE_KIND_MIN_VARIANCE:
		proposed, err = poolmath.MinVarianceTargets(current, est, *s.Blend)
	case RULE_KIND_FLOOR:
		proposed, err = floorProposal(pool, grid, num, logPrices)
	default:
		err = errorsmod.Wrapf(ErrInvalidStrategy, "unknown rule kind %d", s.Kind)
	}
	if err != nil {
		return nil, &folded, err
	}
	lo, hi, step := s.GridRails(params, pool)
	clipped, err := poolmath.ClipToRails(current, proposed, lo, hi, step)
	if err != nil {
		return nil, &folded, err
	}
	targets, err := poolmath.SnapToGrid(clipped, StrategyWeightUnit)
	if err != nil {
		return nil, &folded, err
	}
	return targets, &folded, nil
}

// floorProposal is the floor rule's targets: the share value at TWAP
// prices, in base units of the safe asset per whole share, against the
// floor. The value is the pool's invariant priced at the TWAPs,
// V = K·Π(p_i/ŵ_i)^ŵ_i with K = ΠB_i^ŵ_i: what the pool would be worth had
// arbitrage brought it to those prices. Balances pushed off the TWAP within
// a block leave K, and so V, unchanged (swaps only raise K by their fee),
// whereas valuing the balances themselves at TWAP prices would reward any
// push away from them. In logs, ln V = Σ ŵ_i·(q_i + ℓ_i), with q_i =
// ln(B_i/ŵ_i) the oracle's log values and ℓ_i the log TWAP prices.
func floorProposal(pool Pool, weights []sdkmath.Int, safe int, logPrices []sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	f := pool.Strategy.Floor
	if !pool.TotalShares.IsPositive() {
		return nil, errorsmod.Wrap(ErrInvalidPoolState, "the pool has no shares")
	}
	q, err := poolmath.LogValues(pool.Balances(), weights) // the weights at the boundary
	if err != nil {
		return nil, err
	}
	// ln(S / 10^18): shares per whole share, as a log value of one asset.
	lnShares, err := poolmath.LogValues([]sdkmath.Int{pool.TotalShares, sdkmath.NewIntWithDecimal(1, ShareExponent)}, []sdkmath.Int{sdkmath.OneInt(), sdkmath.OneInt()})
	if err != nil {
		return nil, err
	}
	total := sdkmath.ZeroInt()
	for _, w := range weights {
		total = total.Add(w)
	}
	lnValue := lnShares[1].Sub(lnShares[0]) // ln(10^18 / S)
	for i, w := range weights {
		lnValue = lnValue.Add(q[i].Add(logPrices[i]).MulInt(w).QuoInt(total))
	}
	value, err := poolmath.ExpDec(lnValue)
	if err != nil {
		return nil, err
	}
	perShare, err := value.LegacyDecDown()
	if err != nil {
		return nil, err
	}
	if !perShare.IsPositive() {
		return nil, errorsmod.Wrap(ErrOracleNoData, "the share value at TWAP prices rounds to zero")
	}
	base, err := GridWeights(f.BaseWeights)
	if err != nil {
		return nil, err
	}
	return poolmath.FloorTargets(NormalizedGridWeights(base), safe, perShare, f.Floor, f.Multiplier)
}

// StartStrategy puts strategy on a loaded pool now: the weights stop where
// they are, on the grid, and the first TWAP window opens. A strategy that
// replaces another starts afresh (new estimators).
func (p *Pool) StartStrategy(params Params, strategy *WeightStrategy, now time.Time) error {
	if p.WeightSchedule != nil && p.Strategy == nil {
		return errorsmod.Wrapf(ErrInvalidStrategy, "pool %d runs a weight schedule until %s; a strategy can start after it", p.Id, p.WeightSchedule.FinalTime().UTC().Format(time.RFC3339))
	}
	grid, err := GridWeights(p.AtTime(now).Weights())
	if err != nil {
		return err
	}
	if err := strategy.ValidateFor(params, *p, grid); err != nil {
		return err
	}
	for i := range p.Assets {
		p.Assets[i].Weight = grid[i]
	}
	copied := *strategy
	p.Strategy, p.WeightSchedule = &copied, nil
	p.StrategyState = &StrategyState{
		NextUpdate: now.Add(strategy.Interval), WindowStart: now, LastUpdate: now,
		WindowAccumulators: append([]sdkmath.LegacyDec(nil), p.Oracle.Accumulators...),
		Status:             "started",
		// The first update only records prices: a rule run on empty
		// estimators would move on no data.
		Rebase: true,
	}
	return nil
}

// StopStrategyMove stops a strategy's move at now: the weights stay where
// they are, on the grid (between the rails, which are on it).
func (p *Pool) StopStrategyMove(now time.Time) error {
	if p.WeightSchedule == nil {
		return nil
	}
	grid, err := GridWeights(p.AtTime(now).Weights())
	if err != nil {
		return err
	}
	for i := range p.Assets {
		p.Assets[i].Weight = grid[i]
	}
	p.WeightSchedule = nil
	return nil
}

func estimatorState(st StrategyState) poolmath.EstimatorState {
	out := poolmath.EstimatorState{Updates: st.Updates, Assets: make([]poolmath.AssetEstimate, len(st.Estimates))}
	for i, e := range st.Estimates {
		out.Assets[i] = poolmath.AssetEstimate{LastLogPrice: e.LastLogPrice, MeanLogPrice: e.MeanLogPrice, Gradient: e.Gradient, Variance: e.Variance}
	}
	return out
}

func strategyEstimates(est poolmath.EstimatorState) StrategyState {
	out := StrategyState{Updates: est.Updates, Estimates: make([]AssetEstimate, len(est.Assets))}
	for i, e := range est.Assets {
		out.Estimates[i] = AssetEstimate{LastLogPrice: e.LastLogPrice, MeanLogPrice: e.MeanLogPrice, Gradient: e.Gradient, Variance: e.Variance}
	}
	return out
}

func equalInts(a, b []sdkmath.Int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

func decStrings(ds []sdkmath.LegacyDec) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}
