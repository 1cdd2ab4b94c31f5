package keeper

import (
	"context"

	"cosmossdk.io/collections"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// livePool is the pool with the weights it has at this block's time: what
// swaps, joins, exits, prices and estimates compute with.
func (k Keeper) livePool(ctx context.Context, poolID uint64) (types.Pool, error) {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil || pool.WeightSchedule == nil {
		return pool, err // freshly decoded: no copy needed
	}
	return pool.AtTime(sdk.UnwrapSDKContext(ctx).BlockTime()), nil
}

// tradablePool is livePool for the operations a pause stops: swaps and
// single-asset or uneven joins and exits.
func (k Keeper) tradablePool(ctx context.Context, poolID uint64) (types.Pool, error) {
	pool, err := k.livePool(ctx, poolID)
	if err != nil {
		return types.Pool{}, err
	}
	if err := pool.RequireTradable(); err != nil {
		return types.Pool{}, err
	}
	return pool, nil
}

// isAllowListed reports whether addr is on the pool's allow-list.
func (k Keeper) isAllowListed(ctx context.Context, poolID uint64, addr sdk.AccAddress) (bool, error) {
	return k.AllowList.Has(ctx, collections.Join(poolID, addr))
}

// setPool stores a pool. While a weight schedule runs the stored weights are
// the schedule's start weights, whatever weights the caller computed with.
func (k Keeper) setPool(ctx context.Context, pool types.Pool) error {
	if s := pool.WeightSchedule; s != nil {
		pool = pool.Clone()
		for i := range pool.Assets {
			pool.Assets[i].Weight = s.StartWeights[i]
		}
	}
	// The last line of defence for the share bound every mint checks: no
	// stored pool may pass it, whatever path got here.
	if pool.TotalShares.IsNil() || pool.TotalShares.GT(types.MaxTotalShares) {
		return errorsmod.Wrapf(types.ErrShareBound, "pool %d would have %s shares", pool.Id, pool.TotalShares)
	}
	// Every stored pool was loaded through GetPool, which brought its oracle
	// to now; a pool that was not would integrate the wrong state.
	if now := sdk.UnwrapSDKContext(ctx).BlockTime(); pool.Oracle.LastUpdate.Before(now) {
		return errorsmod.Wrapf(types.ErrInvalidPoolState, "pool %d oracle is at %s, not at the block time %s", pool.Id, pool.Oracle.LastUpdate, now)
	}
	if err := k.syncOracle(ctx, &pool); err != nil {
		return err
	}
	if err := k.syncStrategyIndex(ctx, &pool); err != nil {
		return err
	}
	if err := k.Pools.Set(ctx, pool.Id, pool); err != nil {
		return err
	}
	k.recordPoolGauges(ctx, pool)
	return nil
}

// checkJoinAllowed enforces the pool's LP allow-list and share cap on a join
// that would leave the pool with pool.TotalShares shares.
func (k Keeper) checkJoinAllowed(ctx context.Context, pool types.Pool, sender sdk.AccAddress) error {
	if pool.AllowListEnabled {
		if sender == nil {
			return errorsmod.Wrapf(types.ErrNotAllowListed, "pool %d is allow-listed: name the sender to estimate a join", pool.Id)
		}
		listed, err := k.isAllowListed(ctx, pool.Id, sender)
		if err != nil {
			return err
		}
		if !listed {
			return errorsmod.Wrapf(types.ErrNotAllowListed, "pool %d", pool.Id)
		}
	}
	if pool.HasShareCap() && pool.TotalShares.GT(pool.ShareCap) {
		return errorsmod.Wrapf(types.ErrShareCap, "pool %d would have %s shares, over its cap %s", pool.Id, pool.TotalShares, pool.ShareCap)
	}
	return nil
}
