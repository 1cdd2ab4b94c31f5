package poolmath

import "math/big"

// The fast power's constants and tables are built once at start-up by
// integer arithmetic (big.Int, binary fixed point at genBits fraction bits),
// so every node holds the same bits. At genBits = 320 each entry is good to
// far below 2^-300 before it is rounded down to 192 (or 256) bits; every
// entry therefore lies within one ulp below its true value.
const genBits = 320

var genOne = new(big.Int).Lsh(big.NewInt(1), genBits)

// Stages of ln's argument reduction: stage s looks at the bits of v above
// 2^-lnStageBits[s] and multiplies 1 + v by a factor 1 − b that brings v
// below 2^-lnStageBits[s] (plus 2^-63), 6 bits at the first stage and 8 at
// each further one, down to 2^-38 where four terms of the series suffice.
var lnStageBits = [...]uint{6, 14, 22, 30, 38}

// lnStage is one stage's table: factor 1 − b[i]/2^64 for index i, and
// t[i] = −ln(1 − b[i]/2^64) rounded down.
type lnStage struct {
	b []uint64
	t []frac192
}

// Stages of exp's argument reduction: r in [0, ln 2) is split into four bytes
// r = Σ j_s·2^-8s + x, with x < 2^-32, and e^r = Π e^(j_s·2^-8s) · e^x.
const expStages = 4

var (
	// ln2Frac256 is ln 2 to 256 bits, for multiples n·ln 2 good to an ulp.
	ln2Frac256 = fracWords256(genLn(big.NewInt(2), big.NewInt(1)))
	// ln2Floor is ln 2 rounded down to 192 bits: the bound the reduced
	// argument of exp stays below, so e^r < 2.
	ln2Floor = frac192{ln2Frac256[1], ln2Frac256[2], ln2Frac256[3]}
	// invLn2Q32 is 2^32/ln 2 rounded down: a first guess at t/ln 2.
	invLn2Q32 = new(big.Int).Quo(new(big.Int).Lsh(genOne, 32), genLn(big.NewInt(2), big.NewInt(1))).Uint64()
	// sixtyLn10 is 60·ln 10 = ln 10^Precision, the scale of a Fixed, rounded down.
	sixtyLn10 = fixFromGen(new(big.Int).Mul(big.NewInt(Precision), genLn10()))
	// recipOne is 2^(192+recipShift)/10^60 rounded down (256 bits): multiplying
	// a Fixed's raw by it and shifting turns the raw into a fix192.
	recipOne = limbs4(new(big.Int).Quo(new(big.Int).Lsh(big.NewInt(1), 192+recipShift), oneRaw))

	lnStages  = buildLnStages()
	expTables = buildExpTables()
)

// recipShift makes recipOne as large as 256 bits allow (10^60 < 2^200).
const recipShift = 263

func buildLnStages() []lnStage {
	stages := make([]lnStage, len(lnStageBits))
	for s, p := range lnStageBits {
		// After stage s−1, v < 2^-lnStageBits[s-1] + 2^-63, so the index
		// v·2^p is at most 2^8 (2^6 − 1 at the first stage, v < 1).
		n := 257
		if s == 0 {
			n = 1 << p
		}
		st := lnStage{b: make([]uint64, n), t: make([]frac192, n)}
		two64 := new(big.Int).Lsh(big.NewInt(1), 64)
		for i := range st.b {
			// 1 − b ≥ 1/(1 + i/2^p): b = floor(i·2^64 / (2^p + i)), so a v in
			// [i/2^p, (i+1)/2^p) goes to (1+v)(1−b) − 1 in [0, 2^-p + 2^-63).
			den := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), p), big.NewInt(int64(i)))
			b := new(big.Int).Quo(new(big.Int).Lsh(big.NewInt(int64(i)), 64), den)
			st.b[i] = b.Uint64()
			st.t[i] = fracFromGen(genLn(two64, new(big.Int).Sub(two64, b)))
		}
		stages[s] = st
	}
	return stages
}

// buildExpTables is e^(j·2^-8s) − 1 for stages s = 1..4 and bytes j, rounded
// down: powers of e^(2^-8s), each product truncated, so no entry is above
// its true value. The first stage stops below e^(j/256) = 2, at j = 177,
// since r < ln 2.
func buildExpTables() [expStages][]frac192 {
	var tables [expStages][]frac192
	two := new(big.Int).Lsh(genOne, 1)
	for s := range tables {
		step := genExp(new(big.Int).Rsh(genOne, uint(8*(s+1))))
		e := new(big.Int).Set(genOne)
		for j := 0; j < 256 && e.Cmp(two) < 0; j++ {
			tables[s] = append(tables[s], fracFromGen(new(big.Int).Sub(e, genOne)))
			e.Mul(e, step).Rsh(e, genBits)
		}
	}
	return tables
}

// genLn is ln(p/q) for p ≥ q > 0 at genBits: 2·atanh(z), z = (p−q)/(p+q),
// summed until the terms vanish; every step truncates. (Scratch integers
// are reused: the tables take over a thousand of these.)
func genLn(p, q *big.Int) *big.Int {
	z := new(big.Int).Lsh(new(big.Int).Sub(p, q), genBits)
	z.Quo(z, new(big.Int).Add(p, q))
	z2 := new(big.Int).Mul(z, z)
	z2.Rsh(z2, genBits)
	sum, power := new(big.Int).Set(z), new(big.Int).Set(z)
	var product, term, n, rem big.Int
	for k := int64(3); ; k += 2 {
		power.Rsh(product.Mul(power, z2), genBits)
		if term.QuoRem(power, n.SetInt64(k), &rem); term.Sign() == 0 {
			break
		}
		sum.Add(sum, &term)
	}
	return sum.Lsh(sum, 1)
}

// genLn10 is ln 10 = 3·ln 2 + ln(5/4), whose series converge quickly.
func genLn10() *big.Int {
	l := new(big.Int).Mul(big.NewInt(3), genLn(big.NewInt(2), big.NewInt(1)))
	return l.Add(l, genLn(big.NewInt(5), big.NewInt(4)))
}

// genExp is e^x for 0 ≤ x ≤ 1 at genBits by its Taylor series, truncating.
func genExp(x *big.Int) *big.Int {
	sum, term := new(big.Int).Set(genOne), new(big.Int).Set(genOne)
	var product, n, rem big.Int
	for k := int64(1); ; k++ {
		term.Rsh(product.Mul(term, x), genBits)
		if term.QuoRem(term, n.SetInt64(k), &rem); term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	return sum
}

// fracFromGen rounds a generated value in [0, 1) down to a frac192.
func fracFromGen(x *big.Int) frac192 {
	l := limbs4(new(big.Int).Rsh(x, genBits-192))
	return frac192{l[0], l[1], l[2]}
}

// fixFromGen rounds a generated value in [0, 2^64) down to a fix192.
func fixFromGen(x *big.Int) fix192 {
	l := limbs4(new(big.Int).Rsh(x, genBits-192))
	return fixOfWords(l[:])
}

// fracWords256 rounds a generated value in [0, 1) down to 256 fraction bits.
func fracWords256(x *big.Int) [4]uint64 { return limbs4(new(big.Int).Rsh(x, genBits-256)) }

// limbs4 is x's four low 64-bit words; x must fit (checked at start-up).
func limbs4(x *big.Int) [4]uint64 {
	var l [4]uint64
	if !limbsOf(x, l[:]) {
		panic("poolmath: fast power constant does not fit 256 bits")
	}
	return l
}
