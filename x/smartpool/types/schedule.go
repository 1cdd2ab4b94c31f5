package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

const secondsPerDay = 24 * 60 * 60

// WeightsAt returns the schedule's weights at t: the start weights until
// start_time, the final weights from the curve's end, and in between weights
// whose normalized values move linearly on each segment (start to end_time,
// then waypoint to waypoint), nanosecond by nanosecond:
//
//	w_i(t) = s_i·Σg·(D−e) + g_i·Σs·e,   D = end − start, e = t − start
//
// (normalized, that is (1−e/D)·s_i/Σs + (e/D)·g_i/Σg). Every raw weight is
// linear in t, so the oracle can integrate the log prices in closed form. The
// result is only meaningful as ratios, which is all the pool math uses; every
// bound that holds at both ends holds in between.
func (s WeightSchedule) WeightsAt(t time.Time) []sdkmath.Int {
	if !t.After(s.StartTime) {
		return append([]sdkmath.Int(nil), s.StartWeights...)
	}
	// A multi-point curve is linear on each segment between waypoints.
	seg := s.segmentAt(t)
	if !t.Before(seg.EndTime) {
		return append([]sdkmath.Int(nil), seg.TargetWeights...)
	}
	// Bounded: weights ≤ MaxRawWeight (10^12), sums ≤ 8·10^12, spans ≤ a
	// year of nanoseconds (3.2·10^16), so each term stays below 2^138.
	return seg.LinearWeightsAt(t)
}

// AtTime returns a copy of the pool with the weights it has at t, for the
// pool math. Store the original, never this copy: while a schedule runs the
// stored weights are its start weights.
func (p Pool) AtTime(t time.Time) Pool {
	c := p.Clone()
	if p.WeightSchedule == nil {
		return c
	}
	for i, w := range p.WeightSchedule.WeightsAt(t) {
		c.Assets[i].Weight = w
	}
	return c
}

// FrozenWeights are the pool's weights at t as raw weights within
// MaxRawWeight, to start a new schedule from or to store when one stops.
// Scaling a running schedule's weights down changes their ratios by less
// than 1e-10, far below any price a swap could notice.
func (p Pool) FrozenWeights(t time.Time) []sdkmath.Int {
	weights := p.AtTime(t).Weights()
	total := sumInts(weights)
	if total.LTE(MaxRawWeight) {
		return weights
	}
	for i, w := range weights {
		weights[i] = sdkmath.MaxInt(w.Mul(MaxRawWeight).Quo(total), sdkmath.OneInt())
	}
	return weights
}

// ValidateSchedule checks a schedule from weights `from` to `target` over
// [start, end] against the params and the pool's exposure cap: the duration,
// every weight's bounds at both ends, and how fast any normalized weight moves.
func ValidateSchedule(params Params, pool Pool, start, end time.Time, from, target []sdkmath.Int) error {
	return ValidateCurve(params, pool, WeightSchedule{StartTime: start, EndTime: end, StartWeights: from, TargetWeights: target})
}

// ValidateCurve checks a whole curve: its duration (from start to its final
// waypoint) against the params, at most MaxWaypoints waypoints in time
// order, and every segment as ValidateSchedule checks one, so the bounds and
// the speed limit hold on each piece.
func ValidateCurve(params Params, pool Pool, s WeightSchedule) error {
	duration := s.FinalTime().Sub(s.StartTime)
	if duration < params.MinScheduleDuration || duration <= 0 {
		return errorsmod.Wrapf(ErrInvalidSchedule, "schedule lasts %s, less than the minimum %s", duration, params.MinScheduleDuration)
	}
	if duration > hardMaxDuration {
		return errorsmod.Wrapf(ErrInvalidSchedule, "schedule lasts %s, more than %s", duration, hardMaxDuration)
	}
	if len(s.Waypoints) > MaxWaypoints {
		return errorsmod.Wrapf(ErrInvalidSchedule, "%d waypoints, at most %d", len(s.Waypoints), MaxWaypoints)
	}
	for _, seg := range s.segments() {
		if err := validateSegment(params, pool, seg.StartTime, seg.EndTime, seg.StartWeights, seg.TargetWeights); err != nil {
			return err
		}
	}
	return nil
}

// validateSegment checks one linear piece of a curve.
func validateSegment(params Params, pool Pool, start, end time.Time, from, target []sdkmath.Int) error {
	if len(target) != len(pool.Assets) || len(from) != len(pool.Assets) {
		return errorsmod.Wrapf(ErrInvalidSchedule, "the pool has %d assets, the schedule %d target weights", len(pool.Assets), len(target))
	}
	duration := end.Sub(start)
	if duration <= 0 {
		return errorsmod.Wrapf(ErrInvalidSchedule, "a segment ending at %s does not come after its start %s", end, start)
	}
	for i, w := range target {
		if err := ValidateWeight(pool.Assets[i].Denom, w); err != nil {
			return errorsmod.Wrap(ErrInvalidSchedule, err.Error())
		}
	}
	// Only the target must be inside the bounds: a pool that a params change
	// left outside them (a raised min_normalized_weight, say) must still be
	// able to move back inside.
	fromNorm, err := normalizedWeights(params, pool, from, false)
	if err != nil {
		return err
	}
	targetNorm, err := normalizedWeights(params, pool, target, true)
	if err != nil {
		return err
	}
	days := sdkmath.LegacyNewDec(int64(duration)).QuoInt64(secondsPerDay * int64(time.Second))
	maxMove := params.MaxWeightChangePerDay.Mul(days)
	for i := range target {
		if move := targetNorm[i].Sub(fromNorm[i]).Abs(); move.GT(maxMove) {
			return errorsmod.Wrapf(ErrInvalidSchedule, "weight of %s moves by %s in %s, more than %s allowed by max_weight_change_per_day %s",
				pool.Assets[i].Denom, move, duration, maxMove, params.MaxWeightChangePerDay)
		}
	}
	return nil
}

// normalizedWeights returns raw weights normalized, checked against the
// minimum normalized weight and the pool's exposure cap when bounded is set.
func normalizedWeights(params Params, pool Pool, weights []sdkmath.Int, bounded bool) ([]sdkmath.LegacyDec, error) {
	total := sumInts(weights)
	norm := make([]sdkmath.LegacyDec, len(weights))
	for i, w := range weights {
		norm[i] = sdkmath.LegacyNewDecFromInt(w).QuoInt(total)
		if !bounded {
			continue
		}
		if norm[i].LT(params.MinNormalizedWeight) {
			return nil, errorsmod.Wrapf(ErrInvalidSchedule, "normalized weight of %s would be %s, below the minimum %s", pool.Assets[i].Denom, norm[i], params.MinNormalizedWeight)
		}
		if pool.hasExposureCap() && norm[i].GT(pool.MaxNormalizedWeight) {
			return nil, errorsmod.Wrapf(ErrInvalidSchedule, "normalized weight of %s would be %s, above the pool's cap %s", pool.Assets[i].Denom, norm[i], pool.MaxNormalizedWeight)
		}
	}
	return norm, nil
}

func sumInts(vs []sdkmath.Int) sdkmath.Int {
	total := sdkmath.ZeroInt()
	for _, v := range vs {
		total = total.Add(v)
	}
	return total
}

// LinearWeightsAt is the schedule's interpolation formula at t, with t held
// to [start_time, end_time]: the same ratios as WeightsAt inside the span, on
// one scale throughout, so that the weights move linearly between any two
// times in it.
func (s WeightSchedule) LinearWeightsAt(t time.Time) []sdkmath.Int {
	switch {
	case t.Before(s.StartTime):
		t = s.StartTime
	case t.After(s.EndTime):
		t = s.EndTime
	}
	sumStart, sumTarget := sumInts(s.StartWeights), sumInts(s.TargetWeights)
	remaining, elapsed := sdkmath.NewInt(int64(s.EndTime.Sub(t))), sdkmath.NewInt(int64(t.Sub(s.StartTime)))
	weights := make([]sdkmath.Int, len(s.StartWeights))
	for i := range weights {
		weights[i] = s.StartWeights[i].Mul(sumTarget).Mul(remaining).Add(s.TargetWeights[i].Mul(sumStart).Mul(elapsed))
	}
	return weights
}
