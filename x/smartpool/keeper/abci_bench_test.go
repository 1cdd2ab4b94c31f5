package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/types"
)

// BenchmarkEndBlock measures the end-block step with many idle pools and 10
// pools whose weight schedules run. Its cost must not grow with the number of
// pools: "nothing-due" is the usual block, "10-schedules-end" the block in
// which all ten schedules end and store their targets, "10-curves-advance"
// the block in which ten multi-point curves move on to their next segment,
// "10-strategy-updates" the block in which ten rule-driven pools update.
// Run: go test -run '^$' -bench EndBlock -benchmem ./x/smartpool/keeper/
func BenchmarkEndBlock(b *testing.B) {
	for _, idle := range []int{100, 10_000} {
		f := newFixture(b)
		template := f.pool(b, f.createPool(b))
		k := f.app.SmartPoolKeeper
		now := f.ctx.BlockTime()
		for i := 0; i < idle; i++ {
			p := template.Clone()
			p.Id = uint64(1000 + i)
			p.ShareDenom = types.ShareDenom(p.Id)
			require.NoError(b, k.Pools.Set(f.ctx, p.Id, p))
		}
		end := now.Add(24 * time.Hour)
		scheduled := make([]types.Pool, 10)
		for i := range scheduled {
			p := template.Clone()
			p.Id = uint64(100 + i)
			p.ShareDenom = types.ShareDenom(p.Id)
			p.WeightSchedule = &types.WeightSchedule{StartTime: now, EndTime: end,
				StartWeights: p.Weights(), TargetWeights: ints(40, 60)}
			scheduled[i] = p
		}
		reset := func() {
			for _, p := range scheduled {
				require.NoError(b, k.Pools.Set(f.ctx, p.Id, p))
				require.NoError(b, k.ScheduleEnds.Set(f.ctx, collections.Join(end, p.Id)))
			}
		}
		reset()

		b.Run(fmt.Sprintf("nothing-due/%d-idle-pools", idle), func(b *testing.B) {
			ctx := f.ctx.WithBlockTime(now.Add(time.Hour))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := k.EndBlock(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("10-schedules-end/%d-idle-pools", idle), func(b *testing.B) {
			ctx := f.ctx.WithBlockTime(end)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				reset()
				b.StartTimer()
				if err := k.EndBlock(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			require.Nil(b, f.pool(b, scheduled[0].Id).WeightSchedule)
		})
		// The same ten pools on multi-point curves: their segments end, and
		// the step moves each on to its next segment instead.
		for i := range scheduled {
			scheduled[i].WeightSchedule.Waypoints = []types.Waypoint{{Time: end.Add(time.Hour), Weights: ints(50, 50)}}
		}
		b.Run(fmt.Sprintf("10-curves-advance/%d-idle-pools", idle), func(b *testing.B) {
			ctx := f.ctx.WithBlockTime(end)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				reset()
				b.StartTimer()
				if err := k.EndBlock(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			require.Equal(b, end.Add(time.Hour), f.pool(b, scheduled[0].Id).WeightSchedule.EndTime, "moved on to the next segment")
		})
		// Ten momentum pools whose interval ends: the step reads each one's
		// TWAP window, runs the rule and the rails and starts its next move.
		ruled := make([]types.Pool, 10)
		for i := range ruled {
			id := f.strategyPool(b, momentumStrategy())
			ruled[i] = f.pool(b, id)
			ruled[i].StrategyState.Updates = 1 // past the first update, which only records prices
			ruled[i].StrategyState.Estimates = make([]types.AssetEstimate, 2)
			for j := range ruled[i].StrategyState.Estimates {
				ruled[i].StrategyState.Estimates[j] = types.AssetEstimate{LastLogPrice: dec("0.1"), MeanLogPrice: dec("0.1"), Gradient: dec("0.01"), Variance: dec("0.0001")}
			}
		}
		due := ruled[0].StrategyState.NextUpdate
		b.Run(fmt.Sprintf("10-strategy-updates/%d-idle-pools", idle), func(b *testing.B) {
			ctx := f.ctx.WithBlockTime(due)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				for _, p := range ruled {
					require.NoError(b, k.Pools.Set(ctx, p.Id, p))
					require.NoError(b, k.StrategyUpdates.Set(ctx, collections.Join(due, p.Id)))
				}
				b.StartTimer()
				if err := k.EndBlock(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			p := f.pool(b, ruled[0].Id)
			require.Equal(b, types.StrategyStatusOK, p.StrategyState.Status)
			require.Equal(b, due.Add(time.Hour), p.StrategyState.NextUpdate, "updated")
		})
	}
}

// BenchmarkEndBlockAtBound measures a block whose queue holds far more due
// work than the per-block bounds allow: 10,000 due pool changes and 10,000
// ended schedules behind them. Each block does max_due_changes_per_block
// (100) changes and max_schedule_ends_per_block (100) schedule ends and
// carries the rest, so this is the most one block ever costs whatever users
// queue.
// Run: go test -run '^$' -bench EndBlockAtBound -benchmem ./x/smartpool/keeper/
func BenchmarkEndBlockAtBound(b *testing.B) {
	const backlog = 10_000
	f := newFixture(b)
	k := f.app.SmartPoolKeeper
	params, err := k.Params.Get(f.ctx)
	require.NoError(b, err)
	template := f.pool(b, f.createControlledPool(b, allRights))
	now := f.ctx.BlockTime()
	nextChange := uint64(1)
	fill := func() {
		for i := 0; i < backlog; i++ {
			p := template.Clone()
			p.Id = uint64(1000 + i)
			p.ShareDenom = types.ShareDenom(p.Id)
			p.WeightSchedule = &types.WeightSchedule{StartTime: now.Add(-2 * time.Hour), EndTime: now.Add(-time.Hour), StartWeights: p.Weights(), TargetWeights: ints(40, 60)}
			require.NoError(b, k.Pools.Set(f.ctx, p.Id, p))
			require.NoError(b, k.ScheduleEnds.Set(f.ctx, collections.Join(p.WeightSchedule.EndTime, p.Id)))
			c := types.PendingChange{Id: nextChange, PoolId: p.Id, Proposer: p.Controller, QueuedAt: now.Add(-time.Hour), DueTime: now,
				Change: &types.PendingChange_SwapFee{SwapFee: &types.SwapFeeChange{SwapFee: fee003}}}
			nextChange++
			require.NoError(b, k.PendingChanges.Set(f.ctx, c.Id, c))
			require.NoError(b, k.ChangesByDue.Set(f.ctx, collections.Join(c.DueTime, c.Id)))
			require.NoError(b, k.ChangesByPool.Set(f.ctx, collections.Join(c.PoolId, c.Id)))
		}
	}
	fill()
	blocks := 0
	b.Run(fmt.Sprintf("backlog-%d/bound-%d", backlog, params.MaxDueChangesPerBlock), func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if blocks*int(params.MaxDueChangesPerBlock) >= backlog-int(params.MaxDueChangesPerBlock) {
				b.StopTimer()
				fill()
				blocks = 0
				b.StartTimer()
			}
			ctx := f.ctx.WithBlockTime(now.Add(time.Duration(i) * time.Second))
			if err := k.EndBlock(ctx); err != nil {
				b.Fatal(err)
			}
			blocks++
		}
	})
	// Each block did exactly the bound: the rest is still queued.
	var left int
	require.NoError(b, k.ChangesByDue.Walk(f.ctx, nil, func(collections.Pair[time.Time, uint64]) (bool, error) { left++; return false, nil }))
	require.Zero(b, left%int(params.MaxDueChangesPerBlock), "whole bounds per block")
	require.Positive(b, left, "the backlog carries over")
}
