package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// twapReference is the pool's mean log values over the window ending now
// (shortened to its history), in asset order, with the assets younger than
// the window listed as unknown; nil when the pool has no history yet.
func (k Keeper) twapReference(ctx context.Context, pool types.Pool, window time.Duration) (*types.BlockStart, error) {
	means, err := k.windowMeans(ctx, pool, window)
	if err != nil || means == nil {
		return nil, err
	}
	ref := &types.BlockStart{TwapLogValues: make([]sdkmath.LegacyDec, len(pool.Assets))}
	for i, d := range pool.Denoms() {
		m, ok := means[d]
		if !ok {
			m = sdkmath.LegacyZeroDec()
			ref.TwapUnknown = append(ref.TwapUnknown, uint32(i))
		}
		ref.TwapLogValues[i] = m
	}
	return ref, nil
}

// known reports whether asset i has a TWAP in the reference.
func known(ref *types.BlockStart, i int) bool { return ref != nil && !types.UnknownPair(*ref, i, i) }

// basketDeviations are, per asset, spot/TWAP − 1 of its price in units of the
// whole pool, exp(q̄_i − q_i) − 1 (zero for assets without history); nil
// without any history.
func (k Keeper) basketDeviations(ctx context.Context, pool types.Pool, window time.Duration) ([]sdkmath.LegacyDec, error) {
	ref, err := k.twapReference(ctx, pool, window)
	if err != nil || ref == nil {
		return nil, err
	}
	q, err := pool.LogValues(sdk.UnwrapSDKContext(ctx).BlockTime())
	if err != nil {
		return nil, err
	}
	devs := make([]sdkmath.LegacyDec, len(q))
	for i := range q {
		devs[i] = sdkmath.LegacyZeroDec()
		if known(ref, i) {
			devs[i] = basketDeviation(ref.TwapLogValues[i], q[i])
		}
	}
	return devs, nil
}

// PoolHealth reports a pool against its targets, its TWAPs and its breakers.
// Pass the pool as stored: its TWAPs up to now are then exact from its last
// update on.
func (k Keeper) PoolHealth(ctx context.Context, pool types.Pool, params types.Params) (types.PoolHealth, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	live := pool.AtTime(now)
	breakers := pool.EffectiveBreakers(params)
	h := types.PoolHealth{
		PoolId: pool.Id, Breakers: breakers, SwapsPaused: pool.SwapsPaused, DeviationAlert: pool.DeviationAlert,
		MaxDeviation_1H: sdkmath.LegacyZeroDec(), MaxDeviation_24H: sdkmath.LegacyZeroDec(), BandDeviation: sdkmath.LegacyZeroDec(),
	}
	if st := pool.StrategyState; pool.Strategy != nil && st != nil {
		h.StrategyStatus = st.Status
		if st.Paused {
			h.StrategyStatus = types.StrategyStatusPaused
		} else {
			next := st.NextUpdate
			h.StrategyNextUpdate = &next
		}
	}
	q, err := pool.LogValues(now)
	if err != nil {
		return h, err
	}
	twap1h, err := k.twapReference(ctx, pool, time.Hour)
	if err != nil {
		return h, err
	}
	twap24h, err := k.twapReference(ctx, pool, 24*time.Hour)
	if err != nil {
		return h, err
	}
	if twap1h != nil {
		dev, _, _ := types.MaxPairDeviation(*twap1h, q)
		h.MaxDeviation_1H = types.RatioDeviation(dev)
	}
	if twap24h != nil {
		dev, _, _ := types.MaxPairDeviation(*twap24h, q)
		h.MaxDeviation_24H = types.RatioDeviation(dev)
	}
	targets := live.Weights()
	if s := pool.WeightSchedule; s != nil {
		targets = s.FinalWeights()
	}
	targetTotal := sdkmath.ZeroInt()
	for _, w := range targets {
		targetTotal = targetTotal.Add(w)
	}
	shares, err := valueShares(pool, twap1h)
	if err != nil {
		return h, err
	}
	for i, a := range live.Assets {
		ah := types.AssetHealth{
			Denom: a.Denom, Balance: a.Balance, CurrentWeight: live.NormalizedWeight(i),
			TargetWeight: sdkmath.LegacyNewDecFromInt(targets[i]).QuoInt(targetTotal),
			Deviation_1H: sdkmath.LegacyZeroDec(), Deviation_24H: sdkmath.LegacyZeroDec(),
			ValueShare: live.NormalizedWeight(i), OutflowUsed: sdkmath.LegacyZeroDec(),
		}
		if known(twap1h, i) {
			ah.Deviation_1H = basketDeviation(twap1h.TwapLogValues[i], q[i])
		}
		if shares != nil {
			ah.ValueShare = shares[i]
		}
		if known(twap24h, i) {
			ah.Deviation_24H = basketDeviation(twap24h.TwapLogValues[i], q[i])
		}
		if s := pool.BlockStart; isThisBlock(sdkCtx, s) && len(s.Balances) == len(pool.Assets) {
			ah.OutflowUsed = types.OutflowUsed(*s, pool, i)
		}
		h.Assets = append(h.Assets, ah)
	}
	if breakers.HasBand() {
		band, err := k.twapReference(ctx, pool, breakers.TwapWindow())
		if err != nil {
			return h, err
		}
		if band != nil {
			dev, _, _ := types.MaxPairDeviation(*band, q)
			h.BandDeviation = types.RatioDeviation(dev)
		}
		h.BandHeadroom = breakers.MaxPriceDeviation.Sub(h.BandDeviation).String()
	}
	if h.HistoryStart, err = k.historyStart(ctx, pool); err != nil {
		return h, err
	}
	return h, k.fillPending(ctx, pool.Id, &h)
}

// basketDeviation is exp(q̄ − q) − 1: spot over TWAP, less one, of an
// asset's price in units of the whole pool.
func basketDeviation(mean, q sdkmath.LegacyDec) sdkmath.LegacyDec {
	return types.ExpMinusOne(mean.Sub(q))
}

// valueShares are each asset's share of the pool's value at TWAP prices:
// B_i·exp(−q̄_i), normalized. Unless every asset has history they are nil.
func valueShares(pool types.Pool, ref *types.BlockStart) ([]sdkmath.LegacyDec, error) {
	if ref == nil || len(ref.TwapUnknown) > 0 {
		return nil, nil
	}
	twap := ref.TwapLogValues
	values := make([]poolmath.Fixed, len(twap))
	total := poolmath.FixedFromInt(sdkmath.ZeroInt())
	for i, a := range pool.Assets {
		lnB, err := poolmath.LnDec(sdkmath.LegacyNewDecFromInt(a.Balance))
		if err != nil {
			return nil, err
		}
		v, err := poolmath.ExpDec(lnB.Sub(twap[i]))
		if err != nil {
			return nil, err
		}
		values[i], total = v, total.Add(v)
	}
	shares := make([]sdkmath.LegacyDec, len(values))
	for i, v := range values {
		s, err := v.QuoDown(total).LegacyDecDown()
		if err != nil {
			return nil, err
		}
		shares[i] = s
	}
	return shares, nil
}

// fillPending counts the pool's pending changes and finds the next due time.
func (k Keeper) fillPending(ctx context.Context, poolID uint64, h *types.PoolHealth) error {
	it, err := k.ChangesByPool.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](poolID))
	if err != nil {
		return err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		key, err := it.Key()
		if err != nil {
			return err
		}
		c, err := k.PendingChanges.Get(ctx, key.K2())
		if err != nil {
			return err
		}
		h.PendingChanges++
		if h.NextDueTime == nil || c.DueTime.Before(*h.NextDueTime) {
			due := c.DueTime
			h.NextDueTime = &due
		}
	}
	return nil
}
