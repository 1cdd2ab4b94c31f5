package types

import (
	"math/big"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// Operation sizes for the fee tiers: pure, so the chain and the risk
// simulator size operations alike.

// JoinRatio is a deposit's size for the fee tiers: its largest amount
// against the balance of its asset.
func JoinRatio(pool Pool, tokensIn sdk.Coins) sdkmath.LegacyDec {
	ratio := sdkmath.LegacyZeroDec()
	if len(pool.FeePolicy.GetTiers()) == 0 {
		return ratio
	}
	for _, c := range tokensIn {
		if i, err := pool.AssetIndex(c.Denom); err == nil {
			ratio = sdkmath.LegacyMaxDec(ratio, InRatio(c.Amount, pool.Assets[i].Balance))
		}
	}
	return ratio
}

// ExitRatio is a single-asset exit's size for the fee tiers: the in-ratio
// of the largest swap it can stand for. Burning s of S shares for asset o
// pays what a join of x·B_a of any other asset a would have minted, with
// (1 + x·φ)^w_a = S/(S − s); the smallest weight gives the largest x, and
// dividing by 1 − max_swap_fee ≤ φ covers the join's fee factor. So the exit
// of a join-then-exit detour is never in a lower tier than the swap.
func ExitRatio(params Params, pool Pool, out int, sharesIn sdkmath.Int) sdkmath.LegacyDec {
	if len(pool.FeePolicy.GetTiers()) == 0 {
		return sdkmath.LegacyZeroDec()
	}
	remaining := pool.TotalShares.Sub(sharesIn)
	if !remaining.IsPositive() {
		return sdkmath.LegacyOneDec()
	}
	minWeight := sdkmath.Int{}
	for i, a := range pool.Assets {
		if i != out && (minWeight.IsNil() || a.Weight.LT(minWeight)) {
			minWeight = a.Weight
		}
	}
	if minWeight.IsNil() || !minWeight.IsPositive() {
		return sdkmath.LegacyOneDec()
	}
	growth, err := poolmath.PowUp(poolmath.FixedRatio(pool.TotalShares, remaining), poolmath.FixedRatio(pool.TotalWeight(), minWeight))
	if err != nil {
		return sdkmath.LegacyOneDec() // beyond any pool's range: the top tier
	}
	x, err := growth.Sub(poolmath.One()).QuoUp(poolmath.One().Sub(poolmath.FixedFromDec(params.MaxSwapFee))).LegacyDecDown()
	if err != nil || !x.LT(sdkmath.LegacyOneDec()) {
		return sdkmath.LegacyOneDec()
	}
	return x.Add(sdkmath.LegacySmallestDec()) // rounded up: never a lower tier
}

// InRatio is amount/balance at 18 decimals, capped at 1 (no tier or in-ratio
// limit goes higher), computed in big integers so no size can overflow.
func InRatio(amount, balance sdkmath.Int) sdkmath.LegacyDec {
	if !balance.IsPositive() || amount.GTE(balance) {
		return sdkmath.LegacyOneDec()
	}
	if !amount.IsPositive() {
		return sdkmath.LegacyZeroDec()
	}
	scaled := new(big.Int).Mul(amount.BigInt(), sdkmath.LegacyOneDec().BigInt())
	return sdkmath.LegacyNewDecFromBigIntWithPrec(scaled.Quo(scaled, balance.BigInt()), sdkmath.LegacyPrecision)
}
