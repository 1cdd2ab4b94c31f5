package poolmath

import (
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
)

// runEstimators folds a whole path and returns the state after each step.
func runEstimators(t *testing.T, p pricePath) []EstimatorState {
	t.Helper()
	var st EstimatorState
	var out []EstimatorState
	for step, l := range p.logs {
		next, err := UpdateEstimators(st, l, p.lambda)
		if err != nil {
			t.Fatalf("%s step %d: %v", p.name, step, err)
		}
		out = append(out, next)
		st = next
	}
	return out
}

// Each step equals the exact formula on the previous stored state, rounded
// to nearest, digit for digit; over the whole path the stored values stay
// within 2/(1−λ) units of 10^-18 of exact real arithmetic with no rounding
// at all (the documented drift bound; v's share of it assumes |r − ḡ| ≤ 1,
// true on these paths). For λ = 0.9 that is 2e-17 absolute, 1e-15 relative
// for values from 0.02 up; smaller values (gradients are ~1e-3) are held to
// the absolute bound, which is what 18-digit storage allows.
func TestStrategyEstimatorsMatchReference(t *testing.T) {
	for _, p := range strategyPaths() {
		lam := ratOfDec(p.lambda)
		tol := new(big.Rat).Quo(ratInt(2), new(big.Rat).Sub(ratInt(1), lam))
		states := runEstimators(t, p)
		var exact refEstimates
		worst := new(big.Rat)
		for step, st := range states {
			prices := ratsOfDecs(p.logs[step])
			var prev refEstimates
			if step > 0 {
				prev = refEstimatesOf(states[step-1])
			}
			want := refUpdate(prev, prices, lam)
			exact = refUpdate(exact, prices, lam)
			if st.Updates != uint64(step+1) {
				t.Fatalf("%s step %d: Updates = %d", p.name, step, st.Updates)
			}
			for i, a := range st.Assets {
				got := []sdkmath.LegacyDec{a.LastLogPrice, a.MeanLogPrice, a.Gradient, a.Variance}
				stepRef := []*big.Rat{want.last[i], want.mean[i], want.grad[i], want.vari[i]}
				pathRef := []*big.Rat{exact.last[i], exact.mean[i], exact.grad[i], exact.vari[i]}
				for f := range got {
					if got[f].BigInt().Cmp(ratRoundRaw(stepRef[f])) != 0 {
						t.Fatalf("%s step %d asset %d field %d: got %s, exact rounding %s", p.name, step, i, f, got[f], stepRef[f].FloatString(20))
					}
					drift := ulpsBetween(got[f], pathRef[f])
					if drift.Cmp(tol) > 0 {
						t.Fatalf("%s step %d asset %d field %d: %s units from the exact path, bound %s", p.name, step, i, f, drift.FloatString(3), tol.FloatString(3))
					}
					if drift.Cmp(worst) > 0 {
						worst = drift
					}
				}
			}
		}
		t.Logf("%s (n=%d, λ=%s): worst drift from exact arithmetic %s units of 1e-18 (bound %s)", p.name, len(p.logs[0]), p.lambda, worst.FloatString(3), tol.FloatString(1))
	}
}

func TestUpdateEstimatorsFirstCallAndInputs(t *testing.T) {
	l := []sdkmath.LegacyDec{dec("0.5"), dec("-1.25")}
	st, err := UpdateEstimators(EstimatorState{}, l, dec("0.9"))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range st.Assets {
		if !a.LastLogPrice.Equal(l[i]) || !a.MeanLogPrice.Equal(l[i]) || !a.Gradient.IsZero() || !a.Variance.IsZero() || st.Updates != 1 {
			t.Fatalf("first call: %+v", st)
		}
	}
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 400), 0)
	bad := []struct {
		name   string
		state  EstimatorState
		prices []sdkmath.LegacyDec
		lambda sdkmath.LegacyDec
	}{
		{"one asset", EstimatorState{}, l[:1], dec("0.9")},
		{"nine assets", EstimatorState{}, make([]sdkmath.LegacyDec, 9), dec("0.9")},
		{"nil price", EstimatorState{}, []sdkmath.LegacyDec{l[0], {}}, dec("0.9")},
		{"huge price", EstimatorState{}, []sdkmath.LegacyDec{l[0], huge}, dec("0.9")},
		{"price past the bound", EstimatorState{}, []sdkmath.LegacyDec{l[0], dec("-1000.000000000000000001")}, dec("0.9")},
		{"lambda 1", EstimatorState{}, l, dec("1")},
		{"negative lambda", EstimatorState{}, l, dec("-0.1")},
		{"nil lambda", EstimatorState{}, l, sdkmath.LegacyDec{}},
		{"count changes", st, []sdkmath.LegacyDec{l[0], l[1], l[0]}, dec("0.9")},
		{"corrupt state", EstimatorState{Updates: 3, Assets: []AssetEstimate{st.Assets[0], {LastLogPrice: huge}}}, l, dec("0.9")},
		{"negative variance", EstimatorState{Updates: 3, Assets: []AssetEstimate{st.Assets[0], {st.Assets[1].LastLogPrice, st.Assets[1].MeanLogPrice, dec("0"), dec("-0.000000000000000001")}}}, l, dec("0.9")},
	}
	for _, c := range bad {
		if _, err := UpdateEstimators(c.state, c.prices, c.lambda); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// The state stays inside its own bounds at the extremes: log prices that
// jump between ±MaxAbsLogPrice every interval, with λ at both ends.
func TestUpdateEstimatorsExtremesStayInBounds(t *testing.T) {
	hi, lo := dec("1000"), dec("-1000")
	for _, lambda := range []string{"0", "0.5", "0.999999999999999999"} {
		var st EstimatorState
		for step := 0; step < 50; step++ {
			l := []sdkmath.LegacyDec{hi, lo}
			if step%2 == 1 {
				l[0], l[1] = lo, hi
			}
			next, err := UpdateEstimators(st, l, dec(lambda))
			if err != nil {
				t.Fatalf("λ=%s step %d: %v", lambda, step, err)
			}
			st = next
		}
		t.Logf("λ=%s: gradient %s, variance %s", lambda, st.Assets[0].Gradient, st.Assets[0].Variance)
	}
}
