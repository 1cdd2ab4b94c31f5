package simulation

import (
	"math/rand"
	"sort"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// RandomFeePolicy returns a fee policy that FeePolicy.ValidateAgainst(params)
// accepts: each of volatility, direction and size tiers on or off at random,
// at least one on. Fees stay within max_swap_fee and windows within the
// oracle's retention (volatility's at least one observation interval).
func RandomFeePolicy(r *rand.Rand, params types.Params) *types.FeePolicy {
	p := &types.FeePolicy{}
	for p.IsFixed() {
		if r.Intn(2) == 0 && params.OracleObservationInterval <= params.OracleRetention {
			p.Volatility = randomVolatility(r, params)
		}
		if r.Intn(2) == 0 {
			p.Direction = &types.DirectionFeePolicy{
				Rebate:    randomDec(r, sdkmath.LegacyOneDec()),
				Surcharge: randomDec(r, sdkmath.LegacyNewDec(3)),
				Window:    randomWindow(r, time.Second, params.OracleRetention),
			}
		}
		if r.Intn(2) == 0 {
			p.Tiers = randomTiers(r, params)
		}
	}
	if p.ValidateAgainst(params) != nil {
		return nil // a bug here; the caller then sends a fixed fee
	}
	return p
}

func randomVolatility(r *rand.Rand, params types.Params) *types.VolatilityFeePolicy {
	lo, hi := randomDec(r, params.MaxSwapFee), randomDec(r, params.MaxSwapFee)
	if lo.GT(hi) {
		lo, hi = hi, lo
	}
	return &types.VolatilityFeePolicy{
		// Daily volatilities of a sim pool run to tens of percent: k up to 2
		// spans the clamp from min_fee to max_fee.
		K:      randomDec(r, sdkmath.LegacyNewDec(2)),
		MinFee: lo,
		MaxFee: hi,
		Window: randomWindow(r, params.OracleObservationInterval, params.OracleRetention),
	}
}

// randomTiers returns 1..4 tiers rising in min_in_ratio (within max_in_ratio,
// often small, so that the sim's trades reach them) with non-falling fees.
func randomTiers(r *rand.Rand, params types.Params) []types.FeeTier {
	n := 1 + r.Intn(4)
	seen := map[int64]bool{}
	var steps []int64 // in 10^-6 of max_in_ratio
	for range n {
		v := 1 + r.Int63n(1_000_000)
		if r.Intn(2) == 0 {
			v = 1 + v/100
		}
		if !seen[v] {
			seen[v] = true
			steps = append(steps, v)
		}
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i] < steps[j] })
	fees := make([]sdkmath.LegacyDec, len(steps))
	for i := range fees {
		fees[i] = randomDec(r, params.MaxSwapFee)
	}
	sort.Slice(fees, func(i, j int) bool { return fees[i].LT(fees[j]) })
	tiers := make([]types.FeeTier, len(steps))
	for i, v := range steps {
		tiers[i] = types.FeeTier{MinInRatio: params.MaxInRatio.MulInt64(v).QuoInt64(1_000_000), ExtraFee: fees[i]}
	}
	return tiers
}

// randomDec is a decimal in [0, hi], now and then exactly 0 or hi.
func randomDec(r *rand.Rand, hi sdkmath.LegacyDec) sdkmath.LegacyDec {
	switch r.Intn(10) {
	case 0:
		return sdkmath.LegacyZeroDec()
	case 1:
		return hi
	}
	return hi.MulInt64(r.Int63n(1_000_001)).QuoInt64(1_000_000)
}

// randomWindow is a whole number of seconds in [lo, hi] (lo at least 1 s).
func randomWindow(r *rand.Rand, lo, hi time.Duration) time.Duration {
	lo = max(lo, time.Second)
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(r.Int63n(int64((hi-lo)/time.Second)+1))*time.Second
}
