package simulation

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// Factories read the keeper's state at the block the message is delivered in
// and build messages the keeper will accept, by running the same pure pool
// methods the keeper runs (on copies). After reporter.Skip a factory returns
// at once: simsx abandons its goroutine, which must not touch state any more.

// maxPools bounds how many pools a run creates, so that operations keep
// meeting the same pools (queues fill, allow-lists bite, schedules overlap)
// instead of spreading over thousands of fresh ones.
const maxPools = 60

// poolTries is how many random pools a factory looks at before it skips.
const poolTries = 24

func blockTime(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

func getParams(ctx context.Context, k keeper.Keeper, reporter simsx.SimulationReporter) (types.Params, bool) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		reporter.Skipf("params: %v", err)
		return types.Params{}, false
	}
	return p, true
}

// poolCount is the number of pools created so far (ids run 1..count).
func poolCount(ctx context.Context, k keeper.Keeper) uint64 {
	next, err := k.NextPoolID.Peek(ctx)
	if err != nil || next == 0 {
		return 0
	}
	return next - 1
}

// randomPool picks a pool that accept takes, trying random ids; pools are
// never deleted, so ids 1..count all exist.
func randomPool(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	why string, accept func(types.Pool) bool,
) (types.Pool, bool) {
	n := poolCount(ctx, k)
	if n == 0 {
		reporter.Skip("no pools yet")
		return types.Pool{}, false
	}
	if pool, ok := findPool(ctx, k, testData, accept); ok {
		return pool, true
	}
	reporter.Skip("no pool " + why)
	return types.Pool{}, false
}

// findPool is randomPool without the skip, for optional picks.
func findPool(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, accept func(types.Pool) bool) (types.Pool, bool) {
	n := poolCount(ctx, k)
	if n == 0 {
		return types.Pool{}, false
	}
	r := testData.Rand()
	for range poolTries {
		pool, err := k.Pools.Get(ctx, 1+uint64(r.Int63n(int64(n))))
		if err == nil && accept(pool) {
			return pool, true
		}
	}
	return types.Pool{}, false
}

// controlledPool picks a pool whose controller is a sim account (so that it
// can sign) and that accept takes, and returns that controller.
func controlledPool(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	why string, accept func(types.Pool) bool,
) (types.Pool, simsx.SimAccount, bool) {
	pool, ok := randomPool(ctx, k, testData, reporter, why, func(p types.Pool) bool {
		return p.Controller != "" && testData.HasAccount(p.Controller) && accept(p)
	})
	if !ok {
		return types.Pool{}, simsx.SimAccount{}, false
	}
	ctrl := testData.GetAccount(reporter, pool.Controller)
	return pool, ctrl, !reporter.IsSkipped()
}

// hasQueueRoom reports whether a pool may queue one more change.
func hasQueueRoom(ctx context.Context, k keeper.Keeper, poolID uint64) bool {
	return len(pendingChangeIDs(ctx, k, poolID)) < types.MaxPendingChangesPerPool
}

func pendingChangeIDs(ctx context.Context, k keeper.Keeper, poolID uint64) []uint64 {
	var ids []uint64
	_ = k.ChangesByPool.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](poolID), func(key collections.Pair[uint64, uint64]) (bool, error) {
		ids = append(ids, key.K2())
		return false, nil
	})
	return ids
}

// mayJoin reports whether addr may join the pool (its allow-list).
func mayJoin(ctx context.Context, k keeper.Keeper, pool types.Pool, addr sdk.AccAddress) bool {
	if !pool.AllowListEnabled {
		return true
	}
	ok, err := k.AllowList.Has(ctx, collections.Join(pool.Id, addr))
	return err == nil && ok
}

// joiner picks a sim account allowed to join the pool that holds some of every denom.
func joiner(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	pool types.Pool, denoms []string,
) (simsx.SimAccount, bool) {
	holds := func(a simsx.SimAccount) bool {
		for _, d := range denoms {
			if !a.LiquidBalance().AmountOf(d).IsPositive() {
				return false
			}
		}
		return true
	}
	if pool.AllowListEnabled {
		// Few accounts are listed: look at the list itself.
		var listed []string
		_ = k.AllowList.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](pool.Id), func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
			addr, err := testData.AddressCodec().BytesToString(key.K2())
			if err == nil && testData.HasAccount(addr) {
				listed = append(listed, addr)
			}
			return false, nil
		})
		r := testData.Rand()
		r.Shuffle(len(listed), func(i, j int) { listed[i], listed[j] = listed[j], listed[i] })
		for _, addr := range listed {
			if a := testData.GetAccount(reporter, addr); holds(a) {
				return a, true
			}
		}
		reporter.Skip("no allow-listed account holds the tokens")
		return simsx.SimAccount{}, false
	}
	acc := testData.AnyAccountN(8, reporter, simsx.SimAccountFilterFn(holds))
	return acc, !reporter.IsSkipped()
}

// shareHolder picks a sim account holding shares of the pool: its creator or
// controller if they still hold some, else a random holder.
func shareHolder(testData *simsx.ChainDataSource, reporter simsx.SimulationReporter, pool types.Pool) (simsx.SimAccount, bool) {
	holds := func(a simsx.SimAccount) bool { return a.LiquidBalance().AmountOf(pool.ShareDenom).IsPositive() }
	for _, addr := range []string{pool.Creator, pool.Controller} {
		if addr != "" && testData.HasAccount(addr) {
			if a := testData.GetAccount(reporter, addr); holds(a) {
				return a, true
			}
		}
	}
	acc := testData.AnyAccountN(8, reporter, simsx.SimAccountFilterFn(holds))
	return acc, !reporter.IsSkipped()
}

// randInt returns a random amount in [1, max] (max must be positive),
// skewed towards small amounts so that both dust and large trades occur.
func randInt(testData *simsx.ChainDataSource, max sdkmath.Int) sdkmath.Int {
	r := testData.Rand()
	if !max.IsPositive() {
		return sdkmath.ZeroInt()
	}
	// Scale max down by a random power of ten (0..9) first.
	for range r.Intn(10) {
		if max.LT(sdkmath.NewInt(10)) {
			break
		}
		max = max.QuoRaw(10)
	}
	v, err := r.PositiveSDKIntn(max)
	if err != nil {
		return sdkmath.OneInt()
	}
	return v
}

// ratioOf is floor(ratio · amount).
func ratioOf(ratio sdkmath.LegacyDec, amount sdkmath.Int) sdkmath.Int {
	return ratio.MulInt(amount).TruncateInt()
}

// openDenoms lists the pool's denoms that may enter it at t: not held by a
// pending removal nor newly added (the keeper refuses those with ErrEntryClosed).
func openDenoms(pool types.Pool, t time.Time) []string {
	var out []string
	for _, a := range pool.Assets {
		if !pool.IsEntryClosed(a.Denom, t) {
			out = append(out, a.Denom)
		}
	}
	return out
}

// denomsExcept lists the pool's denoms other than skip.
func denomsExcept(pool types.Pool, skip ...string) []string {
	var out []string
	for _, a := range pool.Assets {
		keep := true
		for _, s := range skip {
			if a.Denom == s {
				keep = false
			}
		}
		if keep {
			out = append(out, a.Denom)
		}
	}
	return out
}

func pick[T any](testData *simsx.ChainDataSource, xs []T) T {
	return xs[testData.Rand().Intn(len(xs))]
}
