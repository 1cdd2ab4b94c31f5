package types

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// The circuit breakers' checks are pure: the chain (keeper) and the risk
// simulator run them on the same pools.

// CheckBand refuses an operation that leaves a pair's price further than the
// band from its TWAP, unless it brings that pair closer to it on the same
// side: a pair outside the band may be traded back toward its TWAP, never
// across it and out the other side.
func CheckBand(b CircuitBreakers, pool Pool, start BlockStart, qBefore, qAfter []sdkmath.LegacyDec) error {
	limit, err := poolmath.LnDec(sdkmath.LegacyOneDec().Add(b.MaxPriceDeviation))
	if err != nil {
		return err
	}
	twap := start.TwapLogValues
	for i := range qAfter {
		for j := i + 1; j < len(qAfter); j++ {
			if UnknownPair(start, i, j) {
				continue
			}
			after, before := PairDeviation(twap, qAfter, i, j), PairDeviation(twap, qBefore, i, j)
			if after.Abs().LTE(limit) || (after.IsPositive() == before.IsPositive() && after.Abs().LTE(before.Abs())) {
				continue
			}
			// The price of asset i in units of j is exp(q_j − q_i).
			spot, _ := poolmath.ExpDec(qAfter[j].Sub(qAfter[i]))
			mean, _ := poolmath.ExpDec(twap[j].Sub(twap[i]))
			return errorsmod.Wrapf(ErrPriceBand,
				"pool %d: the price of %s in %s would be %s against its TWAP %s over %s, %s away; max_price_deviation is %s",
				pool.Id, pool.Assets[i].Denom, pool.Assets[j].Denom, spot, mean, b.TwapWindow(), RatioDeviation(after), b.MaxPriceDeviation)
		}
	}
	return nil
}

// UnknownPair reports whether asset i or j has no TWAP over the window yet.
func UnknownPair(start BlockStart, i, j int) bool {
	for _, u := range start.TwapUnknown {
		if int(u) == i || int(u) == j {
			return true
		}
	}
	return false
}

// PairDeviation is ln(spot/TWAP) of asset i's price in asset j.
func PairDeviation(twap, q []sdkmath.LegacyDec, i, j int) sdkmath.LegacyDec {
	return q[j].Sub(twap[j]).Sub(q[i].Sub(twap[i]))
}

// RatioDeviation turns a log deviation into |spot/TWAP − 1|.
func RatioDeviation(logDev sdkmath.LegacyDec) sdkmath.LegacyDec { return ExpMinusOne(logDev).Abs() }

// ExpMinusOne is e^x − 1 at 18 decimals; zero where e^x is out of range
// (reports only: no check depends on it).
func ExpMinusOne(x sdkmath.LegacyDec) sdkmath.LegacyDec {
	e, err := poolmath.ExpDec(x)
	if err != nil {
		return sdkmath.LegacyZeroDec()
	}
	d, err := e.LegacyDecDown()
	if err != nil {
		return sdkmath.LegacyZeroDec()
	}
	return d.Sub(sdkmath.LegacyOneDec())
}

// MaxPairDeviation is the largest |ln(spot/TWAP)| over the pairs with
// history, and the pair: max_i d_i − min_i d_i with d_i = q_i − q̄_i.
func MaxPairDeviation(start BlockStart, q []sdkmath.LegacyDec) (sdkmath.LegacyDec, int, int) {
	lo, hi := -1, -1
	d := func(i int) sdkmath.LegacyDec { return q[i].Sub(start.TwapLogValues[i]) }
	for i := range q {
		if UnknownPair(start, i, i) {
			continue
		}
		if lo < 0 || d(i).LT(d(lo)) {
			lo = i
		}
		if hi < 0 || d(i).GT(d(hi)) {
			hi = i
		}
	}
	if lo < 0 {
		return sdkmath.LegacyZeroDec(), 0, 0
	}
	// The price of lo in units of hi rose the most against its TWAP.
	return d(hi).Sub(d(lo)), lo, hi
}

// OutflowUsed is how much of asset i's per-share balance has left the pool
// since the block's start: 1 − (B·S₀)/(B₀·S), at least zero.
func OutflowUsed(start BlockStart, pool Pool, i int) sdkmath.LegacyDec {
	startValue := new(big.Int).Mul(start.Balances[i].BigInt(), pool.TotalShares.BigInt())
	nowValue := new(big.Int).Mul(pool.Assets[i].Balance.BigInt(), start.TotalShares.BigInt())
	gone := new(big.Int).Sub(startValue, nowValue)
	if gone.Sign() <= 0 || startValue.Sign() <= 0 {
		return sdkmath.LegacyZeroDec()
	}
	gone.Mul(gone, sdkmath.LegacyOneDec().BigInt())
	return sdkmath.LegacyNewDecFromBigIntWithPrec(gone.Quo(gone, startValue), sdkmath.LegacyPrecision)
}

// CheckOutflow refuses an operation that takes an asset's outflow this block
// past the cap (an operation that lowers it is always allowed).
func CheckOutflow(b CircuitBreakers, start BlockStart, before, after Pool) error {
	for i, a := range after.Assets {
		used := OutflowUsed(start, after, i)
		if used.LTE(b.MaxBlockOutflow) || used.LTE(OutflowUsed(start, before, i)) {
			continue
		}
		return errorsmod.Wrapf(ErrOutflowCap, "pool %d: %s would have lost %s of its per-share balance this block; max_block_outflow is %s",
			after.Id, a.Denom, used, b.MaxBlockOutflow)
	}
	return nil
}
