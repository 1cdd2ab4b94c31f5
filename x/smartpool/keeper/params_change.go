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

// QueueParams stores params passed by governance to apply after the current
// params_timelock. A newer change replaces one still pending.
func (k Keeper) QueueParams(ctx context.Context, params types.Params) (types.PendingParamsChange, error) {
	if err := params.Validate(); err != nil {
		return types.PendingParamsChange{}, err
	}
	current, err := k.Params.Get(ctx)
	if err != nil {
		return types.PendingParamsChange{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	pending := types.PendingParamsChange{Params: params, QueuedAt: now, DueTime: now.Add(current.ParamsTimelock)}
	if err := k.PendingParams.Set(ctx, pending); err != nil {
		return types.PendingParamsChange{}, err
	}
	return pending, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsChangeQueued{Params: params, DueTime: pending.DueTime})
}

// CancelParams drops the pending params change.
func (k Keeper) CancelParams(ctx context.Context) error {
	has, err := k.PendingParams.Has(ctx)
	if err != nil {
		return err
	}
	if !has {
		return errorsmod.Wrap(types.ErrChangeNotFound, "no params change is pending")
	}
	if err := k.PendingParams.Remove(ctx); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsChangeCancelled{Authority: k.authority})
}

// applyDueParams sets the pending params once they are due.
func (k Keeper) applyDueParams(ctx context.Context, now time.Time) error {
	pending, err := k.PendingParams.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if pending.DueTime.After(now) {
		return nil
	}
	if err := k.PendingParams.Remove(ctx); err != nil {
		return err
	}
	if err := pending.Params.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, pending.Params); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{Params: pending.Params})
}
