package simulation

import (
	"context"
	"sort"
	"time"

	sdkmath "cosmossdk.io/math"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// Controller messages are signed by the pool's controller, a sim account
// (pools are created with sim accounts as controllers), and only for pools
// whose rights allow them and whose change queue has room; the queued ones
// come due after the pool's time-lock, within a few blocks (see RandomParams).

// MsgPauseSwapsFactory pauses an open pool with the pause right.
func MsgPauseSwapsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPauseSwaps] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPauseSwaps) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "to pause", func(p types.Pool) bool {
			return p.Rights.PauseSwaps && !p.SwapsPaused
		})
		if !ok {
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, &types.MsgPauseSwaps{Sender: ctrl.AddressBech32, PoolId: pool.Id}
	}
}

// MsgResumeSwapsFactory queues the resumption of a pool its controller paused.
func MsgResumeSwapsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgResumeSwaps] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgResumeSwaps) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "paused by its controller", func(p types.Pool) bool {
			return p.Rights.PauseSwaps && p.SwapsPaused && !p.PausedByGovernance && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, &types.MsgResumeSwaps{Sender: ctrl.AddressBech32, PoolId: pool.Id}
	}
}

// MsgScheduleWeightsFactory queues a schedule from the weights the pool will
// have when it starts, 1 to 3 hours after the change comes due: later than
// the next block (at most 10000 s away), so the start the keeper checks when
// queueing is still ahead when the change applies. Pools running a strategy
// refuse schedules; pools about to run one are left alone too.
func MsgScheduleWeightsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgScheduleWeights] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgScheduleWeights) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose weights may change", func(p types.Pool) bool {
			return p.Rights.ChangeWeights && p.Strategy == nil && hasQueueRoom(ctx, k, p.Id) && !hasPendingKind(ctx, k, p.Id, "strategy")
		})
		if !ok {
			return nil, nil
		}
		r := testData.Rand()
		start := blockTime(ctx).Add(pool.Timelock + time.Hour + time.Duration(r.Int63n(int64(2*time.Hour))))
		end := start.Add(scheduleDuration(testData, params))
		targets, ok := scheduleTargets(testData, params, pool, start, end, pool.FrozenWeights(start))
		if !ok {
			reporter.Skip("no schedule the keeper accepts")
			return nil, nil
		}
		change := types.WeightScheduleChange{StartTime: start, EndTime: end, TargetWeights: targets}
		withCurve(testData, params, pool, &change, pool.FrozenWeights(start))
		return []simsx.SimAccount{ctrl}, &types.MsgScheduleWeights{Sender: ctrl.AddressBech32, PoolId: pool.Id, Schedule: change}
	}
}

// MsgSetSwapFeeFactory queues a fee within max_swap_fee.
func MsgSetSwapFeeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetSwapFee] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetSwapFee) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose fee may change", func(p types.Pool) bool {
			return p.Rights.ChangeSwapFee && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, &types.MsgSetSwapFee{Sender: ctrl.AddressBech32, PoolId: pool.Id, SwapFee: randomFee(testData, params)}
	}
}

// MsgSetShareCapFactory queues removing the cap or a cap of 1..5 times the
// pool's shares.
func MsgSetShareCapFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetShareCap] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetShareCap) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose share cap may change", func(p types.Pool) bool {
			return p.Rights.ChangeShareCap && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		r := testData.Rand()
		capAmt := sdkmath.ZeroInt()
		if r.Intn(3) != 0 {
			capAmt = pool.TotalShares.MulRaw(int64(1 + r.Intn(5))).Add(randInt(testData, pool.TotalShares))
		}
		return []simsx.SimAccount{ctrl}, &types.MsgSetShareCap{Sender: ctrl.AddressBech32, PoolId: pool.Id, ShareCap: capAmt}
	}
}

// MsgEditAllowListFactory queues adding a few sim accounts (the controller
// often among them), removing a listed one, and sometimes switching the list
// on or off.
func MsgEditAllowListFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgEditAllowList] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgEditAllowList) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose allow-list may change", func(p types.Pool) bool {
			return p.Rights.ManageAllowList && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		r := testData.Rand()
		var edit types.AllowListChange
		named := map[string]bool{}
		if r.Intn(2) == 0 {
			edit.Add, named[ctrl.AddressBech32] = append(edit.Add, ctrl.AddressBech32), true
		}
		for range 1 + r.Intn(3) {
			a := testData.AnyAccount(reporter)
			if reporter.IsSkipped() {
				return nil, nil
			}
			if !named[a.AddressBech32] {
				edit.Add, named[a.AddressBech32] = append(edit.Add, a.AddressBech32), true
			}
		}
		var listed []string
		_ = k.AllowList.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](pool.Id), func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
			if addr, err := testData.AddressCodec().BytesToString(key.K2()); err == nil && !named[addr] {
				listed = append(listed, addr)
			}
			return len(listed) >= 8, nil
		})
		if len(listed) > 0 && r.Intn(2) == 0 {
			edit.Remove = []string{pick(testData, listed)}
		}
		switch {
		case !pool.AllowListEnabled && r.Intn(3) == 0:
			edit.Enable = true
		case pool.AllowListEnabled && r.Intn(2) == 0:
			edit.Disable = true
		}
		// A management fee's recipient must stay on an enabled list: keep
		// it named, never removed.
		if m := pool.ManagementFee; m != nil && !edit.Disable {
			if len(edit.Remove) > 0 && edit.Remove[0] == m.Recipient {
				edit.Remove = nil
			}
			if !named[m.Recipient] {
				edit.Add = append(edit.Add, m.Recipient)
			}
		}
		return []simsx.SimAccount{ctrl}, &types.MsgEditAllowList{Sender: ctrl.AddressBech32, PoolId: pool.Id, Edit: edit}
	}
}

// MsgTransferControlFactory queues handing the pool to another sim account,
// or (rarely) renouncing control, which makes the pool immutable.
func MsgTransferControlFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgTransferControl] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTransferControl) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "with queue room", func(p types.Pool) bool {
			return hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		next := ""
		if testData.Rand().Intn(20) != 0 {
			to := testData.AnyAccount(reporter, simsx.ExcludeAccounts(ctrl))
			if reporter.IsSkipped() {
				return nil, nil
			}
			next = to.AddressBech32
		}
		return []simsx.SimAccount{ctrl}, &types.MsgTransferControl{Sender: ctrl.AddressBech32, PoolId: pool.Id, NewController: next}
	}
}

// MsgRenounceRightsFactory gives up one right the pool still has.
func MsgRenounceRightsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRenounceRights] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRenounceRights) {
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "with rights", func(p types.Pool) bool { return !p.Rights.IsZero() })
		if !ok {
			return nil, nil
		}
		rights := pool.Rights
		var options []types.PoolRights
		for _, c := range []struct {
			has  bool
			only types.PoolRights
		}{
			{rights.PauseSwaps, types.PoolRights{PauseSwaps: true}},
			{rights.ChangeSwapFee, types.PoolRights{ChangeSwapFee: true}},
			{rights.ChangeWeights, types.PoolRights{ChangeWeights: true}},
			{rights.AddRemoveAssets, types.PoolRights{AddRemoveAssets: true}},
			{rights.ManageAllowList, types.PoolRights{ManageAllowList: true}},
			{rights.ChangeShareCap, types.PoolRights{ChangeShareCap: true}},
			{rights.ChangeBreakers, types.PoolRights{ChangeBreakers: true}},
		} {
			if c.has {
				options = append(options, c.only)
			}
		}
		return []simsx.SimAccount{ctrl}, &types.MsgRenounceRights{Sender: ctrl.AddressBech32, PoolId: pool.Id, GiveUp: pick(testData, options)}
	}
}

// MsgCancelChangeFactory cancels a change its pool's controller may cancel
// (one governance did not propose).
func MsgCancelChangeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelChange] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelChange) {
		var ids []uint64
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "with a cancellable change", func(p types.Pool) bool {
			ids = ids[:0]
			for _, id := range pendingChangeIDs(ctx, k, p.Id) {
				if c, err := k.PendingChanges.Get(ctx, id); err == nil && c.Proposer != k.GetAuthority() {
					ids = append(ids, id)
				}
			}
			return len(ids) > 0
		})
		if !ok {
			return nil, nil
		}
		_ = pool
		return []simsx.SimAccount{ctrl}, &types.MsgCancelChange{Sender: ctrl.AddressBech32, ChangeId: pick(testData, ids)}
	}
}

// maxChangingWeight mirrors the keeper: an asset enters or leaves at a
// normalized weight of at most AssetChangeMaxWeightFactor × the minimum.
func maxChangingWeight(params types.Params) sdkmath.LegacyDec {
	return params.MinNormalizedWeight.MulInt64(types.AssetChangeMaxWeightFactor)
}

// assetChangeValid mirrors the keeper's checks of a pool after an asset
// change, so that the queued change passes its dry run.
func assetChangeValid(next types.Pool, params types.Params) bool {
	if types.ValidateAssets(next.Assets) != nil || next.ValidateAgainstParams(params) != nil || next.ValidateControl(0) != nil {
		return false
	}
	return !next.HasShareCap() || next.TotalShares.LTE(next.ShareCap)
}

// MsgAddAssetFactory queues adding a sim denom the controller holds, at a
// normalized weight between 1.1 and 1.9 times the minimum, with a deposit of
// up to a tenth of the controller's balance. Pools with a schedule or a
// strategy (or a strategy queued) are left alone: assets cannot change
// while one runs.
func MsgAddAssetFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAddAsset] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAddAsset) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "that may add an asset", func(p types.Pool) bool {
			// The new shares go to the controller: on an allow-listed pool it must be listed.
			ctrlAddr, err := testData.AddressCodec().StringToBytes(p.Controller)
			return err == nil && mayJoin(ctx, k, p, ctrlAddr) &&
				p.Rights.AddRemoveAssets && p.WeightSchedule == nil && p.Strategy == nil && len(p.Assets) < int(params.MaxAssets) &&
				hasQueueRoom(ctx, k, p.Id) && !hasPendingKind(ctx, k, p.Id, "strategy")
		})
		if !ok {
			return nil, nil
		}
		var candidates []string
		for _, d := range append([]string{sdk.DefaultBondDenom}, PoolDenoms...) {
			if _, err := pool.AssetIndex(d); err != nil && ctrl.LiquidBalance().AmountOf(d).GTE(minDeposit) {
				candidates = append(candidates, d)
			}
		}
		if len(candidates) == 0 {
			reporter.Skip("controller holds no denom to add")
			return nil, nil
		}
		denom := pick(testData, candidates)
		r := testData.Rand()
		x := params.MinNormalizedWeight.MulInt64(int64(110 + r.Intn(81))).QuoInt64(100)
		total := pool.TotalWeight()
		weight := x.MulInt(total).Quo(sdkmath.LegacyOneDec().Sub(x)).Ceil().TruncateInt()
		shares := pool.TotalShares.Mul(weight).Quo(total)
		next := pool.Clone()
		next.Assets = append(next.Assets, types.PoolAsset{Denom: denom, Balance: sdkmath.OneInt(), Weight: weight})
		sort.Slice(next.Assets, func(i, j int) bool { return next.Assets[i].Denom < next.Assets[j].Denom })
		next.TotalShares = pool.TotalShares.Add(shares)
		if !shares.IsPositive() || !assetChangeValid(next, params) ||
			sdkmath.LegacyNewDecFromInt(weight).QuoInt(next.TotalWeight()).GT(maxChangingWeight(params)) {
			reporter.Skip("no weight the pool accepts")
			return nil, nil
		}
		deposit := sdk.NewCoin(denom, randInt(testData, ctrl.LiquidBalance().AmountOf(denom).QuoRaw(10)))
		if !ctrl.LiquidBalance().BlockAmount(deposit) {
			reporter.Skip("deposit not held")
			return nil, nil
		}
		msg := &types.MsgAddAsset{Sender: ctrl.AddressBech32, PoolId: pool.Id, Deposit: deposit, Weight: weight}
		if !pool.AllowListEnabled && r.Intn(4) == 0 {
			// Sometimes the shares go to another account the controller names.
			msg.Recipient = testData.AnyAccount(reporter).AddressBech32
		}
		return []simsx.SimAccount{ctrl}, msg
	}
}

// MsgRemoveAssetFactory queues removing a light asset (at most the weight at
// which assets may leave) from a pool whose controller holds the shares the
// removal burns.
func MsgRemoveAssetFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRemoveAsset] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRemoveAsset) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		var denoms []string
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "with an asset light enough to remove", func(p types.Pool) bool {
			if !p.Rights.AddRemoveAssets || p.WeightSchedule != nil || p.Strategy != nil || p.SwapsPaused || len(p.Assets) <= int(params.MinAssets) ||
				!hasQueueRoom(ctx, k, p.Id) || hasPendingKind(ctx, k, p.Id, "strategy") {
				return false
			}
			denoms = denoms[:0]
			for i, a := range p.Assets {
				if !p.NormalizedWeight(i).GT(maxChangingWeight(params)) {
					denoms = append(denoms, a.Denom)
				}
			}
			return len(denoms) > 0
		})
		if !ok {
			return nil, nil
		}
		denom := pick(testData, denoms)
		i, _ := pool.AssetIndex(denom)
		sharesIn := ceilDiv(pool.TotalShares.Mul(pool.Assets[i].Weight), pool.TotalWeight())
		next := pool.Clone()
		next.Assets = append(next.Assets[:i:i], pool.Assets[i+1:]...)
		next.TotalShares = pool.TotalShares.Sub(sharesIn)
		if sharesIn.GTE(pool.TotalShares) || !assetChangeValid(next, params) {
			reporter.Skip("the pool would not stay valid")
			return nil, nil
		}
		if ctrl.LiquidBalance().AmountOf(pool.ShareDenom).LT(sharesIn) {
			reporter.Skip("controller lacks the shares the removal burns")
			return nil, nil
		}
		return []simsx.SimAccount{ctrl}, &types.MsgRemoveAsset{Sender: ctrl.AddressBech32, PoolId: pool.Id, Denom: denom}
	}
}

func ceilDiv(a, b sdkmath.Int) sdkmath.Int {
	q := a.Quo(b)
	if !q.Mul(b).Equal(a) {
		q = q.AddRaw(1)
	}
	return q
}

// withCurve makes a straight schedule, a third of the time each, an
// exponential approach or a multi-point curve that comes back to where it
// started, when the keeper's checks would accept it (else it stays straight).
func withCurve(testData *simsx.ChainDataSource, params types.Params, pool types.Pool, c *types.WeightScheduleChange, from []sdkmath.Int) {
	r := testData.Rand()
	d := c.EndTime.Sub(c.StartTime)
	curve := types.WeightSchedule{StartTime: c.StartTime, EndTime: c.EndTime, StartWeights: from, TargetWeights: c.TargetWeights}
	switch r.Intn(3) {
	case 1:
		halfLife := d / time.Duration(2+r.Intn(3))
		points, err := types.ExponentialWaypoints(c.StartTime, c.EndTime, from, c.TargetWeights, halfLife)
		if err != nil {
			return
		}
		curve.EndTime, curve.TargetWeights, curve.Waypoints = points[0].Time, points[0].Weights, points[1:]
		if types.ValidateCurve(params, pool, curve) == nil {
			c.HalfLife = halfLife
		}
	case 2:
		back := types.Waypoint{Time: c.EndTime.Add(d), Weights: append([]sdkmath.Int(nil), from...)}
		curve.Waypoints = []types.Waypoint{back}
		if types.ValidateCurve(params, pool, curve) == nil {
			c.Waypoints = curve.Waypoints
		}
	}
}
