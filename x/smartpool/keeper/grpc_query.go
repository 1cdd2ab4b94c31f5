package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/x/smartpool/types"
)

type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/smartpool Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (_ *types.QueryParamsResponse, err error) {
	defer queryStatus(&err)
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

func (q queryServer) Pool(ctx context.Context, req *types.QueryPoolRequest) (_ *types.QueryPoolResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pool, err := q.k.GetPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	pool.Oracle.Segment = nil // transient bookkeeping, not part of the pool
	live := pool.AtTime(sdk.UnwrapSDKContext(ctx).BlockTime())
	weights := make([]string, len(live.Assets))
	for i := range live.Assets {
		weights[i] = live.NormalizedWeight(i).String()
	}
	assetDenoms, err := q.k.denomInfos(ctx, pool.Denoms())
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolResponse{Pool: pool, CurrentNormalizedWeights: weights, AssetDenoms: assetDenoms}, nil
}

func (q queryServer) Pools(ctx context.Context, req *types.QueryPoolsRequest) (_ *types.QueryPoolsResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		req = &types.QueryPoolsRequest{}
	}
	if err := checkPage(req.Pagination); err != nil {
		return nil, err
	}
	pools, page, err := query.CollectionPaginate(ctx, q.k.Pools, req.Pagination,
		func(_ uint64, pool types.Pool) (types.Pool, error) { return pool, nil })
	if err != nil {
		return nil, err
	}
	denoms, err := q.k.denomInfos(ctx, poolsDenoms(pools))
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolsResponse{Pools: pools, Pagination: page, Denoms: denoms}, nil
}

func (q queryServer) DenomInfo(ctx context.Context, req *types.QueryDenomInfoRequest) (_ *types.QueryDenomInfoResponse, err error) {
	defer queryStatus(&err)
	if req == nil || req.Denom == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "denom is required")
	}
	if err := sdk.ValidateDenom(req.Denom); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "denom %q: %v", req.Denom, err)
	}
	info, err := q.k.DenomInfo(ctx, req.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryDenomInfoResponse{Info: info}, nil
}

func (q queryServer) SpotPrice(ctx context.Context, req *types.QuerySpotPriceRequest) (_ *types.QuerySpotPriceResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pool, err := q.k.livePool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	price, err := pool.SpotPrice(req.BaseAssetDenom, req.QuoteAssetDenom)
	if err != nil {
		return nil, err
	}
	return &types.QuerySpotPriceResponse{SpotPrice: price}, nil
}

func (q queryServer) TotalLiquidity(ctx context.Context, req *types.QueryTotalLiquidityRequest) (_ *types.QueryTotalLiquidityResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pool, err := q.k.GetPool(ctx, req.PoolId) // balances only: weights do not matter
	if err != nil {
		return nil, err
	}
	return &types.QueryTotalLiquidityResponse{Liquidity: pool.Liquidity()}, nil
}

func (q queryServer) EstimateSwapExactAmountIn(ctx context.Context, req *types.QueryEstimateSwapExactAmountInRequest) (_ *types.QueryEstimateSwapExactAmountInResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	tokenIn, err := parseCoin("token_in", req.TokenIn)
	if err != nil {
		return nil, err
	}
	if len(req.RoutePoolIds) != len(req.RouteTokenOutDenoms) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "%d pool ids but %d denoms", len(req.RoutePoolIds), len(req.RouteTokenOutDenoms))
	}
	routes := make([]types.SwapAmountInRoute, len(req.RoutePoolIds))
	for i := range routes {
		routes[i] = types.SwapAmountInRoute{PoolId: req.RoutePoolIds[i], TokenOutDenom: req.RouteTokenOutDenoms[i]}
	}
	hops, out, err := q.k.PlanSwapExactAmountIn(ctx, routes, tokenIn)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateSwapExactAmountInResponse{TokenOutAmount: out.Amount, SwapFees: hopFees(hops)}, nil
}

func (q queryServer) EstimateSwapExactAmountOut(ctx context.Context, req *types.QueryEstimateSwapExactAmountOutRequest) (_ *types.QueryEstimateSwapExactAmountOutResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	tokenOut, err := parseCoin("token_out", req.TokenOut)
	if err != nil {
		return nil, err
	}
	if len(req.RoutePoolIds) != len(req.RouteTokenInDenoms) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "%d pool ids but %d denoms", len(req.RoutePoolIds), len(req.RouteTokenInDenoms))
	}
	routes := make([]types.SwapAmountOutRoute, len(req.RoutePoolIds))
	for i := range routes {
		routes[i] = types.SwapAmountOutRoute{PoolId: req.RoutePoolIds[i], TokenInDenom: req.RouteTokenInDenoms[i]}
	}
	hops, in, err := q.k.PlanSwapExactAmountOut(ctx, routes, tokenOut)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateSwapExactAmountOutResponse{TokenInAmount: in.Amount, SwapFees: hopFees(hops)}, nil
}

// EstimateJoin quotes a join with the very functions the join messages run,
// so an estimate refuses what the message would (pause, closed assets, share
// cap, allow-list) and mints what it would.
func (q queryServer) EstimateJoin(ctx context.Context, req *types.QueryEstimateJoinRequest) (_ *types.QueryEstimateJoinResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	var sender sdk.AccAddress
	if req.Sender != "" {
		bz, err := q.k.addressCodec.StringToBytes(req.Sender)
		if err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "sender: %v", err)
		}
		sender = bz
	}
	// The estimate runs on a query's throwaway branch: minting the accrued
	// management fee first makes it mint what the message would.
	q.k.accrueManagementFee(ctx, req.PoolId)
	if req.ShareOutAmount != "" {
		if req.TokensIn != "" {
			return nil, errorsmod.Wrap(types.ErrInvalidRequest, "give share_out_amount or tokens_in, not both")
		}
		shares, ok := sdkmath.NewIntFromString(req.ShareOutAmount)
		if !ok {
			return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "share_out_amount %q is not an integer", req.ShareOutAmount)
		}
		_, tokensIn, err := q.k.QuoteJoinPool(ctx, sender, req.PoolId, shares)
		if err != nil {
			return nil, err
		}
		return &types.QueryEstimateJoinResponse{ShareOutAmount: shares, TokensIn: tokensIn}, nil
	}
	tokensIn, err := types.ParseCoinsStrict(req.TokensIn)
	if err != nil {
		return nil, errorsmod.Wrap(err, "tokens_in")
	}
	if tokensIn.Empty() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "tokens_in %q: give positive coins like 1000ufoo,2000ubar", req.TokensIn)
	}
	var shares sdkmath.Int
	if len(tokensIn) == 1 {
		_, shares, err = q.k.QuoteJoinSwapExternAmountIn(ctx, sender, req.PoolId, tokensIn[0])
	} else {
		_, shares, err = q.k.QuoteJoinPoolExactAmountsIn(ctx, sender, req.PoolId, tokensIn)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateJoinResponse{ShareOutAmount: shares, TokensIn: tokensIn}, nil
}

func (q queryServer) EstimateExit(ctx context.Context, req *types.QueryEstimateExitRequest) (_ *types.QueryEstimateExitResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	q.k.accrueManagementFee(ctx, req.PoolId) // as in EstimateJoin
	pool, err := q.k.livePool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	shares, ok := sdkmath.NewIntFromString(req.ShareInAmount)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "share_in_amount %q is not an integer", req.ShareInAmount)
	}
	if req.TokenOutDenom == "" {
		tokensOut, err := pool.ExitProportional(shares)
		if err != nil {
			return nil, err
		}
		return &types.QueryEstimateExitResponse{TokensOut: tokensOut}, nil
	}
	_, tokenOut, err := q.k.QuoteExitSwapShareAmountIn(ctx, req.PoolId, req.TokenOutDenom, shares)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateExitResponse{TokensOut: sdk.NewCoins(tokenOut)}, nil
}

func parseCoin(field, s string) (sdk.Coin, error) {
	c, err := types.ParseCoinStrict(s)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrap(err, field)
	}
	return c, nil
}

// hopFees are the fee rates of a route's hops, in route order.
func hopFees(hops []swapHop) []string {
	fees := make([]string, len(hops))
	for i, h := range hops {
		fees[i] = h.swapFee.String()
	}
	return fees
}
