package types

import (
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// MaxAllowListEdit bounds the addresses one allow-list edit names, so that
// applying it in the end-block step is cheap whatever its author asks.
const MaxAllowListEdit = 100

// ImpliedPrices is the price an added asset's deposit would set for it in
// each of the pool's assets (units of that asset per unit of the new one), at
// the pool's current balances and weights: (Bj/wj) / (deposit/weight). The
// deposit alone sets it, so LPs read it here before the change applies. A
// price too large to print is left out.
func ImpliedPrices(pool Pool, c AddAssetChange) sdk.DecCoins {
	prices := make(sdk.DecCoins, 0, len(pool.Assets))
	for _, a := range pool.Assets {
		price, err := poolmath.SpotPrice(a.Balance, a.Weight, c.Deposit.Amount, c.Weight, sdkmath.LegacyZeroDec())
		if err != nil || !price.IsPositive() {
			continue
		}
		prices = append(prices, sdk.NewDecCoinFromDec(a.Denom, price))
	}
	return prices.Sort()
}
