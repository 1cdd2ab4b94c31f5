package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// twoPricedPools are two uatom/uusdc pools whose prices differ by about 10%.
func (f *fixture) twoPricedPools(t testing.TB) (uint64, uint64) {
	mk := func(atom, usdc int64) uint64 {
		res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
			Assets: []types.PoolAsset{asset("uatom", atom, 50), asset("uusdc", usdc, 50)}, SwapFee: dec("0.003")})
		require.NoError(t, err)
		return res.PoolId
	}
	return mk(100_000_000, 1_000_000_000), mk(100_000_000, 1_100_000_000)
}

// A route may start and end in the same denom: the A→B, B→A arbitrage
// between two pools is one message, and it profits exactly as the two swaps
// would; a route through the same pool twice is still refused.
func TestCyclicArbitrageRoute(t *testing.T) {
	fx := newFixture(t)
	cheap, dear := fx.twoPricedPools(t)
	route := []types.SwapAmountInRoute{{PoolId: dear, TokenOutDenom: "uusdc"}, {PoolId: cheap, TokenOutDenom: "uatom"}}
	in := sdk.NewInt64Coin("uatom", 1_000_000)
	est, err := fx.query.EstimateSwapExactAmountIn(fx.ctx, &types.QueryEstimateSwapExactAmountInRequest{
		TokenIn: in.String(), RoutePoolIds: []uint64{dear, cheap}, RouteTokenOutDenoms: []string{"uusdc", "uatom"}})
	require.NoError(t, err)
	require.True(t, est.TokenOutAmount.GT(in.Amount), "the price gap pays: %s for %s", est.TokenOutAmount, in)
	require.Len(t, est.SwapFees, 2)

	before := fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, "uatom").Amount
	res, err := fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(), Routes: route, TokenIn: in, TokenOutMinAmount: in.Amount.AddRaw(1)})
	require.NoError(t, err)
	require.Equal(t, est.TokenOutAmount, res.TokenOutAmount)
	require.Equal(t, before.Add(res.TokenOutAmount).Sub(in.Amount), fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, "uatom").Amount)
	require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))

	// The same pool twice, or a hop to itself, stays refused.
	_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: dear, TokenOutDenom: "uusdc"}, {PoolId: dear, TokenOutDenom: "uatom"}}, TokenIn: in, TokenOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrInvalidRoute)
	_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: dear, TokenOutDenom: "uatom"}}, TokenIn: in, TokenOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrInvalidRoute)
	// Exact out, cyclic too.
	_, err = fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: fx.bob.String(),
		Routes:           []types.SwapAmountOutRoute{{PoolId: dear, TokenInDenom: "uatom"}, {PoolId: cheap, TokenInDenom: "uusdc"}},
		TokenInMaxAmount: sdkmath.NewInt(2_000_000), TokenOut: sdk.NewInt64Coin("uatom", 1_000_000)})
	require.NoError(t, err)
}

// A split route runs every route in order with one aggregate limit: its
// estimate is what it does, a shared pool prices the later route on what the
// earlier left, and a missed limit changes nothing at all.
func TestSplitRoutes(t *testing.T) {
	fx := newFixture(t)
	a, b := fx.twoPricedPools(t)
	routes := []types.SwapAmountInSplitRoute{
		{Pools: []types.SwapAmountInRoute{{PoolId: a, TokenOutDenom: "uusdc"}}, TokenInAmount: sdkmath.NewInt(3_000_000)},
		{Pools: []types.SwapAmountInRoute{{PoolId: b, TokenOutDenom: "uusdc"}}, TokenInAmount: sdkmath.NewInt(2_000_000)},
		{Pools: []types.SwapAmountInRoute{{PoolId: a, TokenOutDenom: "uusdc"}}, TokenInAmount: sdkmath.NewInt(1_000_000)},
	}
	est, err := fx.query.EstimateSplitRouteSwapExactAmountIn(fx.ctx, &types.QueryEstimateSplitRouteSwapExactAmountInRequest{Routes: routes, TokenInDenom: "uatom"})
	require.NoError(t, err)
	require.Len(t, est.RouteAmounts, 3)
	// The third route shares pool a with the first and gets a worse price.
	require.True(t, est.RouteAmounts[2].MulRaw(3).LT(est.RouteAmounts[0]), "later route on the moved pool: %v", est.RouteAmounts)

	snap := fx.snapshot(t)
	_, err = fx.msgs.SplitRouteSwapExactAmountIn(fx.ctx, &types.MsgSplitRouteSwapExactAmountIn{Sender: fx.bob.String(), Routes: routes,
		TokenInDenom: "uatom", TokenOutMinAmount: est.TokenOutAmount.AddRaw(1)})
	require.ErrorIs(t, err, types.ErrSlippage)
	require.Equal(t, snap, fx.snapshot(t), "a missed aggregate minimum changes nothing")

	before := fx.app.BankKeeper.GetAllBalances(fx.ctx, fx.bob)
	res, err := fx.msgs.SplitRouteSwapExactAmountIn(fx.ctx, &types.MsgSplitRouteSwapExactAmountIn{Sender: fx.bob.String(), Routes: routes,
		TokenInDenom: "uatom", TokenOutMinAmount: est.TokenOutAmount})
	require.NoError(t, err)
	require.Equal(t, est.TokenOutAmount, res.TokenOutAmount)
	after := fx.app.BankKeeper.GetAllBalances(fx.ctx, fx.bob)
	require.Equal(t, before.AmountOf("uatom").SubRaw(6_000_000), after.AmountOf("uatom"))
	require.Equal(t, before.AmountOf("uusdc").Add(res.TokenOutAmount), after.AmountOf("uusdc"))

	// Exact out: the estimate and the message agree, and the maximum binds.
	outRoutes := []types.SwapAmountOutSplitRoute{
		{Pools: []types.SwapAmountOutRoute{{PoolId: a, TokenInDenom: "uatom"}}, TokenOutAmount: sdkmath.NewInt(10_000_000)},
		{Pools: []types.SwapAmountOutRoute{{PoolId: b, TokenInDenom: "uatom"}}, TokenOutAmount: sdkmath.NewInt(20_000_000)},
	}
	estOut, err := fx.query.EstimateSplitRouteSwapExactAmountOut(fx.ctx, &types.QueryEstimateSplitRouteSwapExactAmountOutRequest{Routes: outRoutes, TokenOutDenom: "uusdc"})
	require.NoError(t, err)
	_, err = fx.msgs.SplitRouteSwapExactAmountOut(fx.ctx, &types.MsgSplitRouteSwapExactAmountOut{Sender: fx.bob.String(), Routes: outRoutes,
		TokenOutDenom: "uusdc", TokenInMaxAmount: estOut.TokenInAmount.SubRaw(1)})
	require.ErrorIs(t, err, types.ErrSlippage)
	resOut, err := fx.msgs.SplitRouteSwapExactAmountOut(fx.ctx, &types.MsgSplitRouteSwapExactAmountOut{Sender: fx.bob.String(), Routes: outRoutes,
		TokenOutDenom: "uusdc", TokenInMaxAmount: estOut.TokenInAmount})
	require.NoError(t, err)
	require.Equal(t, estOut.TokenInAmount, resOut.TokenInAmount)
	require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))

	// Routes that do not end (or start) in one denom are refused.
	bad := append([]types.SwapAmountInSplitRoute(nil), routes...)
	bad[1] = types.SwapAmountInSplitRoute{Pools: []types.SwapAmountInRoute{{PoolId: b, TokenOutDenom: "uusdc"}, {PoolId: a, TokenOutDenom: "uatom"}}, TokenInAmount: sdkmath.OneInt()}
	_, err = fx.msgs.SplitRouteSwapExactAmountIn(fx.ctx, &types.MsgSplitRouteSwapExactAmountIn{Sender: fx.bob.String(), Routes: bad, TokenInDenom: "uatom", TokenOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrInvalidRoute)
}
