package poolmath

import (
	"math/big"
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// randSignedDec is a LegacyDec with a raw of up to maxBits bits (its size
// spread evenly over the bits) and a random sign.
func randSignedDec(rng *rand.Rand, maxBits int) sdkmath.LegacyDec {
	raw := new(big.Int).Rand(rng, new(big.Int).Lsh(big.NewInt(1), uint(1+rng.Intn(maxBits))))
	if rng.Intn(2) == 0 {
		raw.Neg(raw)
	}
	return sdkmath.LegacyNewDecFromBigIntWithPrec(raw, sdkmath.LegacyPrecision)
}

// pairwiseVarianceRat is the definition: the mean over all pairs i < j of
// (Δdi − Δdj)², in exact rationals.
func pairwiseVarianceRat(prev, cur []sdkmath.LegacyDec) *big.Rat {
	k := len(cur)
	delta := make([]*big.Rat, k)
	for i := range cur {
		delta[i] = new(big.Rat).SetFrac(new(big.Int).Sub(cur[i].BigInt(), prev[i].BigInt()), decOneRaw)
	}
	sum := new(big.Rat)
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			d := new(big.Rat).Sub(delta[i], delta[j])
			sum.Add(sum, d.Mul(d, d))
		}
	}
	return sum.Quo(sum, big.NewRat(int64(k*(k-1)/2), 1))
}

// ceilDecRat is r rounded up to 18 decimals.
func ceilDecRat(r *big.Rat) sdkmath.LegacyDec {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(decOneRaw))
	return sdkmath.LegacyNewDecFromBigIntWithPrec(divCeil(scaled.Num(), scaled.Denom()), sdkmath.LegacyPrecision)
}

// TestPairVarianceStepMatchesPairwise: the O(k) formula equals the O(k²)
// pairwise definition, computed in big.Rat and rounded up, digit for digit.
func TestPairVarianceStepMatchesPairwise(t *testing.T) {
	rng := rand.New(rand.NewSource(20261206))
	for c := 0; c < 3000; c++ {
		k := 2 + rng.Intn(9)
		prev, cur := make([]sdkmath.LegacyDec, k), make([]sdkmath.LegacyDec, k)
		bits := []int{8, 64, 100}[c%3] // up to ~10^12 log units, and single raw units
		for i := range cur {
			prev[i] = randSignedDec(rng, bits)
			cur[i] = prev[i].Add(randSignedDec(rng, bits))
		}
		got, err := PairVarianceStep(prev, cur)
		require.NoError(t, err)
		want := ceilDecRat(pairwiseVarianceRat(prev, cur))
		require.True(t, got.Equal(want), "case %d: got %s, pairwise %s", c, got, want)
	}
	// Two assets: the squared change of the one pair's log price, 0.3 − (−0.1).
	got, err := PairVarianceStep([]sdkmath.LegacyDec{dec("1"), dec("2")}, []sdkmath.LegacyDec{dec("1.3"), dec("1.9")})
	require.NoError(t, err)
	require.Equal(t, "0.160000000000000000", got.String())
	// A move of every asset alike changes no price.
	got, err = PairVarianceStep([]sdkmath.LegacyDec{dec("1"), dec("2"), dec("3")}, []sdkmath.LegacyDec{dec("1.5"), dec("2.5"), dec("3.5")})
	require.NoError(t, err)
	require.True(t, got.IsZero())
}

func TestPairVarianceStepRejectsBadInput(t *testing.T) {
	one := []sdkmath.LegacyDec{dec("1")}
	two := []sdkmath.LegacyDec{dec("1"), dec("2")}
	_, err := PairVarianceStep(one, one)
	require.ErrorIs(t, err, ErrLengthMismatch)
	_, err = PairVarianceStep(two, append(two, dec("3")))
	require.ErrorIs(t, err, ErrLengthMismatch)
	_, err = PairVarianceStep(two, []sdkmath.LegacyDec{dec("1"), {}})
	require.ErrorIs(t, err, ErrOutOfRange)
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 300), sdkmath.LegacyPrecision)
	_, err = PairVarianceStep(two, []sdkmath.LegacyDec{huge, huge.Neg()})
	require.ErrorIs(t, err, ErrOutOfRange)
}

// TestDailyVolatilityMatchesBigFloat: σ is the square root of the variance
// scaled to a day, rounded up, against big.Float at 200 bits.
func TestDailyVolatilityMatchesBigFloat(t *testing.T) {
	const bits = 200
	rng := rand.New(rand.NewSource(20261207))
	unit := new(big.Float).SetPrec(bits).SetInt(decOneRaw)
	day := new(big.Float).SetPrec(bits).SetInt64(int64(24 * time.Hour))
	for c := 0; c < 3000; c++ {
		variance := randSignedDec(rng, 1+rng.Intn(200)).Abs()
		elapsed := time.Duration(1 + rng.Int63n(int64(400*24*time.Hour)>>uint(rng.Intn(40))))
		got, err := DailyVolatility(variance, elapsed)
		require.NoError(t, err)
		x := new(big.Float).SetPrec(bits).SetInt(variance.BigInt())
		x.Quo(x, unit).Mul(x, day).Quo(x, new(big.Float).SetPrec(bits).SetInt64(int64(elapsed)))
		want := new(big.Float).SetPrec(bits).Sqrt(x)
		want.Mul(want, unit) // in units of 10^-18
		g := new(big.Float).SetPrec(bits).SetInt(got.BigInt())
		// Rounded up: want ≤ got < want + 1, allowing the reference's 2^-190 relative error.
		slack := new(big.Float).SetPrec(bits).Mul(want, new(big.Float).SetMantExp(big.NewFloat(1), -190))
		require.True(t, new(big.Float).Add(g, slack).Cmp(want) >= 0, "case %d: σ %s below %s", c, got, want.Text('g', 40))
		require.True(t, new(big.Float).Sub(g, big.NewFloat(1)).Cmp(new(big.Float).Add(want, slack)) < 0, "case %d: σ %s not the ceiling of %s", c, got, want.Text('g', 40))
	}
	for _, c := range []struct {
		variance string
		elapsed  time.Duration
		want     string
	}{
		{"4", 24 * time.Hour, "2"},
		{"1", 6 * time.Hour, "2"},
		{"2", 48 * time.Hour, "1"},
		{"0", time.Nanosecond, "0"},
		{"0.000000000000000001", 24 * time.Hour, "0.000000001"},
		{"2", 24 * time.Hour, "1.414213562373095049"}, // √2 = 1.41421356237309504880…, rounded up
	} {
		got, err := DailyVolatility(dec(c.variance), c.elapsed)
		require.NoError(t, err)
		require.Equal(t, dec(c.want).String(), got.String(), "variance %s over %s", c.variance, c.elapsed)
	}
}

func TestDailyVolatilityRejectsBadInput(t *testing.T) {
	_, err := DailyVolatility(dec("1"), 0)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = DailyVolatility(dec("1"), -time.Second)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = DailyVolatility(dec("-1"), time.Hour)
	require.ErrorIs(t, err, ErrOutOfRange)
	_, err = DailyVolatility(sdkmath.LegacyDec{}, time.Hour)
	require.ErrorIs(t, err, ErrOutOfRange)
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 600), sdkmath.LegacyPrecision)
	_, err = DailyVolatility(huge, time.Nanosecond)
	require.ErrorIs(t, err, ErrOutOfRange)
}
