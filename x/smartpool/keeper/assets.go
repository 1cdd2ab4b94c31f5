package keeper

import (
	"context"
	"sort"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// Adding and removing assets keeps every LP's value per share: in a weighted
// pool each asset holds the share of the value its weight says, so an asset of
// weight w is worth S·w/Σw shares at the pool's own prices. The controller
// pays for an added asset with its deposit and is paid for a removed one with
// its balance; prices between the other assets do not move.

func (k Keeper) addAsset(ctx context.Context, pool *types.Pool, params types.Params, controller string, c types.AddAssetChange, at time.Time, dryRun bool) error {
	if err := requireNoSchedule(*pool, at); err != nil {
		return err
	}
	if strings.HasPrefix(c.Deposit.Denom, types.ShareDenomPrefix) {
		return errorsmod.Wrapf(types.ErrInvalidAssets, "%s is a pool share; shares cannot be pool assets", c.Deposit.Denom)
	}
	if _, err := pool.AssetIndex(c.Deposit.Denom); err == nil {
		return errorsmod.Wrapf(types.ErrInvalidAssets, "%s is already in pool %d", c.Deposit.Denom, pool.Id)
	}
	oldWeight := pool.TotalWeight()
	shares := pool.TotalShares.Mul(c.Weight).Quo(oldWeight) // rounded down: the pool keeps the rest
	if !shares.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "weight %s is too small to be worth a share", c.Weight)
	}
	next := pool.Clone()
	next.Assets = append(next.Assets, types.PoolAsset{Denom: c.Deposit.Denom, Balance: c.Deposit.Amount, Weight: c.Weight})
	sort.Slice(next.Assets, func(i, j int) bool { return next.Assets[i].Denom < next.Assets[j].Denom })
	next.TotalShares = pool.TotalShares.Add(shares)
	if err := checkAssetChange(next, params); err != nil {
		return err
	}
	if w := sdkmath.LegacyNewDecFromInt(c.Weight).QuoInt(next.TotalWeight()); w.GT(maxChangingWeight(params)) {
		return errorsmod.Wrapf(types.ErrInvalidWeight, "a new asset enters at a normalized weight of at most %s, not %s; raise it with a weight schedule",
			maxChangingWeight(params), w)
	}
	if next.HasShareCap() && next.TotalShares.GT(next.ShareCap) {
		return errorsmod.Wrapf(types.ErrShareCap, "the new asset's %s shares would pass the cap %s", shares, next.ShareCap)
	}
	if dryRun {
		return nil
	}
	addr, err := k.addressCodec.StringToBytes(controller)
	if err != nil {
		return errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, addr, types.ModuleName, sdk.NewCoins(c.Deposit)); err != nil {
		return errorsmod.Wrap(err, "taking the deposit")
	}
	sharesOut := sdk.NewCoin(pool.ShareDenom, shares)
	if err := k.mintShares(ctx, addr, sharesOut); err != nil {
		return err
	}
	*pool = next
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAssetAdded{
		PoolId: pool.Id, Deposit: c.Deposit, Weight: c.Weight.String(), SharesOut: sharesOut,
	})
}

func (k Keeper) removeAsset(ctx context.Context, pool *types.Pool, params types.Params, controller string, c types.RemoveAssetChange, at time.Time, dryRun bool) error {
	if err := requireNoSchedule(*pool, at); err != nil {
		return err
	}
	i, err := pool.AssetIndex(c.Denom)
	if err != nil {
		return err
	}
	removed := pool.Assets[i]
	sharesIn := poolmath.CeilDiv(pool.TotalShares.Mul(removed.Weight), pool.TotalWeight()) // rounded up: the pool keeps the rest
	if sharesIn.GTE(pool.TotalShares) {
		return errorsmod.Wrapf(types.ErrInvalidShares, "removing %s would burn every share", c.Denom)
	}
	next := pool.Clone()
	next.Assets = append(next.Assets[:i:i], pool.Assets[i+1:]...)
	next.TotalShares = pool.TotalShares.Sub(sharesIn)
	if err := checkAssetChange(next, params); err != nil {
		return err
	}
	if w := pool.NormalizedWeight(i); w.GT(maxChangingWeight(params)) {
		return errorsmod.Wrapf(types.ErrInvalidWeight, "an asset leaves at a normalized weight of at most %s, not %s; lower it with a weight schedule first",
			maxChangingWeight(params), w)
	}
	if dryRun {
		return nil
	}
	addr, err := k.addressCodec.StringToBytes(controller)
	if err != nil {
		return errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
	}
	burned := sdk.NewCoin(pool.ShareDenom, sharesIn)
	if err := k.burnShares(ctx, addr, burned); err != nil {
		return errorsmod.Wrapf(err, "the controller must hold the %s the asset stands for", burned)
	}
	tokenOut := sdk.NewCoin(removed.Denom, removed.Balance)
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, addr, sdk.NewCoins(tokenOut)); err != nil {
		return err
	}
	*pool = next
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAssetRemoved{
		PoolId: pool.Id, TokenOut: tokenOut, SharesIn: burned,
	})
}

// checkAssetChange checks a pool after its assets changed: structure, params
// bounds and its own exposure cap.
func checkAssetChange(pool types.Pool, params types.Params) error {
	if err := types.ValidateAssets(pool.Assets); err != nil {
		return err
	}
	if err := pool.ValidateAgainstParams(params); err != nil {
		return err
	}
	return pool.ValidateControl(0)
}

// maxChangingWeight is the largest normalized weight at which an asset may
// enter or leave a pool.
func maxChangingWeight(params types.Params) sdkmath.LegacyDec {
	return params.MinNormalizedWeight.MulInt64(types.AssetChangeMaxWeightFactor)
}

// requireNoSchedule refuses asset changes while a weight schedule still runs
// at `at`: its weights are per asset.
func requireNoSchedule(pool types.Pool, at time.Time) error {
	if s := pool.WeightSchedule; s != nil && at.Before(s.EndTime) {
		return errorsmod.Wrap(types.ErrInvalidSchedule, "assets cannot change while a weight schedule runs")
	}
	return nil
}
