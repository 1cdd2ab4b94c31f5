package risk

import (
	"sort"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// oracleHistory stands in for the chain's observation ring, kept in
// memory: an observation is written when the pool is stored at least
// oracle_observation_interval after the last one, carrying the pool's
// accumulators, the realized-variance accumulator and the segment the
// pool was brought over. Readers compute from the pool as stored before
// the block, as the keeper's fee state and circuit breakers do, so the
// simulator's fees and refusals are the chain's.
type oracleHistory struct {
	interval time.Duration
	obs      []types.OracleObservation // oldest first; the layout never changes
}

func newOracleHistory(c *compiled, pool types.Pool) *oracleHistory {
	h := &oracleHistory{interval: c.sc.Params.OracleObservationInterval}
	h.obs = append(h.obs, types.OracleObservation{Time: Start, Accumulators: pool.Oracle.Accumulators, RealizedVariance: sdkmath.LegacyZeroDec()})
	return h
}

// write records an observation of a pool being stored at t, brought there
// over seg, if one is due.
func (h *oracleHistory) write(pool types.Pool, t time.Time, seg *types.OracleSegment) {
	n := len(h.obs)
	if t.Sub(h.obs[n-1].Time) < h.interval {
		return
	}
	o := types.OracleObservation{Time: t, Accumulators: pool.Oracle.Accumulators, Segment: seg}
	var before *types.OracleObservation
	if n > 1 {
		before = &h.obs[n-2]
	}
	rv, err := types.RealizedVarianceAfter(before, h.obs[n-1], o)
	if err != nil {
		rv = types.DecOrZero(h.obs[n-1].RealizedVariance)
	}
	o.RealizedVariance = rv
	h.obs = append(h.obs, o)
}

// atOrBefore is the index of the newest observation at or before t, or −1.
func (h *oracleHistory) atOrBefore(t time.Time) int {
	return sort.Search(len(h.obs), func(i int) bool { return h.obs[i].Time.After(t) }) - 1
}

// twap are the mean log values of the stored pool over the window ending
// at now, shortened to the history; nil when there is none.
func (h *oracleHistory) twap(stored types.Pool, now time.Time, window time.Duration) []sdkmath.LegacyDec {
	from := now.Add(-window)
	if first := h.obs[0].Time; from.Before(first) {
		from = first
	}
	if !now.After(from) {
		return nil
	}
	start, end := h.accumulatorsAt(stored, from), h.accumulatorsAt(stored, now)
	if start == nil || end == nil {
		return nil
	}
	means := make([]sdkmath.LegacyDec, len(start))
	for i := range means {
		m, err := poolmath.MeanLog(start[i], end[i], int64(now.Sub(from)))
		if err != nil {
			return nil
		}
		means[i] = m
	}
	return means
}

// accumulatorsAt are the stored pool's accumulators at t: exact from its
// last update on and at an observation, exact inside a stretch an
// observation carries as a segment, interpolated linearly elsewhere.
func (h *oracleHistory) accumulatorsAt(stored types.Pool, t time.Time) []sdkmath.LegacyDec {
	o := stored.Oracle
	if !t.Before(o.LastUpdate) {
		c := stored
		if err := c.AdvanceOracle(t); err != nil {
			return nil
		}
		return c.Oracle.Accumulators
	}
	j := h.atOrBefore(t)
	if j < 0 {
		return nil
	}
	before := h.obs[j]
	if before.Time.Equal(t) {
		return before.Accumulators
	}
	after := types.OracleObservation{Time: o.LastUpdate, Accumulators: o.Accumulators}
	if j+1 < len(h.obs) {
		after = h.obs[j+1]
	}
	anchor, ok, err := after.BackOverSegment(t, before.Time)
	if err != nil {
		return nil
	}
	if ok {
		if !anchor.Time.After(t) {
			return anchor.Accumulators
		}
		after = anchor
	}
	num, den := int64(t.Sub(before.Time)), int64(after.Time.Sub(before.Time))
	if den <= 0 {
		return before.Accumulators
	}
	out := make([]sdkmath.LegacyDec, len(after.Accumulators))
	for i := range out {
		a, b := before.Accumulators[i], after.Accumulators[i]
		out[i] = a.Add(b.Sub(a).MulInt64(num).QuoInt64(den))
	}
	return out
}

// volatility is the realized daily volatility over the window, as the
// chain's volatility fee reads it: the growth of the realized-variance
// accumulator from the observation at or before the window's start (the
// oldest if the history is shorter) to the newest; zero without two.
func (h *oracleHistory) volatility(now time.Time, window time.Duration) sdkmath.LegacyDec {
	zero := sdkmath.LegacyZeroDec()
	if len(h.obs) < 2 {
		return zero
	}
	first := h.obs[0]
	if j := h.atOrBefore(now.Add(-window)); j >= 0 {
		first = h.obs[j]
	}
	newest := h.obs[len(h.obs)-1]
	elapsed, growth := newest.Time.Sub(first.Time), types.DecOrZero(newest.RealizedVariance).Sub(types.DecOrZero(first.RealizedVariance))
	if elapsed <= 0 || !growth.IsPositive() {
		return zero
	}
	v, err := poolmath.DailyVolatility(growth, elapsed)
	if err != nil {
		return zero
	}
	return v
}
