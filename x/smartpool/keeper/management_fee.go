package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// accrueManagementFee mints a pool's management fee accrued so far before an
// operation that moves its share supply (joins and exits), so each LP pays
// for exactly the time it held shares. Pools without the fee cost one read.
// It never fails the operation: a mint the recipient cannot take (say, off
// an allow-list) is logged, and the fee goes on accruing for later.
func (k Keeper) accrueManagementFee(ctx context.Context, poolID uint64) {
	stored, err := k.storedPool(ctx, poolID)
	if err != nil || stored.ManagementFee == nil {
		return // an unknown pool: the operation itself reports it
	}
	if err := k.guarded(ctx, func(ctx context.Context) error {
		_, err := k.mintManagementFee(ctx, poolID)
		return err
	}); err != nil {
		k.logger(ctx).Error("management fee not minted; it keeps accruing", "pool", poolID, "err", err)
	}
}

// mintManagementFee mints the fee accrued up to this block to the pool's
// recipient and stores the pool. It mints nothing while the accrued amount
// rounds to zero shares, and then leaves the accrual time where it was, so
// frequent operations cannot round the fee away.
func (k Keeper) mintManagementFee(ctx context.Context, poolID uint64) (sdk.Coin, error) {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return sdk.Coin{}, err
	}
	if pool.ManagementFee == nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidMgmtFee, "pool %d has no management fee", poolID)
	}
	from := pool.ManagementFee.LastAccrual
	shares, err := k.mintAccruedFee(ctx, &pool, sdk.UnwrapSDKContext(ctx).BlockTime())
	if err != nil || !shares.IsPositive() {
		return shares, err
	}
	if err := k.setPool(ctx, pool); err != nil {
		return sdk.Coin{}, err
	}
	return shares, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventManagementFeeMinted{
		PoolId: poolID, Recipient: pool.ManagementFee.Recipient, Shares: shares, AccruedFrom: from, AccruedTo: pool.ManagementFee.LastAccrual,
	})
}

// mintAccruedFee accrues the pool's management fee up to now on the pool
// and mints the shares to its recipient; the caller stores the pool.
func (k Keeper) mintAccruedFee(ctx context.Context, pool *types.Pool, now time.Time) (sdk.Coin, error) {
	zero := sdk.NewInt64Coin(pool.ShareDenom, 0)
	if pool.ManagementFee == nil {
		return zero, nil
	}
	recipient, err := k.addressCodec.StringToBytes(pool.ManagementFee.Recipient)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidMgmtFee, "recipient %q: %v", pool.ManagementFee.Recipient, err)
	}
	n, err := pool.AccrueManagementFee(now)
	if err != nil || !n.IsPositive() {
		return zero, err
	}
	shares := sdk.NewCoin(pool.ShareDenom, n)
	return shares, k.mintSharesTo(ctx, assetParties{recipient: recipient}, shares)
}

// changeManagementFee applies a due management fee change: what accrued at
// the old rate is minted first, and the new rate accrues from now.
func (k Keeper) changeManagementFee(ctx context.Context, pool *types.Pool, params types.Params, c types.ManagementFeeChange, at time.Time, dryRun bool) error {
	if err := c.ValidateAgainst(params); err != nil {
		return err
	}
	if pool.Controller == "" && c.AnnualRate.IsPositive() {
		return errorsmod.Wrap(types.ErrInvalidMgmtFee, "an immutable pool cannot charge a management fee")
	}
	if err := k.requireRecipientAllowed(ctx, *pool, c); err != nil {
		return err
	}
	if !dryRun {
		k.mintAccruedOrForfeit(ctx, pool, at)
	}
	pool.ManagementFee = types.ManagementFeeFrom(&c, at)
	return nil
}

// mintAccruedOrForfeit mints what a management fee accrued before the fee
// changes or ends; if the recipient cannot take it, the accrual is
// forfeited (logged), so a recipient can never hold up the change.
func (k Keeper) mintAccruedOrForfeit(ctx context.Context, pool *types.Pool, at time.Time) {
	if pool.ManagementFee == nil {
		return
	}
	trial := pool.Clone()
	if err := k.guarded(ctx, func(ctx context.Context) error {
		_, err := k.mintAccruedFee(ctx, &trial, at)
		return err
	}); err != nil {
		k.logger(ctx).Error("management fee accrual forfeited: the recipient cannot take it", "pool", pool.Id, "err", err)
		return
	}
	*pool = trial
}

// requireFeeRecipientStaysListed refuses an allow-list edit that would leave
// a management fee's recipient off an enabled list: its fee could never be
// minted again.
func (k Keeper) requireFeeRecipientStaysListed(ctx context.Context, pool types.Pool, edit types.AllowListChange) error {
	m := pool.ManagementFee
	if m == nil || !pool.AllowListEnabled {
		return nil
	}
	for _, a := range edit.Add {
		if a == m.Recipient {
			return nil
		}
	}
	for _, r := range edit.Remove {
		if r == m.Recipient {
			return errorsmod.Wrapf(types.ErrInvalidMgmtFee, "%s receives pool %d's management fee and must stay on its allow-list", r, pool.Id)
		}
	}
	return k.requireRecipientAllowed(ctx, pool, types.ManagementFeeChange{AnnualRate: m.AnnualRate, Recipient: m.Recipient})
}

// requireRecipientAllowed refuses a management fee an allow-listed pool could
// never mint: shares may only reach addresses on its list. (A list switched
// on later, without the recipient, leaves the fee accruing unminted until
// the recipient is added.)
func (k Keeper) requireRecipientAllowed(ctx context.Context, pool types.Pool, c types.ManagementFeeChange) error {
	if !pool.AllowListEnabled || !c.AnnualRate.IsPositive() {
		return nil
	}
	addr, err := k.addressCodec.StringToBytes(c.Recipient)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidMgmtFee, "recipient %q: %v", c.Recipient, err)
	}
	ok, err := k.isAllowListed(ctx, pool.Id, addr)
	if err != nil {
		return err
	}
	if !ok {
		return errorsmod.Wrapf(types.ErrNotAllowListed, "management fee recipient %s is not on pool %d's allow-list", c.Recipient, pool.Id)
	}
	return nil
}
