package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// EndBlock applies what is due at this block's time: due strategy updates
// (under the params the block's transactions saw), the params change, then
// the ends of weight schedules (so that a change due now sees them ended),
// then queued pool changes in due order.
//
// It never fails and never panics: a panic or error in EndBlock stops every
// node at the same height. Each due item runs on its own branch of state
// (guarded) and is dropped whole, with an event saying why, if it fails; the
// block goes on. Each step walks only its time index up to now and at most
// the per-block bound in params, so the work is proportional to what is due
// and bounded whatever users queue; what is left waits for the next block, in
// due order.
func (k Keeper) EndBlock(ctx context.Context) (err error) {
	// The last line of defence: each item is guarded on its own below, so a
	// panic here could only come from walking the indexes themselves.
	defer func() {
		if r := recover(); r != nil {
			k.logger(ctx).Error("end block: recovered from panic; the rest of this block's items wait", "panic", r)
			err = nil
		}
	}()
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	// Due strategy updates run first, under the params the block's
	// transactions saw: an update a transaction ran in this block and one
	// the step runs now must use the same rails.
	if params, err := k.Params.Get(ctx); err != nil {
		k.logger(ctx).Error("end block: cannot read params for strategy updates", "err", err)
	} else if err := k.runDueStrategies(ctx, now, params.MaxStrategyUpdatesPerBlock); err != nil {
		k.logger(ctx).Error("end block: strategy updates", "err", err)
	}
	if k.paramsChangeDue(ctx, now) {
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.applyDueParams(ctx, now) }); err != nil {
			k.emitOrLog(ctx, &types.EventParamsChangeDropped{Reason: err.Error()})
			// Drop it, or it would fail again every block.
			if rmErr := k.PendingParams.Remove(ctx); rmErr != nil {
				k.logger(ctx).Error("cannot drop the failed params change", "err", rmErr)
			}
		}
	}
	// A fresh read: a params change applied just now bounds this block already.
	params, err := k.Params.Get(ctx)
	if err != nil {
		k.logger(ctx).Error("end block: cannot read params; nothing else runs this block", "err", err)
		return nil
	}
	if err := k.endDueSchedules(ctx, now, params.MaxScheduleEndsPerBlock); err != nil {
		k.logger(ctx).Error("end block: schedule ends", "err", err)
	}
	if err := k.applyDueChanges(ctx, now, params.MaxDueChangesPerBlock); err != nil {
		k.logger(ctx).Error("end block: pool changes", "err", err)
	}
	if err := k.payProtocolFees(ctx, params.MaxFeePayoutsPerBlock); err != nil {
		k.logger(ctx).Error("end block: protocol fee payouts", "err", err)
	}
	return nil
}

// paramsChangeDue reports whether a params change is pending and due, without
// branching state: the usual block has none.
func (k Keeper) paramsChangeDue(ctx context.Context, now time.Time) bool {
	pending, err := k.PendingParams.Get(ctx)
	return err == nil && !pending.DueTime.After(now) || err != nil && !errors.Is(err, collections.ErrNotFound)
}

// guarded runs fn on a branch of state and writes the branch only if fn
// succeeds. A panic in fn becomes an error, so no item can halt the chain;
// the branch (and with it every write and event of the item) is discarded.
func (k Keeper) guarded(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	branch, write := sdkCtx.CacheContext()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: recovered from panic: %v", types.ErrInvalidPoolState, r)
		}
	}()
	if err := fn(branch); err != nil {
		return err
	}
	write()
	return nil
}

// emitOrLog emits a typed event; an event that cannot be built is logged,
// never returned, since the end-block step must not fail.
func (k Keeper) emitOrLog(ctx context.Context, ev proto.Message) {
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev); err != nil {
		k.logger(ctx).Error("cannot emit event", "event", fmt.Sprintf("%T", ev), "err", err)
	}
}

// dueKeys lists up to limit keys of a time index up to and including now, in
// order. They are collected first so that the caller may change the index
// while it works.
func dueKeys(ctx context.Context, index collections.KeySet[collections.Pair[time.Time, uint64]], now time.Time, limit uint32) ([]collections.Pair[time.Time, uint64], error) {
	var due []collections.Pair[time.Time, uint64]
	rng := new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(now, ^uint64(0)))
	err := index.Walk(ctx, rng, func(key collections.Pair[time.Time, uint64]) (bool, error) {
		due = append(due, key)
		return uint32(len(due)) >= limit, nil
	})
	return due, err
}
