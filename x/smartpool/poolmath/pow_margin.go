package poolmath

import (
	"math/big"
	"math/bits"
)

// PowUp and PowDown move a power's raw r by the margin floor(r/10^40) + 1
// (PowMarginDigits). It is computed on 64-bit words, without math/big's
// allocations: 10^40 = 2^40 · 5^27 · 5^13, so the floor division is a shift
// and two one-word divisions, each exact as a floor.
var marginFives = fivesOf(PowMarginDigits)

// fivesOf splits 5^k into one-word factors, 5^27 < 2^63 at most each.
func fivesOf(k int) []uint64 {
	var fs []uint64
	for ; k > 0; k -= 27 {
		f := uint64(1)
		for i := 0; i < k && i < 27; i++ {
			f *= 5
		}
		fs = append(fs, f)
	}
	return fs
}

// marginWords is how many 64-bit words the margin is taken on: a raw below
// 2^(64·marginWords − 1), any fast-path result (below 2^600) among them,
// moved up by its margin still fits.
const marginWords = 11

// withMargin is x ≥ 0 moved by the margin in direction (+1 up, −1 down and
// floored at zero, 0 unmoved), as a new big.Int.
func withMargin(x *big.Int, direction int) *big.Int {
	var w [marginWords]uint64
	switch {
	case direction == 0:
		return new(big.Int).Set(x)
	case x.BitLen() < 64*marginWords && limbsOf(x, w[:]):
		addMarginWords(w[:], direction)
		return bigOfLimbs(w[:])
	}
	m := new(big.Int).Quo(x, pow10(PowMarginDigits))
	m.Add(m, big.NewInt(1))
	if direction > 0 {
		return m.Add(x, m)
	}
	if m.Sub(x, m).Sign() < 0 {
		m.SetInt64(0)
	}
	return m
}

// addMarginWords moves the little-endian words r (at most marginWords of
// them, the top bit clear) by the margin in place.
func addMarginWords(r []uint64, direction int) {
	var m [marginWords]uint64
	q := m[:len(r)]
	shiftLimbsRight(q, r, PowMarginDigits)
	for _, f := range marginFives {
		var rem uint64
		for i := len(q) - 1; i >= 0; i-- {
			q[i], rem = bits.Div64(rem, q[i], f)
		}
	}
	var c uint64
	if direction > 0 {
		c = 1
		for i := range r {
			r[i], c = bits.Add64(r[i], q[i], c)
		}
		return
	}
	c = 1
	for i := range r {
		r[i], c = bits.Sub64(r[i], q[i], c)
	}
	if c != 0 { // below zero
		for i := range r {
			r[i] = 0
		}
	}
}
