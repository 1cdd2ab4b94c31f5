package keeper

import (
	"context"

	"github.com/poold/poold/x/smartpool/types"
)

func (s msgServer) SetStrategy(ctx context.Context, msg *types.MsgSetStrategy) (*types.MsgSetStrategyResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_Strategy{Strategy: &types.StrategyChange{Strategy: msg.Strategy}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetStrategyResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}

func (s msgServer) PauseStrategy(ctx context.Context, msg *types.MsgPauseStrategy) (*types.MsgPauseStrategyResponse, error) {
	if _, err := s.sender(msg, msg.Sender); err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgPauseStrategyResponse, error) {
		return &types.MsgPauseStrategyResponse{}, s.k.PauseStrategy(ctx, msg.Sender, msg.PoolId)
	})
}

func (s msgServer) ResumeStrategy(ctx context.Context, msg *types.MsgResumeStrategy) (*types.MsgResumeStrategyResponse, error) {
	c, err := s.queue(ctx, msg, msg.Sender, msg.PoolId, types.PendingChange{Change: &types.PendingChange_StrategyResume{StrategyResume: &types.StrategyResumeChange{}}})
	if err != nil {
		return nil, err
	}
	return &types.MsgResumeStrategyResponse{ChangeId: c.Id, DueTime: c.DueTime}, nil
}
