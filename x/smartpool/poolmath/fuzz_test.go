package poolmath

import (
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// The properties below are what an attacker would break: V = Π Bi^wi never
// falls on a swap, V per share never falls on a join or exit, and no round
// trip returns more than it took, token by token. The seed corpora run in
// plain `go test`; `go test -fuzz FuzzX` searches further.
//
// Comparisons of V allow Invariant's own error, 10^-InvariantDigits.
var invariantTolerance = pow10(InvariantDigits)

type pool2 struct {
	balances, weights []sdkmath.Int
	fee               sdkmath.LegacyDec
}

// fuzzPool maps raw fuzz input onto a valid two-asset pool: balances
// 1..2^62, weights 1..99 of 100 (every normalized weight ≥ 1%), fee 0..10%.
func fuzzPool(b0, b1 uint64, w0 uint8, feeBps uint16) pool2 {
	w := int64(w0%99) + 1
	return pool2{
		balances: []sdkmath.Int{sdkmath.NewIntFromUint64(b0%(1<<62) + 1), sdkmath.NewIntFromUint64(b1%(1<<62) + 1)},
		weights:  []sdkmath.Int{i64(w), i64(100 - w)},
		fee:      sdkmath.LegacyNewDecWithPrec(int64(feeBps%1001), 4),
	}
}

// bounded maps x onto 1..max (max ≥ 1).
func bounded(x uint64, max sdkmath.Int) sdkmath.Int {
	if !max.IsPositive() {
		return i64(1)
	}
	return sdkmath.NewIntFromUint64(x).Mod(max).AddRaw(1)
}

func (p pool2) value(t *testing.T) *big.Int {
	v, err := Invariant(p.balances, p.weights)
	require.NoError(t, err)
	return v.BigInt()
}

// requireNotLower checks a·c ≥ b·d within the invariant's tolerance, i.e.
// a/d ≥ b/c for V and S values.
func requireNotLower(t *testing.T, vAfter, sBefore, vBefore, sAfter *big.Int, what string) {
	t.Helper()
	lhs := new(big.Int).Mul(vAfter, sBefore)
	rhs := new(big.Int).Mul(vBefore, sAfter)
	rhs.Sub(rhs, new(big.Int).Quo(rhs, invariantTolerance))
	require.True(t, lhs.Cmp(rhs) >= 0, "%s: value fell from %s/%s to %s/%s", what, vBefore, sBefore, vAfter, sAfter)
}

var one = big.NewInt(1)

func FuzzSwapNeverLowersValue(f *testing.F) {
	f.Add(uint64(1_000_000), uint64(2_000_000), uint8(49), uint16(30), uint64(12_345), true)
	f.Add(uint64(3), uint64(1<<40), uint8(0), uint16(0), uint64(1), false)
	f.Add(uint64(1<<61), uint64(7), uint8(98), uint16(1000), uint64(1<<59), true)
	f.Add(uint64(999_999_999_999), uint64(1_000_000_000_001), uint8(79), uint16(1), uint64(499_999_999_999), false)
	f.Fuzz(func(t *testing.T, b0, b1 uint64, w0 uint8, feeBps uint16, amt uint64, exactIn bool) {
		p := fuzzPool(b0, b1, w0, feeBps)
		bIn, bOut, wIn, wOut := p.balances[0], p.balances[1], p.weights[0], p.weights[1]
		var in, out sdkmath.Int
		if exactIn {
			in = bounded(amt, bIn.QuoRaw(2)) // max in ratio 50%
			o, err := CalcOutGivenIn(bIn, wIn, bOut, wOut, in, p.fee)
			require.NoError(t, err)
			out = o
		} else {
			if bOut.LT(i64(4)) {
				return
			}
			out = bounded(amt, bOut.MulRaw(3).QuoRaw(10).SubRaw(1)) // max out ratio 30%
			i, err := CalcInGivenOut(bIn, wIn, bOut, wOut, out, p.fee)
			require.NoError(t, err)
			in = i
		}
		require.True(t, out.LT(bOut) && !out.IsNegative())
		after := pool2{[]sdkmath.Int{bIn.Add(in), bOut.Sub(out)}, p.weights, p.fee}
		requireNotLower(t, after.value(t), one, p.value(t), one, "swap")

		// Swapping the proceeds straight back never returns more than was paid.
		if out.IsPositive() {
			back, err := CalcOutGivenIn(after.balances[1], wOut, after.balances[0], wIn, out, p.fee)
			require.NoError(t, err)
			require.True(t, back.LTE(in), "paid %s, swapped %s back into %s", in, out, back)
		}
	})
}

func FuzzJoinExitNeverProfit(f *testing.F) {
	f.Add(uint64(1_000_000), uint64(5_000_000), uint8(19), uint16(10), uint64(1e17), uint64(77_777), uint64(3), uint8(0))
	f.Add(uint64(1), uint64(1), uint8(50), uint16(0), uint64(1), uint64(1), uint64(1), uint8(1))
	f.Add(uint64(1<<50), uint64(12345), uint8(97), uint16(1000), uint64(1<<62), uint64(1<<48), uint64(999), uint8(2))
	f.Add(uint64(10_000_000_000), uint64(10_000_000_000), uint8(49), uint16(25), uint64(100e18/(1<<10)), uint64(1), uint64(1), uint8(3))
	f.Fuzz(func(t *testing.T, b0, b1 uint64, w0 uint8, feeBps uint16, shares, a0, a1 uint64, kind uint8) {
		p := fuzzPool(b0, b1, w0, feeBps)
		s := sdkmath.NewIntFromUint64(shares%(1<<62) + 1)
		total := i64(100)
		v0 := p.value(t)
		switch kind % 4 {
		case 0: // single-asset join, then single-asset exit of the same asset
			i := int(a1 % 2)
			amt := bounded(a0, p.balances[i].QuoRaw(2))
			minted, err := CalcSharesOutGivenSingleIn(p.balances[i], p.weights[i], total, s, amt, p.fee)
			require.NoError(t, err)
			joined := p.with(i, amt)
			s1 := s.Add(minted)
			requireNotLower(t, joined.value(t), s.BigInt(), v0, s1.BigInt(), "single-asset join")
			if !minted.IsPositive() {
				return
			}
			back, err := CalcSingleOutGivenSharesIn(joined.balances[i], p.weights[i], total, s1, minted, p.fee)
			require.NoError(t, err)
			require.True(t, back.LTE(amt), "put in %s, took out %s", amt, back)
			exited := joined.with(i, back.Neg())
			requireNotLower(t, exited.value(t), s1.BigInt(), joined.value(t), s.BigInt(), "single-asset exit")
		case 1: // proportional join, then proportional exit
			want := bounded(a0, s)
			in, err := TokensInForSharesOut(p.balances, s, want)
			require.NoError(t, err)
			joined := p.with(0, in[0]).with(1, in[1])
			s1 := s.Add(want)
			requireNotLower(t, joined.value(t), s.BigInt(), v0, s1.BigInt(), "proportional join")
			out, err := TokensOutForSharesIn(joined.balances, s1, want)
			require.NoError(t, err)
			for k := range out {
				require.True(t, out[k].LTE(in[k]), "asset %d: in %s, out %s", k, in[k], out[k])
			}
			exited := joined.with(0, out[0].Neg()).with(1, out[1].Neg())
			requireNotLower(t, exited.value(t), s1.BigInt(), joined.value(t), s.BigInt(), "proportional exit")
		case 2: // join with any amounts, then proportional exit of the shares
			amounts := []sdkmath.Int{bounded(a0, p.balances[0].QuoRaw(2)).SubRaw(1), bounded(a1, p.balances[1].QuoRaw(2))}
			minted, err := CalcSharesOutGivenTokensIn(p.balances, p.weights, s, amounts, p.fee)
			require.NoError(t, err)
			joined := p.with(0, amounts[0]).with(1, amounts[1])
			s1 := s.Add(minted)
			requireNotLower(t, joined.value(t), s.BigInt(), v0, s1.BigInt(), "multi-asset join")
			if !minted.IsPositive() {
				return
			}
			out, err := TokensOutForSharesIn(joined.balances, s1, minted)
			require.NoError(t, err)
			// Not more of both tokens back than was put in: the exit pays the
			// pool's mix, so the deposit's value must cover it at the pool price.
			require.False(t, out[0].GT(amounts[0]) && out[1].GT(amounts[1]), "in %v, out %v", amounts, out)
		case 3: // single-asset exit, then single-asset join back to the same shares
			if s.LT(i64(2)) {
				return // the last share can never leave
			}
			i := int(a1 % 2)
			burn := bounded(a0, s.QuoRaw(4))
			got, err := CalcSingleOutGivenSharesIn(p.balances[i], p.weights[i], total, s, burn, p.fee)
			require.NoError(t, err)
			if !got.LT(p.balances[i]) {
				t.Fatalf("exit of %s/%s shares paid the whole balance %s", burn, s, p.balances[i])
			}
			exited := p.with(i, got.Neg())
			s1 := s.Sub(burn)
			requireNotLower(t, exited.value(t), s.BigInt(), v0, s1.BigInt(), "single-asset exit")
			if !got.IsPositive() {
				return
			}
			reminted, err := CalcSharesOutGivenSingleIn(exited.balances[i], p.weights[i], total, s1, got, p.fee)
			require.NoError(t, err)
			require.True(t, reminted.LTE(burn), "burnt %s shares, re-minted %s with the proceeds", burn, reminted)
		}
	})
}

// FuzzTinySwapsNeverProfit repeats the rounding attack that drained real
// pools: many dust swaps one way, then everything back at once.
func FuzzTinySwapsNeverProfit(f *testing.F) {
	f.Add(uint64(1_000_000), uint64(1_000_000), uint8(49), uint16(0), uint16(1), uint8(200))
	f.Add(uint64(7), uint64(1<<60), uint8(1), uint16(0), uint16(3), uint8(255))
	f.Add(uint64(1<<60), uint64(11), uint8(97), uint16(5), uint16(500), uint8(100))
	f.Fuzz(func(t *testing.T, b0, b1 uint64, w0 uint8, feeBps uint16, dust uint16, n uint8) {
		p := fuzzPool(b0, b1, w0, feeBps)
		amt := i64(int64(dust%1000) + 1)
		paid, got := sdkmath.ZeroInt(), sdkmath.ZeroInt()
		for k := 0; k < int(n); k++ {
			if amt.MulRaw(2).GT(p.balances[0]) {
				break
			}
			out, err := CalcOutGivenIn(p.balances[0], p.weights[0], p.balances[1], p.weights[1], amt, p.fee)
			require.NoError(t, err)
			if !out.IsPositive() {
				continue // the message would be refused: it buys nothing
			}
			p = p.with(0, amt).with(1, out.Neg())
			paid, got = paid.Add(amt), got.Add(out)
		}
		if !got.IsPositive() || got.MulRaw(2).GT(p.balances[1]) {
			return
		}
		back, err := CalcOutGivenIn(p.balances[1], p.weights[1], p.balances[0], p.weights[0], got, p.fee)
		require.NoError(t, err)
		require.True(t, back.LTE(paid), "paid %s in dust swaps, got %s back", paid, back)
	})
}

// with returns a copy of p with delta added to balance i.
func (p pool2) with(i int, delta sdkmath.Int) pool2 {
	b := []sdkmath.Int{p.balances[0], p.balances[1]}
	b[i] = b[i].Add(delta)
	return pool2{b, p.weights, p.fee}
}
