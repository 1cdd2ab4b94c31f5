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

// feeStateFor is what the pool's dynamic fee policy reads from the oracle
// this block: the realized volatility and the TWAP the direction compares
// with. The block's first operation reads them and caches them in the pool
// record; fixed-fee pools read nothing.
func (k Keeper) feeStateFor(ctx context.Context, pool *types.Pool) (*types.FeeState, error) {
	pol := pool.FeePolicy
	if !pol.IsDynamic() {
		pool.FeeState = nil
		return nil, nil
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if s := pool.FeeState; s != nil && s.Height == sdkCtx.BlockHeight() && s.Time.Equal(sdkCtx.BlockTime()) &&
		(pol.Direction == nil || len(s.TwapLogValues) == len(pool.Assets)) {
		return s, nil
	}
	// Both come from the pool as stored: the block's operations so far
	// must not move what the block's fees are measured against.
	stored, err := k.storedPool(ctx, pool.Id)
	if err != nil {
		return nil, err
	}
	st := &types.FeeState{Height: sdkCtx.BlockHeight(), Time: sdkCtx.BlockTime(), Sigma: sdkmath.LegacyZeroDec()}
	if v := pol.Volatility; v != nil {
		if st.Sigma, err = k.realizedVolatility(ctx, stored, v.Window); err != nil {
			return nil, err
		}
	}
	if d := pol.Direction; d != nil {
		ref, err := k.twapReference(ctx, stored, d.Window)
		if err != nil && !isNoData(err) {
			return nil, err
		}
		if ref != nil && len(ref.TwapLogValues) == len(pool.Assets) {
			st.TwapLogValues, st.TwapUnknown = ref.TwapLogValues, ref.TwapUnknown
		} else {
			// No history: every pair is neutral, but the length still
			// marks the state as taken for this asset list.
			st.TwapLogValues = make([]sdkmath.LegacyDec, len(pool.Assets))
			for i := range st.TwapLogValues {
				st.TwapLogValues[i] = sdkmath.LegacyZeroDec()
				st.TwapUnknown = append(st.TwapUnknown, uint32(i))
			}
		}
	}
	pool.FeeState = st
	return st, nil
}

// realizedVolatility is the pool's realized daily volatility over window:
// the growth of the observations' realized-variance accumulator from the
// observation at or before the window's start (the oldest one if the history
// is shorter) to the newest, scaled to a day. Zero without two observations.
func (k Keeper) realizedVolatility(ctx context.Context, pool types.Pool, window time.Duration) (sdkmath.LegacyDec, error) {
	o := pool.Oracle
	zero := sdkmath.LegacyZeroDec()
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	last := o.RingCount
	if last > 0 && o.LastObservation.Equal(now) {
		// Written in this block by an earlier operation: the block's fees
		// read the history before it, whichever operation came first.
		last--
	}
	if last < 2 {
		return zero, nil
	}
	newest, err := k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, last-1)))
	if err != nil {
		return zero, err
	}
	_, first, err := k.observationAtOrBefore(ctx, pool, now.Add(-window))
	if isNoData(err) {
		first, err = k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, 0)))
	}
	if err != nil {
		return zero, err
	}
	elapsed := newest.Time.Sub(first.Time)
	growth := types.DecOrZero(newest.RealizedVariance).Sub(types.DecOrZero(first.RealizedVariance))
	if elapsed <= 0 || !growth.IsPositive() {
		return zero, nil
	}
	return poolmath.DailyVolatility(growth, elapsed)
}

// realizedVarianceAt is the realized-variance accumulator for an observation
// about to be written at now: the newest stored one's, plus the mean over
// the pool's pairs of the squared change of the pair's interval-mean log
// price between the last two intervals. Only pools with a volatility fee
// pay the two extra reads; others write zero, so a policy set later sees
// its history from then on (a negative growth across a reset reads as zero).
func (k Keeper) realizedVarianceAt(ctx context.Context, pool types.Pool, obs types.OracleObservation) (sdkmath.LegacyDec, error) {
	o := pool.Oracle
	zero := sdkmath.LegacyZeroDec()
	if pool.FeePolicy == nil || pool.FeePolicy.Volatility == nil {
		return zero, nil // nothing reads it: the history starts when the policy does
	}
	newest := int64(o.RingCount) - 1
	if newest >= 0 && o.LastObservation.Equal(obs.Time) {
		newest-- // the newest is being replaced: the one before it is the last interval's end
	}
	if newest < 0 {
		return zero, nil
	}
	get := func(j int64) (types.OracleObservation, error) {
		return k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, uint32(j))))
	}
	last, err := get(newest)
	if err != nil {
		return zero, err
	}
	if newest < 1 {
		return types.RealizedVarianceAfter(nil, last, obs)
	}
	before, err := get(newest - 1)
	if err != nil {
		return zero, err
	}
	return types.RealizedVarianceAfter(&before, last, obs)
}
