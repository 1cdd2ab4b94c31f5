package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has default params and no pools.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextPoolId: 1, NextChangeId: 1}
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
		if err := pool.ValidateControl(0); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: %v", pool.Id, err)
		}
	}
	if gs.NextChangeId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_change_id must be positive")
	}
	changes := make(map[uint64]bool, len(gs.PendingChanges))
	removals := make(map[uint64]PendingChange, len(gs.PendingChanges))
	for _, c := range gs.PendingChanges {
		if c.Id == 0 || c.Id >= gs.NextChangeId || changes[c.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending change id %d is zero, repeated or not below next_change_id %d", c.Id, gs.NextChangeId)
		}
		changes[c.Id] = true
		if !seen[c.PoolId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending change %d names unknown pool %d", c.Id, c.PoolId)
		}
		if err := c.ValidateBasic(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending change %d: %v", c.Id, err)
		}
		if c.Proposer == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending change %d has no proposer", c.Id)
		}
		if c.DueTime.Before(c.QueuedAt) || c.DueTime.Sub(c.QueuedAt) > HardMaxTimelock {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending change %d is due %s after it was queued; time-locks are in [0, %s]", c.Id, c.DueTime.Sub(c.QueuedAt), HardMaxTimelock)
		}
		if _, ok := c.Change.(*PendingChange_RemoveAsset); ok {
			removals[c.Id] = c
		}
	}
	// Every removal hold names its pending removal, and every pending removal holds its asset.
	held := make(map[uint64]bool, len(removals))
	for _, pool := range gs.Pools {
		for _, e := range pool.EntryClosed {
			if e.RemovalChangeId == 0 {
				continue
			}
			r, ok := removals[e.RemovalChangeId]
			if !ok || r.PoolId != pool.Id || r.GetRemoveAsset().Denom != e.Denom {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d holds %s for removal %d, which is not its pending removal of that asset", pool.Id, e.Denom, e.RemovalChangeId)
			}
			held[e.RemovalChangeId] = true
		}
	}
	for _, c := range gs.PendingChanges {
		if _, ok := removals[c.Id]; ok && !held[c.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending removal %d does not hold its asset", c.Id)
		}
	}
	if p := gs.PendingParamsChange; p != nil {
		if err := p.Params.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending params: %v", err)
		}
	}
	for _, e := range gs.AllowList {
		if !seen[e.PoolId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "allow-list entry for unknown pool %d", e.PoolId)
		}
		if err := validateAddress("allow-list address", e.Address); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
	}
	return nil
}
