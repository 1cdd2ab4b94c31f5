package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// JoinPool mints exactly sharesOut for a proportional deposit bounded by tokenInMaxs
// (an empty list sets no bound).
func (k Keeper) JoinPool(ctx context.Context, sender sdk.AccAddress, poolID uint64, sharesOut sdkmath.Int, tokenInMaxs sdk.Coins) (sdk.Coins, error) {
	k.accrueManagementFee(ctx, poolID)
	pool, tokensIn, err := k.QuoteJoinPool(ctx, sender, poolID, sharesOut)
	if err != nil {
		return nil, err
	}
	for _, c := range tokenInMaxs {
		if _, err := pool.AssetIndex(c.Denom); err != nil {
			return nil, err
		}
	}
	if len(tokenInMaxs) > 0 {
		for _, c := range tokensIn {
			if limit := tokenInMaxs.AmountOf(c.Denom); c.Amount.GT(limit) {
				return nil, errorsmod.Wrapf(types.ErrSlippage, "join needs %s, more than the maximum %s%s", c, limit, c.Denom)
			}
		}
	}
	return tokensIn, k.settleJoin(ctx, sender, pool, tokensIn, sharesOut)
}

// QuoteJoinPool is what a proportional join minting sharesOut would take and
// leave the pool as, with every check the message makes but slippage; it
// writes nothing. A nil sender is an estimate without one: an allow-listed
// pool refuses it.
func (k Keeper) QuoteJoinPool(ctx context.Context, sender sdk.AccAddress, poolID uint64, sharesOut sdkmath.Int) (types.Pool, sdk.Coins, error) {
	pool, err := k.livePool(ctx, poolID)
	if err != nil {
		return types.Pool{}, nil, err
	}
	tokensIn, err := pool.JoinProportional(sharesOut)
	if err != nil {
		return types.Pool{}, nil, err
	}
	if err := k.checkJoinAllowed(ctx, pool, sender); err != nil {
		return types.Pool{}, nil, err
	}
	return pool, tokensIn, nil
}

// JoinSwapExternAmountIn deposits exactly tokenIn for at least shareOutMin shares.
func (k Keeper) JoinSwapExternAmountIn(ctx context.Context, sender sdk.AccAddress, poolID uint64, tokenIn sdk.Coin, shareOutMin sdkmath.Int) (sdkmath.Int, error) {
	k.accrueManagementFee(ctx, poolID)
	pool, shares, err := k.QuoteJoinSwapExternAmountIn(ctx, sender, poolID, tokenIn)
	if err != nil {
		return sdkmath.Int{}, err
	}
	return shares, k.settleJoinForShares(ctx, sender, pool, sdk.NewCoins(tokenIn), shares, shareOutMin)
}

// QuoteJoinSwapExternAmountIn is what depositing exactly tokenIn would mint;
// see QuoteJoinPool.
func (k Keeper) QuoteJoinSwapExternAmountIn(ctx context.Context, sender sdk.AccAddress, poolID uint64, tokenIn sdk.Coin) (types.Pool, sdkmath.Int, error) {
	return k.quoteJoinForShares(ctx, sender, poolID, sdk.NewCoins(tokenIn), func(pool *types.Pool, params types.Params, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
		return pool.JoinSingleAssetWithFee(params, fee, tokenIn)
	})
}

// JoinPoolExactAmountsIn deposits exactly tokensIn for at least shareOutMin shares.
func (k Keeper) JoinPoolExactAmountsIn(ctx context.Context, sender sdk.AccAddress, poolID uint64, tokensIn sdk.Coins, shareOutMin sdkmath.Int) (sdkmath.Int, error) {
	k.accrueManagementFee(ctx, poolID)
	pool, shares, err := k.QuoteJoinPoolExactAmountsIn(ctx, sender, poolID, tokensIn)
	if err != nil {
		return sdkmath.Int{}, err
	}
	return shares, k.settleJoinForShares(ctx, sender, pool, tokensIn, shares, shareOutMin)
}

// QuoteJoinPoolExactAmountsIn is what depositing exactly tokensIn would mint;
// see QuoteJoinPool.
func (k Keeper) QuoteJoinPoolExactAmountsIn(ctx context.Context, sender sdk.AccAddress, poolID uint64, tokensIn sdk.Coins) (types.Pool, sdkmath.Int, error) {
	return k.quoteJoinForShares(ctx, sender, poolID, tokensIn, func(pool *types.Pool, params types.Params, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
		return pool.JoinExactAmountsWithFee(params, fee, tokensIn)
	})
}

// quoteJoinForShares runs a join that deposits exactly tokensIn on a copy of
// the pool: mint computes the shares (updating the copy) at the fee rate the
// pool's policy sets for a deposit of that size.
func (k Keeper) quoteJoinForShares(ctx context.Context, sender sdk.AccAddress, poolID uint64, tokensIn sdk.Coins,
	mint func(*types.Pool, types.Params, sdkmath.LegacyDec) (sdkmath.Int, error),
) (types.Pool, sdkmath.Int, error) {
	pool, err := k.tradablePool(ctx, poolID)
	if err != nil {
		return types.Pool{}, sdkmath.Int{}, err
	}
	// A proportional join may bring in any asset (it moves no price); a
	// single-asset or uneven one is a swap in, and closed assets refuse it.
	for _, c := range tokensIn {
		if err := pool.RequireEntryOpen(c.Denom, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
			return types.Pool{}, sdkmath.Int{}, err
		}
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.Pool{}, sdkmath.Int{}, err
	}
	fee, err := k.joinExitFee(ctx, params, &pool, types.JoinRatio(pool, tokensIn))
	if err != nil {
		return types.Pool{}, sdkmath.Int{}, err
	}
	before := pool.Clone()
	shares, err := mint(&pool, params, fee)
	if err != nil {
		return types.Pool{}, sdkmath.Int{}, err
	}
	if err := k.guardTrade(ctx, params, before, &pool); err != nil {
		return types.Pool{}, sdkmath.Int{}, err
	}
	if err := k.checkJoinAllowed(ctx, pool, sender); err != nil {
		return types.Pool{}, sdkmath.Int{}, err
	}
	return pool, shares, nil
}

// settleJoinForShares enforces shareOutMin and settles the join.
func (k Keeper) settleJoinForShares(ctx context.Context, sender sdk.AccAddress, pool types.Pool, tokensIn sdk.Coins, shares, shareOutMin sdkmath.Int) error {
	if shares.LT(shareOutMin) {
		return errorsmod.Wrapf(types.ErrSlippage, "join mints %s shares, less than the minimum %s", shares, shareOutMin)
	}
	return k.settleJoin(ctx, sender, pool, tokensIn, shares)
}

// ExitPool burns exactly sharesIn for a proportional withdrawal bounded below by tokenOutMins.
func (k Keeper) ExitPool(ctx context.Context, sender sdk.AccAddress, poolID uint64, sharesIn sdkmath.Int, tokenOutMins sdk.Coins) (sdk.Coins, error) {
	k.accrueManagementFee(ctx, poolID)
	pool, err := k.livePool(ctx, poolID)
	if err != nil {
		return nil, err
	}
	for _, c := range tokenOutMins {
		if _, err := pool.AssetIndex(c.Denom); err != nil {
			return nil, err
		}
	}
	tokensOut, err := pool.ExitProportional(sharesIn)
	if err != nil {
		return nil, err
	}
	for _, limit := range tokenOutMins {
		if got := tokensOut.AmountOf(limit.Denom); got.LT(limit.Amount) {
			return nil, errorsmod.Wrapf(types.ErrSlippage, "exit pays %s%s, less than the minimum %s", got, limit.Denom, limit)
		}
	}
	return tokensOut, k.settleExit(ctx, sender, pool, sharesIn, tokensOut)
}

// ExitSwapShareAmountIn burns exactly sharesIn for at least tokenOutMin of one asset.
func (k Keeper) ExitSwapShareAmountIn(ctx context.Context, sender sdk.AccAddress, poolID uint64, tokenOutDenom string, sharesIn, tokenOutMin sdkmath.Int) (sdkmath.Int, error) {
	k.accrueManagementFee(ctx, poolID)
	pool, tokenOut, err := k.QuoteExitSwapShareAmountIn(ctx, poolID, tokenOutDenom, sharesIn)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if tokenOut.Amount.LT(tokenOutMin) {
		return sdkmath.Int{}, errorsmod.Wrapf(types.ErrSlippage, "exit pays %s, less than the minimum %s", tokenOut, tokenOutMin)
	}
	return tokenOut.Amount, k.settleExit(ctx, sender, pool, sharesIn, sdk.NewCoins(tokenOut))
}

// settleJoin takes the tokens, mints the shares, stores the pool and emits
// EventJoin; the quote checked the allow-list and share cap.
func (k Keeper) settleJoin(ctx context.Context, sender sdk.AccAddress, pool types.Pool, tokensIn sdk.Coins, sharesOut sdkmath.Int) error {
	if err := k.depositToModule(ctx, sender, tokensIn); err != nil {
		return err
	}
	shares := sdk.NewCoin(pool.ShareDenom, sharesOut)
	if err := k.mintShares(ctx, sender, shares); err != nil {
		return err
	}
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	if err := k.listOwingPool(ctx, pool); err != nil {
		return err
	}
	senderStr, err := k.addressCodec.BytesToString(sender)
	if err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventJoin{
		PoolId: pool.Id, Sender: senderStr, TokensIn: tokensIn, SharesOut: shares,
	})
}

// settleExit burns the shares, pays the tokens, stores the pool and emits EventExit.
func (k Keeper) settleExit(ctx context.Context, sender sdk.AccAddress, pool types.Pool, sharesIn sdkmath.Int, tokensOut sdk.Coins) error {
	shares := sdk.NewCoin(pool.ShareDenom, sharesIn)
	if err := k.burnShares(ctx, sender, shares); err != nil {
		return err
	}
	if !tokensOut.IsZero() {
		if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, sender, tokensOut); err != nil {
			return err
		}
	}
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	if err := k.listOwingPool(ctx, pool); err != nil {
		return err
	}
	senderStr, err := k.addressCodec.BytesToString(sender)
	if err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventExit{
		PoolId: pool.Id, Sender: senderStr, SharesIn: shares, TokensOut: tokensOut,
	})
}

// QuoteExitSwapShareAmountIn is what burning sharesIn for one asset would pay
// and leave the pool as, with every check the message makes but slippage.
func (k Keeper) QuoteExitSwapShareAmountIn(ctx context.Context, poolID uint64, tokenOutDenom string, sharesIn sdkmath.Int) (types.Pool, sdk.Coin, error) {
	pool, err := k.tradablePool(ctx, poolID)
	if err != nil {
		return types.Pool{}, sdk.Coin{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.Pool{}, sdk.Coin{}, err
	}
	out, err := pool.AssetIndex(tokenOutDenom)
	if err != nil {
		return types.Pool{}, sdk.Coin{}, err
	}
	fee, err := k.joinExitFee(ctx, params, &pool, types.ExitRatio(params, pool, out, sharesIn))
	if err != nil {
		return types.Pool{}, sdk.Coin{}, err
	}
	before := pool.Clone()
	tokenOut, err := pool.ExitSingleAssetWithFee(params, fee, tokenOutDenom, sharesIn)
	if err != nil {
		return types.Pool{}, sdk.Coin{}, err
	}
	if err := k.guardTrade(ctx, params, before, &pool); err != nil {
		return types.Pool{}, sdk.Coin{}, err
	}
	return pool, tokenOut, nil
}
