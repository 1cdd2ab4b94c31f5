package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// markProtocolFeeDue lists a pool for the payout when a hop gave its
// protocol_fees_owed its first coin: one index write per pool and payout,
// never one per swap.
func (k Keeper) markProtocolFeeDue(ctx context.Context, h swapHop) error {
	owed := h.pool.ProtocolFeesOwed
	if !h.protocolFee.IsPositive() || len(owed) != 1 || !owed[0].Equal(h.protocolFee) {
		return nil
	}
	return k.ProtocolFeesDue.Set(ctx, h.pool.Id)
}

// listOwingPool lists a pool for the payout after a join or exit whose fee
// left it owing the protocol (a write only when protocol fees are on).
func (k Keeper) listOwingPool(ctx context.Context, pool types.Pool) error {
	if pool.ProtocolFeesOwed.IsZero() {
		return nil
	}
	return k.ProtocolFeesDue.Set(ctx, pool.Id)
}

// payProtocolFees pays at most limit pools' owed protocol fees to the
// community pool, in pool id order; the rest wait for the next block. It
// never fails the block: each pool pays on its own branch. A pool whose
// payout fails stays listed and owed, and is tried again next block; only a
// module account short of the fees it holds (a broken invariant) fails one.
func (k Keeper) payProtocolFees(ctx context.Context, limit uint32) error {
	var due []uint64
	err := k.ProtocolFeesDue.Walk(ctx, nil, func(id uint64) (bool, error) {
		due = append(due, id)
		return uint32(len(due)) >= limit, nil
	})
	if err != nil {
		return err
	}
	for _, id := range due {
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.payPoolProtocolFees(ctx, id) }); err != nil {
			k.logger(ctx).Error("protocol fee payout failed; the fees stay owed", "pool", id, "err", err)
		}
	}
	return nil
}

func (k Keeper) payPoolProtocolFees(ctx context.Context, poolID uint64) error {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return err
	}
	owed := pool.ProtocolFeesOwed
	if owed.IsZero() {
		return k.ProtocolFeesDue.Remove(ctx, poolID)
	}
	if err := k.communityPool.FundCommunityPool(ctx, owed, k.moduleAddress()); err != nil {
		return err
	}
	paid, err := k.ProtocolFeesPaid.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	paid.Amount = paid.Amount.Add(owed...)
	if err := k.ProtocolFeesPaid.Set(ctx, paid); err != nil {
		return err
	}
	pool.ProtocolFeesOwed = nil
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	if err := k.ProtocolFeesDue.Remove(ctx, poolID); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventProtocolFeesPaid{PoolId: poolID, Amount: owed})
}
