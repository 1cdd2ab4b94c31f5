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
// which all ten schedules end and store their targets.
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
	}
}
