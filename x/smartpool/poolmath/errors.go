package poolmath

import errorsmod "cosmossdk.io/errors"

// Codespace is the error codespace of the pool math.
const Codespace = "poolmath"

var (
	ErrNonPositive    = errorsmod.Register(Codespace, 2, "value must be positive")
	ErrInvalidFee     = errorsmod.Register(Codespace, 3, "swap fee must be in [0, 1)")
	ErrOutOfRange     = errorsmod.Register(Codespace, 4, "value out of the supported range")
	ErrLengthMismatch = errorsmod.Register(Codespace, 5, "lengths of balances, weights and amounts differ")
	ErrPoolDrained    = errorsmod.Register(Codespace, 6, "operation would drain the pool")
	// ErrInfeasibleRails: no weight vector meets the guard rails and the
	// per-update change limit at once (ClipToRails).
	ErrInfeasibleRails = errorsmod.Register(Codespace, 7, "weight guard rails are infeasible")
)
