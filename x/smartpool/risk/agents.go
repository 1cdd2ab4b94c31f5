package risk

import (
	"math"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// arbitrage trades the pool toward the market, best trade first, while the
// best trade's profit beats the gas cost. Arbitrageurs size trades off
// chain, in floating point; the trade itself is the chain's.
func (p *path) arbitrage(a *Arbitrage) {
	limit := a.MaxTradesPerStep
	if limit == 0 {
		limit = p.c.n - 1
	}
	for range limit {
		in, out, amount, profit := p.bestArbitrage()
		if profit <= a.GasCost || !amount.IsPositive() {
			return
		}
		got, ok := p.swapExactIn(in, out, amount, p.breakEven(in, out, amount, a.GasCost))
		for try := 0; !ok && try < 3 && p.live.EffectiveBreakers(p.params).Active(); try++ {
			amount = amount.QuoRaw(2) // refused (a breaker, a ratio limit, the minimum out): a smaller trade may pass
			got, ok = p.swapExactIn(in, out, amount, p.breakEven(in, out, amount, a.GasCost))
		}
		if !ok {
			return
		}
		p.arbProfit += toFloat(got)*p.prices[out] - toFloat(amount)*p.prices[in] - a.GasCost
		p.act.ArbitrageTrades++
	}
}

// bestArbitrage is the most profitable exact-in trade at market prices.
// Paying a into asset i for asset o returns B_o·(1 − (B_i/(B_i + a·γ))^r),
// γ = 1 − fee, r = w_i/w_o; the profit p_o·out − p_i·a peaks where
// (B_i + a·γ)^(r+1) = p_o·B_o·r·γ·B_i^r / p_i.
func (p *path) bestArbitrage() (int, int, sdkmath.Int, float64) {
	n := p.c.n
	b, w := make([]float64, n), make([]float64, n)
	for i, a := range p.live.Assets {
		b[i], w[i] = toFloat(a.Balance), toFloat(a.Weight)
	}
	maxIn, maxOut := p.c.maxInRatio, p.c.maxOutRatio
	gamma := 1 - p.feeEstimate()
	bestIn, bestOut, bestA, bestProfit := 0, 0, 0.0, 0.0
	for i := range n {
		for o := range n {
			if i == o {
				continue
			}
			r := w[i] / w[o]
			x := math.Exp((math.Log(p.prices[o]*b[o]*r*gamma/p.prices[i]) + r*math.Log(b[i])) / (r + 1))
			a := (x - b[i]) / gamma
			if !(a > 0) {
				continue
			}
			// Within the pool's ratio limits, with a margin for rounding.
			a = math.Min(a, 0.999*maxIn*b[i])
			a = math.Min(a, 0.999*b[i]*(math.Pow(1-maxOut, -1/r)-1)/gamma)
			out := b[o] * (1 - math.Pow(b[i]/(b[i]+a*gamma), r))
			if profit := p.prices[o]*out - p.prices[i]*a; profit > bestProfit {
				bestIn, bestOut, bestA, bestProfit = i, o, a, profit
			}
		}
	}
	return bestIn, bestOut, toInt(bestA), bestProfit
}

// breakEven is the least an arbitrageur accepts for amount of asset in:
// what pays for the tokens and the gas at market prices. It goes on chain
// as the swap's minimum out, so a trade the fee policy prices higher than
// the arbitrageur expected fails instead of losing money.
func (p *path) breakEven(in, out int, amount sdkmath.Int, gas float64) sdkmath.Int {
	least := toInt(math.Ceil((toFloat(amount)*p.prices[in] + gas) / p.prices[out]))
	return sdkmath.MaxInt(least, sdkmath.OneInt())
}

// feeEstimate is the fee rate an arbitrageur expects to pay: the pool's
// fee, or its policy's at no size and no direction (the trade itself then
// pays what the chain charges).
func (p *path) feeEstimate() float64 {
	if p.live.FeePolicy.IsFixed() {
		if p.fixedFee.IsNil() || !p.live.SwapFee.Equal(p.fixedFee) {
			p.fixedFee, p.fixedFeeFloat = p.live.SwapFee, toFloat64Dec(p.live.SwapFee)
		}
		return p.fixedFeeFloat
	}
	return toFloat64Dec(p.live.TradeFee(p.params, p.fee.SigmaOrZero(), sdkmath.LegacyZeroDec(), 0))
}

// noise trades: random pairs and sizes, or buyers of one asset.
func (p *path) noise(nz *Noise) {
	for range poisson(p.rng, nz.TradesPerStep) {
		in := p.rng.IntN(p.c.n)
		out := (in + 1 + p.rng.IntN(p.c.n-1)) % p.c.n
		if p.c.buy >= 0 && p.rng.Float64() < nz.BuyProbability {
			out = p.c.buy
			in = (out + 1 + p.rng.IntN(p.c.n-1)) % p.c.n
		}
		size := p.sizeFraction(nz.Size, nz.Spread, 0.99*p.c.maxInRatio)
		amount := toInt(size * toFloat(p.live.Assets[in].Balance))
		if _, ok := p.swapExactIn(in, out, amount, sdkmath.OneInt()); ok {
			p.act.NoiseTrades++
		}
	}
}

// lps joins and exits at random.
func (p *path) lps(l *LPs) {
	for range poisson(p.rng, l.JoinsPerStep) {
		if p.join(p.sizeFraction(l.Size, l.Spread, 0.5), p.rng.Float64() < l.SingleAsset) {
			p.act.Joins++
		}
	}
	for range poisson(p.rng, l.ExitsPerStep) {
		asset := -1
		if p.rng.Float64() < l.SingleAsset {
			asset = p.rng.IntN(p.c.n)
		}
		shares := toInt(p.sizeFraction(l.Size, l.Spread, 0.5) * toFloat(p.live.TotalShares))
		if p.exit(shares, asset) {
			p.act.Exits++
		}
	}
}

// join deposits about fraction of the pool: all assets in proportion, or
// one asset.
func (p *path) join(fraction float64, single bool) bool {
	if !single {
		shares := toInt(fraction * toFloat(p.live.TotalShares))
		if !shares.IsPositive() {
			return false
		}
		_, err := p.live.JoinProportional(shares)
		if err != nil {
			p.act.Refused++
		}
		p.touched = p.touched || err == nil
		p.record(OpJoin, -1, -1, shares, sdkmath.Int{}, shares, err == nil)
		return err == nil
	}
	i := p.rng.IntN(p.c.n)
	bal := p.live.Assets[i].Balance
	amount := toInt(math.Min(fraction, 0.99*p.c.maxInRatio) * toFloat(bal))
	if !amount.IsPositive() {
		return false
	}
	fee := p.joinExitFee(types.JoinRatio(p.live, sdk.Coins{{Denom: p.live.Assets[i].Denom, Amount: amount}}))
	shares, ok := p.priceMoving(func(pool *types.Pool) (sdkmath.Int, error) {
		return pool.JoinSingleAssetWithFee(p.params, fee, sdk.Coin{Denom: pool.Assets[i].Denom, Amount: amount})
	})
	p.record(OpJoinSingle, i, -1, amount, sdkmath.Int{}, shares, ok)
	return ok
}

// exit burns shares for all assets in proportion (asset < 0) or for one.
func (p *path) exit(shares sdkmath.Int, asset int) bool {
	if !shares.IsPositive() || shares.GTE(p.live.TotalShares) {
		return false
	}
	if asset < 0 {
		_, err := p.live.ExitProportional(shares)
		if err != nil {
			p.act.Refused++
		}
		p.touched = p.touched || err == nil
		p.record(OpExit, -1, -1, shares, sdkmath.Int{}, shares, err == nil)
		return err == nil
	}
	fee := p.joinExitFee(types.ExitRatio(p.params, p.live, asset, shares))
	got, ok := p.priceMoving(func(pool *types.Pool) (sdkmath.Int, error) {
		c, err := pool.ExitSingleAssetWithFee(p.params, fee, pool.Assets[asset].Denom, shares)
		return c.Amount, err
	})
	p.record(OpExitSingle, -1, asset, shares, sdkmath.Int{}, got, ok)
	return ok
}

// massExit takes the run's due shares out: evenly over its window, what a
// block refuses carried to the next ones.
func (p *path) massExit(m *MassExit) {
	elapsed := p.t.Sub(Start)
	if elapsed <= m.At.D() {
		return
	}
	if p.massExitBase.IsNil() {
		p.massExitBase = p.live.TotalShares
	}
	progress := 1.0
	if m.Over.D() > 0 {
		progress = math.Min(1, float64(elapsed-m.At.D())/float64(m.Over.D()))
	}
	due := toInt(m.Fraction * progress * toFloat(p.massExitBase)).Sub(p.massExited)
	// Each exit as large as the pool lets it be: a refused one is halved.
	for try := 0; due.IsPositive() && try < 8; try++ {
		if p.exit(due, p.c.exitAsset) {
			p.massExited = p.massExited.Add(due)
			p.act.Exits++
			due = toInt(m.Fraction * progress * toFloat(p.massExitBase)).Sub(p.massExited)
			continue
		}
		due = due.QuoRaw(2)
	}
}

// sizeFraction is a lognormal size around median, capped.
func (p *path) sizeFraction(median, spread, cap float64) float64 {
	return math.Min(median*math.Exp(spread*p.rng.NormFloat64()), cap)
}

// toFloat64Dec is a decimal as a float64.
func toFloat64Dec(d sdkmath.LegacyDec) float64 {
	if d.IsNil() {
		return 0
	}
	f, err := d.Float64()
	if err != nil {
		return 0
	}
	return f
}
