package poolmath

import (
	"fmt"
	"math/big"
	"math/rand"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// railCase is one ClipToRails input, as raws.
type railCase struct {
	current, proposed     []*big.Int
	minW, maxW, maxChange *big.Int
}

func (c railCase) run() ([]sdkmath.LegacyDec, error) {
	return ClipToRails(decsOfRaws(c.current), decsOfRaws(c.proposed), decOfBig(c.minW), decOfBig(c.maxW), decOfBig(c.maxChange))
}

func decOfBig(raw *big.Int) sdkmath.LegacyDec {
	return sdkmath.LegacyNewDecFromBigIntWithPrec(raw, sdkmath.LegacyPrecision)
}

func decsOfRaws(raws []*big.Int) []sdkmath.LegacyDec {
	out := make([]sdkmath.LegacyDec, len(raws))
	for i, r := range raws {
		out[i] = decOfBig(r)
	}
	return out
}

// bounds is the test's own lo_i = max(minW, c_i − δ), hi_i = min(maxW, c_i + δ).
func (c railCase) bounds() (lo, hi []*big.Int) {
	for _, w := range c.current {
		l := new(big.Int).Sub(w, c.maxChange)
		if l.Cmp(c.minW) < 0 {
			l.Set(c.minW)
		}
		h := new(big.Int).Add(w, c.maxChange)
		if h.Cmp(c.maxW) > 0 {
			h.Set(c.maxW)
		}
		lo, hi = append(lo, l), append(hi, h)
	}
	return lo, hi
}

// feasible says whether some x meets the rails: lo ≤ hi and Σlo ≤ 1 ≤ Σhi.
func (c railCase) feasible() bool {
	lo, hi := c.bounds()
	for i := range lo {
		if lo[i].Cmp(hi[i]) > 0 {
			return false
		}
	}
	return sumBig(lo).Cmp(decOneRaw) <= 0 && sumBig(hi).Cmp(decOneRaw) >= 0
}

// checkRails verifies a result: every bound, a sum of exactly 1, and the
// optimality certificate. The exact nearest point is clamp(p + τ*, lo, hi)
// (KKT); so the rounded one must satisfy, for some integer τ (in units of
// 10^-18; ⌊τ*⌋ works), clamp(p + τ − 1) ≤ x ≤ clamp(p + τ + 1) in every
// coordinate. Each side is monotone in τ, so such a τ exists iff
// max_{x_i > lo_i} (x_i − p_i − 1) ≤ min_{x_i < hi_i} (x_i − p_i + 1).
func checkRails(c railCase, got []sdkmath.LegacyDec) error {
	x := rawsOf(got)
	if len(x) != len(c.current) {
		return fmt.Errorf("%d weights for %d assets", len(x), len(c.current))
	}
	if s := sumBig(x); s.Cmp(decOneRaw) != 0 {
		return fmt.Errorf("sum %s", decString(s))
	}
	lo, hi := c.bounds()
	var tauMin, tauMax *big.Int
	for i := range x {
		if x[i].Cmp(c.minW) < 0 || x[i].Cmp(c.maxW) > 0 {
			return fmt.Errorf("weight %d = %s outside [%s, %s]", i, decString(x[i]), decString(c.minW), decString(c.maxW))
		}
		if d := new(big.Int).Sub(x[i], c.current[i]); d.Abs(d).Cmp(c.maxChange) > 0 {
			return fmt.Errorf("weight %d moves by %s > %s", i, decString(d), decString(c.maxChange))
		}
		shift := new(big.Int).Sub(x[i], c.proposed[i])
		if x[i].Cmp(lo[i]) > 0 {
			if t := new(big.Int).Sub(shift, big.NewInt(1)); tauMin == nil || t.Cmp(tauMin) > 0 {
				tauMin = t
			}
		}
		if x[i].Cmp(hi[i]) < 0 {
			if t := new(big.Int).Add(shift, big.NewInt(1)); tauMax == nil || t.Cmp(tauMax) < 0 {
				tauMax = t
			}
		}
	}
	if tauMin != nil && tauMax != nil && tauMin.Cmp(tauMax) > 0 {
		return fmt.Errorf("not the nearest point: no common shift (needs τ ≥ %s and τ ≤ %s units)", tauMin, tauMax)
	}
	return nil
}

func TestClipToRailsExamples(t *testing.T) {
	cases := []struct {
		current, proposed []string
		minW, maxW, delta string
		want              []string
	}{
		// Speed limit binds both ways.
		{[]string{"0.5", "0.5"}, []string{"0.9", "0.1"}, "0.1", "0.8", "0.1", []string{"0.6", "0.4"}},
		// Upper rail binds, the rest shift equally.
		{[]string{"0.4", "0.3", "0.3"}, []string{"1", "0", "0"}, "0.05", "0.9", "1", []string{"0.9", "0.05", "0.05"}},
		// A thirds split: the one unit of remainder goes to the lowest index.
		{[]string{"0.4", "0.3", "0.3"}, []string{"0", "0", "0"}, "0", "1", "1", []string{"0.333333333333333334", "0.333333333333333333", "0.333333333333333333"}},
		// Already feasible: unchanged.
		{[]string{"0.25", "0.25", "0.5"}, []string{"0.3", "0.2", "0.5"}, "0.1", "0.6", "0.05", []string{"0.3", "0.2", "0.5"}},
		// Negative and above-one proposals (momentum overshoot).
		{[]string{"0.5", "0.3", "0.2"}, []string{"-0.7", "1.9", "-0.2"}, "0.05", "0.7", "0.25", []string{"0.25", "0.55", "0.2"}},
		// Rails exactly tight: n·minW = 1.
		{[]string{"0.25", "0.25", "0.25", "0.25"}, []string{"1", "0", "0", "0"}, "0.25", "1", "1", []string{"0.25", "0.25", "0.25", "0.25"}},
	}
	for _, c := range cases {
		got, err := ClipToRails(decsOf(c.current), decsOf(c.proposed), dec(c.minW), dec(c.maxW), dec(c.delta))
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		for i := range got {
			if !got[i].Equal(dec(c.want[i])) {
				t.Fatalf("%v → %v, want %v", c.proposed, got, c.want)
			}
		}
	}
}

func decsOf(ss []string) []sdkmath.LegacyDec {
	out := make([]sdkmath.LegacyDec, len(ss))
	for i, s := range ss {
		out[i] = dec(s)
	}
	return out
}

func TestClipToRailsErrors(t *testing.T) {
	w := decsOf([]string{"0.5", "0.3", "0.2"})
	p := decsOf([]string{"0.4", "0.4", "0.2"})
	huge := sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Lsh(big.NewInt(1), 300), 0)
	cases := []struct {
		name                  string
		current, proposed     []sdkmath.LegacyDec
		minW, maxW, maxChange sdkmath.LegacyDec
		infeasible            bool
	}{
		{"n·minW > 1", w, p, dec("0.34"), dec("1"), dec("1"), true},
		{"n·maxW < 1", w, p, dec("0"), dec("0.33"), dec("1"), true},
		{"current outside rails by more than δ", w, p, dec("0"), dec("0.4"), dec("0.05"), true},
		{"speed limit cannot reach the sum", w, p, dec("0.3"), dec("1"), dec("0.05"), true},
		{"minW > maxW", w, p, dec("0.5"), dec("0.4"), dec("1"), false},
		{"maxW > 1", w, p, dec("0"), dec("1.1"), dec("1"), false},
		{"negative minW", w, p, dec("-0.1"), dec("1"), dec("1"), false},
		{"negative δ", w, p, dec("0"), dec("1"), dec("-0.1"), false},
		{"δ > 1", w, p, dec("0"), dec("1"), dec("1.5"), false},
		{"nil minW", w, p, sdkmath.LegacyDec{}, dec("1"), dec("1"), false},
		{"current does not sum to 1", decsOf([]string{"0.5", "0.3", "0.3"}), p, dec("0"), dec("1"), dec("1"), false},
		{"negative current", decsOf([]string{"1.2", "-0.1", "-0.1"}), p, dec("0"), dec("1"), dec("1"), false},
		{"length mismatch", w, p[:2], dec("0"), dec("1"), dec("1"), false},
		{"one asset", w[:1], p[:1], dec("0"), dec("1"), dec("1"), false},
		{"nine assets", make([]sdkmath.LegacyDec, 9), make([]sdkmath.LegacyDec, 9), dec("0"), dec("1"), dec("1"), false},
		{"huge proposal", w, []sdkmath.LegacyDec{huge, dec("0"), dec("0")}, dec("0"), dec("1"), dec("1"), false},
		{"huge negative proposal", w, []sdkmath.LegacyDec{huge.Neg(), dec("0"), dec("0")}, dec("0"), dec("1"), dec("1"), false},
		{"nil proposal", w, []sdkmath.LegacyDec{{}, dec("0"), dec("0")}, dec("0"), dec("1"), dec("1"), false},
		{"huge δ", w, p, dec("0"), dec("1"), huge, false},
	}
	for _, c := range cases {
		_, err := ClipToRails(c.current, c.proposed, c.minW, c.maxW, c.maxChange)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if c.infeasible != errorsmod.IsOf(err, ErrInfeasibleRails) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// randomRailCase draws a case: random normalized current weights, proposals
// from near the current to wild (±10^40), and rails that are often tight.
func randomRailCase(rng *rand.Rand) railCase {
	n := 2 + rng.Intn(MaxStrategyAssets-1)
	c := railCase{current: make([]*big.Int, n), proposed: make([]*big.Int, n)}
	rest := new(big.Int).Set(decOneRaw)
	for i := range c.current {
		c.current[i] = new(big.Int)
		if i == n-1 {
			c.current[i].Set(rest)
		} else if rest.Sign() > 0 && rng.Intn(8) > 0 {
			c.current[i].Rand(rng, new(big.Int).Add(rest, big.NewInt(1)))
			if rng.Intn(2) == 0 { // keep some room for the others
				c.current[i].Quo(c.current[i], big.NewInt(int64(n-i)))
			}
		}
		rest.Sub(rest, c.current[i])
	}
	rng.Shuffle(n, func(i, j int) { c.current[i], c.current[j] = c.current[j], c.current[i] })
	scales := []*big.Int{big.NewInt(1000), big.NewInt(centRaw), decOneRaw, new(big.Int).Mul(decOneRaw, big.NewInt(3)), pow10(58)}
	scale := scales[rng.Intn(len(scales))]
	for i := range c.proposed {
		d := new(big.Int).Rand(rng, new(big.Int).Lsh(scale, 1))
		d.Sub(d, scale)
		if rng.Intn(2) == 0 {
			d.Add(d, c.current[i])
		}
		c.proposed[i] = d
	}
	fraction := func(den int64) *big.Int { return new(big.Int).Quo(decOneRaw, big.NewInt(den)) }
	c.minW = []*big.Int{new(big.Int), fraction(100), fraction(int64(2 * n)), fraction(int64(n)), new(big.Int).Rand(rng, fraction(int64(n-1)))}[rng.Intn(5)]
	c.maxW = []*big.Int{new(big.Int).Set(decOneRaw), fraction(2), fraction(int64(n)), new(big.Int).Add(c.minW, new(big.Int).Rand(rng, decOneRaw))}[rng.Intn(4)]
	if c.maxW.Cmp(decOneRaw) > 0 {
		c.maxW.Set(decOneRaw)
	}
	if c.maxW.Cmp(c.minW) < 0 {
		c.maxW.Set(c.minW)
	}
	c.maxChange = []*big.Int{new(big.Int), big.NewInt(1), fraction(100), fraction(10), new(big.Int).Set(decOneRaw), new(big.Int).Rand(rng, decOneRaw)}[rng.Intn(6)]
	return c
}

// Every feasible draw returns a point on the rails, summing to exactly 1,
// with the nearest-point certificate; an already feasible proposal comes
// back unchanged; every infeasible draw fails with ErrInfeasibleRails.
func TestClipToRailsProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(42))
	counts := map[string]int{}
	for k := 0; k < 4000; k++ {
		c := randomRailCase(rng)
		got, err := c.run()
		if !c.feasible() {
			if !errorsmod.IsOf(err, ErrInfeasibleRails) {
				t.Fatalf("case %d %+v: infeasible, got %v, %v", k, c, got, err)
			}
			counts["infeasible"]++
			continue
		}
		if err != nil {
			t.Fatalf("case %d %+v: %v", k, c, err)
		}
		if err := checkRails(c, got); err != nil {
			t.Fatalf("case %d %+v: %v (got %v)", k, c, err, got)
		}
		counts["feasible"]++
		// Projecting the result again is a no-op: it is already feasible.
		c2 := c
		c2.proposed = rawsOf(got)
		again, err := c2.run()
		if err != nil {
			t.Fatal(err)
		}
		requireSameRaws(t, "idempotence", again, c2.proposed)
	}
	t.Logf("%v", counts)
}

// SnapToGrid keeps every weight between the floor and the ceiling of its
// exact grid value and sums to the unit exactly.
func TestSnapToGrid(t *testing.T) {
	unit := sdkmath.NewInt(1_000_000_000_000)
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 2000; trial++ {
		x := decsOfRaws(randomRailCase(rng).current)
		got, err := SnapToGrid(x, unit)
		if err != nil {
			t.Fatal(err)
		}
		sum := sdkmath.ZeroInt()
		for i, g := range got {
			exact := x[i].MulInt(unit)
			if g.LT(exact.TruncateInt()) || g.GT(exact.Ceil().TruncateInt()) {
				t.Fatalf("weight %d: %s outside [⌊%s⌋, ⌈%s⌉]", i, g, exact, exact)
			}
			sum = sum.Add(g)
		}
		if !sum.Equal(unit) {
			t.Fatalf("sum %s, want %s", sum, unit)
		}
	}
	if _, err := SnapToGrid([]sdkmath.LegacyDec{sdkmath.LegacyNewDecWithPrec(5, 1), sdkmath.LegacyNewDecWithPrec(6, 1)}, unit); err == nil {
		t.Fatal("weights summing to 1.1 were accepted")
	}
}
