package keeper_test

import (
	"math"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// nextBlock moves the fixture to a new block at time now.
func (f *fixture) nextBlock(now time.Time) {
	f.ctx = f.ctx.WithBlockTime(now).WithBlockHeight(f.ctx.BlockHeight() + 1).WithEventManager(sdk.NewEventManager())
}

// swap sells amountIn of denomIn for the pool's other asset denomOut, as bob.
func (f *fixture) swap(t testing.TB, id uint64, in sdk.Coin, outDenom string) (sdkmath.Int, error) {
	res, err := f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: outDenom}}, TokenIn: in, TokenOutMinAmount: sdkmath.OneInt()})
	if err != nil {
		return sdkmath.Int{}, err
	}
	return res.TokenOutAmount, nil
}

// twap queries base in quote over [start, end].
func (f *fixture) twap(t testing.TB, id uint64, base, quote string, start, end time.Time) types.TwapPrice {
	res, err := f.query.Twap(f.ctx, &types.QueryTwapRequest{PoolId: id, BaseAssetDenom: base, QuoteAssetDenom: quote, Start: &start, End: &end})
	require.NoError(t, err)
	return res.Twap
}

// tradeHistory gives pool id 40 minutes of trading, a swap each way every
// 5 minutes, so that 30-minute windows have history; it returns the last time.
func (f *fixture) tradeHistory(t testing.TB, id uint64) time.Time {
	now := f.ctx.BlockTime()
	for i := 0; i < 8; i++ {
		now = now.Add(5 * time.Minute)
		f.nextBlock(now)
		f.swapAlternating(t, id, i, 500_000)
	}
	return now
}

// swapAlternating sells amount of uatom for uusdc on even i, the other way on odd.
func (f *fixture) swapAlternating(t testing.TB, id uint64, i int, amount int64) {
	denomIn, denomOut := "uatom", "uusdc"
	if i%2 == 1 {
		denomIn, denomOut = denomOut, denomIn
	}
	_, err := f.swap(t, id, sdk.NewInt64Coin(denomIn, amount), denomOut)
	require.NoError(t, err)
}

// A same-block sandwich (push the price, swap back) leaves every TWAP ending
// in that block exactly as it was: the accumulators only ever integrate the
// state the previous block left.
func TestTwapSandwichLeavesTwapExactlyUnchanged(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	last := f.tradeHistory(t, id)
	now := last.Add(6 * time.Second)
	f.nextBlock(now)

	windows := []time.Duration{time.Second, 6 * time.Second, time.Minute, 7 * time.Minute, 30 * time.Minute}
	before := make([]types.TwapPrice, len(windows))
	for i, w := range windows {
		before[i] = f.twap(t, id, "uatom", "uusdc", now.Add(-w), now)
	}
	clean := f.ctx
	f.ctx, _ = f.ctx.CacheContext()
	out, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 20_000_000), "uusdc") // a 20% push
	require.NoError(t, err)
	_, err = f.swap(t, id, sdk.NewCoin("uusdc", out), "uatom")
	require.NoError(t, err)
	for i, w := range windows {
		after := f.twap(t, id, "uatom", "uusdc", now.Add(-w), now)
		require.Equal(t, before[i].LogPrice.String(), after.LogPrice.String(), "window %s", w)
		require.Equal(t, before[i].Price.String(), after.Price.String(), "window %s", w)
	}
	// The accumulators stored by the sandwich are those an untouched pool has now.
	stored, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, id)
	require.NoError(t, err)
	untouched, err := f.app.SmartPoolKeeper.GetPool(clean, id)
	require.NoError(t, err)
	require.Equal(t, untouched.Oracle.Accumulators, stored.Oracle.Accumulators)
}

// A price pushed X away for one block of d seconds moves a 30-minute TWAP by
// at most X·d/30 min.
func TestTwapOneBlockPushIsBounded(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	last := f.tradeHistory(t, id)
	push, end := last.Add(6*time.Second), last.Add(12*time.Second)
	window := 30 * time.Minute

	f.nextBlock(push)
	base := f.ctx
	spotBefore, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	f.ctx, _ = base.CacheContext()
	out, err := f.swap(t, id, sdk.NewInt64Coin("uusdc", 60_000_000), "uatom") // buys atom: its price rises
	require.NoError(t, err)
	spotPushed, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	x := spotPushed.SpotPrice.Quo(spotBefore.SpotPrice).Sub(sdkmath.LegacyOneDec())
	require.True(t, x.GT(sdkmath.LegacyNewDecWithPrec(3, 1)), "the push moves the price by %s", x)
	f.nextBlock(end)
	_, err = f.swap(t, id, sdk.NewCoin("uatom", out), "uusdc")
	require.NoError(t, err)
	pushed := f.twap(t, id, "uatom", "uusdc", end.Add(-window), end)

	f.ctx = base
	f.nextBlock(end)
	calm := f.twap(t, id, "uatom", "uusdc", end.Add(-window), end)

	moved := pushed.Price.Quo(calm.Price).Sub(sdkmath.LegacyOneDec())
	bound := x.MulInt64(int64(end.Sub(push))).QuoInt64(int64(window))
	t.Logf("push %s for %s moved the 30m TWAP by %s (bound %s)", x, end.Sub(push), moved, bound)
	require.True(t, moved.IsPositive(), "the push shows in the TWAP")
	require.True(t, moved.LTE(bound), "moved %s > bound %s", moved, bound)
}

// referenceMeanLogPrice integrates ln(price of base in quote) over [s, e] of a
// two-asset pool with constant balances and weights moving linearly from
// (ws0, wq0) at t0 to (ws1, wq1) at t1, numerically (composite Simpson,
// float64): an independent check of the oracle's closed form.
func referenceMeanLogPrice(bb, bq, wb0, wq0, wb1, wq1 float64, t0, t1, s, e time.Time) float64 {
	const panels = 200_000
	frac := func(t float64) float64 { return t / t1.Sub(t0).Seconds() }
	f := func(sec float64) float64 {
		x := frac(sec)
		wb := wb0/(wb0+wq0)*(1-x) + wb1/(wb1+wq1)*x
		wq := wq0/(wb0+wq0)*(1-x) + wq1/(wb1+wq1)*x
		return math.Log((bq / wq) / (bb / wb))
	}
	a, b := s.Sub(t0).Seconds(), e.Sub(t0).Seconds()
	h := (b - a) / panels
	sum := f(a) + f(b)
	for i := 1; i < panels; i++ {
		c := 2.0
		if i%2 == 1 {
			c = 4
		}
		sum += c * f(a+float64(i)*h)
	}
	return sum * h / 3 / (b - a)
}

// During a running LBP with no trades, the TWAP equals the integral of the
// scheduled price path to 1e-12.
func TestTwapDuringLBPMatchesScheduledPricePath(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(20)
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	t0 := f.ctx.BlockTime()
	t1 := t0.Add(48 * time.Hour)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 90), asset("uusdc", 300_000_000, 10)},
		SwapFee:        fee003,
		WeightSchedule: &types.WeightScheduleChange{StartTime: t0, EndTime: t1, TargetWeights: ints(10, 90)},
	})
	require.NoError(t, err)
	id := res.PoolId
	now := t0.Add(30 * time.Hour)
	f.nextBlock(now)
	for _, w := range []struct{ from, to time.Duration }{
		{0, 30 * time.Hour}, {29*time.Hour + 30*time.Minute, 30 * time.Hour}, {10 * time.Hour, 11 * time.Hour}, {time.Second, 2 * time.Second},
	} {
		s, e := t0.Add(w.from), t0.Add(w.to)
		got := f.twap(t, id, "uatom", "uusdc", s, e)
		want := referenceMeanLogPrice(100_000_000, 300_000_000, 90, 10, 10, 90, t0, t1, s, e)
		gotLog, err := got.LogPrice.Float64()
		require.NoError(t, err)
		rel := math.Abs(math.Expm1(gotLog - want))
		t.Logf("window %s..%s: TWAP %s, reference exp(%.15f), relative difference %.2e", w.from, w.to, got.Price, want, rel)
		require.LessOrEqual(t, rel, 1e-12, "window %s..%s", w.from, w.to)
	}
	// The schedule ends: the TWAP across its end still follows the path (the
	// targets hold after it), and the end-block step that stores them moves nothing.
	f.endBlockAt(t, t1.Add(time.Hour))
	got := f.twap(t, id, "uatom", "uusdc", t1.Add(-time.Hour), t1.Add(time.Hour))
	gotLog, err := got.LogPrice.Float64()
	require.NoError(t, err)
	during := referenceMeanLogPrice(100_000_000, 300_000_000, 90, 10, 10, 90, t0, t1, t1.Add(-time.Hour), t1)
	after := math.Log((300_000_000.0 / 0.9) / (100_000_000.0 / 0.1))
	require.InDelta(t, 0, math.Expm1(gotLog-(during+after)/2), 1e-12)
}

// A pool's observations never outgrow its ring, whatever the number of
// blocks, and TWAPs stay answerable across the wrap.
func TestOracleStorageStaysBounded(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.OracleObservationInterval = time.Minute
	params.OracleRetention = 2 * time.Hour // a ring of 122 observations
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	id := f.createPool(t)
	ring := params.OracleRingSize()
	now := f.ctx.BlockTime()
	count := func() int {
		n := 0
		rng := collections.NewPrefixedPairRange[uint64, uint32](id)
		require.NoError(t, f.app.SmartPoolKeeper.OracleObservations.Walk(f.ctx, rng, func(collections.Pair[uint64, uint32], types.OracleObservation) (bool, error) {
			n++
			return false, nil
		}))
		return n
	}
	// Seven rings' worth of blocks a minute apart, with some idle stretches,
	// then a year with no trade at all.
	for i := 0; i < 7*int(ring); i++ {
		now = now.Add(time.Minute + time.Duration(i%3)*7*time.Second)
		f.nextBlock(now)
		f.swapAlternating(t, id, i, 100_000)
	}
	require.Equal(t, int(ring), count())
	now = now.Add(365 * 24 * time.Hour)
	f.nextBlock(now)
	_, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 100_000), "uusdc")
	require.NoError(t, err)
	require.Equal(t, int(ring), count())
	p := f.pool(t, id)
	require.Equal(t, ring, p.Oracle.RingCount)
	require.Len(t, p.Oracle.Accumulators, 2, "accumulators stay one per asset")

	// Within retention a window reaches back; beyond the oldest observation
	// the query says so.
	f.nextBlock(now.Add(time.Minute))
	_, err = f.query.Twap(f.ctx, &types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: durationPtr(time.Hour)})
	require.NoError(t, err)
	_, err = f.query.Twap(f.ctx, &types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: durationPtr(400 * 24 * time.Hour)})
	require.ErrorIs(t, err, types.ErrOracleNoData)

	// A shorter retention shrinks the ring once its newest observations fill
	// the new size; storage never passes the largest size it had.
	params.OracleRetention = time.Hour
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	for i := 0; i < 2*int(ring); i++ {
		now = now.Add(time.Minute)
		f.nextBlock(now)
		_, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 100_000), "uusdc")
		require.NoError(t, err)
	}
	require.Equal(t, params.OracleRingSize(), f.pool(t, id).Oracle.RingSize)
	require.LessOrEqual(t, count(), int(ring))
}

func durationPtr(d time.Duration) *time.Duration { return &d }

// Bad TWAP requests get typed errors.
func TestTwapBadInput(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	now := f.ctx.BlockTime().Add(time.Minute)
	f.nextBlock(now)
	later, earlier := now.Add(time.Hour), now.Add(-time.Hour)
	for _, c := range []struct {
		name string
		req  types.QueryTwapRequest
		err  error
	}{
		{"unknown pool", types.QueryTwapRequest{PoolId: 9, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: durationPtr(time.Second)}, types.ErrPoolNotFound},
		{"unknown denom", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uxyz", QuoteAssetDenom: "uusdc", Window: durationPtr(time.Second)}, types.ErrDenomNotInPool},
		{"same denom", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uatom", Window: durationPtr(time.Second)}, types.ErrInvalidRequest},
		{"no window", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"}, types.ErrInvalidRequest},
		{"negative window", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: durationPtr(-time.Second)}, types.ErrInvalidRequest},
		{"end in the future", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: durationPtr(time.Second), End: &later}, types.ErrInvalidRequest},
		{"before the pool", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Start: &earlier}, types.ErrOracleNoData},
		{"window and start", types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: durationPtr(time.Second), Start: &earlier}, types.ErrInvalidRequest},
	} {
		_, err := f.query.Twap(f.ctx, &c.req)
		require.ErrorIs(t, err, c.err, c.name)
	}
	twaps, err := f.query.PoolTwaps(f.ctx, &types.QueryPoolTwapsRequest{PoolId: id, Window: durationPtr(30 * time.Second)})
	require.NoError(t, err)
	require.Len(t, twaps.Twaps, 1)
	spot, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	require.True(t, spot.SpotPrice.Sub(twaps.Twaps[0].Price).Abs().LTE(sdkmath.LegacyNewDecWithPrec(2, 18)),
		"an untraded pool's TWAP is its spot price: %s against %s", twaps.Twaps[0].Price, spot.SpotPrice)
}

// With trades at least an observation interval apart every stretch is
// integrated exactly: TWAPs over any window equal the integral of the spot
// price path, read from SpotPrice after each block, to 1e-12.
func TestTwapMatchesTradedPricePath(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	type point struct {
		at      time.Time
		logSpot float64
	}
	spotLog := func() float64 {
		res, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
		require.NoError(t, err)
		v, err := res.SpotPrice.Float64()
		require.NoError(t, err)
		return math.Log(v)
	}
	start := f.ctx.BlockTime()
	path := []point{{start, spotLog()}}
	now := start
	for i := 0; i < 40; i++ {
		now = now.Add(time.Duration(61+(i*37)%240) * time.Second)
		f.nextBlock(now)
		denomIn, denomOut, amount := "uatom", "uusdc", int64(300_000+(i*7919)%2_000_000)
		if i%3 == 1 {
			denomIn, denomOut = denomOut, denomIn
		}
		_, err := f.swap(t, id, sdk.NewInt64Coin(denomIn, amount), denomOut)
		require.NoError(t, err)
		if i%4 == 0 { // a second trade in the same block
			_, err = f.swap(t, id, sdk.NewInt64Coin(denomOut, amount/3), denomIn)
			require.NoError(t, err)
		}
		path = append(path, point{now, spotLog()})
	}
	end := now.Add(90 * time.Second)
	f.nextBlock(end)
	reference := func(s, e time.Time) float64 {
		sum := 0.0
		for i, p := range path {
			to := end
			if i+1 < len(path) {
				to = path[i+1].at
			}
			from := p.at
			if from.Before(s) {
				from = s
			}
			if to.After(e) {
				to = e
			}
			if to.After(from) {
				sum += p.logSpot * to.Sub(from).Seconds()
			}
		}
		return sum / e.Sub(s).Seconds()
	}
	worst := 0.0
	for _, w := range []struct{ s, e time.Time }{
		{start, end}, {start.Add(17 * time.Second), end}, {path[5].at.Add(3 * time.Second), path[20].at.Add(-time.Second)},
		{path[10].at, path[11].at}, {path[30].at.Add(-90 * time.Second), end.Add(-time.Second)},
	} {
		got := f.twap(t, id, "uatom", "uusdc", w.s, w.e)
		gotLog, err := got.LogPrice.Float64()
		require.NoError(t, err)
		rel := math.Abs(math.Expm1(gotLog - reference(w.s, w.e)))
		worst = math.Max(worst, rel)
		require.LessOrEqual(t, rel, 1e-12, "window %s..%s", w.s, w.e)
	}
	t.Logf("worst relative difference from the spot path: %.2e", worst)
}

// Adding and removing an asset keeps every other pair's history: TWAPs over
// windows across the changes read as before, and the new asset's pairs have
// data only from when it joined.
func TestTwapAcrossAssetChanges(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, types.PoolRights{AddRemoveAssets: true})
	f.tradeHistory(t, id)
	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id,
		Deposit: sdk.NewInt64Coin("ueth", 2_000_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)
	added := f.ctx.BlockTime().Add(time.Hour)
	f.nextBlock(added)
	beforeChange := f.twap(t, id, "uatom", "uusdc", added.Add(-50*time.Minute), added)
	f.endBlockAt(t, added)
	require.True(t, f.hasEvent("smartpool.v1.EventAssetAdded"))
	require.Equal(t, []string{"uatom", "ueth", "uusdc"}, f.pool(t, id).Denoms())
	require.Equal(t, beforeChange, f.twap(t, id, "uatom", "uusdc", added.Add(-50*time.Minute), added), "history is kept")

	f.nextBlock(added.Add(10 * time.Minute))
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 300_000), "uatom")
	require.NoError(t, err)
	now := added.Add(20 * time.Minute)
	f.nextBlock(now)
	_, err = f.query.Twap(f.ctx, &types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "ueth", QuoteAssetDenom: "uusdc", Window: durationPtr(30 * time.Minute)})
	require.ErrorIs(t, err, types.ErrOracleNoData, "ueth joined 20 minutes ago")
	eth := f.twap(t, id, "ueth", "uusdc", now.Add(-15*time.Minute), now)
	require.True(t, eth.Price.IsPositive())
	all, err := f.query.PoolTwaps(f.ctx, &types.QueryPoolTwapsRequest{PoolId: id, Window: durationPtr(30 * time.Minute)})
	require.NoError(t, err)
	require.Len(t, all.Twaps, 1, "only uatom/uusdc reaches back 30 minutes")
	all, err = f.query.PoolTwaps(f.ctx, &types.QueryPoolTwapsRequest{PoolId: id, Window: durationPtr(10 * time.Minute)})
	require.NoError(t, err)
	require.Len(t, all.Twaps, 3)

	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)
	removed := now.Add(time.Hour)
	f.nextBlock(removed)
	across := f.twap(t, id, "uatom", "uusdc", added.Add(-30*time.Minute), removed)
	f.endBlockAt(t, removed)
	require.True(t, f.hasEvent("smartpool.v1.EventAssetRemoved"))
	require.Equal(t, across, f.twap(t, id, "uatom", "uusdc", added.Add(-30*time.Minute), removed), "a window over both changes")
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
}

// An asset removed and added again starts a new price series: no TWAP mixes
// its old accumulator with its new one, and the price band keeps working.
func TestReaddedAssetStartsANewSeries(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 49), asset("ueth", 2_000_000, 2), asset("uusdc", 100_000_000, 49)},
		SwapFee: fee003, Controller: f.alice.String(), Rights: types.PoolRights{AddRemoveAssets: true}, Timelock: time.Hour,
		Breakers: breakers("0.1", "", "", 6*time.Hour),
	})
	require.NoError(t, err)
	id := res.PoolId
	f.tradeHistory(t, id)
	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.Len(t, f.pool(t, id).Assets, 2)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 2_000_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)
	readded := f.ctx.BlockTime().Add(time.Hour)
	f.endBlockAt(t, readded)
	require.Len(t, f.pool(t, id).Assets, 3)

	now := readded.Add(30 * time.Minute)
	f.nextBlock(now)
	_, err = f.query.Twap(f.ctx, &types.QueryTwapRequest{PoolId: id, BaseAssetDenom: "ueth", QuoteAssetDenom: "uusdc", Window: durationPtr(3 * time.Hour)})
	require.ErrorIs(t, err, types.ErrOracleNoData, "the old ueth series is not the new one")
	eth := f.twap(t, id, "ueth", "uusdc", now.Add(-20*time.Minute), now)
	spot, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "ueth", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	require.True(t, eth.Price.Sub(spot.SpotPrice).Abs().LT(dec("0.000001")), "TWAP %s, spot %s", eth.Price, spot.SpotPrice)
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err, "the pool still trades")
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 30_000_000), "uatom")
	require.ErrorIs(t, err, types.ErrPriceBand, "and its band still holds")
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
}
