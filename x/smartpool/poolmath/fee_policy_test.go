package poolmath

import (
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func dec(s string) sdkmath.LegacyDec { return sdkmath.LegacyMustNewDecFromStr(s) }

// attoDec is n·10^-18.
func attoDec(n int64) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecWithPrec(n, sdkmath.LegacyPrecision)
}

func TestVolatilityFee(t *testing.T) {
	nilDec := sdkmath.LegacyDec{}
	cases := []struct {
		name                           string
		base, k, sigma, minFee, maxFee sdkmath.LegacyDec
		want                           string
	}{
		{"inside the band", dec("0.003"), dec("0.5"), dec("0.02"), dec("0.001"), dec("0.05"), "0.013"},
		{"below the floor", dec("0.0001"), dec("0"), dec("0.3"), dec("0.001"), dec("0.05"), "0.001"},
		{"above the cap", dec("0.003"), dec("2"), dec("0.3"), dec("0.001"), dec("0.05"), "0.05"},
		{"k·σ rounds up", dec("0"), attoDec(1), dec("0.5"), dec("0"), dec("1"), "0.000000000000000001"},
		{"the cap wins over the floor", dec("0.01"), dec("0"), dec("0"), dec("0.2"), dec("0.1"), "0.1"},
		{"negative and nil inputs count as zero", dec("-0.5"), dec("-3"), nilDec, dec("-1"), dec("0.05"), "0"},
		{"a cap above 1 still gives a rate", dec("7"), dec("1"), dec("1"), dec("0"), dec("100"), "1"},
	}
	for _, c := range cases {
		got := VolatilityFee(c.base, c.k, c.sigma, c.minFee, c.maxFee)
		require.Equal(t, dec(c.want).String(), got.String(), c.name)
	}
}

func TestTierExtraFee(t *testing.T) {
	tiers := []FeeTier{
		{dec("0.01"), dec("0.001")},
		{dec("0.05"), dec("0.003")},
		{dec("0.2"), dec("0.01")},
	}
	for ratio, want := range map[string]string{
		"0": "0", "0.009999999999999999": "0", "0.01": "0.001", "0.049": "0.001",
		"0.05": "0.003", "0.19": "0.003", "0.2": "0.01", "5": "0.01", "-1": "0",
	} {
		require.Equal(t, dec(want).String(), TierExtraFee(dec(ratio), tiers).String(), "ratio %s", ratio)
		// The order of the tiers does not matter.
		reversed := []FeeTier{tiers[2], tiers[1], tiers[0]}
		require.Equal(t, dec(want).String(), TierExtraFee(dec(ratio), reversed).String(), "ratio %s, reversed", ratio)
	}
	require.True(t, TierExtraFee(dec("0.5"), nil).IsZero())
	tie := []FeeTier{{dec("0.1"), dec("0.002")}, {dec("0.1"), dec("0.004")}, {dec("0.1"), dec("0.003")}}
	require.Equal(t, "0.004000000000000000", TierExtraFee(dec("0.1"), tie).String(), "equal thresholds: the larger fee")
	zeroTier := []FeeTier{{dec("-0.5"), dec("0.002")}, {sdkmath.LegacyDec{}, dec("-1")}}
	require.Equal(t, "0.002000000000000000", TierExtraFee(sdkmath.LegacyDec{}, zeroTier).String(), "negative thresholds count as 0")
}

func TestDirectionAdjustedFee(t *testing.T) {
	fee, rebate, surcharge := dec("0.004"), dec("0.25"), dec("0.5")
	require.Equal(t, "0.003000000000000000", DirectionAdjustedFee(fee, rebate, surcharge, DirectionToward).String())
	require.Equal(t, "0.006000000000000000", DirectionAdjustedFee(fee, rebate, surcharge, DirectionAway).String())
	require.Equal(t, "0.004000000000000000", DirectionAdjustedFee(fee, rebate, surcharge, DirectionNeutral).String())
	require.Equal(t, "0.004000000000000000", DirectionAdjustedFee(fee, rebate, surcharge, TradeDirection(7)).String(), "unknown: neutral")
	// 10^-18 · 0.5 and · 1.5 round up.
	require.Equal(t, attoDec(1).String(), DirectionAdjustedFee(attoDec(1), dec("0.5"), dec("0.5"), DirectionToward).String())
	require.Equal(t, attoDec(2).String(), DirectionAdjustedFee(attoDec(1), dec("0.5"), dec("0.5"), DirectionAway).String())
	require.True(t, DirectionAdjustedFee(fee, dec("3"), surcharge, DirectionToward).IsZero(), "a rebate above 1 counts as 1")
	require.Equal(t, fee.String(), DirectionAdjustedFee(fee, dec("-3"), dec("-3"), DirectionToward).String(), "negative rebate: none")
	require.Equal(t, "1.000000000000000000", DirectionAdjustedFee(dec("0.5"), rebate, dec("9"), DirectionAway).String(), "capped at 1")
}

func TestClampFee(t *testing.T) {
	for _, c := range [][3]string{
		{"0.02", "0.1", "0.02"}, {"0.2", "0.1", "0.1"}, {"-0.2", "0.1", "0"}, {"0.2", "-0.1", "0"}, {"3", "7", "1"},
	} {
		require.Equal(t, dec(c[2]).String(), ClampFee(dec(c[0]), dec(c[1])).String(), "ClampFee(%s, %s)", c[0], c[1])
	}
	require.True(t, ClampFee(sdkmath.LegacyDec{}, dec("0.1")).IsZero())
}

// fuzzDec reads a LegacyDec from 9 bytes: a control byte (0xff: nil; bit 7:
// negative; the rest: a left shift of up to 508 bits) and 8 bytes of raw
// mantissa. Missing bytes read as zero, so every input decodes.
func fuzzDec(data []byte, i int) sdkmath.LegacyDec {
	chunk := make([]byte, 9)
	if 9*i < len(data) {
		copy(chunk, data[9*i:])
	}
	if chunk[0] == 0xff {
		return sdkmath.LegacyDec{}
	}
	raw := new(big.Int).SetBytes(chunk[1:])
	raw.Lsh(raw, uint(chunk[0]&0x7f)*4)
	if chunk[0]&0x80 != 0 {
		raw.Neg(raw)
	}
	return sdkmath.LegacyNewDecFromBigIntWithPrec(raw, sdkmath.LegacyPrecision)
}

// FuzzFeePolicyBounds composes the policy as the keeper does: VolatilityFee,
// plus TierExtraFee, DirectionAdjustedFee, ClampFee(maxFee). For every
// input, huge (up to ~2^570), negative or nil included, nothing panics, each
// step gives a rate in [0, 1] and the result lies in [0, maxFee]; a trade
// away from the target never pays less than a neutral one, nor that less
// than one toward it.
func FuzzFeePolicyBounds(f *testing.F) {
	enc := func(control byte, mantissa uint64) []byte {
		return append([]byte{control}, new(big.Int).SetUint64(mantissa).FillBytes(make([]byte, 8))...)
	}
	var typical, huge, mixed []byte
	for _, v := range []uint64{3e15, 5e17, 2e16, 1e15, 5e16, 3e16, 25e16, 5e17, 1e17, 1e16, 1e15, 5e16, 3e15} {
		typical = append(typical, enc(0, v)...)
	}
	for i := 0; i < 13; i++ {
		huge = append(huge, enc(0x7f, 1<<63|uint64(i))...)
		mixed = append(mixed, enc(byte(0x80|(i*37)&0x7f), uint64(i)*1e17)...)
	}
	mixed[0] = 0xff
	f.Add(typical, uint8(1))
	f.Add(huge, uint8(2))
	f.Add(mixed, uint8(0))
	f.Add([]byte{}, uint8(9))
	f.Fuzz(func(t *testing.T, data []byte, direction uint8) {
		d := func(i int) sdkmath.LegacyDec { return fuzzDec(data, i) }
		base, k, sigma, minFee, maxVolFee := d(0), d(1), d(2), d(3), d(4)
		inRatio, rebate, surcharge, maxFee := d(5), d(6), d(7), d(8)
		tiers := []FeeTier{{d(9), d(10)}, {d(11), d(12)}, {d(13), d(14)}}
		dir := TradeDirection(direction % 4)

		vol := VolatilityFee(base, k, sigma, minFee, maxVolFee)
		tier := TierExtraFee(inRatio, tiers)
		requireRate(t, vol, "volatility fee")
		requireRate(t, tier, "tier extra fee")
		adjusted := DirectionAdjustedFee(vol.Add(tier), rebate, surcharge, dir)
		requireRate(t, adjusted, "direction-adjusted fee")
		got := ClampFee(adjusted, maxFee)
		requireRate(t, got, "clamped fee")
		bound := sdkmath.LegacyZeroDec() // a nil or negative maximum counts as 0
		if !maxFee.IsNil() && maxFee.IsPositive() {
			bound = maxFee
		}
		require.True(t, got.LTE(bound), "fee %s above the maximum %v", got, maxFee)

		toward := DirectionAdjustedFee(vol.Add(tier), rebate, surcharge, DirectionToward)
		neutral := DirectionAdjustedFee(vol.Add(tier), rebate, surcharge, DirectionNeutral)
		away := DirectionAdjustedFee(vol.Add(tier), rebate, surcharge, DirectionAway)
		require.True(t, toward.LTE(neutral) && neutral.LTE(away), "toward %s, neutral %s, away %s", toward, neutral, away)
	})
}

func requireRate(t *testing.T, r sdkmath.LegacyDec, what string) {
	t.Helper()
	require.False(t, r.IsNil(), what)
	require.True(t, !r.IsNegative() && r.LTE(sdkmath.LegacyOneDec()), "%s %s is not in [0, 1]", what, r)
}
