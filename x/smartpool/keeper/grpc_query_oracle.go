package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
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

func (q queryServer) Twap(ctx context.Context, req *types.QueryTwapRequest) (_ *types.QueryTwapResponse, err error) {
	defer queryStatus(&err)
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

func (q queryServer) PoolTwaps(ctx context.Context, req *types.QueryPoolTwapsRequest) (_ *types.QueryPoolTwapsResponse, err error) {
	defer queryStatus(&err)
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

func (q queryServer) PoolHealth(ctx context.Context, req *types.QueryPoolHealthRequest) (_ *types.QueryPoolHealthResponse, err error) {
	defer queryStatus(&err)
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

func (q queryServer) PoolsHealth(ctx context.Context, req *types.QueryPoolsHealthRequest) (_ *types.QueryPoolsHealthResponse, err error) {
	defer queryStatus(&err)
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
	if !minDeviation.IsPositive() {
		if err := checkPage(req.Pagination); err != nil {
			return nil, err
		}
		healths, page, err := query.CollectionPaginate(ctx, q.k.Pools, req.Pagination,
			func(_ uint64, pool types.Pool) (types.PoolHealth, error) { return q.k.PoolHealth(ctx, pool, params) })
		if err != nil {
			return nil, err
		}
		return &types.QueryPoolsHealthResponse{Pools: healths, Pagination: page}, nil
	}
	return q.filteredHealth(ctx, params, minDeviation, req.Pagination)
}

// maxHealthScan bounds how many pools one filtered PoolsHealth call looks
// at: a filter that keeps few pools pages through the rest with next_key
// rather than computing every pool's health in one query.
const maxHealthScan = 200

// filteredHealth pages through pools from the page key, keeping those whose
// 1 h deviation is at least minDeviation, and stops after maxHealthScan pools
// or limit matches, whichever comes first.
func (q queryServer) filteredHealth(ctx context.Context, params types.Params, minDeviation sdkmath.LegacyDec, page *query.PageRequest) (*types.QueryPoolsHealthResponse, error) {
	limit := uint64(query.DefaultLimit)
	rng := new(collections.Range[uint64])
	if page != nil {
		if page.Offset > 0 || page.Reverse || page.CountTotal {
			return nil, errorsmod.Wrap(types.ErrInvalidRequest, "with min_deviation, page with next_key only")
		}
		if page.Limit > 0 {
			limit = page.Limit
		}
		if len(page.Key) > 0 {
			_, start, err := collections.Uint64Key.Decode(page.Key)
			if err != nil {
				return nil, errorsmod.Wrap(types.ErrInvalidRequest, "bad page key")
			}
			rng = rng.StartInclusive(start)
		}
	}
	it, err := q.k.Pools.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	resp := &types.QueryPoolsHealthResponse{Pagination: &query.PageResponse{}}
	for scanned := 0; it.Valid(); it.Next() {
		pool, err := it.Value()
		if err != nil {
			return nil, err
		}
		if scanned == maxHealthScan || uint64(len(resp.Pools)) == limit {
			key := make([]byte, collections.Uint64Key.Size(pool.Id))
			if _, err := collections.Uint64Key.Encode(key, pool.Id); err != nil {
				return nil, err
			}
			resp.Pagination.NextKey = key
			break
		}
		scanned++
		h, err := q.k.PoolHealth(ctx, pool, params)
		if err != nil {
			return nil, err
		}
		if h.MaxDeviation_1H.GTE(minDeviation) {
			resp.Pools = append(resp.Pools, h)
		}
	}
	return resp, nil
}
