package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// TradeFn runs one trade on a pool at a fee rate and returns its amount in.
type TradeFn func(pool *Pool, fee sdkmath.LegacyDec) (sdkmath.Int, error)

// PricedTrade is a trade run at the fee its pool's policy sets: the rate,
// the pool as the trade leaves it, how many times the trade ran (a higher
// size tier, or an overshoot priced as away, runs it again) and whether
// the direction check computed the pool's log values.
type PricedTrade struct {
	Fee           sdkmath.LegacyDec
	Pool          Pool
	Runs          int
	ReadDirection bool
}

// PriceTrade runs trade from asset in to asset out on copies of the pool
// at the fee its dynamic policy sets, given the block's fee state st (nil
// reads as no volatility and no TWAP) and time now. ratio is the trade's
// in-ratio when known in advance (exact in), zero otherwise. A trade
// rebated as moving the pair toward its TWAP must end no further from it
// than it began: one that overshoots past the mirror pays as away.
func (p Pool) PriceTrade(params Params, st *FeeState, now time.Time, in, out int, ratio sdkmath.LegacyDec, trade TradeFn) (PricedTrade, error) {
	var res PricedTrade
	dir, devBefore := poolmath.DirectionNeutral, sdkmath.LegacyZeroDec()
	if p.FeePolicy != nil && p.FeePolicy.Direction != nil && st.Knows(p, in, out) {
		res.ReadDirection = true
		dev, err := st.PairDeviation(p, now, in, out)
		if err != nil {
			return res, err
		}
		dir, devBefore = poolmath.DirectionAway, dev
		if dev.IsPositive() {
			dir = poolmath.DirectionToward
		}
	}
	for {
		fee, trial, err := p.tieredTrade(params, st.SigmaOrZero(), dir, in, ratio, trade, &res.Runs)
		if err != nil {
			return res, err
		}
		if dir == poolmath.DirectionToward {
			devAfter, err := st.PairDeviation(trial, now, in, out)
			if err != nil {
				return res, err
			}
			if devAfter.Abs().GT(devBefore) {
				dir = poolmath.DirectionAway
				continue
			}
		}
		res.Fee, res.Pool = fee, trial
		return res, nil
	}
}

// tieredTrade runs trade on a copy of the pool at the fee of its size tier.
// An exact-out trade learns its size only from the fee: it is rerun while
// a higher fee lifts it into a higher tier, which, tiers rising with size,
// settles within one run per tier. runs counts every run.
func (p Pool) tieredTrade(params Params, sigma sdkmath.LegacyDec, dir poolmath.TradeDirection, in int,
	ratio sdkmath.LegacyDec, trade TradeFn, runs *int,
) (sdkmath.LegacyDec, Pool, error) {
	for range len(p.FeePolicy.Tiers) + 2 {
		*runs++
		fee := p.TradeFee(params, sigma, ratio, dir)
		trial := p.Clone()
		amountIn, err := trade(&trial, fee)
		if err != nil {
			return sdkmath.LegacyDec{}, Pool{}, err
		}
		next := InRatio(amountIn, p.Assets[in].Balance)
		if p.FeePolicy.TierExtraFee(next).Equal(p.FeePolicy.TierExtraFee(ratio)) {
			return fee, trial, nil
		}
		ratio = next
	}
	return sdkmath.LegacyDec{}, Pool{}, errorsmod.Wrap(ErrMath, "fee tiers did not settle")
}

// JoinExitFee is the fee rate of a single-asset or uneven join or a
// single-asset exit of the given size under the pool's policy. Such an
// operation is half of a swap whose other half is unseen, so it never gets
// the direction rebate and always pays the surcharge: no join-then-exit
// detour can pay less than the swap it stands for.
func (p Pool) JoinExitFee(params Params, st *FeeState, ratio sdkmath.LegacyDec) sdkmath.LegacyDec {
	if p.FeePolicy.IsFixed() {
		return p.SwapFee
	}
	dir := poolmath.DirectionNeutral
	if p.FeePolicy.Direction != nil {
		dir = poolmath.DirectionAway
	}
	return p.TradeFee(params, st.SigmaOrZero(), ratio, dir)
}

// Knows reports whether the fee state has a TWAP for both assets.
func (st *FeeState) Knows(pool Pool, in, out int) bool {
	if st == nil || len(st.TwapLogValues) != len(pool.Assets) {
		return false
	}
	for _, u := range st.TwapUnknown {
		if int(u) == in || int(u) == out {
			return false
		}
	}
	return true
}

// SigmaOrZero is the state's volatility, zero without one.
func (st *FeeState) SigmaOrZero() sdkmath.LegacyDec {
	if st == nil || st.Sigma.IsNil() {
		return sdkmath.LegacyZeroDec()
	}
	return st.Sigma
}

// PairDeviation is ln(spot/TWAP) of asset in's price in asset out, for the
// pool at now: selling in lowers it, which is toward the TWAP while it is
// positive.
func (st *FeeState) PairDeviation(pool Pool, now time.Time, in, out int) (sdkmath.LegacyDec, error) {
	q, err := pool.LogValues(now)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	return PairDeviation(st.TwapLogValues, q, in, out), nil
}
