package poolmath

import (
	"math"
	"math/big"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// A join of A followed by an exit into B is a swap A→B by a detour; so is an
// exit into B followed by a join of A that buys the shares back. Neither may
// ever pay more B than the direct swap of the same A, in any pool, or the
// join and exit fees undercut the swap fee. The same holds for a deposit of
// several assets followed by an exit into B, against swapping each of them
// into B in turn.

// singleJoin and singleExit have the signatures of CalcSharesOutGivenSingleIn
// and CalcSingleOutGivenSharesIn, so the same checks run on old formulas.
type (
	singleJoin func(balanceIn, weightIn, totalWeight, totalShares, amountIn sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error)
	singleExit func(balanceOut, weightOut, totalWeight, totalShares, sharesIn sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error)
)

// detourPool is a pool of 2..8 assets for the detour checks.
type detourPool struct {
	balances, weights   []sdkmath.Int
	totalWeight, shares sdkmath.Int
	fee                 sdkmath.LegacyDec
}

// randDetourPool draws minAssets..8 assets with integer weights whose
// normalized weights are all at least 1%, balances and total shares spread
// evenly over the decades 1e6..1e30, and a fee of 0, 0.1 or in between.
func randDetourPool(rng *rand.Rand, minAssets int) detourPool {
	n := minAssets + rng.Intn(9-minAssets)
	p := detourPool{balances: make([]sdkmath.Int, n), weights: randWeights(rng, n), totalWeight: sdkmath.ZeroInt()}
	for i := range p.balances {
		p.balances[i] = randDecades(rng, 6, 30)
		p.totalWeight = p.totalWeight.Add(p.weights[i])
	}
	p.shares = randDecades(rng, 6, 30)
	switch rng.Intn(4) {
	case 0:
		p.fee = sdkmath.LegacyZeroDec()
	case 1:
		p.fee = sdkmath.LegacyNewDecWithPrec(1, 1)
	default:
		p.fee = sdkmath.LegacyNewDecFromBigIntWithPrec(new(big.Int).Rand(rng, pow10(17)), sdkmath.LegacyPrecision)
	}
	return p
}

// randWeights draws n integer weights, each at least 1% of their sum: ratios
// up to 99/(n−1) (1% against the rest at most), scaled by up to 10^12.
func randWeights(rng *rand.Rand, n int) []sdkmath.Int {
	maxRatio := 99 / float64(n-1)
	scale := math.Pow(10, float64(rng.Intn(13)))
	for {
		w, total := make([]sdkmath.Int, n), sdkmath.ZeroInt()
		for i := range w {
			w[i] = sdkmath.NewInt(int64(math.Max(1, scale*math.Pow(maxRatio, rng.Float64()))))
			total = total.Add(w[i])
		}
		ok := true
		for _, wi := range w {
			ok = ok && wi.MulRaw(100).GTE(total)
		}
		if ok {
			return w
		}
	}
}

// randDecades is an integer in [10^lo, 10^hi) with its decade uniform.
func randDecades(rng *rand.Rand, lo, hi int) sdkmath.Int {
	d := lo + rng.Intn(hi-lo)
	x := new(big.Int).Rand(rng, new(big.Int).Mul(big.NewInt(9), pow10(d)))
	return sdkmath.NewIntFromBigInt(x.Add(x, pow10(d)))
}

// randTrade is an amount from 1 to half of balance, its decade uniform, and
// often exactly one of those two ends.
func randTrade(rng *rand.Rand, balance sdkmath.Int) sdkmath.Int {
	half := balance.QuoRaw(2)
	switch rng.Intn(8) {
	case 0:
		return sdkmath.OneInt()
	case 1:
		return half
	}
	x := randDecades(rng, 0, len(half.String()))
	if x.GT(half) {
		return sdkmath.NewIntFromBigInt(new(big.Int).Rand(rng, half.BigInt())).AddRaw(1)
	}
	return x
}

func (p detourPool) swap(t testing.TB, in, out int, amountIn sdkmath.Int) sdkmath.Int {
	got, err := CalcOutGivenIn(p.balances[in], p.weights[in], p.balances[out], p.weights[out], amountIn, p.fee)
	require.NoError(t, err)
	return got
}

// joinThenExit joins amountIn of asset in, then burns every minted share for
// asset out in the pool the join left (in's balance and the shares grown).
func (p detourPool) joinThenExit(t testing.TB, join singleJoin, exit singleExit, in, out int, amountIn sdkmath.Int) sdkmath.Int {
	minted, err := join(p.balances[in], p.weights[in], p.totalWeight, p.shares, amountIn, p.fee)
	require.NoError(t, err)
	if !minted.IsPositive() {
		return sdkmath.ZeroInt()
	}
	got, err := exit(p.balances[out], p.weights[out], p.totalWeight, p.shares.Add(minted), minted, p.fee)
	require.NoError(t, err)
	return got
}

// exitThenRejoin burns sharesIn for asset out, then finds the smallest amount
// of asset in whose join mints sharesIn back in the pool the exit left.
func (p detourPool) exitThenRejoin(t testing.TB, join singleJoin, exit singleExit, in, out int, sharesIn sdkmath.Int) (got, rejoin sdkmath.Int) {
	got, err := exit(p.balances[out], p.weights[out], p.totalWeight, p.shares, sharesIn, p.fee)
	require.NoError(t, err)
	left := p.shares.Sub(sharesIn)
	mintsEnough := func(a sdkmath.Int) bool {
		minted, err := join(p.balances[in], p.weights[in], p.totalWeight, left, a, p.fee)
		require.NoError(t, err)
		return minted.GTE(sharesIn)
	}
	return got, smallestWhere(p.rejoinGuess(t, in, left, sharesIn), mintsEnough)
}

// rejoinGuess solves S'·((B + a·φ)/B)^w − S' = s for a, the starting point of
// the search (the search, not the guess, decides).
func (p detourPool) rejoinGuess(t testing.TB, in int, left, sharesIn sdkmath.Int) sdkmath.Int {
	w := FixedRatio(p.weights[in], p.totalWeight)
	phi, err := JoinExitFeeFactor(p.fee, w)
	require.NoError(t, err)
	growth, err := Pow(FixedRatio(left.Add(sharesIn), left), FixedRatio(p.totalWeight, p.weights[in]))
	require.NoError(t, err)
	guess, err := FixedFromInt(p.balances[in]).MulUp(growth.Sub(One())).QuoUp(phi).CeilInt()
	require.NoError(t, err)
	return sdkmath.MaxInt(guess, sdkmath.OneInt())
}

// smallestWhere is the smallest a ≥ 1 with ok(a), for ok false below some
// point and true from it on: gallop from guess to a bracket, then bisect.
func smallestWhere(guess sdkmath.Int, ok func(sdkmath.Int) bool) sdkmath.Int {
	lo, hi, step := sdkmath.ZeroInt(), guess, sdkmath.OneInt() // ok(hi), !ok(lo) or lo = 0
	if ok(guess) {
		for lo = guess.Sub(step); lo.IsPositive() && ok(lo); lo = hi.Sub(step) {
			hi, step = lo, step.MulRaw(2)
		}
		lo = sdkmath.MaxInt(lo, sdkmath.ZeroInt())
	} else {
		for lo, hi = guess, guess.Add(step); !ok(hi); hi = lo.Add(step) {
			lo, step = hi, step.MulRaw(2)
		}
	}
	for hi.Sub(lo).GT(sdkmath.OneInt()) {
		mid := lo.Add(hi).QuoRaw(2)
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// twoAssets picks two different assets.
func twoAssets(rng *rand.Rand, n int) (int, int) {
	perm := rng.Perm(n)
	return perm[0], perm[1]
}

// TestJoinThenExitNeverBeatsSwap is check (a): join A, exit into B with all
// the minted shares, never more B than CalcOutGivenIn(A→B) on the original
// pool, not even by one unit.
func TestJoinThenExitNeverBeatsSwap(t *testing.T) {
	rng := rand.New(rand.NewSource(20261201))
	const cases = 5000
	equal := 0
	for c := 0; c < cases; c++ {
		p := randDetourPool(rng, 2)
		in, out := twoAssets(rng, len(p.balances))
		a := randTrade(rng, p.balances[in])
		detour := p.joinThenExit(t, CalcSharesOutGivenSingleIn, CalcSingleOutGivenSharesIn, in, out, a)
		direct := p.swap(t, in, out, a)
		require.True(t, detour.LTE(direct), "case %d: join %s of asset %d then exit into %d paid %s, the swap %s (pool %+v)", c, a, in, out, detour, direct, p)
		if detour.Equal(direct) && direct.IsPositive() {
			equal++
		}
	}
	t.Logf("the detour paid exactly the (non-zero) swap in %d of %d cases: the same unit after rounding", equal, cases)
}

// TestExitThenRejoinNeverBeatsSwap is check (b): exit s shares into B, then
// join the smallest amount a of A that mints s shares back; the exit never
// paid more B than CalcOutGivenIn(A→B, a) on the original pool.
func TestExitThenRejoinNeverBeatsSwap(t *testing.T) {
	rng := rand.New(rand.NewSource(20261202))
	for c := 0; c < 3000; c++ {
		p := randDetourPool(rng, 2)
		in, out := twoAssets(rng, len(p.balances))
		s := p.sharesForTrade(t, rng, in)
		got, rejoin := p.exitThenRejoin(t, CalcSharesOutGivenSingleIn, CalcSingleOutGivenSharesIn, in, out, s)
		direct := p.swap(t, in, out, rejoin)
		require.True(t, got.LTE(direct), "case %d: exit of %s shares into %d paid %s, rejoining took %s of %d, which swaps for %s (pool %+v)", c, s, out, got, rejoin, in, direct, p)
	}
}

// sharesForTrade is what a join of a random trade of asset in mints, at
// least one share: an exit of that size is bought back by a trade of about
// that size.
func (p detourPool) sharesForTrade(t testing.TB, rng *rand.Rand, in int) sdkmath.Int {
	s, err := CalcSharesOutGivenSingleIn(p.balances[in], p.weights[in], p.totalWeight, p.shares, randTrade(rng, p.balances[in]), p.fee)
	require.NoError(t, err)
	return sdkmath.MaxInt(s, sdkmath.OneInt())
}
