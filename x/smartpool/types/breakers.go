package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Bounds of circuit breaker settings.
var (
	// hardMaxPriceDeviation: a band wider than ten times the TWAP protects nothing.
	hardMaxPriceDeviation = sdkmath.LegacyNewDec(10)
	hardMaxAlertThreshold = sdkmath.LegacyNewDec(10)
)

// HardMaxOracleRetention bounds oracle_retention, and so every TWAP window.
const HardMaxOracleRetention = 7 * 24 * time.Hour

// MaxOracleRingSize bounds each pool's ring of observations: the storage a
// pool's oracle may ever use, whatever the params say.
const MaxOracleRingSize = 10_000

// DefaultBreakerWindow is the TWAP window a pool's health and alerts use when
// its breakers name none.
const DefaultBreakerWindow = 30 * time.Minute

// NoBreakers are breakers all off, with every decimal set (zero).
func NoBreakers() CircuitBreakers {
	zero := sdkmath.LegacyZeroDec()
	return CircuitBreakers{MaxPriceDeviation: zero, MaxBlockOutflow: zero, AlertThreshold: zero}
}

// HasBand reports whether the price band is on.
func (b CircuitBreakers) HasBand() bool { return isPositive(b.MaxPriceDeviation) }

// HasOutflowCap reports whether the block outflow cap is on.
func (b CircuitBreakers) HasOutflowCap() bool { return isPositive(b.MaxBlockOutflow) }

// HasAlert reports whether deviation alerts are on.
func (b CircuitBreakers) HasAlert() bool { return isPositive(b.AlertThreshold) }

// Active reports whether any breaker or alert is on: only then does a pool
// keep its BlockStart.
func (b CircuitBreakers) Active() bool { return b.HasBand() || b.HasOutflowCap() || b.HasAlert() }

// TwapWindow is the window of the band and alerts.
func (b CircuitBreakers) TwapWindow() time.Duration {
	if b.Window <= 0 {
		return DefaultBreakerWindow
	}
	return b.Window
}

func isPositive(d sdkmath.LegacyDec) bool { return !d.IsNil() && d.IsPositive() }

// Validate checks breaker settings without state: fractions in range, and a
// window when the band or alerts need one.
func (b CircuitBreakers) Validate() error {
	for _, f := range []struct {
		name  string
		value sdkmath.LegacyDec
		max   sdkmath.LegacyDec
	}{
		{"max_price_deviation", b.MaxPriceDeviation, hardMaxPriceDeviation},
		{"max_block_outflow", b.MaxBlockOutflow, sdkmath.LegacyOneDec()},
		{"alert_threshold", b.AlertThreshold, hardMaxAlertThreshold},
	} {
		if f.value.IsNil() {
			continue // unset is off
		}
		if f.value.IsNegative() || f.value.GT(f.max) {
			return errorsmod.Wrapf(ErrInvalidBreakers, "%s %s is outside [0, %s]", f.name, f.value, f.max)
		}
	}
	if b.Window < 0 || b.Window > HardMaxOracleRetention {
		return errorsmod.Wrapf(ErrInvalidBreakers, "window %s is outside [0, %s]", b.Window, HardMaxOracleRetention)
	}
	if b.Window > 0 && b.Window < time.Second {
		return errorsmod.Wrapf(ErrInvalidBreakers, "window %s is shorter than a second", b.Window)
	}
	return nil
}

// ValidateAgainst checks breaker settings against the params: the window must
// fit in the oracle's retention.
func (b CircuitBreakers) ValidateAgainst(params Params) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if (b.HasBand() || b.HasAlert()) && b.TwapWindow() > params.OracleRetention {
		return errorsmod.Wrapf(ErrInvalidBreakers, "window %s is longer than the oracle retention %s", b.TwapWindow(), params.OracleRetention)
	}
	return nil
}

// EffectiveBreakers are the breakers in force: the pool's own, or the
// params' defaults when it sets none.
func (p Pool) EffectiveBreakers(params Params) CircuitBreakers {
	if p.Breakers != nil {
		return *p.Breakers
	}
	return params.DefaultBreakers
}

// ValidateBasic checks a breakers change; unset breakers fall back to the
// params' defaults.
func (c *BreakersChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if c.Breakers == nil {
		return nil
	}
	return c.Breakers.Validate()
}

// OracleRingSize is the ring size the params ask for: one slot per
// observation interval of the retention, plus one so that a window as long
// as the retention still finds an observation at its start.
func (p Params) OracleRingSize() uint32 {
	if p.OracleObservationInterval <= 0 {
		return 1
	}
	n := int64(p.OracleRetention/p.OracleObservationInterval) + 2
	if n > MaxOracleRingSize {
		n = MaxOracleRingSize
	}
	return uint32(n)
}
