package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// cyclicRoute extends a first hop A→B with B→A in another tradable pool
// holding both and open to B: the arbitrage route, which starts and ends in
// the same denom (each pool still at most once).
func cyclicRoute(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, first hop) ([]hop, bool) {
	now := blockTime(ctx)
	back, ok := findPool(ctx, k, testData, func(p types.Pool) bool {
		if p.SwapsPaused || p.Id == first.pool.Id || p.IsEntryClosed(first.out, now) {
			return false
		}
		_, errIn := p.AssetIndex(first.in)
		_, errOut := p.AssetIndex(first.out)
		return errIn == nil && errOut == nil
	})
	if !ok {
		return nil, false
	}
	return []hop{first, {pool: back.AtTime(now), in: first.out, out: first.in}}, true
}
