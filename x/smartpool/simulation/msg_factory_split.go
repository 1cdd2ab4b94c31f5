package simulation

import (
	"context"
	"errors"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// Split swaps send one denom along several routes to another. Each route's
// amount starts within its first (exact in) or last (exact out) pool's ratio
// limit; all are quartered together until the keeper's estimate of the whole
// split, which runs the routes in order as the message does, accepts them.

// MsgSplitRouteSwapExactAmountInFactory sends amounts the sender holds along
// 1–3 routes; the minimum out is the estimate or a little less.
func MsgSplitRouteSwapExactAmountInFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSplitRouteSwapExactAmountIn] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSplitRouteSwapExactAmountIn) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		routes, ok := randomSplitRoutes(ctx, k, testData, reporter)
		if !ok {
			return nil, nil
		}
		denomIn := routes[0][0].in
		from := testData.AnyAccountN(8, reporter, simsx.WithDenomBalance(denomIn))
		if reporter.IsSkipped() {
			return nil, nil
		}
		held := from.LiquidBalance().AmountOf(denomIn)
		amounts := make([]sdkmath.Int, len(routes))
		for i, r := range routes {
			// At least a thousandth of the limit: one route of dust that buys
			// nothing fails the whole split, and quartering cannot help it.
			limit := sdkmath.MinInt(ratioOf(params.MaxInRatio, balanceOf(r[0].pool, denomIn)), held)
			amounts[i] = sdkmath.MaxInt(randInt(testData, limit), limit.QuoRaw(1000))
		}
		var req *types.QueryEstimateSplitRouteSwapExactAmountInRequest
		total, out := sdkmath.ZeroInt(), sdkmath.ZeroInt()
		var err error
		for range 8 {
			if !allPositive(amounts) {
				break
			}
			if total = sum(amounts); total.GT(held) {
				quarter(amounts)
				continue
			}
			req = &types.QueryEstimateSplitRouteSwapExactAmountInRequest{Routes: splitInRoutes(routes, amounts), TokenInDenom: denomIn}
			err = keeperAccepts(ctx, func(c context.Context) error {
				res, err := keeper.NewQueryServerImpl(k).EstimateSplitRouteSwapExactAmountIn(c, req)
				if err == nil {
					out = res.TokenOutAmount
				}
				return err
			})
			if err == nil && out.IsPositive() {
				break
			}
			out = sdkmath.ZeroInt()
			if errors.Is(err, types.ErrInvalidAmount) {
				break // too small already
			}
			quarter(amounts)
		}
		if !out.IsPositive() {
			reporter.Skip(skipReason("no amounts the routes accept", err))
			return nil, nil
		}
		if !from.LiquidBalance().BlockAmount(sdk.NewCoin(denomIn, total)) {
			reporter.Skip("amount not held")
			return nil, nil
		}
		minOut := out
		if testData.Rand().Intn(2) == 0 {
			minOut = sdkmath.MaxInt(out.MulRaw(99).QuoRaw(100), sdkmath.OneInt())
		}
		return []simsx.SimAccount{from}, &types.MsgSplitRouteSwapExactAmountIn{
			Sender: from.AddressBech32, Routes: req.Routes, TokenInDenom: denomIn, TokenOutMinAmount: minOut,
		}
	}
}

// MsgSplitRouteSwapExactAmountOutFactory buys amounts along 1–3 routes whose
// total in the sender holds; the maximum in is the estimate or a little more.
func MsgSplitRouteSwapExactAmountOutFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSplitRouteSwapExactAmountOut] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSplitRouteSwapExactAmountOut) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		routes, ok := randomSplitRoutes(ctx, k, testData, reporter)
		if !ok {
			return nil, nil
		}
		denomIn, denomOut := routes[0][0].in, routes[0][len(routes[0])-1].out
		from := testData.AnyAccountN(8, reporter, simsx.WithDenomBalance(denomIn))
		if reporter.IsSkipped() {
			return nil, nil
		}
		held := from.LiquidBalance().AmountOf(denomIn)
		amounts := make([]sdkmath.Int, len(routes))
		for i, r := range routes {
			last := r[len(r)-1]
			amounts[i] = randInt(testData, ratioOf(params.MaxOutRatio, balanceOf(last.pool, denomOut)))
		}
		var req *types.QueryEstimateSplitRouteSwapExactAmountOutRequest
		in := sdkmath.ZeroInt()
		var err error
		for range 8 {
			if !allPositive(amounts) {
				break
			}
			req = &types.QueryEstimateSplitRouteSwapExactAmountOutRequest{Routes: splitOutRoutes(routes, amounts), TokenOutDenom: denomOut}
			err = keeperAccepts(ctx, func(c context.Context) error {
				res, err := keeper.NewQueryServerImpl(k).EstimateSplitRouteSwapExactAmountOut(c, req)
				if err == nil {
					in = res.TokenInAmount
				}
				return err
			})
			if err == nil && in.IsPositive() && in.LTE(held) {
				break
			}
			in = sdkmath.ZeroInt()
			quarter(amounts)
		}
		if !in.IsPositive() {
			reporter.Skip(skipReason("no amounts the routes accept", err))
			return nil, nil
		}
		maxIn := in
		if testData.Rand().Intn(2) == 0 {
			maxIn = sdkmath.MinInt(in.MulRaw(101).QuoRaw(100).AddRaw(1), held)
		}
		if !from.LiquidBalance().BlockAmount(sdk.NewCoin(denomIn, maxIn)) {
			reporter.Skip("amount not held")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgSplitRouteSwapExactAmountOut{
			Sender: from.AddressBech32, Routes: req.Routes, TokenOutDenom: denomOut, TokenInMaxAmount: maxIn,
		}
	}
}

func sum(amounts []sdkmath.Int) sdkmath.Int {
	total := sdkmath.ZeroInt()
	for _, a := range amounts {
		total = total.Add(a)
	}
	return total
}

func allPositive(amounts []sdkmath.Int) bool {
	for _, a := range amounts {
		if !a.IsPositive() {
			return false
		}
	}
	return true
}

// quarter divides every amount by four, in place.
func quarter(amounts []sdkmath.Int) {
	for i := range amounts {
		amounts[i] = amounts[i].QuoRaw(4)
	}
}
