package risk

import (
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// feeStateNow is what a dynamic fee policy reads this block, taken from
// the pool as stored before the block, as the keeper's fee state is: the
// realized volatility and the TWAP the direction compares with (none
// without history). Nil for a fixed fee.
func (p *path) feeStateNow() *types.FeeState {
	pol := p.live.FeePolicy
	if !pol.IsDynamic() || p.oracle == nil {
		return nil
	}
	st := &types.FeeState{Height: int64(p.k), Time: p.t, Sigma: sdkmath.LegacyZeroDec()}
	if v := pol.Volatility; v != nil {
		st.Sigma = p.oracle.volatility(p.t, v.Window)
	}
	if d := pol.Direction; d != nil {
		st.TwapLogValues = p.oracle.twap(p.stored, p.t, d.Window)
	}
	return st
}

// swapExactIn trades amount of asset in for asset out on the live pool the
// way the keeper's exact-in swap does: the fee its policy sets (a trade
// rebated as toward the TWAP that overshoots it pays as away), the swap,
// the fee booked, then the circuit breakers. On refusal nothing changes.
func (p *path) swapExactIn(in, out int, amount, minOut sdkmath.Int) (sdkmath.Int, bool) {
	got, ok := p.trySwapExactIn(in, out, amount, minOut)
	p.record(OpSwap, in, out, amount, minOut, got, ok)
	return got, ok
}

func (p *path) trySwapExactIn(in, out int, amount, minOut sdkmath.Int) (sdkmath.Int, bool) {
	if !amount.IsPositive() {
		return sdkmath.Int{}, false
	}
	tokenIn := sdk.Coin{Denom: p.live.Assets[in].Denom, Amount: amount} // a pool denom: valid
	outDenom := p.live.Assets[out].Denom
	// On a copy, as the keeper plans a swap: the minimum out and the
	// breakers are checked before anything is kept.
	fee, trial := p.live.SwapFee, p.live.Clone()
	if p.live.FeePolicy.IsFixed() {
		if _, err := trial.SwapExactAmountInWithFee(p.params, fee, tokenIn, outDenom); err != nil {
			p.act.Refused++
			return sdkmath.Int{}, false
		}
	} else {
		priced, err := p.live.PriceTrade(p.params, p.fee, p.t, in, out, types.InRatio(amount, p.live.Assets[in].Balance),
			func(pool *types.Pool, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
				_, err := pool.SwapExactAmountInWithFee(p.params, fee, tokenIn, outDenom)
				return amount, err
			})
		if err != nil {
			p.act.Refused++
			return sdkmath.Int{}, false
		}
		trial, fee = priced.Pool, priced.Fee
	}
	got := p.live.Assets[out].Balance.Sub(trial.Assets[out].Balance)
	if got.LT(minOut) {
		p.act.Refused++
		return sdkmath.Int{}, false
	}
	trial.BookSwapFee(p.params, tokenIn, fee)
	if !p.guard(&trial) {
		return sdkmath.Int{}, false
	}
	p.live, p.touched = trial, true
	return got, true
}

// joinExitFee is the chain's fee for a single-asset join or exit of the
// given size: never rebated, always surcharged.
func (p *path) joinExitFee(ratio sdkmath.LegacyDec) sdkmath.LegacyDec {
	return p.live.JoinExitFee(p.params, p.fee, ratio)
}

// priceMoving runs a single-asset join or exit on a copy of the live pool
// and keeps it if the circuit breakers let it through.
func (p *path) priceMoving(op func(*types.Pool) (sdkmath.Int, error)) (sdkmath.Int, bool) {
	trial := p.live.Clone()
	got, err := op(&trial)
	if err != nil {
		p.act.Refused++
		return sdkmath.Int{}, false
	}
	if !p.guard(&trial) {
		return sdkmath.Int{}, false
	}
	p.live, p.touched = trial, true
	return got, true
}

// guard runs the pool's circuit breakers on a price-moving operation that
// would leave the live pool as after, with the chain's checks; the block
// start is taken at the block's first checked operation.
func (p *path) guard(after *types.Pool) bool {
	b := after.EffectiveBreakers(p.params)
	if !b.Active() {
		return true
	}
	before := p.live
	if p.blockStart == nil {
		start := &types.BlockStart{Height: int64(p.k), Time: p.t, TotalShares: before.TotalShares, Balances: before.Balances()}
		if (b.HasBand() || b.HasAlert()) && p.oracle != nil {
			start.TwapLogValues = p.oracle.twap(p.stored, p.t, b.TwapWindow())
		}
		p.blockStart = start
	}
	start := p.blockStart
	if b.HasOutflowCap() {
		if err := types.CheckOutflow(b, *start, before, *after); err != nil {
			p.act.Refused++
			return false
		}
	}
	if len(start.TwapLogValues) != len(after.Assets) || !b.HasBand() {
		return true
	}
	qAfter, err1 := after.LogValues(p.t)
	qBefore, err2 := before.LogValues(p.t)
	if err1 != nil || err2 != nil || types.CheckBand(b, *after, *start, qBefore, qAfter) != nil {
		p.act.Refused++
		return false
	}
	return true
}
