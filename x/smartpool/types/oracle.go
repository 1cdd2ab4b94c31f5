package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// NewPoolOracle is the oracle of a pool created at now: zero accumulators for
// its assets, layout 1, an empty ring of the params' size.
func NewPoolOracle(now time.Time, assets int, params Params) PoolOracle {
	acc := make([]sdkmath.LegacyDec, assets)
	for i := range acc {
		acc[i] = sdkmath.LegacyZeroDec()
	}
	return PoolOracle{
		LastUpdate:          now,
		Accumulators:        acc,
		Layout:              1,
		RingSize:            params.OracleRingSize(),
		ObservationInterval: params.OracleObservationInterval,
	}
}

// weightPiece is a stretch of time over which every raw weight moves linearly
// (or not at all) from `from` to `to`.
type weightPiece struct {
	start, end time.Time
	from, to   []sdkmath.Int
}

// weightPieces splits [start, end] where the pool's weight path changes form:
// constant before a schedule, linear on each segment of its curve, constant
// after it.
func (p Pool) weightPieces(start, end time.Time) []weightPiece {
	s := p.WeightSchedule
	if s == nil {
		w := p.Weights()
		return []weightPiece{{start, end, w, w}}
	}
	var pieces []weightPiece
	if start.Before(s.StartTime) {
		stop := minTime(end, s.StartTime)
		pieces = append(pieces, weightPiece{start, stop, s.StartWeights, s.StartWeights})
	}
	// One linear piece per segment of the curve the span crosses.
	for _, seg := range s.segments() {
		if from, to := maxTime(start, seg.StartTime), minTime(end, seg.EndTime); from.Before(to) {
			pieces = append(pieces, weightPiece{from, to, seg.LinearWeightsAt(from), seg.LinearWeightsAt(to)})
		}
	}
	if final := s.FinalTime(); end.After(final) {
		from := maxTime(start, final)
		pieces = append(pieces, weightPiece{from, end, s.FinalWeights(), s.FinalWeights()})
	}
	return pieces
}

// AdvanceOracle integrates the pool's log values from the oracle's last
// update to now, with the pool as it is: its balances, and the weights its
// schedule gives at every instant in between (in closed form, so a running
// schedule's price drift is counted without any trade). Call it on the pool
// as stored, before an operation changes it: every operation of a block then
// sees the accumulators as the previous block left them, and nothing done
// within a block can move them.
func (p *Pool) AdvanceOracle(now time.Time) error {
	o := &p.Oracle
	if !now.After(o.LastUpdate) {
		return nil
	}
	if len(o.Accumulators) != len(p.Assets) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has %d oracle accumulators for %d assets", p.Id, len(o.Accumulators), len(p.Assets))
	}
	acc := append([]sdkmath.LegacyDec(nil), o.Accumulators...)
	balances := p.Balances()
	for _, piece := range p.weightPieces(o.LastUpdate, now) {
		integrals, err := poolmath.LogValueIntegrals(int64(piece.end.Sub(piece.start)), balances, piece.from, piece.to)
		if err != nil {
			return errorsmod.Wrapf(err, "pool %d oracle", p.Id)
		}
		// Bounded: |q_i| < 300 (balances < 2^256, weights < 2^141), so an
		// accumulator grows by less than 300 per second: 10^12 after a
		// thousand years, against LegacyDec's limit near 10^59.
		for i := range acc {
			acc[i] = acc[i].Add(integrals[i])
		}
	}
	o.Accumulators, o.LastUpdate = acc, now
	return nil
}

// LogValues are the pool's log values q_i = ln(B_i / ŵ_i) now, with the
// weights it has at t.
func (p Pool) LogValues(t time.Time) ([]sdkmath.LegacyDec, error) {
	return poolmath.LogValues(p.Balances(), p.AtTime(t).Weights())
}

// ValidateOracle checks the oracle's shape against the pool.
func (p Pool) ValidateOracle() error {
	o := p.Oracle
	if len(o.Accumulators) != len(p.Assets) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has %d oracle accumulators for %d assets", p.Id, len(o.Accumulators), len(p.Assets))
	}
	for _, a := range o.Accumulators {
		if a.IsNil() {
			return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has an unset oracle accumulator", p.Id)
		}
	}
	if o.Layout == 0 || o.RingSize == 0 || o.RingSize > MaxOracleRingSize || o.RingNext >= o.RingSize || o.RingCount > o.RingSize ||
		(o.RingCount < o.RingSize && o.RingNext != o.RingCount) || o.RingTarget >= o.RingSize && o.RingTarget != 0 {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has a malformed oracle ring", p.Id)
	}
	if o.Segment != nil {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d stores a transient oracle segment", p.Id)
	}
	if o.ObservationInterval < time.Second || o.ObservationInterval > time.Hour {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has an oracle interval outside [1s, 1h]", p.Id)
	}
	if p.Breakers != nil {
		if err := p.Breakers.Validate(); err != nil {
			return err
		}
	}
	if b := p.BlockStart; b != nil && (len(b.Balances) != len(p.Assets) || len(b.TwapLogValues) > len(p.Assets) || b.TotalShares.IsNil()) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has a malformed block start", p.Id)
	}
	return nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// OracleSegment records the pool as it stands, from its oracle's last update
// on, so that an observation can carry the exact price path of an idle stretch.
func (p Pool) OracleSegment() *OracleSegment {
	s := &OracleSegment{Start: p.Oracle.LastUpdate, Balances: p.Balances(), Weights: p.Weights()}
	if ws := p.WeightSchedule; ws != nil {
		s.Weights = append([]sdkmath.Int(nil), ws.StartWeights...)
		start, end := ws.StartTime, ws.EndTime
		s.ScheduleStart, s.ScheduleEnd = &start, &end
		s.TargetWeights = append([]sdkmath.Int(nil), ws.TargetWeights...)
		s.Waypoints = append([]Waypoint(nil), ws.Waypoints...)
	}
	return s
}

// Integral is, per asset, the integral of the segment's log values over
// [from, to], in ln·seconds.
func (s OracleSegment) Integral(from, to time.Time) ([]sdkmath.LegacyDec, error) {
	scheduled := len(s.TargetWeights) > 0
	if len(s.Weights) != len(s.Balances) || (scheduled && (len(s.TargetWeights) != len(s.Balances) || s.ScheduleStart == nil || s.ScheduleEnd == nil)) {
		return nil, errorsmod.Wrap(ErrInvalidPoolState, "malformed oracle segment")
	}
	p := Pool{Oracle: NewPoolOracle(from, len(s.Balances), Params{})}
	for i, b := range s.Balances {
		p.Assets = append(p.Assets, PoolAsset{Balance: b, Weight: s.Weights[i]})
	}
	if scheduled {
		p.WeightSchedule = &WeightSchedule{StartTime: *s.ScheduleStart, EndTime: *s.ScheduleEnd, StartWeights: s.Weights, TargetWeights: s.TargetWeights, Waypoints: s.Waypoints}
	}
	if err := p.AdvanceOracle(to); err != nil {
		return nil, err
	}
	return p.Oracle.Accumulators, nil
}

// BackOverSegment moves observation o back over the segment it carries, to
// t or to the segment's start, whichever is later: exact, the observation's
// values less the segment's integral. ok is false when o carries no usable
// segment that starts at or after notBefore (the observation before it).
func (o OracleObservation) BackOverSegment(t, notBefore time.Time) (OracleObservation, bool, error) {
	seg := o.Segment
	if seg == nil || len(seg.Balances) != len(o.Accumulators) || seg.Start.Before(notBefore) {
		return OracleObservation{}, false, nil
	}
	from := seg.Start
	if t.After(from) {
		from = t
	}
	integral, err := seg.Integral(from, o.Time)
	if err != nil {
		return OracleObservation{}, false, err
	}
	anchor := OracleObservation{Time: from, Layout: o.Layout, Accumulators: make([]sdkmath.LegacyDec, len(integral))}
	for i := range integral {
		anchor.Accumulators[i] = o.Accumulators[i].Sub(integral[i])
	}
	return anchor, true, nil
}
