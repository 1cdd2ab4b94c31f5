package keeper

import (
	"context"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/poold/poold/x/smartpool/types"
)

// SweepFeeShares runs at the start of each block, before x/distribution
// allocates the fees of the last one. Shares of an allow-listed pool paid as
// transaction fees would otherwise become staking rewards and reach
// delegators off the list; instead they are burned, which hands their value
// to the pool's remaining LPs (like an exit that pays nothing out). Its work
// is proportional to the share denoms paid as fees in one block. It never
// fails: each pool's sweep is guarded and dropped with a log line.
func (k Keeper) SweepFeeShares(ctx context.Context) {
	collector := k.accountKeeper.GetModuleAddress(authtypes.FeeCollectorName)
	if collector == nil {
		return
	}
	for _, c := range k.bankKeeper.GetAllBalances(ctx, collector) {
		if !c.IsPositive() || !strings.HasPrefix(c.Denom, types.ShareDenomPrefix) {
			continue // not a share: no branch needed
		}
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.burnFeeShares(ctx, c) }); err != nil {
			k.logger(ctx).Error("cannot sweep fee shares", "coin", c.String(), "err", err)
		}
	}
}

func (k Keeper) burnFeeShares(ctx context.Context, c sdk.Coin) error {
	pool, ok, err := k.allowListedPoolOf(ctx, c.Denom)
	if err != nil || !ok || c.Amount.GTE(pool.TotalShares) {
		return err
	}
	k.advanceOracle(ctx, &pool) // loaded as stored: bring it to this block first
	coins := sdk.NewCoins(c)
	if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, authtypes.FeeCollectorName, types.ModuleName, coins); err != nil {
		return err
	}
	if err := k.bankKeeper.BurnCoins(ctx, types.ModuleName, coins); err != nil {
		return err
	}
	pool.TotalShares = pool.TotalShares.Sub(c.Amount) // checked above: some shares remain
	return k.setPool(ctx, pool)
}
