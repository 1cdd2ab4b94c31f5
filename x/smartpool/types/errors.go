package types

import (
	"google.golang.org/grpc/codes"

	errorsmod "cosmossdk.io/errors"
)

// Registered errors of x/smartpool: one code per kind of failure.
//
// Each carries the gRPC code a query failing with it returns, so gRPC and
// REST clients tell a missing pool (NotFound, HTTP 404) and a bad request
// (InvalidArgument, 400) or a pool state that refuses it (FailedPrecondition,
// 400) from a fault of the node (Internal, 500). The gRPC code is not part of
// consensus: a transaction's result carries only the codespace, the ABCI
// code and the message, which are as they were.
var (
	ErrPoolNotFound     = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.NotFound, "pool not found")
	ErrInvalidAssets    = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid pool assets")
	ErrDenomNotInPool   = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.InvalidArgument, "denom not in pool")
	ErrInvalidWeight    = errorsmod.RegisterWithGRPCCode(ModuleName, 5, codes.InvalidArgument, "invalid weight")
	ErrInvalidSwapFee   = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.InvalidArgument, "invalid swap fee")
	ErrInvalidAmount    = errorsmod.RegisterWithGRPCCode(ModuleName, 7, codes.InvalidArgument, "invalid amount")
	ErrSlippage         = errorsmod.RegisterWithGRPCCode(ModuleName, 8, codes.FailedPrecondition, "slippage limit exceeded")
	ErrMaxInRatio       = errorsmod.RegisterWithGRPCCode(ModuleName, 9, codes.FailedPrecondition, "amount in exceeds the pool's max in ratio")
	ErrMaxOutRatio      = errorsmod.RegisterWithGRPCCode(ModuleName, 10, codes.FailedPrecondition, "amount out exceeds the pool's max out ratio")
	ErrInvalidRoute     = errorsmod.RegisterWithGRPCCode(ModuleName, 11, codes.InvalidArgument, "invalid swap route")
	ErrUnauthorized     = errorsmod.RegisterWithGRPCCode(ModuleName, 12, codes.PermissionDenied, "unauthorized")
	ErrInvalidParams    = errorsmod.RegisterWithGRPCCode(ModuleName, 13, codes.InvalidArgument, "invalid params")
	ErrInvalidShares    = errorsmod.RegisterWithGRPCCode(ModuleName, 14, codes.InvalidArgument, "invalid share amount")
	ErrInvalidGenesis   = errorsmod.RegisterWithGRPCCode(ModuleName, 15, codes.InvalidArgument, "invalid genesis")
	ErrMath             = errorsmod.RegisterWithGRPCCode(ModuleName, 16, codes.FailedPrecondition, "pool math failed")
	ErrInvalidAddress   = errorsmod.RegisterWithGRPCCode(ModuleName, 17, codes.InvalidArgument, "invalid address")
	ErrInvalidPoolState = errorsmod.RegisterWithGRPCCode(ModuleName, 18, codes.Internal, "invalid pool state")
	ErrInvalidRequest   = errorsmod.RegisterWithGRPCCode(ModuleName, 19, codes.InvalidArgument, "invalid request")
	ErrNoRight          = errorsmod.RegisterWithGRPCCode(ModuleName, 20, codes.PermissionDenied, "the pool's controller lacks this right")
	ErrPoolPaused       = errorsmod.RegisterWithGRPCCode(ModuleName, 21, codes.FailedPrecondition, "pool swaps are paused")
	ErrChangeNotFound   = errorsmod.RegisterWithGRPCCode(ModuleName, 22, codes.NotFound, "pending change not found")
	ErrInvalidSchedule  = errorsmod.RegisterWithGRPCCode(ModuleName, 23, codes.InvalidArgument, "invalid weight schedule")
	ErrShareCap         = errorsmod.RegisterWithGRPCCode(ModuleName, 24, codes.FailedPrecondition, "share cap exceeded")
	ErrNotAllowListed   = errorsmod.RegisterWithGRPCCode(ModuleName, 25, codes.FailedPrecondition, "address not on the pool's allow-list")
	ErrInvalidTimelock  = errorsmod.RegisterWithGRPCCode(ModuleName, 26, codes.InvalidArgument, "invalid time-lock")
	ErrInvalidControl   = errorsmod.RegisterWithGRPCCode(ModuleName, 27, codes.InvalidArgument, "invalid pool control settings")
	ErrShareBound       = errorsmod.RegisterWithGRPCCode(ModuleName, 28, codes.FailedPrecondition, "pool shares would pass the hard maximum")
	ErrEntryClosed      = errorsmod.RegisterWithGRPCCode(ModuleName, 29, codes.FailedPrecondition, "asset may only leave the pool now")
	ErrQueueFull        = errorsmod.RegisterWithGRPCCode(ModuleName, 30, codes.FailedPrecondition, "pool's queue of pending changes is full")
	ErrOracleNoData     = errorsmod.RegisterWithGRPCCode(ModuleName, 31, codes.NotFound, "no oracle data for this window")
	ErrPriceBand        = errorsmod.RegisterWithGRPCCode(ModuleName, 32, codes.FailedPrecondition, "circuit breaker: price would leave its band around the TWAP")
	ErrOutflowCap       = errorsmod.RegisterWithGRPCCode(ModuleName, 33, codes.FailedPrecondition, "circuit breaker: block outflow cap reached")
	ErrInvalidBreakers  = errorsmod.RegisterWithGRPCCode(ModuleName, 34, codes.InvalidArgument, "invalid circuit breakers")
	ErrInvalidFeePolicy = errorsmod.RegisterWithGRPCCode(ModuleName, 35, codes.InvalidArgument, "invalid fee policy")
	ErrInvalidMgmtFee   = errorsmod.RegisterWithGRPCCode(ModuleName, 36, codes.InvalidArgument, "invalid management fee")
	ErrInvalidStrategy  = errorsmod.RegisterWithGRPCCode(ModuleName, 37, codes.InvalidArgument, "invalid weight strategy")
)
