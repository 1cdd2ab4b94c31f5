//go:build sims

package app

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// The value-per-share check must catch a leak of one base unit and accept
// an operation rounded in the pool's favour.
func TestValuePerShareCheck(t *testing.T) {
	value := func(s int64, balances ...int64) poolValue {
		bs := make([]sdkmath.Int, len(balances))
		ws := make([]sdkmath.Int, len(balances))
		for i, b := range balances {
			bs[i], ws[i] = sdkmath.NewInt(b), sdkmath.NewInt(int64(1+i))
		}
		v, err := poolmath.Invariant(bs, ws)
		require.NoError(t, err)
		return poolValue{v: v, s: sdkmath.NewInt(s)}
	}
	before := value(1_000_000_000_000, 9_000_000_000_000, 4_000_000_000_000)
	require.NoError(t, valuePerShareHolds(before, before))
	require.Error(t, valuePerShareHolds(before, value(1_000_000_000_000, 8_999_999_999_999, 4_000_000_000_000)), "one unit out for nothing")
	// A proportional join of 1/1000 of the shares that pays one unit more than its share.
	require.NoError(t, valuePerShareHolds(before, value(1_001_000_000_000, 9_009_000_000_001, 4_004_000_000_000)))
	// The same join paying one unit less.
	require.Error(t, valuePerShareHolds(before, value(1_001_000_000_000, 9_008_999_999_999, 4_004_000_000_000)))
}
