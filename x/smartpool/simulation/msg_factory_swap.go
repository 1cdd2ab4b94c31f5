package simulation

import (
	"context"
	"slices"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// hop is one step of a route: the pool (with its weights at this block's
// time, as the keeper computes with) and the denoms in and out.
type hop struct {
	pool    types.Pool
	in, out string
}

// randomRoute builds a route of up to hops tradable pools, no pool and no
// denom twice; routes of two or more hops need pools sharing a denom. A
// quarter of the multi-hop routes are cyclic where a second pool allows:
// A→B and back to A.
func randomRoute(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter, hops int) ([]hop, bool) {
	now := blockTime(ctx)
	tradable := func(p types.Pool) bool { return !p.SwapsPaused }
	first, ok := randomPool(ctx, k, testData, reporter, "open for swaps", func(p types.Pool) bool {
		return tradable(p) && len(openDenoms(p, now)) > 0
	})
	if !ok {
		return nil, false
	}
	in := pick(testData, openDenoms(first, now))
	out := pick(testData, denomsExcept(first, in))
	route := []hop{{pool: first.AtTime(now), in: in, out: out}}
	if hops > 1 && testData.Rand().Intn(4) == 0 {
		if cyclic, ok := cyclicRoute(ctx, k, testData, route[0]); ok {
			return cyclic, true
		}
	}
	usedPools := []uint64{first.Id}
	usedDenoms := []string{in, out}
	for len(route) < hops {
		last := route[len(route)-1].out
		next, ok := findPool(ctx, k, testData, func(p types.Pool) bool {
			if !tradable(p) || slices.Contains(usedPools, p.Id) || p.IsEntryClosed(last, now) {
				return false
			}
			_, err := p.AssetIndex(last)
			return err == nil && len(denomsExcept(p, usedDenoms...)) > 0
		})
		if !ok {
			break
		}
		out := pick(testData, denomsExcept(next, usedDenoms...))
		route = append(route, hop{pool: next.AtTime(now), in: last, out: out})
		usedPools = append(usedPools, next.Id)
		usedDenoms = append(usedDenoms, out)
	}
	if hops > 1 && len(route) < 2 {
		reporter.Skip("no pools to route through")
		return nil, false
	}
	return route, true
}

func balanceOf(pool types.Pool, denom string) sdkmath.Int {
	i, err := pool.AssetIndex(denom)
	if err != nil {
		return sdkmath.ZeroInt()
	}
	return pool.Assets[i].Balance
}

// planExactIn is what the keeper's own plan of the route pays out, run on a
// branch: it prices every hop at the fee its pool's policy sets and knows
// what the circuit breakers refuse, which the pool math alone does not.
func planExactIn(ctx context.Context, k keeper.Keeper, route []hop, tokenIn sdk.Coin) (sdk.Coin, error) {
	var out sdk.Coin
	err := keeperAccepts(ctx, func(c context.Context) error {
		var err error
		_, out, err = k.PlanSwapExactAmountIn(c, inRoutes(route), tokenIn)
		return err
	})
	return out, err
}

// planExactOut is planExactIn for an exact-out route: what it takes in.
func planExactOut(ctx context.Context, k keeper.Keeper, route []hop, tokenOut sdk.Coin) (sdk.Coin, error) {
	var in sdk.Coin
	err := keeperAccepts(ctx, func(c context.Context) error {
		var err error
		_, in, err = k.PlanSwapExactAmountOut(c, outRoutes(route), tokenOut)
		return err
	})
	return in, err
}

// MsgSwapExactAmountInFactory swaps along a route of 1 (hops = 1) or 2..hops
// pools an amount within max_in_ratio that the sender holds, shrunk until
// every hop also stays within max_out_ratio; the minimum out is the exact
// quote or a little less.
func MsgSwapExactAmountInFactory(k keeper.Keeper, hops int) simsx.SimMsgFactoryFn[*types.MsgSwapExactAmountIn] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactAmountIn) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		route, ok := randomRoute(ctx, k, testData, reporter, hops)
		if !ok {
			return nil, nil
		}
		denomIn := route[0].in
		from := testData.AnyAccountN(8, reporter, simsx.WithDenomBalance(denomIn))
		if reporter.IsSkipped() {
			return nil, nil
		}
		limit := sdkmath.MinInt(ratioOf(params.MaxInRatio, balanceOf(route[0].pool, denomIn)), from.LiquidBalance().AmountOf(denomIn))
		amount := randInt(testData, limit)
		var out sdk.Coin
		var err error
		for range 8 {
			if !amount.IsPositive() {
				break
			}
			if out, err = planExactIn(ctx, k, route, sdk.NewCoin(denomIn, amount)); err == nil {
				break
			}
			amount = amount.QuoRaw(4)
		}
		if err != nil || !amount.IsPositive() {
			reporter.Skip(skipReason("no amount the route accepts", err))
			return nil, nil
		}
		tokenIn := sdk.NewCoin(denomIn, amount)
		if !from.LiquidBalance().BlockAmount(tokenIn) {
			reporter.Skip("amount not held")
			return nil, nil
		}
		minOut := out.Amount
		if testData.Rand().Intn(2) == 0 {
			minOut = minOut.MulRaw(99).QuoRaw(100)
		}
		msg := &types.MsgSwapExactAmountIn{Sender: from.AddressBech32, TokenIn: tokenIn, TokenOutMinAmount: minOut}
		for _, h := range route {
			msg.Routes = append(msg.Routes, types.SwapAmountInRoute{PoolId: h.pool.Id, TokenOutDenom: h.out})
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgSwapExactAmountOutFactory buys an amount within max_out_ratio of the
// last pool along a route, shrunk until every hop accepts it and the sender
// holds what the first hop takes; the maximum in is the exact quote or a
// little more.
func MsgSwapExactAmountOutFactory(k keeper.Keeper, hops int) simsx.SimMsgFactoryFn[*types.MsgSwapExactAmountOut] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactAmountOut) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		route, ok := randomRoute(ctx, k, testData, reporter, hops)
		if !ok {
			return nil, nil
		}
		denomIn, last := route[0].in, route[len(route)-1]
		from := testData.AnyAccountN(8, reporter, simsx.WithDenomBalance(denomIn))
		if reporter.IsSkipped() {
			return nil, nil
		}
		held := from.LiquidBalance().AmountOf(denomIn)
		amount := randInt(testData, ratioOf(params.MaxOutRatio, balanceOf(last.pool, last.out)))
		var in sdk.Coin
		err := errNoAmount
		for range 8 {
			if !amount.IsPositive() {
				break
			}
			in, err = planExactOut(ctx, k, route, sdk.NewCoin(last.out, amount))
			if err == nil && in.Amount.LTE(held) {
				break
			}
			if err == nil {
				err = errNoAmount // more than the sender holds
			}
			amount = amount.QuoRaw(4)
		}
		if err != nil || !amount.IsPositive() {
			reporter.Skip(skipReason("no amount the route accepts", err))
			return nil, nil
		}
		maxIn := in.Amount
		if testData.Rand().Intn(2) == 0 {
			maxIn = sdkmath.MinInt(maxIn.MulRaw(101).QuoRaw(100).AddRaw(1), held)
		}
		if !from.LiquidBalance().BlockAmount(sdk.NewCoin(denomIn, maxIn)) {
			reporter.Skip("amount not held")
			return nil, nil
		}
		msg := &types.MsgSwapExactAmountOut{Sender: from.AddressBech32, TokenInMaxAmount: maxIn, TokenOut: sdk.NewCoin(last.out, amount)}
		for _, h := range route {
			msg.Routes = append(msg.Routes, types.SwapAmountOutRoute{PoolId: h.pool.Id, TokenInDenom: h.in})
		}
		return []simsx.SimAccount{from}, msg
	}
}

func inRoutes(route []hop) []types.SwapAmountInRoute {
	routes := make([]types.SwapAmountInRoute, len(route))
	for i, h := range route {
		routes[i] = types.SwapAmountInRoute{PoolId: h.pool.Id, TokenOutDenom: h.out}
	}
	return routes
}

func outRoutes(route []hop) []types.SwapAmountOutRoute {
	routes := make([]types.SwapAmountOutRoute, len(route))
	for i, h := range route {
		routes[i] = types.SwapAmountOutRoute{PoolId: h.pool.Id, TokenInDenom: h.in}
	}
	return routes
}
