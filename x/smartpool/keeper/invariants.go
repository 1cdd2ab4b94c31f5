package keeper

import (
	"context"
	"fmt"
	"math/big"
	"sort"

	"github.com/poold/poold/x/smartpool/types"
)

// CheckModuleBalances verifies the accounting invariant: the module account
// holds at least the sum of every pool's balances and owed protocol fees,
// denom by denom, and exactly
// that sum unless someone sent tokens to it directly (donations never change a
// price, since pool balances live in state). It also checks each pool's share
// supply against the bank.
func (k Keeper) CheckModuleBalances(ctx context.Context) error {
	// Summed in big integers: coins' Add panics past 256 bits, and genesis
	// import runs this on a state no transaction made.
	sum := map[string]*big.Int{}
	var denoms []string
	err := k.Pools.Walk(ctx, nil, func(_ uint64, pool types.Pool) (bool, error) {
		if err := pool.Validate(); err != nil {
			return true, err
		}
		if supply := k.bankKeeper.GetSupply(ctx, pool.ShareDenom); !supply.Amount.Equal(pool.TotalShares) {
			return true, fmt.Errorf("pool %d has %s shares but the bank supply of %s is %s", pool.Id, pool.TotalShares, pool.ShareDenom, supply.Amount)
		}
		add := func(denom string, amount *big.Int) {
			if sum[denom] == nil {
				sum[denom] = new(big.Int)
				denoms = append(denoms, denom)
			}
			sum[denom].Add(sum[denom], amount)
		}
		for _, a := range pool.Assets {
			add(a.Denom, a.Balance.BigInt())
		}
		// Protocol fees owed wait in the module account too, outside the balances.
		for _, c := range pool.ProtocolFeesOwed {
			add(c.Denom, c.Amount.BigInt())
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	sort.Strings(denoms)
	module := k.moduleAddress()
	for _, d := range denoms {
		if held := k.bankKeeper.GetBalance(ctx, module, d); held.Amount.BigInt().Cmp(sum[d]) < 0 {
			return fmt.Errorf("module account holds %s, less than the pools' %s%s", held, sum[d], d)
		}
	}
	return nil
}
