package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Hard limits no parameter may pass; they keep the pool math inside its tested range.
const (
	HardMinAssets = 2
	HardMaxAssets = 8
)

var (
	hardMinWeight  = sdkmath.LegacyNewDecWithPrec(1, 3) // 0.1%
	hardMaxSwapFee = sdkmath.LegacyNewDecWithPrec(5, 1) // 50%
	// HardMaxProtocolFeeShare and HardMaxManagementFee bound the fee params:
	// at most half of every swap fee to the protocol, at most 50% a year.
	HardMaxProtocolFeeShare = sdkmath.LegacyNewDecWithPrec(5, 1)
	HardMaxManagementFee    = sdkmath.LegacyNewDecWithPrec(5, 1)
	hardMaxInRatio          = sdkmath.LegacyOneDec()
	hardMaxOutRatio         = sdkmath.LegacyNewDecWithPrec(5, 1)
	// A day's worth of one-second steps; faster is no longer gradual.
	hardMaxWeightChangePerDay = sdkmath.LegacyNewDec(86_400)
)

// hardMaxDuration bounds a weight schedule: a year.
const hardMaxDuration = 365 * 24 * time.Hour

// HardMaxTimelock bounds every time-lock (pools', with or without a
// controller, and params_timelock), so that whatever governance pauses it can
// resume within a bounded time.
const HardMaxTimelock = 30 * 24 * time.Hour

// hardMaxMinWeight bounds min_normalized_weight, so that the largest weight at
// which an asset may enter or leave a pool (AssetChangeMaxWeightFactor times
// the minimum) stays a small part of the pool whatever governance sets.
var hardMaxMinWeight = sdkmath.LegacyNewDecWithPrec(5, 2) // 5%

// HardMaxItemsPerBlock bounds the per-block work params of the end-block step.
const HardMaxItemsPerBlock = 10_000

// DefaultParams are the defaults of the design: 2–8 assets, weights ≥ 1%, fee ≤ 10%,
// in ≤ 50% of the in-balance and out ≤ 30% of the out-balance per swap; pool
// time-locks of at least an hour, params changes 24 h after their vote, weight
// schedules of at least an hour moving any weight by at most 100 points a day.
func DefaultParams() Params {
	return Params{
		PoolCreationFee:         sdk.NewCoins(sdk.NewInt64Coin("upool", 1_000_000)),
		MinAssets:               2,
		MaxAssets:               8,
		MinNormalizedWeight:     sdkmath.LegacyNewDecWithPrec(1, 2),
		MaxSwapFee:              sdkmath.LegacyNewDecWithPrec(1, 1),
		MaxInRatio:              sdkmath.LegacyNewDecWithPrec(5, 1),
		MaxOutRatio:             sdkmath.LegacyNewDecWithPrec(3, 1),
		MinTimelock:             time.Hour,
		ParamsTimelock:          24 * time.Hour,
		MinScheduleDuration:     time.Hour,
		MaxWeightChangePerDay:   sdkmath.LegacyOneDec(),
		MaxDueChangesPerBlock:   100,
		MaxScheduleEndsPerBlock: 100,
		// One observation a minute kept for two days: 2,882 ring slots a pool.
		OracleObservationInterval:  time.Minute,
		OracleRetention:            48 * time.Hour,
		DefaultBreakers:            NoBreakers(),
		ProtocolFeeShare:           sdkmath.LegacyZeroDec(),
		MaxManagementFee:           sdkmath.LegacyNewDecWithPrec(5, 2),
		MaxFeePayoutsPerBlock:      20,
		MaxStrategyUpdatesPerBlock: 20,
		MinStrategyInterval:        time.Hour,
	}
}

// Validate checks every field against the hard limits.
func (p Params) Validate() error {
	if err := p.PoolCreationFee.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "pool_creation_fee: %v", err)
	}
	if p.MinAssets < HardMinAssets || p.MaxAssets > HardMaxAssets || p.MinAssets > p.MaxAssets {
		return errorsmod.Wrapf(ErrInvalidParams, "asset bounds must satisfy %d <= min_assets (%d) <= max_assets (%d) <= %d",
			HardMinAssets, p.MinAssets, p.MaxAssets, HardMaxAssets)
	}
	maxMinWeight := sdkmath.LegacyMinDec(hardMaxMinWeight, sdkmath.LegacyOneDec().QuoInt64(int64(p.MaxAssets)))
	if err := decInRange("min_normalized_weight", p.MinNormalizedWeight, hardMinWeight, maxMinWeight); err != nil {
		return err
	}
	if err := decInRange("max_swap_fee", p.MaxSwapFee, sdkmath.LegacyZeroDec(), hardMaxSwapFee); err != nil {
		return err
	}
	if err := decInRange("max_in_ratio", p.MaxInRatio, sdkmath.LegacySmallestDec(), hardMaxInRatio); err != nil {
		return err
	}
	if err := decInRange("max_out_ratio", p.MaxOutRatio, sdkmath.LegacySmallestDec(), hardMaxOutRatio); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		v    time.Duration
		max  time.Duration
	}{
		{"min_timelock", p.MinTimelock, HardMaxTimelock},
		{"params_timelock", p.ParamsTimelock, HardMaxTimelock},
		{"min_schedule_duration", p.MinScheduleDuration, hardMaxDuration},
	} {
		if d.v < 0 || d.v > d.max {
			return errorsmod.Wrapf(ErrInvalidParams, "%s %s is outside [0, %s]", d.name, d.v, d.max)
		}
	}
	for _, n := range []struct {
		name string
		v    uint32
	}{
		{"max_due_changes_per_block", p.MaxDueChangesPerBlock},
		{"max_schedule_ends_per_block", p.MaxScheduleEndsPerBlock},
		{"max_fee_payouts_per_block", p.MaxFeePayoutsPerBlock},
		{"max_strategy_updates_per_block", p.MaxStrategyUpdatesPerBlock},
	} {
		if n.v < 1 || n.v > HardMaxItemsPerBlock {
			return errorsmod.Wrapf(ErrInvalidParams, "%s %d is outside [1, %d]", n.name, n.v, HardMaxItemsPerBlock)
		}
	}
	if p.MinStrategyInterval < time.Second || p.MinStrategyInterval > MaxStrategyInterval {
		return errorsmod.Wrapf(ErrInvalidParams, "min_strategy_interval %s is outside [1s, %s]", p.MinStrategyInterval, MaxStrategyInterval)
	}
	if err := p.validateOracle(); err != nil {
		return err
	}
	if err := decInRange("protocol_fee_share", p.ProtocolFeeShare, sdkmath.LegacyZeroDec(), HardMaxProtocolFeeShare); err != nil {
		return err
	}
	if err := decInRange("max_management_fee", p.MaxManagementFee, sdkmath.LegacyZeroDec(), HardMaxManagementFee); err != nil {
		return err
	}
	return decInRange("max_weight_change_per_day", p.MaxWeightChangePerDay, sdkmath.LegacySmallestDec(), hardMaxWeightChangePerDay)
}

// validateOracle bounds the observation interval to [1 s, 1 h], the retention
// to [1 h, 7 days] and their ratio to MaxOracleRingSize observations, so a
// pool's ring is bounded; the default breakers must fit in the retention.
func (p Params) validateOracle() error {
	if p.OracleObservationInterval < time.Second || p.OracleObservationInterval > time.Hour {
		return errorsmod.Wrapf(ErrInvalidParams, "oracle_observation_interval %s is outside [1s, 1h]", p.OracleObservationInterval)
	}
	if p.OracleRetention < time.Hour || p.OracleRetention > HardMaxOracleRetention {
		return errorsmod.Wrapf(ErrInvalidParams, "oracle_retention %s is outside [1h, %s]", p.OracleRetention, HardMaxOracleRetention)
	}
	if n := int64(p.OracleRetention / p.OracleObservationInterval); n+2 > MaxOracleRingSize {
		return errorsmod.Wrapf(ErrInvalidParams, "oracle_retention / oracle_observation_interval = %d observations, more than %d", n, MaxOracleRingSize-2)
	}
	if err := p.DefaultBreakers.ValidateAgainst(p); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "default_breakers: %v", err)
	}
	return nil
}

func decInRange(name string, v, lo, hi sdkmath.LegacyDec) error {
	if v.IsNil() {
		return errorsmod.Wrapf(ErrInvalidParams, "%s is not set", name)
	}
	if v.LT(lo) || v.GT(hi) {
		return errorsmod.Wrapf(ErrInvalidParams, "%s %s is outside [%s, %s]", name, v, lo, hi)
	}
	return nil
}
