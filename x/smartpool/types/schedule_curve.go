package types

import (
	"math/big"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// MaxWaypoints bounds a curve's waypoints after its first segment, so a
// pool record and every walk of its curve stay small.
const MaxWaypoints = 64

// curveTolerance is how far (in normalized weight) an exponential curve's
// waypoints may let the linear path stray from the exponential: the issue's
// 1e-4, halved to leave room for rounding.
var curveTolerance = sdkmath.LegacyNewDecWithPrec(5, 5)

// segmentAt is the linear piece of the curve that holds t: the first segment
// up to end_time, then one per waypoint; past the last waypoint, the last.
func (s WeightSchedule) segmentAt(t time.Time) WeightSchedule {
	if !t.After(s.EndTime) || len(s.Waypoints) == 0 {
		return s
	}
	from, fromTime := s.TargetWeights, s.EndTime
	for i, w := range s.Waypoints {
		if !t.After(w.Time) || i == len(s.Waypoints)-1 {
			return WeightSchedule{StartTime: fromTime, EndTime: w.Time, StartWeights: from, TargetWeights: w.Weights}
		}
		from, fromTime = w.Weights, w.Time
	}
	return s // unreachable: the loop returns at the last waypoint
}

// FinalTime is when the curve reaches its last weights.
func (s WeightSchedule) FinalTime() time.Time {
	if n := len(s.Waypoints); n > 0 {
		return s.Waypoints[n-1].Time
	}
	return s.EndTime
}

// FinalWeights are the weights the curve ends at.
func (s WeightSchedule) FinalWeights() []sdkmath.Int {
	if n := len(s.Waypoints); n > 0 {
		return s.Waypoints[n-1].Weights
	}
	return s.TargetWeights
}

// segments are the curve's linear pieces in time order.
func (s WeightSchedule) segments() []WeightSchedule {
	out := []WeightSchedule{{StartTime: s.StartTime, EndTime: s.EndTime, StartWeights: s.StartWeights, TargetWeights: s.TargetWeights}}
	from, fromTime := s.TargetWeights, s.EndTime
	for _, w := range s.Waypoints {
		out = append(out, WeightSchedule{StartTime: fromTime, EndTime: w.Time, StartWeights: from, TargetWeights: w.Weights})
		from, fromTime = w.Weights, w.Time
	}
	return out
}

// Advance moves a schedule whose first segment has ended on to its next
// one; false when it has none. The curve, and so every weight at every
// time, stays the same.
func (s *WeightSchedule) Advance() bool {
	if len(s.Waypoints) == 0 {
		return false
	}
	next := s.Waypoints[0]
	s.StartTime, s.StartWeights = s.EndTime, s.TargetWeights
	s.EndTime, s.TargetWeights = next.Time, next.Weights
	s.Waypoints = s.Waypoints[1:]
	return true
}

// validateCurveShape checks a stored curve without params: lengths, weights,
// strictly later waypoints and the whole curve within a year.
func (s WeightSchedule) validateCurveShape(pool Pool) error {
	if len(s.Waypoints) > MaxWaypoints {
		return errorsmod.Wrapf(ErrInvalidPoolState, "schedule has %d waypoints, at most %d", len(s.Waypoints), MaxWaypoints)
	}
	prev := s.EndTime
	for i, w := range s.Waypoints {
		if !w.Time.After(prev) || len(w.Weights) != len(pool.Assets) {
			return errorsmod.Wrapf(ErrInvalidPoolState, "schedule waypoint %d is malformed or out of order", i)
		}
		for j, weight := range w.Weights {
			if err := ValidateWeight(pool.Assets[j].Denom, weight); err != nil {
				return err
			}
		}
		prev = w.Time
	}
	if s.FinalTime().Sub(s.StartTime) > hardMaxDuration {
		return errorsmod.Wrapf(ErrInvalidPoolState, "schedule runs %s, more than %s", s.FinalTime().Sub(s.StartTime), hardMaxDuration)
	}
	return nil
}

// ExponentialWaypoints realizes the exponential approach from weights from
// to weights target over [start, end] with the given half-life,
//
//	n(τ) = g + (s − g)·(2^(−τ/h) − 2^(−D/h)) / (1 − 2^(−D/h)),   D = end − start,
//
// (normalized weights s and g; exactly s at start and g at end) as waypoints
// the linear path between which strays from n by less than 5·10^-5: a chord
// of a convex curve over a span L misses it by at most L²·max|n”|/8, and
// |n”| falls along the curve, so each span is the longest its start allows.
// The last waypoint is (end, target). Deterministic: fixed point throughout.
func ExponentialWaypoints(start, end time.Time, from, target []sdkmath.Int, halfLife time.Duration) ([]Waypoint, error) {
	d := end.Sub(start)
	if halfLife <= 0 || d <= 0 || len(from) != len(target) {
		return nil, errorsmod.Wrap(ErrInvalidSchedule, "an exponential curve needs a positive half-life and duration")
	}
	s, g := normalize(from), normalize(target)
	spread := poolmath.FixedFromInt(sdkmath.ZeroInt()) // max |s_i − g_i|
	for i := range s {
		diff := s[i].Sub(g[i])
		if diff.Sign() < 0 {
			diff = poolmath.FixedFromInt(sdkmath.ZeroInt()).Sub(diff)
		}
		if diff.GT(spread) {
			spread = diff
		}
	}
	half := poolmath.FixedRatio(sdkmath.OneInt(), sdkmath.NewInt(2))
	decay := func(t time.Duration) (poolmath.Fixed, error) { // 2^(−t/h)
		return poolmath.PowDown(half, poolmath.FixedRatio(sdkmath.NewInt(int64(t)), sdkmath.NewInt(int64(halfLife))))
	}
	tail, err := decay(d)
	if err != nil {
		return nil, errorsmod.Wrap(ErrInvalidSchedule, err.Error())
	}
	norm := poolmath.One().Sub(tail)
	if norm.Sign() <= 0 {
		return nil, errorsmod.Wrap(ErrInvalidSchedule, "the curve is too long for its half-life")
	}
	ln2 := poolmath.FixedFromDec(sdkmath.LegacyMustNewDecFromStr("0.693147180559945309"))
	// n''(τ) in units of h⁻² = spread·ln2²·2^(−τ/h)/norm; the span (in h)
	// whose chord error is the tolerance is √(8·tol/n'').
	eightTol := poolmath.FixedFromDec(curveTolerance).MulInt(sdkmath.NewInt(8))
	var points []Waypoint
	tau := time.Duration(0)
	for tau < d {
		if len(points) > MaxWaypoints {
			return nil, errorsmod.Wrapf(ErrInvalidSchedule, "the curve needs more than %d waypoints: lengthen the half-life or shorten the curve", MaxWaypoints+1)
		}
		step := d - tau
		if spread.Sign() > 0 {
			at, err := decay(tau)
			if err != nil {
				return nil, errorsmod.Wrap(ErrInvalidSchedule, err.Error())
			}
			curvature := spread.MulDown(ln2).MulDown(ln2).MulDown(at).QuoUp(norm)
			if curvature.Sign() > 0 {
				span := fixedSqrt(eightTol.QuoDown(curvature)) // in half-lives
				if ns := span.MulInt(sdkmath.NewInt(int64(halfLife))); ns.LT(poolmath.FixedFromInt(sdkmath.NewInt(int64(step)))) {
					n, err := ns.FloorInt()
					if err != nil {
						return nil, errorsmod.Wrap(ErrInvalidSchedule, err.Error())
					}
					step = time.Duration(n.Int64())
					if step < time.Second {
						step = time.Second
					}
				}
			}
		}
		tau += step
		if tau >= d {
			points = append(points, Waypoint{Time: end, Weights: append([]sdkmath.Int(nil), target...)})
			break
		}
		at, err := decay(tau)
		if err != nil {
			return nil, errorsmod.Wrap(ErrInvalidSchedule, err.Error())
		}
		e := at.Sub(tail).QuoDown(norm) // share of the way still to go
		weights := make([]sdkmath.Int, len(s))
		for i := range s {
			n := g[i].Add(s[i].Sub(g[i]).MulDown(e))
			raw, err := n.MulInt(MaxRawWeight).FloorInt()
			if err != nil {
				return nil, errorsmod.Wrap(ErrInvalidSchedule, err.Error())
			}
			weights[i] = sdkmath.MaxInt(raw, sdkmath.OneInt())
		}
		points = append(points, Waypoint{Time: start.Add(tau), Weights: weights})
	}
	if len(points) > MaxWaypoints+1 {
		return nil, errorsmod.Wrapf(ErrInvalidSchedule, "the curve needs more than %d waypoints: lengthen the half-life or shorten the curve", MaxWaypoints+1)
	}
	return points, nil
}

// normalize is weights / Σ weights in fixed point.
func normalize(weights []sdkmath.Int) []poolmath.Fixed {
	total := sumInts(weights)
	out := make([]poolmath.Fixed, len(weights))
	for i, w := range weights {
		out[i] = poolmath.FixedRatio(w, total)
	}
	return out
}

// fixedSqrt is √x rounded down, for x ≥ 0.
func fixedSqrt(x poolmath.Fixed) poolmath.Fixed {
	if x.Sign() <= 0 {
		return poolmath.FixedFromInt(sdkmath.ZeroInt())
	}
	// raw(√x) = √(raw(x)·one): both scaled by one = 10^Precision.
	scaled := new(big.Int).Mul(x.BigInt(), poolmath.One().BigInt())
	return poolmath.FixedFromRaw(scaled.Sqrt(scaled))
}

// EndScheduleSegment is what the end-block step does when the running
// schedule's segment has ended: a curve moves on to its next segment (no
// weight changes at any time: the stored start weights become the
// waypoint's), else the target weights are stored and the schedule ends.
// It reports whether the schedule ended.
func (p *Pool) EndScheduleSegment() (bool, error) {
	s := p.WeightSchedule
	if len(s.TargetWeights) != len(p.Assets) {
		return false, errorsmod.Wrapf(ErrInvalidPoolState, "pool %d: schedule has %d target weights for %d assets", p.Id, len(s.TargetWeights), len(p.Assets))
	}
	if next := *s; next.Advance() {
		p.WeightSchedule = &next
		return false, nil
	}
	for i := range p.Assets {
		if err := ValidateWeight(p.Assets[i].Denom, s.TargetWeights[i]); err != nil {
			return false, err
		}
	}
	for i := range p.Assets {
		p.Assets[i].Weight = s.TargetWeights[i]
	}
	p.WeightSchedule = nil
	return true, nil
}
