package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// indexes is every derived index the store migration rebuilds.
type indexes struct {
	byDue, ends []collections.Pair[time.Time, uint64]
	byPool      []collections.Pair[uint64, uint64]
}

func (f *fixture) indexes(t *testing.T) indexes {
	k := f.app.SmartPoolKeeper
	var ix indexes
	require.NoError(t, k.ChangesByDue.Walk(f.ctx, nil, func(p collections.Pair[time.Time, uint64]) (bool, error) {
		ix.byDue = append(ix.byDue, p)
		return false, nil
	}))
	require.NoError(t, k.ScheduleEnds.Walk(f.ctx, nil, func(p collections.Pair[time.Time, uint64]) (bool, error) {
		ix.ends = append(ix.ends, p)
		return false, nil
	}))
	require.NoError(t, k.ChangesByPool.Walk(f.ctx, nil, func(p collections.Pair[uint64, uint64]) (bool, error) {
		ix.byPool = append(ix.byPool, p)
		return false, nil
	}))
	return ix
}

// The 1 → 2 store migration leaves a consistent store as it was, rebuilds
// lost or stale index entries from the records, and the end-block step then
// applies the queued changes and ends the schedule on time.
func TestMigrate1to2RebuildsIndexes(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.MaxWeightChangePerDay = sdkmath.LegacyNewDec(100) })
	scheduled := f.createControlledPool(t, allRights)
	t0 := f.ctx.BlockTime()
	q, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: scheduled,
		Schedule: types.WeightScheduleChange{StartTime: t0.Add(2 * time.Hour), EndTime: t0.Add(3 * time.Hour), TargetWeights: ints(70, 30)}})
	require.NoError(t, err)
	f.endBlockAt(t, q.DueTime)
	require.NotNil(t, f.pool(t, scheduled).WeightSchedule)
	other := f.createControlledPool(t, allRights)
	for _, id := range []uint64{scheduled, other} {
		_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.01")})
		require.NoError(t, err)
	}
	before, genesis := f.indexes(t), f.snapshot(t).genesis
	require.Len(t, before.byDue, 2)
	require.Len(t, before.ends, 1)

	k := f.app.SmartPoolKeeper
	m := keeper.NewMigrator(k)
	stats, err := m.RebuildIndexes(f.ctx)
	require.NoError(t, err)
	require.Equal(t, keeper.MigrationStats{Pools: 2, PendingChanges: 2, ScheduleEnds: 1}, stats)
	require.Equal(t, before, f.indexes(t), "a consistent store keeps its indexes")
	require.Equal(t, genesis, f.snapshot(t).genesis, "and every record")

	// Lost and stale entries: the migration restores exactly the indexes the records imply.
	require.NoError(t, k.ChangesByDue.Remove(f.ctx, before.byDue[0]))
	require.NoError(t, k.ScheduleEnds.Clear(f.ctx, nil))
	require.NoError(t, k.ChangesByPool.Set(f.ctx, collections.Join(other, uint64(999))))
	require.NoError(t, m.Migrate1to2(f.ctx))
	require.Equal(t, before, f.indexes(t))

	// The end-block step finds everything on time: both fee changes, then the schedule's end.
	f.endBlockAt(t, t0.Add(2*time.Hour))
	for _, id := range []uint64{scheduled, other} {
		require.Equal(t, "0.010000000000000000", f.pool(t, id).SwapFee.String())
		require.Empty(t, f.pending(t, id))
	}
	f.endBlockAt(t, t0.Add(3*time.Hour))
	require.Nil(t, f.pool(t, scheduled).WeightSchedule)
	require.Equal(t, ints(70, 30), []sdkmath.Int{f.pool(t, scheduled).Assets[0].Weight, f.pool(t, scheduled).Assets[1].Weight})
}
