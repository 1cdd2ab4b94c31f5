package keeper

import (
	"context"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// CheckModuleBalances verifies the accounting invariant: the module account
// holds at least the sum of every pool's balances, denom by denom, and exactly
// that sum unless someone sent tokens to it directly (donations never change a
// price, since pool balances live in state). It also checks each pool's share
// supply against the bank.
func (k Keeper) CheckModuleBalances(ctx context.Context) error {
	sum := sdk.NewCoins()
	err := k.Pools.Walk(ctx, nil, func(_ uint64, pool types.Pool) (bool, error) {
		if err := pool.Validate(); err != nil {
			return true, err
		}
		if supply := k.bankKeeper.GetSupply(ctx, pool.ShareDenom); !supply.Amount.Equal(pool.TotalShares) {
			return true, fmt.Errorf("pool %d has %s shares but the bank supply of %s is %s", pool.Id, pool.TotalShares, pool.ShareDenom, supply.Amount)
		}
		sum = sum.Add(pool.Liquidity()...)
		return false, nil
	})
	if err != nil {
		return err
	}
	held := k.bankKeeper.GetAllBalances(ctx, k.accountKeeper.GetModuleAddress(types.ModuleName))
	if !held.IsAllGTE(sum) {
		return fmt.Errorf("module account holds %s, less than the pools' %s", held, sum)
	}
	return nil
}
