package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/smartpool: one code per kind of failure.
var (
	ErrPoolNotFound     = errorsmod.Register(ModuleName, 2, "pool not found")
	ErrInvalidAssets    = errorsmod.Register(ModuleName, 3, "invalid pool assets")
	ErrDenomNotInPool   = errorsmod.Register(ModuleName, 4, "denom not in pool")
	ErrInvalidWeight    = errorsmod.Register(ModuleName, 5, "invalid weight")
	ErrInvalidSwapFee   = errorsmod.Register(ModuleName, 6, "invalid swap fee")
	ErrInvalidAmount    = errorsmod.Register(ModuleName, 7, "invalid amount")
	ErrSlippage         = errorsmod.Register(ModuleName, 8, "slippage limit exceeded")
	ErrMaxInRatio       = errorsmod.Register(ModuleName, 9, "amount in exceeds the pool's max in ratio")
	ErrMaxOutRatio      = errorsmod.Register(ModuleName, 10, "amount out exceeds the pool's max out ratio")
	ErrInvalidRoute     = errorsmod.Register(ModuleName, 11, "invalid swap route")
	ErrUnauthorized     = errorsmod.Register(ModuleName, 12, "unauthorized")
	ErrInvalidParams    = errorsmod.Register(ModuleName, 13, "invalid params")
	ErrInvalidShares    = errorsmod.Register(ModuleName, 14, "invalid share amount")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 15, "invalid genesis")
	ErrMath             = errorsmod.Register(ModuleName, 16, "pool math failed")
	ErrInvalidAddress   = errorsmod.Register(ModuleName, 17, "invalid address")
	ErrInvalidPoolState = errorsmod.Register(ModuleName, 18, "invalid pool state")
	ErrInvalidRequest   = errorsmod.Register(ModuleName, 19, "invalid request")
	ErrNoRight          = errorsmod.Register(ModuleName, 20, "the pool's controller lacks this right")
	ErrPoolPaused       = errorsmod.Register(ModuleName, 21, "pool swaps are paused")
	ErrChangeNotFound   = errorsmod.Register(ModuleName, 22, "pending change not found")
	ErrInvalidSchedule  = errorsmod.Register(ModuleName, 23, "invalid weight schedule")
	ErrShareCap         = errorsmod.Register(ModuleName, 24, "share cap exceeded")
	ErrNotAllowListed   = errorsmod.Register(ModuleName, 25, "address not on the pool's allow-list")
	ErrInvalidTimelock  = errorsmod.Register(ModuleName, 26, "invalid time-lock")
	ErrInvalidControl   = errorsmod.Register(ModuleName, 27, "invalid pool control settings")
)
