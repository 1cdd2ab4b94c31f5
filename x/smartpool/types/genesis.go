package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has default params and no pools.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextPoolId: 1, NextChangeId: 1}
}

// Validate checks params, every pool, id uniqueness and that next_pool_id is past every pool.
func (gs GenesisState) Validate() error {
	if err := gs.validateCore(); err != nil {
		return err
	}
	return gs.validateOracle()
}

// validateCore checks everything but the oracle's observations.
func (gs GenesisState) validateCore() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if gs.NextPoolId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_pool_id must be positive")
	}
	if err := gs.ProtocolFeesPaid.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "protocol_fees_paid: %v", err)
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

// validateOracle checks the oracle rings: every pool's ring holds exactly the
// slots it counts, every observation names a layout of its pool with as many
// denoms as it has accumulators, and every pool's current layout is there.
func (gs GenesisState) validateOracle() error {
	pools := make(map[uint64]Pool, len(gs.Pools))
	for _, p := range gs.Pools {
		pools[p.Id] = p
	}
	type layoutKey struct{ pool, layout uint64 }
	layouts := make(map[layoutKey]int, len(gs.OracleLayouts))
	for _, l := range gs.OracleLayouts {
		if _, ok := pools[l.PoolId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "oracle layout %d names unknown pool %d", l.Layout, l.PoolId)
		}
		k := layoutKey{l.PoolId, l.Layout}
		if _, dup := layouts[k]; dup || len(l.Denoms) == 0 || len(l.Joined) != len(l.Denoms) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle layout %d is repeated or empty", l.PoolId, l.Layout)
		}
		for _, j := range l.Joined {
			if j == 0 || j > l.Layout {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle layout %d names an asset joining at layout %d", l.PoolId, l.Layout, j)
			}
		}
		layouts[k] = len(l.Denoms)
	}
	type slotKey struct {
		pool uint64
		slot uint32
	}
	slots := make(map[slotKey]bool, len(gs.OracleObservations))
	times := make(map[slotKey]time.Time, len(gs.OracleObservations))
	for _, e := range gs.OracleObservations {
		p, ok := pools[e.PoolId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "oracle observation names unknown pool %d", e.PoolId)
		}
		k := slotKey{e.PoolId, e.Slot}
		if slots[k] || e.Slot >= p.Oracle.RingSize {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle slot %d is repeated or outside its ring of %d", e.PoolId, e.Slot, p.Oracle.RingSize)
		}
		slots[k], times[k] = true, e.Observation.Time
		n, ok := layouts[layoutKey{e.PoolId, e.Observation.Layout}]
		if !ok || n != len(e.Observation.Accumulators) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle slot %d does not match a layout of its pool", e.PoolId, e.Slot)
		}
		for _, a := range e.Observation.Accumulators {
			if a.IsNil() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle slot %d has an unset accumulator", e.PoolId, e.Slot)
			}
		}
	}
	counted := 0
	for _, p := range gs.Pools {
		o := p.Oracle
		if n, ok := layouts[layoutKey{p.Id, o.Layout}]; !ok || n != len(p.Assets) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d has no oracle layout %d for its assets", p.Id, o.Layout)
		}
		var previous time.Time
		for j := uint32(0); j < o.RingCount; j++ {
			k := slotKey{p.Id, (o.RingNext + o.RingSize - o.RingCount + j) % o.RingSize}
			if !slots[k] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle ring misses an observation it counts", p.Id)
			}
			if j > 0 && !times[k].After(previous) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d oracle observations are not in time order", p.Id)
			}
			previous = times[k]
		}
		counted += int(o.RingCount)
	}
	if counted != len(gs.OracleObservations) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d oracle observations, but the rings count %d", len(gs.OracleObservations), counted)
	}
	return nil
}
