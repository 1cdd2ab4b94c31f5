package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// SendRestriction is x/bank's send restriction for pool shares: shares of a
// pool whose allow-list is on may only go to addresses on its list. Joins
// check the list; without this a listed LP could hand its shares to anyone
// by a plain bank send. Shares may always go back to the module account (exits
// burn them there) and to module accounts that users cannot send to anyway
// (the community pool of a governed pool).
func (k Keeper) SendRestriction(ctx context.Context, _, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	for _, c := range amt {
		id, err := types.PoolIDFromShareDenom(c.Denom)
		if err != nil {
			continue // not a share
		}
		pool, err := k.Pools.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		if !pool.AllowListEnabled || to.Equals(k.moduleAddress()) || k.bankKeeper.BlockedAddr(to) {
			continue
		}
		listed, err := k.isAllowListed(ctx, id, to)
		if err != nil {
			return nil, err
		}
		if !listed {
			return nil, errorsmod.Wrapf(types.ErrNotAllowListed, "pool %d's shares may only be held by addresses on its allow-list", id)
		}
	}
	return to, nil
}
