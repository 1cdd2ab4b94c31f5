package keeper

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// TestQueryStatus: queryStatus gives every error a query can return a gRPC
// code other than Unknown, and keeps the error itself for errors.Is and its
// ABCI code.
func TestQueryStatus(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want codes.Code
	}{
		{"module error", errorsmod.Wrap(types.ErrPoolNotFound, "pool 9"), codes.NotFound},
		{"module error behind fmt", fmt.Errorf("%w: recovered from panic", types.ErrInvalidPoolState), codes.Internal},
		{"status error", status.Error(codes.OutOfRange, "x"), codes.OutOfRange},
		{"unknown status error", status.Error(codes.Unknown, "x"), codes.Internal},
		{"sdk invalid coins", errorsmod.Wrap(sdkerrors.ErrInvalidCoins, "x"), codes.InvalidArgument},
		{"sdk invalid request", errorsmod.Wrap(sdkerrors.ErrInvalidRequest, "x"), codes.InvalidArgument},
		{"sdk invalid address", errorsmod.Wrap(sdkerrors.ErrInvalidAddress, "x"), codes.InvalidArgument},
		{"sdk key not found", errorsmod.Wrap(sdkerrors.ErrKeyNotFound, "x"), codes.NotFound},
		{"pool drained", errorsmod.Wrapf(errorsmod.Wrap(poolmath.ErrPoolDrained, "x"), "asset %d", 1), codes.FailedPrecondition},
		{"math out of range", errorsmod.Wrap(poolmath.ErrOutOfRange, "x"), codes.FailedPrecondition},
		{"math non-positive", errorsmod.Wrap(poolmath.ErrNonPositive, "x"), codes.FailedPrecondition},
		{"math lengths", errorsmod.Wrap(poolmath.ErrLengthMismatch, "x"), codes.Internal},
		{"store: not found", fmt.Errorf("%w: params", collections.ErrNotFound), codes.Internal},
		{"store: encoding", collections.ErrEncoding, codes.Internal},
		{"raw error", errors.New("boom"), codes.Internal},
		{"panic", errorsmod.Wrap(errorsmod.ErrPanic, "boom"), codes.Internal},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), codes.Canceled},
		{"deadline", context.DeadlineExceeded, codes.DeadlineExceeded},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.err
			queryStatus(&err)
			require.Equal(t, c.want, status.Code(err), err.Error())
			require.ErrorIs(t, err, c.err)
			require.Equal(t, c.err.Error(), err.Error())
			space, code, _ := errorsmod.ABCIInfo(c.err, false)
			gotSpace, gotCode, _ := errorsmod.ABCIInfo(err, false)
			require.Equal(t, space, gotSpace)
			require.Equal(t, code, gotCode)
		})
	}
	var err error
	queryStatus(&err)
	require.NoError(t, err)
}

// TestStatusErrorMessage: a wrapped registered error's status message names
// its codespace and code, as the module's own errors' do.
func TestStatusErrorMessage(t *testing.T) {
	err := errorsmod.Wrap(sdkerrors.ErrInvalidCoins, "bad")
	queryStatus(&err)
	require.Equal(t, "codespace sdk code 10: bad: invalid coins", status.Convert(err).Message())
	err = errors.New("boom")
	queryStatus(&err)
	require.Equal(t, "boom", status.Convert(err).Message())
}
