package keeper

import (
	"context"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// feePolicyGasPerAsset is what a dynamic fee policy charges per asset for
// the log values it computes, which the store's gas does not see.
const feePolicyGasPerAsset = 500

// feeRerunGas is what each extra run of a trade costs (a higher size tier,
// or an overshoot priced as away): the swap math again, which the store's
// gas does not see either.
const feeRerunGas = 2_000

// priceSwap runs a swap from inDenom to outDenom on pool at the fee its
// policy sets (types.Pool.PriceTrade), leaving the pool as the swap leaves
// it, and returns the fee rate. initialRatio is the trade's in-ratio when
// known in advance (exact in), zero otherwise. A fixed-fee pool runs the
// trade once, reading nothing.
func (k Keeper) priceSwap(ctx context.Context, params types.Params, pool *types.Pool, inDenom, outDenom string,
	initialRatio sdkmath.LegacyDec, trade types.TradeFn,
) (sdkmath.LegacyDec, error) {
	if pool.FeePolicy.IsFixed() {
		_, err := trade(pool, pool.SwapFee)
		return pool.SwapFee, err
	}
	st, err := k.feeStateFor(ctx, pool)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	in, out, err := assetPair(*pool, inDenom, outDenom)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	priced, err := pool.PriceTrade(params, st, sdkCtx.BlockTime(), in, out, initialRatio, trade)
	// The log values and the extra runs are arithmetic the store's gas does
	// not see: charged for whether the trade went through or not.
	if priced.ReadDirection {
		sdkCtx.GasMeter().ConsumeGas(feePolicyGasPerAsset*uint64(len(pool.Assets)), "direction fee price check")
	}
	if priced.Runs > 1 {
		sdkCtx.GasMeter().ConsumeGas(feeRerunGas*uint64(priced.Runs-1), "fee policy: trade priced again")
	}
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	*pool = priced.Pool
	return priced.Fee, nil
}

// joinExitFee is the fee rate of a single-asset or uneven join or a
// single-asset exit of the given size. Such an operation is half of a swap
// whose other half is unseen, so it never gets the direction rebate and
// always pays the surcharge: no join-then-exit detour can pay less than the
// swap it stands for.
func (k Keeper) joinExitFee(ctx context.Context, params types.Params, pool *types.Pool, ratio sdkmath.LegacyDec) (sdkmath.LegacyDec, error) {
	if pool.FeePolicy.IsFixed() {
		return pool.SwapFee, nil
	}
	st, err := k.feeStateFor(ctx, pool)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	return pool.JoinExitFee(params, st, ratio), nil
}

// assetPair resolves a swap's two asset indexes.
func assetPair(pool types.Pool, inDenom, outDenom string) (int, int, error) {
	in, err := pool.AssetIndex(inDenom)
	if err != nil {
		return 0, 0, err
	}
	out, err := pool.AssetIndex(outDenom)
	return in, out, err
}
