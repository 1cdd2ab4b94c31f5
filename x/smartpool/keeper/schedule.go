package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// startSchedule puts a schedule on the pool that starts from the weights the
// pool has at now, so a new schedule never makes the weights jump. The
// schedule starts at its start time or now, whichever is later.
func startSchedule(params types.Params, pool *types.Pool, change types.WeightScheduleChange, now time.Time) error {
	start := change.StartTime
	if start.Before(now) {
		start = now
	}
	if !change.EndTime.After(start) {
		return errorsmod.Wrapf(types.ErrInvalidSchedule, "the schedule would end at %s, before it starts at %s", change.EndTime, start)
	}
	from := pool.FrozenWeights(now)
	if err := types.ValidateSchedule(params, *pool, start, change.EndTime, from, change.TargetWeights); err != nil {
		return err
	}
	for i := range pool.Assets {
		pool.Assets[i].Weight = from[i]
	}
	pool.WeightSchedule = &types.WeightSchedule{
		StartTime:     start,
		EndTime:       change.EndTime,
		StartWeights:  from,
		TargetWeights: append(change.TargetWeights[:0:0], change.TargetWeights...),
	}
	return nil
}

// replaceSchedule applies a schedule change to a stored pool, keeping the
// end-time index in step.
func (k Keeper) replaceSchedule(ctx context.Context, pool *types.Pool, params types.Params, change types.WeightScheduleChange) error {
	old := pool.WeightSchedule
	if err := startSchedule(params, pool, change, sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
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
// the end-block step walks.
func (k Keeper) trackScheduleEnd(ctx context.Context, pool types.Pool) error {
	if pool.WeightSchedule == nil {
		return nil
	}
	return k.ScheduleEnds.Set(ctx, collections.Join(pool.WeightSchedule.EndTime, pool.Id))
}

// endDueSchedules stores the target weights of every schedule that has ended
// by now. It walks only the ended entries of the time index.
func (k Keeper) endDueSchedules(ctx context.Context, now time.Time) error {
	due, err := dueKeys(ctx, k.ScheduleEnds, now)
	if err != nil {
		return err
	}
	for _, key := range due {
		if err := k.ScheduleEnds.Remove(ctx, key); err != nil {
			return err
		}
		pool, err := k.GetPool(ctx, key.K2())
		if errors.Is(err, types.ErrPoolNotFound) {
			continue
		} else if err != nil {
			return err
		}
		s := pool.WeightSchedule
		if s == nil || !s.EndTime.Equal(key.K1()) {
			continue // replaced meanwhile; its own entry ends it
		}
		weights := make([]string, len(pool.Assets))
		for i := range pool.Assets {
			pool.Assets[i].Weight = s.TargetWeights[i]
			weights[i] = s.TargetWeights[i].String()
		}
		pool.WeightSchedule = nil
		if err := k.setPool(ctx, pool); err != nil {
			return err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventWeightScheduleEnded{PoolId: pool.Id, Weights: weights}); err != nil {
			return err
		}
	}
	return nil
}
