package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// requiredRight says which right a change needs; control transfers need only
// control itself.
func requiredRight(change types.PendingChange, rights types.PoolRights) (bool, string) {
	switch change.Change.(type) {
	case *types.PendingChange_WeightSchedule, *types.PendingChange_Strategy, *types.PendingChange_StrategyResume:
		return rights.ChangeWeights, "change_weights"
	case *types.PendingChange_SwapFee:
		return rights.ChangeSwapFee, "change_swap_fee"
	case *types.PendingChange_ShareCap:
		return rights.ChangeShareCap, "change_share_cap"
	case *types.PendingChange_AllowList:
		return rights.ManageAllowList, "manage_allow_list"
	case *types.PendingChange_ResumeSwaps:
		return rights.PauseSwaps, "pause_swaps"
	case *types.PendingChange_AddAsset, *types.PendingChange_RemoveAsset:
		return rights.AddRemoveAssets, "add_remove_assets"
	case *types.PendingChange_Breakers:
		return rights.ChangeBreakers, "change_breakers"
	case *types.PendingChange_FeePolicy, *types.PendingChange_ManagementFee:
		// Every fee setting is the one right: the swap fee, its policy and
		// the management fee.
		return rights.ChangeSwapFee, "change_swap_fee"
	default:
		return true, ""
	}
}

// authorize checks that proposer may make change to pool now: the pool's
// controller with the right the change needs. Governance may resume any pool
// it could pause.
func (k Keeper) authorize(pool types.Pool, proposer string, change types.PendingChange) error {
	_, isResume := change.Change.(*types.PendingChange_ResumeSwaps)
	if isResume && proposer == k.authority {
		return nil
	}
	_, isStrategyResume := change.Change.(*types.PendingChange_StrategyResume)
	if err := k.authorizeStrategy(pool, proposer, change); err != nil || isStrategyResume && proposer == k.authority {
		return err
	}
	if isResume && pool.PausedByGovernance {
		return errorsmod.Wrapf(types.ErrUnauthorized, "governance paused pool %d; only governance may resume it", pool.Id)
	}
	if err := requireController(pool, proposer); err != nil {
		return err
	}
	if ok, right := requiredRight(change, pool.Rights); !ok {
		return errorsmod.Wrapf(types.ErrNoRight, "pool %d was created without %s (or gave it up)", pool.Id, right)
	}
	return nil
}

// QueueChange checks change against the pool as it is now and stores it, due
// after the pool's time-lock. Checks that depend on the pool are made again
// when it comes due.
func (k Keeper) QueueChange(ctx context.Context, proposer string, poolID uint64, change types.PendingChange) (types.PendingChange, error) {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return types.PendingChange{}, err
	}
	if err := k.authorize(pool, proposer, change); err != nil {
		return types.PendingChange{}, err
	}
	if err := k.requireQueueRoom(ctx, poolID, proposer); err != nil {
		return types.PendingChange{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	change.PoolId, change.Proposer, change.QueuedAt, change.DueTime = poolID, proposer, now, now.Add(pool.Timelock)
	if s, ok := change.Change.(*types.PendingChange_WeightSchedule); ok {
		if s.WeightSchedule.StartTime.Before(change.DueTime) {
			return types.PendingChange{}, errorsmod.Wrapf(types.ErrInvalidSchedule,
				"the schedule starts at %s, before the change can apply at %s", s.WeightSchedule.StartTime, change.DueTime)
		}
		schedule := *s.WeightSchedule
		schedule.Denoms = pool.Denoms() // the target weights are for these, in this order
		change.Change = &types.PendingChange_WeightSchedule{WeightSchedule: &schedule}
	}
	if c, ok := change.Change.(*types.PendingChange_Strategy); ok && c.Strategy != nil {
		strategyChange := *c.Strategy
		strategyChange.Denoms = pool.Denoms() // per-asset values are for these, in this order
		change.Change = &types.PendingChange_Strategy{Strategy: &strategyChange}
	}
	if a, ok := change.Change.(*types.PendingChange_AddAsset); ok {
		add := *a.AddAsset
		add.ImpliedPrices = types.ImpliedPrices(pool.AtTime(now), add)
		change.Change = &types.PendingChange_AddAsset{AddAsset: &add}
	}
	// A dry run on a copy: a change that is invalid already is refused now.
	if err := k.applyToPool(ctx, &pool, change, true); err != nil {
		return types.PendingChange{}, err
	}
	id, err := k.NextChangeID.Next(ctx)
	if err != nil {
		return types.PendingChange{}, err
	}
	change.Id = id
	if err := k.storeChange(ctx, change); err != nil {
		return types.PendingChange{}, err
	}
	if err := k.holdForRemoval(ctx, change); err != nil {
		return types.PendingChange{}, err
	}
	return change, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventChangeQueued{Change: change})
}

func (k Keeper) storeChange(ctx context.Context, change types.PendingChange) error {
	if err := k.PendingChanges.Set(ctx, change.Id, change); err != nil {
		return err
	}
	if err := k.ChangesByDue.Set(ctx, collections.Join(change.DueTime, change.Id)); err != nil {
		return err
	}
	if err := k.ChangesByPool.Set(ctx, collections.Join(change.PoolId, change.Id)); err != nil {
		return err
	}
	k.recordPendingChanges(ctx, change.PoolId)
	return nil
}

// removeChange takes a change out of the queue (cancelled, or due) and
// releases what it held: a pending removal's hold on its asset.
func (k Keeper) removeChange(ctx context.Context, change types.PendingChange) error {
	if err := k.unqueue(ctx, change); err != nil {
		return err
	}
	return k.releaseRemovalHold(ctx, change)
}

// unqueue deletes a change and its index entries.
func (k Keeper) unqueue(ctx context.Context, change types.PendingChange) error {
	if err := k.PendingChanges.Remove(ctx, change.Id); err != nil {
		return err
	}
	if err := k.ChangesByDue.Remove(ctx, collections.Join(change.DueTime, change.Id)); err != nil {
		return err
	}
	if err := k.ChangesByPool.Remove(ctx, collections.Join(change.PoolId, change.Id)); err != nil {
		return err
	}
	k.recordPendingChanges(ctx, change.PoolId)
	return nil
}

// CancelChange drops a pending change: its pool's controller or governance may.
func (k Keeper) CancelChange(ctx context.Context, sender string, changeID uint64) error {
	change, err := k.PendingChanges.Get(ctx, changeID)
	if errors.Is(err, collections.ErrNotFound) {
		return errorsmod.Wrapf(types.ErrChangeNotFound, "change %d", changeID)
	} else if err != nil {
		return err
	}
	pool, err := k.GetPool(ctx, change.PoolId)
	if err != nil {
		return err
	}
	if sender != k.authority && !pool.IsController(sender) {
		return errorsmod.Wrapf(types.ErrUnauthorized, "only pool %d's controller or governance may cancel change %d", pool.Id, changeID)
	}
	if change.Proposer == k.authority && sender != k.authority {
		return errorsmod.Wrapf(types.ErrUnauthorized, "change %d was proposed by governance; only governance may cancel it", changeID)
	}
	if err := k.removeChange(ctx, change); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventChangeCancelled{
		ChangeId: changeID, PoolId: change.PoolId, CancelledBy: sender,
	})
}

// applyDueChanges applies, in due order, at most limit changes due by now;
// the rest wait for the next block. Each change leaves the queue first, then
// applies on its own guarded branch, so that a change that fails or panics is
// dropped whole, with an event saying why, and never blocks the ones after it.
func (k Keeper) applyDueChanges(ctx context.Context, now time.Time, limit uint32) error {
	due, err := dueKeys(ctx, k.ChangesByDue, now, limit)
	if err != nil {
		return err
	}
	for _, key := range due {
		id := key.K2()
		change, err := k.PendingChanges.Get(ctx, id)
		if err != nil {
			// An index entry without its change: drop the entry so it cannot stall the queue.
			k.logger(ctx).Error("due change missing; dropping its index entry", "change_id", id, "err", err)
			if err := k.ChangesByDue.Remove(ctx, key); err != nil {
				return err
			}
			continue
		}
		if err := k.unqueue(ctx, change); err != nil {
			return err
		}
		// Releasing a removal's hold writes the pool: guarded too, so that no
		// pool state can keep the queue from moving.
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.releaseRemovalHold(ctx, change) }); err != nil {
			k.logger(ctx).Error("cannot release a removal's hold", "change_id", id, "err", err)
		}
		if reason := k.guarded(ctx, func(ctx context.Context) error { return k.applyChange(ctx, change) }); reason != nil {
			k.emitOrLog(ctx, &types.EventChangeDropped{ChangeId: id, PoolId: change.PoolId, Kind: change.Kind(), Reason: reason.Error()})
			continue
		}
		k.emitOrLog(ctx, &types.EventChangeApplied{ChangeId: id, PoolId: change.PoolId, Kind: change.Kind()})
	}
	return nil
}

// applyChange applies one due change; the caller runs it on a branch of
// state, so a change that fails half-way leaves nothing behind. The pool is
// checked again now: state moved during the time-lock.
func (k Keeper) applyChange(ctx context.Context, change types.PendingChange) error {
	pool, err := k.GetPool(ctx, change.PoolId)
	if err != nil {
		return err
	}
	if err := k.authorize(pool, change.Proposer, change); err != nil {
		return err
	}
	if err := k.applyToPool(ctx, &pool, change, false); err != nil {
		return err
	}
	return k.setPool(ctx, pool)
}

// applyToPool makes change on pool (and, unless dryRun, on the state beside
// it: schedule index, allow-list), after checking it is valid for the pool as
// it is now.
func (k Keeper) applyToPool(ctx context.Context, pool *types.Pool, change types.PendingChange, dryRun bool) error {
	if err := change.ValidateBasic(); err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	// A dry run checks the pool as it will be when the change is due.
	at := sdk.UnwrapSDKContext(ctx).BlockTime()
	if dryRun {
		at = change.DueTime
	}
	if err := requireNoStrategyFor(*pool, change); err != nil {
		return err
	}
	switch c := change.Change.(type) {
	case *types.PendingChange_WeightSchedule:
		if pool.Strategy != nil {
			return errorsmod.Wrapf(types.ErrInvalidSchedule, "pool %d runs a strategy, which moves its weights; remove it first", pool.Id)
		}
		if denoms := c.WeightSchedule.Denoms; len(denoms) > 0 && !slices.Equal(denoms, pool.Denoms()) {
			return errorsmod.Wrapf(types.ErrInvalidSchedule, "the pool's assets changed since the schedule was queued: %v, now %v", denoms, pool.Denoms())
		}
		if dryRun {
			trial := pool.Clone()
			return trial.StartSchedule(params, *c.WeightSchedule, c.WeightSchedule.StartTime)
		}
		return k.replaceSchedule(ctx, pool, params, *c.WeightSchedule)
	case *types.PendingChange_SwapFee:
		if err := types.ValidateSwapFee(c.SwapFee.SwapFee); err != nil {
			return err
		}
		if c.SwapFee.SwapFee.GT(params.MaxSwapFee) {
			return errorsmod.Wrapf(types.ErrInvalidSwapFee, "swap fee %s is above the maximum %s", c.SwapFee.SwapFee, params.MaxSwapFee)
		}
		pool.SwapFee = c.SwapFee.SwapFee
	case *types.PendingChange_ShareCap:
		if c.ShareCap.ShareCap.IsNil() || c.ShareCap.ShareCap.IsNegative() {
			return errorsmod.Wrap(types.ErrInvalidControl, "share cap must not be negative")
		}
		pool.ShareCap = c.ShareCap.ShareCap
	case *types.PendingChange_AllowList:
		switch {
		case c.AllowList.Enable:
			pool.AllowListEnabled = true
		case c.AllowList.Disable:
			pool.AllowListEnabled = false
		}
		if err := k.requireFeeRecipientStaysListed(ctx, *pool, *c.AllowList); err != nil {
			return err
		}
		if !dryRun {
			return k.editAllowList(ctx, pool.Id, *c.AllowList)
		}
	case *types.PendingChange_Controller:
		pool.Controller = c.Controller.NewController
		if pool.Controller == "" {
			pool.Rights = types.PoolRights{} // renounced for good: the pool is immutable
			// An immutable pool has no manager to pay: what accrued is
			// minted, and the fee ends.
			if !dryRun {
				k.mintAccruedOrForfeit(ctx, pool, at)
			}
			pool.ManagementFee = nil
		}
	case *types.PendingChange_AddAsset:
		return k.addAsset(ctx, pool, params, change.Proposer, *c.AddAsset, at, dryRun)
	case *types.PendingChange_RemoveAsset:
		return k.removeAsset(ctx, pool, params, change.Proposer, *c.RemoveAsset, at, dryRun)
	case *types.PendingChange_Breakers:
		if b := c.Breakers.Breakers; b != nil {
			if err := b.ValidateAgainst(params); err != nil {
				return err
			}
			copied := *b
			pool.Breakers = &copied
		} else {
			pool.Breakers = nil
		}
		pool.DeviationAlert = false // the next operation measures against the new threshold
	case *types.PendingChange_FeePolicy:
		if err := c.FeePolicy.Policy.ValidateAgainst(params); err != nil {
			return err
		}
		pool.FeePolicy, pool.FeeState = c.FeePolicy.Policy.Clone(), nil
	case *types.PendingChange_ManagementFee:
		return k.changeManagementFee(ctx, pool, params, *c.ManagementFee, at, dryRun)
	case *types.PendingChange_Strategy:
		if denoms := c.Strategy.Denoms; len(denoms) > 0 && !slices.Equal(denoms, pool.Denoms()) {
			return errorsmod.Wrapf(types.ErrInvalidStrategy, "the pool's assets changed since the strategy was queued: %v, now %v", denoms, pool.Denoms())
		}
		return k.applyStrategyChange(ctx, params, pool, *c.Strategy, at, dryRun)
	case *types.PendingChange_StrategyResume:
		return resumeStrategy(pool, at)
	case *types.PendingChange_ResumeSwaps:
		if !pool.SwapsPaused {
			return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d is not paused", pool.Id)
		}
		pool.SwapsPaused, pool.PausedByGovernance = false, false
	default:
		return errorsmod.Wrap(types.ErrInvalidRequest, "empty change")
	}
	return nil
}

// requireNoStrategyFor refuses asset changes on a rule-driven pool: its
// estimators and window are per asset.
func requireNoStrategyFor(pool types.Pool, change types.PendingChange) error {
	switch change.Change.(type) {
	case *types.PendingChange_AddAsset, *types.PendingChange_RemoveAsset:
		if pool.Strategy != nil {
			return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d runs a strategy over its assets; remove it before changing them", pool.Id)
		}
	}
	return nil
}

func (k Keeper) editAllowList(ctx context.Context, poolID uint64, edit types.AllowListChange) error {
	for _, a := range edit.Add {
		addr, err := k.addressCodec.StringToBytes(a)
		if err != nil {
			return errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
		}
		if err := k.AllowList.Set(ctx, collections.Join(poolID, sdk.AccAddress(addr))); err != nil {
			return err
		}
	}
	for _, a := range edit.Remove {
		addr, err := k.addressCodec.StringToBytes(a)
		if err != nil {
			return errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
		}
		if err := k.AllowList.Remove(ctx, collections.Join(poolID, sdk.AccAddress(addr))); err != nil {
			return err
		}
	}
	return nil
}

// requireQueueRoom bounds a pool's queue, so that queries and the end-block
// step stay cheap whatever a controller does. The controller and governance
// have a bound each: a controller filling its part of the queue can never
// keep governance from queuing (a resume, say).
func (k Keeper) requireQueueRoom(ctx context.Context, poolID uint64, proposer string) error {
	byGov := proposer == k.authority
	n := 0
	err := k.ChangesByPool.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](poolID), func(key collections.Pair[uint64, uint64]) (bool, error) {
		c, err := k.PendingChanges.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		if (c.Proposer == k.authority) == byGov {
			n++
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if n >= types.MaxPendingChangesPerPool {
		who := "its controller"
		if byGov {
			who = "governance"
		}
		return errorsmod.Wrapf(types.ErrQueueFull, "pool %d already has %d pending changes from %s", poolID, n, who)
	}
	return nil
}
