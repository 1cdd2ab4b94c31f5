package keeper

import (
	"context"
	"sort"
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
//
// What the controller could still take, and how it cannot:
//   - the deposit alone sets an added asset's price, so a dust deposit would
//     make it dear; for the pool's time-lock after it is added the asset may
//     only be bought from the pool, never sold into it (and the queued change
//     shows the implied price, so LPs see it coming);
//   - a removal pays the leaving asset's whole balance for a fixed number of
//     shares, so swapping it into the pool just before would be refunded at
//     the other LPs' cost; once a removal is queued the asset may only leave,
//     and a removal is refused while swaps are paused (no arbitrage could
//     correct its price then).

func (k Keeper) addAsset(ctx context.Context, pool *types.Pool, params types.Params, controller string, c types.AddAssetChange, at time.Time, dryRun bool) error {
	if err := requireNoSchedule(*pool, at); err != nil {
		return err
	}
	if err := types.ValidateAssetDenom(c.Deposit.Denom); err != nil {
		return err
	}
	if _, err := pool.AssetIndex(c.Deposit.Denom); err == nil {
		return errorsmod.Wrapf(types.ErrInvalidAssets, "%s is already in pool %d", c.Deposit.Denom, pool.Id)
	}
	shares, err := poolmath.MulDivDown(pool.TotalShares, c.Weight, pool.TotalWeight()) // rounded down: the pool keeps the rest
	if err != nil {
		return errorsmod.Wrap(types.ErrMath, err.Error())
	}
	if !shares.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "weight %s is too small to be worth a share", c.Weight)
	}
	next := pool.Clone()
	next.Assets = append(next.Assets, types.PoolAsset{Denom: c.Deposit.Denom, Balance: c.Deposit.Amount, Weight: c.Weight})
	sort.Slice(next.Assets, func(i, j int) bool { return next.Assets[i].Denom < next.Assets[j].Denom })
	if err := next.AddShares(shares); err != nil {
		return err
	}
	if err := checkAssetChange(*pool, next, params); err != nil {
		return err
	}
	if w := sdkmath.LegacyNewDecFromInt(c.Weight).QuoInt(next.TotalWeight()); w.GT(maxChangingWeight(params)) {
		return errorsmod.Wrapf(types.ErrInvalidWeight, "a new asset enters at a normalized weight of at most %s, not %s; raise it with a weight schedule",
			maxChangingWeight(params), w)
	}
	if next.HasShareCap() && next.TotalShares.GT(next.ShareCap) {
		return errorsmod.Wrapf(types.ErrShareCap, "the new asset's %s shares would pass the cap %s", shares, next.ShareCap)
	}
	parties, err := k.assetParties(controller, c.Recipient)
	if err != nil {
		return err
	}
	if err := k.checkShareRecipient(ctx, *pool, parties); err != nil {
		return err
	}
	if dryRun {
		return k.checkCanPay(ctx, parties, sdk.NewCoins(c.Deposit))
	}
	if err := k.payIn(ctx, parties, sdk.NewCoins(c.Deposit)); err != nil {
		return errorsmod.Wrap(err, "taking the deposit")
	}
	sharesOut := sdk.NewCoin(pool.ShareDenom, shares)
	if err := k.mintSharesTo(ctx, parties, sharesOut); err != nil {
		return err
	}
	// Its deposit alone set its price: it may only be bought for a time-lock.
	// A time, not an Int: the time-lock is at most HardMaxTimelock (30 days).
	next.EntryClosed = append(openEntries(next.EntryClosed, at), types.EntryClosedAsset{Denom: c.Deposit.Denom, Until: at.Add(pool.Timelock)})
	*pool = next
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAssetAdded{
		PoolId: pool.Id, Deposit: c.Deposit, Weight: c.Weight.String(), SharesOut: sharesOut,
	})
}

func (k Keeper) removeAsset(ctx context.Context, pool *types.Pool, params types.Params, controller string, c types.RemoveAssetChange, at time.Time, dryRun bool) error {
	if err := requireNoSchedule(*pool, at); err != nil {
		return err
	}
	if pool.SwapsPaused {
		return errorsmod.Wrapf(types.ErrPoolPaused, "pool %d: an asset cannot be removed while swaps are paused, since no trade could correct its price", pool.Id)
	}
	i, err := pool.AssetIndex(c.Denom)
	if err != nil {
		return err
	}
	removed := pool.Assets[i]
	sharesIn, err := poolmath.MulDivUp(pool.TotalShares, removed.Weight, pool.TotalWeight()) // rounded up: the pool keeps the rest
	if err != nil {
		return errorsmod.Wrap(types.ErrMath, err.Error())
	}
	if sharesIn.GTE(pool.TotalShares) {
		return errorsmod.Wrapf(types.ErrInvalidShares, "removing %s would burn every share", c.Denom)
	}
	next := pool.Clone()
	next.Assets = append(next.Assets[:i:i], pool.Assets[i+1:]...)
	next.TotalShares = pool.TotalShares.Sub(sharesIn)
	if err := checkAssetChange(*pool, next, params); err != nil {
		return err
	}
	if w := pool.NormalizedWeight(i); w.GT(maxChangingWeight(params)) {
		return errorsmod.Wrapf(types.ErrInvalidWeight, "an asset leaves at a normalized weight of at most %s, not %s; lower it with a weight schedule first",
			maxChangingWeight(params), w)
	}
	parties, err := k.assetParties(controller, c.Recipient)
	if err != nil {
		return err
	}
	burned := sdk.NewCoin(pool.ShareDenom, sharesIn)
	if dryRun {
		// Shares may move during the time-lock; this only refuses a removal
		// that could not apply as things stand.
		return k.checkCanPay(ctx, parties, sdk.NewCoins(burned))
	}
	if err := k.payIn(ctx, parties, sdk.NewCoins(burned)); err != nil {
		return errorsmod.Wrapf(err, "the controller must hold the %s the asset stands for", burned)
	}
	if err := k.bankKeeper.BurnCoins(ctx, types.ModuleName, sdk.NewCoins(burned)); err != nil {
		return err
	}
	tokenOut := sdk.NewCoin(removed.Denom, removed.Balance)
	if err := k.payOut(ctx, parties, sdk.NewCoins(tokenOut)); err != nil {
		return err
	}
	next.EntryClosed = withoutDenom(openEntries(next.EntryClosed, at), removed.Denom)
	*pool = next
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAssetRemoved{
		PoolId: pool.Id, TokenOut: tokenOut, SharesIn: burned,
	})
}

// checkAssetChange checks a pool after its assets changed: structure, its own
// exposure cap and the params bounds. A pool that params changed after it was
// made may lie outside the bounds; it may then still change its assets if the
// change moves it toward them: the asset count closer to the allowed range,
// and no weight newly below the minimum nor a weight already below it lower.
func checkAssetChange(before, after types.Pool, params types.Params) error {
	if err := types.ValidateAssets(after.Assets); err != nil {
		return err
	}
	if err := after.ValidateControl(0); err != nil {
		return err
	}
	if d := countDistance(len(after.Assets), params); d > 0 && d >= countDistance(len(before.Assets), params) {
		return errorsmod.Wrapf(types.ErrInvalidAssets, "a pool has %d to %d assets; %d would not move it toward that", params.MinAssets, params.MaxAssets, len(after.Assets))
	}
	for i, a := range after.Assets {
		w := after.NormalizedWeight(i)
		if w.GTE(params.MinNormalizedWeight) {
			continue
		}
		j, err := before.AssetIndex(a.Denom)
		if err != nil || w.LT(before.NormalizedWeight(j)) {
			return errorsmod.Wrapf(types.ErrInvalidWeight, "normalized weight of %s would be %s, below the minimum %s", a.Denom, w, params.MinNormalizedWeight)
		}
	}
	return nil
}

// countDistance is how far n assets are from the allowed range.
func countDistance(n int, params types.Params) int {
	switch {
	case n < int(params.MinAssets):
		return int(params.MinAssets) - n
	case n > int(params.MaxAssets):
		return n - int(params.MaxAssets)
	}
	return 0
}

// maxChangingWeight is the largest normalized weight at which an asset may
// enter or leave a pool. Params validation keeps min_normalized_weight ≤ 5%,
// so this stays at most 10% of the pool.
func maxChangingWeight(params types.Params) sdkmath.LegacyDec {
	return params.MinNormalizedWeight.MulInt64(types.AssetChangeMaxWeightFactor)
}

// requireNoSchedule refuses asset changes while a weight schedule still runs
// at `at`: its weights are per asset.
func requireNoSchedule(pool types.Pool, at time.Time) error {
	if s := pool.WeightSchedule; s != nil && at.Before(s.FinalTime()) {
		return errorsmod.Wrap(types.ErrInvalidSchedule, "assets cannot change while a weight schedule runs")
	}
	return nil
}

// openEntries drops the entry holds whose time has passed.
func openEntries(entries []types.EntryClosedAsset, at time.Time) []types.EntryClosedAsset {
	out := entries[:0:0]
	for _, e := range entries {
		if e.RemovalChangeId != 0 || at.Before(e.Until) {
			out = append(out, e)
		}
	}
	return out
}

func withoutDenom(entries []types.EntryClosedAsset, denom string) []types.EntryClosedAsset {
	out := entries[:0:0]
	for _, e := range entries {
		if e.Denom != denom {
			out = append(out, e)
		}
	}
	return out
}

// holdForRemoval closes a queued removal's asset to entry until the removal
// leaves the queue.
func (k Keeper) holdForRemoval(ctx context.Context, change types.PendingChange) error {
	c, ok := change.Change.(*types.PendingChange_RemoveAsset)
	if !ok {
		return nil
	}
	pool, err := k.GetPool(ctx, change.PoolId)
	if err != nil {
		return err
	}
	pool.EntryClosed = append(pool.EntryClosed, types.EntryClosedAsset{Denom: c.RemoveAsset.Denom, RemovalChangeId: change.Id})
	return k.setPool(ctx, pool)
}

// releaseRemovalHold reopens an asset when the removal that held it leaves the
// queue (applied, dropped or cancelled).
func (k Keeper) releaseRemovalHold(ctx context.Context, change types.PendingChange) error {
	if _, ok := change.Change.(*types.PendingChange_RemoveAsset); !ok {
		return nil
	}
	pool, err := k.GetPool(ctx, change.PoolId)
	if err != nil {
		return err
	}
	kept := pool.EntryClosed[:0:0]
	for _, e := range pool.EntryClosed {
		if e.RemovalChangeId != change.Id {
			kept = append(kept, e)
		}
	}
	if len(kept) == len(pool.EntryClosed) {
		return nil
	}
	pool.EntryClosed = kept
	return k.setPool(ctx, pool)
}
