package poolmath

import (
	"fmt"
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func ints(vs ...int64) []sdkmath.Int {
	out := make([]sdkmath.Int, len(vs))
	for i, v := range vs {
		out[i] = i64(v)
	}
	return out
}

func TestProportionalRoundsForThePool(t *testing.T) {
	balances := ints(1_000_001, 3, 999)
	in, err := TokensInForSharesOut(balances, i64(1000), i64(1))
	require.NoError(t, err)
	require.Equal(t, "[1001 1 1]", fmtInts(in)) // ceil(1000.001), ceil(0.003), ceil(0.999)
	out, err := TokensOutForSharesIn(balances, i64(1000), i64(1))
	require.NoError(t, err)
	require.Equal(t, "[1000 0 0]", fmtInts(out))

	_, err = TokensOutForSharesIn(balances, i64(1000), i64(1000))
	require.ErrorIs(t, err, ErrPoolDrained)
	_, err = TokensInForSharesOut(balances, i64(1000), i64(0))
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = TokensInForSharesOut(nil, i64(1000), i64(1))
	require.ErrorIs(t, err, ErrLengthMismatch)
}

// A single-asset join equals the multi-asset join with one non-zero amount,
// and without fee it matches V-growth: S·((B+A)/B)^w − S.
func TestSingleAssetJoinAgreesWithMultiAssetJoin(t *testing.T) {
	fee := sdkmath.LegacyNewDecWithPrec(25, 4)
	balances, weights := ints(5_000_000_000, 7_000_000, 123_456_789), ints(60, 25, 15)
	shares := i64(100).Mul(sdkmath.NewIntWithDecimal(1, 18))
	for i := range balances {
		amt := balances[i].QuoRaw(7)
		single, err := CalcSharesOutGivenSingleIn(balances[i], weights[i], i64(100), shares, amt, fee)
		require.NoError(t, err)
		amounts := ints(0, 0, 0)
		amounts[i] = amt
		multi, err := CalcSharesOutGivenTokensIn(balances, weights, shares, amounts, fee)
		require.NoError(t, err)
		diff := single.Sub(multi).Abs()
		require.True(t, diff.LTE(i64(1)), "asset %d: single %s, multi %s", i, single, multi)
	}
	// 25% weight, deposit 44% of the balance: ((1.44)^0.25 − 1)·S = 0.0954451150103...·S
	got, err := CalcSharesOutGivenSingleIn(i64(1_000_000), i64(25), i64(100), shares, i64(440_000), zeroFee)
	require.NoError(t, err)
	require.Equal(t, "9544511501033222691", got.String())
}

// A proportional deposit through the multi-asset join pays no fee and mints
// (up to rounding) what the proportional join mints.
func TestProportionalDepositPaysNoFee(t *testing.T) {
	balances, weights := ints(1_000_000, 4_000_000), ints(50, 50)
	shares := i64(1_000_000_000)
	got, err := CalcSharesOutGivenTokensIn(balances, weights, shares, ints(10_000, 40_000), sdkmath.LegacyNewDecWithPrec(1, 1))
	require.NoError(t, err)
	require.True(t, got.GTE(i64(9_999_999)) && got.LTE(i64(10_000_000)), "got %s", got)
}

func TestSingleAssetExitIsTheMirrorOfJoin(t *testing.T) {
	shares := i64(100).Mul(sdkmath.NewIntWithDecimal(1, 18))
	// Exit 10% of shares from a 25% asset without fee: B·(1 − 0.9^4) = 0.3439·B.
	out, err := CalcSingleOutGivenSharesIn(i64(1_000_000_000), i64(25), i64(100), shares, shares.QuoRaw(10), zeroFee)
	require.NoError(t, err)
	require.True(t, out.Equal(i64(343_899_999)) || out.Equal(i64(343_900_000)), "got %s", out)

	_, err = CalcSingleOutGivenSharesIn(i64(1), i64(25), i64(100), shares, shares, zeroFee)
	require.ErrorIs(t, err, ErrPoolDrained)
	_, err = CalcSingleOutGivenSharesIn(i64(1), i64(101), i64(100), shares, i64(1), zeroFee)
	require.ErrorIs(t, err, ErrOutOfRange)
	_, err = CalcSharesOutGivenTokensIn(ints(1, 1), ints(1, 1), shares, ints(0, 0), zeroFee)
	require.ErrorIs(t, err, ErrNonPositive)
	_, err = CalcSharesOutGivenTokensIn(ints(1, 1), ints(1, 1), shares, ints(0), zeroFee)
	require.ErrorIs(t, err, ErrLengthMismatch)
	_, err = CalcSharesOutGivenTokensIn(ints(1, 1), ints(1, 1), shares, ints(5, -1), zeroFee)
	require.ErrorIs(t, err, ErrNonPositive)
}

func TestInvariant(t *testing.T) {
	// Equal weights: V = sqrt(Bi·Bo).
	v, err := Invariant(ints(4_000_000, 9_000_000), ints(1, 1))
	require.NoError(t, err)
	e := relErr(v, refFromFixed(FixedFromInt(i64(6_000_000))))
	require.True(t, e.Cmp(big.NewFloat(1e-50)) <= 0, "V = %s", v)
	_, err = Invariant(ints(1, 0), ints(1, 1))
	require.ErrorIs(t, err, ErrNonPositive)
}

func fmtInts(vs []sdkmath.Int) string { return fmt.Sprint(vs) }
