package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// replaceSchedule applies a schedule change to a stored pool, keeping the
// end-time index in step.
func (k Keeper) replaceSchedule(ctx context.Context, pool *types.Pool, params types.Params, change types.WeightScheduleChange) error {
	old := pool.WeightSchedule
	if err := pool.StartSchedule(params, change, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
		return err
	}
	if old != nil {
		if err := k.ScheduleEnds.Remove(ctx, collections.Join(old.EndTime, pool.Id)); err != nil {
			return err
		}
	}
	return k.trackScheduleEnd(ctx, *pool)
}

// trackScheduleEnd puts a pool's running schedule, if any, in the time index
// the end-block step walks. A strategy's move needs no entry: the strategy's
// next update, which has its own, ends it.
func (k Keeper) trackScheduleEnd(ctx context.Context, pool types.Pool) error {
	if pool.WeightSchedule == nil || pool.Strategy != nil { // a strategy ends its own moves
		return nil
	}
	return k.ScheduleEnds.Set(ctx, collections.Join(pool.WeightSchedule.EndTime, pool.Id))
}

// endDueSchedules stores the target weights of at most limit schedules that
// have ended by now, in end order; the rest wait for the next block. Each one
// leaves the index first and settles on its own guarded branch: one that
// cannot settle is reported and left to give its target weights lazily (a
// schedule past its end already does), never blocking the ones after it.
func (k Keeper) endDueSchedules(ctx context.Context, now time.Time, limit uint32) error {
	due, err := dueKeys(ctx, k.ScheduleEnds, now, limit)
	if err != nil {
		return err
	}
	for _, key := range due {
		if err := k.ScheduleEnds.Remove(ctx, key); err != nil {
			return err
		}
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.endSchedule(ctx, key) }); err != nil {
			k.emitOrLog(ctx, &types.EventScheduleEndDropped{PoolId: key.K2(), Reason: err.Error()})
		}
	}
	return nil
}

// endSchedule stores a pool's target weights if the schedule that ends at
// key's time is still the pool's.
func (k Keeper) endSchedule(ctx context.Context, key collections.Pair[time.Time, uint64]) error {
	pool, err := k.GetPool(ctx, key.K2())
	if errors.Is(err, types.ErrPoolNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	s := pool.WeightSchedule
	if s == nil || !s.EndTime.Equal(key.K1()) {
		return nil // replaced meanwhile; its own entry ends it
	}
	ended, err := pool.EndScheduleSegment()
	if err != nil {
		return err
	}
	if !ended {
		if err := k.setPool(ctx, pool); err != nil {
			return err
		}
		return k.trackScheduleEnd(ctx, pool)
	}
	weights := make([]string, len(pool.Assets))
	for i, a := range pool.Assets {
		weights[i] = a.Weight.String()
	}
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventWeightScheduleEnded{PoolId: pool.Id, Weights: weights})
}
