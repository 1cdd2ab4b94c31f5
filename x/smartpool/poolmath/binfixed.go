package poolmath

import (
	"math/big"
	"math/bits"
)

// The fast power (pow_fast.go) computes in binary fixed point held in
// fixed-width words, with math/bits doing the carries, so that nothing
// allocates until its result is converted back to a Fixed. Words are little
// endian. Every operation that drops bits truncates, which the error bound
// in pow_fast.go counts as less than one unit of 2^-192 (an "ulp") each.

// frac192 is the binary fraction (hi·2^128 + mid·2^64 + lo) / 2^192, in
// [0, 1). It is a struct, not an array, so that the compiler keeps it in
// registers.
type frac192 struct{ lo, mid, hi uint64 }

// fix192 is the unsigned number n + f: a 64-bit integer part above 192
// fraction bits.
type fix192 struct {
	f frac192
	n uint64
}

// fixOf is the fix192 with integer part n and fraction f.
func fixOf(n uint64, f frac192) fix192 { return fix192{f, n} }

func (f frac192) isZero() bool { return f.lo|f.mid|f.hi == 0 }

// addFrac is a + b and the carry out of the fraction (1 if a + b ≥ 1).
func addFrac(a, b frac192) (frac192, uint64) {
	var s frac192
	var c uint64
	s.lo, c = bits.Add64(a.lo, b.lo, 0)
	s.mid, c = bits.Add64(a.mid, b.mid, c)
	s.hi, c = bits.Add64(a.hi, b.hi, c)
	return s, c
}

// subFrac is a − b and the borrow (1 if a < b, the difference then wrapped).
func subFrac(a, b frac192) (frac192, uint64) {
	var d frac192
	var c uint64
	d.lo, c = bits.Sub64(a.lo, b.lo, 0)
	d.mid, c = bits.Sub64(a.mid, b.mid, c)
	d.hi, c = bits.Sub64(a.hi, b.hi, c)
	return d, c
}

// mulFrac is a·b rounded down: the top three words of the six-word product.
func mulFrac(a, b frac192) frac192 {
	c, _ := mulAdd(a.lo, b.lo, 0, 0)
	c, p1 := mulAdd(a.lo, b.mid, 0, c)
	c, p2 := mulAdd(a.lo, b.hi, 0, c)
	p3 := c
	c, p1 = mulAdd(a.mid, b.lo, p1, 0)
	c, p2 = mulAdd(a.mid, b.mid, p2, c)
	c, p3 = mulAdd(a.mid, b.hi, p3, c)
	p4 := c
	c, _ = mulAdd(a.hi, b.lo, p2, 0)
	c, p3 = mulAdd(a.hi, b.mid, p3, c)
	c, p4 = mulAdd(a.hi, b.hi, p4, c)
	return frac192{p3, p4, c}
}

// mulFracWord is a·(w/2^64) rounded down.
func mulFracWord(a frac192, w uint64) frac192 {
	c, _ := mulAdd(a.lo, w, 0, 0)
	c, p1 := mulAdd(a.mid, w, 0, c)
	c, p2 := mulAdd(a.hi, w, 0, c)
	return frac192{p1, p2, c}
}

// mulAdd is x·y + u + v as two words, high first; it cannot overflow.
func mulAdd(x, y, u, v uint64) (hi, lo uint64) {
	hi, lo = bits.Mul64(x, y)
	var c uint64
	lo, c = bits.Add64(lo, u, 0)
	hi += c
	lo, c = bits.Add64(lo, v, 0)
	return hi + c, lo
}

// divFracSmall is a/d rounded down, for d > 0.
func divFracSmall(a frac192, d uint64) frac192 {
	var q frac192
	var r uint64
	q.hi, r = bits.Div64(0, a.hi, d)
	q.mid, r = bits.Div64(r, a.mid, d)
	q.lo, _ = bits.Div64(r, a.lo, d)
	return q
}

// shrFrac is f/2^s rounded down, for s < 64.
func shrFrac(f frac192, s uint) frac192 {
	return frac192{f.lo>>s | f.mid<<(64-s), f.mid>>s | f.hi<<(64-s), f.hi >> s}
}

// addFix is a + b and whether it overflowed 64 integer bits.
func addFix(a, b fix192) (fix192, bool) {
	f, c := addFrac(a.f, b.f)
	n, c := bits.Add64(a.n, b.n, c)
	return fix192{f, n}, c != 0
}

// subFix is a − b and whether it went below zero (the difference then wrapped).
func subFix(a, b fix192) (fix192, bool) {
	f, c := subFrac(a.f, b.f)
	n, c := bits.Sub64(a.n, b.n, c)
	return fix192{f, n}, c != 0
}

// lessFix is a < b.
func lessFix(a, b fix192) bool {
	_, below := subFix(a, b)
	return below
}

// words is x as four little-endian words, for the general products below.
func (x fix192) words() [4]uint64 { return [4]uint64{x.f.lo, x.f.mid, x.f.hi, x.n} }

// fixOfWords is the fix192 with little-endian words w (w[3] the integer part).
func fixOfWords(w []uint64) fix192 { return fix192{frac192{w[0], w[1], w[2]}, w[3]} }

// mulFix is a·b rounded down and whether its integer part overflowed 64 bits.
func mulFix(a, b fix192) (fix192, bool) {
	var p [8]uint64
	aw, bw := a.words(), b.words()
	mulLimbs(p[:], aw[:], bw[:])
	return fixOfWords(p[3:7]), p[7] != 0
}

// mulFrac256Small is n·c rounded down to a fix192, where c is the 256-bit
// fraction (c[3]·2^192 + … + c[0]) / 2^256: constants kept 64 bits beyond an
// ulp, so that a multiple of them is still good to about one ulp.
func mulFrac256Small(c [4]uint64, n uint64) fix192 {
	h, _ := mulAdd(c[0], n, 0, 0)
	h, w0 := mulAdd(c[1], n, 0, h)
	h, w1 := mulAdd(c[2], n, 0, h)
	h, w2 := mulAdd(c[3], n, 0, h)
	return fix192{frac192{w0, w1, w2}, h}
}

// mulLimbs sets p to the full product a·b; len(p) must be len(a)+len(b).
func mulLimbs(p, a, b []uint64) {
	for i := range p {
		p[i] = 0
	}
	for i, ai := range a {
		var carry uint64
		for j, bj := range b {
			hi, lo := bits.Mul64(ai, bj)
			var c uint64
			lo, c = bits.Add64(lo, p[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			p[i+j], carry = lo, hi
		}
		p[i+len(b)] = carry
	}
}

// shiftLimbsLeft sets dst to src·2^s, keeping the low len(dst) words; words of
// src beyond dst's length are dropped first, so dst must be long enough.
func shiftLimbsLeft(dst, src []uint64, s uint) {
	words, sh := int(s/64), s%64
	for i := range dst {
		dst[i] = 0
	}
	for i, w := range src {
		if k := i + words; k < len(dst) {
			dst[k] |= w << sh
			if sh != 0 && k+1 < len(dst) {
				dst[k+1] |= w >> (64 - sh)
			}
		}
	}
}

// shiftLimbsRight sets dst to floor(src / 2^s), keeping the low len(dst) words.
func shiftLimbsRight(dst, src []uint64, s uint) {
	words, sh := int(s/64), s%64
	for i := range dst {
		dst[i] = 0
		k := i + words
		if k < len(src) {
			dst[i] = src[k] >> sh
			if sh != 0 && k+1 < len(src) {
				dst[i] |= src[k+1] << (64 - sh)
			}
		}
	}
}

// wordsPerLimb is how many big.Words make a 64-bit limb (1, or 2 on 32-bit
// platforms), so the conversions below give the same bits everywhere.
const wordsPerLimb = 64 / bits.UintSize

// limbsOf writes x ≥ 0 into out as 64-bit words, or reports false if it does
// not fit.
func limbsOf(x *big.Int, out []uint64) bool {
	ws := x.Bits()
	if (len(ws)+wordsPerLimb-1)/wordsPerLimb > len(out) {
		return false
	}
	for i := range out {
		out[i] = 0
	}
	for i, w := range ws {
		out[i/wordsPerLimb] |= uint64(w) << (bits.UintSize * (i % wordsPerLimb))
	}
	return true
}

// bigOfLimbs is the big.Int whose 64-bit words are l.
func bigOfLimbs(l []uint64) *big.Int {
	for len(l) > 0 && l[len(l)-1] == 0 {
		l = l[:len(l)-1]
	}
	ws := make([]big.Word, len(l)*wordsPerLimb)
	for i := range ws {
		ws[i] = big.Word(l[i/wordsPerLimb] >> (bits.UintSize * (i % wordsPerLimb)))
	}
	return new(big.Int).SetBits(ws)
}
