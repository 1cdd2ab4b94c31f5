package keeper

import (
	"context"
	"fmt"
	"sort"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

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
	assets := append([]types.PoolAsset(nil), msg.Assets...)
	sort.Slice(assets, func(i, j int) bool { return assets[i].Denom < assets[j].Denom })
	pool := types.Pool{
		ShareDenom:          types.ShareDenom(0),
		TotalShares:         types.InitialShares,
		Assets:              assets,
		SwapFee:             msg.SwapFee,
		Creator:             msg.Sender,
		CreatedAt:           sdk.UnwrapSDKContext(ctx).BlockTime(),
		Controller:          msg.Controller,
		Rights:              msg.Rights,
		Timelock:            msg.Timelock,
		ShareCap:            sdkmath.ZeroInt(),
		MaxNormalizedWeight: sdkmath.LegacyZeroDec(),
	}
	if msg.ShareCap != nil {
		pool.ShareCap = *msg.ShareCap
	}
	if msg.MaxNormalizedWeight != nil {
		pool.MaxNormalizedWeight = *msg.MaxNormalizedWeight
	}
	if msg.Breakers != nil {
		if err := msg.Breakers.ValidateAgainst(params); err != nil {
			return 0, sdk.Coin{}, err
		}
		b := *msg.Breakers
		pool.Breakers = &b
	}
	if msg.FeePolicy != nil {
		if err := msg.FeePolicy.ValidateAgainst(params); err != nil {
			return 0, sdk.Coin{}, err
		}
		pool.FeePolicy = clonePolicy(msg.FeePolicy)
	}
	if msg.ManagementFee != nil {
		if err := msg.ManagementFee.ValidateAgainst(params); err != nil {
			return 0, sdk.Coin{}, err
		}
		pool.ManagementFee = types.ManagementFeeFrom(msg.ManagementFee, pool.CreatedAt)
	}
	for i := range pool.Assets {
		pool.Assets[i].FeesLp, pool.Assets[i].FeesProtocol = sdkmath.ZeroInt(), nil
	}
	if err := pool.ValidateAgainstParams(params); err != nil {
		return 0, sdk.Coin{}, err
	}
	if err := pool.ValidateControl(params.MinTimelock); err != nil {
		return 0, sdk.Coin{}, err
	}
	if pool.HasShareCap() && pool.TotalShares.GT(pool.ShareCap) {
		return 0, sdk.Coin{}, errorsmod.Wrapf(types.ErrShareCap, "the initial %s shares exceed the cap %s", pool.TotalShares, pool.ShareCap)
	}
	if msg.WeightSchedule != nil {
		// Target weights come in the order of msg.Assets; the pool sorts its assets.
		targets, err := targetsInPoolOrder(msg.Assets, assets, msg.WeightSchedule.TargetWeights)
		if err != nil {
			return 0, sdk.Coin{}, err
		}
		schedule := *msg.WeightSchedule
		schedule.TargetWeights = targets
		schedule.Waypoints = make([]types.Waypoint, len(msg.WeightSchedule.Waypoints))
		for i, w := range msg.WeightSchedule.Waypoints {
			weights, err := targetsInPoolOrder(msg.Assets, assets, w.Weights)
			if err != nil {
				return 0, sdk.Coin{}, err
			}
			schedule.Waypoints[i] = types.Waypoint{Time: w.Time, Weights: weights}
		}
		if err := startSchedule(params, &pool, schedule, pool.CreatedAt); err != nil {
			return 0, sdk.Coin{}, err
		}
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
	if msg.Strategy != nil {
		strategy := *msg.Strategy
		if f := strategy.Floor; f != nil { // base weights come in the order of msg.Assets
			floor := *f
			if floor.BaseWeights, err = targetsInPoolOrder(msg.Assets, assets, f.BaseWeights); err != nil {
				return 0, sdk.Coin{}, err
			}
			strategy.Floor = &floor
		}
		if n := len(strategy.Kappas); n > 0 { // so do per-asset step sizes
			if n != len(msg.Assets) {
				return 0, sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidStrategy, "%d assets but %d kappas", len(msg.Assets), n)
			}
			strategy.Kappas = inPoolOrder(msg.Assets, assets, strategy.Kappas)
		}
		if err := k.startStrategy(params, &pool, &strategy, pool.CreatedAt); err != nil {
			return 0, sdk.Coin{}, err
		}
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

// targetsInPoolOrder reorders weights given in the order of msgAssets into
// the order of the pool's sorted assets.
func targetsInPoolOrder(msgAssets, sorted []types.PoolAsset, weights []sdkmath.Int) ([]sdkmath.Int, error) {
	if len(weights) != len(msgAssets) {
		return nil, errorsmod.Wrapf(types.ErrInvalidSchedule, "%d assets but %d target weights", len(msgAssets), len(weights))
	}
	return inPoolOrder(msgAssets, sorted, weights), nil
}

// inPoolOrder reorders per-asset values given in the order of msgAssets
// (as many) into the pool's sorted order.
func inPoolOrder[T any](msgAssets, sorted []types.PoolAsset, values []T) []T {
	byDenom := make(map[string]T, len(values))
	for i, a := range msgAssets {
		byDenom[a.Denom] = values[i]
	}
	out := make([]T, len(sorted))
	for i, a := range sorted {
		out[i] = byDenom[a.Denom]
	}
	return out
}
