package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/x/smartpool/types"
)

func (q queryServer) PendingParamsChange(ctx context.Context, _ *types.QueryPendingParamsChangeRequest) (_ *types.QueryPendingParamsChangeResponse, err error) {
	defer queryStatus(&err)
	pending, err := q.k.PendingParams.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return &types.QueryPendingParamsChangeResponse{}, nil
	} else if err != nil {
		return nil, err
	}
	return &types.QueryPendingParamsChangeResponse{Pending: &pending}, nil
}

func (q queryServer) PoolPendingChanges(ctx context.Context, req *types.QueryPoolPendingChangesRequest) (_ *types.QueryPoolPendingChangesResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := q.k.GetPool(ctx, req.PoolId); err != nil {
		return nil, err
	}
	// In id order, which is due order: a pool's time-lock never changes.
	var changes []types.PendingChange
	rng := collections.NewPrefixedPairRange[uint64, uint64](req.PoolId)
	err = q.k.ChangesByPool.Walk(ctx, rng, func(key collections.Pair[uint64, uint64]) (bool, error) {
		c, err := q.k.PendingChanges.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		changes = append(changes, q.k.withLivePrices(ctx, c))
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolPendingChangesResponse{Changes: changes}, nil
}

func (q queryServer) PendingChanges(ctx context.Context, req *types.QueryPendingChangesRequest) (_ *types.QueryPendingChangesResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		req = &types.QueryPendingChangesRequest{}
	}
	if err := checkPage(req.Pagination); err != nil {
		return nil, err
	}
	changes, page, err := query.CollectionPaginate(ctx, q.k.ChangesByDue, req.Pagination,
		func(key collections.Pair[time.Time, uint64], _ collections.NoValue) (types.PendingChange, error) {
			c, err := q.k.PendingChanges.Get(ctx, key.K2())
			return q.k.withLivePrices(ctx, c), err
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryPendingChangesResponse{Changes: changes, Pagination: page}, nil
}

func (q queryServer) AllowList(ctx context.Context, req *types.QueryAllowListRequest) (_ *types.QueryAllowListResponse, err error) {
	defer queryStatus(&err)
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := checkPage(req.Pagination); err != nil {
		return nil, err
	}
	pool, err := q.k.GetPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	addrs, page, err := query.CollectionPaginate(ctx, q.k.AllowList, req.Pagination,
		func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) (string, error) {
			return q.k.addressCodec.BytesToString(key.K2())
		}, query.WithCollectionPaginationPairPrefix[uint64, sdk.AccAddress](req.PoolId))
	if err != nil {
		return nil, err
	}
	return &types.QueryAllowListResponse{Enabled: pool.AllowListEnabled, Addresses: addrs, Pagination: page}, nil
}

// withLivePrices refreshes a pending asset addition's implied prices from the
// pool as it is now: the pool moves during the time-lock, and the price the
// deposit will set moves with it.
func (k Keeper) withLivePrices(ctx context.Context, c types.PendingChange) types.PendingChange {
	a, ok := c.Change.(*types.PendingChange_AddAsset)
	if !ok || a.AddAsset == nil {
		return c
	}
	pool, err := k.livePool(ctx, c.PoolId)
	if err != nil {
		return c
	}
	add := *a.AddAsset
	add.ImpliedPrices = types.ImpliedPrices(pool, add)
	c.Change = &types.PendingChange_AddAsset{AddAsset: &add}
	return c
}
