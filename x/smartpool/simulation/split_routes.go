package simulation

import (
	"context"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// maxSplitRoutes is how many routes a sim split swap sends at most.
const maxSplitRoutes = 3

// randomSplitRoutes picks a denom pair from a random tradable pool and 1 to
// maxSplitRoutes distinct routes between them, of one hop (any pool holding
// both) or two (through a third denom in two pools). Routes may share a
// pool: the keeper then prices the later route on what the earlier left.
func randomSplitRoutes(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([][]hop, bool) {
	now := blockTime(ctx)
	var pools []types.Pool
	_ = k.Pools.Walk(ctx, nil, func(_ uint64, p types.Pool) (bool, error) {
		if !p.SwapsPaused {
			pools = append(pools, p.AtTime(now))
		}
		return false, nil
	})
	var starts []types.Pool
	for _, p := range pools {
		if len(openDenoms(p, now)) > 0 {
			starts = append(starts, p)
		}
	}
	if len(starts) == 0 {
		reporter.Skip("no pool open for swaps")
		return nil, false
	}
	first := pick(testData, starts)
	in := pick(testData, openDenoms(first, now))
	out := pick(testData, denomsExcept(first, in))

	holds := func(p types.Pool, d string) bool { _, err := p.AssetIndex(d); return err == nil }
	var candidates [][]hop
	for _, p := range pools {
		if p.IsEntryClosed(in, now) || !holds(p, in) {
			continue
		}
		if holds(p, out) {
			candidates = append(candidates, []hop{{pool: p, in: in, out: out}})
		}
		for _, mid := range denomsExcept(p, in, out) {
			for _, q := range pools {
				if q.Id != p.Id && !q.IsEntryClosed(mid, now) && holds(q, mid) && holds(q, out) {
					candidates = append(candidates, []hop{{pool: p, in: in, out: mid}, {pool: q, in: mid, out: out}})
				}
			}
		}
	}
	r := testData.Rand()
	r.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	n := min(1+r.Intn(maxSplitRoutes), len(candidates)) // first's own hop is always a candidate
	return candidates[:n], true
}

func splitInRoutes(routes [][]hop, amounts []sdkmath.Int) []types.SwapAmountInSplitRoute {
	out := make([]types.SwapAmountInSplitRoute, len(routes))
	for i, r := range routes {
		out[i] = types.SwapAmountInSplitRoute{Pools: inRoutes(r), TokenInAmount: amounts[i]}
	}
	return out
}

func splitOutRoutes(routes [][]hop, amounts []sdkmath.Int) []types.SwapAmountOutSplitRoute {
	out := make([]types.SwapAmountOutSplitRoute, len(routes))
	for i, r := range routes {
		out[i] = types.SwapAmountOutSplitRoute{Pools: outRoutes(r), TokenOutAmount: amounts[i]}
	}
	return out
}
