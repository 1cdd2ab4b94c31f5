package keeper

import (
	"context"

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
