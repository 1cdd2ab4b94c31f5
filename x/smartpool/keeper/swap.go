package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// swapHop is one computed hop of a route: the pool after the hop and what went in and out.
type swapHop struct {
	pool     types.Pool
	tokenIn  sdk.Coin
	tokenOut sdk.Coin
}

// PlanSwapExactAmountIn computes every hop of an exact-in route without writing
// state. Messages and estimates both use it.
func (k Keeper) PlanSwapExactAmountIn(ctx context.Context, routes []types.SwapAmountInRoute, tokenIn sdk.Coin) ([]swapHop, sdk.Coin, error) {
	poolIDs := make([]uint64, len(routes))
	denoms := []string{tokenIn.Denom}
	for i, r := range routes {
		poolIDs[i] = r.PoolId
		denoms = append(denoms, r.TokenOutDenom)
	}
	if err := types.ValidateRoute(poolIDs, denoms); err != nil {
		return nil, sdk.Coin{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, sdk.Coin{}, err
	}
	hops := make([]swapHop, 0, len(routes))
	current := tokenIn
	for _, r := range routes {
		pool, err := k.tradablePool(ctx, r.PoolId)
		if err != nil {
			return nil, sdk.Coin{}, err
		}
		if err := pool.RequireEntryOpen(current.Denom, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
			return nil, sdk.Coin{}, err
		}
		before := pool.Clone()
		out, err := pool.SwapExactAmountIn(params, current, r.TokenOutDenom)
		if err != nil {
			return nil, sdk.Coin{}, errorsmod.Wrapf(err, "pool %d", r.PoolId)
		}
		if err := k.guardTrade(ctx, params, before, &pool); err != nil {
			return nil, sdk.Coin{}, err
		}
		hops = append(hops, swapHop{pool: pool, tokenIn: current, tokenOut: out})
		current = out
	}
	return hops, current, nil
}

// PlanSwapExactAmountOut computes every hop of an exact-out route, last hop
// first, without writing state.
func (k Keeper) PlanSwapExactAmountOut(ctx context.Context, routes []types.SwapAmountOutRoute, tokenOut sdk.Coin) ([]swapHop, sdk.Coin, error) {
	poolIDs := make([]uint64, len(routes))
	denoms := make([]string, 0, len(routes)+1)
	for i, r := range routes {
		poolIDs[i] = r.PoolId
		denoms = append(denoms, r.TokenInDenom)
	}
	if err := types.ValidateRoute(poolIDs, append(denoms, tokenOut.Denom)); err != nil {
		return nil, sdk.Coin{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, sdk.Coin{}, err
	}
	hops := make([]swapHop, len(routes))
	current := tokenOut
	for i := len(routes) - 1; i >= 0; i-- {
		r := routes[i]
		pool, err := k.tradablePool(ctx, r.PoolId)
		if err != nil {
			return nil, sdk.Coin{}, err
		}
		if err := pool.RequireEntryOpen(r.TokenInDenom, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
			return nil, sdk.Coin{}, err
		}
		before := pool.Clone()
		in, err := pool.SwapExactAmountOut(params, r.TokenInDenom, current)
		if err != nil {
			return nil, sdk.Coin{}, errorsmod.Wrapf(err, "pool %d", r.PoolId)
		}
		if err := k.guardTrade(ctx, params, before, &pool); err != nil {
			return nil, sdk.Coin{}, err
		}
		hops[i] = swapHop{pool: pool, tokenIn: in, tokenOut: current}
		current = in
	}
	return hops, current, nil
}

// SwapExactAmountIn runs an exact-in route for sender and enforces tokenOutMin.
func (k Keeper) SwapExactAmountIn(ctx context.Context, sender sdk.AccAddress, routes []types.SwapAmountInRoute, tokenIn sdk.Coin, tokenOutMin sdkmath.Int) (sdkmath.Int, error) {
	hops, out, err := k.PlanSwapExactAmountIn(ctx, routes, tokenIn)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if out.Amount.LT(tokenOutMin) {
		return sdkmath.Int{}, errorsmod.Wrapf(types.ErrSlippage, "token out %s is less than the minimum %s", out, tokenOutMin)
	}
	return out.Amount, k.settleSwap(ctx, sender, hops, tokenIn, out)
}

// SwapExactAmountOut runs an exact-out route for sender and enforces tokenInMax.
func (k Keeper) SwapExactAmountOut(ctx context.Context, sender sdk.AccAddress, routes []types.SwapAmountOutRoute, tokenInMax sdkmath.Int, tokenOut sdk.Coin) (sdkmath.Int, error) {
	hops, in, err := k.PlanSwapExactAmountOut(ctx, routes, tokenOut)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if in.Amount.GT(tokenInMax) {
		return sdkmath.Int{}, errorsmod.Wrapf(types.ErrSlippage, "token in %s is more than the maximum %s", in, tokenInMax)
	}
	return in.Amount, k.settleSwap(ctx, sender, hops, in, tokenOut)
}

// settleSwap moves the tokens, stores the pools and emits one event per hop.
// Intermediate tokens never leave the module account.
func (k Keeper) settleSwap(ctx context.Context, sender sdk.AccAddress, hops []swapHop, tokenIn, tokenOut sdk.Coin) error {
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, sender, types.ModuleName, sdk.NewCoins(tokenIn)); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, sender, sdk.NewCoins(tokenOut)); err != nil {
		return err
	}
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	senderStr, err := k.addressCodec.BytesToString(sender)
	if err != nil {
		return err
	}
	for _, h := range hops {
		if err := k.setPool(ctx, h.pool); err != nil {
			return err
		}
		if err := em.EmitTypedEvent(&types.EventSwap{PoolId: h.pool.Id, Sender: senderStr, TokenIn: h.tokenIn, TokenOut: h.tokenOut}); err != nil {
			return err
		}
		k.countSwap(ctx, h.pool, h.tokenIn, h.tokenOut)
	}
	return nil
}
