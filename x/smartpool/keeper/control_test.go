package keeper_test

import (
	"context"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

var allRights = types.PoolRights{PauseSwaps: true, ChangeSwapFee: true, ChangeWeights: true, AddRemoveAssets: true, ManageAllowList: true, ChangeShareCap: true}

// createControlledPool makes a 50/50 uatom/uusdc pool controlled by alice
// with the given rights and a one-hour time-lock.
func (f *fixture) createControlledPool(t testing.TB, rights types.PoolRights) uint64 {
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender:     f.alice.String(),
		Assets:     []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)},
		SwapFee:    fee003,
		Controller: f.alice.String(),
		Rights:     rights,
		Timelock:   time.Hour,
	})
	require.NoError(t, err)
	return res.PoolId
}

func (f *fixture) pending(t testing.TB, id uint64) []types.PendingChange {
	res, err := f.query.PoolPendingChanges(f.ctx, &types.QueryPoolPendingChangesRequest{PoolId: id})
	require.NoError(t, err)
	return res.Changes
}

// hasEvent reports whether the fixture's current events include one of type eventType.
func (f *fixture) hasEvent(eventType string) bool {
	for _, e := range f.ctx.EventManager().Events() {
		if e.Type == eventType {
			return true
		}
	}
	return false
}

// controlMsg is one controller message per right, sent by alice.
type controlMsg struct {
	name string
	// right grants the right the change needs; nil when it needs none.
	right func(*types.PoolRights)
	send  func(f *fixture, id uint64) error
	// applied reports whether the change is in effect on the pool.
	applied func(f *fixture, p types.Pool) bool
	// setup makes the pool the change applies to (nil: createControlledPool).
	setup func(f *fixture, t testing.TB, rights types.PoolRights) uint64
}

func (m controlMsg) pool(f *fixture, t testing.TB, rights types.PoolRights) uint64 {
	if m.setup != nil {
		return m.setup(f, t, rights)
	}
	return f.createControlledPool(t, rights)
}

func controlMsgs(f *fixture) []controlMsg {
	return []controlMsg{
		{"swap fee", func(r *types.PoolRights) { r.ChangeSwapFee = true },
			func(f *fixture, id uint64) error {
				_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.01")})
				return err
			},
			func(_ *fixture, p types.Pool) bool { return p.SwapFee.Equal(sdkmath.LegacyMustNewDecFromStr("0.01")) }, nil},
		{"share cap", func(r *types.PoolRights) { r.ChangeShareCap = true },
			func(f *fixture, id uint64) error {
				_, err := f.msgs.SetShareCap(f.ctx, &types.MsgSetShareCap{Sender: f.alice.String(), PoolId: id, ShareCap: types.InitialShares.MulRaw(2)})
				return err
			},
			func(_ *fixture, p types.Pool) bool { return p.ShareCap.Equal(types.InitialShares.MulRaw(2)) }, nil},
		{"allow-list", func(r *types.PoolRights) { r.ManageAllowList = true },
			func(f *fixture, id uint64) error {
				_, err := f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id,
					Edit: types.AllowListChange{Enable: true, Add: []string{f.bob.String()}}})
				return err
			},
			func(f *fixture, p types.Pool) bool {
				res, err := f.query.AllowList(f.ctx, &types.QueryAllowListRequest{PoolId: p.Id})
				return err == nil && p.AllowListEnabled && len(res.Addresses) == 1 && res.Addresses[0] == f.bob.String()
			}, nil},
		{"weight schedule", func(r *types.PoolRights) { r.ChangeWeights = true },
			func(f *fixture, id uint64) error {
				start := f.ctx.BlockTime().Add(2 * time.Hour)
				_, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
					Schedule: types.WeightScheduleChange{StartTime: start, EndTime: start.Add(4 * time.Hour), TargetWeights: ints(60, 40)}})
				return err
			},
			func(_ *fixture, p types.Pool) bool { return p.WeightSchedule != nil }, nil},
		{"add asset", func(r *types.PoolRights) { r.AddRemoveAssets = true },
			func(f *fixture, id uint64) error {
				_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id,
					Deposit: sdk.NewInt64Coin("ueth", 2_000_000), Weight: sdkmath.NewInt(2)})
				return err
			},
			func(_ *fixture, p types.Pool) bool { return len(p.Assets) == 3 }, nil},
		{"remove asset", func(r *types.PoolRights) { r.AddRemoveAssets = true },
			func(f *fixture, id uint64) error {
				_, err := f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
				return err
			},
			func(_ *fixture, p types.Pool) bool { return len(p.Assets) == 2 },
			func(f *fixture, t testing.TB, rights types.PoolRights) uint64 {
				res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
					Sender: f.alice.String(), SwapFee: fee003, Controller: f.alice.String(), Rights: rights, Timelock: time.Hour,
					Assets: []types.PoolAsset{asset("uatom", 1_000_000, 49), asset("ueth", 1_000_000, 2), asset("uusdc", 1_000_000, 49)},
				})
				require.NoError(t, err)
				return res.PoolId
			}},
		{"resume swaps", func(r *types.PoolRights) { r.PauseSwaps = true },
			func(f *fixture, id uint64) error {
				_, err := f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.alice.String(), PoolId: id})
				return err
			},
			func(_ *fixture, p types.Pool) bool { return !p.SwapsPaused },
			func(f *fixture, t testing.TB, rights types.PoolRights) uint64 {
				id := f.createControlledPool(t, rights)
				p := f.pool(t, id)
				p.SwapsPaused = true // paused by its controller
				require.NoError(t, f.app.SmartPoolKeeper.Pools.Set(f.ctx, id, p))
				return id
			}},
		{"transfer control", nil,
			func(f *fixture, id uint64) error {
				_, err := f.msgs.TransferControl(f.ctx, &types.MsgTransferControl{Sender: f.alice.String(), PoolId: id, NewController: f.bob.String()})
				return err
			},
			func(f *fixture, p types.Pool) bool { return p.Controller != f.alice.String() }, nil},
	}
}

func ints(vs ...int64) []sdkmath.Int {
	out := make([]sdkmath.Int, len(vs))
	for i, v := range vs {
		out[i] = sdkmath.NewInt(v)
	}
	return out
}

// Every time-locked change: refused without its right, queued with it,
// never applied early, applied exactly once when due, cancellable until then,
// and dropped when its proposer has lost the right (or control) meanwhile.
func TestControllerChangesAreTimeLocked(t *testing.T) {
	for _, m := range controlMsgs(nil) {
		needed := types.PoolRights{}
		if m.right != nil {
			m.right(&needed)
			t.Run(m.name+" without the right", func(t *testing.T) {
				f := newFixture(t)
				id := m.pool(f, t, allRights.Without(needed))
				require.ErrorIs(t, m.send(f, id), types.ErrNoRight)
				require.Empty(t, f.pending(t, id))
			})
		}
		t.Run(m.name+" from a non-controller", func(t *testing.T) {
			f := newFixture(t)
			id := m.pool(f, t, allRights)
			f.alice, f.bob = f.bob, f.alice // bob sends in alice's place
			require.ErrorIs(t, m.send(f, id), types.ErrUnauthorized)
		})
		t.Run(m.name+" on an immutable pool", func(t *testing.T) {
			f := newFixture(t)
			id := f.createPool(t)
			require.ErrorIs(t, m.send(f, id), types.ErrUnauthorized)
		})
		t.Run(m.name+" applied when due, once", func(t *testing.T) {
			f := newFixture(t)
			id := m.pool(f, t, needed)
			require.NoError(t, m.send(f, id))
			changes := f.pending(t, id)
			require.Len(t, changes, 1)
			due := changes[0].DueTime
			require.Equal(t, f.ctx.BlockTime().Add(time.Hour), due)
			require.True(t, f.hasEvent("smartpool.v1.EventChangeQueued"))

			f.endBlockAt(t, due.Add(-time.Second))
			require.False(t, m.applied(f, f.pool(t, id)), "applied before it was due")
			f.endBlockAt(t, due)
			require.True(t, m.applied(f, f.pool(t, id)), "not applied when due")
			require.True(t, f.hasEvent("smartpool.v1.EventChangeApplied"))
			require.Empty(t, f.pending(t, id))
			require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
			f.endBlockAt(t, due.Add(time.Second))
			require.False(t, f.hasEvent("smartpool.v1.EventChangeApplied"), "applied twice")
		})
		t.Run(m.name+" cancelled", func(t *testing.T) {
			for _, byGov := range []bool{false, true} {
				f := newFixture(t)
				id := m.pool(f, t, allRights)
				require.NoError(t, m.send(f, id))
				change := f.pending(t, id)[0]
				_, err := f.msgs.CancelChange(f.ctx, &types.MsgCancelChange{Sender: f.bob.String(), ChangeId: change.Id})
				require.ErrorIs(t, err, types.ErrUnauthorized)
				canceller := f.alice.String()
				if byGov {
					canceller = f.govAcc
				}
				_, err = f.msgs.CancelChange(f.ctx, &types.MsgCancelChange{Sender: canceller, ChangeId: change.Id})
				require.NoError(t, err)
				require.Empty(t, f.pending(t, id))
				f.endBlockAt(t, change.DueTime.Add(time.Hour))
				require.False(t, m.applied(f, f.pool(t, id)), "a cancelled change applied")
			}
		})
		t.Run(m.name+" dropped when no longer allowed", func(t *testing.T) {
			f := newFixture(t)
			id := m.pool(f, t, allRights)
			require.NoError(t, m.send(f, id))
			due := f.pending(t, id)[0].DueTime
			if m.right != nil {
				_, err := f.msgs.RenounceRights(f.ctx, &types.MsgRenounceRights{Sender: f.alice.String(), PoolId: id, GiveUp: needed})
				require.NoError(t, err)
			} else { // a second transfer, due at the same time, comes after the first: alice no longer controls then
				_, err := f.msgs.TransferControl(f.ctx, &types.MsgTransferControl{Sender: f.alice.String(), PoolId: id, NewController: f.govAcc})
				require.NoError(t, err)
			}
			before := f.pool(t, id)
			before.EntryClosed = nil // a pending removal holds its asset; dropped, it lets go
			f.endBlockAt(t, due)
			require.True(t, f.hasEvent("smartpool.v1.EventChangeDropped"))
			after := f.pool(t, id)
			if m.right != nil {
				require.False(t, m.applied(f, after), "applied without the right")
				require.Equal(t, withoutOracle(before), withoutOracle(after), "a dropped change changes nothing but the clock")
			} else {
				require.Equal(t, f.bob.String(), after.Controller, "only the first transfer applied")
			}
		})
	}
}

// A change that is no longer valid when due is dropped whole, with a reason.
func TestChangeDroppedWhenNoLongerValid(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.08")})
	require.NoError(t, err)
	change := f.pending(t, id)[0]
	// Meanwhile governance's lower max_swap_fee takes effect.
	params := types.DefaultParams()
	params.MaxSwapFee = sdkmath.LegacyMustNewDecFromStr("0.05")
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))

	f.endBlockAt(t, change.DueTime)
	require.True(t, f.hasEvent("smartpool.v1.EventChangeDropped"))
	require.Equal(t, fee003, f.pool(t, id).SwapFee, "a dropped change changes nothing")
	require.Empty(t, f.pending(t, id))

	// Rights given up after queueing: the change is dropped too.
	_, err = f.msgs.SetShareCap(f.ctx, &types.MsgSetShareCap{Sender: f.alice.String(), PoolId: id, ShareCap: sdkmath.NewInt(5)})
	require.NoError(t, err)
	_, err = f.msgs.RenounceRights(f.ctx, &types.MsgRenounceRights{Sender: f.alice.String(), PoolId: id, GiveUp: types.PoolRights{ChangeShareCap: true}})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeDropped"))
	require.True(t, f.pool(t, id).ShareCap.IsZero())
}

func TestRightsCanOnlyBeGivenUp(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, types.PoolRights{PauseSwaps: true, ChangeSwapFee: true})
	res, err := f.msgs.RenounceRights(f.ctx, &types.MsgRenounceRights{Sender: f.alice.String(), PoolId: id,
		GiveUp: types.PoolRights{ChangeSwapFee: true, ChangeWeights: true}})
	require.NoError(t, err)
	require.Equal(t, types.PoolRights{PauseSwaps: true}, res.Rights, "giving up a right never held grants nothing")
	_, err = f.msgs.RenounceRights(f.ctx, &types.MsgRenounceRights{Sender: f.bob.String(), PoolId: id, GiveUp: types.PoolRights{PauseSwaps: true}})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: fee003})
	require.ErrorIs(t, err, types.ErrNoRight)
}

func TestTransferAndRenounceControl(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.TransferControl(f.ctx, &types.MsgTransferControl{Sender: f.alice.String(), PoolId: id, NewController: f.bob.String()})
	require.NoError(t, err)
	require.Equal(t, f.alice.String(), f.pool(t, id).Controller, "control moves only after the time-lock")
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.Equal(t, f.bob.String(), f.pool(t, id).Controller)

	_, err = f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrUnauthorized, "the old controller has no say")
	_, err = f.msgs.TransferControl(f.ctx, &types.MsgTransferControl{Sender: f.bob.String(), PoolId: id})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	p := f.pool(t, id)
	require.Empty(t, p.Controller)
	require.True(t, p.Rights.IsZero(), "renouncing control clears every right")
}

func TestPauseStopsTradingButNotProportionalExits(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, types.PoolRights{PauseSwaps: true})
	_, err := f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.bob.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	require.True(t, f.pool(t, id).SwapsPaused, "a pause is immediate")

	_, err = f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}}, TokenIn: sdk.NewInt64Coin("uatom", 1000), TokenOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrPoolPaused)
	_, err = f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.bob.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin("uatom", 1000), ShareOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrPoolPaused)
	_, err = f.msgs.ExitSwapShareAmountIn(f.ctx, &types.MsgExitSwapShareAmountIn{Sender: f.alice.String(), PoolId: id,
		TokenOutDenom: "uatom", ShareInAmount: share, TokenOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrPoolPaused)
	_, err = f.query.EstimateJoin(f.ctx, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: "1000uatom"})
	require.ErrorIs(t, err, types.ErrPoolPaused, "estimates follow the messages")
	_, err = f.query.EstimateExit(f.ctx, &types.QueryEstimateExitRequest{PoolId: id, ShareInAmount: share.String(), TokenOutDenom: "uatom"})
	require.ErrorIs(t, err, types.ErrPoolPaused)
	_, err = f.msgs.ExitPool(f.ctx, &types.MsgExitPool{Sender: f.alice.String(), PoolId: id, ShareInAmount: share})
	require.NoError(t, err, "LPs can always leave")

	// Resuming is time-locked.
	_, err = f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	require.True(t, f.pool(t, id).SwapsPaused)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.False(t, f.pool(t, id).SwapsPaused)
}

func TestGovernanceCanPauseAnyPool(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t) // immutable
	_, err := f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err)
	require.True(t, f.pool(t, id).SwapsPaused)
	_, err = f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime())
	require.False(t, f.pool(t, id).SwapsPaused)
}

func TestShareCapAndAllowListOnEveryJoin(t *testing.T) {
	f := newFixture(t)
	capped := types.InitialShares.Add(share)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)},
		SwapFee: fee003, Controller: f.alice.String(), Rights: allRights, Timelock: time.Hour, ShareCap: &capped,
	})
	require.NoError(t, err)
	id := res.PoolId
	_, err = f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: id, ShareOutAmount: share.MulRaw(2)})
	require.ErrorIs(t, err, types.ErrShareCap)
	_, err = f.msgs.JoinPoolExactAmountsIn(f.ctx, &types.MsgJoinPoolExactAmountsIn{Sender: f.bob.String(), PoolId: id,
		TokensIn: sdk.NewCoins(sdk.NewInt64Coin("uatom", 10_000_000)), ShareOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrShareCap)
	_, err = f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: id, ShareOutAmount: share})
	require.NoError(t, err, "up to the cap is fine")

	_, err = f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id,
		Edit: types.AllowListChange{Enable: true, Add: []string{f.alice.String()}}})
	require.NoError(t, err)
	_, err = f.msgs.SetShareCap(f.ctx, &types.MsgSetShareCap{Sender: f.alice.String(), PoolId: id, ShareCap: sdkmath.ZeroInt()})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	_, err = f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.bob.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin("uatom", 1000), ShareOutMinAmount: sdkmath.OneInt()})
	require.ErrorIs(t, err, types.ErrNotAllowListed)
	_, err = f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.alice.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin("uatom", 1000), ShareOutMinAmount: sdkmath.OneInt()})
	require.NoError(t, err)
	_, err = f.msgs.ExitPool(f.ctx, &types.MsgExitPool{Sender: f.bob.String(), PoolId: id, ShareInAmount: share})
	require.NoError(t, err, "the allow-list never traps an LP")
}

// A liquidity bootstrapping pool: 90/10 → 10/90 over an hour from block one,
// interpolated lazily; the end-block step stores the targets at the end.
func TestWeightScheduleInterpolation(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(20) // 0.8 in an hour
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	start := f.ctx.BlockTime()
	end := start.Add(time.Hour)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 90), asset("uusdc", 100_000_000, 10)},
		SwapFee:        fee003,
		WeightSchedule: &types.WeightScheduleChange{StartTime: start, EndTime: end, TargetWeights: ints(10, 90)},
	})
	require.NoError(t, err)
	id := res.PoolId
	weightAt := func(at time.Time) sdkmath.LegacyDec {
		f.ctx = f.ctx.WithBlockTime(at)
		q, err := f.query.Pool(f.ctx, &types.QueryPoolRequest{PoolId: id})
		require.NoError(t, err)
		return sdkmath.LegacyMustNewDecFromStr(q.CurrentNormalizedWeights[0])
	}
	dec := sdkmath.LegacyMustNewDecFromStr
	require.Equal(t, dec("0.9"), weightAt(start))
	require.Equal(t, dec("0.9"), weightAt(start.Add(-time.Minute)), "before the start")
	require.Equal(t, dec("0.7"), weightAt(start.Add(15*time.Minute)))
	require.Equal(t, dec("0.5"), weightAt(start.Add(30*time.Minute)))
	require.Equal(t, dec("0.1"), weightAt(end))
	require.Equal(t, dec("0.1"), weightAt(end.Add(time.Hour)), "after the end")

	// The spot price of uatom falls as its weight does: (Bq/wq)/(Bb/wb).
	f.ctx = f.ctx.WithBlockTime(start.Add(30 * time.Minute))
	mid, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	require.Equal(t, sdkmath.LegacyOneDec(), mid.SpotPrice)

	// Stored weights stay the start weights: nothing is written per block.
	require.Equal(t, "90", f.pool(t, id).Assets[0].Weight.String())
	f.endBlockAt(t, end.Add(-time.Second))
	require.NotNil(t, f.pool(t, id).WeightSchedule)
	f.endBlockAt(t, end)
	p := f.pool(t, id)
	require.Nil(t, p.WeightSchedule)
	require.Equal(t, "10", p.Assets[0].Weight.String())
	require.Equal(t, "90", p.Assets[1].Weight.String())
	require.True(t, f.hasEvent("smartpool.v1.EventWeightScheduleEnded"))
}

func TestScheduleBounds(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	at := f.ctx.BlockTime().Add(2 * time.Hour)
	schedule := func(d time.Duration, w ...int64) error {
		_, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
			Schedule: types.WeightScheduleChange{StartTime: at, EndTime: at.Add(d), TargetWeights: ints(w...)}})
		return err
	}
	require.ErrorIs(t, schedule(time.Minute, 60, 40), types.ErrInvalidSchedule, "shorter than min_schedule_duration")
	require.ErrorIs(t, schedule(2*time.Hour, 99, 1), types.ErrInvalidSchedule, "faster than max_weight_change_per_day")
	require.ErrorIs(t, schedule(48*time.Hour, 1000, 1), types.ErrInvalidSchedule, "below the minimum normalized weight")
	require.ErrorIs(t, schedule(2*time.Hour, 60, 40, 10), types.ErrInvalidSchedule, "wrong number of weights")
	_, err := f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
		Schedule: types.WeightScheduleChange{StartTime: f.ctx.BlockTime(), EndTime: at.Add(time.Hour), TargetWeights: ints(60, 40)}})
	require.ErrorIs(t, err, types.ErrInvalidSchedule, "starts before the time-lock passes")
	require.NoError(t, schedule(24*time.Hour, 60, 40))

	// Exposure cap: no schedule may push an asset above it.
	capped := sdkmath.LegacyMustNewDecFromStr("0.6")
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 1_000_000, 50), asset("uusdc", 1_000_000, 50)},
		SwapFee: fee003, Controller: f.alice.String(), Rights: allRights, Timelock: time.Hour, MaxNormalizedWeight: &capped,
	})
	require.NoError(t, err)
	_, err = f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: res.PoolId,
		Schedule: types.WeightScheduleChange{StartTime: at, EndTime: at.Add(24 * time.Hour), TargetWeights: ints(70, 30)}})
	require.ErrorIs(t, err, types.ErrInvalidSchedule)
}

// Pending changes, schedules and allow-lists survive export and import: the
// imported chain applies them at the same times.
func TestGenesisKeepsPendingWork(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.01")})
	require.NoError(t, err)
	at := f.ctx.BlockTime().Add(2 * time.Hour)
	_, err = f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
		Schedule: types.WeightScheduleChange{StartTime: at, EndTime: at.Add(24 * time.Hour), TargetWeights: ints(60, 40)}})
	require.NoError(t, err)
	_, err = f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id,
		Edit: types.AllowListChange{Disable: true, Add: []string{f.bob.String()}}})
	require.NoError(t, err)
	params := types.DefaultParams()
	params.MaxInRatio = sdkmath.LegacyMustNewDecFromStr("0.4")
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.govAcc, Params: params})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour)) // applies the three pool changes

	_, err = f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.02")})
	require.NoError(t, err)
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.PendingChanges, 1)
	require.NotNil(t, gs.PendingParamsChange)
	require.Len(t, gs.AllowList, 1)
	require.NotNil(t, gs.Pools[0].WeightSchedule)

	g := newFixture(t)
	g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
	require.NoError(t, g.importGenesis(t, *gs))
	again, err := g.app.SmartPoolKeeper.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs, again)

	due := gs.PendingChanges[0].DueTime
	g.endBlockAt(t, due.Add(-time.Second))
	require.Equal(t, sdkmath.LegacyMustNewDecFromStr("0.01"), g.pool(t, id).SwapFee)
	g.endBlockAt(t, due)
	require.Equal(t, sdkmath.LegacyMustNewDecFromStr("0.02"), g.pool(t, id).SwapFee)
	g.endBlockAt(t, gs.PendingParamsChange.DueTime)
	got, err := g.query.Params(g.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, params, got.Params)
	g.endBlockAt(t, at.Add(24*time.Hour))
	require.Nil(t, g.pool(t, id).WeightSchedule)
	require.Equal(t, "60", g.pool(t, id).Assets[0].Weight.String())
}

func TestControlMessagesBadInput(t *testing.T) {
	var id uint64
	setup := func(f *fixture) { id = f.createControlledPool(t, allRights) }
	alice := func(f *fixture) string { return f.alice.String() }
	_ = alice
	send := func(run func(ctx context.Context, f *fixture) error) func(context.Context, *fixture) error {
		return run
	}
	at := func(f *fixture) time.Time { return f.ctx.BlockTime().Add(2 * time.Hour) }
	runBadCasesOn(t, setup, []badCase{
		{"pause: bad sender", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.PauseSwaps(ctx, &types.MsgPauseSwaps{Sender: badAddr, PoolId: id})
			return err
		}), types.ErrInvalidAddress},
		{"pause: unknown pool", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.PauseSwaps(ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: 99})
			return err
		}), types.ErrPoolNotFound},
		{"resume: not paused", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.ResumeSwaps(ctx, &types.MsgResumeSwaps{Sender: f.alice.String(), PoolId: id})
			return err
		}), types.ErrInvalidRequest},
		{"fee: negative", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.SetSwapFee(ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("-0.1")})
			return err
		}), types.ErrInvalidSwapFee},
		{"fee: above max", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.SetSwapFee(ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.2")})
			return err
		}), types.ErrInvalidSwapFee},
		{"fee: zero pool id", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.SetSwapFee(ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), SwapFee: fee003})
			return err
		}), types.ErrPoolNotFound},
		{"share cap: negative", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.SetShareCap(ctx, &types.MsgSetShareCap{Sender: f.alice.String(), PoolId: id, ShareCap: sdkmath.NewInt(-1)})
			return err
		}), types.ErrInvalidAmount},
		{"allow-list: bad address", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.EditAllowList(ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Add: []string{badAddr}}})
			return err
		}), types.ErrInvalidAddress},
		{"allow-list: address twice", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.EditAllowList(ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id,
				Edit: types.AllowListChange{Add: []string{f.bob.String()}, Remove: []string{f.bob.String()}}})
			return err
		}), types.ErrInvalidRequest},
		{"schedule: end before start", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.ScheduleWeights(ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
				Schedule: types.WeightScheduleChange{StartTime: at(f), EndTime: at(f).Add(-time.Hour), TargetWeights: ints(1, 1)}})
			return err
		}), types.ErrInvalidSchedule},
		{"schedule: zero weight", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.ScheduleWeights(ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
				Schedule: types.WeightScheduleChange{StartTime: at(f), EndTime: at(f).Add(24 * time.Hour), TargetWeights: ints(0, 1)}})
			return err
		}), types.ErrInvalidSchedule},
		{"transfer: bad new controller", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.TransferControl(ctx, &types.MsgTransferControl{Sender: f.alice.String(), PoolId: id, NewController: badAddr})
			return err
		}), types.ErrInvalidAddress},
		{"transfer: not the controller", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.TransferControl(ctx, &types.MsgTransferControl{Sender: f.bob.String(), PoolId: id, NewController: f.bob.String()})
			return err
		}), types.ErrUnauthorized},
		{"renounce: nothing", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.RenounceRights(ctx, &types.MsgRenounceRights{Sender: f.alice.String(), PoolId: id})
			return err
		}), types.ErrInvalidRequest},
		{"cancel: unknown change", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CancelChange(ctx, &types.MsgCancelChange{Sender: f.alice.String(), ChangeId: 42})
			return err
		}), types.ErrChangeNotFound},
		{"cancel: zero id", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CancelChange(ctx, &types.MsgCancelChange{Sender: f.alice.String()})
			return err
		}), types.ErrChangeNotFound},
		{"cancel params: not gov", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CancelParamsChange(ctx, &types.MsgCancelParamsChange{Authority: f.alice.String()})
			return err
		}), types.ErrUnauthorized},
		{"cancel params: none pending", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CancelParamsChange(ctx, &types.MsgCancelParamsChange{Authority: f.govAcc})
			return err
		}), types.ErrChangeNotFound},
		{"add asset: zero deposit", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.AddAsset(ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: coin("ueth", 0), Weight: sdkmath.NewInt(10)})
			return err
		}), types.ErrInvalidAmount},
		{"add asset: bad denom", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.AddAsset(ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: coin("1eth", 5), Weight: sdkmath.NewInt(10)})
			return err
		}), types.ErrInvalidAmount},
		{"add asset: zero weight", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.AddAsset(ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: coin("ueth", 5), Weight: sdkmath.ZeroInt()})
			return err
		}), types.ErrInvalidWeight},
		{"add asset: other weights fall below the minimum", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.AddAsset(ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: coin("ueth", 5), Weight: sdkmath.NewInt(1_000_000_000)})
			return err
		}), types.ErrInvalidWeight},
		{"remove asset: unknown denom", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.RemoveAsset(ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
			return err
		}), types.ErrDenomNotInPool},
		{"remove asset: below min assets", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.RemoveAsset(ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "uatom"})
			return err
		}), types.ErrInvalidAssets},
		{"create: rights without controller", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CreatePool(ctx, &types.MsgCreatePool{Sender: f.alice.String(),
				Assets: []types.PoolAsset{asset("uatom", 10, 1), asset("uusdc", 10, 1)}, SwapFee: fee003, Rights: allRights})
			return err
		}), types.ErrInvalidControl},
		{"create: timelock below minimum", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CreatePool(ctx, &types.MsgCreatePool{Sender: f.alice.String(), Controller: f.alice.String(),
				Assets: []types.PoolAsset{asset("uatom", 10, 1), asset("uusdc", 10, 1)}, SwapFee: fee003, Timelock: time.Minute})
			return err
		}), types.ErrInvalidTimelock},
		{"create: exposure cap already broken", send(func(ctx context.Context, f *fixture) error {
			c := sdkmath.LegacyMustNewDecFromStr("0.55")
			_, err := f.msgs.CreatePool(ctx, &types.MsgCreatePool{Sender: f.alice.String(),
				Assets: []types.PoolAsset{asset("uatom", 10, 60), asset("uusdc", 10, 40)}, SwapFee: fee003, MaxNormalizedWeight: &c})
			return err
		}), types.ErrInvalidControl},
		{"create: schedule with wrong weight count", send(func(ctx context.Context, f *fixture) error {
			_, err := f.msgs.CreatePool(ctx, &types.MsgCreatePool{Sender: f.alice.String(),
				Assets: []types.PoolAsset{asset("uatom", 10, 1), asset("uusdc", 10, 1)}, SwapFee: fee003,
				WeightSchedule: &types.WeightScheduleChange{StartTime: at(f), EndTime: at(f).Add(24 * time.Hour), TargetWeights: ints(1, 1, 1)}})
			return err
		}), types.ErrInvalidSchedule},
		{"create: share cap below initial shares", send(func(ctx context.Context, f *fixture) error {
			c := sdkmath.NewInt(5)
			_, err := f.msgs.CreatePool(ctx, &types.MsgCreatePool{Sender: f.alice.String(),
				Assets: []types.PoolAsset{asset("uatom", 10, 1), asset("uusdc", 10, 1)}, SwapFee: fee003, ShareCap: &c})
			return err
		}), types.ErrShareCap},
	})
}

// Adding then removing an asset moves no price between the other assets and
// no LP's value per share; the controller pays in and is paid out in shares.
func TestAddAndRemoveAsset(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, types.PoolRights{AddRemoveAssets: true})
	price := func() sdkmath.LegacyDec {
		res, err := f.query.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
		require.NoError(t, err)
		return res.SpotPrice
	}
	priceBefore := price()
	before := f.pool(t, id)
	aliceShares := f.app.BankKeeper.GetBalance(f.ctx, f.alice, before.ShareDenom).Amount
	aliceEth := f.app.BankKeeper.GetBalance(f.ctx, f.alice, "ueth").Amount

	// An asset enters at no more than 2% of the weight.
	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id,
		Deposit: sdk.NewInt64Coin("ueth", 50_000_000), Weight: sdkmath.NewInt(25)})
	require.ErrorIs(t, err, types.ErrInvalidWeight)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id,
		Deposit: sdk.NewInt64Coin("ueth", 2_000_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventAssetAdded"))
	p := f.pool(t, id)
	require.Len(t, p.Assets, 3)
	// 2 against 100 of weight: S/50 new shares to the controller.
	minted := before.TotalShares.QuoRaw(50)
	require.Equal(t, before.TotalShares.Add(minted), p.TotalShares)
	require.Equal(t, aliceShares.Add(minted), f.app.BankKeeper.GetBalance(f.ctx, f.alice, p.ShareDenom).Amount)
	require.Equal(t, aliceEth.SubRaw(2_000_000), f.app.BankKeeper.GetBalance(f.ctx, f.alice, "ueth").Amount)
	require.Equal(t, priceBefore, price(), "no price impact between the old assets")
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))

	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventAssetRemoved"))
	p = f.pool(t, id)
	require.Len(t, p.Assets, 2)
	require.Equal(t, before.TotalShares, p.TotalShares, "the controller burnt exactly what the asset was worth")
	require.Equal(t, aliceEth, f.app.BankKeeper.GetBalance(f.ctx, f.alice, "ueth").Amount)
	require.Equal(t, priceBefore, price())
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))

	// Below min_assets, or an asset already in the pool: refused when queued.
	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "uatom"})
	require.ErrorIs(t, err, types.ErrInvalidAssets)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("uatom", 5), Weight: sdkmath.NewInt(5)})
	require.ErrorIs(t, err, types.ErrInvalidAssets)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("smartpool/1", 5), Weight: sdkmath.NewInt(5)})
	require.ErrorIs(t, err, types.ErrInvalidAssets)
}

// A removal whose controller no longer holds the shares it costs is dropped
// whole when due: nothing is burnt, nothing paid, the asset stays.
func TestRemoveAssetDroppedWithoutShares(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), SwapFee: fee003, Controller: f.alice.String(), Rights: allRights, Timelock: time.Hour,
		Assets: []types.PoolAsset{asset("uatom", 1_000_000, 49), asset("ueth", 1_000_000, 2), asset("uusdc", 1_000_000, 49)},
	})
	require.NoError(t, err)
	id := res.PoolId
	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "ueth"})
	require.NoError(t, err)
	p := f.pool(t, id)
	shares := f.app.BankKeeper.GetBalance(f.ctx, f.alice, p.ShareDenom)
	require.NoError(t, f.app.BankKeeper.SendCoins(f.ctx, f.alice, f.bob, sdk.NewCoins(shares)))
	before := f.snapshot(t)
	require.True(t, before.genesis.Pools[0].IsEntryClosed("ueth", f.ctx.BlockTime()), "a pending removal holds its asset")
	before.genesis.Pools[0].EntryClosed = nil // and lets go when dropped
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.True(t, f.hasEvent("smartpool.v1.EventChangeDropped"))
	after := f.snapshot(t)
	require.Equal(t, withoutOracle(before.genesis.Pools[0]), withoutOracle(after.genesis.Pools[0]))
	require.Equal(t, before.alice, after.alice)
	require.Equal(t, before.supply, after.supply)
}

// A governed pool: its controller is the gov module account, so only messages
// executed by a passed proposal (signed by that account) change it.
func TestGovernedPool(t *testing.T) {
	f := newFixture(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 1_000_000, 50), asset("uusdc", 1_000_000, 50)},
		SwapFee: fee003, Controller: f.govAcc, Rights: types.PoolRights{ChangeSwapFee: true}, Timelock: time.Hour,
	})
	require.NoError(t, err)
	id := res.PoolId
	_, err = f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.01")})
	require.ErrorIs(t, err, types.ErrUnauthorized, "the creator has no say over a governed pool")
	_, err = f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.govAcc, PoolId: id, SwapFee: sdkmath.LegacyMustNewDecFromStr("0.01")})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	require.Equal(t, sdkmath.LegacyMustNewDecFromStr("0.01"), f.pool(t, id).SwapFee)
}

// The rights the generic table does not cover: pause (immediate), resume and
// remove asset, each refused when the right was not granted.
func TestRightsNotGranted(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, types.PoolRights{ChangeSwapFee: true})
	_, err := f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrNoRight)
	_, err = f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.alice.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrNoRight)
	_, err = f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err, "governance may pause any pool")
	_, err = f.msgs.RemoveAsset(f.ctx, &types.MsgRemoveAsset{Sender: f.alice.String(), PoolId: id, Denom: "uatom"})
	require.ErrorIs(t, err, types.ErrNoRight)
	_, err = f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 5), Weight: sdkmath.NewInt(5)})
	require.ErrorIs(t, err, types.ErrNoRight)
	require.Empty(t, f.pending(t, id))
}

// Governance's pause sticks: only governance resumes it, and a controller
// cannot cancel what governance queued.
func TestGovernancePauseSticks(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: id})
	require.NoError(t, err)
	_, err = f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err, "governance takes over a controller's pause")
	require.True(t, f.pool(t, id).PausedByGovernance)
	_, err = f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.alice.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	res, err := f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err)
	_, err = f.msgs.CancelChange(f.ctx, &types.MsgCancelChange{Sender: f.alice.String(), ChangeId: res.ChangeId})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	f.endBlockAt(t, res.DueTime)
	p := f.pool(t, id)
	require.False(t, p.SwapsPaused || p.PausedByGovernance)
}

func TestAllowListEditKeepsSwitchUnlessAsked(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	edit := func(e types.AllowListChange) {
		_, err := f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: e})
		require.NoError(t, err)
		f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	}
	edit(types.AllowListChange{Enable: true, Add: []string{f.alice.String()}})
	require.True(t, f.pool(t, id).AllowListEnabled)
	edit(types.AllowListChange{Add: []string{f.bob.String()}})
	require.True(t, f.pool(t, id).AllowListEnabled, "an edit without enable/disable keeps the list on")
	edit(types.AllowListChange{Disable: true})
	require.False(t, f.pool(t, id).AllowListEnabled)
	_, err := f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id, Edit: types.AllowListChange{Enable: true, Disable: true}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

func TestPendingChangesPerPoolAreBounded(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	for i := 0; i < types.MaxPendingChangesPerPool; i++ {
		_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: fee003})
		require.NoError(t, err)
	}
	_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: fee003})
	require.ErrorIs(t, err, types.ErrQueueFull)

	// A full controller queue never keeps governance out: it pauses, and its
	// resume is queued in its own part of the queue.
	_, err = f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err)
	_, err = f.msgs.ResumeSwaps(f.ctx, &types.MsgResumeSwaps{Sender: f.govAcc, PoolId: id})
	require.NoError(t, err, "governance queues its resume into a pool whose controller filled the queue")
}

// A schedule queued for two assets is dropped if an asset change applies
// first: its target weights would meet the wrong denoms.
func TestScheduleDroppedWhenAssetsChanged(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.AddAsset(f.ctx, &types.MsgAddAsset{Sender: f.alice.String(), PoolId: id, Deposit: sdk.NewInt64Coin("ueth", 1_000_000), Weight: sdkmath.NewInt(2)})
	require.NoError(t, err)
	start := f.ctx.BlockTime().Add(2 * time.Hour)
	_, err = f.msgs.ScheduleWeights(f.ctx, &types.MsgScheduleWeights{Sender: f.alice.String(), PoolId: id,
		Schedule: types.WeightScheduleChange{StartTime: start, EndTime: start.Add(24 * time.Hour), TargetWeights: ints(60, 40)}})
	require.NoError(t, err)
	f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
	p := f.pool(t, id)
	require.Len(t, p.Assets, 3)
	require.Nil(t, p.WeightSchedule)
	require.True(t, f.hasEvent("smartpool.v1.EventChangeDropped"))
}

// Pools created under a lower min_timelock stay valid in genesis after
// governance raises it.
func TestGenesisValidAfterMinTimelockRises(t *testing.T) {
	f := newFixture(t)
	f.createControlledPool(t, allRights) // 1 h time-lock
	params := types.DefaultParams()
	params.MinTimelock = 2 * time.Hour
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	_, err = f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(), SwapFee: fee003, Controller: f.alice.String(), Timelock: time.Hour,
		Assets: []types.PoolAsset{asset("uatom", 10, 1), asset("uusdc", 10, 1)}})
	require.ErrorIs(t, err, types.ErrInvalidTimelock, "new pools follow the new minimum")
}

// The allow-list and the share cap hold on every kind of join.
func TestJoinLimitsOnEveryJoinKind(t *testing.T) {
	joins := map[string]func(f *fixture, id uint64, sender sdk.AccAddress, big bool) error{
		"proportional": func(f *fixture, id uint64, sender sdk.AccAddress, big bool) error {
			shares := share
			if big {
				shares = share.MulRaw(5)
			}
			_, err := f.msgs.JoinPool(f.ctx, &types.MsgJoinPool{Sender: sender.String(), PoolId: id, ShareOutAmount: shares})
			return err
		},
		"single asset": func(f *fixture, id uint64, sender sdk.AccAddress, big bool) error {
			amt := int64(10_000)
			if big {
				amt = 20_000_000
			}
			_, err := f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: sender.String(), PoolId: id,
				TokenIn: sdk.NewInt64Coin("uatom", amt), ShareOutMinAmount: sdkmath.OneInt()})
			return err
		},
		"exact amounts": func(f *fixture, id uint64, sender sdk.AccAddress, big bool) error {
			amt := int64(10_000)
			if big {
				amt = 20_000_000
			}
			_, err := f.msgs.JoinPoolExactAmountsIn(f.ctx, &types.MsgJoinPoolExactAmountsIn{Sender: sender.String(), PoolId: id,
				TokensIn: sdk.NewCoins(sdk.NewInt64Coin("uatom", amt), sdk.NewInt64Coin("uusdc", amt)), ShareOutMinAmount: sdkmath.OneInt()})
			return err
		},
	}
	for name, join := range joins {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			capped := types.InitialShares.Add(share.MulRaw(3))
			res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
				Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)},
				SwapFee: fee003, Controller: f.alice.String(), Rights: allRights, Timelock: time.Hour, ShareCap: &capped,
			})
			require.NoError(t, err)
			id := res.PoolId
			require.ErrorIs(t, join(f, id, f.alice, true), types.ErrShareCap)
			require.NoError(t, join(f, id, f.bob, false), "below the cap, list off")

			_, err = f.msgs.EditAllowList(f.ctx, &types.MsgEditAllowList{Sender: f.alice.String(), PoolId: id,
				Edit: types.AllowListChange{Enable: true, Add: []string{f.alice.String()}}})
			require.NoError(t, err)
			f.endBlockAt(t, f.ctx.BlockTime().Add(time.Hour))
			require.ErrorIs(t, join(f, id, f.bob, false), types.ErrNotAllowListed)
			require.NoError(t, join(f, id, f.alice, false))
		})
	}
}

// While a schedule runs, swaps and joins compute with the interpolated
// weights: half-way through 90/10 → 10/90 the pool trades as a 50/50 pool.
func TestTradingUsesScheduledWeights(t *testing.T) {
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(20)
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
	start := f.ctx.BlockTime()
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{
		Sender: f.alice.String(), Assets: []types.PoolAsset{asset("uatom", 100_000_000, 90), asset("uusdc", 300_000_000, 10)},
		SwapFee:        fee003,
		WeightSchedule: &types.WeightScheduleChange{StartTime: start, EndTime: start.Add(time.Hour), TargetWeights: ints(10, 90)},
	})
	require.NoError(t, err)
	id := res.PoolId
	f.ctx = f.ctx.WithBlockTime(start.Add(30 * time.Minute))

	want, err := poolmath.CalcOutGivenIn(sdkmath.NewInt(100_000_000), sdkmath.OneInt(), sdkmath.NewInt(300_000_000), sdkmath.OneInt(), sdkmath.NewInt(1_000_000), fee003)
	require.NoError(t, err)
	out, err := f.msgs.SwapExactAmountIn(f.ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}}, TokenIn: sdk.NewInt64Coin("uatom", 1_000_000), TokenOutMinAmount: sdkmath.OneInt()})
	require.NoError(t, err)
	require.Equal(t, want, out.TokenOutAmount)

	p := f.pool(t, id)
	wantShares, err := poolmath.CalcSharesOutGivenSingleIn(p.Assets[1].Balance, sdkmath.OneInt(), sdkmath.NewInt(2), p.TotalShares, sdkmath.NewInt(1_000_000), fee003)
	require.NoError(t, err)
	joined, err := f.msgs.JoinSwapExternAmountIn(f.ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.bob.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin("uusdc", 1_000_000), ShareOutMinAmount: sdkmath.OneInt()})
	require.NoError(t, err)
	require.Equal(t, wantShares, joined.ShareOutAmount)
	require.Equal(t, "90", f.pool(t, id).Assets[0].Weight.String(), "trading never stores interpolated weights")
}

// A genesis file's pending changes are checked before any can run in the
// end-block step: empty contents and missing fields are refused.
func TestGenesisRefusesMalformedPendingChanges(t *testing.T) {
	f := newFixture(t)
	id := f.createControlledPool(t, allRights)
	_, err := f.msgs.SetSwapFee(f.ctx, &types.MsgSetSwapFee{Sender: f.alice.String(), PoolId: id, SwapFee: fee003})
	require.NoError(t, err)
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	for name, spoil := range map[string]func(c *types.PendingChange){
		"no change":    func(c *types.PendingChange) { c.Change = nil },
		"nil swap fee": func(c *types.PendingChange) { c.Change = &types.PendingChange_SwapFee{} },
		"nil schedule": func(c *types.PendingChange) { c.Change = &types.PendingChange_WeightSchedule{} },
		"add asset no weight": func(c *types.PendingChange) {
			c.Change = &types.PendingChange_AddAsset{AddAsset: &types.AddAssetChange{Deposit: sdk.NewInt64Coin("ueth", 5)}}
		},
		"bad new controller": func(c *types.PendingChange) {
			c.Change = &types.PendingChange_Controller{Controller: &types.ControllerChange{NewController: badAddr}}
		},
	} {
		bad := *gs
		bad.PendingChanges = append([]types.PendingChange(nil), gs.PendingChanges...)
		spoil(&bad.PendingChanges[0])
		require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis, name)
	}
}
