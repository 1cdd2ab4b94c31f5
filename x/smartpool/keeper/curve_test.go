package keeper_test

import (
	"math"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/types"
)

// normalizedAt is the pool's normalized weight of asset i at t, as a float
// for comparing with a reference curve in a test.
func normalizedAt(p types.Pool, t time.Time, i int) float64 {
	w := p.AtTime(t).Weights()
	total := sdkmath.ZeroInt()
	for _, x := range w {
		total = total.Add(x)
	}
	f, _ := sdkmath.LegacyNewDecFromInt(w[i]).QuoInt(total).Float64()
	return f
}

// curvePool is a controlled 50/50 uatom/uusdc pool with schedules allowed to
// move fast.
func (f *fixture) curvePool(t *testing.T) uint64 {
	f.setParams(t, func(p *types.Params) { p.MaxWeightChangePerDay = sdkmath.LegacyNewDec(100) })
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: f.alice.String(), Rights: types.PoolRights{ChangeWeights: true}, Timelock: time.Hour})
	require.NoError(t, err)
	return res.PoolId
}

// scheduleNow queues a schedule and applies it when due.
func (f *fixture) scheduleNow(t *testing.T, id uint64, c types.WeightScheduleChange) {
	q, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id, Schedule: c})
	require.NoError(t, err)
	f.endBlockAt(t, q.DueTime)
	require.NotNil(t, f.pool(t, id).WeightSchedule, "the schedule applied")
}

// A multi-point curve moves linearly between its waypoints; the end-block
// step moving it from segment to segment changes no weight at any time, and
// the last waypoint's weights are stored when it ends.
func TestMultiPointCurve(t *testing.T) {
	f := newFixture(t)
	id := f.curvePool(t)
	t0 := f.ctx.BlockTime().Add(2 * time.Hour)
	w := func(a, b int64) []sdkmath.Int { return []sdkmath.Int{sdkmath.NewInt(a), sdkmath.NewInt(b)} }
	f.scheduleNow(t, id, types.WeightScheduleChange{StartTime: t0, EndTime: t0.Add(time.Hour), TargetWeights: w(80, 20),
		Waypoints: []types.Waypoint{{Time: t0.Add(2 * time.Hour), Weights: w(30, 70)}, {Time: t0.Add(4 * time.Hour), Weights: w(60, 40)}}})
	// The curve's reference: points (t0, .5), (+1h, .8), (+2h, .3), (+4h, .6) for uatom.
	type pt struct {
		at time.Duration
		n  float64
	}
	ref := []pt{{0, 0.5}, {time.Hour, 0.8}, {2 * time.Hour, 0.3}, {4 * time.Hour, 0.6}}
	want := func(d time.Duration) float64 {
		if d <= 0 {
			return ref[0].n
		}
		for k := 1; k < len(ref); k++ {
			if d <= ref[k].at {
				x := float64(d-ref[k-1].at) / float64(ref[k].at-ref[k-1].at)
				return ref[k-1].n + x*(ref[k].n-ref[k-1].n)
			}
		}
		return ref[len(ref)-1].n
	}
	samples := []time.Duration{0, 17 * time.Minute, time.Hour, 90 * time.Minute, 2 * time.Hour, 3*time.Hour + 7*time.Second, 4 * time.Hour, 5 * time.Hour}
	// A curve keeps what it still has to run: times before the block's are
	// behind it once it has moved on.
	check := func(when string) {
		p := f.pool(t, id)
		for _, d := range samples {
			if t0.Add(d).Before(f.ctx.BlockTime()) {
				continue
			}
			require.InDelta(t, want(d), normalizedAt(p, t0.Add(d), 0), 1e-12, "%s: uatom's weight at t0+%s", when, d)
		}
	}
	check("queued")
	before := f.pool(t, id).WeightSchedule
	f.endBlockAt(t, t0.Add(time.Hour))
	after := f.pool(t, id).WeightSchedule
	require.NotNil(t, after)
	require.Equal(t, t0.Add(2*time.Hour), after.EndTime, "moved on to the next segment")
	require.Len(t, after.Waypoints, len(before.Waypoints)-1)
	check("after the first waypoint")
	f.endBlockAt(t, t0.Add(2*time.Hour+30*time.Second)) // a little late: nothing shifts
	check("after the second waypoint")
	f.endBlockAt(t, t0.Add(5*time.Hour))
	p := f.pool(t, id)
	require.Nil(t, p.WeightSchedule, "the curve ended")
	require.Equal(t, w(60, 40), p.Weights())
}

// An exponential curve ends exactly at its targets and never strays from the
// exponential by more than 1e-4 in any normalized weight; it uses at most
// MaxWaypoints + 1 points.
func TestExponentialCurve(t *testing.T) {
	f := newFixture(t)
	id := f.curvePool(t)
	t0 := f.ctx.BlockTime().Add(2 * time.Hour)
	d, h := 24*time.Hour, 4*time.Hour
	f.scheduleNow(t, id, types.WeightScheduleChange{StartTime: t0, EndTime: t0.Add(d), HalfLife: h,
		TargetWeights: []sdkmath.Int{sdkmath.NewInt(90), sdkmath.NewInt(10)}})
	p := f.pool(t, id)
	require.LessOrEqual(t, len(p.WeightSchedule.Waypoints), types.MaxWaypoints)
	t.Logf("24 h curve, half-life 4 h: %d waypoints", len(p.WeightSchedule.Waypoints)+1)
	tail := math.Pow(2, -float64(d)/float64(h))
	exp := func(tau time.Duration) float64 { // uatom: from 0.5 to 0.9
		e := (math.Pow(2, -float64(tau)/float64(h)) - tail) / (1 - tail)
		return 0.9 + (0.5-0.9)*e
	}
	worst := 0.0
	for k := 0; k <= 2000; k++ {
		tau := time.Duration(int64(d) / 2000 * int64(k))
		got := normalizedAt(p, t0.Add(tau), 0)
		worst = math.Max(worst, math.Abs(got-exp(tau)))
	}
	t.Logf("largest distance from the exponential: %.2e", worst)
	require.Less(t, worst, 1e-4)
	require.InDelta(t, 0.9, normalizedAt(p, t0.Add(d), 0), 1e-12, "exactly the target at the end")

	// Walk it through the end-block step, waypoint by waypoint: same curve.
	for now := t0; now.Before(t0.Add(d + time.Minute)); now = now.Add(20 * time.Minute) {
		f.endBlockAt(t, now)
		q := f.pool(t, id)
		if q.WeightSchedule == nil {
			break
		}
		require.InDelta(t, normalizedAt(p, now.Add(7*time.Minute), 0), normalizedAt(q, now.Add(7*time.Minute), 0), 1e-12)
	}
	// A half-life so short the curve needs too many waypoints is refused.
	_, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id, Schedule: types.WeightScheduleChange{
		StartTime: f.ctx.BlockTime().Add(2 * time.Hour), EndTime: f.ctx.BlockTime().Add(2*time.Hour + 300*24*time.Hour), HalfLife: time.Minute,
		TargetWeights: []sdkmath.Int{sdkmath.NewInt(10), sdkmath.NewInt(90)}}})
	require.ErrorIs(t, err, types.ErrInvalidSchedule)
}

// The speed limit and the bounds hold on every segment: a curve whose
// average move is slow but one segment fast is refused, as is a waypoint
// below the minimum weight or waypoints out of order.
func TestCurveGuardRails(t *testing.T) {
	f := newFixture(t)
	id := f.curvePool(t)
	f.setParams(t, func(p *types.Params) { p.MaxWeightChangePerDay = sdkmath.LegacyNewDecWithPrec(5, 1) })
	t0 := f.ctx.BlockTime().Add(2 * time.Hour)
	w := func(a, b int64) []sdkmath.Int { return []sdkmath.Int{sdkmath.NewInt(a), sdkmath.NewInt(b)} }
	for name, c := range map[string]types.WeightScheduleChange{
		// 0.5 → 0.55 over a day, then 0.55 → 0.75 in an hour: 4.8 a day.
		"fast segment": {StartTime: t0, EndTime: t0.Add(24 * time.Hour), TargetWeights: w(55, 45),
			Waypoints: []types.Waypoint{{Time: t0.Add(25 * time.Hour), Weights: w(75, 25)}}},
		"below the minimum weight": {StartTime: t0, EndTime: t0.Add(24 * time.Hour), TargetWeights: w(55, 45),
			Waypoints: []types.Waypoint{{Time: t0.Add(48 * time.Hour), Weights: w(1000, 1)}}},
		"out of order": {StartTime: t0, EndTime: t0.Add(24 * time.Hour), TargetWeights: w(55, 45),
			Waypoints: []types.Waypoint{{Time: t0.Add(20 * time.Hour), Weights: w(50, 50)}}},
	} {
		_, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id, Schedule: c})
		require.ErrorIs(t, err, types.ErrInvalidSchedule, name)
	}
}

// The oracle integrates a curve exactly across its waypoints: advancing the
// accumulators over the whole curve at once gives what advancing them
// segment by segment (as operations at every waypoint would) gives.
func TestCurveOracleAcrossWaypoints(t *testing.T) {
	f := newFixture(t)
	id := f.curvePool(t)
	t0 := f.ctx.BlockTime().Add(2 * time.Hour)
	f.scheduleNow(t, id, types.WeightScheduleChange{StartTime: t0, EndTime: t0.Add(24 * time.Hour), HalfLife: 6 * time.Hour,
		TargetWeights: []sdkmath.Int{sdkmath.NewInt(80), sdkmath.NewInt(20)}})
	p, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, id)
	require.NoError(t, err)
	end := t0.Add(26 * time.Hour)
	once := p.Clone()
	require.NoError(t, once.AdvanceOracle(end))
	steps := p.Clone()
	for now := p.Oracle.LastUpdate; now.Before(end); {
		now = now.Add(37 * time.Minute)
		if now.After(end) {
			now = end
		}
		require.NoError(t, steps.AdvanceOracle(now))
	}
	for i := range once.Oracle.Accumulators {
		diff := once.Oracle.Accumulators[i].Sub(steps.Oracle.Accumulators[i]).Abs()
		require.True(t, diff.LT(sdkmath.LegacyNewDecWithPrec(1, 12)), "asset %d: %s vs %s", i, once.Oracle.Accumulators[i], steps.Oracle.Accumulators[i])
	}
}
