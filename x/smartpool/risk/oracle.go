package risk

import (
	"sort"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// oracleHistory is the in-memory stand-in for the chain's observation ring:
// the pool's oracle accumulators at each observation (at most one per
// oracle_observation_interval), with the realized-variance accumulator the
// volatility fee reads. The accumulators themselves are the pool's own,
// advanced by the chain's code.
type oracleHistory struct {
	interval time.Duration
	obs      []observation
}

type observation struct {
	t   time.Time
	acc []sdkmath.LegacyDec
	rv  sdkmath.LegacyDec
}

func newOracleHistory(c *compiled, pool types.Pool) *oracleHistory {
	h := &oracleHistory{interval: c.sc.Params.OracleObservationInterval}
	h.observe(pool, Start)
	return h
}

// observe records the pool's accumulators at t when an observation is due.
func (h *oracleHistory) observe(pool types.Pool, t time.Time) {
	if n := len(h.obs); n > 0 && t.Sub(h.obs[n-1].t) < h.interval {
		return
	}
	o := observation{t: t, acc: append([]sdkmath.LegacyDec(nil), pool.Oracle.Accumulators...), rv: sdkmath.LegacyZeroDec()}
	if n := len(h.obs); n > 0 {
		o.rv = h.obs[n-1].rv
		if n > 1 {
			prev, ok1 := intervalMeans(h.obs[n-2], h.obs[n-1])
			cur, ok2 := intervalMeans(h.obs[n-1], o)
			if ok1 && ok2 {
				if step, err := poolmath.PairVarianceStep(prev, cur); err == nil {
					o.rv = o.rv.Add(step)
				}
			}
		}
	}
	h.obs = append(h.obs, o)
}

// atOrBefore is the newest observation at or before t, else the oldest.
func (h *oracleHistory) atOrBefore(t time.Time) observation {
	i := sort.Search(len(h.obs), func(i int) bool { return h.obs[i].t.After(t) })
	if i == 0 {
		return h.obs[0]
	}
	return h.obs[i-1]
}

// twap are the pool's mean log values over the window ending at now (the
// pool's accumulators are at now), shortened to the history; nil when
// there is none yet.
func (h *oracleHistory) twap(pool types.Pool, now time.Time, window time.Duration) []sdkmath.LegacyDec {
	from := h.atOrBefore(now.Add(-window))
	dt := int64(now.Sub(from.t))
	if dt <= 0 || len(from.acc) != len(pool.Oracle.Accumulators) {
		return nil
	}
	means := make([]sdkmath.LegacyDec, len(from.acc))
	for i := range means {
		m, err := poolmath.MeanLog(from.acc[i], pool.Oracle.Accumulators[i], dt)
		if err != nil {
			return nil
		}
		means[i] = m
	}
	return means
}

// volatility is the realized daily volatility over the window, as the
// chain's volatility fee reads it; zero without two observations.
func (h *oracleHistory) volatility(now time.Time, window time.Duration) sdkmath.LegacyDec {
	zero := sdkmath.LegacyZeroDec()
	if len(h.obs) < 2 {
		return zero
	}
	newest, first := h.obs[len(h.obs)-1], h.atOrBefore(now.Add(-window))
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
