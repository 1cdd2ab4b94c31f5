package keeper_test

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/poold/poold/x/smartpool/types"
)

func decPtr(s string) *sdkmath.LegacyDec { d := dec(s); return &d }

// momentumStrategy is a momentum rule updating every hour with wide rails.
func momentumStrategy() *types.WeightStrategy {
	return &types.WeightStrategy{
		Kind: types.RULE_KIND_MOMENTUM, Interval: time.Hour, Memory: dec("0.5"), Kappa: decPtr("2"),
		Rails: types.StrategyRails{MinWeight: dec("0.1"), MaxWeight: dec("0.9"), MaxChangePerUpdate: dec("0.05"), MaxChangePerDay: dec("1")},
	}
}

// strategyPool creates a controlled 50/50 uatom/uusdc pool running s.
func (f *fixture) strategyPool(t testing.TB, s *types.WeightStrategy) uint64 {
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 1_000_000_000, 50), asset("uusdc", 1_000_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: f.alice.String(), Rights: types.PoolRights{ChangeWeights: true}, Timelock: time.Hour, Strategy: s})
	require.NoError(t, err)
	return res.PoolId
}

// buyAtom swaps amount uusdc into the pool for uatom, raising uatom's price.
func (f *fixture) swapIn(t testing.TB, id uint64, in sdk.Coin, outDenom string) {
	_, err := f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: outDenom}}, TokenIn: in, TokenOutMinAmount: sdkmath.OneInt()})
	require.NoError(t, err)
}

// normalized are the pool's normalized weights at t.
func normalized(p types.Pool, t time.Time) []sdkmath.LegacyDec {
	w := p.AtTime(t).Weights()
	total := sdkmath.ZeroInt()
	for _, x := range w {
		total = total.Add(x)
	}
	out := make([]sdkmath.LegacyDec, len(w))
	for i, x := range w {
		out[i] = sdkmath.LegacyNewDecFromInt(x).QuoInt(total)
	}
	return out
}

// A momentum pool moves weight to the asset whose TWAP rises: nothing in
// the first interval (the estimators only record prices), then toward
// uatom after its price was pushed up, at most max_change_per_update per
// update, linearly over the next interval. Each update emits its event.
func TestMomentumStrategyFollowsTheTWAP(t *testing.T) {
	f := newFixture(t)
	id := f.strategyPool(t, momentumStrategy())
	p := f.pool(t, id)
	require.Equal(t, "started", p.StrategyState.Status)
	t0 := p.StrategyState.NextUpdate
	require.Equal(t, f.ctx.BlockTime().Add(time.Hour), t0)
	require.Equal(t, types.StrategyWeightUnit, p.TotalWeight(), "a strategy pool's weights sit on the grid")

	f.endBlockAt(t, t0)
	p = f.pool(t, id)
	require.Contains(t, p.StrategyState.Status, "prices recorded")
	require.Nil(t, p.WeightSchedule, "the first update only records prices")
	require.EqualValues(t, 1, p.StrategyState.Updates)

	// Push uatom's price up early in the second interval.
	f.ctx = f.ctx.WithBlockTime(t0.Add(time.Minute))
	f.swapIn(t, id, sdk.NewInt64Coin("uusdc", 200_000_000), "uatom")
	t1 := t0.Add(time.Hour)
	f.endBlockAt(t, t1)
	requireEvent(t, f.ctx, "smartpool.v1.EventStrategyUpdated")
	p = f.pool(t, id)
	require.Equal(t, types.StrategyStatusOK, p.StrategyState.Status)
	require.NotNil(t, p.WeightSchedule, "a move toward the new targets started")
	require.Equal(t, t1, p.WeightSchedule.StartTime)
	require.Equal(t, t1.Add(time.Hour), p.WeightSchedule.EndTime)
	end := normalized(p, t1.Add(time.Hour))
	require.True(t, end[0].GT(dec("0.5")), "weight moved to uatom: %v", end)
	require.True(t, end[0].Sub(dec("0.5")).LTE(dec("0.05")), "at most max_change_per_update: %v", end)
	mid := normalized(p, t1.Add(30*time.Minute))
	require.True(t, mid[0].GT(dec("0.5")) && mid[0].LT(end[0]), "the move is gradual: %v", mid)
	// Prices are in the numeraire, the first asset: uusdc's fell.
	require.True(t, p.StrategyState.Estimates[0].Gradient.IsZero())
	require.True(t, p.StrategyState.Estimates[1].Gradient.IsNegative(), "uusdc's gradient in uatom is negative")
}

func requireEvent(t *testing.T, ctx sdk.Context, kind string) {
	t.Helper()
	for _, e := range ctx.EventManager().Events() {
		if e.Type == kind {
			return
		}
	}
	t.Fatalf("no %s event", kind)
}

// strategyFingerprint is what an update decides: the move and the estimators.
func strategyFingerprint(p types.Pool) (types.StrategyState, *types.WeightSchedule, []sdkmath.Int) {
	return *p.StrategyState, p.WeightSchedule, p.Weights()
}

// A pool a transaction touches after a boundary, one the end-block step
// updates in the same block, and one the end-block step reaches only a
// block later (its per-block bound was spent) end up with the same move and
// the same estimators: every update is computed as of its boundary.
func TestStrategyLazyAndEndBlockAgree(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.MaxStrategyUpdatesPerBlock = 2 })
	ids := []uint64{f.strategyPool(t, momentumStrategy()), f.strategyPool(t, momentumStrategy()), f.strategyPool(t, momentumStrategy())}
	t0 := f.pool(t, ids[0]).StrategyState.NextUpdate
	f.endBlockAt(t, t0) // 2 of 3 updated here, the third lazily below
	f.ctx = f.ctx.WithBlockTime(t0.Add(10 * time.Minute))
	for _, id := range ids { // the same trades in every pool
		f.swapIn(t, id, sdk.NewInt64Coin("uusdc", 150_000_000), "uatom")
	}
	t1 := t0.Add(time.Hour)
	f.endBlockAt(t, t1.Add(-time.Second))
	// Block at t1 + 5s: a transaction touches pool 0 (a proportional join,
	// which moves no price); the end-block step then updates pool 1 and
	// pool 2 would be next but the bound is 1 this block.
	f.setParams(t, func(p *types.Params) { p.MaxStrategyUpdatesPerBlock = 1 })
	f.ctx = f.ctx.WithBlockTime(t1.Add(5 * time.Second))
	_, err := f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.alice.String(), PoolId: ids[0], ShareOutAmount: sdkmath.NewInt(1_000_000_000_000),
		TokenInMaxs: sdk.NewCoins(sdk.NewInt64Coin("uatom", 1_000_000_000), sdk.NewInt64Coin("uusdc", 1_000_000_000))})
	require.NoError(t, err)
	stored := func(id uint64) types.Pool {
		p, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, id)
		require.NoError(t, err)
		return p
	}
	require.Equal(t, t1.Add(time.Hour), stored(ids[0]).StrategyState.NextUpdate, "the transaction ran pool 0's update")
	f.endBlockAt(t, t1.Add(5*time.Second))
	require.Equal(t, t1.Add(time.Hour), stored(ids[1]).StrategyState.NextUpdate, "the end-block step ran pool 1's update")
	require.Equal(t, t1, stored(ids[2]).StrategyState.NextUpdate, "pool 2 waits: the per-block bound was spent")
	f.endBlockAt(t, t1.Add(30*time.Minute))
	require.Equal(t, t1.Add(time.Hour), stored(ids[2]).StrategyState.NextUpdate, "pool 2 updated a block later")

	st0, s0, w0 := strategyFingerprint(stored(ids[0]))
	require.NotNil(t, s0, "the update moved the weights")
	for _, id := range ids[1:] {
		st, s, w := strategyFingerprint(stored(id))
		require.Equal(t, st0, st, "pool %d estimators", id)
		require.Equal(t, s0, s, "pool %d move", id)
		require.Equal(t, w0, w, "pool %d weights", id)
	}
}

// A one-block price push just before a boundary moves the targets no more
// than the TWAP lets it: its weight in the window is one block over the
// interval, and the estimators damp it by (1 − λ) once more.
func TestStrategyOneBlockPushIsDampedByTheTWAP(t *testing.T) {
	f := newFixture(t)
	s := momentumStrategy()
	s.Kappa = decPtr("20") // a step large enough that the rails would show a real signal
	pushed, calm := f.strategyPool(t, s), f.strategyPool(t, s)
	t0 := f.pool(t, pushed).StrategyState.NextUpdate
	f.endBlockAt(t, t0)
	t1 := t0.Add(time.Hour)
	// The attacker pays in 40% of the pool's uusdc (near the most one swap
	// may take out) 5 s before the boundary; the update at the boundary sees
	// the push.
	f.endBlockAt(t, t1.Add(-5*time.Second))
	before := f.pool(t, pushed)
	f.swapIn(t, pushed, sdk.NewInt64Coin("uusdc", 400_000_000), "uatom")
	after := f.pool(t, pushed)
	pBefore := spot(before, t1)
	pAfter := spot(after, t1)
	f.ctx = f.ctx.WithBlockTime(t1).WithEventManager(sdk.NewEventManager())
	got, err := f.app.SmartPoolKeeper.GetPool(f.ctx, pushed) // runs the update, push included
	require.NoError(t, err)
	ref, err := f.app.SmartPoolKeeper.GetPool(f.ctx, calm)
	require.NoError(t, err)
	// The push multiplied uatom's price by pAfter/pBefore for 5 s of 3600.
	ratio, _ := pAfter.Quo(pBefore).Float64()
	require.Greater(t, ratio, 1.9, "the push was large")
	g := got.StrategyState.Estimates[1].Gradient.Sub(ref.StrategyState.Estimates[1].Gradient).Abs()
	gf, _ := g.Float64()
	bound := (1 - 0.5) * math.Log(ratio) * 5 / 3600
	require.LessOrEqual(t, gf, bound*1.0001, "the gradient moved by %g, the TWAP allows %g", gf, bound)
	require.GreaterOrEqual(t, gf, bound*0.99, "the push is in the TWAP, weighted by its duration")
	// Momentum moves each weight by κ·(ḡ_i − mean ḡ) = κ·Δḡ/2 for two assets.
	wGot := normalized(got, t1.Add(time.Hour))
	wRef := normalized(ref, t1.Add(time.Hour))
	moved, _ := wGot[0].Sub(wRef[0]).Abs().Float64()
	require.LessOrEqual(t, moved, 20*bound/2+2e-12, "targets moved %g", moved)
	require.Positive(t, moved)
	require.Less(t, moved, 0.01, "a one-block push moves the targets by under 1%%")
}

// spot is the price of uatom in uusdc at t.
func spot(p types.Pool, t time.Time) sdkmath.LegacyDec {
	w := p.AtTime(t).Weights()
	atom := sdkmath.LegacyNewDecFromInt(p.Assets[0].Balance).QuoInt(w[0])
	usdc := sdkmath.LegacyNewDecFromInt(p.Assets[1].Balance).QuoInt(w[1])
	return usdc.Quo(atom)
}

// Pausing is immediate and freezes the weights mid-move; resuming and
// changing the rule wait for the time-lock; a schedule or an asset change
// is refused while a strategy runs; removal leaves the weights in place.
func TestStrategyControls(t *testing.T) {
	f := newFixture(t)
	id := f.strategyPool(t, momentumStrategy())
	t0 := f.pool(t, id).StrategyState.NextUpdate
	f.endBlockAt(t, t0)
	f.ctx = f.ctx.WithBlockTime(t0.Add(time.Minute))
	f.swapIn(t, id, sdk.NewInt64Coin("uusdc", 300_000_000), "uatom")
	t1 := t0.Add(time.Hour)
	f.endBlockAt(t, t1)
	require.NotNil(t, f.pool(t, id).WeightSchedule)

	// Only the controller (or governance) pauses.
	f.ctx = f.ctx.WithBlockTime(t1.Add(20 * time.Minute))
	_, err := f.msgs.PauseStrategy(f.ctx, &types.MsgPauseStrategy{Sender: f.bob.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	mid := normalized(f.pool(t, id), f.ctx.BlockTime())
	_, err = f.msgs.PauseStrategy(f.ctx, &types.MsgPauseStrategy{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	p := f.pool(t, id)
	require.Nil(t, p.WeightSchedule, "the move stopped")
	frozen := normalized(p, f.ctx.BlockTime())
	for i := range mid {
		require.True(t, frozen[i].Sub(mid[i]).Abs().LTE(dec("0.000000000002")), "frozen where it was: %v vs %v", frozen, mid)
	}
	require.Equal(t, types.StrategyWeightUnit, p.TotalWeight())
	// Paused: boundaries pass without updates; health says so.
	f.endBlockAt(t, t1.Add(3*time.Hour))
	p = f.pool(t, id)
	require.True(t, p.StrategyState.Paused)
	require.Nil(t, p.WeightSchedule)
	h, err := f.query.PoolHealth(f.ctx, &types.QueryPoolHealthRequest{PoolId: id})
	require.NoError(t, err)
	require.Equal(t, types.StrategyStatusPaused, h.Health.StrategyStatus)

	// Resume waits for the time-lock.
	res, err := f.msgs.ResumeStrategy(f.ctx, &types.MsgResumeStrategy{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	f.endBlockAt(t, res.DueTime.Add(-time.Second))
	require.True(t, f.pool(t, id).StrategyState.Paused)
	f.endBlockAt(t, res.DueTime)
	p = f.pool(t, id)
	require.False(t, p.StrategyState.Paused)
	require.Equal(t, res.DueTime.Add(time.Hour), p.StrategyState.NextUpdate)

	// No schedule and no asset change while a strategy runs.
	_, err = f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id, Schedule: types.WeightScheduleChange{
		StartTime: f.ctx.BlockTime().Add(2 * time.Hour), EndTime: f.ctx.BlockTime().Add(4 * time.Hour), TargetWeights: []sdkmath.Int{sdkmath.NewInt(1), sdkmath.NewInt(1)}}})
	require.ErrorIs(t, err, types.ErrInvalidSchedule)

	// A new rule waits for the time-lock; removal keeps the weights.
	anti := momentumStrategy()
	anti.Kind = types.RULE_KIND_ANTI_MOMENTUM
	set, err := f.msgs.SetStrategy(f.ctx, &types.MsgSetStrategy{Sender: f.alice.String(), PoolId: id, Strategy: anti})
	require.NoError(t, err)
	require.Equal(t, types.RULE_KIND_MOMENTUM, f.pool(t, id).Strategy.Kind)
	f.endBlockAt(t, set.DueTime)
	p = f.pool(t, id)
	require.Equal(t, types.RULE_KIND_ANTI_MOMENTUM, p.Strategy.Kind)
	require.Zero(t, p.StrategyState.Updates, "a new rule starts with fresh estimators")
	rm, err := f.msgs.SetStrategy(f.ctx, &types.MsgSetStrategy{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	f.endBlockAt(t, rm.DueTime)
	before := normalized(f.pool(t, id), rm.DueTime)
	p = f.pool(t, id)
	require.Nil(t, p.Strategy)
	require.Nil(t, p.StrategyState)
	require.Equal(t, before, normalized(p, rm.DueTime.Add(10*time.Hour)), "the weights stay")
}

// A strategy whose input is not trustworthy holds the weights and says why:
// with swaps paused the spot price is nobody's price.
func TestStrategyHoldsOnStaleInput(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 1_000_000_000, 50), asset("uusdc", 1_000_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: f.alice.String(), Rights: types.PoolRights{ChangeWeights: true, PauseSwaps: true}, Timelock: time.Hour, Strategy: momentumStrategy()})
	require.NoError(t, err)
	id := res.PoolId
	_, err = f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	next := f.pool(t, id).StrategyState.NextUpdate
	f.endBlockAt(t, next)
	p := f.pool(t, id)
	require.Contains(t, p.StrategyState.Status, "swaps are paused")
	require.Nil(t, p.WeightSchedule)
	require.Zero(t, p.StrategyState.Updates, "nothing folded in")
	h, err := f.query.PoolHealth(f.ctx, &types.QueryPoolHealthRequest{PoolId: id})
	require.NoError(t, err)
	require.Contains(t, h.Health.StrategyStatus, "swaps are paused")
	require.Equal(t, next.Add(time.Hour), *h.Health.StrategyNextUpdate)
}

// Bad strategies are refused with ErrInvalidStrategy and leave no pool.
func TestStrategyValidation(t *testing.T) {
	f := newFixture(t)
	edit := func(fn func(s *types.WeightStrategy)) *types.WeightStrategy {
		s := momentumStrategy()
		fn(s)
		return s
	}
	for name, s := range map[string]*types.WeightStrategy{
		"no kind":             edit(func(s *types.WeightStrategy) { s.Kind = types.RULE_KIND_UNSPECIFIED }),
		"zero interval":       edit(func(s *types.WeightStrategy) { s.Interval = 0 }),
		"below min interval":  edit(func(s *types.WeightStrategy) { s.Interval = time.Minute }),
		"memory one":          edit(func(s *types.WeightStrategy) { s.Memory = dec("1") }),
		"negative kappa":      edit(func(s *types.WeightStrategy) { s.Kappa = decPtr("-1") }),
		"no kappa":            edit(func(s *types.WeightStrategy) { s.Kappa = nil }),
		"min above max":       edit(func(s *types.WeightStrategy) { s.Rails.MinWeight = dec("0.95") }),
		"weights off rails":   edit(func(s *types.WeightStrategy) { s.Rails.MinWeight = dec("0.6") }),
		"zero step":           edit(func(s *types.WeightStrategy) { s.Rails.MaxChangePerUpdate = dec("0") }),
		"unknown numeraire":   edit(func(s *types.WeightStrategy) { s.Numeraire = "uosmo" }),
		"power exponent 1":    edit(func(s *types.WeightStrategy) { s.Kind = types.RULE_KIND_POWER_CHANNEL; s.Exponent = decPtr("1") }),
		"min variance blend":  edit(func(s *types.WeightStrategy) { s.Kind = types.RULE_KIND_MIN_VARIANCE; s.Blend = decPtr("1.5") }),
		"floor without floor": edit(func(s *types.WeightStrategy) { s.Kind = types.RULE_KIND_FLOOR; s.Numeraire = "uusdc" }),
	} {
		_, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
			Assets: []types.PoolAsset{asset("uatom", 1_000_000_000, 50), asset("uusdc", 1_000_000_000, 50)}, SwapFee: dec("0.003"),
			Controller: f.alice.String(), Rights: types.PoolRights{ChangeWeights: true}, Timelock: time.Hour, Strategy: s})
		require.ErrorIs(t, err, types.ErrInvalidStrategy, name)
	}
}

// What a strategy costs a swap: mid-interval only the bytes of its state and
// its move in the pool record; the first swap after a boundary also runs the
// update (TWAP window, estimators, rule, rails: pure computation on state
// already loaded) and moves the pool's index entry. Both stay small next to
// the swap itself.
func TestStrategySwapGas(t *testing.T) {
	f := newFixture(t)
	plain := f.createPool(t)
	ruled := f.strategyPool(t, momentumStrategy())
	t0 := f.pool(t, ruled).StrategyState.NextUpdate
	f.endBlockAt(t, t0)
	f.nextBlock(t0.Add(7 * time.Minute))
	f.swapIn(t, ruled, sdk.NewInt64Coin("uusdc", 50_000_000), "uatom")
	f.nextBlock(t0.Add(17 * time.Minute))
	base := f.swapGas(t, plain, sdk.NewInt64Coin("uatom", 500_000), "uusdc")
	mid := f.swapGas(t, ruled, sdk.NewInt64Coin("uatom", 500_000), "uusdc")
	f.nextBlock(t0.Add(time.Hour + 3*time.Second))
	update := f.swapGas(t, ruled, sdk.NewInt64Coin("uatom", 500_000), "uusdc")
	p, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, ruled)
	require.NoError(t, err)
	require.Equal(t, t0.Add(2*time.Hour), p.StrategyState.NextUpdate, "the swap ran the update")
	t.Logf("swap message gas: plain pool %d, strategy pool mid-interval %d (%+.1f%%), swap that runs the update %d (%+.1f%%)",
		base, mid, 100*(float64(mid)/float64(base)-1), update, 100*(float64(update)/float64(base)-1))
	require.Less(t, update, base*3/2, "an update costs a swap less than half its gas again")
}

// Rails property: pools of every rule with random parameters and tight or
// loose rails, traded at random across many intervals, keep every
// normalized weight inside [lo, hi] at every instant checked (boundaries and
// mid-move), and no update moves a weight by more than the step.
func TestStrategyRailsHold(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	kinds := []types.RuleKind{types.RULE_KIND_MOMENTUM, types.RULE_KIND_ANTI_MOMENTUM, types.RULE_KIND_POWER_CHANNEL, types.RULE_KIND_MIN_VARIANCE, types.RULE_KIND_FLOOR}
	pools, moves := map[types.RuleKind]int{}, map[types.RuleKind]int{}
	for trial := 0; trial < 10; trial++ {
		f := newFixture(t)
		params, err := f.app.SmartPoolKeeper.Params.Get(f.ctx)
		require.NoError(t, err)
		denoms := []string{"uatom", "ueth", "uusdc"}[rng.Intn(2):]
		var ids []uint64
		for _, kind := range kinds {
			s := &types.WeightStrategy{Kind: kind, Interval: time.Hour * time.Duration(1+rng.Intn(3)),
				Memory: sdkmath.LegacyNewDecWithPrec(int64(rng.Intn(95)), 2),
				Rails: types.StrategyRails{
					MinWeight:          sdkmath.LegacyNewDecWithPrec(int64(5+rng.Intn(20)), 2),
					MaxWeight:          sdkmath.LegacyNewDecWithPrec(int64(45+rng.Intn(50)), 2),
					MaxChangePerUpdate: sdkmath.LegacyNewDecWithPrec(int64(1+rng.Intn(20)), 2),
					MaxChangePerDay:    sdkmath.LegacyNewDecWithPrec(int64(1+rng.Intn(300)), 2),
				}}
			switch kind {
			case types.RULE_KIND_POWER_CHANNEL:
				s.Kappa, s.Exponent = decPtr(fmt.Sprint(1+rng.Intn(1000))), decPtr(fmt.Sprintf("1.%d", 1+rng.Intn(9)))
			case types.RULE_KIND_MIN_VARIANCE:
				s.Blend = decPtr(fmt.Sprintf("0.%d", rng.Intn(10)))
			case types.RULE_KIND_FLOOR:
				s.Numeraire = "uusdc"
				s.Floor = &types.FloorRule{Floor: sdkmath.LegacyNewDec(int64(rng.Intn(40_000_000))), Multiplier: sdkmath.LegacyNewDec(int64(rng.Intn(10))),
					BaseWeights: make([]sdkmath.Int, len(denoms))}
				for i := range denoms {
					s.Floor.BaseWeights[i] = sdkmath.NewInt(int64(1 + rng.Intn(9)))
				}
			default:
				s.Kappa = decPtr(fmt.Sprint(rng.Intn(50)))
			}
			assets := make([]types.PoolAsset, len(denoms))
			for i, d := range denoms {
				assets[i] = asset(d, 1_000_000_000, 1)
			}
			res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(), Assets: assets, SwapFee: dec("0.003"),
				Controller: f.alice.String(), Rights: types.PoolRights{ChangeWeights: true}, Timelock: time.Hour, Strategy: s})
			if err != nil {
				require.ErrorIs(t, err, types.ErrInvalidStrategy) // equal weights outside random rails
				continue
			}
			ids = append(ids, res.PoolId)
			pools[kind]++
		}
		now := f.ctx.BlockTime()
		for step := 0; step < 60; step++ {
			now = now.Add(time.Duration(1+rng.Intn(50)) * time.Minute)
			f.nextBlock(now)
			for _, id := range ids {
				p := f.pool(t, id)
				in, out := denoms[rng.Intn(len(denoms))], denoms[rng.Intn(len(denoms))]
				if in != out && rng.Intn(2) == 0 {
					i, _ := p.AssetIndex(in)
					amount := p.Assets[i].Balance.QuoRaw(int64(5 + rng.Intn(40)))
					_, _ = f.swap(t, id, sdk.NewCoin(in, amount), out) // a ratio limit may refuse it
				}
			}
			f.endBlockAt(t, now)
			for _, id := range ids {
				p := f.pool(t, id)
				lo, hi, step := p.Strategy.GridRails(params, p)
				for _, at := range []time.Time{now, now.Add(p.Strategy.Interval / 2), p.StrategyState.NextUpdate} {
					for i, w := range normalized(p, at) {
						require.True(t, w.GTE(lo.Sub(dec("0.000000000000000001"))) && w.LTE(hi.Add(dec("0.000000000000000001"))),
							"trial %d pool %d (%s) asset %d at %s: weight %s outside [%s, %s]", trial, id, p.Strategy.Kind, i, at, w, lo, hi)
					}
				}
				if s := p.WeightSchedule; s != nil {
					moves[p.Strategy.Kind]++
					from, to := types.NormalizedGridWeights(s.StartWeights), types.NormalizedGridWeights(s.TargetWeights)
					for i := range from {
						require.True(t, to[i].Sub(from[i]).Abs().LTE(step), "pool %d: an update moved asset %d by %s, step %s", id, i, to[i].Sub(from[i]).Abs(), step)
						require.True(t, to[i].GTE(lo) && to[i].LTE(hi), "pool %d: target %s outside [%s, %s]", id, to[i], lo, hi)
					}
				}
			}
		}
	}
	t.Logf("pools by rule: %v; blocks seen mid-move by rule: %v", pools, moves)
	for _, kind := range kinds {
		require.Positive(t, pools[kind], "no %s pool was valid", kind)
		require.Positive(t, moves[kind], "no %s pool ever moved", kind)
	}
}

// A strategy survives export and import: the imported chain rebuilds the
// update index and runs the next update on time.
func TestStrategyGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	id := f.strategyPool(t, momentumStrategy())
	next := f.pool(t, id).StrategyState.NextUpdate
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())

	g := newFixture(t)
	g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
	require.NoError(t, g.importGenesis(t, *gs))
	has, err := g.app.SmartPoolKeeper.StrategyUpdates.Has(g.ctx, collections.Join(next, id))
	require.NoError(t, err)
	require.True(t, has, "the update index was rebuilt")
	g.endBlockAt(t, next)
	p, err := g.app.SmartPoolKeeper.Pools.Get(g.ctx, id)
	require.NoError(t, err)
	require.Equal(t, next.Add(time.Hour), p.StrategyState.NextUpdate)
	require.Contains(t, p.StrategyState.Status, "prices recorded")
	require.EqualValues(t, 1, p.StrategyState.Updates)

	// A malformed strategy state is refused at import.
	bad := *gs
	bad.Pools = append([]types.Pool(nil), gs.Pools...)
	broken := bad.Pools[0].Clone()
	broken.StrategyState = nil
	bad.Pools[0] = broken
	require.ErrorContains(t, bad.Validate(), "a strategy without state")
}

func strategyIndex(t *testing.T, f *fixture) []collections.Pair[time.Time, uint64] {
	var keys []collections.Pair[time.Time, uint64]
	require.NoError(t, f.app.SmartPoolKeeper.StrategyUpdates.Walk(f.ctx, nil, func(k collections.Pair[time.Time, uint64]) (bool, error) {
		keys = append(keys, k)
		return false, nil
	}))
	return keys
}

// A paused, replaced or removed strategy leaves no entry in the update
// index: with one update a block, pool B due at the same boundary as a
// paused pool A still updates on time; the index survives export and import
// unchanged.
func TestStrategyIndexHasNoStaleEntries(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.MaxStrategyUpdatesPerBlock = 1 })
	a, b := f.strategyPool(t, momentumStrategy()), f.strategyPool(t, momentumStrategy())
	t0 := f.pool(t, a).StrategyState.NextUpdate
	f.ctx = f.ctx.WithBlockTime(t0.Add(-10 * time.Minute))
	_, err := f.msgs.PauseStrategy(f.ctx, &types.MsgPauseStrategy{Sender: f.alice.String(), PoolId: a})
	require.NoError(t, err)
	require.Equal(t, []collections.Pair[time.Time, uint64]{collections.Join(t0, b)}, strategyIndex(t, f))
	f.endBlockAt(t, t0)
	stored, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, b)
	require.NoError(t, err)
	require.Equal(t, t0.Add(time.Hour), stored.StrategyState.NextUpdate, "pool B updated at its boundary")

	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	g := newFixture(t)
	g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
	require.NoError(t, g.importGenesis(t, *gs))
	require.Equal(t, strategyIndex(t, f), strategyIndex(t, g), "index before export vs after import")

	// Removing B's strategy takes its entry out.
	rm, err := f.msgs.SetStrategy(f.ctx, &types.MsgSetStrategy{Sender: f.alice.String(), PoolId: b})
	require.NoError(t, err)
	f.endBlockAt(t, rm.DueTime)
	require.Empty(t, strategyIndex(t, f))
}

// After an update held (here: missed, the end-block step fell behind), the
// next one only records prices and the rule runs from the one after, so no
// return folded into the estimators spans more than one interval: a price
// jump two intervals old does not come back as a fresh gradient.
func TestStrategyRebasesAfterAGap(t *testing.T) {
	f := newFixture(t)
	s := momentumStrategy()
	s.Kappa = decPtr("0") // no moves: both pools see the same prices
	a, b := f.strategyPool(t, s), f.strategyPool(t, s)
	t0 := f.pool(t, a).StrategyState.NextUpdate
	f.endBlockAt(t, t0) // both record prices
	f.ctx = f.ctx.WithBlockTime(t0.Add(time.Minute))
	for _, id := range []uint64{a, b} {
		f.swapIn(t, id, sdk.NewInt64Coin("uusdc", 300_000_000), "uatom")
	}
	// Pool b's update at t0+1h is missed (the end-block step reaches it
	// only after t0+2h); pool a's runs.
	f.setParams(t, func(p *types.Params) { p.MaxStrategyUpdatesPerBlock = 1 })
	f.endBlockAt(t, t0.Add(time.Hour))
	f.setParams(t, func(p *types.Params) { p.MaxStrategyUpdatesPerBlock = 20 })
	f.endBlockAt(t, t0.Add(2*time.Hour+time.Second))
	require.Contains(t, f.pool(t, b).StrategyState.Status, "missed")
	f.endBlockAt(t, t0.Add(3*time.Hour))
	pb := f.pool(t, b)
	require.Contains(t, pb.StrategyState.Status, "prices recorded")
	require.False(t, pb.StrategyState.Rebase)
	f.endBlockAt(t, t0.Add(4*time.Hour))
	pa, pb := f.pool(t, a), f.pool(t, b)
	require.Equal(t, types.StrategyStatusOK, pb.StrategyState.Status)
	require.True(t, pb.StrategyState.Estimates[1].Gradient.IsZero(), "b folded only steady one-interval returns: %s", pb.StrategyState.Estimates[1].Gradient)
	require.True(t, pa.StrategyState.Estimates[1].Gradient.IsNegative(), "a saw the jump as it happened: %s", pa.StrategyState.Estimates[1].Gradient)
}

// The floor rule values the pool from its invariant at TWAP prices, so a
// one-block push just before a boundary, undone right after, moves its
// targets no more than the push moves the TWAP (valuing the pushed balances
// at TWAP prices instead would move them by a full step).
func TestFloorRuleResistsAOneBlockPush(t *testing.T) {
	f := newFixture(t)
	s := &types.WeightStrategy{Kind: types.RULE_KIND_FLOOR, Interval: time.Hour, Memory: dec("0.5"), Numeraire: "uusdc",
		// Share value 2·10^7 uusdc per share, floor 1.5·10^7: R = 2·0.25 = 0.5, no move when calm.
		Floor: &types.FloorRule{Floor: dec("15000000"), Multiplier: dec("2"), BaseWeights: []sdkmath.Int{sdkmath.NewInt(1), sdkmath.NewInt(1)}},
		Rails: momentumStrategy().Rails}
	pushed, calm := f.strategyPool(t, s), f.strategyPool(t, s)
	t0 := f.pool(t, pushed).StrategyState.NextUpdate
	f.endBlockAt(t, t0)
	require.Equal(t, types.StrategyStatusOK, f.pool(t, calm).StrategyState.Status)
	require.Nil(t, f.pool(t, calm).WeightSchedule, "at the floor rule's own targets, nothing moves")
	t1 := t0.Add(time.Hour)
	f.endBlockAt(t, t1.Add(-5*time.Second))
	f.swapIn(t, pushed, sdk.NewInt64Coin("uusdc", 400_000_000), "uatom")
	f.ctx = f.ctx.WithBlockTime(t1)
	d := normalized(f.pool(t, pushed), t1.Add(time.Hour))[0].Sub(normalized(f.pool(t, calm), t1.Add(time.Hour))[0]).Abs()
	require.True(t, d.LT(dec("0.005")), "the push moved the floor targets by %s", d)
}

// Governance may pause any pool's strategy and resume it, even an immutable
// pool's; a strategy governance paused stays paused until governance
// resumes it: its controller can neither resume nor replace it.
func TestStrategyGovernancePause(t *testing.T) {
	f := newFixture(t)
	id := f.strategyPool(t, momentumStrategy())
	_, err := f.msgs.PauseStrategy(f.ctx, &types.MsgPauseStrategy{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err)
	require.True(t, f.pool(t, id).StrategyState.PausedByGovernance)
	_, err = f.msgs.ResumeStrategy(f.ctx, &types.MsgResumeStrategy{Sender: f.alice.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msgs.SetStrategy(f.ctx, &types.MsgSetStrategy{Sender: f.alice.String(), PoolId: id, Strategy: momentumStrategy()})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	res, err := f.msgs.ResumeStrategy(f.ctx, &types.MsgResumeStrategy{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err)
	f.endBlockAt(t, res.DueTime)
	p := f.pool(t, id)
	require.False(t, p.StrategyState.Paused)
	require.False(t, p.StrategyState.PausedByGovernance)

	// An immutable pool: governance pauses and resumes its strategy.
	res2, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 1_000_000_000, 50), asset("uusdc", 1_000_000_000, 50)}, SwapFee: dec("0.003"), Strategy: momentumStrategy()})
	require.NoError(t, err)
	_, err = f.msgs.PauseStrategy(f.ctx, &types.MsgPauseStrategy{Sender: f.govAcc, PoolId: res2.PoolId})
	require.NoError(t, err)
	res, err = f.msgs.ResumeStrategy(f.ctx, &types.MsgResumeStrategy{Sender: f.govAcc, PoolId: res2.PoolId})
	require.NoError(t, err)
	f.endBlockAt(t, res.DueTime)
	require.False(t, f.pool(t, res2.PoolId).StrategyState.Paused)
}

// A queued strategy carries the pool's denoms: its per-asset values cannot
// land on other assets.
func TestQueuedStrategyRecordsDenoms(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uusdc", 1_000_000_000, 50), asset("uatom", 1_000_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: f.alice.String(), Rights: types.PoolRights{ChangeWeights: true}, Timelock: time.Hour})
	require.NoError(t, err)
	id := res.PoolId
	set, err := f.msgs.SetStrategy(f.ctx, &types.MsgSetStrategy{Sender: f.alice.String(), PoolId: id, Strategy: momentumStrategy()})
	require.NoError(t, err)
	pending, err := f.app.SmartPoolKeeper.PendingChanges.Get(f.ctx, set.ChangeId)
	require.NoError(t, err)
	require.Equal(t, []string{"uatom", "uusdc"}, pending.Change.(*types.PendingChange_Strategy).Strategy.Denoms)
}

// Per-asset values of a strategy given at creation follow the message's
// asset order and are stored in the pool's (sorted) order.
func TestCreatePoolStrategyPerAssetOrder(t *testing.T) {
	f := newFixture(t)
	s := momentumStrategy()
	s.Kappa, s.Kappas = nil, []sdkmath.LegacyDec{dec("1"), dec("3")}
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uusdc", 1_000_000_000, 50), asset("uatom", 1_000_000_000, 50)}, SwapFee: dec("0.003"), Strategy: s})
	require.NoError(t, err)
	p := f.pool(t, res.PoolId)
	require.Equal(t, []string{"uatom", "uusdc"}, p.Denoms())
	require.Equal(t, []sdkmath.LegacyDec{dec("3"), dec("1")}, p.Strategy.Kappas)
	s.Kappas = s.Kappas[:1]
	_, err = f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uusdc", 1_000_000_000, 50), asset("uatom", 1_000_000_000, 50)}, SwapFee: dec("0.003"), Strategy: s})
	require.ErrorIs(t, err, types.ErrInvalidStrategy)
}

// Bad strategy messages fail with their typed error and change nothing.
func TestStrategyMessagesBadInput(t *testing.T) {
	set := func(sender string, id uint64, s *types.WeightStrategy) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.alice.String()
			}
			_, err := f.msgs.SetStrategy(ctx, &types.MsgSetStrategy{Sender: sender, PoolId: id, Strategy: s})
			return err
		}
	}
	pause := func(sender string, id uint64) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.alice.String()
			}
			_, err := f.msgs.PauseStrategy(ctx, &types.MsgPauseStrategy{Sender: sender, PoolId: id})
			return err
		}
	}
	resume := func(sender string, id uint64) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.alice.String()
			}
			_, err := f.msgs.ResumeStrategy(ctx, &types.MsgResumeStrategy{Sender: sender, PoolId: id})
			return err
		}
	}
	govAddr := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	offRails := momentumStrategy()
	offRails.Rails.MinWeight = dec("0.6")
	fast := momentumStrategy()
	fast.Interval = time.Second
	twoKappas := momentumStrategy()
	twoKappas.Kappas = []sdkmath.LegacyDec{dec("1"), dec("1")}
	threeKappas := momentumStrategy()
	threeKappas.Kappa, threeKappas.Kappas = nil, []sdkmath.LegacyDec{dec("1"), dec("1"), dec("1")}
	runBadCasesOn(t, func(f *fixture) {
		f.strategyPool(t, momentumStrategy()) // pool 1, running
		f.createPool(t)                       // pool 2, immutable, no strategy
	}, []badCase{
		{"set: bad sender", set(badAddr, 1, momentumStrategy()), types.ErrInvalidAddress},
		{"set: unknown pool", set("", 99, momentumStrategy()), types.ErrPoolNotFound},
		{"set: not the controller", set(nobody, 1, momentumStrategy()), types.ErrUnauthorized},
		{"set: immutable pool", set("", 2, momentumStrategy()), types.ErrUnauthorized},
		{"set: weights off the rails", set("", 1, offRails), types.ErrInvalidStrategy},
		{"set: interval below the minimum", set("", 1, fast), types.ErrInvalidStrategy},
		{"set: kappa and kappas", set("", 1, twoKappas), types.ErrInvalidStrategy},
		{"set: kappas for three assets", set("", 1, threeKappas), types.ErrInvalidStrategy},
		{"pause: bad sender", pause(badAddr, 1), types.ErrInvalidAddress},
		{"pause: unknown pool", pause("", 99), types.ErrPoolNotFound},
		{"pause: not the controller", pause(nobody, 1), types.ErrUnauthorized},
		{"pause: no strategy", pause(govAddr, 2), types.ErrInvalidRequest},
		{"resume: not paused", resume("", 1), types.ErrInvalidRequest},
		{"resume: unknown pool", resume("", 99), types.ErrPoolNotFound},
	})
}
