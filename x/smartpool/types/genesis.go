package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has default params and no pools.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextPoolId: 1}
}

// Validate checks params, every pool, id uniqueness and that next_pool_id is past every pool.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if gs.NextPoolId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_pool_id must be positive")
	}
	seen := make(map[uint64]bool, len(gs.Pools))
	for _, pool := range gs.Pools {
		if seen[pool.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate pool id %d", pool.Id)
		}
		seen[pool.Id] = true
		if pool.Id >= gs.NextPoolId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool id %d is not below next_pool_id %d", pool.Id, gs.NextPoolId)
		}
		if err := pool.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: %v", pool.Id, err)
		}
	}
	return nil
}
