package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// The controls that take effect at once, without the time-lock: a pause (an
// emergency brake) and giving up rights (never a risk to LPs).

// PauseSwaps stops a pool's swaps and single-asset joins and exits at once.
func (k Keeper) PauseSwaps(ctx context.Context, sender string, poolID uint64) error {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return err
	}
	if sender != k.authority {
		if err := requireController(pool, sender); err != nil {
			return err
		}
		if !pool.Rights.PauseSwaps {
			return errorsmod.Wrapf(types.ErrNoRight, "pool %d was created without pause_swaps (or gave it up)", poolID)
		}
	}
	byGov := sender == k.authority
	if pool.SwapsPaused && (pool.PausedByGovernance || !byGov) {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d is already paused", poolID)
	}
	pool.SwapsPaused = true
	pool.PausedByGovernance = pool.PausedByGovernance || byGov
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSwapsPaused{PoolId: poolID, PausedBy: sender})
}

// RenounceRights gives up rights at once; giving up never needs a time-lock.
func (k Keeper) RenounceRights(ctx context.Context, sender string, poolID uint64, giveUp types.PoolRights) (types.PoolRights, error) {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return types.PoolRights{}, err
	}
	if err := requireController(pool, sender); err != nil {
		return types.PoolRights{}, err
	}
	pool.Rights = pool.Rights.Without(giveUp)
	if err := k.setPool(ctx, pool); err != nil {
		return types.PoolRights{}, err
	}
	return pool.Rights, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRightsRenounced{PoolId: poolID, Rights: pool.Rights})
}

// requireController fails unless addr controls the pool.
func requireController(pool types.Pool, addr string) error {
	if !pool.IsController(addr) {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s does not control pool %d", addr, pool.Id)
	}
	return nil
}
