package keeper_test

import (
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/x/smartpool/types"
)

func dec(s string) sdkmath.LegacyDec { return sdkmath.LegacyMustNewDecFromStr(s) }

// breakers builds breakers from decimals; empty strings are off.
func breakers(deviation, outflow, alert string, window time.Duration) *types.CircuitBreakers {
	b := types.NoBreakers()
	if deviation != "" {
		b.MaxPriceDeviation = dec(deviation)
	}
	if outflow != "" {
		b.MaxBlockOutflow = dec(outflow)
	}
	if alert != "" {
		b.AlertThreshold = dec(alert)
	}
	b.Window = window
	return &b
}

// createGuardedPool makes createPool's 60/40 pool with breakers b.
func (f *fixture) createGuardedPool(t testing.TB, b *types.CircuitBreakers) uint64 {
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender:   f.alice.String(),
		Assets:   []types.PoolAsset{asset("uusdc", 200_000_000, 40), asset("uatom", 100_000_000, 60)},
		SwapFee:  fee003,
		Breakers: b,
	})
	require.NoError(t, err)
	return res.PoolId
}

// setBreakers overwrites a pool's breakers, as an applied change would.
func (f *fixture) setBreakers(t testing.TB, id uint64, b *types.CircuitBreakers) {
	p, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, id)
	require.NoError(t, err)
	p.Breakers = b
	require.NoError(t, f.app.SmartPoolKeeper.Pools.Set(f.ctx, id, p))
}

func (f *fixture) exitProportional(t testing.TB, id uint64, sender sdk.AccAddress, shares sdkmath.Int) error {
	_, err := f.msgs.ExitPool(f.ctx, &types.MsgExitPool{Sender: sender.String(), PoolId: id, ShareInAmount: shares})
	return err
}

// A swap that would push a price out of its band is refused with the values
// named; the same block still lets an LP leave proportionally, and a small
// swap passes.
func TestPriceBandRefusesPushButNotProportionalExit(t *testing.T) {
	f := newFixture(t)
	id := f.createGuardedPool(t, breakers("0.1", "", "", 30*time.Minute))
	last := f.tradeHistory(t, id)
	f.nextBlock(last.Add(6 * time.Second))
	before := f.snapshot(t)

	_, err := f.swap(t, id, sdk.NewInt64Coin("uusdc", 40_000_000), "uatom") // ≈ +35% on atom
	require.ErrorIs(t, err, types.ErrPriceBand)
	require.Contains(t, err.Error(), "max_price_deviation is 0.1")
	require.Contains(t, err.Error(), "TWAP")
	require.Equal(t, before, f.snapshot(t), "a refused swap changes nothing")
	_, err = f.query.EstimateSwapExactAmountIn(f.ctx, &types.QueryEstimateSwapExactAmountInRequest{
		TokenIn: "40000000uusdc", RoutePoolIds: []uint64{id}, RouteTokenOutDenoms: []string{"uatom"}})
	require.ErrorIs(t, err, types.ErrPriceBand, "estimates say so too")
	// Single-asset joins and exits are checked like swaps.
	_, err = f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.bob.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin("uusdc", 60_000_000), ShareOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrPriceBand)
	shares := f.app.BankKeeper.GetBalance(f.ctx, f.alice, types.ShareDenom(id)).Amount
	_, err = f.msgs.ExitSwapShareAmountIn(f.ctx, &types.MsgExitSwapShareAmountIn{Sender: f.alice.String(), PoolId: id,
		TokenOutDenom: "uatom", ShareInAmount: shares.QuoRaw(10), TokenOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrPriceBand)

	// Same block: a proportional exit of half the pool goes through.
	require.NoError(t, f.exitProportional(t, id, f.alice, shares.QuoRaw(2)))
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err, "a swap inside the band passes")
}

// A pool already outside its band (the band was set after a jump) may trade
// back toward its TWAP, never further away.
func TestPriceBandAllowsMovesBackTowardTheTwap(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	last := f.tradeHistory(t, id)
	f.nextBlock(last.Add(6 * time.Second))
	_, err := f.swap(t, id, sdk.NewInt64Coin("uusdc", 40_000_000), "uatom")
	require.NoError(t, err, "no band yet")
	f.setBreakers(t, id, breakers("0.05", "", "", 30*time.Minute))
	f.nextBlock(last.Add(12 * time.Second))
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.ErrorIs(t, err, types.ErrPriceBand, "further away")
	_, err = f.swap(t, id, sdk.NewInt64Coin("uatom", 1_000_000), "uusdc")
	require.NoError(t, err, "back toward the TWAP, though still outside the band")
	// Not across it: a trade that swings the pair past its TWAP to the far
	// side, outside the band, is refused even though it ends nearer to it.
	_, err = f.swap(t, id, sdk.NewInt64Coin("uatom", 18_000_000), "uusdc")
	require.ErrorIs(t, err, types.ErrPriceBand, "across the TWAP and out the other side")
}

// An asset too young for the window leaves every other pair guarded.
func TestPriceBandGuardsOldPairsAfterAnAssetJoins(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)},
		SwapFee: fee003, Controller: f.alice.String(), Rights: types.PoolRights{AddRemoveAssets: true}, Timelock: time.Hour,
		Breakers: breakers("0.1", "", "", 6*time.Hour),
	})
	require.NoError(t, err)
	id := res.PoolId
	f.tradeHistory(t, id)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 2_000_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.Len(t, f.pool(t, id).Assets, 3)
	f.nextBlock(f.ctx.BlockTime().Add(6 * time.Second))
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 30_000_000), "uatom")
	require.ErrorIs(t, err, types.ErrPriceBand, "uatom/uusdc is still guarded")
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err)
}

// The outflow cap bounds what leaves per share within one block, across
// operations, and resets with the next block; proportional exits never count.
func TestOutflowCapPerBlock(t *testing.T) {
	f := newFixture(t)
	id := f.createGuardedPool(t, breakers("", "0.05", "", 0))
	f.nextBlock(f.ctx.BlockTime().Add(6 * time.Second))
	// Each swap takes ≈ 2.9% of the pool's uusdc.
	_, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 2_000_000), "uusdc")
	require.NoError(t, err)
	shares := f.app.BankKeeper.GetBalance(f.ctx, f.alice, types.ShareDenom(id)).Amount
	require.NoError(t, f.exitProportional(t, id, f.alice, shares.QuoRaw(5)), "a proportional exit of 20% is never capped")
	before := f.snapshot(t)
	_, err = f.swap(t, id, sdk.NewInt64Coin("uatom", 1_700_000), "uusdc")
	require.ErrorIs(t, err, types.ErrOutflowCap)
	require.Contains(t, err.Error(), "uusdc would have lost")
	require.Equal(t, before, f.snapshot(t))
	health, err := f.query.PoolHealth(f.ctx, &types.QueryPoolHealthRequest{PoolId: id})
	require.NoError(t, err)
	usdc := health.Health.Assets[1]
	require.Equal(t, "uusdc", usdc.Denom)
	require.True(t, usdc.OutflowUsed.GT(dec("0.02")) && usdc.OutflowUsed.LT(dec("0.05")), "outflow used %s", usdc.OutflowUsed)
	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err, "inflow of uusdc is always allowed")

	f.nextBlock(f.ctx.BlockTime().Add(6 * time.Second))
	_, err = f.swap(t, id, sdk.NewInt64Coin("uatom", 1_700_000), "uusdc")
	require.NoError(t, err, "a new block, a new allowance")
}

// alerts are the deviation events emitted in the fixture's current block.
func (f *fixture) alerts() (raised, cleared int) {
	for _, e := range f.ctx.EventManager().Events() {
		switch e.Type {
		case "smartpool.v1.EventDeviationAlert":
			raised++
		case "smartpool.v1.EventDeviationCleared":
			cleared++
		}
	}
	return raised, cleared
}

// EventDeviationAlert is emitted once when the pool crosses its threshold,
// EventDeviationCleared once when it falls back.
func TestDeviationAlertOncePerCrossing(t *testing.T) {
	f := newFixture(t)
	id := f.createGuardedPool(t, breakers("", "", "0.05", 30*time.Minute))
	last := f.tradeHistory(t, id)
	f.nextBlock(last.Add(6 * time.Second))
	_, err := f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err)
	raised, cleared := f.alerts()
	require.Zero(t, raised+cleared, "a small swap raises nothing")

	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 15_000_000), "uatom") // ≈ +13%
	require.NoError(t, err)
	raised, _ = f.alerts()
	require.Equal(t, 1, raised)
	var alert *types.EventDeviationAlert
	for _, e := range f.ctx.EventManager().Events() {
		if e.Type == "smartpool.v1.EventDeviationAlert" {
			msg, err := sdk.ParseTypedEvent(abciEvent(e))
			require.NoError(t, err)
			alert = msg.(*types.EventDeviationAlert)
		}
	}
	require.NotNil(t, alert)
	require.Equal(t, id, alert.PoolId)
	require.Equal(t, "0.050000000000000000", alert.Threshold)
	require.True(t, strings.HasPrefix(alert.Deviation, "0.1"), "deviation %s", alert.Deviation)
	require.True(t, f.pool(t, id).DeviationAlert)

	_, err = f.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err)
	raised, _ = f.alerts()
	require.Equal(t, 1, raised, "still above: no second alert")

	out, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 5_000_000), "uusdc")
	require.NoError(t, err)
	require.True(t, out.IsPositive())
	_, cleared = f.alerts()
	require.Equal(t, 1, cleared, "back within the threshold")
	require.False(t, f.pool(t, id).DeviationAlert)
}

// Breakers change only through the pool's time-lock, with the right, and in
// range.
func TestSetBreakersIsTimeLocked(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, types.PoolRights{ChangeBreakers: true})
	band := breakers("0.1", "0.2", "0.05", time.Hour)
	res, err := f.msgs.SetBreakers(f.ctx, &types.MsgSetBreakers{Sender: f.alice.String(), PoolId: id, Breakers: band})
	require.NoError(t, err)
	f.endBlockAt(t, res.DueTime.Add(-time.Second))
	require.Nil(t, f.pool(t, id).Breakers, "not before its due time")
	f.endBlockAt(t, res.DueTime)
	require.Equal(t, band, f.pool(t, id).Breakers)

	res, err = f.msgs.SetBreakers(f.ctx, &types.MsgSetBreakers{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	f.endBlockAt(t, res.DueTime)
	require.Nil(t, f.pool(t, id).Breakers, "unset falls back to the params' defaults")

	other := f.createControlledPool(t, types.PoolRights{PauseSwaps: true})
	_, err = f.msgs.SetBreakers(f.ctx, &types.MsgSetBreakers{Sender: f.alice.String(), PoolId: other, Breakers: band})
	require.ErrorIs(t, err, types.ErrNoRight)
	_, err = f.msgs.SetBreakers(f.ctx, &types.MsgSetBreakers{Sender: f.bob.String(), PoolId: id, Breakers: band})
	require.Error(t, err, "only the controller")
	for _, bad := range []*types.CircuitBreakers{
		breakers("-0.1", "", "", time.Hour), breakers("11", "", "", time.Hour), breakers("", "1.5", "", time.Hour),
		breakers("", "", "-1", time.Hour), breakers("0.1", "", "", -time.Minute), breakers("0.1", "", "", 30*24*time.Hour),
		breakers("0.1", "", "", time.Millisecond),
	} {
		before := f.snapshot(t)
		_, err = f.msgs.SetBreakers(f.ctx, &types.MsgSetBreakers{Sender: f.alice.String(), PoolId: id, Breakers: bad})
		require.ErrorIs(t, err, types.ErrInvalidBreakers, "%+v", bad)
		require.Equal(t, before, f.snapshot(t))
	}
	// A window longer than the oracle's retention cannot be set either.
	_, err = f.msgs.SetBreakers(f.ctx, &types.MsgSetBreakers{Sender: f.alice.String(), PoolId: id, Breakers: breakers("0.1", "", "", 72*time.Hour)})
	require.ErrorIs(t, err, types.ErrInvalidBreakers)
	_, err = f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uusdc", 200_000_000, 40), asset("uatom", 100_000_000, 60)}, SwapFee: fee003,
		Breakers: breakers("", "2", "", 0)})
	require.ErrorIs(t, err, types.ErrInvalidBreakers)
}

// Governance's default breakers guard every pool without its own.
func TestDefaultBreakersFromParams(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.DefaultBreakers = *breakers("", "0.01", "", 0)
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	id := f.createPool(t)
	f.nextBlock(f.ctx.BlockTime().Add(6 * time.Second))
	_, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 2_000_000), "uusdc")
	require.ErrorIs(t, err, types.ErrOutflowCap)
	own := f.createGuardedPool(t, breakers("", "", "", 0))
	_, err = f.swap(t, own, sdk.NewInt64Coin("uatom", 2_000_000), "uusdc")
	require.NoError(t, err, "a pool's own breakers, all off, win over the defaults")
}

// Observations, layouts and breakers survive an export and import: every
// TWAP reads the same after it.
func TestOracleGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	id := f.createGuardedPool(t, breakers("0.5", "0.5", "0.05", time.Hour))
	last := f.tradeHistory(t, id)
	f.nextBlock(last.Add(90 * time.Second))
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.NotEmpty(t, gs.OracleObservations)
	require.NotEmpty(t, gs.OracleLayouts)

	g := newFixture(t)
	g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
	require.NoError(t, g.importGenesis(t, *gs))
	for _, w := range []time.Duration{time.Minute, 7 * time.Minute, 30 * time.Minute} {
		s, e := f.ctx.BlockTime().Add(-w), f.ctx.BlockTime()
		require.Equal(t, f.twap(t, id, "uatom", "uusdc", s, e), g.twap(t, id, "uatom", "uusdc", s, e))
	}
	gs2, err := g.app.SmartPoolKeeper.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs, gs2)

	// A ring missing a counted observation is refused.
	broken := *gs
	broken.OracleObservations = broken.OracleObservations[1:]
	require.ErrorIs(t, broken.Validate(), types.ErrInvalidGenesis)
	broken = *gs
	broken.OracleLayouts = nil
	require.ErrorIs(t, broken.Validate(), types.ErrInvalidGenesis)
}

// abciEvent turns an SDK event into the ABCI event ParseTypedEvent reads.
func abciEvent(e sdk.Event) abci.Event { return abci.Event{Type: e.Type, Attributes: e.Attributes} }

// PoolsHealth with min_deviation keeps only the pools that deviate, and pages
// with next_key.
func TestPoolsHealthFilter(t *testing.T) {
	f := newFixture(t)
	calm1, moved, calm2 := f.createPool(t), f.createPool(t), f.createPool(t)
	start := f.ctx.BlockTime()
	for _, id := range []uint64{calm1, moved, calm2} {
		f.nextBlock(start.Add(time.Duration(id) * time.Minute))
		_, err := f.swap(t, id, sdk.NewInt64Coin("uatom", 100_000), "uusdc")
		require.NoError(t, err)
	}
	f.nextBlock(start.Add(20 * time.Minute))
	_, err := f.swap(t, moved, sdk.NewInt64Coin("uusdc", 30_000_000), "uatom")
	require.NoError(t, err)
	f.nextBlock(start.Add(21 * time.Minute))

	all, err := f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{})
	require.NoError(t, err)
	require.Len(t, all.Pools, 3)
	hit, err := f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{MinDeviation: "0.05"})
	require.NoError(t, err)
	require.Len(t, hit.Pools, 1)
	require.Equal(t, moved, hit.Pools[0].PoolId)
	require.True(t, hit.Pools[0].MaxDeviation_1H.GTE(dec("0.05")))

	first, err := f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{MinDeviation: "0", Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, first.Pools, 1)
	page, err := f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{MinDeviation: "0.000000000000000001", Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, page.Pools, 1)
	require.NotEmpty(t, page.Pagination.NextKey)
	rest, err := f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{MinDeviation: "0.000000000000000001", Pagination: &query.PageRequest{Key: page.Pagination.NextKey, Limit: 5}})
	require.NoError(t, err)
	require.NotContains(t, rest.Pools, page.Pools[0])
	_, err = f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{MinDeviation: "-1"})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.query.PoolsHealth(f.ctx, &types.QueryPoolsHealthRequest{MinDeviation: "x"})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}
