package simulation

import (
	"context"
	"errors"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// simsx runs a factory on its own goroutine and, once the factory calls
// reporter.Skip, stops waiting for it: the goroutine then blocks for ever on
// its unbuffered result channel, holding its context (and with it the
// block's store branch). Over a long run those leaks add up to gigabytes.
// A panic after a skip is the one exit simsx handles (it closes the channel
// instead), so a skipped factory ends with one.
var errSkipped = errors.New("factory skipped")

// endOnSkip wraps a factory so that its goroutine ends when it skips.
func endOnSkip[T sdk.Msg](f simsx.SimMsgFactoryFn[T]) simsx.SimMsgFactoryFn[T] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, T) {
		signers, msg := f(ctx, testData, reporter)
		if reporter.IsSkipped() {
			panic(errSkipped)
		}
		return signers, msg
	}
}

// expectFailure builds a factory of a message that must fail, with its
// result handler, and with the same end on skip as endOnSkip.
func expectFailure[T sdk.Msg](f simsx.FactoryMethodWithDeliveryResultHandler[T]) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, T, simsx.SimDeliveryResultHandler) {
		signers, msg, handler := f(ctx, testData, reporter)
		if reporter.IsSkipped() {
			panic(errSkipped)
		}
		return signers, msg, handler
	})
}
