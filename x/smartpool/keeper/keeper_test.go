package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/poold/poold/app"
	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// fixture is the real app, a context, the msg server and two funded users.
type fixture struct {
	app    *app.App
	ctx    sdk.Context
	msgs   types.MsgServer
	query  types.QueryServer
	alice  sdk.AccAddress
	bob    sdk.AccAddress
	govAcc string
}

const funds = 1_000_000_000_000

func newFixture(t testing.TB) *fixture {
	a, ctx := testutil.Setup(t)
	return &fixture{
		app:    a,
		ctx:    ctx,
		msgs:   keeper.NewMsgServerImpl(a.SmartPoolKeeper),
		query:  keeper.NewQueryServerImpl(a.SmartPoolKeeper),
		alice:  testutil.FundedAccount(t, a, ctx, "alice", funds),
		bob:    testutil.FundedAccount(t, a, ctx, "bob", funds),
		govAcc: authtypes.NewModuleAddress(govtypes.ModuleName).String(),
	}
}

func asset(denom string, balance, weight int64) types.PoolAsset {
	return types.PoolAsset{Denom: denom, Balance: sdkmath.NewInt(balance), Weight: sdkmath.NewInt(weight)}
}

// createPool makes a 60/40 uatom/uusdc pool with a 0.3% fee owned by alice.
func (f *fixture) createPool(t testing.TB) uint64 { return f.createPoolOf(t, "uatom") }

// createPoolOf is createPool with atom in place of uatom (its IBC voucher).
func (f *fixture) createPoolOf(t testing.TB, atom string) uint64 {
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender:  f.alice.String(),
		Assets:  []types.PoolAsset{asset("uusdc", 200_000_000, 40), asset(atom, 100_000_000, 60)},
		SwapFee: sdkmath.LegacyMustNewDecFromStr("0.003"),
	})
	require.NoError(t, err)
	return res.PoolId
}

// endBlockAt moves the fixture to time now and runs the module's end-block step.
func (f *fixture) endBlockAt(t testing.TB, now time.Time) {
	f.ctx = f.ctx.WithBlockTime(now).WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.app.SmartPoolKeeper.EndBlock(f.ctx))
}

func (f *fixture) pool(t testing.TB, id uint64) types.Pool {
	p, err := f.app.SmartPoolKeeper.GetPool(f.ctx, id)
	require.NoError(t, err)
	return p
}

// withoutOracle is the pool with its oracle state cleared, for comparing pools
// whose clocks moved on.
func withoutOracle(p types.Pool) types.Pool {
	p.Oracle = types.PoolOracle{}
	return p
}

// importGenesis inits the module from gs the way a chain's genesis would:
// the bank state it rests on first (pool tokens in the module account, each
// pool's shares with its creator), then the module.
func (f *fixture) importGenesis(t testing.TB, gs types.GenesisState) error {
	for _, p := range gs.Pools {
		testutil.Fund(t, f.app, f.ctx, f.app.AccountKeeper.GetModuleAddress(types.ModuleName), p.Liquidity())
		testutil.Fund(t, f.app, f.ctx, f.alice, sdk.NewCoins(sdk.NewCoin(p.ShareDenom, p.TotalShares)))
	}
	return f.app.SmartPoolKeeper.InitGenesis(f.ctx, gs)
}

// snapshot is everything a failed message must leave untouched.
type snapshot struct {
	genesis    *types.GenesisState
	supply     sdk.Coins
	module     sdk.Coins
	alice, bob sdk.Coins
	community  sdk.Coins
}

func (f *fixture) snapshot(t testing.TB) snapshot {
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	supply, _, err := f.app.BankKeeper.GetPaginatedTotalSupply(f.ctx, nil)
	require.NoError(t, err)
	distrAddr := f.app.AccountKeeper.GetModuleAddress("distribution")
	return snapshot{
		genesis:   gs,
		supply:    supply,
		module:    f.app.BankKeeper.GetAllBalances(f.ctx, f.app.AccountKeeper.GetModuleAddress(types.ModuleName)),
		alice:     f.app.BankKeeper.GetAllBalances(f.ctx, f.alice),
		bob:       f.app.BankKeeper.GetAllBalances(f.ctx, f.bob),
		community: f.app.BankKeeper.GetAllBalances(f.ctx, distrAddr),
	}
}

func TestCreatePool(t *testing.T) {
	f := newFixture(t)
	before := f.snapshot(t)
	id := f.createPool(t)
	require.Equal(t, uint64(1), id)

	p := f.pool(t, id)
	require.Equal(t, "smartpool/1", p.ShareDenom)
	require.Equal(t, types.InitialShares, p.TotalShares)
	require.Equal(t, "uatom", p.Assets[0].Denom, "assets are sorted by denom")
	require.Equal(t, f.ctx.BlockTime(), p.CreatedAt)

	after := f.snapshot(t)
	fee := types.DefaultParams().PoolCreationFee
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("uatom", 100_000_000), sdk.NewInt64Coin("uusdc", 200_000_000)), after.module)
	require.Equal(t, types.InitialShares, f.app.BankKeeper.GetBalance(f.ctx, f.alice, "smartpool/1").Amount)
	require.Equal(t, before.community.Add(fee...), after.community, "creation fee goes to the community pool")

	md, found := f.app.BankKeeper.GetDenomMetaData(f.ctx, "smartpool/1")
	require.True(t, found)
	require.Equal(t, "smartpool-1", md.Display)
	require.Equal(t, uint32(18), md.DenomUnits[1].Exponent)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))

	id2 := f.createPool(t)
	require.Equal(t, uint64(2), id2)
}

func TestSwapExactAmountInAndOut(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)

	est, err := f.query.EstimateSwapExactAmountIn(f.ctx, &types.QueryEstimateSwapExactAmountInRequest{
		TokenIn: "1000000uatom", RoutePoolIds: []uint64{id}, RouteTokenOutDenoms: []string{"uusdc"},
	})
	require.NoError(t, err)
	bobUSDC := f.app.BankKeeper.GetBalance(f.ctx, f.bob, "uusdc").Amount
	res, err := f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{
		Sender: f.bob.String(), Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}},
		TokenIn: sdk.NewInt64Coin("uatom", 1_000_000), TokenOutMinAmount: est.TokenOutAmount,
	})
	require.NoError(t, err)
	require.Equal(t, est.TokenOutAmount, res.TokenOutAmount, "estimate equals the message's result")
	require.Equal(t, bobUSDC.Add(res.TokenOutAmount), f.app.BankKeeper.GetBalance(f.ctx, f.bob, "uusdc").Amount)
	// 60/40 pool, 100M atom : 200M usdc, so 1 atom ≈ 3 usdc before fee and impact.
	require.True(t, res.TokenOutAmount.GT(sdkmath.NewInt(2_900_000)) && res.TokenOutAmount.LT(sdkmath.NewInt(3_000_000)), res.TokenOutAmount.String())

	out, err := f.msgs.SwapExactAmountOut(f.ctx, &types.MsgSwapExactAmountOut{
		Sender: f.bob.String(), Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: "uusdc"}},
		TokenInMaxAmount: sdkmath.NewInt(10_000_000), TokenOut: sdk.NewInt64Coin("uatom", 1_000_000),
	})
	require.NoError(t, err)
	require.True(t, out.TokenInAmount.GT(res.TokenOutAmount), "buying back costs more than selling paid: fees and rounding favour the pool")
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

func TestMultiHopSwap(t *testing.T) {
	f := newFixture(t)
	first := f.createPool(t) // uatom/uusdc
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uusdc", 300_000_000, 50), asset("ueth", 100_000, 50)},
		SwapFee: sdkmath.LegacyMustNewDecFromStr("0.001"),
	})
	require.NoError(t, err)
	second := res.PoolId

	routes := []types.SwapAmountInRoute{{PoolId: first, TokenOutDenom: "uusdc"}, {PoolId: second, TokenOutDenom: "ueth"}}
	ethBefore := f.app.BankKeeper.GetBalance(f.ctx, f.bob, "ueth").Amount
	swap, err := f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{
		Sender: f.bob.String(), Routes: routes, TokenIn: sdk.NewInt64Coin("uatom", 1_000_000), TokenOutMinAmount: sdkmath.OneInt(),
	})
	require.NoError(t, err)
	require.Equal(t, ethBefore.Add(swap.TokenOutAmount), f.app.BankKeeper.GetBalance(f.ctx, f.bob, "ueth").Amount)
	require.True(t, f.app.BankKeeper.GetBalance(f.ctx, f.app.AccountKeeper.GetModuleAddress(types.ModuleName), "uusdc").Amount.
		Equal(f.pool(t, first).Assets[1].Balance.Add(f.pool(t, second).Assets[1].Balance)), "the intermediate token stays in the module")

	outRoutes := []types.SwapAmountOutRoute{{PoolId: first, TokenInDenom: "uatom"}, {PoolId: second, TokenInDenom: "uusdc"}}
	est, err := f.query.EstimateSwapExactAmountOut(f.ctx, &types.QueryEstimateSwapExactAmountOutRequest{
		TokenOut: "1000ueth", RoutePoolIds: []uint64{first, second}, RouteTokenInDenoms: []string{"uatom", "uusdc"},
	})
	require.NoError(t, err)
	swapOut, err := f.msgs.SwapExactAmountOut(f.ctx, &types.MsgSwapExactAmountOut{
		Sender: f.bob.String(), Routes: outRoutes, TokenInMaxAmount: est.TokenInAmount, TokenOut: sdk.NewInt64Coin("ueth", 1000),
	})
	require.NoError(t, err)
	require.Equal(t, est.TokenInAmount, swapOut.TokenInAmount)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

func TestJoinAndExitKinds(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	oneShare := sdkmath.NewIntWithDecimal(1, 18)

	join, err := f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: id, ShareOutAmount: oneShare})
	require.NoError(t, err)
	// 1 of 100 shares: 1% of each balance, rounded up.
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("uatom", 1_000_000), sdk.NewInt64Coin("uusdc", 2_000_000)), join.TokensIn)

	p := f.pool(t, id)
	feeFree, err := poolmath.CalcSharesOutGivenSingleIn(p.Assets[0].Balance, p.Assets[0].Weight, p.TotalWeight(), p.TotalShares,
		sdkmath.NewInt(1_010_000), sdkmath.LegacyZeroDec())
	require.NoError(t, err)
	single, err := f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{
		Sender: f.bob.String(), PoolId: id, TokenIn: sdk.NewInt64Coin("uatom", 1_010_000), ShareOutMinAmount: sdkmath.OneInt(),
	})
	require.NoError(t, err)
	// A single-asset deposit pays the fee on its non-proportional part: fewer shares than without a fee.
	require.True(t, single.ShareOutAmount.LT(feeFree), "%s vs %s", single.ShareOutAmount, feeFree)
	require.True(t, single.ShareOutAmount.GT(feeFree.MulRaw(998).QuoRaw(1000)), "fee is at most 0.3%% of 40%%")

	exact, err := f.msgs.JoinPoolExactAmountsIn(f.ctx, &types.MsgJoinPoolExactAmountsIn{
		Sender: f.bob.String(), PoolId: id, TokensIn: sdk.NewCoins(sdk.NewInt64Coin("uatom", 500_000), sdk.NewInt64Coin("uusdc", 3_000_000)),
		ShareOutMinAmount: sdkmath.OneInt(),
	})
	require.NoError(t, err)
	require.True(t, exact.ShareOutAmount.IsPositive())

	exit, err := f.msgs.ExitPool(f.ctx, &types.MsgExitPool{Sender: f.bob.String(), PoolId: id, ShareInAmount: oneShare})
	require.NoError(t, err)
	require.Len(t, exit.TokensOut, 2)

	exitSingle, err := f.msgs.ExitSwapShareAmountIn(f.ctx, &types.MsgExitSwapShareAmountIn{
		Sender: f.bob.String(), PoolId: id, TokenOutDenom: "uusdc", ShareInAmount: single.ShareOutAmount, TokenOutMinAmount: sdkmath.OneInt(),
	})
	require.NoError(t, err)
	require.True(t, exitSingle.TokenOutAmount.IsPositive())

	p = f.pool(t, id)
	bobShares := f.app.BankKeeper.GetBalance(f.ctx, f.bob, p.ShareDenom).Amount
	aliceShares := f.app.BankKeeper.GetBalance(f.ctx, f.alice, p.ShareDenom).Amount
	require.Equal(t, p.TotalShares, bobShares.Add(aliceShares), "total shares equal the bank supply held by LPs")
	require.Equal(t, p.TotalShares, f.app.BankKeeper.GetSupply(f.ctx, p.ShareDenom).Amount)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

func TestUpdateParams(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxSwapFee = sdkmath.LegacyMustNewDecFromStr("0.05")
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.govAcc, Params: params})
	require.NoError(t, err)
	// Queued, not applied: it waits for params_timelock.
	got, err := f.query.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), got.Params)
	pending, err := f.query.PendingParamsChange(f.ctx, &types.QueryPendingParamsChangeRequest{})
	require.NoError(t, err)
	require.NotNil(t, pending.Pending)
	require.Equal(t, params, pending.Pending.Params)
	require.Equal(t, f.ctx.BlockTime().Add(types.DefaultParams().ParamsTimelock), pending.Pending.DueTime)

	f.endBlockAt(t, pending.Pending.DueTime.Add(-time.Second))
	got, err = f.query.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), got.Params, "not applied before it is due")

	f.endBlockAt(t, pending.Pending.DueTime)
	got, err = f.query.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, params, got.Params)
	pending, err = f.query.PendingParamsChange(f.ctx, &types.QueryPendingParamsChangeRequest{})
	require.NoError(t, err)
	require.Nil(t, pending.Pending)
}

func TestCancelParamsChange(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxSwapFee = sdkmath.LegacyMustNewDecFromStr("0.05")
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.govAcc, Params: params})
	require.NoError(t, err)
	_, err = f.msgs.CancelParamsChange(f.ctx, &types.MsgCancelParamsChange{Authority: f.alice.String()})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msgs.CancelParamsChange(f.ctx, &types.MsgCancelParamsChange{Authority: f.govAcc})
	require.NoError(t, err)
	_, err = f.msgs.CancelParamsChange(f.ctx, &types.MsgCancelParamsChange{Authority: f.govAcc})
	require.ErrorIs(t, err, types.ErrChangeNotFound)
	f.endBlockAt(t, f.ctx.BlockTime().Add(48*time.Hour))
	got, err := f.query.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), got.Params, "a cancelled change never applies")
}

func TestDonationDoesNotMovePrices(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	before, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	moduleAddr := f.app.AccountKeeper.GetModuleAddress(types.ModuleName)
	require.NoError(t, f.app.BankKeeper.SendCoins(f.ctx, f.bob, moduleAddr, sdk.NewCoins(sdk.NewInt64Coin("uatom", 50_000_000))))
	after, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	require.Equal(t, before.SpotPrice, after.SpotPrice)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.createPool(t)
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Equal(t, uint64(2), gs.NextPoolId)

	g := newFixture(t)
	require.NoError(t, g.importGenesis(t, *gs))
	gs2, err := g.app.SmartPoolKeeper.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs, gs2)
}
