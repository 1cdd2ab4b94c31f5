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

// benchStrategy is an eight-asset pool's estimators after 30 intervals of a
// random walk, with equal weights.
func benchStrategy(b *testing.B) ([]sdkmath.LegacyDec, EstimatorState) {
	p := randomWalkPath(11, 8, "0.9")
	var st EstimatorState
	for _, l := range p.logs[:30] {
		var err error
		if st, err = UpdateEstimators(st, l, p.lambda); err != nil {
			b.Fatal(err)
		}
	}
	return equalWeights(8), st
}

func BenchmarkUpdateEstimators(b *testing.B) {
	_, st := benchStrategy(b)
	l, lambda := randomWalkPath(11, 8, "0.9").logs[30], dec("0.9")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := UpdateEstimators(st, l, lambda); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMomentumTargets(b *testing.B) {
	w, st := benchStrategy(b)
	kappa := dec("2")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := MomentumTargets(w, st, kappa); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAntiMomentumTargets(b *testing.B) {
	w, st := benchStrategy(b)
	kappa := dec("2")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := AntiMomentumTargets(w, st, kappa); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPowerChannelTargets(b *testing.B) {
	w, st := benchStrategy(b)
	kappa, q := dec("1000"), dec("2.5")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := PowerChannelTargets(w, st, kappa, q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMinVarianceTargets(b *testing.B) {
	w, st := benchStrategy(b)
	blend := dec("0.5")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := MinVarianceTargets(w, st, blend); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFloorTargets(b *testing.B) {
	w, _ := benchStrategy(b)
	value, floor, m := dec("1.07"), dec("0.9"), dec("4")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := FloorTargets(w, 0, value, floor, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClipToRails clips a momentum overshoot on eight assets, with the
// rails and the speed limit both binding.
func BenchmarkClipToRails(b *testing.B) {
	w, _ := benchStrategy(b)
	proposed := decsOf([]string{"-0.3", "0.9", "0.2", "0.05", "0.125", "0.125", "-0.2", "0.1"})
	minW, maxW, delta := dec("0.02"), dec("0.3"), dec("0.05")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ClipToRails(w, proposed, minW, maxW, delta); err != nil {
			b.Fatal(err)
		}
	}
}
