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

// meansInOrder are a window's mean log values in the pool's asset order; nil
// when the pool has no history or an asset is younger than the window.
func (k Keeper) meansInOrder(ctx context.Context, pool types.Pool, window time.Duration) ([]sdkmath.LegacyDec, error) {
	means, err := k.windowMeans(ctx, pool, window)
	if err != nil || means == nil {
		return nil, err
	}
	ordered := make([]sdkmath.LegacyDec, len(pool.Assets))
	for i, d := range pool.Denoms() {
		m, ok := means[d]
		if !ok {
			return nil, nil
		}
		ordered[i] = m
	}
	return ordered, nil
}

// basketDeviations are, per asset, spot/TWAP − 1 of its price in units of the
// whole pool, exp(q̄_i − q_i) − 1; nil without history.
func (k Keeper) basketDeviations(ctx context.Context, pool types.Pool, window time.Duration) ([]sdkmath.LegacyDec, error) {
	twap, err := k.meansInOrder(ctx, pool, window)
	if err != nil || twap == nil {
		return nil, err
	}
	q, err := pool.LogValues(sdk.UnwrapSDKContext(ctx).BlockTime())
	if err != nil {
		return nil, err
	}
	devs := make([]sdkmath.LegacyDec, len(q))
	for i := range q {
		devs[i] = basketDeviation(twap[i], q[i])
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
	q, err := pool.LogValues(now)
	if err != nil {
		return h, err
	}
	twap1h, err := k.meansInOrder(ctx, pool, time.Hour)
	if err != nil {
		return h, err
	}
	twap24h, err := k.meansInOrder(ctx, pool, 24*time.Hour)
	if err != nil {
		return h, err
	}
	if twap1h != nil {
		dev, _, _ := maxPairDeviation(twap1h, q)
		h.MaxDeviation_1H = ratioDeviation(dev)
	}
	if twap24h != nil {
		dev, _, _ := maxPairDeviation(twap24h, q)
		h.MaxDeviation_24H = ratioDeviation(dev)
	}
	targets := live.Weights()
	if s := pool.WeightSchedule; s != nil {
		targets = s.TargetWeights
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
		if twap1h != nil {
			ah.Deviation_1H = basketDeviation(twap1h[i], q[i])
			ah.ValueShare = shares[i]
		}
		if twap24h != nil {
			ah.Deviation_24H = basketDeviation(twap24h[i], q[i])
		}
		if s := pool.BlockStart; s != nil && s.Height == sdkCtx.BlockHeight() && len(s.Balances) == len(pool.Assets) {
			ah.OutflowUsed = outflowUsed(*s, pool, i)
		}
		h.Assets = append(h.Assets, ah)
	}
	if breakers.HasBand() {
		band, err := k.meansInOrder(ctx, pool, breakers.TwapWindow())
		if err != nil {
			return h, err
		}
		if band != nil {
			dev, _, _ := maxPairDeviation(band, q)
			h.BandDeviation = ratioDeviation(dev)
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
func basketDeviation(mean, q sdkmath.LegacyDec) sdkmath.LegacyDec { return expMinusOne(mean.Sub(q)) }

// valueShares are each asset's share of the pool's value at TWAP prices:
// B_i·exp(−q̄_i), normalized. Without history they are nil.
func valueShares(pool types.Pool, twap []sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	if twap == nil {
		return nil, nil
	}
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
