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

var errNoAmount = errors.New("no amount fits")

// capRoom is how many more shares the pool's share cap lets it mint
// (unbounded without a cap: -1).
func capRoom(pool types.Pool) sdkmath.Int {
	if !pool.HasShareCap() {
		return sdkmath.NewInt(-1)
	}
	return pool.ShareCap.Sub(pool.TotalShares)
}

// MsgJoinPoolFactory mints up to a fifth of the pool's shares for a
// proportional deposit the joiner holds, within the share cap, to an account
// the allow-list admits. Proportional joins stay open while swaps are paused.
func MsgJoinPoolFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgJoinPool] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgJoinPool) {
		pool, ok := randomPool(ctx, k, testData, reporter, "with room under its share cap", func(p types.Pool) bool {
			return !p.HasShareCap() || p.ShareCap.GT(p.TotalShares)
		})
		if !ok {
			return nil, nil
		}
		pool = pool.AtTime(blockTime(ctx))
		from, ok := joiner(ctx, k, testData, reporter, pool, pool.Denoms())
		if !ok {
			return nil, nil
		}
		shares := randInt(testData, pool.TotalShares.QuoRaw(5))
		if room := capRoom(pool); !room.IsNegative() {
			shares = sdkmath.MinInt(shares, room)
		}
		var tokensIn sdk.Coins
		for range 8 {
			if !shares.IsPositive() {
				break
			}
			var in sdk.Coins
			err := afterAccrual(ctx, k, pool.Id, from.AddressBech32, func(c context.Context) error {
				var err error
				_, in, err = k.QuoteJoinPool(c, from.Address, pool.Id, shares)
				return err
			})
			if err == nil && from.LiquidBalance().IsAllGTE(in) {
				tokensIn = in
				break
			}
			shares = shares.QuoRaw(4)
		}
		if tokensIn == nil || !blockAll(&from, tokensIn) {
			reporter.Skip("joiner cannot pay for any shares")
			return nil, nil
		}
		maxs := tokensIn
		if testData.Rand().Intn(3) == 0 {
			maxs = nil // no bound
		}
		return []simsx.SimAccount{from}, &types.MsgJoinPool{Sender: from.AddressBech32, PoolId: pool.Id, ShareOutAmount: shares, TokenInMaxs: maxs}
	}
}

// MsgJoinSwapExternAmountInFactory deposits one asset within max_in_ratio.
func MsgJoinSwapExternAmountInFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgJoinSwapExternAmountIn] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgJoinSwapExternAmountIn) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		now := blockTime(ctx)
		pool, ok := randomPool(ctx, k, testData, reporter, "open for single-asset joins", func(p types.Pool) bool {
			return !p.SwapsPaused && (!p.HasShareCap() || p.ShareCap.GT(p.TotalShares)) && len(openDenoms(p, now)) > 0
		})
		if !ok {
			return nil, nil
		}
		pool = pool.AtTime(now)
		denom := pick(testData, openDenoms(pool, now))
		from, ok := joiner(ctx, k, testData, reporter, pool, []string{denom})
		if !ok {
			return nil, nil
		}
		amount := randInt(testData, sdkmath.MinInt(ratioOf(params.MaxInRatio, balanceOf(pool, denom)), from.LiquidBalance().AmountOf(denom)))
		shares := sdkmath.ZeroInt()
		for range 8 {
			if !amount.IsPositive() {
				break
			}
			var s sdkmath.Int
			err := afterAccrual(ctx, k, pool.Id, from.AddressBech32, func(c context.Context) error {
				var err error
				_, s, err = k.QuoteJoinSwapExternAmountIn(c, from.Address, pool.Id, sdk.NewCoin(denom, amount))
				return err
			})
			if err == nil {
				shares = s
				break
			}
			amount = amount.QuoRaw(4)
		}
		tokenIn := sdk.NewCoin(denom, amount)
		if !shares.IsPositive() || !from.LiquidBalance().BlockAmount(tokenIn) {
			reporter.Skip("no deposit mints shares within the limits")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgJoinSwapExternAmountIn{
			Sender: from.AddressBech32, PoolId: pool.Id, TokenIn: tokenIn, ShareOutMinAmount: minOf(testData, shares),
		}
	}
}

// MsgJoinPoolExactAmountsInFactory deposits a random subset of the pool's
// assets in random amounts, each within max_in_ratio.
func MsgJoinPoolExactAmountsInFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgJoinPoolExactAmountsIn] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgJoinPoolExactAmountsIn) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		now := blockTime(ctx)
		pool, ok := randomPool(ctx, k, testData, reporter, "open for uneven joins", func(p types.Pool) bool {
			return !p.SwapsPaused && (!p.HasShareCap() || p.ShareCap.GT(p.TotalShares)) && len(openDenoms(p, now)) > 0
		})
		if !ok {
			return nil, nil
		}
		pool = pool.AtTime(now)
		r := testData.Rand()
		denoms := openDenoms(pool, now)
		r.Shuffle(len(denoms), func(i, j int) { denoms[i], denoms[j] = denoms[j], denoms[i] })
		denoms = denoms[:1+r.Intn(len(denoms))]
		from, ok := joiner(ctx, k, testData, reporter, pool, denoms)
		if !ok {
			return nil, nil
		}
		amounts := make([]sdkmath.Int, len(denoms))
		for i, d := range denoms {
			amounts[i] = randInt(testData, sdkmath.MinInt(ratioOf(params.MaxInRatio, balanceOf(pool, d)), from.LiquidBalance().AmountOf(d)))
		}
		var tokensIn sdk.Coins
		shares := sdkmath.ZeroInt()
		for range 8 {
			coins := sdk.NewCoins()
			for i, d := range denoms {
				coins = coins.Add(sdk.NewCoin(d, amounts[i]))
			}
			if coins.Empty() {
				break
			}
			var s sdkmath.Int
			err := afterAccrual(ctx, k, pool.Id, from.AddressBech32, func(c context.Context) error {
				var err error
				_, s, err = k.QuoteJoinPoolExactAmountsIn(c, from.Address, pool.Id, coins)
				return err
			})
			if err == nil {
				tokensIn, shares = coins, s
				break
			}
			for i := range amounts {
				amounts[i] = amounts[i].QuoRaw(4)
			}
		}
		if tokensIn == nil || !blockAll(&from, tokensIn) {
			reporter.Skip("no deposit mints shares within the limits")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgJoinPoolExactAmountsIn{
			Sender: from.AddressBech32, PoolId: pool.Id, TokensIn: tokensIn, ShareOutMinAmount: minOf(testData, shares),
		}
	}
}

// MsgExitPoolFactory burns some of a holder's shares for a proportional
// withdrawal (open while swaps are paused); the pool never empties.
func MsgExitPoolFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgExitPool] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgExitPool) {
		pool, ok := randomPool(ctx, k, testData, reporter, "", func(types.Pool) bool { return true })
		if !ok {
			return nil, nil
		}
		pool = pool.AtTime(blockTime(ctx))
		from, ok := shareHolder(testData, reporter, pool)
		if !ok {
			return nil, nil
		}
		shares := randInt(testData, from.LiquidBalance().AmountOf(pool.ShareDenom))
		var tokensOut sdk.Coins
		for range 8 {
			if !shares.IsPositive() {
				break
			}
			res, err := estimateExit(ctx, k, &types.QueryEstimateExitRequest{PoolId: pool.Id, ShareInAmount: shares.String()})
			if err == nil {
				tokensOut = res.TokensOut
				break
			}
			shares = shares.QuoRaw(4)
		}
		if tokensOut == nil || !from.LiquidBalance().BlockAmount(sdk.NewCoin(pool.ShareDenom, shares)) {
			reporter.Skip("no exit the pool allows")
			return nil, nil
		}
		mins := tokensOut
		if testData.Rand().Intn(3) == 0 {
			mins = nil
		}
		return []simsx.SimAccount{from}, &types.MsgExitPool{Sender: from.AddressBech32, PoolId: pool.Id, ShareInAmount: shares, TokenOutMins: mins}
	}
}

// MsgExitSwapShareAmountInFactory burns some of a holder's shares for one
// asset, within max_out_ratio.
func MsgExitSwapShareAmountInFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgExitSwapShareAmountIn] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgExitSwapShareAmountIn) {
		pool, ok := randomPool(ctx, k, testData, reporter, "open for single-asset exits", func(p types.Pool) bool { return !p.SwapsPaused })
		if !ok {
			return nil, nil
		}
		pool = pool.AtTime(blockTime(ctx))
		from, ok := shareHolder(testData, reporter, pool)
		if !ok {
			return nil, nil
		}
		denom := pick(testData, pool.Denoms())
		shares := randInt(testData, from.LiquidBalance().AmountOf(pool.ShareDenom))
		out := sdkmath.ZeroInt()
		for range 8 {
			if !shares.IsPositive() {
				break
			}
			res, err := estimateExit(ctx, k, &types.QueryEstimateExitRequest{PoolId: pool.Id, ShareInAmount: shares.String(), TokenOutDenom: denom})
			if err == nil {
				out = res.TokensOut.AmountOf(denom)
				break
			}
			shares = shares.QuoRaw(4)
		}
		if !out.IsPositive() || !from.LiquidBalance().BlockAmount(sdk.NewCoin(pool.ShareDenom, shares)) {
			reporter.Skip("no exit the pool allows")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgExitSwapShareAmountIn{
			Sender: from.AddressBech32, PoolId: pool.Id, TokenOutDenom: denom, ShareInAmount: shares, TokenOutMinAmount: minOf(testData, out),
		}
	}
}

// minOf is a slippage bound: the exact quote, or 1% below it.
func minOf(testData *simsx.ChainDataSource, quote sdkmath.Int) sdkmath.Int {
	if testData.Rand().Intn(2) == 0 {
		return quote
	}
	return quote.MulRaw(99).QuoRaw(100)
}
