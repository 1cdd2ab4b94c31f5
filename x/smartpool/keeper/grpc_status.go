package keeper

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// A query's error reaches gRPC clients as a gRPC status, and the REST
// gateway answers with that status's HTTP code: NotFound 404,
// InvalidArgument and FailedPrecondition 400, Internal and Unknown 500. The
// module's registered errors carry their gRPC code (types/errors.go); every
// query method defers queryStatus, which gives a code to whatever else a
// query can return, so that no error leaves a query as Unknown.

// foreignCodes are the gRPC codes of errors registered outside the module
// that a query can return; the first match wins.
var foreignCodes = []struct {
	err  error
	code codes.Code
}{
	{sdkerrors.ErrInvalidRequest, codes.InvalidArgument},
	{sdkerrors.ErrInvalidCoins, codes.InvalidArgument},
	{sdkerrors.ErrInvalidAddress, codes.InvalidArgument},
	{sdkerrors.ErrKeyNotFound, codes.NotFound},
	{sdkerrors.ErrNotFound, codes.NotFound},
	// Math that leaves its range on this pool's numbers: a state the
	// request cannot be served in, as types.ErrMath.
	{poolmath.ErrPoolDrained, codes.FailedPrecondition},
	{poolmath.ErrOutOfRange, codes.FailedPrecondition},
	{poolmath.ErrNonPositive, codes.FailedPrecondition},
}

// queryStatus sets a query's error to one that carries the gRPC code its
// kind calls for, deferred by every query method on its named result. An
// error with a code other than Unknown (the module's registered errors, a
// status error) is left as it is; another is wrapped with its code, keeping
// its message and, for errors.Is and the ABCI code, the error itself.
// Anything not recognised is a fault of the node: Internal.
func queryStatus(err *error) {
	if *err == nil {
		return
	}
	code := queryCode(*err)
	if s, ok := status.FromError(*err); ok && s.Code() == code {
		return
	}
	*err = &statusError{err: *err, code: code}
}

// queryCode is the gRPC code of a query's error.
func queryCode(err error) codes.Code {
	if s, ok := status.FromError(err); ok && s.Code() != codes.Unknown {
		return s.Code()
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return status.FromContextError(err).Code()
	}
	for _, f := range foreignCodes {
		if errors.Is(err, f.err) {
			return f.code
		}
	}
	return codes.Internal
}

// statusError is an error with the gRPC code queryStatus gave it.
type statusError struct {
	err  error
	code codes.Code
}

func (e *statusError) Error() string { return e.err.Error() }

// Unwrap and Cause keep errors.Is and errorsmod.ABCIInfo seeing the error.
func (e *statusError) Unwrap() error { return e.err }
func (e *statusError) Cause() error  { return e.err }

// GRPCStatus is what gRPC servers send: the code, and the message with the
// codespace and ABCI code of a registered error, as a registered error's own
// status has them.
func (e *statusError) GRPCStatus() *status.Status {
	msg := e.err.Error()
	if space, code, _ := errorsmod.ABCIInfo(e.err, false); space != errorsmod.UndefinedCodespace {
		msg = fmt.Sprintf("codespace %s code %d: %s", space, code, msg)
	}
	return status.New(e.code, msg)
}

// checkPage refuses a page request the SDK's pagination would fail with an
// error of no kind: an offset and a key together.
func checkPage(page *query.PageRequest) error {
	if page != nil && page.Offset > 0 && len(page.Key) > 0 {
		return errorsmod.Wrap(types.ErrInvalidRequest, "pagination: give an offset or a key, not both")
	}
	return nil
}
