package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/poold/poold/x/smartpool/types"
)

// createThreeAssetPool is a controlled uatom/ueth/uusdc pool whose ueth has
// the 2% weight at which an asset may leave.
func (f *fixture) createThreeAssetPool(t testing.TB, controller string) uint64 {
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), SwapFee: fee003, Controller: controller, Rights: allRights, Timelock: time.Hour,
		Assets: []types.PoolAsset{asset("uatom", 1_000_000_000, 49), asset("ueth", 1_000_000_000, 2), asset("uusdc", 1_000_000_000, 49)},
	})
	require.NoError(t, err)
	return res.PoolId
}

// The removal sandwich: once a removal is queued, the leaving asset may only
// leave the pool. Swapping it in just before the removal would be refunded at
// the other LPs' cost.
func TestLeavingAssetMayOnlyLeave(t *testing.T) {
	f := newFixture(t)
	id := f.createThreeAssetPool(t, f.alice.String())
	_, err := f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)

	in := sdk.NewInt64Coin("ueth", 1_000_000)
	_, err = f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.alice.String(), TokenIn: in, TokenOutMinAmount: sdkmath.OneInt(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uatom"}}})
	require.ErrorIs(t, err, types.ErrEntryClosed)
	_, err = f.msgs.SwapExactAmountOut(f.ctx, &types.MsgSwapExactAmountOut{Sender: f.alice.String(), TokenOut: sdk.NewInt64Coin("uatom", 1000), TokenInMaxAmount: sdkmath.NewInt(1_000_000),
		Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: "ueth"}}})
	require.ErrorIs(t, err, types.ErrEntryClosed)
	_, err = f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.alice.String(), PoolId: id, TokenIn: in, ShareOutMinAmount: sdkmath.ZeroInt()})
	require.ErrorIs(t, err, types.ErrEntryClosed)
	_, err = f.msgs.JoinPoolExactAmountsIn(f.ctx, &types.MsgJoinPoolExactAmountsIn{Sender: f.alice.String(), PoolId: id, TokensIn: sdk.NewCoins(in, sdk.NewInt64Coin("uatom", 1000)), ShareOutMinAmount: sdkmath.ZeroInt()})
	require.ErrorIs(t, err, types.ErrEntryClosed)
	_, err = f.query.EstimateSwapExactAmountIn(f.ctx, &types.QueryEstimateSwapExactAmountInRequest{TokenIn: in.String(), RoutePoolIds: []uint64{id}, RouteTokenOutDenoms: []string{"uatom"}})
	require.ErrorIs(t, err, types.ErrEntryClosed, "estimates refuse it too")

	// It may still leave: swapped out, or withdrawn.
	_, err = f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(), TokenIn: sdk.NewInt64Coin("uatom", 1_000_000), TokenOutMinAmount: sdkmath.OneInt(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "ueth"}}})
	require.NoError(t, err)

	// Cancelled, it may enter again.
	changes := f.pending(t, id)
	require.Len(t, changes, 1)
	_, err = f.msgs.CancelChange(f.ctx, &types.MsgCancelChange{Sender: f.alice.String(), ChangeId: changes[0].Id})
	require.NoError(t, err)
	_, err = f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.alice.String(), TokenIn: in, TokenOutMinAmount: sdkmath.OneInt(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uatom"}}})
	require.NoError(t, err)
}

// A removal is refused while swaps are paused (no arbitrage could correct the
// leaving asset's price), when queued and when due.
func TestRemovalRefusedWhilePaused(t *testing.T) {
	f := newFixture(t)
	id := f.createThreeAssetPool(t, f.alice.String())
	_, err := f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.ErrorIs(t, err, types.ErrPoolPaused)

	g := newFixture(t)
	id = g.createThreeAssetPool(t, g.alice.String())
	_, err = g.msgs.RemoveAsset(g.ctx, &types.MsgRemoveAsset{Sender: g.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)
	_, err = g.msgs.PauseSwaps(g.ctx, &types.MsgPauseSwaps{Sender: g.alice.String(), PoolId: id})
	require.NoError(t, err)
	g.endBlockAt(t, g.ctx.BlockTime().Add(time.Hour))
	require.Contains(t, g.events("smartpool.v1.EventChangeDropped")[0], "paused")
	require.Len(t, g.pool(t, id).Assets, 3)
}

// An added asset's deposit alone sets its price: the queued change shows that
// price in every existing asset, and for the pool's time-lock after it is
// added the new asset may only be bought from the pool.
func TestAddedAssetIsBuyOnlyForATimelock(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights) // 100 ATOM / 100 USDC, 50/50
	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 1_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)

	changes := f.pending(t, id)
	require.Len(t, changes, 1)
	prices := changes[0].GetAddAsset().ImpliedPrices
	// (B_atom/w_atom) / (deposit/w) = (10^8/50) / (1000/2) = 4000 uatom per ueth.
	require.Equal(t, sdkmath.LegacyNewDec(4000), prices.AmountOf("uatom"))
	require.Equal(t, sdkmath.LegacyNewDec(4000), prices.AmountOf("uusdc"))

	due := f.ctx.BlockTime().Add(time.Hour)
	f.endBlockAt(t, due)
	require.Len(t, f.pool(t, id).Assets, 3)
	sell := &types.MsgSwapExactAmountIn{Sender: f.alice.String(), TokenIn: sdk.NewInt64Coin("ueth", 100), TokenOutMinAmount: sdkmath.OneInt(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uatom"}}}
	_, err = f.msgs.SwapExactAmountIn(f.ctx, sell)
	require.ErrorIs(t, err, types.ErrEntryClosed, "selling the dear new asset into the pool")
	_, err = f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(), TokenIn: sdk.NewInt64Coin("uatom", 100_000), TokenOutMinAmount: sdkmath.OneInt(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "ueth"}}})
	require.NoError(t, err, "buying it is open")

	f.ctx = f.ctx.WithBlockTime(due.Add(time.Hour))
	_, err = f.msgs.SwapExactAmountIn(f.ctx, sell)
	require.NoError(t, err, "a time-lock later it trades both ways")
}

// A governed pool's asset changes: the community pool pays the deposit and is
// paid the shares (or a recipient the proposal names), and a removal burns
// the community pool's shares and pays it the balance. A recipient that could
// never be paid is refused when queued.
func TestGovernedPoolAddsAndRemovesAssets(t *testing.T) {
	f := newFixture(t)
	id := f.createThreeAssetPool(t, f.govAcc)
	require.NoError(t, f.app.DistrKeeper.FundCommunityPool(f.ctx, sdk.NewCoins(sdk.NewInt64Coin("upool", 10_000_000)), f.alice))
	community := func() sdk.DecCoins {
		fp, err := f.app.DistrKeeper.FeePool.Get(f.ctx)
		require.NoError(t, err)
		return fp.CommunityPool
	}

	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.govAcc, PoolId: id, Deposit: sdk.NewInt64Coin("upool", 1_000_000), Weight: sdkmath.NewInt(2),
		Recipient: authtypes.NewModuleAddress(distrtypes.ModuleName).String()})
	require.ErrorIs(t, err, types.ErrInvalidAddress, "a blocked recipient is refused when queued")
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.govAcc, PoolId: id, Deposit: sdk.NewInt64Coin("upool", 100_000_000), Weight: sdkmath.NewInt(2)})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "more than the community pool holds is refused when queued")
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.govAcc, PoolId: id, Deposit: sdk.NewInt64Coin("upool", 1_000_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)
	before := community().AmountOf("upool")
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeApplied"))
	p := f.pool(t, id)
	require.Len(t, p.Assets, 4)
	require.True(t, community().AmountOf(p.ShareDenom).IsPositive(), "the community pool holds the new shares")
	require.Equal(t, before.Sub(sdkmath.LegacyNewDec(1_000_000)), community().AmountOf("upool"), "the community pool paid the deposit")

	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.govAcc, PoolId: id, Denom: "upool", Recipient: f.bob.String()})
	require.NoError(t, err)
	bobBefore := f.app.BankKeeper.GetBalance(f.ctx, f.bob, "upool")
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeApplied"), f.events("smartpool.v1.EventChangeDropped"))
	require.Len(t, f.pool(t, id).Assets, 3)
	require.Equal(t, bobBefore.Amount.AddRaw(1_000_000), f.app.BankKeeper.GetBalance(f.ctx, f.bob, "upool").Amount, "the named recipient is paid")
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

// A params change never freezes a pool: one left outside new bounds can be
// scheduled back inside them and can add or remove assets toward compliance.
func TestParamsChangeNeverFreezesAPool(t *testing.T) {
	f := newFixture(t)
	id := f.createThreeAssetPool(t, f.alice.String()) // ueth at 2%
	params := types.DefaultParams()
	params.MinNormalizedWeight = sdkmath.LegacyNewDecWithPrec(3, 2) // 3%: ueth is now below it
	params.MaxAssets = 2                                            // and the pool has one asset too many
	params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(10)
	require.NoError(t, params.Validate())
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))

	start := f.ctx.BlockTime().Add(2 * time.Hour)
	_, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
		Schedule: types.WeightScheduleChange{StartTime: start, EndTime: start.Add(2 * time.Hour), TargetWeights: ints(48, 4, 48)}})
	require.NoError(t, err, "a schedule from outside the bounds back inside them")
	_, err = f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
		Schedule: types.WeightScheduleChange{StartTime: start, EndTime: start.Add(2 * time.Hour), TargetWeights: ints(49, 2, 49)}})
	require.ErrorIs(t, err, types.ErrInvalidSchedule, "but never to a target outside them")

	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err, "removing toward the asset-count bound")
}

// Params keep the module's own limits meaningful: the weight at which assets
// enter or leave stays small, and every time-lock is bounded.
func TestParamsBounds(t *testing.T) {
	p := types.DefaultParams()
	p.MinNormalizedWeight = sdkmath.LegacyNewDecWithPrec(10, 2)
	p.MaxAssets = 4
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams, "min_normalized_weight above 5%")
	p = types.DefaultParams()
	p.ParamsTimelock = 60 * 24 * time.Hour
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
	p = types.DefaultParams()
	p.MaxDueChangesPerBlock = 0
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)

	f := newFixture(t)
	_, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(), SwapFee: fee003, Timelock: 365 * 24 * time.Hour,
		Assets: []types.PoolAsset{asset("uatom", 1_000_000, 50), asset("uusdc", 1_000_000, 50)}})
	require.ErrorIs(t, err, types.ErrInvalidTimelock, "a pool without a controller has a bounded time-lock too: governance's resume waits for it")
}

// Shares of an allow-listed pool only move to addresses on its list.
func TestAllowListedSharesStayOnTheList(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Enable: true, Add: []string{f.alice.String()}}})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	share := sdk.NewCoins(sdk.NewInt64Coin(types.ShareDenom(id), 1000))
	require.ErrorIs(t, f.app.BankKeeper.SendCoins(f.ctx, f.alice, f.bob, share), types.ErrNotAllowListed)
	carol := sdk.AccAddress([]byte("carol_______________"))
	_, err = f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Add: []string{carol.String()}}})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.NoError(t, f.app.BankKeeper.SendCoins(f.ctx, f.alice, carol, share))
	// Exits still burn them.
	_, err = f.msgs.ExitPool(f.ctx, &types.MsgExitPool{Sender: carol.String(), PoolId: id, ShareInAmount: sdkmath.NewInt(1000)})
	require.NoError(t, err)
	// Other pools' shares move freely.
	other := f.createPool(t)
	require.NoError(t, f.app.BankKeeper.SendCoins(f.ctx, f.alice, f.bob, sdk.NewCoins(sdk.NewInt64Coin(types.ShareDenom(other), 1000))))

	many := make([]string, types.MaxAllowListEdit+1)
	for i := range many {
		many[i] = sdk.AccAddress([]byte{byte(i), byte(i >> 8), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}).String()
	}
	_, err = f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Add: many}})
	require.ErrorIs(t, err, types.ErrInvalidRequest, "one edit names a bounded number of addresses")
}

// Bad input is refused, never rounded; estimates refuse what execution refuses.
func TestEstimatesRefuseWhatMessagesRefuse(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := types.ParseCoinStrict("1.9uatom")
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	c, err := types.ParseCoinStrict("19uatom")
	require.NoError(t, err)
	require.Equal(t, sdk.NewInt64Coin("uatom", 19), c)
	_, err = f.query.EstimateSwapExactAmountIn(f.ctx, &types.QueryEstimateSwapExactAmountInRequest{TokenIn: "1.9uatom", RoutePoolIds: []uint64{id}, RouteTokenOutDenoms: []string{"uusdc"}})
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	_, err = f.query.EstimateJoin(f.ctx, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: "1000.5uatom"})
	require.ErrorIs(t, err, types.ErrInvalidAmount)

	// A single-coin estimate is what the message mints.
	est, err := f.query.EstimateJoin(f.ctx, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: "1000000uatom"})
	require.NoError(t, err)
	res, err := f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.bob.String(), PoolId: id, TokenIn: sdk.NewInt64Coin("uatom", 1_000_000), ShareOutMinAmount: sdkmath.ZeroInt()})
	require.NoError(t, err)
	require.Equal(t, est.ShareOutAmount, res.ShareOutAmount)

	// Share cap and allow-list.
	_, err = f.msgs.SetShareCap(f.ctx, &types.MsgSetShareCap{Sender: f.alice.String(), PoolId: id, ShareCap: f.pool(t, id).TotalShares})
	require.NoError(t, err)
	_, err = f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Enable: true, Add: []string{f.alice.String()}}})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	_, err = f.query.EstimateJoin(f.ctx, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: "1000uatom"})
	require.ErrorIs(t, err, types.ErrNotAllowListed, "an allow-listed pool needs the sender")
	_, err = f.query.EstimateJoin(f.ctx, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: "1000uatom", Sender: f.bob.String()})
	require.ErrorIs(t, err, types.ErrNotAllowListed)
	_, err = f.query.EstimateJoin(f.ctx, &types.QueryEstimateJoinRequest{PoolId: id, ShareOutAmount: "1000", Sender: f.alice.String()})
	require.ErrorIs(t, err, types.ErrShareCap)
}

// Found by the whole-app simulation: refusing every transfer of allow-listed
// shares to an address off the list made x/distribution's reward payouts
// (shares paid as fees become rewards) fail, and with them every undelegation
// of the validator's delegators. Module payouts are never refused; instead
// shares of allow-listed pools paid as fees are burned to the pool's LPs at
// the start of the next block, before x/distribution allocates the fees.
func TestAllowListedSharesPaidAsFeesAreBurned(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Enable: true, Add: []string{f.alice.String()}}})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	share := sdk.NewInt64Coin(types.ShareDenom(id), 1_000_000)

	// A module paying out shares (rewards, a community-pool spend) is not refused.
	require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.alice, distrtypes.ModuleName, sdk.NewCoins(share)))
	require.NoError(t, f.app.BankKeeper.SendCoinsFromModuleToAccount(f.ctx, distrtypes.ModuleName, f.bob, sdk.NewCoins(share)))

	// Shares paid as a fee are burned before distribution sees them, at the
	// start of the next block.
	before := f.pool(t, id).TotalShares
	require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.alice, authtypes.FeeCollectorName, sdk.NewCoins(share)))
	f.nextBlock(f.ctx.BlockTime().Add(6 * time.Second))
	f.app.SmartPoolKeeper.SweepFeeShares(f.ctx)
	collector := f.app.AccountKeeper.GetModuleAddress(authtypes.FeeCollectorName)
	require.True(t, f.app.BankKeeper.GetBalance(f.ctx, collector, share.Denom).IsZero())
	require.Equal(t, before.Sub(share.Amount), f.pool(t, id).TotalShares, "burned to the remaining LPs")
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))

	// Shares of pools without an allow-list are fees like any other coin.
	open := f.createPool(t)
	other := sdk.NewInt64Coin(types.ShareDenom(open), 1_000)
	require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.alice, authtypes.FeeCollectorName, sdk.NewCoins(other)))
	f.app.SmartPoolKeeper.SweepFeeShares(f.ctx)
	require.Equal(t, other, f.app.BankKeeper.GetBalance(f.ctx, collector, other.Denom))
}
