package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	ibcante "github.com/cosmos/ibc-go/v11/modules/core/ante"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
)

// newAnteHandler is the SDK's default ante chain followed by IBC's
// redundant-relay check: a relayer's transaction whose every packet message
// was already delivered by another relayer fails in CheckTx, so it never
// reaches a block and its sender pays no fee for nothing.
func newAnteHandler(options ante.HandlerOptions, ibcKeeper *ibckeeper.Keeper) (sdk.AnteHandler, error) {
	sdkAnte, err := ante.NewAnteHandler(options)
	if err != nil {
		return nil, err
	}
	redundantRelay := ibcante.NewRedundantRelayDecorator(ibcKeeper)
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		ctx, err := sdkAnte(ctx, tx, simulate)
		if err != nil {
			return ctx, err
		}
		return redundantRelay.AnteHandle(ctx, tx, simulate, func(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) {
			return ctx, nil
		})
	}, nil
}
