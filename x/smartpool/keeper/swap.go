package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// swapHop is one computed hop of a route: the pool after the hop, what went
// in and out, and the fee rate, fee and protocol share it paid.
type swapHop struct {
	pool        types.Pool
	tokenIn     sdk.Coin
	tokenOut    sdk.Coin
	swapFee     sdkmath.LegacyDec
	fee         sdk.Coin
	protocolFee sdk.Coin
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
		tokenIn := current
		var out sdk.Coin
		fee, err := k.priceSwap(ctx, params, &pool, tokenIn.Denom, r.TokenOutDenom, types.InRatio(tokenIn.Amount, balanceOf(pool, tokenIn.Denom)),
			func(p *types.Pool, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
				c, err := p.SwapExactAmountInWithFee(params, fee, tokenIn, r.TokenOutDenom)
				out = c
				return tokenIn.Amount, err
			})
		if err != nil {
			return nil, sdk.Coin{}, errorsmod.Wrapf(err, "pool %d", r.PoolId)
		}
		hop := bookSwapFee(params, &pool, tokenIn, out, fee)
		if err := k.guardTrade(ctx, params, before, &pool); err != nil {
			return nil, sdk.Coin{}, err
		}
		hop.pool = pool
		hops = append(hops, hop)
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
		tokenOut := current
		var in sdk.Coin
		fee, err := k.priceSwap(ctx, params, &pool, r.TokenInDenom, tokenOut.Denom, sdkmath.LegacyZeroDec(),
			func(p *types.Pool, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
				c, err := p.SwapExactAmountOutWithFee(params, fee, r.TokenInDenom, tokenOut)
				in = c
				return c.Amount, err
			})
		if err != nil {
			return nil, sdk.Coin{}, errorsmod.Wrapf(err, "pool %d", r.PoolId)
		}
		hop := bookSwapFee(params, &pool, in, tokenOut, fee)
		if err := k.guardTrade(ctx, params, before, &pool); err != nil {
			return nil, sdk.Coin{}, err
		}
		hop.pool = pool
		hops[i] = hop
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
	if err := k.depositToModule(ctx, sender, sdk.NewCoins(tokenIn)); err != nil {
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
		if err := k.markProtocolFeeDue(ctx, h); err != nil {
			return err
		}
		ev, err := swapEvent(&types.EventSwap{
			PoolId: h.pool.Id, Sender: senderStr, TokenIn: h.tokenIn, TokenOut: h.tokenOut,
			SwapFee: h.swapFee, Fee: h.fee, ProtocolFee: h.protocolFee,
		})
		if err != nil {
			return err
		}
		em.EmitEvent(ev)
		k.countSwap(ctx, h.pool, h.tokenIn, h.tokenOut)
	}
	return nil
}

// bookSwapFee records a hop's fee on the pool (LP income, and the protocol's
// share moved out of the balance) and returns the hop without its pool.
func bookSwapFee(params types.Params, pool *types.Pool, tokenIn, tokenOut sdk.Coin, rate sdkmath.LegacyDec) swapHop {
	fee, protocol := pool.BookSwapFee(params, tokenIn, rate)
	return swapHop{
		tokenIn: tokenIn, tokenOut: tokenOut, swapFee: rate,
		fee: sdk.NewCoin(tokenIn.Denom, fee), protocolFee: sdk.NewCoin(tokenIn.Denom, protocol),
	}
}

// balanceOf is the pool's balance of denom, zero if it has none.
func balanceOf(pool types.Pool, denom string) sdkmath.Int {
	if i, err := pool.AssetIndex(denom); err == nil {
		return pool.Assets[i].Balance
	}
	return sdkmath.ZeroInt()
}
