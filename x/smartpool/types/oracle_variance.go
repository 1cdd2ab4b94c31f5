package types

import (
	"errors"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// RealizedVarianceAfter is the realized-variance accumulator of an
// observation obs written after last (itself after before; nil when last
// is the first): last's, plus the mean over the pool's pairs of the
// squared change of the pair's interval-mean log price between the two
// intervals. Across an asset change there is no comparable step, and a
// step out of range adds nothing.
func RealizedVarianceAfter(before *OracleObservation, last, obs OracleObservation) (sdkmath.LegacyDec, error) {
	carried := DecOrZero(last.RealizedVariance)
	if before == nil {
		return carried, nil
	}
	prevMeans, ok1 := intervalMeans(*before, last)
	means, ok2 := intervalMeans(last, obs)
	if !ok1 || !ok2 {
		return carried, nil
	}
	step, err := poolmath.PairVarianceStep(prevMeans, means)
	if err != nil {
		if errors.Is(err, poolmath.ErrOutOfRange) {
			return carried, nil
		}
		return sdkmath.LegacyDec{}, err
	}
	return carried.Add(step), nil
}

// intervalMeans are the mean log values between two observations of one layout.
func intervalMeans(from, to OracleObservation) ([]sdkmath.LegacyDec, bool) {
	dt := int64(to.Time.Sub(from.Time))
	if from.Layout != to.Layout || dt <= 0 || len(from.Accumulators) != len(to.Accumulators) || len(to.Accumulators) < 2 {
		return nil, false
	}
	means := make([]sdkmath.LegacyDec, len(to.Accumulators))
	for i := range means {
		m, err := poolmath.MeanLog(from.Accumulators[i], to.Accumulators[i], dt)
		if err != nil {
			return nil, false
		}
		means[i] = m
	}
	return means, true
}

// DecOrZero reads an unset Dec (an observation from before the field) as zero.
func DecOrZero(d sdkmath.LegacyDec) sdkmath.LegacyDec {
	if d.IsNil() {
		return sdkmath.LegacyZeroDec()
	}
	return d
}
