package poolmath

import (
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
)

// A manipulator who moves one asset's TWAP by s for a single interval (it
// reverts the next) changes that asset's return by +s and then −s. The
// gradient is linear in the returns, so its change is exactly
//
//	δḡ_k(t0) = (1−λ)·s,  δḡ_k(t0+j) = −λ^(j−1)·(1−λ)²·s  (j ≥ 1),
//
// and no other asset's gradient changes. Every momentum-type target moves by
// κ·(δḡ_i − mean δḡ), so by at most κ·(1−λ)·|s|·(n−1)/n, at t0, and
// geometrically less after. The test checks these bounds on a random walk,
// with a tolerance for the two paths' independent rounding: each stored ḡ is
// within 1/(2(1−λ)) units of its exact value, so their difference within
// 1/(1−λ), and a target within κ·2/(1−λ) + n units more.
func TestStrategySpikeBoundedByEMA(t *testing.T) {
	const spikeStep, asset = 20, 1
	spike := dec("0.5") // a 65% TWAP move held for one whole interval
	kappa := dec("3")
	for _, lambda := range []string{"0.5", "0.8", "0.95"} {
		base := randomWalkPath(7, 4, lambda)
		spiked := pricePath{name: "spiked", lambda: base.lambda}
		for step, row := range base.logs {
			r := append([]sdkmath.LegacyDec(nil), row...)
			if step == spikeStep {
				r[asset] = r[asset].Add(spike)
			}
			spiked.logs = append(spiked.logs, r)
		}
		a, b := runEstimators(t, base), runEstimators(t, spiked)
		n := int64(len(base.logs[0]))
		lam := ratOfDec(base.lambda)
		keep := new(big.Rat).Sub(ratInt(1), lam)
		ulp := new(big.Rat).SetFrac(big.NewInt(1), decOneRaw)
		gradTol := new(big.Rat).Quo(ulp, keep)
		w := equalWeights(int(n))
		targetBound := new(big.Rat).Mul(ratOfDec(kappa), new(big.Rat).Mul(keep, ratOfDec(spike)))
		targetBound.Mul(targetBound, big.NewRat(n-1, n))
		targetTol := new(big.Rat).Add(new(big.Rat).Mul(ratOfDec(kappa), new(big.Rat).Mul(gradTol, ratInt(2))), new(big.Rat).Mul(ulp, ratInt(n)))
		worst := new(big.Rat)
		for step := range a {
			// The exact gradient change at this step.
			want := new(big.Rat)
			if step == spikeStep {
				want.Mul(keep, ratOfDec(spike))
			} else if j := step - spikeStep; j >= 1 {
				want.Mul(keep, keep).Mul(want, ratOfDec(spike)).Neg(want)
				for k := 1; k < j; k++ {
					want.Mul(want, lam)
				}
			}
			for i := range a[step].Assets {
				d := new(big.Rat).Sub(ratOfDec(b[step].Assets[i].Gradient), ratOfDec(a[step].Assets[i].Gradient))
				expect := new(big.Rat)
				if i == asset {
					expect = want
				}
				if e := new(big.Rat).Sub(d, expect); e.Abs(e).Cmp(gradTol) > 0 {
					t.Fatalf("λ=%s step %d asset %d: gradient moved %s, expected %s", lambda, step, i, d.FloatString(20), expect.FloatString(20))
				}
			}
			if step == 0 {
				continue
			}
			for _, rule := range []func([]sdkmath.LegacyDec, EstimatorState, sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error){MomentumTargets, AntiMomentumTargets} {
				ta, err := rule(w, a[step], kappa)
				if err != nil {
					t.Fatal(err)
				}
				tb, err := rule(w, b[step], kappa)
				if err != nil {
					t.Fatal(err)
				}
				bound := new(big.Rat).Set(targetBound)
				if step > spikeStep { // the decayed effect: κ·|δḡ_k|·(n−1)/n
					bound.Mul(ratOfDec(kappa), new(big.Rat).Abs(want)).Mul(bound, big.NewRat(n-1, n))
				} else if step < spikeStep {
					bound.SetInt64(0)
				}
				bound.Add(bound, targetTol)
				for i := range ta {
					d := new(big.Rat).Sub(ratOfDec(tb[i]), ratOfDec(ta[i]))
					d.Abs(d)
					if d.Cmp(bound) > 0 {
						t.Fatalf("λ=%s step %d weight %d: target moved %s > %s", lambda, step, i, d.FloatString(20), bound.FloatString(20))
					}
					if d.Cmp(worst) > 0 {
						worst = d
					}
				}
			}
		}
		// The bound is attained (to rounding) by the spiked asset at t0.
		if e := new(big.Rat).Sub(targetBound, worst); e.Abs(e).Cmp(targetTol) > 0 {
			t.Fatalf("λ=%s: worst move %s, analytic bound %s: not tight", lambda, worst.FloatString(18), targetBound.FloatString(18))
		}
		t.Logf("λ=%s: spike %s moved a target by at most %s (bound κ(1−λ)|s|(n−1)/n = %s)", lambda, spike, worst.FloatString(18), targetBound.FloatString(18))
	}
}
