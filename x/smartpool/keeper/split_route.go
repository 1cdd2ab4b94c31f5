package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// settleFn settles one route's computed hops.
type settleFn func(ctx context.Context, hops []swapHop, tokenIn, tokenOut sdk.Coin) error

// runSplitRoutesIn runs split exact-in routes in order, each settled before
// the next is planned, so a pool two routes share prices the second on what
// the first left. It returns the total out and each route's amount out.
func (k Keeper) runSplitRoutesIn(ctx context.Context, routes []types.SwapAmountInSplitRoute, tokenInDenom string, settle settleFn) (sdkmath.Int, []sdkmath.Int, error) {
	if err := types.ValidateSplitRoutesIn(routes, tokenInDenom); err != nil {
		return sdkmath.Int{}, nil, err
	}
	amounts := make([]sdkmath.Int, len(routes))
	for i, r := range routes {
		tokenIn := sdk.NewCoin(tokenInDenom, r.TokenInAmount)
		hops, out, err := k.PlanSwapExactAmountIn(ctx, r.Pools, tokenIn)
		if err != nil {
			return sdkmath.Int{}, nil, errorsmod.Wrapf(err, "route %d", i)
		}
		if err := settle(ctx, hops, tokenIn, out); err != nil {
			return sdkmath.Int{}, nil, errorsmod.Wrapf(err, "route %d", i)
		}
		amounts[i] = out.Amount
	}
	total, err := types.SumAmounts(amounts)
	return total, amounts, err
}

// runSplitRoutesOut is runSplitRoutesIn for exact-out routes: it returns the
// total in and each route's amount in.
func (k Keeper) runSplitRoutesOut(ctx context.Context, routes []types.SwapAmountOutSplitRoute, tokenOutDenom string, settle settleFn) (sdkmath.Int, []sdkmath.Int, error) {
	if err := types.ValidateSplitRoutesOut(routes, tokenOutDenom); err != nil {
		return sdkmath.Int{}, nil, err
	}
	amounts := make([]sdkmath.Int, len(routes))
	for i, r := range routes {
		tokenOut := sdk.NewCoin(tokenOutDenom, r.TokenOutAmount)
		hops, in, err := k.PlanSwapExactAmountOut(ctx, r.Pools, tokenOut)
		if err != nil {
			return sdkmath.Int{}, nil, errorsmod.Wrapf(err, "route %d", i)
		}
		if err := settle(ctx, hops, in, tokenOut); err != nil {
			return sdkmath.Int{}, nil, errorsmod.Wrapf(err, "route %d", i)
		}
		amounts[i] = in.Amount
	}
	total, err := types.SumAmounts(amounts)
	return total, amounts, err
}

// SplitRouteSwapExactAmountIn swaps for sender along every route and needs
// the total out to reach tokenOutMin; the message's branch drops every
// route if it does not.
func (k Keeper) SplitRouteSwapExactAmountIn(ctx context.Context, sender sdk.AccAddress, routes []types.SwapAmountInSplitRoute,
	tokenInDenom string, tokenOutMin sdkmath.Int,
) (sdkmath.Int, error) {
	total, _, err := k.runSplitRoutesIn(ctx, routes, tokenInDenom, k.settleFor(sender))
	if err != nil {
		return sdkmath.Int{}, err
	}
	if total.LT(tokenOutMin) {
		return sdkmath.Int{}, errorsmod.Wrapf(types.ErrSlippage, "the routes pay %s in all, less than the minimum %s", total, tokenOutMin)
	}
	return total, nil
}

// SplitRouteSwapExactAmountOut buys for sender along every route and lets the
// total in be at most tokenInMax.
func (k Keeper) SplitRouteSwapExactAmountOut(ctx context.Context, sender sdk.AccAddress, routes []types.SwapAmountOutSplitRoute,
	tokenOutDenom string, tokenInMax sdkmath.Int,
) (sdkmath.Int, error) {
	total, _, err := k.runSplitRoutesOut(ctx, routes, tokenOutDenom, k.settleFor(sender))
	if err != nil {
		return sdkmath.Int{}, err
	}
	if total.GT(tokenInMax) {
		return sdkmath.Int{}, errorsmod.Wrapf(types.ErrSlippage, "the routes take %s in all, more than the maximum %s", total, tokenInMax)
	}
	return total, nil
}

// settleFor settles routes for a sender: tokens move, pools are stored.
func (k Keeper) settleFor(sender sdk.AccAddress) settleFn {
	return func(ctx context.Context, hops []swapHop, tokenIn, tokenOut sdk.Coin) error {
		return k.settleSwap(ctx, sender, hops, tokenIn, tokenOut)
	}
}

// storeHops settles routes for an estimate: only the pools are stored (on a
// branch the estimate throws away), so later routes see earlier ones.
func (k Keeper) storeHops(ctx context.Context, hops []swapHop, _, _ sdk.Coin) error {
	for _, h := range hops {
		if err := k.setPool(ctx, h.pool); err != nil {
			return err
		}
	}
	return nil
}
