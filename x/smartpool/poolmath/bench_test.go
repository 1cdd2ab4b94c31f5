package poolmath

import (
	"testing"

	sdkmath "cosmossdk.io/math"
)

func BenchmarkCalcOutGivenIn(b *testing.B) {
	fee := sdkmath.LegacyNewDecWithPrec(3, 3)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := CalcOutGivenIn(i64(1_000_000_000_000), i64(80), i64(3_000_000_000), i64(20), i64(1_234_567_891), fee); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCalcSharesOutGivenTokensIn(b *testing.B) {
	fee := sdkmath.LegacyNewDecWithPrec(3, 3)
	balances, weights, amounts := ints(1e12, 3e9, 5e10), ints(50, 30, 20), ints(1e9, 0, 7e8)
	shares := i64(100).Mul(sdkmath.NewIntWithDecimal(1, 18))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := CalcSharesOutGivenTokensIn(balances, weights, shares, amounts, fee); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJoinExitFeeFactor(b *testing.B) {
	fee, w := sdkmath.LegacyNewDecWithPrec(3, 3), FixedRatio(i64(30), i64(100))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := JoinExitFeeFactor(fee, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPairVarianceStep is one step for an eight-asset pool.
func BenchmarkPairVarianceStep(b *testing.B) {
	prev, cur := make([]sdkmath.LegacyDec, 8), make([]sdkmath.LegacyDec, 8)
	for i := range cur {
		prev[i] = sdkmath.LegacyNewDecWithPrec(int64(1_000_003*(i+1)), 4)
		cur[i] = prev[i].Add(sdkmath.LegacyNewDecWithPrec(int64(7_919*(i-3)), 6))
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := PairVarianceStep(prev, cur); err != nil {
			b.Fatal(err)
		}
	}
}
