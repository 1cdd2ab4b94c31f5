package poolmath

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

func requirePositive(name string, v sdkmath.Int) error {
	if v.IsNil() || !v.IsPositive() {
		return errorsmod.Wrapf(ErrNonPositive, "%s must be positive, got %s", name, v)
	}
	return nil
}

func requireNonNegative(name string, v sdkmath.Int) error {
	if v.IsNil() || v.IsNegative() {
		return errorsmod.Wrapf(ErrNonPositive, "%s must not be negative, got %s", name, v)
	}
	return nil
}

// legacyOne is 1, shared read-only by the fee checks.
var legacyOne = sdkmath.LegacyOneDec()

// feeFixed checks 0 ≤ fee < 1 and converts it.
func feeFixed(fee sdkmath.LegacyDec) (Fixed, error) {
	if fee.IsNil() || fee.IsNegative() || fee.GTE(legacyOne) {
		return Fixed{}, errorsmod.Wrapf(ErrInvalidFee, "got %s", fee)
	}
	return FixedFromDec(fee), nil
}

// namedInt is an input with the name errors report it by.
type namedInt struct {
	name  string
	value sdkmath.Int
}

func arg(name string, value sdkmath.Int) namedInt { return namedInt{name, value} }

// requireAllPositive checks every input in order and reports the first bad one.
func requireAllPositive(args ...namedInt) error {
	for _, a := range args {
		if err := requirePositive(a.name, a.value); err != nil {
			return err
		}
	}
	return nil
}
