package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// A rule-driven pool keeps its raw weights on a grid: they sum to exactly
// StrategyWeightUnit, so a raw weight is its normalized weight in units of
// 10^-12, and the rails (rounded inward onto the grid) hold exactly.
var StrategyWeightUnit = MaxRawWeight

// MaxStrategyInterval bounds a strategy's update interval.
const MaxStrategyInterval = 30 * 24 * time.Hour

// Strategy statuses other than a reason to hold.
const (
	StrategyStatusOK     = "ok"
	StrategyStatusPaused = "paused"
)

// ValidateBasic checks what can be checked without the pool or params.
func (s *WeightStrategy) ValidateBasic() error {
	if s == nil {
		return errorsmod.Wrap(ErrInvalidStrategy, "no strategy")
	}
	if s.Interval <= 0 || s.Interval > MaxStrategyInterval {
		return errorsmod.Wrapf(ErrInvalidStrategy, "interval %s is outside (0, %s]", s.Interval, MaxStrategyInterval)
	}
	one := sdkmath.LegacyOneDec()
	if s.Memory.IsNil() || s.Memory.IsNegative() || s.Memory.GTE(one) {
		return errorsmod.Wrapf(ErrInvalidStrategy, "memory %v is outside [0, 1)", s.Memory)
	}
	needKappa := false
	switch s.Kind {
	case RULE_KIND_MOMENTUM, RULE_KIND_ANTI_MOMENTUM:
		needKappa = true
	case RULE_KIND_POWER_CHANNEL:
		needKappa = true
		if s.Exponent == nil || s.Exponent.IsNil() || s.Exponent.LTE(one) || s.Exponent.GT(sdkmath.LegacyNewDec(poolmath.MaxPowerExponent)) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "power channel exponent %v is outside (1, %d]", s.Exponent, poolmath.MaxPowerExponent)
		}
	case RULE_KIND_MIN_VARIANCE:
		if s.Blend == nil || s.Blend.IsNil() || s.Blend.IsNegative() || s.Blend.GT(one) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "minimum variance blend %v is outside [0, 1]", s.Blend)
		}
	case RULE_KIND_FLOOR:
		if err := s.Floor.validateBasic(); err != nil {
			return err
		}
		if s.Numeraire == "" {
			return errorsmod.Wrap(ErrInvalidStrategy, "the floor rule needs its safe asset as numeraire")
		}
	default:
		return errorsmod.Wrapf(ErrInvalidStrategy, "unknown rule kind %d", s.Kind)
	}
	if err := s.validateKappas(needKappa); err != nil {
		return err
	}
	if s.Kind != RULE_KIND_FLOOR && s.Floor != nil {
		return errorsmod.Wrap(ErrInvalidStrategy, "floor parameters belong to the floor rule only")
	}
	return s.Rails.validateBasic()
}

// validateKappas checks the step sizes: for the momentum-type rules a
// scalar kappa or per-asset kappas (not both), each in [0, MaxStrategyKappa];
// for the others neither.
func (s *WeightStrategy) validateKappas(need bool) error {
	if !need {
		if s.Kappa != nil || len(s.Kappas) > 0 {
			return errorsmod.Wrap(ErrInvalidStrategy, "step sizes belong to momentum, anti_momentum and power_channel")
		}
		return nil
	}
	if (s.Kappa == nil) == (len(s.Kappas) == 0) {
		return errorsmod.Wrap(ErrInvalidStrategy, "give kappa, or kappas per asset (not both)")
	}
	ks := s.Kappas
	if s.Kappa != nil {
		ks = []sdkmath.LegacyDec{*s.Kappa}
	}
	if len(ks) > poolmath.MaxStrategyAssets {
		return errorsmod.Wrapf(ErrInvalidStrategy, "%d step sizes", len(ks))
	}
	for _, k := range ks {
		if k.IsNil() || k.IsNegative() || k.GT(sdkmath.LegacyNewDec(poolmath.MaxStrategyKappa)) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "kappa %v is outside [0, %d]", k, int64(poolmath.MaxStrategyKappa))
		}
	}
	return nil
}

// StepSizes are the strategy's κ per asset of an n-asset pool.
func (s WeightStrategy) StepSizes(n int) []sdkmath.LegacyDec {
	if len(s.Kappas) > 0 || s.Kappa == nil {
		return s.Kappas
	}
	out := make([]sdkmath.LegacyDec, n)
	for i := range out {
		out[i] = *s.Kappa
	}
	return out
}

func (f *FloorRule) validateBasic() error {
	if f == nil {
		return errorsmod.Wrap(ErrInvalidStrategy, "the floor rule needs its floor parameters")
	}
	if f.Floor.IsNil() || f.Floor.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidStrategy, "floor %v must not be negative", f.Floor)
	}
	if f.Multiplier.IsNil() || f.Multiplier.IsNegative() || f.Multiplier.GT(sdkmath.LegacyNewDec(poolmath.MaxFloorMultiplier)) {
		return errorsmod.Wrapf(ErrInvalidStrategy, "multiplier %v is outside [0, %d]", f.Multiplier, poolmath.MaxFloorMultiplier)
	}
	for i, w := range f.BaseWeights {
		if w.IsNil() || !w.IsPositive() || w.GT(MaxRawWeight) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "base weight %d must be in [1, %s]", i, MaxRawWeight)
		}
	}
	return nil
}

func (r StrategyRails) validateBasic() error {
	one := sdkmath.LegacyOneDec()
	for _, f := range []struct {
		name     string
		v        sdkmath.LegacyDec
		positive bool
		max      sdkmath.LegacyDec
	}{
		{"min_weight", r.MinWeight, false, one},
		{"max_weight", r.MaxWeight, true, one},
		{"max_change_per_update", r.MaxChangePerUpdate, true, one},
		{"max_change_per_day", r.MaxChangePerDay, true, hardMaxWeightChangePerDay},
	} {
		if f.v.IsNil() || f.v.IsNegative() || f.v.GT(f.max) || (f.positive && f.v.IsZero()) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "rails %s %v is outside [0, %s] (or zero)", f.name, f.v, f.max)
		}
	}
	if r.MinWeight.GT(r.MaxWeight) {
		return errorsmod.Wrapf(ErrInvalidStrategy, "rails min_weight %s is above max_weight %s", r.MinWeight, r.MaxWeight)
	}
	return nil
}

// ValidateFor checks a strategy against the params and the pool it is for:
// the interval, the assets (numeraire, base weights), and that the pool's
// weights now lie inside the rails, so the first update can keep them there.
func (s *WeightStrategy) ValidateFor(params Params, pool Pool, weights []sdkmath.Int) error {
	if err := s.ValidateBasic(); err != nil {
		return err
	}
	if s.Interval < params.MinStrategyInterval {
		return errorsmod.Wrapf(ErrInvalidStrategy, "interval %s is below min_strategy_interval %s", s.Interval, params.MinStrategyInterval)
	}
	if n := len(pool.Assets); n > poolmath.MaxStrategyAssets {
		return errorsmod.Wrapf(ErrInvalidStrategy, "a strategy runs pools of at most %d assets, not %d", poolmath.MaxStrategyAssets, n)
	}
	if s.Numeraire != "" {
		if _, err := pool.AssetIndex(s.Numeraire); err != nil {
			return errorsmod.Wrapf(ErrInvalidStrategy, "numeraire: %v", err)
		}
	}
	if len(s.Kappas) > 0 && len(s.Kappas) != len(pool.Assets) {
		return errorsmod.Wrapf(ErrInvalidStrategy, "%d kappas for %d assets", len(s.Kappas), len(pool.Assets))
	}
	if s.Floor != nil && len(s.Floor.BaseWeights) != len(pool.Assets) {
		return errorsmod.Wrapf(ErrInvalidStrategy, "%d base weights for %d assets", len(s.Floor.BaseWeights), len(pool.Assets))
	}
	lo, hi, _ := s.GridRails(params, pool)
	if lo.GT(hi) {
		return errorsmod.Wrapf(ErrInvalidStrategy, "the rails with the params and the pool's cap leave [%s, %s]: empty", lo, hi)
	}
	total := sumInts(weights)
	for i, w := range weights {
		norm := sdkmath.LegacyNewDecFromInt(w).QuoInt(total)
		if norm.LT(lo) || norm.GT(hi) {
			return errorsmod.Wrapf(ErrInvalidStrategy, "the weight of %s is %s now, outside the rails [%s, %s]", pool.Assets[i].Denom, norm, lo, hi)
		}
	}
	return nil
}

// GridRails are the rails in force, rounded inward onto the weight grid:
// the lowest and highest normalized weight (the strategy's, the params'
// minimum and the pool's exposure cap) and the largest change in one
// update (max_change_per_update, and the per-day limits of the strategy
// and the params over one interval).
func (s WeightStrategy) GridRails(params Params, pool Pool) (lo, hi, step sdkmath.LegacyDec) {
	lo = sdkmath.LegacyMaxDec(s.Rails.MinWeight, params.MinNormalizedWeight)
	hi = s.Rails.MaxWeight
	if pool.hasExposureCap() {
		hi = sdkmath.LegacyMinDec(hi, pool.MaxNormalizedWeight)
	}
	perDay := sdkmath.LegacyMinDec(s.Rails.MaxChangePerDay, params.MaxWeightChangePerDay)
	days := sdkmath.LegacyNewDec(int64(s.Interval)).QuoInt64(secondsPerDay * int64(time.Second))
	step = sdkmath.LegacyMinDec(s.Rails.MaxChangePerUpdate, perDay.Mul(days))
	return gridCeil(lo), gridFloor(hi), gridFloor(step)
}

func gridFloor(d sdkmath.LegacyDec) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecFromInt(d.MulInt(StrategyWeightUnit).TruncateInt()).QuoInt(StrategyWeightUnit)
}

func gridCeil(d sdkmath.LegacyDec) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecFromInt(d.MulInt(StrategyWeightUnit).Ceil().TruncateInt()).QuoInt(StrategyWeightUnit)
}

// GridWeights are raw weights scaled onto the strategy grid: they sum to
// exactly StrategyWeightUnit, each within one grid unit of its exact share
// (floor, then one unit more to the largest remainders).
func GridWeights(weights []sdkmath.Int) ([]sdkmath.Int, error) {
	return poolmath.GridShares(weights, StrategyWeightUnit)
}

// NormalizedGridWeights are grid raw weights as normalized weights.
func NormalizedGridWeights(raws []sdkmath.Int) []sdkmath.LegacyDec {
	out := make([]sdkmath.LegacyDec, len(raws))
	for i, w := range raws {
		out[i] = sdkmath.LegacyNewDecFromInt(w).QuoInt(StrategyWeightUnit)
	}
	return out
}

// NumeraireIndex is the index of the asset prices are measured in.
func (s WeightStrategy) NumeraireIndex(pool Pool) int {
	if i, err := pool.AssetIndex(s.Numeraire); err == nil {
		return i
	}
	return 0
}

// StrategyRunning reports whether the pool has a strategy that updates.
func (p Pool) StrategyRunning() bool {
	return p.Strategy != nil && p.StrategyState != nil && !p.StrategyState.Paused
}

// ValidateBasic checks a strategy change: a strategy, or none to remove it.
func (c *StrategyChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if c.Strategy == nil {
		return nil
	}
	return c.Strategy.ValidateBasic()
}

// ValidateBasic checks a resume: it has no content.
func (c *StrategyResumeChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	return nil
}

// validateStrategyState checks the shape of a stored strategy and state.
func (p Pool) validateStrategyState() error {
	if p.Strategy == nil {
		if p.StrategyState != nil {
			return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has strategy state without a strategy", p.Id)
		}
		return nil
	}
	if err := p.Strategy.ValidateBasic(); err != nil {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d: %v", p.Id, err)
	}
	st := p.StrategyState
	if st == nil {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has a strategy without state", p.Id)
	}
	n := len(p.Assets)
	if len(st.WindowAccumulators) != n || (st.Updates > 0 && len(st.Estimates) != n) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d strategy state does not match its %d assets", p.Id, n)
	}
	if running := p.StrategyRunning(); running != (st.IndexedAt != nil) || running && !st.IndexedAt.Equal(st.NextUpdate) {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d: its update index entry is not at its next update", p.Id)
	}
	for _, a := range st.WindowAccumulators {
		if a.IsNil() {
			return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d has an unset strategy accumulator", p.Id)
		}
	}
	if s := p.Strategy; len(s.Kappas) > 0 && len(s.Kappas) != n {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d strategy has %d kappas for %d assets", p.Id, len(s.Kappas), n)
	}
	if s := p.Strategy; s.Floor != nil && len(s.Floor.BaseWeights) != n {
		return errorsmod.Wrapf(ErrInvalidPoolState, "pool %d floor rule has %d base weights for %d assets", p.Id, len(s.Floor.BaseWeights), n)
	}
	return nil
}
