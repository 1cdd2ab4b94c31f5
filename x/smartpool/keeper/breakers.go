package keeper

import (
	"context"
	"time"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// breakerCheckGasPerAsset is what the band and alert checks charge per asset.
const breakerCheckGasPerAsset = 500

// guardTrade runs a pool's circuit breakers on a price-moving operation
// (swap, single-asset or uneven join or exit): before is the pool as the
// operation found it, after as it would leave it. It refuses the operation
// with ErrPriceBand or ErrOutflowCap, records the block start on after, and
// raises or clears the pool's deviation alert. Proportional joins and exits
// never come here: LPs can always leave.
func (k Keeper) guardTrade(ctx context.Context, params types.Params, before types.Pool, after *types.Pool) error {
	b := after.EffectiveBreakers(params)
	if !b.Active() {
		after.BlockStart = nil
		return nil
	}
	start, err := k.blockStart(ctx, b, before)
	if err != nil {
		return err
	}
	after.BlockStart = start
	if b.HasOutflowCap() {
		if err := types.CheckOutflow(b, *start, before, *after); err != nil {
			k.countRefusal(ctx, after.Id, "outflow")
			return err
		}
	}
	if len(start.TwapLogValues) != len(after.Assets) || !(b.HasBand() || b.HasAlert()) {
		return nil // no history yet: nothing to compare with
	}
	// The log values are high-precision arithmetic the store's gas does not
	// see: a flat charge per asset keeps refused operations from being free.
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	sdkCtx.GasMeter().ConsumeGas(breakerCheckGasPerAsset*uint64(len(after.Assets)), "circuit breaker price check")
	now := sdkCtx.BlockTime()
	qAfter, err := after.LogValues(now)
	if err != nil {
		return err
	}
	if b.HasBand() {
		qBefore, err := before.LogValues(now)
		if err != nil {
			return err
		}
		if err := types.CheckBand(b, *after, *start, qBefore, qAfter); err != nil {
			k.countRefusal(ctx, after.Id, "price_band")
			return err
		}
	}
	if b.HasAlert() {
		return k.updateAlert(ctx, b, after, *start, qAfter)
	}
	return nil
}

// blockStart is the pool's BlockStart for this block, taken from the pool as
// the block's first checked operation finds it. Proportional operations before
// it leave per-share balances and every pair price as they were, so it is the
// block's start in all the breakers measure.
func (k Keeper) blockStart(ctx context.Context, b types.CircuitBreakers, pool types.Pool) (*types.BlockStart, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if s := pool.BlockStart; isThisBlock(sdkCtx, s) && len(s.Balances) == len(pool.Assets) {
		return s, nil
	}
	start := &types.BlockStart{Height: sdkCtx.BlockHeight(), Time: sdkCtx.BlockTime(), TotalShares: pool.TotalShares, Balances: pool.Balances()}
	if b.HasBand() || b.HasAlert() {
		// The TWAP comes from the pool as stored: from its last update on the
		// accumulators are exact, however long it sat idle.
		stored, err := k.storedPool(ctx, pool.Id)
		if err != nil {
			return nil, err
		}
		ref, err := k.twapReference(ctx, stored, b.TwapWindow())
		if err != nil {
			return nil, err
		}
		if ref != nil {
			start.TwapLogValues, start.TwapUnknown = ref.TwapLogValues, ref.TwapUnknown
		}
	}
	return start, nil
}

// isThisBlock reports whether a block start was taken in the current block.
func isThisBlock(ctx sdk.Context, s *types.BlockStart) bool {
	return s != nil && s.Height == ctx.BlockHeight() && s.Time.Equal(ctx.BlockTime())
}

// windowMeans are the pool's mean log values over the window ending now,
// shortened to the pool's history; nil when it has none yet.
func (k Keeper) windowMeans(ctx context.Context, pool types.Pool, window time.Duration) (map[string]sdkmath.LegacyDec, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	from, err := k.historyStart(ctx, pool)
	if err != nil {
		return nil, err
	}
	if start := now.Add(-window); start.After(from) {
		from = start
	}
	if !from.Before(now) {
		return nil, nil
	}
	return k.meanLogValues(ctx, pool, from, now)
}

// updateAlert raises the pool's deviation alert when its largest pair
// deviation crosses the threshold, and clears it when it falls back.
func (k Keeper) updateAlert(ctx context.Context, b types.CircuitBreakers, pool *types.Pool, start types.BlockStart, q []sdkmath.LegacyDec) error {
	limit, err := poolmath.LnDec(sdkmath.LegacyOneDec().Add(b.AlertThreshold))
	if err != nil {
		return err
	}
	dev, lo, hi := types.MaxPairDeviation(start, q)
	over := dev.GT(limit)
	if over == pool.DeviationAlert {
		return nil
	}
	pool.DeviationAlert = over
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	if over {
		return em.EmitTypedEvent(&types.EventDeviationAlert{
			PoolId: pool.Id, BaseDenom: pool.Assets[lo].Denom, QuoteDenom: pool.Assets[hi].Denom,
			Deviation: types.RatioDeviation(dev).String(), Threshold: b.AlertThreshold.String(), Window: b.TwapWindow(),
		})
	}
	return em.EmitTypedEvent(&types.EventDeviationCleared{PoolId: pool.Id, Deviation: types.RatioDeviation(dev).String(), Threshold: b.AlertThreshold.String()})
}
