package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/types"
)

// The chain-halt of issue 6: a controlled pool of two 1-unit assets with raw
// weights 10^12, an add-asset change of weight 4·10^10, then a proportional
// join of 3·10^66 shares during the time-lock. Before, the join succeeded and
// the change's S·w overflowed 256 bits in EndBlock: every node stopped. Now
// the join is refused at the share bound and the change applies; blocks go on.
func TestAddAssetOverflowReproductionCannotHalt(t *testing.T) {
	f := newFixture(t)
	id := f.createTinyControlledPool(t)
	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 1), Weight: sdkmath.NewInt(40_000_000_000)})
	require.NoError(t, err)

	huge, _ := sdkmath.NewIntFromString("3" + zeros(66))
	_, err = f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.alice.String(), PoolId: id, ShareOutAmount: huge})
	require.ErrorIs(t, err, types.ErrShareBound)

	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeApplied"))
	require.Len(t, f.pool(t, id).Assets, 3)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Second)) // and the next block comes
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

// The same fault on the remove-asset line: a removal queued while shares are
// few, then anyone's proportional join of ~10^67 shares during the time-lock.
func TestRemoveAssetOverflowReproductionCannotHalt(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), SwapFee: fee003, Controller: f.alice.String(), Rights: allRights, Timelock: time.Hour,
		Assets: []types.PoolAsset{asset("uatom", 1, 490_000_000_000), asset("ueth", 1, 20_000_000_000), asset("uusdc", 1, 490_000_000_000)},
	})
	require.NoError(t, err)
	id := res.PoolId
	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)
	huge, _ := sdkmath.NewIntFromString("1" + zeros(67))
	_, err = f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: id, ShareOutAmount: huge})
	require.ErrorIs(t, err, types.ErrShareBound)

	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeApplied"))
	require.Len(t, f.pool(t, id).Assets, 2)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

// At the bound itself every mint is refused with a typed error: joins in the
// transaction, an asset addition when due (dropped with its reason).
func TestSharesStopAtTheBound(t *testing.T) {
	f := newFixture(t)
	id := f.createTinyControlledPool(t)
	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 1), Weight: sdkmath.NewInt(40_000_000_000)})
	require.NoError(t, err)

	// Raise the pool to the bound as joins into a very deep pool could, keeping
	// the bank's share supply in step.
	p := f.pool(t, id)
	extra := types.MaxTotalShares.Sub(p.TotalShares)
	testutil.Fund(t, f.app, f.ctx, f.bob, sdk.NewCoins(sdk.NewCoin(p.ShareDenom, extra)))
	p.TotalShares = types.MaxTotalShares
	require.NoError(t, f.app.SmartPoolKeeper.Pools.Set(f.ctx, id, p))
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))

	_, err = f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.alice.String(), PoolId: id, ShareOutAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrShareBound)

	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeDropped"))
	require.Len(t, f.pool(t, id).Assets, 2)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
}

func TestShareDenomsCannotBeAssets(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	share := types.ShareDenom(id)
	_, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), SwapFee: fee003,
		Assets: []types.PoolAsset{asset(share, 1_000_000, 50), asset("uatom", 1_000_000, 50)},
	})
	require.ErrorIs(t, err, types.ErrInvalidAssets)

	ctl := f.createControlledPool(t, allRights)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: ctl, Deposit: sdk.NewInt64Coin(share, 1_000_000), Weight: sdkmath.NewInt(2)})
	require.ErrorIs(t, err, types.ErrInvalidAssets)
}

// A due item that panics is dropped with its reason; the items after it in
// the same block still apply, and EndBlock returns no error.
func TestPanickingItemIsDroppedAndTheBlockGoesOn(t *testing.T) {
	f := newFixture(t)
	broken := f.createControlledPool(t, allRights)
	healthy := f.createControlledPool(t, allRights)
	newFee := sdkmath.LegacyNewDecWithPrec(5, 3)
	_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: broken, SwapFee: newFee})
	require.NoError(t, err)
	_, err = f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: healthy, SwapFee: newFee})
	require.NoError(t, err)

	// Corrupt the first pool so that storing it indexes past a slice: a state
	// no transaction can make, standing in for any bug we have not found.
	p := f.pool(t, broken)
	p.WeightSchedule = &types.WeightSchedule{StartTime: f.ctx.BlockTime(), EndTime: f.ctx.BlockTime().Add(48 * time.Hour), StartWeights: ints(50), TargetWeights: ints(50)}
	require.NoError(t, f.app.SmartPoolKeeper.Pools.Set(f.ctx, broken, p))

	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	dropped := f.events("smartpool.v1.EventChangeDropped")
	require.Len(t, dropped, 1)
	require.Contains(t, dropped[0], "panic")
	require.Equal(t, newFee, f.pool(t, healthy).SwapFee, "the change after the panicking one applied")
	require.Empty(t, f.pending(t, broken), "the panicking change left the queue")
}

// The end-block step does at most max_due_changes_per_block changes and
// max_schedule_ends_per_block schedule ends a block; the rest carry over, in
// due order.
func TestEndBlockWorkIsBounded(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxDueChangesPerBlock, params.MaxScheduleEndsPerBlock = 2, 1
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))

	var pools []uint64
	for i := 0; i < 5; i++ {
		id := f.createControlledPool(t, allRights)
		pools = append(pools, id)
		_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyNewDecWithPrec(int64(i+10), 3)})
		require.NoError(t, err)
	}
	due := f.ctx.BlockTime().Add(time.Hour)
	applied := func() int {
		n := 0
		for i, id := range pools {
			if f.pool(t, id).SwapFee.Equal(sdkmath.LegacyNewDecWithPrec(int64(i+10), 3)) {
				n++
			}
		}
		return n
	}
	f.endBlockAt(t, due)
	require.Equal(t, 2, applied())
	require.True(t, f.pool(t, pools[1]).SwapFee.Equal(sdkmath.LegacyNewDecWithPrec(11, 3)), "in due order")
	f.endBlockAt(t, due.Add(time.Second))
	require.Equal(t, 4, applied())
	f.endBlockAt(t, due.Add(2*time.Second))
	require.Equal(t, 5, applied())

	// Two schedules ending together settle one per block.
	for i := 0; i < 2; i++ {
		_, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(), SwapFee: fee003,
			Assets:         []types.PoolAsset{asset("uatom", 1_000_000, 50), asset("uusdc", 1_000_000, 50)},
			WeightSchedule: &types.WeightScheduleChange{StartTime: f.ctx.BlockTime(), EndTime: f.ctx.BlockTime().Add(2 * time.Hour), TargetWeights: ints(51, 49)}})
		require.NoError(t, err)
	}
	end := f.ctx.BlockTime().Add(2 * time.Hour)
	f.endBlockAt(t, end)
	require.Len(t, f.events("smartpool.v1.EventWeightScheduleEnded"), 1)
	f.endBlockAt(t, end.Add(time.Second))
	require.Len(t, f.events("smartpool.v1.EventWeightScheduleEnded"), 1)
}

// createTinyControlledPool is the attacked pool of issue 6: two assets of one
// base unit each, raw weights 10^12, controlled by alice with every right.
func (f *fixture) createTinyControlledPool(t testing.TB) uint64 {
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), SwapFee: fee003, Controller: f.alice.String(), Rights: allRights, Timelock: time.Hour,
		Assets: []types.PoolAsset{asset("uatom", 1, 1_000_000_000_000), asset("uusdc", 1, 1_000_000_000_000)},
	})
	require.NoError(t, err)
	return res.PoolId
}

// events returns the attributes, as one string each, of the current events of eventType.
func (f *fixture) events(eventType string) []string {
	var out []string
	for _, e := range f.ctx.EventManager().Events() {
		if e.Type != eventType {
			continue
		}
		s := ""
		for _, a := range e.Attributes {
			s += a.Key + "=" + a.Value + " "
		}
		out = append(out, s)
	}
	return out
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

// A due params change that cannot apply (here: params no validation would
// pass, written straight to state) is dropped with its reason, once; the rest
// of the block runs.
func TestBadParamsChangeIsDropped(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyNewDecWithPrec(5, 3)})
	require.NoError(t, err)
	bad := types.DefaultParams()
	bad.MinAssets = 0
	due := f.ctx.BlockTime().Add(time.Hour)
	require.NoError(t, f.app.SmartPoolKeeper.PendingParams.Set(f.ctx, types.PendingParamsChange{Params: bad, QueuedAt: f.ctx.BlockTime(), DueTime: due}))

	f.endBlockAt(t, due)
	require.Len(t, f.events("smartpool.v1.EventParamsChangeDropped"), 1)
	has, err := f.app.SmartPoolKeeper.PendingParams.Has(f.ctx)
	require.NoError(t, err)
	require.False(t, has, "dropped, not retried every block")
	require.Equal(t, types.DefaultParams(), must(f.app.SmartPoolKeeper.Params.Get(f.ctx)))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeApplied"), "the pool change due in the same block applied")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
