package poolmath

import (
	"math/big"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// fuzzDecades maps x onto [10^6, 10^30): mantissa from the low bits, decade
// from the high ones.
func fuzzDecades(x uint64) sdkmath.Int {
	m := new(big.Int).SetUint64(x % 900_000)
	m.Add(m, big.NewInt(100_000)).Mul(m, pow10(1+int(x>>32)%24))
	return sdkmath.NewIntFromBigInt(m)
}

// fuzzFraction maps x onto 1..max, spread over the decades below max.
func fuzzFraction(x uint64, max sdkmath.Int) sdkmath.Int {
	if !max.IsPositive() {
		return sdkmath.OneInt()
	}
	v := new(big.Int).Mul(max.BigInt(), new(big.Int).SetUint64(x&(1<<40-1)))
	v.Rsh(v, 40).Quo(v, pow10(int(x>>40)%32))
	return sdkmath.MaxInt(sdkmath.NewIntFromBigInt(v), sdkmath.OneInt())
}

// FuzzJoinExitDetourNeverBeatsSwap runs checks (a), (b) and (c) of
// detour_test.go and uneven_join_test.go on fuzzed pools: the seed draws
// the asset count, weights, shares and the other assets of a deposit; the
// fuzzer sets the balances of assets 0 (in) and 1 (out), the fee (0..0.1)
// and the trade of asset 0 (1 unit .. half its balance) directly.
func FuzzJoinExitDetourNeverBeatsSwap(f *testing.F) {
	f.Add(int64(1), uint64(1_000_000), uint64(1_000_000), uint64(0), uint64(1<<40-1), uint8(0))
	f.Add(int64(2), uint64(1<<60), uint64(7), uint64(1e17), uint64(1), uint8(0))
	f.Add(int64(3), uint64(123_456_789), uint64(1<<62), uint64(1e17), uint64(1<<40-1), uint8(1))
	f.Add(int64(4), uint64(99_999), uint64(1<<33), uint64(31_415_926_535), uint64(12345<<40), uint8(1))
	f.Add(int64(5), uint64(1<<45), uint64(1<<45), uint64(1e17), uint64(1<<39), uint8(2))
	f.Add(int64(6), uint64(42), uint64(1<<55), uint64(0), uint64(6<<40), uint8(2))
	f.Fuzz(func(t *testing.T, seed int64, bIn, bOut, feeRaw, trade uint64, kind uint8) {
		rng := rand.New(rand.NewSource(seed))
		p := randDetourPool(rng, 2+int(kind%3)/2) // (c) needs three assets
		p.balances[0], p.balances[1] = fuzzDecades(bIn), fuzzDecades(bOut)
		p.fee = sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).SetUint64(feeRaw%(1e17+1)), sdkmath.LegacyPrecision)
		a := fuzzFraction(trade, p.balances[0].QuoRaw(2))
		switch kind % 3 {
		case 0:
			detour := p.joinThenExit(t, CalcSharesOutGivenSingleIn, CalcSingleOutGivenSharesIn, 0, 1, a)
			direct := p.swap(t, 0, 1, a)
			require.True(t, detour.LTE(direct), "join %s then exit paid %s, the swap %s (pool %+v)", a, detour, direct, p)
		case 1:
			s, err := CalcSharesOutGivenSingleIn(p.balances[0], p.weights[0], p.totalWeight, p.shares, a, p.fee)
			require.NoError(t, err)
			s = sdkmath.MaxInt(s, sdkmath.OneInt())
			got, rejoin := p.exitThenRejoin(t, CalcSharesOutGivenSingleIn, CalcSingleOutGivenSharesIn, 0, 1, s)
			direct := p.swap(t, 0, 1, rejoin)
			require.True(t, got.LTE(direct), "exit of %s shares paid %s, rejoining took %s, which swaps for %s (pool %+v)", s, got, rejoin, direct, p)
		case 2:
			amounts, k := randDeposit(rng, p, 1, kind/3%2 == 1)
			if amounts[0].IsPositive() {
				amounts[0] = a
			}
			detour := p.unevenJoinThenExit(t, CalcSharesOutGivenTokensIn, amounts, 1)
			swaps := p.swapsInto(t, amounts, 1)
			require.True(t, detour.LTE(swaps.AddRaw(int64(k-1))), "deposit %v then exit paid %s, the swaps %s (pool %+v)", amounts, detour, swaps, p)
		}
	})
}
