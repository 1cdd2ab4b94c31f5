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
	obs      []observation
}

type observation struct {
	t   time.Time
	acc []sdkmath.LegacyDec
	rv  sdkmath.LegacyDec
	seg *types.OracleSegment // the pool over the stretch that ended at t
}

func newOracleHistory(c *compiled, pool types.Pool) *oracleHistory {
	h := &oracleHistory{interval: c.sc.Params.OracleObservationInterval}
	h.obs = append(h.obs, observation{t: Start, acc: pool.Oracle.Accumulators, rv: sdkmath.LegacyZeroDec()})
	return h
}

// write records an observation of a pool being stored at t, brought there
// over seg, if one is due.
func (h *oracleHistory) write(pool types.Pool, t time.Time, seg *types.OracleSegment) {
	n := len(h.obs)
	if t.Sub(h.obs[n-1].t) < h.interval {
		return
	}
	o := observation{t: t, acc: pool.Oracle.Accumulators, rv: h.obs[n-1].rv, seg: seg}
	if n > 1 {
		prev, ok1 := intervalMeans(h.obs[n-2], h.obs[n-1])
		cur, ok2 := intervalMeans(h.obs[n-1], o)
		if ok1 && ok2 {
			if step, err := poolmath.PairVarianceStep(prev, cur); err == nil {
				o.rv = o.rv.Add(step)
			}
		}
	}
	h.obs = append(h.obs, o)
}

// atOrBefore is the index of the newest observation at or before t, or −1.
func (h *oracleHistory) atOrBefore(t time.Time) int {
	return sort.Search(len(h.obs), func(i int) bool { return h.obs[i].t.After(t) }) - 1
}

// twap are the mean log values of the stored pool over the window ending
// at now, shortened to the history; nil when there is none.
func (h *oracleHistory) twap(stored types.Pool, now time.Time, window time.Duration) []sdkmath.LegacyDec {
	from := now.Add(-window)
	if first := h.obs[0].t; from.Before(first) {
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
	if before.t.Equal(t) {
		return before.acc
	}
	after := observation{t: o.LastUpdate, acc: o.Accumulators}
	if j+1 < len(h.obs) {
		after = h.obs[j+1]
	}
	if seg := after.seg; seg != nil && len(seg.Balances) == len(after.acc) && !seg.Start.Before(before.t) {
		from := seg.Start
		if t.After(from) {
			from = t
		}
		integral, err := seg.Integral(from, after.t)
		if err != nil {
			return nil
		}
		anchor := observation{t: from, acc: make([]sdkmath.LegacyDec, len(integral))}
		for i := range integral {
			anchor.acc[i] = after.acc[i].Sub(integral[i])
		}
		if !from.After(t) {
			return anchor.acc
		}
		after = anchor
	}
	num, den := int64(t.Sub(before.t)), int64(after.t.Sub(before.t))
	if den <= 0 {
		return before.acc
	}
	out := make([]sdkmath.LegacyDec, len(after.acc))
	for i := range out {
		a, b := before.acc[i], after.acc[i]
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
	elapsed, growth := newest.t.Sub(first.t), newest.rv.Sub(first.rv)
	if elapsed <= 0 || !growth.IsPositive() {
		return zero
	}
	v, err := poolmath.DailyVolatility(growth, elapsed)
	if err != nil {
		return zero
	}
	return v
}

func intervalMeans(from, to observation) ([]sdkmath.LegacyDec, bool) {
	dt := int64(to.t.Sub(from.t))
	if dt <= 0 || len(from.acc) != len(to.acc) || len(to.acc) < 2 {
		return nil, false
	}
	means := make([]sdkmath.LegacyDec, len(to.acc))
	for i := range means {
		m, err := poolmath.MeanLog(from.acc[i], to.acc[i], dt)
		if err != nil {
			return nil, false
		}
		means[i] = m
	}
	return means, true
}
