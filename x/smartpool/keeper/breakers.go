package keeper

import (
	"context"
	"math/big"
	"time"

	errorsmod "cosmossdk.io/errors"
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
		if err := checkOutflow(b, *start, before, *after); err != nil {
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
		if err := checkBand(b, *after, *start, qBefore, qAfter); err != nil {
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

// checkBand refuses an operation that leaves a pair's price further than the
// band from its TWAP, unless it brings that pair closer to it on the same
// side: a pair outside the band may be traded back toward its TWAP, never
// across it and out the other side.
func checkBand(b types.CircuitBreakers, pool types.Pool, start types.BlockStart, qBefore, qAfter []sdkmath.LegacyDec) error {
	limit, err := poolmath.LnDec(sdkmath.LegacyOneDec().Add(b.MaxPriceDeviation))
	if err != nil {
		return err
	}
	twap := start.TwapLogValues
	for i := range qAfter {
		for j := i + 1; j < len(qAfter); j++ {
			if unknownPair(start, i, j) {
				continue
			}
			after, before := pairDeviation(twap, qAfter, i, j), pairDeviation(twap, qBefore, i, j)
			if after.Abs().LTE(limit) || (after.IsPositive() == before.IsPositive() && after.Abs().LTE(before.Abs())) {
				continue
			}
			// The price of asset i in units of j is exp(q_j − q_i).
			spot, _ := poolmath.ExpDec(qAfter[j].Sub(qAfter[i]))
			mean, _ := poolmath.ExpDec(twap[j].Sub(twap[i]))
			return errorsmod.Wrapf(types.ErrPriceBand,
				"pool %d: the price of %s in %s would be %s against its TWAP %s over %s, %s away; max_price_deviation is %s",
				pool.Id, pool.Assets[i].Denom, pool.Assets[j].Denom, spot, mean, b.TwapWindow(), ratioDeviation(after), b.MaxPriceDeviation)
		}
	}
	return nil
}

// unknownPair reports whether asset i or j has no TWAP over the window yet.
func unknownPair(start types.BlockStart, i, j int) bool {
	for _, u := range start.TwapUnknown {
		if int(u) == i || int(u) == j {
			return true
		}
	}
	return false
}

// pairDeviation is ln(spot/TWAP) of asset i's price in asset j.
func pairDeviation(twap, q []sdkmath.LegacyDec, i, j int) sdkmath.LegacyDec {
	return q[j].Sub(twap[j]).Sub(q[i].Sub(twap[i]))
}

// ratioDeviation turns a log deviation into |spot/TWAP − 1|.
func ratioDeviation(logDev sdkmath.LegacyDec) sdkmath.LegacyDec { return expMinusOne(logDev).Abs() }

// expMinusOne is e^x − 1 at 18 decimals; zero where e^x is out of range
// (reports only: no check depends on it).
func expMinusOne(x sdkmath.LegacyDec) sdkmath.LegacyDec {
	e, err := poolmath.ExpDec(x)
	if err != nil {
		return sdkmath.LegacyZeroDec()
	}
	d, err := e.LegacyDecDown()
	if err != nil {
		return sdkmath.LegacyZeroDec()
	}
	return d.Sub(sdkmath.LegacyOneDec())
}

// maxPairDeviation is the largest |ln(spot/TWAP)| over the pairs with
// history, and the pair: max_i d_i − min_i d_i with d_i = q_i − q̄_i.
func maxPairDeviation(start types.BlockStart, q []sdkmath.LegacyDec) (sdkmath.LegacyDec, int, int) {
	lo, hi := -1, -1
	d := func(i int) sdkmath.LegacyDec { return q[i].Sub(start.TwapLogValues[i]) }
	for i := range q {
		if unknownPair(start, i, i) {
			continue
		}
		if lo < 0 || d(i).LT(d(lo)) {
			lo = i
		}
		if hi < 0 || d(i).GT(d(hi)) {
			hi = i
		}
	}
	if lo < 0 {
		return sdkmath.LegacyZeroDec(), 0, 0
	}
	// The price of lo in units of hi rose the most against its TWAP.
	return d(hi).Sub(d(lo)), lo, hi
}

// outflowUsed is how much of asset i's per-share balance has left the pool
// since the block's start: 1 − (B·S₀)/(B₀·S), at least zero.
func outflowUsed(start types.BlockStart, pool types.Pool, i int) sdkmath.LegacyDec {
	startValue := new(big.Int).Mul(start.Balances[i].BigInt(), pool.TotalShares.BigInt())
	nowValue := new(big.Int).Mul(pool.Assets[i].Balance.BigInt(), start.TotalShares.BigInt())
	gone := new(big.Int).Sub(startValue, nowValue)
	if gone.Sign() <= 0 || startValue.Sign() <= 0 {
		return sdkmath.LegacyZeroDec()
	}
	gone.Mul(gone, sdkmath.LegacyOneDec().BigInt())
	return sdkmath.LegacyNewDecFromBigIntWithPrec(gone.Quo(gone, startValue), sdkmath.LegacyPrecision)
}

// checkOutflow refuses an operation that takes an asset's outflow this block
// past the cap (an operation that lowers it is always allowed).
func checkOutflow(b types.CircuitBreakers, start types.BlockStart, before, after types.Pool) error {
	for i, a := range after.Assets {
		used := outflowUsed(start, after, i)
		if used.LTE(b.MaxBlockOutflow) || used.LTE(outflowUsed(start, before, i)) {
			continue
		}
		return errorsmod.Wrapf(types.ErrOutflowCap, "pool %d: %s would have lost %s of its per-share balance this block; max_block_outflow is %s",
			after.Id, a.Denom, used, b.MaxBlockOutflow)
	}
	return nil
}

// updateAlert raises the pool's deviation alert when its largest pair
// deviation crosses the threshold, and clears it when it falls back.
func (k Keeper) updateAlert(ctx context.Context, b types.CircuitBreakers, pool *types.Pool, start types.BlockStart, q []sdkmath.LegacyDec) error {
	limit, err := poolmath.LnDec(sdkmath.LegacyOneDec().Add(b.AlertThreshold))
	if err != nil {
		return err
	}
	dev, lo, hi := maxPairDeviation(start, q)
	over := dev.GT(limit)
	if over == pool.DeviationAlert {
		return nil
	}
	pool.DeviationAlert = over
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	if over {
		return em.EmitTypedEvent(&types.EventDeviationAlert{
			PoolId: pool.Id, BaseDenom: pool.Assets[lo].Denom, QuoteDenom: pool.Assets[hi].Denom,
			Deviation: ratioDeviation(dev).String(), Threshold: b.AlertThreshold.String(), Window: b.TwapWindow(),
		})
	}
	return em.EmitTypedEvent(&types.EventDeviationCleared{PoolId: pool.Id, Deviation: ratioDeviation(dev).String(), Threshold: b.AlertThreshold.String()})
}
