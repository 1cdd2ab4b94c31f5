package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// defaultFeeWindow is the PoolFees window when the request sets none.
const defaultFeeWindow = 24 * time.Hour

// PoolFees reports what a pool charges and has earned: see the proto.
func (q queryServer) PoolFees(ctx context.Context, req *types.QueryPoolFeesRequest) (_ *types.QueryPoolFeesResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if req.Window < 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "window %s is negative", req.Window)
	}
	window := req.Window
	if window == 0 {
		window = defaultFeeWindow
	}
	pool, err := q.k.livePool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	st, err := q.k.feeStateFor(ctx, &pool)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	res := &types.QueryPoolFeesResponse{
		PoolId:           pool.Id,
		SwapFee:          pool.TradeFee(params, st.SigmaOrZero(), sdkmath.LegacyZeroDec(), poolmath.DirectionNeutral),
		Sigma:            st.SigmaOrZero(),
		FeePolicy:        pool.FeePolicy,
		ManagementFee:    pool.ManagementFee,
		ProtocolFeesOwed: pool.ProtocolFeesOwed,
		WindowEnd:        now,
	}
	for _, a := range pool.Assets {
		res.Collected = append(res.Collected, types.AssetFees{Denom: a.Denom, Lp: types.OrZero(a.FeesLp), Protocol: types.OrZeroPtr(a.FeesProtocol)})
	}
	accrued := pool.Clone()
	if res.ManagementFeeAccrued, err = accrued.AccrueManagementFee(now); err != nil {
		return nil, err
	}
	if res.WindowStart, res.WindowLpFees, err = q.k.lpFeesSince(ctx, pool, now.Add(-window)); err != nil {
		return nil, err
	}
	res.Apr = feeAPR(pool, res.WindowLpFees, now.Sub(res.WindowStart))
	return res, nil
}

// lpFeesSince is the LP fee income from the observation at or before start
// (the oldest one when the history is shorter) to now, per denom, and the
// time it starts from. An asset that joined since counts from zero.
func (k Keeper) lpFeesSince(ctx context.Context, pool types.Pool, start time.Time) (time.Time, sdk.Coins, error) {
	_, obs, err := k.observationAtOrBefore(ctx, pool, start)
	if isNoData(err) && pool.Oracle.RingCount > 0 {
		obs, err = k.OracleObservations.Get(ctx, collections.Join(pool.Id, ringSlot(pool.Oracle, 0)))
	}
	if err != nil {
		return time.Time{}, nil, err
	}
	then, err := k.layoutSeries(ctx, pool, obs.Layout)
	if err != nil {
		return time.Time{}, nil, err
	}
	before := make(map[string]sdkmath.Int, len(then))
	for i, key := range then {
		if i < len(obs.FeesLp) {
			before[key] = obs.FeesLp[i]
		}
	}
	current, err := k.layoutSeries(ctx, pool, pool.Oracle.Layout)
	if err != nil {
		return time.Time{}, nil, err
	}
	income := sdk.NewCoins()
	for i, a := range pool.Assets {
		earned := types.OrZero(a.FeesLp)
		if i < len(current) {
			if b, ok := before[current[i]]; ok && b.LTE(earned) {
				earned = earned.Sub(b)
			}
		}
		income = income.Add(sdk.NewCoin(a.Denom, earned))
	}
	return obs.Time, income, nil
}

// feeAPR values fee income at the pool's spot prices as a share of the
// pool: a unit of asset i is worth w_i/B_i of the pool's value. The share is
// scaled to a year, not compounded; zero over an empty stretch.
func feeAPR(pool types.Pool, income sdk.Coins, elapsed time.Duration) sdkmath.LegacyDec {
	if elapsed <= 0 {
		return sdkmath.LegacyZeroDec()
	}
	share := poolmath.FixedFromInt(sdkmath.ZeroInt())
	total := pool.TotalWeight()
	for _, a := range pool.Assets {
		fee := income.AmountOf(a.Denom)
		if !fee.IsPositive() || !a.Balance.IsPositive() {
			continue
		}
		share = share.Add(poolmath.FixedRatio(fee, a.Balance).MulDown(poolmath.FixedRatio(a.Weight, total)))
	}
	perYear := share.MulInt(sdkmath.NewInt(int64(poolmath.ManagementYear))).QuoDown(poolmath.FixedFromInt(sdkmath.NewInt(int64(elapsed))))
	apr, err := perYear.LegacyDecDown()
	if err != nil {
		return sdkmath.LegacyZeroDec()
	}
	return apr
}

// ProtocolFees reports the protocol fee share, what has been paid and what
// pools owe, paginated by pool id.
func (q queryServer) ProtocolFees(ctx context.Context, req *types.QueryProtocolFeesRequest) (_ *types.QueryProtocolFeesResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := checkPage(req.Pagination); err != nil {
		return nil, err
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	paid, err := q.k.ProtocolFeesPaid.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	owed, page, err := query.CollectionPaginate(ctx, q.k.ProtocolFeesDue, req.Pagination,
		func(id uint64, _ collections.NoValue) (types.PoolProtocolFees, error) {
			pool, err := q.k.storedPool(ctx, id)
			if err != nil {
				return types.PoolProtocolFees{}, err
			}
			return types.PoolProtocolFees{PoolId: id, Owed: pool.ProtocolFeesOwed}, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryProtocolFeesResponse{ProtocolFeeShare: params.ProtocolFeeShare, Paid: paid.Amount, Owed: owed, Pagination: page}, nil
}

// EstimateSplitRouteSwapExactAmountIn runs the routes on a branch it throws away.
func (q queryServer) EstimateSplitRouteSwapExactAmountIn(ctx context.Context, req *types.QueryEstimateSplitRouteSwapExactAmountInRequest) (_ *types.QueryEstimateSplitRouteSwapExactAmountInResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	branch, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	total, amounts, err := q.k.runSplitRoutesIn(branch, req.Routes, req.TokenInDenom, q.k.storeHops)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateSplitRouteSwapExactAmountInResponse{TokenOutAmount: total, RouteAmounts: amounts}, nil
}

// EstimateSplitRouteSwapExactAmountOut runs the routes on a branch it throws away.
func (q queryServer) EstimateSplitRouteSwapExactAmountOut(ctx context.Context, req *types.QueryEstimateSplitRouteSwapExactAmountOutRequest) (_ *types.QueryEstimateSplitRouteSwapExactAmountOutResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	branch, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	total, amounts, err := q.k.runSplitRoutesOut(branch, req.Routes, req.TokenOutDenom, q.k.storeHops)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateSplitRouteSwapExactAmountOutResponse{TokenInAmount: total, RouteAmounts: amounts}, nil
}
