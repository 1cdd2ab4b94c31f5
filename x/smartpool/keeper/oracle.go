package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// advanceOracle brings a loaded pool's accumulators to this block's time. It
// never fails: a pool whose log values cannot be computed (no valid pool can
// get there) keeps trading, and the lost stretch is logged.
func (k Keeper) advanceOracle(ctx context.Context, pool *types.Pool) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if !now.After(pool.Oracle.LastUpdate) {
		return
	}
	// The pool as loaded is the pool as it stood since its last update: an
	// observation written in this block carries it, so that the stretch can
	// be integrated exactly later.
	segment := pool.OracleSegment()
	defer func() { pool.Oracle.Segment = segment }()
	if err := pool.AdvanceOracle(now); err != nil {
		k.logger(ctx).Error("oracle stretch skipped", "pool", pool.Id, "from", pool.Oracle.LastUpdate, "to", now, "err", err)
		if len(pool.Oracle.Accumulators) == len(pool.Assets) {
			pool.Oracle.LastUpdate = now
		}
	}
}

// startOracle gives a new pool its oracle, its first layout and its first
// observation.
func (k Keeper) startOracle(ctx context.Context, pool *types.Pool, params types.Params) error {
	pool.Oracle = types.NewPoolOracle(sdk.UnwrapSDKContext(ctx).BlockTime(), len(pool.Assets), params)
	if err := k.OracleLayouts.Set(ctx, collections.Join(pool.Id, pool.Oracle.Layout), firstLayout(pool.Denoms())); err != nil {
		return err
	}
	return k.writeObservation(ctx, pool, nil)
}

// syncOracle runs when a pool is stored: a changed asset list gets a new
// layout, and an observation is written when one is due.
func (k Keeper) syncOracle(ctx context.Context, pool *types.Pool) error {
	segment := pool.Oracle.Segment
	pool.Oracle.Segment = nil // transient: never stored
	if len(pool.Oracle.Accumulators) != len(pool.Assets) {
		return k.relayoutOracle(ctx, pool)
	}
	if segment != nil && len(segment.Balances) != len(pool.Assets) {
		segment = nil
	}
	o := &pool.Oracle
	if o.RingCount > 0 && sdk.UnwrapSDKContext(ctx).BlockTime().Sub(o.LastObservation) < o.ObservationInterval {
		return nil
	}
	// The params are read once per turn of the ring, when it wraps around:
	// a swap that observes pays no params read otherwise.
	if o.RingNext == 0 && o.RingCount > 0 {
		params, err := k.Params.Get(ctx)
		if err != nil {
			return err
		}
		adoptOracleParams(o, params)
	}
	return k.writeObservation(ctx, pool, segment)
}

// adoptOracleParams takes up the params' interval and ring size at a wrap of
// the ring: a larger ring goes on filling after its newest observation; a
// smaller one becomes the target, taken once the newest observations fill it.
func adoptOracleParams(o *types.PoolOracle, params types.Params) {
	o.ObservationInterval = params.OracleObservationInterval
	want := params.OracleRingSize()
	o.RingTarget = 0
	switch {
	case want > o.RingSize:
		o.RingNext, o.RingSize = o.RingSize, want
	case want < o.RingSize:
		o.RingTarget = want
	}
}

// relayoutOracle carries each remaining asset's accumulator over to the new
// asset order, starts added assets at zero, records the new layout and
// observes at once, so every TWAP that spans the change finds both layouts.
func (k Keeper) relayoutOracle(ctx context.Context, pool *types.Pool) error {
	o := &pool.Oracle
	old, err := k.OracleLayouts.Get(ctx, collections.Join(pool.Id, o.Layout))
	if err != nil {
		return errorsmod.Wrapf(err, "pool %d oracle layout %d", pool.Id, o.Layout)
	}
	acc := make([]sdkmath.LegacyDec, len(pool.Assets))
	next := types.OracleLayout{Denoms: pool.Denoms(), Joined: make([]uint64, len(pool.Assets))}
	for i, a := range pool.Assets {
		acc[i], next.Joined[i] = sdkmath.LegacyZeroDec(), o.Layout+1 // a new series, unless it was there
		for j, d := range old.Denoms {
			if d == a.Denom && j < len(o.Accumulators) && j < len(old.Joined) {
				acc[i], next.Joined[i] = o.Accumulators[j], old.Joined[j]
			}
		}
	}
	o.Accumulators = acc
	o.Layout++
	pool.BlockStart = nil // balances of another asset list
	if err := k.OracleLayouts.Set(ctx, collections.Join(pool.Id, o.Layout), next); err != nil {
		return err
	}
	if err := k.pruneLayouts(ctx, pool); err != nil {
		return err
	}
	return k.writeObservation(ctx, pool, nil)
}

// pruneLayouts deletes the layouts no stored observation refers to any more:
// those older than the oldest observation's. It runs only when the asset
// list changes, so the layouts a pool keeps are bounded by its ring.
func (k Keeper) pruneLayouts(ctx context.Context, pool *types.Pool) error {
	o := pool.Oracle
	if o.RingCount == 0 {
		return nil
	}
	oldest, err := k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, 0)))
	if err != nil {
		return err
	}
	rng := collections.NewPrefixedPairRange[uint64, uint64](pool.Id).EndExclusive(oldest.Layout)
	return k.OracleLayouts.Clear(ctx, rng)
}

// writeObservation records the pool's accumulators now in its ring,
// overwriting the oldest observation once the ring is full.
func (k Keeper) writeObservation(ctx context.Context, pool *types.Pool, segment *types.OracleSegment) error {
	o := &pool.Oracle
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if o.RingTarget > 0 && o.RingTarget < o.RingSize && o.RingCount == o.RingSize && o.RingNext == o.RingTarget {
		// The newest observations fill slots [0, target): the smaller ring.
		o.RingSize, o.RingNext, o.RingCount, o.RingTarget = o.RingTarget, 0, o.RingTarget, 0
	}
	obs := types.OracleObservation{Time: now, Layout: o.Layout, Accumulators: o.Accumulators, Segment: segment, FeesLp: pool.LpFees()}
	rv, err := k.realizedVarianceAt(ctx, *pool, obs)
	if err != nil {
		return err
	}
	obs.RealizedVariance = rv
	slot := o.RingNext
	if o.RingCount > 0 && o.LastObservation.Equal(now) {
		slot = ringSlot(*o, o.RingCount-1) // same time: the newest observation is replaced
	} else {
		o.RingNext = (o.RingNext + 1) % o.RingSize
		if o.RingCount < o.RingSize {
			o.RingCount++
		}
	}
	o.LastObservation = now
	return k.OracleObservations.Set(ctx, collections.Join(pool.Id, slot), obs)
}

// ringSlot is the slot of the j-th observation, oldest first.
func ringSlot(o types.PoolOracle, j uint32) uint32 {
	return (o.RingNext + o.RingSize - o.RingCount + j) % o.RingSize
}

// firstLayout is a new pool's layout: every asset joined at layout 1.
func firstLayout(denoms []string) types.OracleLayout {
	joined := make([]uint64, len(denoms))
	for i := range joined {
		joined[i] = 1
	}
	return types.OracleLayout{Denoms: denoms, Joined: joined}
}

// seriesKey names one asset's price series: its denom and the layout it
// joined at, so that an asset removed and added again never has its new
// accumulator compared with its old one.
func seriesKey(denom string, joined uint64) string { return fmt.Sprintf("%s@%d", denom, joined) }

// layoutSeries are the series keys of a layout, in its asset order. A pool
// whose assets never changed (layout 1) needs no read.
func (k Keeper) layoutSeries(ctx context.Context, pool types.Pool, layout uint64) ([]string, error) {
	l := firstLayout(pool.Denoms())
	if layout != 1 || pool.Oracle.Layout != 1 {
		var err error
		if l, err = k.OracleLayouts.Get(ctx, collections.Join(pool.Id, layout)); err != nil {
			return nil, errorsmod.Wrapf(err, "pool %d oracle layout %d", pool.Id, layout)
		}
	}
	if len(l.Joined) != len(l.Denoms) {
		return nil, errorsmod.Wrapf(types.ErrInvalidPoolState, "pool %d oracle layout %d is malformed", pool.Id, layout)
	}
	keys := make([]string, len(l.Denoms))
	for i, d := range l.Denoms {
		keys[i] = seriesKey(d, l.Joined[i])
	}
	return keys, nil
}

// observationSeries is an observation's accumulators by series key.
func (k Keeper) observationSeries(ctx context.Context, pool types.Pool, obs types.OracleObservation) (map[string]sdkmath.LegacyDec, error) {
	keys, err := k.layoutSeries(ctx, pool, obs.Layout)
	if err != nil {
		return nil, err
	}
	m := make(map[string]sdkmath.LegacyDec, len(keys))
	for i, key := range keys {
		if i < len(obs.Accumulators) {
			m[key] = obs.Accumulators[i]
		}
	}
	return m, nil
}

// historyStart is the time of the pool's oldest observation.
func (k Keeper) historyStart(ctx context.Context, pool types.Pool) (time.Time, error) {
	if pool.Oracle.RingCount == 0 {
		return pool.Oracle.LastUpdate, nil
	}
	obs, err := k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(pool.Oracle, 0)))
	return obs.Time, err
}

// accumulatorsAt returns the pool's accumulators at t, by series key. They are
// exact at an observation, from the oracle's last update on (the pool has not
// changed since), and inside an idle stretch an observation carries as a
// segment. What is left is a stretch shorter than the observation interval in
// which operations happened: it is interpolated linearly, which weighs every
// instant in it by a factor in [0, 1], so no price inside can count for more
// than its duration.
func (k Keeper) accumulatorsAt(ctx context.Context, pool types.Pool, t time.Time) (map[string]sdkmath.LegacyDec, error) {
	o := pool.Oracle
	if !t.Before(o.LastUpdate) {
		c := pool
		if err := c.AdvanceOracle(t); err != nil {
			return nil, err
		}
		return k.observationSeries(ctx, pool, types.OracleObservation{Layout: o.Layout, Accumulators: c.Oracle.Accumulators})
	}
	j, before, err := k.observationAtOrBefore(ctx, pool, t)
	if err != nil {
		return nil, err
	}
	from, err := k.observationSeries(ctx, pool, before)
	if err != nil || before.Time.Equal(t) {
		return from, err
	}
	after := types.OracleObservation{Time: o.LastUpdate, Layout: o.Layout, Accumulators: o.Accumulators}
	if j+1 < o.RingCount {
		if after, err = k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, j+1))); err != nil {
			return nil, err
		}
	}
	// Exact inside the segment the next observation carries.
	anchor, ok, err := after.BackOverSegment(t, before.Time)
	if err != nil {
		return nil, err
	}
	if ok {
		if !anchor.Time.After(t) {
			return k.observationSeries(ctx, pool, anchor)
		}
		after = anchor
	}
	to, err := k.observationSeries(ctx, pool, after)
	if err != nil {
		return nil, err
	}
	num, den := int64(t.Sub(before.Time)), int64(after.Time.Sub(before.Time))
	if den <= 0 { // no stretch to interpolate over (an imported ring out of order)
		return from, nil
	}
	values := make(map[string]sdkmath.LegacyDec, len(from))
	current, err := k.layoutSeries(ctx, pool, o.Layout)
	if err != nil {
		return nil, err
	}
	for _, key := range current {
		a, okA := from[key]
		b, okB := to[key]
		if okA && okB {
			values[key] = a.Add(b.Sub(a).MulInt64(num).QuoInt64(den))
		}
	}
	return values, nil
}

// observationAtOrBefore finds the newest observation taken at or before t by
// binary search over the ring. Observations are at least an interval apart,
// so the one wanted is at most (newest − t)/interval + 1 places from the end:
// the search starts inside that bound.
func (k Keeper) observationAtOrBefore(ctx context.Context, pool types.Pool, t time.Time) (uint32, types.OracleObservation, error) {
	o := pool.Oracle
	get := func(j uint32) (types.OracleObservation, error) {
		return k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, j)))
	}
	if o.RingCount == 0 {
		return 0, types.OracleObservation{}, errorsmod.Wrapf(types.ErrOracleNoData, "pool %d has no observations", pool.Id)
	}
	lo, hi := uint32(0), o.RingCount-1 // invariant: the answer, if any, is in [lo, hi]
	if o.ObservationInterval > 0 && !t.After(o.LastObservation) {
		if back := int64(o.LastObservation.Sub(t)/o.ObservationInterval) + 1; back < int64(hi) {
			lo = hi - uint32(back)
		}
	}
	first, err := get(lo)
	if err != nil {
		return 0, first, err
	}
	if first.Time.After(t) {
		if lo > 0 { // the bound did not hold (params changed the spacing): search it all
			return k.searchRing(ctx, pool, t, 0, lo)
		}
		return 0, first, errorsmod.Wrapf(types.ErrOracleNoData, "pool %d has observations only from %s", pool.Id, first.Time.UTC().Format(time.RFC3339))
	}
	return k.searchRing(ctx, pool, t, lo, hi)
}

// searchRing is the binary search of observationAtOrBefore over [lo, hi],
// where the observation at lo is known to be at or before t unless lo is 0.
func (k Keeper) searchRing(ctx context.Context, pool types.Pool, t time.Time, lo, hi uint32) (uint32, types.OracleObservation, error) {
	o := pool.Oracle
	get := func(j uint32) (types.OracleObservation, error) {
		return k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(o, j)))
	}
	best, err := get(lo)
	if err != nil {
		return 0, best, err
	}
	if best.Time.After(t) {
		return 0, best, errorsmod.Wrapf(types.ErrOracleNoData, "pool %d has observations only from %s", pool.Id, best.Time.UTC().Format(time.RFC3339))
	}
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		obs, err := get(mid)
		if err != nil {
			return 0, obs, err
		}
		if obs.Time.After(t) {
			hi = mid - 1
		} else {
			lo, best = mid, obs
		}
	}
	return lo, best, nil
}

// meanLogValues are the pool's mean log values over [start, end], by denom;
// denoms without data over the whole window are missing.
func (k Keeper) meanLogValues(ctx context.Context, pool types.Pool, start, end time.Time) (map[string]sdkmath.LegacyDec, error) {
	if !end.After(start) {
		return nil, errorsmod.Wrapf(types.ErrOracleNoData, "window [%s, %s] is empty", start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339))
	}
	accStart, err := k.accumulatorsAt(ctx, pool, start)
	if err != nil {
		return nil, err
	}
	accEnd, err := k.accumulatorsAt(ctx, pool, end)
	if err != nil {
		return nil, err
	}
	current, err := k.layoutSeries(ctx, pool, pool.Oracle.Layout)
	if err != nil {
		return nil, err
	}
	means := make(map[string]sdkmath.LegacyDec, len(accEnd))
	for i, d := range pool.Denoms() {
		a, okA := accStart[current[i]]
		b, okB := accEnd[current[i]]
		if !okA || !okB {
			continue // the asset's present series began inside the window
		}
		m, err := poolmath.MeanLog(a, b, int64(end.Sub(start)))
		if err != nil {
			return nil, err
		}
		means[d] = m
	}
	return means, nil
}

// twap is the geometric TWAP of base in units of quote over [start, end].
func (k Keeper) twap(ctx context.Context, pool types.Pool, base, quote string, start, end time.Time) (types.TwapPrice, error) {
	for _, d := range []string{base, quote} {
		if _, err := pool.AssetIndex(d); err != nil {
			return types.TwapPrice{}, err
		}
	}
	if base == quote {
		return types.TwapPrice{}, errorsmod.Wrap(types.ErrInvalidRequest, "base and quote are the same denom")
	}
	means, err := k.meanLogValues(ctx, pool, start, end)
	if err != nil {
		return types.TwapPrice{}, err
	}
	return twapFromMeans(means, base, quote, start)
}

// twapFromMeans is exp(q̄_quote − q̄_base).
func twapFromMeans(means map[string]sdkmath.LegacyDec, base, quote string, start time.Time) (types.TwapPrice, error) {
	qb, okB := means[base]
	qq, okQ := means[quote]
	if !okB || !okQ {
		return types.TwapPrice{}, errorsmod.Wrapf(types.ErrOracleNoData, "%s/%s has no price history back to %s (an asset joined the pool later)",
			base, quote, start.UTC().Format(time.RFC3339))
	}
	logPrice := qq.Sub(qb)
	price, err := poolmath.ExpDec(logPrice)
	if err != nil {
		return types.TwapPrice{}, err
	}
	dec, err := price.LegacyDecDown()
	if err != nil {
		return types.TwapPrice{}, err
	}
	return types.TwapPrice{BaseAssetDenom: base, QuoteAssetDenom: quote, Price: dec, LogPrice: logPrice}, nil
}

// resolveWindow turns a query's window into [start, end]: end defaults to
// now, start to end − window.
func resolveWindow(now time.Time, window *time.Duration, start, end *time.Time) (time.Time, time.Time, error) {
	e := now
	if end != nil {
		e = *end
	}
	if e.After(now) {
		return time.Time{}, time.Time{}, errorsmod.Wrapf(types.ErrInvalidRequest, "end %s is after the latest block time %s", e.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	var s time.Time
	switch {
	case start != nil && window != nil:
		return time.Time{}, time.Time{}, errorsmod.Wrap(types.ErrInvalidRequest, "give a window or a start, not both")
	case start != nil:
		s = *start
	case window != nil && *window > 0:
		s = e.Add(-*window)
	default:
		return time.Time{}, time.Time{}, errorsmod.Wrap(types.ErrInvalidRequest, "give a positive window (e.g. 30m) or a start time")
	}
	if !s.Before(e) {
		return time.Time{}, time.Time{}, errorsmod.Wrapf(types.ErrInvalidRequest, "start %s is not before end %s", s.UTC().Format(time.RFC3339), e.UTC().Format(time.RFC3339))
	}
	return s, e, nil
}

// isNoData reports whether err says the oracle lacks the window.
func isNoData(err error) bool { return errors.Is(err, types.ErrOracleNoData) }
