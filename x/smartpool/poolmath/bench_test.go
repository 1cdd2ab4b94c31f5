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
