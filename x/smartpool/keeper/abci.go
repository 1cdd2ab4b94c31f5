package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// EndBlock applies what is due at this block's time: the params change, then
// the ends of weight schedules (so that a change due now sees them ended),
// then queued pool changes in due order. Each
// step walks only its time index up to now, so the work is proportional to
// what is due, never to the number of pools.
func (k Keeper) EndBlock(ctx context.Context) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.applyDueParams(ctx, now); err != nil {
		return err
	}
	if err := k.endDueSchedules(ctx, now); err != nil {
		return err
	}
	return k.applyDueChanges(ctx, now)
}

// dueKeys lists the keys of a time index up to and including now. They are
// collected first so that the caller may change the index while it works.
func dueKeys(ctx context.Context, index collections.KeySet[collections.Pair[time.Time, uint64]], now time.Time) ([]collections.Pair[time.Time, uint64], error) {
	var due []collections.Pair[time.Time, uint64]
	rng := new(collections.Range[collections.Pair[time.Time, uint64]]).EndInclusive(collections.Join(now, ^uint64(0)))
	err := index.Walk(ctx, rng, func(key collections.Pair[time.Time, uint64]) (bool, error) {
		due = append(due, key)
		return false, nil
	})
	return due, err
}
