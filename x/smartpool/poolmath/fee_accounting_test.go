package poolmath

import (
	"math/big"
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// managementSharesRat is the reference: floor(S · r·Δt / (Y − r·Δt)) in
// exact rationals, with r and Δt (capped at Y) as given.
func managementSharesRat(shares *big.Int, rate sdkmath.LegacyDec, elapsed time.Duration) *big.Int {
	dt := min(elapsed, ManagementYear)
	r := new(big.Rat).SetFrac(rate.BigInt(), decOneRaw)
	given := new(big.Rat).Mul(r, new(big.Rat).SetFrac64(int64(dt), int64(ManagementYear))) // r·Δt/Y
	kept := new(big.Rat).Sub(big.NewRat(1, 1), given)
	m := new(big.Rat).Mul(new(big.Rat).SetInt(shares), given)
	m.Quo(m, kept)
	return new(big.Int).Quo(m.Num(), m.Denom())
}

// randRate is an annual rate in [0, 0.5] with all 18 digits random, often 0
// or exactly 0.5.
func randRate(rng *rand.Rand) sdkmath.LegacyDec {
	switch rng.Intn(10) {
	case 0:
		return sdkmath.LegacyZeroDec()
	case 1:
		return maxManagementRate
	}
	return sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Rand(rng, new(big.Int).Add(maxManagementRate.BigInt(), big.NewInt(1))), sdkmath.LegacyPrecision)
}

// randElapsed is 0, 1 ns, a year exactly, up to two years, or anything
// between, spread over the scales.
func randElapsed(rng *rand.Rand) time.Duration {
	switch rng.Intn(10) {
	case 0:
		return 0
	case 1:
		return time.Nanosecond
	case 2:
		return ManagementYear
	}
	return time.Duration(rng.Int63n(int64(2*ManagementYear)>>uint(rng.Intn(50)) + 1))
}

func TestManagementFeeSharesMatchesRat(t *testing.T) {
	rng := rand.New(rand.NewSource(20261208))
	for c := 0; c < 5000; c++ {
		shares := randPositive(rng, 250)
		if c%10 == 0 {
			shares = sdkmath.ZeroInt()
		}
		rate, elapsed := randRate(rng), randElapsed(rng)
		got, err := ManagementFeeShares(shares, rate, elapsed)
		require.NoError(t, err)
		want := managementSharesRat(shares.BigInt(), rate, elapsed)
		require.Equal(t, want.String(), got.String(), "case %d: S %s, rate %s, Δt %s", c, shares, rate, elapsed)
	}
	// A full year at 50%: the holders keep half, so S new shares.
	got, err := ManagementFeeShares(i64(1_000_000), maxManagementRate, 3*ManagementYear)
	require.NoError(t, err)
	require.Equal(t, "1000000", got.String())
	// A day at 2%: 10^18 · (0.02/365) / (1 − 0.02/365) = 54797523151953.53…, rounded down.
	got, err = ManagementFeeShares(sdkmath.NewIntWithDecimal(1, 18), dec("0.02"), 24*time.Hour)
	require.NoError(t, err)
	require.Equal(t, "54797523151953", got.String())
}

// TestManagementFeeSharesSequence accrues the fee again and again at random
// intervals, with joins and exits between, and follows the same sequence in
// big.Rat: every step matches to the share, and over the sequence the
// holders never give up more of the pool than the rate allows.
func TestManagementFeeSharesSequence(t *testing.T) {
	rng := rand.New(rand.NewSource(20261209))
	for seq := 0; seq < 200; seq++ {
		shares := randPositive(rng, 200).AddRaw(1_000_000)
		ref := shares.BigInt()
		rate := randRate(rng)
		// What the holders of a unit of shares own, as a fraction of the
		// pool, against what the rate lets them keep at least.
		owned, floor := big.NewRat(1, 1), big.NewRat(1, 1)
		for step := 0; step < 50; step++ {
			elapsed := time.Duration(rng.Int63n(int64(30*24*time.Hour)) + 1)
			minted, err := ManagementFeeShares(shares, rate, elapsed)
			require.NoError(t, err)
			want := managementSharesRat(ref, rate, elapsed)
			require.Equal(t, want.String(), minted.String(), "sequence %d step %d", seq, step)
			owned.Mul(owned, new(big.Rat).SetFrac(shares.BigInt(), shares.Add(minted).BigInt()))
			kept := new(big.Rat).Mul(new(big.Rat).SetFrac(rate.BigInt(), decOneRaw), new(big.Rat).SetFrac64(int64(elapsed), int64(ManagementYear)))
			floor.Mul(floor, kept.Sub(big.NewRat(1, 1), kept))
			require.True(t, owned.Cmp(floor) >= 0, "sequence %d step %d: holders own %s of the pool, the rate allows %s", seq, step, owned.FloatString(30), floor.FloatString(30))
			shares, ref = shares.Add(minted), new(big.Int).Add(ref, want)
			// A join or an exit of up to a tenth of the shares.
			delta := sdkmath.NewIntFromBigInt(new(big.Int).Rand(rng, shares.QuoRaw(10).AddRaw(1).BigInt()))
			if rng.Intn(2) == 0 {
				delta = delta.Neg()
			}
			shares, ref = shares.Add(delta), new(big.Int).Add(ref, delta.BigInt())
			require.Equal(t, ref.String(), shares.String())
		}
	}
}

func TestManagementFeeSharesRejectsBadInput(t *testing.T) {
	s := i64(1_000_000)
	_, err := ManagementFeeShares(s, dec("0.01"), -time.Nanosecond)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = ManagementFeeShares(i64(-1), dec("0.01"), time.Hour)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = ManagementFeeShares(sdkmath.Int{}, dec("0.01"), time.Hour)
	require.ErrorIs(t, err, ErrNonPositive)
	for _, rate := range []sdkmath.LegacyDec{dec("0.500000000000000001"), dec("-0.01"), {}} {
		_, err = ManagementFeeShares(s, rate, time.Hour)
		require.ErrorIs(t, err, ErrOutOfRange, "rate %v", rate)
	}
	for _, c := range []struct {
		shares  sdkmath.Int
		rate    sdkmath.LegacyDec
		elapsed time.Duration
	}{{s, dec("0"), time.Hour}, {s, dec("0.1"), 0}, {i64(0), dec("0.1"), time.Hour}} {
		got, err := ManagementFeeShares(c.shares, c.rate, c.elapsed)
		require.NoError(t, err)
		require.True(t, got.IsZero())
	}
}

// randShare is a fraction in [0, 1] with all 18 digits random, often an end.
func randShare(rng *rand.Rand) sdkmath.LegacyDec {
	switch rng.Intn(8) {
	case 0:
		return sdkmath.LegacyZeroDec()
	case 1:
		return sdkmath.LegacyOneDec()
	}
	return sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Rand(rng, decOneRaw), sdkmath.LegacyPrecision)
}

// floorMulRat is floor(amount·rate) in exact rationals.
func floorMulRat(amount sdkmath.Int, rate sdkmath.LegacyDec) string {
	p := new(big.Rat).Mul(new(big.Rat).SetInt(amount.BigInt()), new(big.Rat).SetFrac(rate.BigInt(), decOneRaw))
	return new(big.Int).Quo(p.Num(), p.Denom()).String()
}

func TestSplitProtocolFeeMatchesRat(t *testing.T) {
	rng := rand.New(rand.NewSource(20261210))
	for c := 0; c < 5000; c++ {
		fee, share := randPositive(rng, 255), randShare(rng)
		protocol, lp := SplitProtocolFee(fee, share)
		require.Equal(t, floorMulRat(fee, share), protocol.String(), "case %d: fee %s, share %s", c, fee, share)
		require.True(t, protocol.Add(lp).Equal(fee) && !lp.IsNegative(), "case %d: %s + %s ≠ %s", c, protocol, lp, fee)
	}
	for _, c := range []struct {
		fee               sdkmath.Int
		share             sdkmath.LegacyDec
		protocol, lpShare string
	}{
		{i64(999), dec("0.5"), "499", "500"},
		{i64(999), dec("1.5"), "999", "0"},
		{i64(999), dec("-0.5"), "0", "999"},
		{i64(999), sdkmath.LegacyDec{}, "0", "999"},
		{i64(-7), dec("0.5"), "0", "-7"},
		{sdkmath.Int{}, dec("0.5"), "0", "0"},
	} {
		protocol, lp := SplitProtocolFee(c.fee, c.share)
		require.Equal(t, c.protocol+" "+c.lpShare, protocol.String()+" "+lp.String(), "fee %v, share %v", c.fee, c.share)
	}
}

func TestSwapFeeAmountMatchesRat(t *testing.T) {
	rng := rand.New(rand.NewSource(20261211))
	for c := 0; c < 5000; c++ {
		amount, fee := randPositive(rng, 255), randShare(rng)
		require.Equal(t, floorMulRat(amount, fee), SwapFeeAmount(amount, fee).String(), "case %d: amount %s, fee %s", c, amount, fee)
	}
	require.Equal(t, "2", SwapFeeAmount(i64(999), dec("0.003")).String()) // 2.997 down
	for _, c := range []struct {
		amount sdkmath.Int
		fee    sdkmath.LegacyDec
		want   string
	}{
		{i64(1_000), dec("2"), "1000"}, {i64(1_000), dec("-0.1"), "0"}, {i64(1_000), sdkmath.LegacyDec{}, "0"},
		{i64(-1_000), dec("0.1"), "0"}, {sdkmath.Int{}, dec("0.1"), "0"},
	} {
		require.Equal(t, c.want, SwapFeeAmount(c.amount, c.fee).String(), "amount %v, fee %v", c.amount, c.fee)
	}
}
