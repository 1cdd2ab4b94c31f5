package keeper

import (
	"context"

	"github.com/poold/poold/x/smartpool/types"
)

// InitGenesis stores params, pools and the next pool id.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, pool := range gs.Pools {
		if err := k.Pools.Set(ctx, pool.Id, pool); err != nil {
			return err
		}
	}
	return k.NextPoolID.Set(ctx, gs.NextPoolId)
}

// ExportGenesis reads the whole module state back.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	next, err := k.NextPoolID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, NextPoolId: next}
	err = k.Pools.Walk(ctx, nil, func(_ uint64, pool types.Pool) (bool, error) {
		gs.Pools = append(gs.Pools, pool)
		return false, nil
	})
	return gs, err
}
