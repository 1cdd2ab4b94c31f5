package simulation

import (
	"context"
	"math/rand"
	"slices"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// Weight strategies: a controller with change_weights sets (behind the
// time-lock), replaces or removes a pool's strategy, pauses it at once and
// queues its resumption. Strategies are made valid for the weights the pool
// will have when they apply: the rails contain those weights (and, when a
// strategy replaces another, the old one's rails, within which the weights
// move meanwhile), and the keeper's own dry run of the message, on a
// throw-away branch, decides.

// ruleKinds are the rules a strategy may run.
var ruleKinds = []types.RuleKind{
	types.RULE_KIND_MOMENTUM, types.RULE_KIND_ANTI_MOMENTUM, types.RULE_KIND_POWER_CHANNEL,
	types.RULE_KIND_MIN_VARIANCE, types.RULE_KIND_FLOOR,
}

// gridUnit is one step of the strategy weight grid, 10^-12: the keeper
// snaps a pool's weights to within one step of their exact shares when a
// strategy starts, so rails kept two steps clear of the exact weights hold
// the snapped ones too.
var gridUnit = sdkmath.LegacyOneDec().QuoInt(types.StrategyWeightUnit)

// StrategyInterval is a strategy's update interval. A quarter of the time
// it is min_strategy_interval to four times it (at most 10 min in the
// simulation's params: every simulated block, 5000–10000 s, passes many
// boundaries, so those updates hold with "missed"); otherwise 3 to 12 hours,
// longer than a block, so that updates run at one boundary a block or two
// and move the weights.
func StrategyInterval(r *rand.Rand, params types.Params) time.Duration {
	if r.Intn(4) == 0 {
		return params.MinStrategyInterval + time.Duration(r.Int63n(int64(3*params.MinStrategyInterval)+1))
	}
	return max(params.MinStrategyInterval, 3*time.Hour+time.Duration(r.Int63n(int64(9*time.Hour))))
}

// RandomStrategy is a strategy of the given kind for pool (its assets in
// pool order; floor base weights in that order too) whose rails contain the
// normalized weights of `weights` and [wideLo, wideHi] (when not nil) with
// two grid steps to spare. It is valid for the pool by ValidateBasic; the
// caller checks ValidateFor (the params' minimum weight, the pool's cap).
func RandomStrategy(r *rand.Rand, params types.Params, pool types.Pool, kind types.RuleKind, weights []sdkmath.Int, wideLo, wideHi *sdkmath.LegacyDec) *types.WeightStrategy {
	one := sdkmath.LegacyOneDec()
	total := sdkmath.ZeroInt()
	for _, w := range weights {
		total = total.Add(w)
	}
	minN, maxN := one, sdkmath.LegacyZeroDec()
	for _, w := range weights {
		n := sdkmath.LegacyNewDecFromInt(w).QuoInt(total)
		minN, maxN = sdkmath.LegacyMinDec(minN, n), sdkmath.LegacyMaxDec(maxN, n)
	}
	if wideLo != nil {
		minN = sdkmath.LegacyMinDec(minN, *wideLo)
	}
	if wideHi != nil {
		maxN = sdkmath.LegacyMaxDec(maxN, *wideHi)
	}
	margin := gridUnit.MulInt64(2)
	below := sdkmath.LegacyMaxDec(minN.Sub(margin), sdkmath.LegacyZeroDec())
	above := sdkmath.LegacyMinDec(maxN.Add(margin), one)
	s := &types.WeightStrategy{
		Kind:     kind,
		Interval: StrategyInterval(r, params),
		Memory:   randomDec(r, sdkmath.LegacyNewDecWithPrec(99, 2)),
		Rails: types.StrategyRails{
			MinWeight:          randomDec(r, below),
			MaxWeight:          above.Add(randomDec(r, one.Sub(above))),
			MaxChangePerUpdate: randomDecUpTo(r, []sdkmath.LegacyDec{sdkmath.LegacyNewDecWithPrec(2, 1), one}[r.Intn(2)]),
			MaxChangePerDay:    randomDecUpTo(r, one),
		},
	}
	kappa := func() *sdkmath.LegacyDec {
		k := sdkmath.LegacyZeroDec()
		if r.Intn(10) != 0 {
			k = sdkmath.LegacyNewDec(1 + r.Int63n(100_000)).QuoInt64(1000) // 0.001..100
		}
		return &k
	}
	if r.Intn(2) == 0 {
		s.Numeraire = pool.Assets[r.Intn(len(pool.Assets))].Denom
	}
	switch kind {
	case types.RULE_KIND_MOMENTUM, types.RULE_KIND_ANTI_MOMENTUM:
		s.Kappa = kappa()
	case types.RULE_KIND_POWER_CHANNEL:
		e := one.Add(randomDecUpTo(r, sdkmath.LegacyNewDec(15))) // (1, 16]
		s.Kappa, s.Exponent = kappa(), &e
	case types.RULE_KIND_MIN_VARIANCE:
		b := randomDec(r, one)
		s.Blend = &b
	case types.RULE_KIND_FLOOR:
		safe := r.Intn(len(pool.Assets))
		s.Numeraire = pool.Assets[safe].Denom
		s.Floor = randomFloor(r, pool, weights, safe)
	}
	return s
}

// randomFloor is a floor rule whose floor is up to 1.5 times the share
// value now (so it binds some of the time), a multiplier mostly up to 10,
// and random base weights.
func randomFloor(r *rand.Rand, pool types.Pool, weights []sdkmath.Int, safe int) *types.FloorRule {
	// At spot prices the pool's value in the safe asset is B_safe / x_safe.
	total := sdkmath.ZeroInt()
	for _, w := range weights {
		total = total.Add(w)
	}
	value := sdkmath.LegacyZeroDec()
	if pool.TotalShares.IsPositive() && weights[safe].IsPositive() {
		value = sdkmath.LegacyNewDecFromInt(pool.Assets[safe].Balance).MulInt(total).QuoInt(weights[safe]).
			MulInt(sdkmath.NewIntWithDecimal(1, types.ShareExponent)).QuoInt(pool.TotalShares)
	}
	f := &types.FloorRule{Floor: sdkmath.LegacyZeroDec(), Multiplier: randomDec(r, sdkmath.LegacyNewDec(10))}
	if r.Intn(4) != 0 {
		f.Floor = randomDec(r, value.MulInt64(3).QuoInt64(2))
	}
	if r.Intn(5) == 0 {
		f.Multiplier = randomDec(r, sdkmath.LegacyNewDec(1000))
	}
	f.BaseWeights = make([]sdkmath.Int, len(pool.Assets))
	for i := range f.BaseWeights {
		f.BaseWeights[i] = sdkmath.NewInt((1 + r.Int63n(100)) * 1_000_000_000)
	}
	return f
}

// createStrategy is a strategy for a pool MsgCreatePool makes from msg
// (base weights in the order of msg.Assets), or nil when the random one
// does not fit the pool.
func createStrategy(r *rand.Rand, params types.Params, msg *types.MsgCreatePool) *types.WeightStrategy {
	pool := types.Pool{Assets: sortedAssets(msg.Assets), MaxNormalizedWeight: sdkmath.LegacyZeroDec(), TotalShares: types.InitialShares}
	if msg.MaxNormalizedWeight != nil {
		pool.MaxNormalizedWeight = *msg.MaxNormalizedWeight
	}
	s := RandomStrategy(r, params, pool, ruleKinds[r.Intn(len(ruleKinds))], pool.Weights(), nil, nil)
	grid, err := types.GridWeights(pool.Weights())
	if err != nil || s.ValidateFor(params, pool, grid) != nil {
		return nil
	}
	if f := s.Floor; f != nil {
		byDenom := make(map[string]sdkmath.Int, len(pool.Assets))
		for i, a := range pool.Assets {
			byDenom[a.Denom] = f.BaseWeights[i]
		}
		for i, a := range msg.Assets {
			f.BaseWeights[i] = byDenom[a.Denom]
		}
	}
	return s
}

// livePool is the pool as the keeper sees it in this block: a strategy
// update due runs (on a throw-away branch), which the stored pool lacks.
func livePool(ctx context.Context, k keeper.Keeper, id uint64) (types.Pool, error) {
	var pool types.Pool
	err := keeperAccepts(ctx, func(c context.Context) error {
		var err error
		pool, err = k.GetPool(c, id)
		return err
	})
	return pool, err
}

// hasPendingKind reports whether one of the pool's queued changes is of one of kinds.
func hasPendingKind(ctx context.Context, k keeper.Keeper, poolID uint64, kinds ...string) bool {
	for _, id := range pendingChangeIDs(ctx, k, poolID) {
		if c, err := k.PendingChanges.Get(ctx, id); err == nil && slices.Contains(kinds, c.Kind()) {
			return true
		}
	}
	return false
}

// MsgSetStrategyFactory queues a random strategy of a random kind, or (a
// quarter of the time, on a pool that has one) the removal of the pool's
// strategy. Pools running a weight schedule without a strategy are left
// alone (a strategy starts after the schedule), as are pools with a queued
// asset change or another queued strategy change, which may move what the
// strategy is checked against before it applies.
func MsgSetStrategyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetStrategy] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetStrategy) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		stored, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose strategy may change", func(p types.Pool) bool {
			return p.Rights.ChangeWeights && (p.Strategy != nil || p.WeightSchedule == nil) && len(p.Assets) <= poolmath.MaxStrategyAssets &&
				hasQueueRoom(ctx, k, p.Id) && !hasPendingKind(ctx, k, p.Id, "add_asset", "remove_asset", "weight_schedule", "strategy")
		})
		if !ok {
			return nil, nil
		}
		pool, err := livePool(ctx, k, stored.Id)
		if err != nil {
			reporter.Skip(skipReason("pool", err))
			return nil, nil
		}
		r := testData.Rand()
		msg := &types.MsgSetStrategy{Sender: ctrl.AddressBech32, PoolId: pool.Id}
		if pool.Strategy == nil || r.Intn(4) != 0 {
			var lo, hi *sdkmath.LegacyDec
			if pool.Strategy != nil {
				// The weights stay within the old rails until the new strategy applies.
				l, h, _ := pool.Strategy.GridRails(params, pool)
				lo, hi = &l, &h
			}
			due := blockTime(ctx).Add(pool.Timelock)
			msg.Strategy = RandomStrategy(r.Rand, params, pool, pick(testData, ruleKinds), pool.AtTime(due).Weights(), lo, hi)
		}
		err = keeperAccepts(ctx, func(c context.Context) error {
			_, err := keeper.NewMsgServerImpl(k).SetStrategy(c, msg)
			return err
		})
		if err != nil {
			reporter.Skip(skipReason("no strategy the keeper accepts", err))
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, msg
	}
}

// MsgPauseStrategyFactory pauses a running strategy (at once).
func MsgPauseStrategyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPauseStrategy] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPauseStrategy) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "with a running strategy", func(p types.Pool) bool {
			return p.Rights.ChangeWeights && p.StrategyRunning()
		})
		if !ok {
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, &types.MsgPauseStrategy{Sender: ctrl.AddressBech32, PoolId: pool.Id}
	}
}

// MsgResumeStrategyFactory queues the resumption of a paused strategy that
// no queued change resumes or replaces already.
func MsgResumeStrategyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgResumeStrategy] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgResumeStrategy) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "with a paused strategy", func(p types.Pool) bool {
			return p.Rights.ChangeWeights && p.Strategy != nil && p.StrategyState != nil && p.StrategyState.Paused &&
				hasQueueRoom(ctx, k, p.Id) && !hasPendingKind(ctx, k, p.Id, "strategy", "strategy_resume")
		})
		if !ok {
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, &types.MsgResumeStrategy{Sender: ctrl.AddressBech32, PoolId: pool.Id}
	}
}
