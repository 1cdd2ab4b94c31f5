package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/x/smartpool/types"
)

// Oracle queries read pools as stored, not through GetPool: from a pool's
// last update on its accumulators are then extrapolated exactly.

// twapRequest loads the pool as stored and resolves the window of a TWAP query.
func (q queryServer) twapRequest(ctx context.Context, poolID uint64, window *time.Duration, start, end *time.Time) (types.Pool, time.Time, time.Time, error) {
	pool, err := q.k.storedPool(ctx, poolID)
	if err != nil {
		return types.Pool{}, time.Time{}, time.Time{}, err
	}
	s, e, err := resolveWindow(sdk.UnwrapSDKContext(ctx).BlockTime(), window, start, end)
	return pool, s, e, err
}

func (q queryServer) Twap(ctx context.Context, req *types.QueryTwapRequest) (*types.QueryTwapResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pool, start, end, err := q.twapRequest(ctx, req.PoolId, req.Window, req.Start, req.End)
	if err != nil {
		return nil, err
	}
	twap, err := q.k.twap(ctx, pool, req.BaseAssetDenom, req.QuoteAssetDenom, start, end)
	if err != nil {
		return nil, err
	}
	return &types.QueryTwapResponse{Twap: twap, Start: start, End: end}, nil
}

func (q queryServer) PoolTwaps(ctx context.Context, req *types.QueryPoolTwapsRequest) (*types.QueryPoolTwapsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pool, start, end, err := q.twapRequest(ctx, req.PoolId, req.Window, req.Start, req.End)
	if err != nil {
		return nil, err
	}
	means, err := q.k.meanLogValues(ctx, pool, start, end)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryPoolTwapsResponse{Start: start, End: end}
	denoms := pool.Denoms()
	for i := range denoms {
		for j := i + 1; j < len(denoms); j++ {
			twap, err := twapFromMeans(means, denoms[i], denoms[j], start)
			if isNoData(err) {
				continue // a pair with an asset younger than the window
			}
			if err != nil {
				return nil, err
			}
			resp.Twaps = append(resp.Twaps, twap)
		}
	}
	return resp, nil
}

func (q queryServer) PoolHealth(ctx context.Context, req *types.QueryPoolHealthRequest) (*types.QueryPoolHealthResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pool, err := q.k.storedPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	h, err := q.k.PoolHealth(ctx, pool, params)
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolHealthResponse{Health: h}, nil
}

func (q queryServer) PoolsHealth(ctx context.Context, req *types.QueryPoolsHealthRequest) (*types.QueryPoolsHealthResponse, error) {
	if req == nil {
		req = &types.QueryPoolsHealthRequest{}
	}
	minDeviation := sdkmath.LegacyZeroDec()
	if req.MinDeviation != "" {
		d, err := sdkmath.LegacyNewDecFromStr(req.MinDeviation)
		if err != nil || d.IsNegative() {
			return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "min_deviation %q is not a non-negative decimal", req.MinDeviation)
		}
		minDeviation = d
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	healths, page, err := query.CollectionFilteredPaginate(ctx, q.k.Pools, req.Pagination,
		func(_ uint64, pool types.Pool) (bool, error) {
			if !minDeviation.IsPositive() {
				return true, nil
			}
			h, err := q.k.PoolHealth(ctx, pool, params)
			return err == nil && h.MaxDeviation_1H.GTE(minDeviation), err
		},
		func(_ uint64, pool types.Pool) (types.PoolHealth, error) { return q.k.PoolHealth(ctx, pool, params) })
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolsHealthResponse{Pools: healths, Pagination: page}, nil
}
