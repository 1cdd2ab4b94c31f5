package keeper

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/poold/poold/x/smartpool/types"
)

// CreatePool charges the creation fee, takes the initial deposits, mints the
// initial shares to the creator and stores the pool.
func (k Keeper) CreatePool(ctx context.Context, msg *types.MsgCreatePool) (uint64, sdk.Coin, error) {
	if err := msg.ValidateBasic(); err != nil {
		return 0, sdk.Coin{}, err
	}
	sender, err := k.addressCodec.StringToBytes(msg.Sender)
	if err != nil {
		return 0, sdk.Coin{}, errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, sdk.Coin{}, err
	}
	pool, err := types.NewPool(params, msg, sdk.UnwrapSDKContext(ctx).BlockTime())
	if err != nil {
		return 0, sdk.Coin{}, err
	}

	if !params.PoolCreationFee.IsZero() {
		if err := k.communityPool.FundCommunityPool(ctx, params.PoolCreationFee, sender); err != nil {
			return 0, sdk.Coin{}, errorsmod.Wrap(err, "pool creation fee")
		}
	}
	id, err := k.NextPoolID.Next(ctx)
	if err != nil {
		return 0, sdk.Coin{}, err
	}
	pool.Id = id
	pool.ShareDenom = types.ShareDenom(id)

	deposits := pool.Liquidity()
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, sender, types.ModuleName, deposits); err != nil {
		return 0, sdk.Coin{}, err
	}
	shares := sdk.NewCoin(pool.ShareDenom, pool.TotalShares)
	if err := k.mintShares(ctx, sender, shares); err != nil {
		return 0, sdk.Coin{}, err
	}
	k.bankKeeper.SetDenomMetaData(ctx, shareMetadata(id))
	if err := k.startOracle(ctx, &pool, params); err != nil {
		return 0, sdk.Coin{}, err
	}
	if err := pool.StartCreationStrategy(params, msg); err != nil {
		return 0, sdk.Coin{}, err
	}
	if err := k.setPool(ctx, pool); err != nil {
		return 0, sdk.Coin{}, err
	}
	if err := k.trackScheduleEnd(ctx, pool); err != nil {
		return 0, sdk.Coin{}, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPoolCreated{
		PoolId: id, Creator: msg.Sender, ShareDenom: pool.ShareDenom, Deposits: deposits, SharesOut: shares,
	})
	return id, shares, err
}

func shareMetadata(id uint64) banktypes.Metadata {
	base := types.ShareDenom(id)
	display := fmt.Sprintf("smartpool-%d", id)
	return banktypes.Metadata{
		Description: fmt.Sprintf("Share of smart pool %d: a claim on its whole basket", id),
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: base, Exponent: 0},
			{Denom: display, Exponent: types.ShareExponent},
		},
		Base:    base,
		Display: display,
		Name:    fmt.Sprintf("Smart pool %d share", id),
		Symbol:  fmt.Sprintf("SP%d", id),
	}
}

func (k Keeper) mintShares(ctx context.Context, to sdk.AccAddress, shares sdk.Coin) error {
	return k.mintSharesTo(ctx, assetParties{recipient: to}, shares)
}

func (k Keeper) burnShares(ctx context.Context, from sdk.AccAddress, shares sdk.Coin) error {
	coins := sdk.NewCoins(shares)
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, from, types.ModuleName, coins); err != nil {
		return err
	}
	return k.bankKeeper.BurnCoins(ctx, types.ModuleName, coins)
}
