package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// feePolicyGasPerAsset is what a dynamic fee policy charges per asset for
// the log values it computes, which the store's gas does not see.
const feePolicyGasPerAsset = 500

// feeRerunGas is what each extra run of a trade costs (a higher size tier,
// or an overshoot priced as away): the swap math again, which the store's
// gas does not see either.
const feeRerunGas = 2_000

// tradeFn runs one trade on a pool at a fee rate and returns its amount in.
type tradeFn func(pool *types.Pool, fee sdkmath.LegacyDec) (sdkmath.Int, error)

// priceSwap runs a swap from inDenom to outDenom on pool at the fee its
// policy sets, leaving the pool as the swap leaves it, and returns the fee
// rate. initialRatio is the trade's in-ratio when known in advance (exact
// in), zero otherwise. A fixed-fee pool runs the trade once, reading nothing.
func (k Keeper) priceSwap(ctx context.Context, params types.Params, pool *types.Pool, inDenom, outDenom string,
	initialRatio sdkmath.LegacyDec, trade tradeFn,
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
	dir, devBefore, err := k.swapDirection(ctx, *pool, st, in, out)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	for {
		fee, trial, err := tieredTrade(ctx, params, *pool, stateSigma(st), dir, in, initialRatio, trade)
		if err != nil {
			return sdkmath.LegacyDec{}, err
		}
		if dir == poolmath.DirectionToward {
			// A rebated trade must end no further from the TWAP than it
			// began: one that overshoots past the mirror pays as away.
			devAfter, err := pairDeviationNow(ctx, trial, st, in, out)
			if err != nil {
				return sdkmath.LegacyDec{}, err
			}
			if devAfter.Abs().GT(devBefore) {
				dir = poolmath.DirectionAway
				sdk.UnwrapSDKContext(ctx).GasMeter().ConsumeGas(feeRerunGas, "fee policy: trade priced again")
				continue
			}
		}
		*pool = trial
		return fee, nil
	}
}

// tieredTrade runs trade on a copy of pool at the fee of its size tier. An
// exact-out trade learns its size only from the fee: it is rerun while a
// higher fee lifts it into a higher tier, which, tiers rising with size,
// settles within one run per tier.
func tieredTrade(ctx context.Context, params types.Params, pool types.Pool, sigma sdkmath.LegacyDec, dir poolmath.TradeDirection, in int,
	ratio sdkmath.LegacyDec, trade tradeFn,
) (sdkmath.LegacyDec, types.Pool, error) {
	for run := range len(pool.FeePolicy.Tiers) + 2 {
		if run > 0 {
			sdk.UnwrapSDKContext(ctx).GasMeter().ConsumeGas(feeRerunGas, "fee policy: trade priced again")
		}
		fee := pool.TradeFee(params, sigma, ratio, dir)
		trial := pool.Clone()
		amountIn, err := trade(&trial, fee)
		if err != nil {
			return sdkmath.LegacyDec{}, types.Pool{}, err
		}
		next := types.InRatio(amountIn, pool.Assets[in].Balance)
		if pool.FeePolicy.TierExtraFee(next).Equal(pool.FeePolicy.TierExtraFee(ratio)) {
			return fee, trial, nil
		}
		ratio = next
	}
	return sdkmath.LegacyDec{}, types.Pool{}, errorsmod.Wrap(types.ErrMath, "fee tiers did not settle")
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
	dir := poolmath.DirectionNeutral
	if pool.FeePolicy.Direction != nil {
		dir = poolmath.DirectionAway
	}
	return pool.TradeFee(params, stateSigma(st), ratio, dir), nil
}

// swapDirection is how a swap from asset in to asset out moves the pair
// against its TWAP: selling in lowers its price in out, which is toward the
// TWAP while that price is above it. It also returns the pair's log
// deviation before the swap. Neutral without a direction policy or history.
func (k Keeper) swapDirection(ctx context.Context, pool types.Pool, st *types.FeeState, in, out int) (poolmath.TradeDirection, sdkmath.LegacyDec, error) {
	if pool.FeePolicy.Direction == nil || !stateKnows(st, pool, in, out) {
		return poolmath.DirectionNeutral, sdkmath.LegacyZeroDec(), nil
	}
	sdk.UnwrapSDKContext(ctx).GasMeter().ConsumeGas(feePolicyGasPerAsset*uint64(len(pool.Assets)), "direction fee price check")
	dev, err := pairDeviationNow(ctx, pool, st, in, out)
	if err != nil {
		return 0, sdkmath.LegacyDec{}, err
	}
	if dev.IsPositive() {
		return poolmath.DirectionToward, dev, nil
	}
	return poolmath.DirectionAway, dev, nil
}

// pairDeviationNow is ln(spot/TWAP) of asset in's price in asset out.
func pairDeviationNow(ctx context.Context, pool types.Pool, st *types.FeeState, in, out int) (sdkmath.LegacyDec, error) {
	q, err := pool.LogValues(sdk.UnwrapSDKContext(ctx).BlockTime())
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	return types.PairDeviation(st.TwapLogValues, q, in, out), nil
}

// stateKnows reports whether the fee state has a TWAP for both assets.
func stateKnows(st *types.FeeState, pool types.Pool, in, out int) bool {
	if st == nil || len(st.TwapLogValues) != len(pool.Assets) {
		return false
	}
	for _, u := range st.TwapUnknown {
		if int(u) == in || int(u) == out {
			return false
		}
	}
	return true
}

// stateSigma is the state's volatility, zero without one.
func stateSigma(st *types.FeeState) sdkmath.LegacyDec {
	if st == nil || st.Sigma.IsNil() {
		return sdkmath.LegacyZeroDec()
	}
	return st.Sigma
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
