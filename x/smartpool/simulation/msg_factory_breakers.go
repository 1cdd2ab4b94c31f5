package simulation

import (
	"context"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// keeperAccepts runs one of the keeper's own quotes on a throw-away branch:
// the pool math alone cannot tell what the circuit breakers will refuse.
func keeperAccepts(ctx context.Context, quote func(context.Context) error) error {
	branch, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	return quote(branch.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter()))
}

// MsgSetBreakersFactory queues random breakers, or a return to the params'
// defaults, on a pool whose controller may change them.
func MsgSetBreakersFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetBreakers] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetBreakers) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose breakers may change", func(p types.Pool) bool {
			return p.Rights.ChangeBreakers && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		msg := &types.MsgSetBreakers{Sender: ctrl.AddressBech32, PoolId: pool.Id}
		if testData.Rand().Intn(4) != 0 {
			b := RandomBreakers(testData.Rand().Rand, params.OracleRetention)
			msg.Breakers = &b
		}
		return []simsx.SimAccount{ctrl}, msg
	}
}
