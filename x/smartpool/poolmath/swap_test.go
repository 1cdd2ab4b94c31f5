package poolmath

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

var (
	i64     = sdkmath.NewInt
	zeroFee = sdkmath.LegacyZeroDec()
)

// With equal weights the weighted formulas reduce to the constant product
// x·y = k, whose answers are exact rationals: out = Bo·Ai/(Bi+Ai) rounded
// down, in = Bi·Ao/(Bo−Ao) rounded up. The margin may cost the trader at most
// one unit more.
func TestSwapMatchesConstantProduct(t *testing.T) {
	cases := []struct{ bIn, bOut, amt int64 }{
		{1_000_000, 2_000_000, 3_333},
		{999_999_937, 123_456_789, 77_777_777},
		{10, 10, 3},
		{1_000_000_000_000, 7, 1_000},
	}
	for _, c := range cases {
		out, err := CalcOutGivenIn(i64(c.bIn), i64(50), i64(c.bOut), i64(50), i64(c.amt), zeroFee)
		require.NoError(t, err)
		exact := i64(c.bOut).Mul(i64(c.amt)).Quo(i64(c.bIn + c.amt))
		require.True(t, out.LTE(exact) && out.GTE(exact.SubRaw(1)), "out %s, exact floor %s", out, exact)

		if c.amt >= c.bOut {
			continue
		}
		in, err := CalcInGivenOut(i64(c.bIn), i64(50), i64(c.bOut), i64(50), i64(c.amt), zeroFee)
		require.NoError(t, err)
		exactIn := CeilDiv(i64(c.bIn).Mul(i64(c.amt)), i64(c.bOut-c.amt))
		require.True(t, in.GTE(exactIn) && in.LTE(exactIn.AddRaw(1)), "in %s, exact ceil %s", in, exactIn)
	}
}

// An 80/20 pool against a value computed independently with Python's decimal
// module at 60 digits: Bo·(1−(Bi/(Bi+Ai·0.997))^4), Bi=Bo=1e12, Ai=1e10.
func TestSwapWeightedKnownValue(t *testing.T) {
	fee := sdkmath.LegacyNewDecWithPrec(3, 3)
	out, err := CalcOutGivenIn(i64(1_000_000_000_000), i64(80), i64(1_000_000_000_000), i64(20), i64(10_000_000_000), fee)
	require.NoError(t, err)
	// = 38905471155.760096...
	require.Equal(t, "38905471155", out.String())
}

func TestSwapFeeLowersOutAndRaisesIn(t *testing.T) {
	noFee, err := CalcOutGivenIn(i64(1e9), i64(3), i64(1e9), i64(1), i64(1e6), zeroFee)
	require.NoError(t, err)
	withFee, err := CalcOutGivenIn(i64(1e9), i64(3), i64(1e9), i64(1), i64(1e6), sdkmath.LegacyNewDecWithPrec(1, 2))
	require.NoError(t, err)
	require.True(t, withFee.LT(noFee))

	inNoFee, err := CalcInGivenOut(i64(1e9), i64(3), i64(1e9), i64(1), i64(1e6), zeroFee)
	require.NoError(t, err)
	inFee, err := CalcInGivenOut(i64(1e9), i64(3), i64(1e9), i64(1), i64(1e6), sdkmath.LegacyNewDecWithPrec(1, 2))
	require.NoError(t, err)
	require.True(t, inFee.GT(inNoFee))
}

func TestSpotPrice(t *testing.T) {
	// 2000 usdc (weight 50) against 1 eth (weight 50): 1 eth costs 2000 usdc.
	p, err := SpotPrice(i64(2_000_000_000), i64(50), i64(1_000_000), i64(50), zeroFee)
	require.NoError(t, err)
	require.Equal(t, sdkmath.LegacyNewDec(2000), p)
	// 80/20: (Bi/wi)/(Bo/wo) = (1000/80)/(1000/20) = 0.25; with 1% fee /0.99.
	p, err = SpotPrice(i64(1000), i64(80), i64(1000), i64(20), sdkmath.LegacyNewDecWithPrec(1, 2))
	require.NoError(t, err)
	require.Equal(t, "0.252525252525252525", p.String())
}

func TestSwapRejectsBadInput(t *testing.T) {
	one := i64(1)
	_, err := CalcOutGivenIn(i64(0), one, one, one, one, zeroFee)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = CalcOutGivenIn(one, one, one, i64(-1), one, zeroFee)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = CalcOutGivenIn(one, one, one, one, i64(0), zeroFee)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = CalcOutGivenIn(one, one, one, one, one, sdkmath.LegacyOneDec())
	require.ErrorIs(t, err, ErrInvalidFee)
	_, err = CalcOutGivenIn(one, one, one, one, one, sdkmath.LegacyNewDec(-1))
	require.ErrorIs(t, err, ErrInvalidFee)
	_, err = CalcInGivenOut(i64(10), one, i64(10), one, i64(10), zeroFee)
	require.ErrorIs(t, err, ErrPoolDrained)
	_, err = SpotPrice(one, i64(0), one, one, zeroFee)
	require.ErrorIs(t, err, ErrNonPositive)
}
