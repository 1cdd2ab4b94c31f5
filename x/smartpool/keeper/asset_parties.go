package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// assetParties says who pays for an asset change and who is paid by it. A
// controller pays (the deposit of an added asset, the shares of a removed
// one) and is paid unless it names a recipient. Governance, a blocked module
// account, can neither pay nor be paid: for a governed pool the community pool
// pays and, unless the proposal names a recipient, is paid.
type assetParties struct {
	// payer is nil when the community pool pays.
	payer sdk.AccAddress
	// recipient is nil when the community pool is paid.
	recipient sdk.AccAddress
}

// assetParties resolves the parties of a change proposed by controller, with
// the optional recipient it named; a recipient that could never be paid is
// refused, so the change is refused when queued rather than dropped when due.
func (k Keeper) assetParties(controller, recipient string) (assetParties, error) {
	var p assetParties
	if controller != k.authority {
		addr, err := k.addressCodec.StringToBytes(controller)
		if err != nil {
			return p, errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
		}
		p.payer, p.recipient = addr, addr
	}
	if recipient != "" {
		addr, err := k.addressCodec.StringToBytes(recipient)
		if err != nil {
			return p, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient: %v", err)
		}
		if k.bankKeeper.BlockedAddr(addr) {
			return p, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient %s is a blocked module account and cannot be paid", recipient)
		}
		p.recipient = addr
	}
	return p, nil
}

// checkShareRecipient refuses minting an allow-listed pool's shares to an
// address off its list (the bank send restriction would refuse it when due).
func (k Keeper) checkShareRecipient(ctx context.Context, pool types.Pool, p assetParties) error {
	if !pool.AllowListEnabled || p.recipient == nil {
		return nil
	}
	listed, err := k.isAllowListed(ctx, pool.Id, p.recipient)
	if err != nil {
		return err
	}
	if !listed {
		return errorsmod.Wrapf(types.ErrNotAllowListed, "pool %d: the recipient of the new shares", pool.Id)
	}
	return nil
}

// checkCanPay refuses, when queued, a governed pool's change that the
// community pool could not pay as things stand. A controller may still fund
// itself during the time-lock, so its balance is checked when the change applies.
func (k Keeper) checkCanPay(ctx context.Context, p assetParties, coins sdk.Coins) error {
	if p.payer != nil {
		return nil
	}
	trial, _ := sdk.UnwrapSDKContext(ctx).CacheContext() // never written
	if err := k.communityPool.DistributeFromFeePool(trial, coins, k.moduleAddress()); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "the community pool cannot pay %s: %v", coins, err)
	}
	return nil
}

// payIn moves coins from the payer into the module account.
func (k Keeper) payIn(ctx context.Context, p assetParties, coins sdk.Coins) error {
	if p.payer == nil {
		return k.communityPool.DistributeFromFeePool(ctx, coins, k.moduleAddress())
	}
	return k.depositToModule(ctx, p.payer, coins)
}

// payOut moves coins from the module account to the recipient.
func (k Keeper) payOut(ctx context.Context, p assetParties, coins sdk.Coins) error {
	if p.recipient == nil {
		return k.communityPool.FundCommunityPool(ctx, coins, k.moduleAddress())
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, p.recipient, coins)
}

// mintSharesTo mints shares to the recipient.
func (k Keeper) mintSharesTo(ctx context.Context, p assetParties, shares sdk.Coin) error {
	coins := sdk.NewCoins(shares)
	if err := k.bankKeeper.MintCoins(ctx, types.ModuleName, coins); err != nil {
		return err
	}
	return k.payOut(ctx, p, coins)
}

// depositToModule moves coins from an account into the module account. It is
// x/bank's SendCoinsFromAccountToModule without its lookup of the module
// account, which exists from genesis (NewKeeper checks its address): that
// store read is 1,432 gas on every swap and join.
func (k Keeper) depositToModule(ctx context.Context, from sdk.AccAddress, coins sdk.Coins) error {
	return k.bankKeeper.SendCoins(ctx, from, k.moduleAddress(), coins)
}

func (k Keeper) moduleAddress() sdk.AccAddress {
	return k.accountKeeper.GetModuleAddress(types.ModuleName)
}
