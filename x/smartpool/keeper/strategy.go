package keeper

import (
	"context"
	"fmt"
	"strings"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// A rule-driven pool updates at interval boundaries b_k = b_0 + k·interval.
// The update at b reads the TWAP window that closed at b, folds it into the
// estimators, runs the rule, clips to the rails and starts a linear move from
// the weights at b to the new targets, ending at the next boundary. It is
// computed "as of b" from state that nothing after b can have touched — the
// first load of the pool at or after b runs it (GetPool), before the oracle
// moves on — so a pool a transaction touches and a pool only the end-block
// step visits get the same weights. Nothing is written per block.

// runDueStrategy runs a loaded pool's strategy update if a boundary has
// passed. It never fails: what goes wrong holds the weights and is recorded
// in the strategy's status (and so in the health query).
func (k Keeper) runDueStrategy(ctx context.Context, pool *types.Pool) {
	if !pool.StrategyRunning() {
		return
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	st := pool.StrategyState
	if now.Before(st.NextUpdate) {
		return
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		k.logger(ctx).Error("strategy update: cannot read params", "pool", pool.Id, "err", err)
		return
	}
	k.updateStrategy(ctx, params, pool, now)
}

// updateStrategy runs the update at the latest boundary at or before now.
// More than one boundary past means the end-block step fell behind: the
// window then spans several intervals, which the estimators must not take
// as one, so the weights hold. After any hold the next update only records
// prices (rebase), so that every return the estimators fold spans exactly
// one interval.
func (k Keeper) updateStrategy(ctx context.Context, params types.Params, pool *types.Pool, now time.Time) {
	s, st := pool.Strategy, pool.StrategyState
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
		if status != types.StrategyStatusOK && !strings.HasPrefix(status, statusRebased) {
			st.Rebase = true
		}
	}()
	if err := pool.AdvanceOracle(b); err != nil {
		status = "held: the oracle cannot reach the boundary: " + err.Error()
		if len(pool.Oracle.Accumulators) == len(pool.Assets) {
			pool.Oracle.LastUpdate = b // the stretch is lost, as advanceOracle does
		}
	}
	atB := pool.AtTime(b).Weights()
	grid, err := types.GridWeights(atB)
	if err != nil {
		grid, status = atB, "held: "+err.Error()
	}
	old := types.NormalizedGridWeights(grid)
	targets := grid
	if status == "" {
		switch {
		case missed > 0:
			status = fmt.Sprintf("held: %d update(s) missed; the TWAP window spans more than one interval", missed)
		case pool.SwapsPaused:
			status = "held: swaps are paused, so prices are not arbitraged"
		default:
			var est *types.StrategyState
			targets, est, err = k.strategyTargets(params, *pool, b, grid)
			if est != nil { // the prices were good: fold them in, whatever the rule did
				st.Updates, st.Estimates, st.Rebase = est.Updates, est.Estimates, false
			}
			switch {
			case err != nil:
				targets, status = grid, "held: "+err.Error()
			case targets == nil:
				targets, status = grid, statusRebased
			default:
				status = types.StrategyStatusOK
			}
		}
	}
	for i := range pool.Assets {
		pool.Assets[i].Weight = grid[i]
	}
	pool.WeightSchedule = nil
	if !equalInts(grid, targets) {
		pool.WeightSchedule = &types.WeightSchedule{
			StartTime: b, EndTime: b.Add(s.Interval),
			StartWeights: grid, TargetWeights: targets,
		}
	}
	st.Status, st.LastUpdate, st.NextUpdate = status, b, b.Add(s.Interval)
	st.WindowStart, st.WindowAccumulators = b, append(st.WindowAccumulators[:0:0], pool.Oracle.Accumulators...)
	k.emitOrLog(ctx, &types.EventStrategyUpdated{
		PoolId: pool.Id, Time: b, OldTargets: decStrings(old), NewTargets: decStrings(types.NormalizedGridWeights(targets)),
		Status: status, NextUpdate: st.NextUpdate,
	})
}

// statusRebased is the status of an update that only recorded prices.
const statusRebased = "held: prices recorded; the rule runs from the next update"

// strategyTargets reads the TWAP window that closed at b (the pool's oracle
// is at b), folds it into the estimators and runs the rule and the rails.
// It returns the targets as grid weights and the new estimators; estimators
// without targets after a rebase, which only records the prices; and
// estimators with an error when the rule or the rails failed on good prices.
func (k Keeper) strategyTargets(params types.Params, pool types.Pool, b time.Time, grid []sdkmath.Int) ([]sdkmath.Int, *types.StrategyState, error) {
	s, st := pool.Strategy, pool.StrategyState
	n := len(pool.Assets)
	window := b.Sub(st.WindowStart)
	if len(st.WindowAccumulators) != n || window <= 0 {
		return nil, nil, errorsmod.Wrap(types.ErrOracleNoData, "no TWAP window is open")
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
	if st.Rebase && s.Kind != types.RULE_KIND_FLOOR { // the floor rule reads no history
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
	current := types.NormalizedGridWeights(grid)
	var proposed []sdkmath.LegacyDec
	switch s.Kind {
	case types.RULE_KIND_MOMENTUM:
		proposed, err = poolmath.MomentumTargetsEach(current, est, s.StepSizes(n))
	case types.RULE_KIND_ANTI_MOMENTUM:
		proposed, err = poolmath.AntiMomentumTargetsEach(current, est, s.StepSizes(n))
	case types.RULE_KIND_POWER_CHANNEL:
		proposed, err = poolmath.PowerChannelTargetsEach(current, est, s.StepSizes(n), *s.Exponent)
	case types.RULE_KIND_MIN_VARIANCE:
		proposed, err = poolmath.MinVarianceTargets(current, est, *s.Blend)
	case types.RULE_KIND_FLOOR:
		proposed, err = floorProposal(pool, grid, num, logPrices)
	default:
		err = errorsmod.Wrapf(types.ErrInvalidStrategy, "unknown rule kind %d", s.Kind)
	}
	if err != nil {
		return nil, &folded, err
	}
	lo, hi, step := s.GridRails(params, pool)
	clipped, err := poolmath.ClipToRails(current, proposed, lo, hi, step)
	if err != nil {
		return nil, &folded, err
	}
	targets, err := poolmath.SnapToGrid(clipped, types.StrategyWeightUnit)
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
func floorProposal(pool types.Pool, weights []sdkmath.Int, safe int, logPrices []sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	f := pool.Strategy.Floor
	if !pool.TotalShares.IsPositive() {
		return nil, errorsmod.Wrap(types.ErrInvalidPoolState, "the pool has no shares")
	}
	q, err := poolmath.LogValues(pool.Balances(), weights) // the weights at the boundary
	if err != nil {
		return nil, err
	}
	// ln(S / 10^18): shares per whole share, as a log value of one asset.
	lnShares, err := poolmath.LogValues([]sdkmath.Int{pool.TotalShares, sdkmath.NewIntWithDecimal(1, types.ShareExponent)}, []sdkmath.Int{sdkmath.OneInt(), sdkmath.OneInt()})
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
		return nil, errorsmod.Wrap(types.ErrOracleNoData, "the share value at TWAP prices rounds to zero")
	}
	base, err := types.GridWeights(f.BaseWeights)
	if err != nil {
		return nil, err
	}
	return poolmath.FloorTargets(types.NormalizedGridWeights(base), safe, perShare, f.Floor, f.Multiplier)
}

// startStrategy puts strategy on a loaded pool now: the weights stop where
// they are, on the grid, and the first TWAP window opens. A strategy that
// replaces another starts afresh (new estimators).
func (k Keeper) startStrategy(params types.Params, pool *types.Pool, strategy *types.WeightStrategy, now time.Time) error {
	if pool.WeightSchedule != nil && pool.Strategy == nil {
		return errorsmod.Wrapf(types.ErrInvalidStrategy, "pool %d runs a weight schedule until %s; a strategy can start after it", pool.Id, pool.WeightSchedule.FinalTime().UTC().Format(time.RFC3339))
	}
	grid, err := types.GridWeights(pool.AtTime(now).Weights())
	if err != nil {
		return err
	}
	if err := strategy.ValidateFor(params, *pool, grid); err != nil {
		return err
	}
	for i := range pool.Assets {
		pool.Assets[i].Weight = grid[i]
	}
	copied := *strategy
	pool.Strategy, pool.WeightSchedule = &copied, nil
	pool.StrategyState = &types.StrategyState{
		NextUpdate: now.Add(strategy.Interval), WindowStart: now, LastUpdate: now,
		WindowAccumulators: append([]sdkmath.LegacyDec(nil), pool.Oracle.Accumulators...),
		Status:             "started",
		// The first update only records prices: a rule run on empty
		// estimators would move on no data.
		Rebase: true,
	}
	return nil
}

// stopStrategyMove stops a strategy's move at now: the weights stay where
// they are, on the grid (between the rails, which are on it).
func stopStrategyMove(pool *types.Pool, now time.Time) error {
	if pool.WeightSchedule == nil {
		return nil
	}
	grid, err := types.GridWeights(pool.AtTime(now).Weights())
	if err != nil {
		return err
	}
	for i := range pool.Assets {
		pool.Assets[i].Weight = grid[i]
	}
	pool.WeightSchedule = nil
	return nil
}

// untrackStrategy takes a pool's entry out of the update index before its
// strategy state is replaced or dropped.
func (k Keeper) untrackStrategy(ctx context.Context, pool *types.Pool) error {
	if st := pool.StrategyState; st != nil && st.IndexedAt != nil {
		if err := k.StrategyUpdates.Remove(ctx, collections.Join(*st.IndexedAt, pool.Id)); err != nil {
			return err
		}
		st.IndexedAt = nil
	}
	return nil
}

// applyStrategyChange sets, replaces or removes a pool's strategy; a dry
// run leaves the index alone.
func (k Keeper) applyStrategyChange(ctx context.Context, params types.Params, pool *types.Pool, change types.StrategyChange, now time.Time, dryRun bool) error {
	if pool.Strategy != nil {
		if err := stopStrategyMove(pool, now); err != nil {
			return err
		}
		if !dryRun {
			if err := k.untrackStrategy(ctx, pool); err != nil {
				return err
			}
		}
	}
	if change.Strategy == nil {
		if pool.Strategy == nil {
			return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d has no strategy to remove", pool.Id)
		}
		pool.Strategy, pool.StrategyState = nil, nil
		return nil
	}
	return k.startStrategy(params, pool, change.Strategy, now)
}

// resumeStrategy restarts a paused strategy: a new window opens now and the
// estimators carry on.
func resumeStrategy(pool *types.Pool, now time.Time) error {
	if pool.Strategy == nil || pool.StrategyState == nil || !pool.StrategyState.Paused {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d has no paused strategy", pool.Id)
	}
	st := pool.StrategyState
	st.Paused, st.Status, st.Rebase, st.PausedByGovernance = false, "resumed", true, false
	st.NextUpdate, st.WindowStart = now.Add(pool.Strategy.Interval), now
	st.WindowAccumulators = append(st.WindowAccumulators[:0:0], pool.Oracle.Accumulators...)
	return nil
}

// PauseStrategy stops a pool's strategy at once: the weights stop where they
// are. The controller with change_weights, or governance, may pause.
func (k Keeper) PauseStrategy(ctx context.Context, sender string, poolID uint64) error {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return err
	}
	if sender != k.authority {
		if err := requireController(pool, sender); err != nil {
			return err
		}
		if !pool.Rights.ChangeWeights {
			return errorsmod.Wrapf(types.ErrNoRight, "pool %d was created without change_weights (or gave it up)", poolID)
		}
	}
	if !pool.StrategyRunning() {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d has no running strategy", poolID)
	}
	if err := stopStrategyMove(&pool, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
		return err
	}
	st := pool.StrategyState
	st.Paused, st.Status = true, types.StrategyStatusPaused
	st.PausedByGovernance = sender == k.authority
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventStrategyPaused{PoolId: poolID, PausedBy: sender})
}

// syncStrategyIndex keeps a pool's one entry in the update index, which the
// end-block step walks, at its running strategy's next update, and records
// it in indexed_at: an update, a pause or a new strategy moves or removes
// the entry before the pool is stored, so no entry is ever left behind and
// a pool whose entry is in place costs no index access.
func (k Keeper) syncStrategyIndex(ctx context.Context, pool *types.Pool) error {
	st := pool.StrategyState
	if st == nil {
		return nil
	}
	var want *time.Time
	if pool.StrategyRunning() {
		next := st.NextUpdate
		want = &next
	}
	have := st.IndexedAt
	if have != nil && want != nil && have.Equal(*want) {
		return nil
	}
	if have != nil {
		if err := k.StrategyUpdates.Remove(ctx, collections.Join(*have, pool.Id)); err != nil {
			return err
		}
	}
	if want != nil {
		if err := k.StrategyUpdates.Set(ctx, collections.Join(*want, pool.Id)); err != nil {
			return err
		}
	}
	st.IndexedAt = want
	return nil
}

// trackStrategy restores an imported pool's index entry.
func (k Keeper) trackStrategy(ctx context.Context, pool types.Pool) error {
	if st := pool.StrategyState; st != nil && st.IndexedAt != nil {
		return k.StrategyUpdates.Set(ctx, collections.Join(*st.IndexedAt, pool.Id))
	}
	return nil
}

// staleEntriesPerUpdate bounds the stale index entries the end-block step
// clears per update it may run.
const staleEntriesPerUpdate = 4

// runDueStrategies runs at most limit due strategy updates, in due order;
// the rest wait for the next block. An entry whose pool moved on (an update
// that ran late in a transaction leaves one) is dropped without taking one
// of those places, up to staleEntriesPerUpdate·limit of them a block. Each
// update runs on its own guarded branch.
func (k Keeper) runDueStrategies(ctx context.Context, now time.Time, limit uint32) error {
	due, err := dueKeys(ctx, k.StrategyUpdates, now, limit*(1+staleEntriesPerUpdate))
	if err != nil {
		return err
	}
	ran := uint32(0)
	for _, key := range due {
		if ran >= limit {
			break
		}
		if err := k.StrategyUpdates.Remove(ctx, key); err != nil {
			return err
		}
		stored, live := k.strategyEntryLive(ctx, key)
		if !live {
			continue
		}
		ran++
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.setPool(ctx, k.brought(ctx, stored)) }); err != nil {
			k.logger(ctx).Error("strategy update dropped", "pool", key.K2(), "err", err)
		}
	}
	return nil
}

// strategyEntryLive returns the stored pool of an index entry and whether
// the entry is its next update (else the pool moved on, or is gone).
func (k Keeper) strategyEntryLive(ctx context.Context, key collections.Pair[time.Time, uint64]) (types.Pool, bool) {
	stored, err := k.storedPool(ctx, key.K2())
	if err != nil {
		return stored, false
	}
	return stored, stored.StrategyRunning() && stored.StrategyState.NextUpdate.Equal(key.K1())
}

func estimatorState(st types.StrategyState) poolmath.EstimatorState {
	out := poolmath.EstimatorState{Updates: st.Updates, Assets: make([]poolmath.AssetEstimate, len(st.Estimates))}
	for i, e := range st.Estimates {
		out.Assets[i] = poolmath.AssetEstimate{LastLogPrice: e.LastLogPrice, MeanLogPrice: e.MeanLogPrice, Gradient: e.Gradient, Variance: e.Variance}
	}
	return out
}

func strategyEstimates(est poolmath.EstimatorState) types.StrategyState {
	out := types.StrategyState{Updates: est.Updates, Estimates: make([]types.AssetEstimate, len(est.Assets))}
	for i, e := range est.Assets {
		out.Estimates[i] = types.AssetEstimate{LastLogPrice: e.LastLogPrice, MeanLogPrice: e.MeanLogPrice, Gradient: e.Gradient, Variance: e.Variance}
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

func isStrategyChange(change types.PendingChange) bool {
	switch change.Change.(type) {
	case *types.PendingChange_Strategy, *types.PendingChange_StrategyResume:
		return true
	}
	return false
}

// authorizeStrategy keeps a strategy governance paused paused until
// governance resumes it (governance may resume any pool's strategy, as it
// may pause any): its controller may neither resume nor replace it, only
// remove it, which leaves the weights where they are.
func (k Keeper) authorizeStrategy(pool types.Pool, proposer string, change types.PendingChange) error {
	if !isStrategyChange(change) || proposer == k.authority {
		return nil
	}
	if c, ok := change.Change.(*types.PendingChange_Strategy); ok && c.Strategy.Strategy == nil {
		return nil
	}
	if st := pool.StrategyState; st != nil && st.Paused && st.PausedByGovernance {
		return errorsmod.Wrapf(types.ErrUnauthorized, "governance paused pool %d's strategy; only governance may resume or replace it", pool.Id)
	}
	return nil
}
