package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

type msgServer struct {
	k Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/smartpool Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{k: k}
}

// atomically runs fn on a branch of state and keeps its writes and events
// only if fn succeeds, so a failed message changes nothing even outside a tx.
func atomically[T any](ctx context.Context, fn func(ctx context.Context) (T, error)) (T, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	branch, write := sdkCtx.CacheContext()
	res, err := fn(branch)
	if err != nil {
		var zero T
		return zero, err
	}
	write()
	return res, nil
}

func (s msgServer) sender(msg interface{ ValidateBasic() error }, addr string) (sdk.AccAddress, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	bz, err := s.k.addressCodec.StringToBytes(addr)
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
	}
	return bz, nil
}

func (s msgServer) CreatePool(ctx context.Context, msg *types.MsgCreatePool) (*types.MsgCreatePoolResponse, error) {
	return atomically(ctx, func(ctx context.Context) (*types.MsgCreatePoolResponse, error) {
		id, shares, err := s.k.CreatePool(ctx, msg)
		if err != nil {
			return nil, err
		}
		return &types.MsgCreatePoolResponse{PoolId: id, SharesOut: shares}, nil
	})
}

func (s msgServer) JoinPool(ctx context.Context, msg *types.MsgJoinPool) (*types.MsgJoinPoolResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgJoinPoolResponse, error) {
		tokensIn, err := s.k.JoinPool(ctx, sender, msg.PoolId, msg.ShareOutAmount, msg.TokenInMaxs)
		if err != nil {
			return nil, err
		}
		return &types.MsgJoinPoolResponse{ShareOutAmount: msg.ShareOutAmount, TokensIn: tokensIn}, nil
	})
}

func (s msgServer) ExitPool(ctx context.Context, msg *types.MsgExitPool) (*types.MsgExitPoolResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgExitPoolResponse, error) {
		tokensOut, err := s.k.ExitPool(ctx, sender, msg.PoolId, msg.ShareInAmount, msg.TokenOutMins)
		if err != nil {
			return nil, err
		}
		return &types.MsgExitPoolResponse{TokensOut: tokensOut}, nil
	})
}

func (s msgServer) JoinSwapExternAmountIn(ctx context.Context, msg *types.MsgJoinSwapExternAmountIn) (*types.MsgJoinSwapExternAmountInResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgJoinSwapExternAmountInResponse, error) {
		shares, err := s.k.JoinSwapExternAmountIn(ctx, sender, msg.PoolId, msg.TokenIn, msg.ShareOutMinAmount)
		if err != nil {
			return nil, err
		}
		return &types.MsgJoinSwapExternAmountInResponse{ShareOutAmount: shares}, nil
	})
}

func (s msgServer) JoinPoolExactAmountsIn(ctx context.Context, msg *types.MsgJoinPoolExactAmountsIn) (*types.MsgJoinPoolExactAmountsInResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgJoinPoolExactAmountsInResponse, error) {
		shares, err := s.k.JoinPoolExactAmountsIn(ctx, sender, msg.PoolId, msg.TokensIn, msg.ShareOutMinAmount)
		if err != nil {
			return nil, err
		}
		return &types.MsgJoinPoolExactAmountsInResponse{ShareOutAmount: shares}, nil
	})
}

func (s msgServer) ExitSwapShareAmountIn(ctx context.Context, msg *types.MsgExitSwapShareAmountIn) (*types.MsgExitSwapShareAmountInResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgExitSwapShareAmountInResponse, error) {
		out, err := s.k.ExitSwapShareAmountIn(ctx, sender, msg.PoolId, msg.TokenOutDenom, msg.ShareInAmount, msg.TokenOutMinAmount)
		if err != nil {
			return nil, err
		}
		return &types.MsgExitSwapShareAmountInResponse{TokenOutAmount: out}, nil
	})
}

func (s msgServer) SwapExactAmountIn(ctx context.Context, msg *types.MsgSwapExactAmountIn) (*types.MsgSwapExactAmountInResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgSwapExactAmountInResponse, error) {
		out, err := s.k.SwapExactAmountIn(ctx, sender, msg.Routes, msg.TokenIn, msg.TokenOutMinAmount)
		if err != nil {
			return nil, err
		}
		return &types.MsgSwapExactAmountInResponse{TokenOutAmount: out}, nil
	})
}

func (s msgServer) SwapExactAmountOut(ctx context.Context, msg *types.MsgSwapExactAmountOut) (*types.MsgSwapExactAmountOutResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgSwapExactAmountOutResponse, error) {
		in, err := s.k.SwapExactAmountOut(ctx, sender, msg.Routes, msg.TokenInMaxAmount, msg.TokenOut)
		if err != nil {
			return nil, err
		}
		return &types.MsgSwapExactAmountOutResponse{TokenInAmount: in}, nil
	})
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != s.k.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "expected authority %s, got %s", s.k.authority, msg.Authority)
	}
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if _, err := s.k.QueueParams(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

func (s msgServer) SplitRouteSwapExactAmountIn(ctx context.Context, msg *types.MsgSplitRouteSwapExactAmountIn) (*types.MsgSplitRouteSwapExactAmountInResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgSplitRouteSwapExactAmountInResponse, error) {
		out, err := s.k.SplitRouteSwapExactAmountIn(ctx, sender, msg.Routes, msg.TokenInDenom, msg.TokenOutMinAmount)
		if err != nil {
			return nil, err
		}
		return &types.MsgSplitRouteSwapExactAmountInResponse{TokenOutAmount: out}, nil
	})
}

func (s msgServer) SplitRouteSwapExactAmountOut(ctx context.Context, msg *types.MsgSplitRouteSwapExactAmountOut) (*types.MsgSplitRouteSwapExactAmountOutResponse, error) {
	sender, err := s.sender(msg, msg.Sender)
	if err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgSplitRouteSwapExactAmountOutResponse, error) {
		in, err := s.k.SplitRouteSwapExactAmountOut(ctx, sender, msg.Routes, msg.TokenOutDenom, msg.TokenInMaxAmount)
		if err != nil {
			return nil, err
		}
		return &types.MsgSplitRouteSwapExactAmountOutResponse{TokenInAmount: in}, nil
	})
}

// ClaimManagementFee mints a pool's accrued management fee; anyone may send it.
func (s msgServer) ClaimManagementFee(ctx context.Context, msg *types.MsgClaimManagementFee) (*types.MsgClaimManagementFeeResponse, error) {
	if _, err := s.sender(msg, msg.Sender); err != nil {
		return nil, err
	}
	return atomically(ctx, func(ctx context.Context) (*types.MsgClaimManagementFeeResponse, error) {
		shares, err := s.k.mintManagementFee(ctx, msg.PoolId)
		if err != nil {
			return nil, err
		}
		return &types.MsgClaimManagementFeeResponse{SharesMinted: shares}, nil
	})
}
