package poolmath

import (
	"math/big"
	"math/bits"
)

// powFast computes x^y = e^(y·ln x) in the binary fixed point of binfixed.go:
// 192 fraction bits, an ulp u = 2^-192 ≈ 1.6e-58, with math/bits doing the
// word arithmetic. It works on the Fixed raws directly: with X the raw of x,
// ln x = ln X − 60·ln 10, and the result's raw is e^(y·ln x + 60·ln 10), so
// the only decimal-to-binary step is y's.
//
//  1. ln X: X = 2^k·(1 + f), f the 192 bits below X's leading one
//     (truncated). ln(1 + f) by five table stages, each multiplying 1 + v by
//     a factor 1 − b (b one word) that brings v below 2^-6, 2^-14, …, 2^-38,
//     plus ln(1 + v) = v − v²/2 + v³/3 − v⁴/4. L = k·ln 2 + ln(1+f) − 60·ln 10.
//  2. y: its raw times recipOne (≈ 2^455/10^60), shifted: a fix192.
//  3. t = y·L, checked against maxExpArg; t' = t + 60·ln 10.
//  4. e^t' = 2^n·e^r with 0 ≤ r < ln 2; r's top four bytes index tables of
//     e^(j·2^-8s), the rest x < 2^-32 goes to e^x − 1 = x(1 + x/2(1 + x/3
//     (1 + x/4(1 + x/5)))).
//  5. The raw is 2^n·(1 + F) rounded to nearest (half up), built once as a big.Int.
//
// Error bound (absolute errors in ulps; every operation truncates and
// costs < 1 ulp, every table entry is its true value rounded down):
//
//   - ln(1 + f): truncating X to 193 bits < 1; per stage, v·b truncated < 1
//     (the stage's identity ln(1+v) = −ln(1−b) + ln((1+v)(1−b)) is exact)
//     and the table entry < 1, so < 10 for the five; the series: v²/2 < 2,
//     v³/3 < 2, v⁴/4 < 2 and the terms left out, below v⁵/5 < 2^-190/5 < 1;
//     in all < 18.
//   - k·ln 2 with ln 2 to 256 bits, k < 320: < 2; 60·ln 10: < 1. So
//     |ΔL| < 21 ulps, and |L| < 139 (X < 2^320).
//   - y: below its true value by < 1 + 2^-32 ulps.
//   - t = y·L: |Δt| < y·21 + 139·1.01 + 1 < 21·y + 142 ulps.
//   - t': + 1. Reduction r = t' − n·ln 2 (ln 2 to 256 bits, n < 600): < 2,
//     and each of at most two corrections by ln 2 rounded down: < 1 each.
//     So |Δr| < 21·y + 147 ulps.
//   - e^r, as 1 + F < 2: e^x − 1 by Horner's rule, eight truncating steps
//     (< 1 each) and the omitted tail (< x⁶/720 < 1): < 9. Each of the four
//     table products adds < 1 for its truncation and < 1 for its entry,
//     relative to 1 + F ≥ 1: F is low by < 17 ulps relative.
//
// Relative error before the final rounding: |Δr| + 17 ulps, plus second
// order terms (e^Δ − 1 ≈ Δ): < (21·y + 165)·2^-192. Over the fast domain
// (y < 2^31.7) that is < 2^-155 ≈ 2.2e-47; for exponents up to 100, as the
// pools use, < 2^-180 ≈ 6.5e-55. powFastErrorDigits states the bound the
// tests hold the path to; the final rounding adds half a unit (10^-60).
//
// Outside the fast domain — a base of 2^320/10^60 ≈ 2.1e36 or more, an
// exponent of 2^231/10^60 ≈ 3.4e9 or more — powReference takes over.
const (
	fastMaxBaseBits = 320
	fastMaxExpBits  = 231
)

// powFastErrorDigits: the proven bound on Pow's relative error before its
// final rounding to nearest, 2^-155 ≈ 2.2e-47, rounded up to a power of ten:
// 10^-46. TestPowPrecision, TestPowEdgeCases and FuzzPowFast check it
// against a 150-digit reference.
const powFastErrorDigits = 46

// powFast is base^exp rounded to nearest and moved by the margin in
// direction (see withMargin), for raws base > 0 and exp > 0 of a Fixed. ok
// is false outside the fast domain (or, defensively, should a bound the
// comments prove ever fail), and the caller must then use powReference;
// outOfRange reports |exp·ln base| > maxExpArg.
func powFast(base, exp *big.Int, direction int) (raw *big.Int, outOfRange, ok bool) {
	k := base.BitLen() - 1
	if k < 0 || k >= fastMaxBaseBits || exp.Sign() <= 0 || exp.BitLen() > fastMaxExpBits {
		return nil, false, false
	}
	var x [5]uint64
	var yRaw [4]uint64
	if !limbsOf(base, x[:]) || !limbsOf(exp, yRaw[:]) {
		return nil, false, false
	}
	lnX, lnNeg, ok := lnOfRaw(x, k)
	if !ok {
		return nil, false, false
	}
	t, over := mulFix(fixOfRaw(yRaw), lnX)
	if over || t.n > maxExpArg || t.n == maxExpArg && !t.f.isZero() {
		return nil, true, true
	}
	// t' = t + 60·ln 10, the log of the result's raw; tNeg: t' < 0.
	var tp fix192
	tNeg := false
	switch {
	case !lnNeg:
		tp, _ = addFix(t, sixtyLn10) // < 277 + 139: no overflow
	case lessFix(t, sixtyLn10):
		tp, _ = subFix(sixtyLn10, t)
	default:
		tp, _ = subFix(t, sixtyLn10)
		tNeg = true
	}
	f, n, zero, ok := expOfLog(tp, tNeg)
	if !ok {
		return nil, false, false
	}
	var r [marginWords]uint64
	if !zero && !roundScaled(r[:], f, n) {
		return nil, false, false
	}
	if direction != 0 {
		addMarginWords(r[:], direction)
	}
	return bigOfLimbs(r[:]), false, true
}

// lnOfRaw is L = ln(X) − 60·ln 10 = ln(X/10^60) for X = x, 2^k ≤ X < 2^(k+1),
// as a magnitude and a sign.
func lnOfRaw(x [5]uint64, k int) (mag fix192, neg, ok bool) {
	// Shift X's leading one to bit 320, just out of the five words: the top
	// three then hold the 192 bits below it.
	var m [5]uint64
	shiftLimbsLeft(m[:], x[:], uint(fastMaxBaseBits-k))
	lnM, ok := lnOnePlus(frac192{m[2], m[3], m[4]})
	if !ok {
		return fix192{}, false, false
	}
	p, _ := addFix(mulFrac256Small(ln2Frac256, uint64(k)), fixOf(0, lnM)) // < 222
	if lessFix(p, sixtyLn10) {
		mag, _ = subFix(sixtyLn10, p)
		return mag, true, true
	}
	mag, _ = subFix(p, sixtyLn10)
	return mag, false, true
}

// lnOnePlus is ln(1 + v) for v in [0, 1), below ln 2 < 1, rounded down at
// every step.
func lnOnePlus(v frac192) (frac192, bool) {
	var acc frac192
	for s, p := range lnStageBits {
		st := &lnStages[s]
		i := v.hi >> (64 - p)
		if i >= uint64(len(st.b)) {
			return frac192{}, false
		}
		// (1 + v)(1 − b) − 1 = v − b − v·b ≥ 0, since 1 − b ≥ 1/(1 + i/2^p).
		b := st.b[i]
		vb := mulFracWord(v, b)
		var b1, b2, c uint64
		v, b1 = subFrac(v, frac192{hi: b})
		v, b2 = subFrac(v, vb)
		acc, c = addFrac(acc, st.t[i])
		if b1|b2|c != 0 {
			return frac192{}, false
		}
	}
	// v < 2^-38 + 2^-63: ln(1 + v) = v − v²/2 + (v³/3 − v⁴/4), each part ≥ 0.
	v2 := mulFrac(v, v)
	v3 := mulFrac(v2, v)
	v4 := mulFrac(v2, v2)
	odd, b1 := subFrac(divFracSmall(v3, 3), shrFrac(v4, 2))
	s, b2 := subFrac(v, shrFrac(v2, 1))
	s, c1 := addFrac(s, odd)
	acc, c2 := addFrac(acc, s)
	return acc, b1|b2|c1|c2 == 0
}

// fixOfRaw is a Fixed's raw y (below 2^231) as a fix192, rounded down:
// y·2^192/10^60 ≈ y·recipOne/2^recipShift.
func fixOfRaw(y [4]uint64) fix192 {
	var p [8]uint64
	mulLimbs(p[:], y[:], recipOne[:])
	var r [4]uint64
	shiftLimbsRight(r[:], p[:], recipShift)
	return fixOfWords(r[:])
}

// expOfLog splits e^(±t) (t ≥ 0, tNeg the sign) into 2^n·(1 + f), n ≥ −1;
// zero reports e^-t ≤ 1/2 (to an ulp), which rounds to a raw of 0.
func expOfLog(t fix192, tNeg bool) (f frac192, n int, zero, ok bool) {
	ln2 := fixOf(0, ln2Floor)
	var r fix192
	if tNeg {
		if !lessFix(t, ln2) {
			return frac192{}, 0, true, true
		}
		r, _ = subFix(ln2, t)
		n = -1
	} else {
		// n0 ≤ t/ln 2 < n0 + 2: both factors of the guess are rounded down.
		n0, _ := bits.Mul64(t.n<<32|t.f.hi>>32, invLn2Q32)
		var below bool
		if r, below = subFix(t, mulFrac256Small(ln2Frac256, n0)); below {
			return frac192{}, 0, false, false
		}
		for i := 0; !lessFix(r, ln2); i++ {
			if i == 2 {
				return frac192{}, 0, false, false
			}
			r, _ = subFix(r, ln2)
			n0++
		}
		n = int(n0)
	}
	f, ok = expMinusOne(r.f)
	return f, n, false, ok
}

// expMinusOne is e^r − 1 for 0 ≤ r < ln 2, rounded down, so below 1.
func expMinusOne(r frac192) (frac192, bool) {
	top := r.hi
	x := frac192{r.lo, r.mid, top & (1<<32 - 1)}
	// e^x − 1 = x(1 + x/2(1 + x/3(1 + x/4(1 + x/5)))): q ends as x/2(…).
	q := divFracSmall(x, 5)
	q = shrFrac(plusTimes(x, q), 2)
	q = divFracSmall(plusTimes(x, q), 3)
	q = shrFrac(plusTimes(x, q), 1)
	e := plusTimes(x, q)
	// (1 + e)(1 + a) − 1 = e + a + e·a for each table factor 1 + a.
	for s := 0; s < expStages; s++ {
		j := top >> (56 - 8*s) & 0xff
		tab := expTables[s]
		if j >= uint64(len(tab)) {
			return frac192{}, false
		}
		a := tab[j]
		ea := mulFrac(e, a)
		var c1, c2 uint64
		e, c1 = addFrac(e, a)
		e, c2 = addFrac(e, ea)
		if c1|c2 != 0 {
			return frac192{}, false
		}
	}
	return e, true
}

// plusTimes is x + x·q = x(1 + q), rounded down, for x < 2^-32 and q < 1.
func plusTimes(x, q frac192) frac192 {
	s, _ := addFrac(x, mulFrac(x, q))
	return s
}

// roundScaled sets out to 2^n·(1 + f) rounded half up to an integer, for
// n ≥ −1, leaving out's top word clear; false if it does not fit.
func roundScaled(out []uint64, f frac192, n int) bool {
	mant := [4]uint64{f.lo, f.mid, f.hi, 1} // (1 + f)·2^192
	if n >= 192 {
		if n/64+1 >= len(out) {
			return false
		}
		shiftLimbsLeft(out, mant[:], uint(n-192))
		return true
	}
	// Add half of the last kept unit, then drop s bits; s ≤ 193, mant < 2^194.
	s := uint(192 - n)
	var half [4]uint64
	half[(s-1)/64] = 1 << ((s - 1) % 64)
	var c uint64
	for i := range mant {
		mant[i], c = bits.Add64(mant[i], half[i], c)
	}
	shiftLimbsRight(out, mant[:], s)
	return true
}
