package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/poold/poold/x/smartpool/types"
)

// queue is the common path of the time-locked controller messages: it
// returns the queued change, from which each message builds its response.
func (s msgServer) queue(ctx context.Context, msg interface{ ValidateBasic() error }, sender string, poolID uint64,
	change types.PendingChange,
) (types.PendingChange, error) {
	if _, err := s.sender(msg, sender); err != nil {
		return types.PendingChange{}, err
	}
	return atomically(ctx, func(ctx context.Context) (types.PendingChange, error) {
		return s.k.QueueChange(ctx, sender, poolID, change)
	})
}

func (s msgServer) ResumeSwaps(ctx context.Context, msg *types.MsgResumeSwaps) (*types.MsgResumeSwapsResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_ResumeSwaps{ResumeSwaps: &types.ResumeSwapsChange{}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgResumeSwapsResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) ScheduleWeights(ctx context.Context, msg *types.MsgScheduleWeights) (*types.MsgScheduleWeightsResponse, error) {
	schedule := msg.Schedule
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_WeightSchedule{WeightSchedule: &schedule}})
	if err != nil {
		return nil, err
	}
	return &types.MsgScheduleWeightsResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) SetSwapFee(ctx context.Context, msg *types.MsgSetSwapFee) (*types.MsgSetSwapFeeResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_SwapFee{SwapFee: &types.SwapFeeChange{SwapFee: msg.SwapFee}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetSwapFeeResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) SetShareCap(ctx context.Context, msg *types.MsgSetShareCap) (*types.MsgSetShareCapResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_ShareCap{ShareCap: &types.ShareCapChange{ShareCap: msg.ShareCap}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetShareCapResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) EditAllowList(ctx context.Context, msg *types.MsgEditAllowList) (*types.MsgEditAllowListResponse, error) {
	edit := msg.Edit
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_AllowList{AllowList: &edit}})
	if err != nil {
		return nil, err
	}
	return &types.MsgEditAllowListResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) TransferControl(ctx context.Context, msg *types.MsgTransferControl) (*types.MsgTransferControlResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_Controller{Controller: &types.ControllerChange{NewController: msg.NewController}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgTransferControlResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) AddAsset(ctx context.Context, msg *types.MsgAddAsset) (*types.MsgAddAssetResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_AddAsset{
		AddAsset: &types.AddAssetChange{Deposit: msg.Deposit, Weight: msg.Weight, Recipient: msg.Recipient},
	}})
	if err != nil {
		return nil, err
	}
	return &types.MsgAddAssetResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) RemoveAsset(ctx context.Context, msg *types.MsgRemoveAsset) (*types.MsgRemoveAssetResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_RemoveAsset{
		RemoveAsset: &types.RemoveAssetChange{Denom: msg.Denom, Recipient: msg.Recipient},
	}})
	if err != nil {
		return nil, err
	}
	return &types.MsgRemoveAssetResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) PauseSwaps(ctx context.Context, msg *types.MsgPauseSwaps) (*types.MsgPauseSwapsResponse, error) {
	if _, err := s.sender(msg, msg.Sender); err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgPauseSwapsResponse, error) {
		return &types.MsgPauseSwapsResponse{}, s.k.PauseSwaps(ctx, msg.Sender, msg.PoolId)
	})
}

func (s msgServer) RenounceRights(ctx context.Context, msg *types.MsgRenounceRights) (*types.MsgRenounceRightsResponse, error) {
	if _, err := s.sender(msg, msg.Sender); err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgRenounceRightsResponse, error) {
		rights, err := s.k.RenounceRights(ctx, msg.Sender, msg.PoolId, msg.GiveUp)
		if err != nil {
			return nil, err
		}
		return &types.MsgRenounceRightsResponse{Rights: rights}, nil
	})
}

func (s msgServer) CancelChange(ctx context.Context, msg *types.MsgCancelChange) (*types.MsgCancelChangeResponse, error) {
	if _, err := s.sender(msg, msg.Sender); err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgCancelChangeResponse, error) {
		return &types.MsgCancelChangeResponse{}, s.k.CancelChange(ctx, msg.Sender, msg.ChangeId)
	})
}

func (s msgServer) CancelParamsChange(ctx context.Context, msg *types.MsgCancelParamsChange) (*types.MsgCancelParamsChangeResponse, error) {
	if msg.Authority != s.k.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "expected authority %s, got %s", s.k.authority, msg.Authority)
	}
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgCancelParamsChangeResponse, error) {
		return &types.MsgCancelParamsChangeResponse{}, s.k.CancelParams(ctx)
	})
}

// SetBreakers queues new circuit breakers behind the pool's time-lock.
func (s msgServer) SetBreakers(ctx context.Context, msg *types.MsgSetBreakers) (*types.MsgSetBreakersResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_Breakers{Breakers: &types.BreakersChange{Breakers: msg.Breakers}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetBreakersResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

// SetFeePolicy queues a new fee policy behind the pool's time-lock.
func (s msgServer) SetFeePolicy(ctx context.Context, msg *types.MsgSetFeePolicy) (*types.MsgSetFeePolicyResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_FeePolicy{FeePolicy: &types.FeePolicyChange{Policy: msg.Policy}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetFeePolicyResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

// SetManagementFee queues a new management fee behind the pool's time-lock.
func (s msgServer) SetManagementFee(ctx context.Context, msg *types.MsgSetManagementFee) (*types.MsgSetManagementFeeResponse, error) {
	fee := msg.Fee
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_ManagementFee{ManagementFee: &fee}})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetManagementFeeResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}
