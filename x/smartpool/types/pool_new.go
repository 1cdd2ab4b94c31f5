package types

import (
	"sort"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// NewPool builds and checks the pool a create-pool message describes, as
// of now: its sorted assets, fees, breakers, control settings and weight
// schedule. The keeper then charges the fee, takes the deposits, gives the
// pool its id and oracle, and starts its strategy (StartCreationStrategy);
// the risk simulator does the same without a store.
func NewPool(params Params, msg *MsgCreatePool, now time.Time) (Pool, error) {
	assets := append([]PoolAsset(nil), msg.Assets...)
	sort.Slice(assets, func(i, j int) bool { return assets[i].Denom < assets[j].Denom })
	pool := Pool{
		ShareDenom:          ShareDenom(0),
		TotalShares:         InitialShares,
		Assets:              assets,
		SwapFee:             msg.SwapFee,
		Creator:             msg.Sender,
		CreatedAt:           now,
		Controller:          msg.Controller,
		Rights:              msg.Rights,
		Timelock:            msg.Timelock,
		ShareCap:            sdkmath.ZeroInt(),
		MaxNormalizedWeight: sdkmath.LegacyZeroDec(),
	}
	if msg.ShareCap != nil {
		pool.ShareCap = *msg.ShareCap
	}
	if msg.MaxNormalizedWeight != nil {
		pool.MaxNormalizedWeight = *msg.MaxNormalizedWeight
	}
	if msg.Breakers != nil {
		if err := msg.Breakers.ValidateAgainst(params); err != nil {
			return Pool{}, err
		}
		b := *msg.Breakers
		pool.Breakers = &b
	}
	if msg.FeePolicy != nil {
		if err := msg.FeePolicy.ValidateAgainst(params); err != nil {
			return Pool{}, err
		}
		pool.FeePolicy = msg.FeePolicy.Clone()
	}
	if msg.ManagementFee != nil {
		if err := msg.ManagementFee.ValidateAgainst(params); err != nil {
			return Pool{}, err
		}
		pool.ManagementFee = ManagementFeeFrom(msg.ManagementFee, pool.CreatedAt)
	}
	for i := range pool.Assets {
		pool.Assets[i].FeesLp, pool.Assets[i].FeesProtocol = sdkmath.ZeroInt(), nil
	}
	if err := pool.ValidateAgainstParams(params); err != nil {
		return Pool{}, err
	}
	if err := pool.ValidateControl(params.MinTimelock); err != nil {
		return Pool{}, err
	}
	if pool.HasShareCap() && pool.TotalShares.GT(pool.ShareCap) {
		return Pool{}, errorsmod.Wrapf(ErrShareCap, "the initial %s shares exceed the cap %s", pool.TotalShares, pool.ShareCap)
	}
	if msg.WeightSchedule != nil {
		// Target weights come in the order of msg.Assets; the pool sorts its assets.
		targets, err := targetsInPoolOrder(msg.Assets, assets, msg.WeightSchedule.TargetWeights)
		if err != nil {
			return Pool{}, err
		}
		schedule := *msg.WeightSchedule
		schedule.TargetWeights = targets
		schedule.Waypoints = make([]Waypoint, len(msg.WeightSchedule.Waypoints))
		for i, w := range msg.WeightSchedule.Waypoints {
			weights, err := targetsInPoolOrder(msg.Assets, assets, w.Weights)
			if err != nil {
				return Pool{}, err
			}
			schedule.Waypoints[i] = Waypoint{Time: w.Time, Weights: weights}
		}
		if err := pool.StartSchedule(params, schedule, pool.CreatedAt); err != nil {
			return Pool{}, err
		}
	}
	return pool, nil
}

// StartCreationStrategy starts the strategy of a create-pool message on the
// new pool, whose oracle must have started: per-asset values in the
// message's asset order go into the pool's.
func (p *Pool) StartCreationStrategy(params Params, msg *MsgCreatePool) error {
	if msg.Strategy == nil {
		return nil
	}
	strategy := *msg.Strategy
	if f := strategy.Floor; f != nil { // base weights come in the order of msg.Assets
		floor := *f
		weights, err := targetsInPoolOrder(msg.Assets, p.Assets, f.BaseWeights)
		if err != nil {
			return err
		}
		floor.BaseWeights = weights
		strategy.Floor = &floor
	}
	if n := len(strategy.Kappas); n > 0 { // so do per-asset step sizes
		if n != len(msg.Assets) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "%d assets but %d kappas", len(msg.Assets), n)
		}
		strategy.Kappas = InPoolOrder(msg.Assets, p.Assets, strategy.Kappas)
	}
	return p.StartStrategy(params, &strategy, p.CreatedAt)
}

// StartSchedule puts a schedule on the pool that starts from the weights the
// pool has at now, so a new schedule never makes the weights jump. The
// schedule starts at its start time or now, whichever is later. An
// exponential first leg becomes waypoints; given waypoints follow it.
func (p *Pool) StartSchedule(params Params, change WeightScheduleChange, now time.Time) error {
	start := change.StartTime
	if start.Before(now) {
		start = now
	}
	if !change.EndTime.After(start) {
		return errorsmod.Wrapf(ErrInvalidSchedule, "the schedule would end at %s, before it starts at %s", change.EndTime, start)
	}
	from := p.FrozenWeights(now)
	s := &WeightSchedule{
		StartTime:     start,
		EndTime:       change.EndTime,
		StartWeights:  from,
		TargetWeights: append(change.TargetWeights[:0:0], change.TargetWeights...),
	}
	if change.HalfLife > 0 {
		points, err := ExponentialWaypoints(start, change.EndTime, from, change.TargetWeights, change.HalfLife)
		if err != nil {
			return err
		}
		s.EndTime, s.TargetWeights, s.Waypoints = points[0].Time, points[0].Weights, points[1:]
	}
	for _, w := range change.Waypoints {
		s.Waypoints = append(s.Waypoints, Waypoint{Time: w.Time, Weights: append(w.Weights[:0:0], w.Weights...)})
	}
	if err := ValidateCurve(params, *p, *s); err != nil {
		return err
	}
	for i := range p.Assets {
		p.Assets[i].Weight = from[i]
	}
	p.WeightSchedule = s
	return nil
}

// Clone copies a fee policy so the pool never shares it with a message.
func (p *FeePolicy) Clone() *FeePolicy {
	if p.IsFixed() { // no part set: the fixed fee, stored as no policy
		return nil
	}
	c := *p
	c.Tiers = append([]FeeTier(nil), p.Tiers...)
	if p.Volatility != nil {
		v := *p.Volatility
		c.Volatility = &v
	}
	if p.Direction != nil {
		d := *p.Direction
		c.Direction = &d
	}
	return &c
}

// targetsInPoolOrder reorders weights given in the order of msgAssets into
// the order of the pool's sorted assets.
func targetsInPoolOrder(msgAssets, sorted []PoolAsset, weights []sdkmath.Int) ([]sdkmath.Int, error) {
	if len(weights) != len(msgAssets) {
		return nil, errorsmod.Wrapf(ErrInvalidSchedule, "%d assets but %d target weights", len(msgAssets), len(weights))
	}
	return InPoolOrder(msgAssets, sorted, weights), nil
}

// InPoolOrder reorders per-asset values given in the order of msgAssets
// (as many) into the pool's sorted order.
func InPoolOrder[T any](msgAssets, sorted []PoolAsset, values []T) []T {
	byDenom := make(map[string]T, len(values))
	for i, a := range msgAssets {
		byDenom[a.Denom] = values[i]
	}
	out := make([]T, len(sorted))
	for i, a := range sorted {
		out[i] = byDenom[a.Denom]
	}
	return out
}
