package poolmath

import (
	"fmt"
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
)

func rawsOf(ds []sdkmath.LegacyDec) []*big.Int {
	out := make([]*big.Int, len(ds))
	for i, d := range ds {
		out[i] = d.BigInt()
	}
	return out
}

func requireSumOne(t *testing.T, what string, ws []sdkmath.LegacyDec) {
	t.Helper()
	if s := sumBig(rawsOf(ws)); s.Cmp(decOneRaw) != 0 {
		t.Fatalf("%s: weights sum to %s", what, decString(s))
	}
}

func requireSameRaws(t *testing.T, what string, got []sdkmath.LegacyDec, want []*big.Int) {
	t.Helper()
	for i := range got {
		if got[i].BigInt().Cmp(want[i]) != 0 {
			t.Fatalf("%s: weight %d = %s, reference %s", what, i, got[i], decString(want[i]))
		}
	}
}

// Along every recorded path, with the weights moved each interval by the
// momentum rule through the rails, each rational rule equals its big.Rat
// reference digit for digit (same rounding convention), and the power
// channel is within n/2 + 1 units of 10^-18 of its refBits big.Float
// reference (half a unit from rounding, n/2 from the remainder step, the
// rest far below): better than 1e-15 relative for weights above 0.005.
func TestStrategyRulesMatchReference(t *testing.T) {
	kappa, powKappa, blend := dec("2"), dec("1000"), dec("0.5")
	exponents := []sdkmath.LegacyDec{dec("2"), dec("2.5"), dec("1.000000000000000001")}
	for _, p := range strategyPaths() {
		n := len(p.logs[0])
		states := runEstimators(t, p)
		w := equalWeights(n)
		worstPow := new(big.Float)
		for step := 1; step < len(states); step++ {
			st := states[step]
			ref := refEstimatesOf(st)
			rw := ratsOfDecs(w)
			what := func(rule string) string { return fmt.Sprintf("%s %s step %d", p.name, rule, step) }

			mom, err := MomentumTargets(w, st, kappa)
			if err != nil {
				t.Fatal(err)
			}
			requireSumOne(t, what("momentum"), mom)
			requireSameRaws(t, what("momentum"), mom, refRound(refAdditive(rw, ref.grad, ratOfDec(kappa))))

			anti, err := AntiMomentumTargets(w, st, kappa)
			if err != nil {
				t.Fatal(err)
			}
			requireSumOne(t, what("anti-momentum"), anti)
			requireSameRaws(t, what("anti-momentum"), anti, refRound(refAdditive(rw, ref.grad, new(big.Rat).Neg(ratOfDec(kappa)))))

			mv, err := MinVarianceTargets(w, st, blend)
			if err != nil {
				t.Fatal(err)
			}
			requireSumOne(t, what("min variance"), mv)
			requireSameRaws(t, what("min variance"), mv, refRound(refMinVariance(rw, ref.vari, ratOfDec(blend))))

			for _, q := range exponents {
				pc, err := PowerChannelTargets(w, st, powKappa, q)
				if err != nil {
					t.Fatal(err)
				}
				requireSumOne(t, what("power channel"), pc)
				want := refPowerChannel(rw, ref.grad, ratOfDec(powKappa), ratOfDec(q))
				tol := new(big.Float).SetFloat64(float64(n)/2 + 1)
				for i := range pc {
					d := floatUlpsBetween(pc[i], want[i])
					if d.Cmp(tol) > 0 {
						t.Fatalf("%s: weight %d = %s, reference %s (%s units)", what("power channel q="+q.String()), i, pc[i], want[i].Text('g', 30), d.Text('g', 5))
					}
					if d.Cmp(worstPow) > 0 {
						worstPow = d
					}
				}
			}

			if w, err = ClipToRails(w, mom, dec("0.02"), dec("0.6"), dec("0.01")); err != nil {
				t.Fatalf("%s step %d: %v", p.name, step, err)
			}
		}
		t.Logf("%s (n=%d): final weights %v; power channel worst %s units of 1e-18", p.name, n, w, worstPow.Text('g', 3))
	}
}

// workSignedPow against the refBits reference over gradients from 1e-18 to
// the bound and exponents across their range: its fixed-point result (72
// digits) is within 1e-65·(1 + |g|^q), far below what κ ≤ 1e18 can lift to
// a weight's last digit.
func TestWorkSignedPowPrecision(t *testing.T) {
	grads := []string{"0.000000000000000001", "-0.000001", "0.0123", "-0.5", "1", "-3.75", "2000", "-2000"}
	qs := []string{"1.000000000000000001", "1.5", "2", "3.3", "16"}
	limit := new(big.Float).SetPrec(refBits).SetMantExp(big.NewFloat(1), -215) // < 2e-65
	for _, g := range grads {
		for _, q := range qs {
			got := workSignedPow(dec(g).BigInt(), dec(q).BigInt())
			want := refSignedPow(ratOfDec(dec(g)), ratOfDec(dec(q)))
			gf := new(big.Float).SetPrec(refBits).SetInt(got)
			gf.Quo(gf, new(big.Float).SetPrec(refBits).SetInt(workOne))
			errAbs := gf.Sub(gf, want)
			errAbs.Abs(errAbs)
			scale := new(big.Float).SetPrec(refBits).Abs(want)
			scale.Add(scale, big.NewFloat(1))
			if errAbs.Quo(errAbs, scale).Cmp(limit) > 0 {
				t.Errorf("%s^%s: error %s relative to 1 + |result|", g, q, errAbs.Text('g', 5))
			}
		}
	}
}

func TestFloorTargets(t *testing.T) {
	base := []sdkmath.LegacyDec{dec("0.2"), dec("0.5"), dec("0.3")} // asset 0 is the safe asset
	cases := []struct {
		value, floor, m string
		want            []string
	}{
		{"1", "0.8", "3", []string{"0.4", "0.375", "0.225"}},                               // c = 0.2, R = 0.6
		{"1", "0.5", "3", []string{"0", "0.625", "0.375"}},                                 // m·c = 1.5, capped at 1
		{"1", "1.2", "3", []string{"1", "0", "0"}},                                         // below the floor
		{"2", "0", "0", []string{"1", "0", "0"}},                                           // m = 0
		{"3", "2", "1", []string{"0.666666666666666667", "0.208333333333333333", "0.125"}}, // R = 1/3
	}
	for _, c := range cases {
		got, err := FloorTargets(base, 0, dec(c.value), dec(c.floor), dec(c.m))
		if err != nil {
			t.Fatal(err)
		}
		requireSumOne(t, "floor", got)
		want := refRound(refFloor(ratsOfDecs(base), 0, ratOfDec(dec(c.value)), ratOfDec(dec(c.floor)), ratOfDec(dec(c.m))))
		requireSameRaws(t, "floor vs reference", got, want)
		for i := range got {
			if !got[i].Equal(dec(c.want[i])) {
				t.Fatalf("V=%s F=%s m=%s: %v, want %v", c.value, c.floor, c.m, got, c.want)
			}
		}
	}
	// All base weight on the safe asset: everything stays there.
	got, err := FloorTargets([]sdkmath.LegacyDec{dec("0"), dec("1")}, 1, dec("5"), dec("1"), dec("4"))
	if err != nil || !got[1].Equal(dec("1")) {
		t.Fatalf("all-safe base: %v %v", got, err)
	}
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 300), 0)
	for _, bad := range []struct {
		safe     int
		v, f, m  sdkmath.LegacyDec
		scenario string
	}{
		{3, dec("1"), dec("0"), dec("2"), "safe index"},
		{-1, dec("1"), dec("0"), dec("2"), "negative safe index"},
		{0, dec("0"), dec("0"), dec("2"), "zero value"},
		{0, dec("1"), dec("-1"), dec("2"), "negative floor"},
		{0, dec("1"), dec("0"), dec("1000.1"), "multiplier"},
		{0, huge, dec("0"), dec("2"), "huge value"},
		{0, dec("1"), huge, dec("2"), "huge floor"},
		{0, sdkmath.LegacyDec{}, dec("0"), dec("2"), "nil value"},
	} {
		if _, err := FloorTargets(base, bad.safe, bad.v, bad.f, bad.m); err == nil {
			t.Errorf("%s: no error", bad.scenario)
		}
	}
	// The largest LegacyDec-sized value and floor still work.
	big255 := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(1)), sdkmath.LegacyPrecision)
	if got, err := FloorTargets(base, 2, big255, dec("1"), dec("1000")); err != nil {
		t.Fatal(err)
	} else {
		requireSumOne(t, "huge floor", got)
	}
}

// Rules reject malformed weights, states and parameters, and overflow
// becomes an error: κ = 10^18 on a gradient of 2000 gives weights near 10^21,
// fine; the power channel at q = 16 reaches 10^70, past a LegacyDec.
func TestStrategyRulesRejectBadInput(t *testing.T) {
	p := randomWalkPath(9, 3, "0.9")
	st := runEstimators(t, p)[5]
	w := []sdkmath.LegacyDec{dec("0.5"), dec("0.25"), dec("0.25")}
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 500), 0)
	badW := [][]sdkmath.LegacyDec{
		{dec("0.5"), dec("0.25"), dec("0.26")},
		{dec("1.5"), dec("-0.25"), dec("-0.25")},
		{dec("0.5"), dec("0.5"), {}},
		{dec("1")},
		{huge, dec("0"), dec("0")},
		nil,
	}
	for i, bw := range badW {
		if _, err := MomentumTargets(bw, st, dec("1")); err == nil {
			t.Errorf("weights %d: no error", i)
		}
		if _, err := MinVarianceTargets(bw, st, dec("0.5")); err == nil {
			t.Errorf("weights %d: no error", i)
		}
	}
	for _, k := range []sdkmath.LegacyDec{dec("-1"), {}, huge, dec("1000000000000000000.000000000000000001")} {
		if _, err := MomentumTargets(w, st, k); err == nil {
			t.Errorf("kappa %v: no error", k)
		}
	}
	for _, q := range []sdkmath.LegacyDec{dec("1"), dec("0.5"), dec("16.000000000000000001"), {}} {
		if _, err := PowerChannelTargets(w, st, dec("1"), q); err == nil {
			t.Errorf("q %v: no error", q)
		}
	}
	for _, b := range []sdkmath.LegacyDec{dec("1.1"), dec("-0.1"), {}} {
		if _, err := MinVarianceTargets(w, st, b); err == nil {
			t.Errorf("blend %v: no error", b)
		}
	}
	if _, err := MomentumTargets(w, EstimatorState{}, dec("1")); err == nil {
		t.Error("empty state: no error")
	}
	if _, err := MomentumTargets(w[:2], st, dec("1")); err == nil {
		t.Error("count mismatch: no error")
	}
	// Extreme but valid estimators: gradients at ±2000.
	ext := EstimatorState{Updates: 2, Assets: []AssetEstimate{
		{dec("1000"), dec("1000"), dec("2000"), dec("16000000")},
		{dec("-1000"), dec("-1000"), dec("-2000"), dec("0")},
		{dec("0"), dec("0"), dec("0"), dec("0")},
	}}
	if got, err := MomentumTargets(w, ext, dec("1000000000000000000")); err != nil {
		t.Fatal(err)
	} else {
		requireSumOne(t, "extreme momentum", got)
	}
	if _, err := PowerChannelTargets(w, ext, dec("1000000000000000000"), dec("16")); err == nil {
		t.Error("power channel past a LegacyDec: no error")
	}
	if got, err := PowerChannelTargets(w, ext, dec("1"), dec("16")); err != nil {
		t.Fatal(err)
	} else {
		requireSumOne(t, "extreme power channel", got)
	}
	if got, err := MinVarianceTargets(w, ext, dec("0")); err != nil {
		t.Fatal(err)
	} else {
		requireSumOne(t, "min variance", got)
		t.Logf("min variance with two zero variances: %v", got)
	}
}

// refAdditiveEach is w_i + κ_i·(s_i − Σκ_j·s_j/Σκ_j), exactly.
func refAdditiveEach(w, s, kappas []*big.Rat) []*big.Rat {
	total, weighted := new(big.Rat), new(big.Rat)
	for i := range s {
		total.Add(total, kappas[i])
		weighted.Add(weighted, new(big.Rat).Mul(kappas[i], s[i]))
	}
	out := make([]*big.Rat, len(w))
	for i := range w {
		out[i] = new(big.Rat).Set(w[i])
		if total.Sign() == 0 {
			continue
		}
		move := new(big.Rat).Sub(s[i], new(big.Rat).Quo(weighted, total))
		out[i].Add(out[i], move.Mul(move, kappas[i]))
	}
	return out
}

// Per-asset step sizes: along every recorded path the κ-weighted rule equals
// its big.Rat reference digit for digit; equal step sizes give the scalar
// rule exactly; all-zero step sizes move nothing; a wrong count is refused.
func TestMomentumPerAssetStepSizes(t *testing.T) {
	for _, p := range strategyPaths() {
		n := len(p.logs[0])
		states := runEstimators(t, p)
		w := equalWeights(n)
		kappas := make([]sdkmath.LegacyDec, n)
		for i := range kappas {
			kappas[i] = dec(fmt.Sprintf("%d.25", i))
		}
		for step := 1; step < len(states); step++ {
			st := states[step]
			ref := refEstimatesOf(st)
			got, err := MomentumTargetsEach(w, st, kappas)
			if err != nil {
				t.Fatal(err)
			}
			what := fmt.Sprintf("%s step %d", p.name, step)
			requireSumOne(t, what, got)
			requireSameRaws(t, what, got, refRound(refAdditiveEach(ratsOfDecs(w), ref.grad, ratsOfDecs(kappas))))
			anti, err := AntiMomentumTargetsEach(w, st, kappas)
			if err != nil {
				t.Fatal(err)
			}
			neg := make([]*big.Rat, n)
			for i := range neg {
				neg[i] = new(big.Rat).Neg(ratOfDec(kappas[i]))
			}
			// −κ_i with the same offset: the offset's κ-weighted mean is unchanged by the sign.
			requireSameRaws(t, what+" anti", anti, refRound(refAdditiveEach(ratsOfDecs(w), ref.grad, neg)))
			same, err := MomentumTargetsEach(w, st, repeatDec(dec("2"), n))
			if err != nil {
				t.Fatal(err)
			}
			scalar, err := MomentumTargets(w, st, dec("2"))
			if err != nil {
				t.Fatal(err)
			}
			requireSameRaws(t, what+" equal", same, rawsOf(scalar))
			still, err := MomentumTargetsEach(w, st, repeatDec(dec("0"), n))
			if err != nil {
				t.Fatal(err)
			}
			requireSameRaws(t, what+" zero", still, rawsOf(w))
			w = got
			if _, err := ClipToRails(w, w, dec("0"), dec("1"), dec("1")); err != nil { // keep w a valid weight vector
				w = equalWeights(n)
			}
		}
	}
	w := equalWeights(2)
	if _, err := MomentumTargetsEach(w, EstimatorState{Updates: 1, Assets: make([]AssetEstimate, 2)}, []sdkmath.LegacyDec{dec("1")}); err == nil {
		t.Fatal("one step size for two assets was accepted")
	}
}
