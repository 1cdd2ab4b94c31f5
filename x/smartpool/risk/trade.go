package risk

import (
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// feeState is what a dynamic fee policy reads this block, taken from the
// pool as the block found it (as the keeper's fee state is).
type feeState struct {
	sigma sdkmath.LegacyDec
	twap  []sdkmath.LegacyDec // nil: no direction policy or no history
}

func (p *path) feeStateNow() feeState {
	st := feeState{sigma: sdkmath.LegacyZeroDec()}
	pol := p.live.FeePolicy
	if !pol.IsDynamic() || p.oracle == nil {
		return st
	}
	if v := pol.Volatility; v != nil {
		st.sigma = p.oracle.volatility(p.t, v.Window)
	}
	if d := pol.Direction; d != nil {
		st.twap = p.oracle.twap(p.stored, p.t, d.Window)
	}
	return st
}

// swapExactIn trades amount of asset in for asset out on the live pool the
// way the keeper's exact-in swap does: the fee its policy sets (a trade
// rebated as toward the TWAP that overshoots it pays as away), the swap,
// the fee booked, then the circuit breakers. On refusal nothing changes.
func (p *path) swapExactIn(in, out int, amount sdkmath.Int) (sdkmath.Int, bool) {
	got, ok := p.trySwapExactIn(in, out, amount)
	p.record(OpSwap, in, out, amount, got, ok)
	return got, ok
}

func (p *path) trySwapExactIn(in, out int, amount sdkmath.Int) (sdkmath.Int, bool) {
	if !amount.IsPositive() {
		return sdkmath.Int{}, false
	}
	tokenIn := sdk.Coin{Denom: p.live.Assets[in].Denom, Amount: amount} // a pool denom: valid
	outDenom := p.live.Assets[out].Denom
	guarded := p.live.EffectiveBreakers(p.params).Active()
	if p.live.FeePolicy.IsFixed() && !guarded { // the common case: in place, no copy
		got, err := p.live.SwapExactAmountInWithFee(p.params, p.live.SwapFee, tokenIn, outDenom)
		if err != nil {
			p.act.Refused++
			return sdkmath.Int{}, false
		}
		p.live.BookSwapFee(p.params, tokenIn, p.live.SwapFee)
		p.touched = true
		return got.Amount, true
	}
	ratio := types.InRatio(amount, p.live.Assets[in].Balance)
	dir, devBefore := p.direction(p.live, in, out)
	for {
		fee := p.live.TradeFee(p.params, p.fee.sigma, ratio, dir)
		trial := p.live.Clone()
		got, err := trial.SwapExactAmountInWithFee(p.params, fee, tokenIn, outDenom)
		if err != nil {
			p.act.Refused++
			return sdkmath.Int{}, false
		}
		if dir == poolmath.DirectionToward {
			if p.deviation(trial, in, out).Abs().GT(devBefore) {
				dir = poolmath.DirectionAway
				continue
			}
		}
		trial.BookSwapFee(p.params, tokenIn, fee)
		if !p.guard(&trial) {
			return sdkmath.Int{}, false
		}
		p.live, p.touched = trial, true
		return got.Amount, true
	}
}

// direction is how a swap from in to out moves the pair against its TWAP,
// and the pair's log deviation; neutral without a direction policy or history.
func (p *path) direction(pool types.Pool, in, out int) (poolmath.TradeDirection, sdkmath.LegacyDec) {
	if pool.FeePolicy == nil || pool.FeePolicy.Direction == nil || p.fee.twap == nil {
		return poolmath.DirectionNeutral, sdkmath.LegacyZeroDec()
	}
	dev := p.deviation(pool, in, out)
	if dev.IsPositive() {
		return poolmath.DirectionToward, dev
	}
	return poolmath.DirectionAway, dev
}

func (p *path) deviation(pool types.Pool, in, out int) sdkmath.LegacyDec {
	q, err := pool.LogValues(p.t)
	if err != nil || p.fee.twap == nil {
		return sdkmath.LegacyZeroDec()
	}
	return types.PairDeviation(p.fee.twap, q, in, out)
}

// joinExitFee is the fee of a single-asset join or exit of the given size:
// never rebated, always surcharged, as on chain.
func (p *path) joinExitFee(ratio sdkmath.LegacyDec) sdkmath.LegacyDec {
	if p.live.FeePolicy.IsFixed() {
		return p.live.SwapFee
	}
	dir := poolmath.DirectionNeutral
	if p.live.FeePolicy.Direction != nil {
		dir = poolmath.DirectionAway
	}
	return p.live.TradeFee(p.params, p.fee.sigma, ratio, dir)
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
