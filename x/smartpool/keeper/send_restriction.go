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
// pool whose allow-list is on may only be held by addresses on its list.
// Joins check the list; without this a listed LP could hand its shares to
// anyone by a plain bank send.
//
//   - Shares may always go to the smartpool module account (exits burn them
//     there) and to module accounts users cannot send to.
//   - A transfer from an address to an address off the list is refused.
//   - A payout by another module (staking rewards, a community-pool spend) is
//     never refused: that would make the module's own operation fail for
//     every delegator, an easy denial of service. Shares reach rewards only as
//     fees, and SweepFeeShares takes allow-listed pools' shares out of the
//     fee collector before x/distribution hands them out.
//   - An ICS-20 refund is never refused: shares that left over IBC before the
//     list was switched on go back to the address that sent them when their
//     packet times out or is refused. Refusing would fail the relayer's
//     timeout or acknowledgement for good and leave them in escrow until the
//     controller listed the sender. Such a holder is like one who kept the
//     shares at home: it may hold them and exit, not join.
func (k Keeper) SendRestriction(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	if to.Equals(k.moduleAddress()) || k.bankKeeper.BlockedAddr(to) || k.bankKeeper.BlockedAddr(from) || types.IsICS20Refund(ctx) {
		return to, nil
	}
	for _, c := range amt {
		pool, ok, err := k.allowListedPoolOf(ctx, c.Denom)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		listed, err := k.isAllowListed(ctx, pool.Id, to)
		if err != nil {
			return nil, err
		}
		if !listed {
			return nil, errorsmod.Wrapf(types.ErrNotAllowListed, "pool %d's shares may only be held by addresses on its allow-list", pool.Id)
		}
	}
	return to, nil
}

// allowListedPoolOf returns the pool whose share denom is denom if its
// allow-list is on.
func (k Keeper) allowListedPoolOf(ctx context.Context, denom string) (types.Pool, bool, error) {
	id, err := types.PoolIDFromShareDenom(denom)
	if err != nil {
		return types.Pool{}, false, nil // not a share
	}
	pool, err := k.Pools.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Pool{}, false, nil
	} else if err != nil {
		return types.Pool{}, false, err
	}
	return pool, pool.AllowListEnabled, nil
}
