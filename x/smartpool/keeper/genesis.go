package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// InitGenesis stores params, pools, pending changes and allow-lists, and
// rebuilds the time indexes from them, so a chain restarted from an export
// applies every change and ends every schedule exactly when it would have.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.ensureModuleAccount(ctx); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, pool := range gs.Pools {
		if err := k.Pools.Set(ctx, pool.Id, pool); err != nil {
			return err
		}
		if err := k.trackScheduleEnd(ctx, pool); err != nil {
			return err
		}
		if err := k.trackStrategy(ctx, pool); err != nil {
			return err
		}
		if !pool.ProtocolFeesOwed.IsZero() { // the payout list is rebuilt from the pools
			if err := k.ProtocolFeesDue.Set(ctx, pool.Id); err != nil {
				return err
			}
		}
	}
	if err := k.ProtocolFeesPaid.Set(ctx, types.PaidProtocolFees{Amount: gs.ProtocolFeesPaid}); err != nil {
		return err
	}
	if err := k.NextPoolID.Set(ctx, gs.NextPoolId); err != nil {
		return err
	}
	for _, c := range gs.PendingChanges {
		if err := k.storeChange(ctx, c); err != nil {
			return err
		}
	}
	if err := k.NextChangeID.Set(ctx, gs.NextChangeId); err != nil {
		return err
	}
	if gs.PendingParamsChange != nil {
		if err := k.PendingParams.Set(ctx, *gs.PendingParamsChange); err != nil {
			return err
		}
	}
	for _, e := range gs.AllowList {
		addr, err := k.addressCodec.StringToBytes(e.Address)
		if err != nil {
			return err
		}
		if err := k.AllowList.Set(ctx, collections.Join(e.PoolId, sdk.AccAddress(addr))); err != nil {
			return err
		}
	}
	for _, e := range gs.OracleObservations {
		if err := k.OracleObservations.Set(ctx, collections.Join(e.PoolId, e.Slot), e.Observation); err != nil {
			return err
		}
	}
	for _, l := range gs.OracleLayouts {
		if err := k.OracleLayouts.Set(ctx, collections.Join(l.PoolId, l.Layout), types.OracleLayout{Denoms: l.Denoms, Joined: l.Joined}); err != nil {
			return err
		}
	}
	// What only the bank can tell: every pool's share supply and the module
	// account's holdings must be what the pools say (x/bank's genesis runs first).
	if err := k.CheckModuleBalances(ctx); err != nil {
		return errorsmod.Wrap(types.ErrInvalidGenesis, err.Error())
	}
	return k.checkGenesisQueues(ctx)
}

// checkGenesisQueues refuses pending changes the chain could not have queued:
// more per pool than the controller's and governance's bounds.
func (k Keeper) checkGenesisQueues(ctx context.Context) error {
	type count struct{ gov, controller int }
	counts := map[uint64]*count{}
	err := k.PendingChanges.Walk(ctx, nil, func(_ uint64, c types.PendingChange) (bool, error) {
		n := counts[c.PoolId]
		if n == nil {
			n = &count{}
			counts[c.PoolId] = n
		}
		if c.Proposer == k.authority {
			n.gov++
		} else {
			n.controller++
		}
		if n.gov > types.MaxPendingChangesPerPool || n.controller > types.MaxPendingChangesPerPool {
			return true, errorsmod.Wrapf(types.ErrInvalidGenesis, "pool %d has more than %d pending changes from one proposer kind", c.PoolId, types.MaxPendingChangesPerPool)
		}
		return false, nil
	})
	return err
}

// ExportGenesis reads the whole module state back.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	nextPool, err := k.NextPoolID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	nextChange, err := k.NextChangeID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, NextPoolId: nextPool, NextChangeId: nextChange}
	if err := k.Pools.Walk(ctx, nil, func(_ uint64, pool types.Pool) (bool, error) {
		gs.Pools = append(gs.Pools, pool)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.PendingChanges.Walk(ctx, nil, func(_ uint64, c types.PendingChange) (bool, error) {
		gs.PendingChanges = append(gs.PendingChanges, c)
		return false, nil
	}); err != nil {
		return nil, err
	}
	pending, err := k.PendingParams.Get(ctx)
	switch {
	case err == nil:
		gs.PendingParamsChange = &pending
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	err = k.AllowList.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
		addr, err := k.addressCodec.BytesToString(key.K2())
		if err != nil {
			return true, err
		}
		gs.AllowList = append(gs.AllowList, types.AllowListEntry{PoolId: key.K1(), Address: addr})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	paid, err := k.ProtocolFeesPaid.Get(ctx)
	switch {
	case err == nil:
		gs.ProtocolFeesPaid = paid.Amount
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	return gs, k.exportOracle(ctx, gs)
}

// exportOracle adds every pool's counted observations (slots past a shrunken
// ring's size are left behind) and its layouts.
func (k Keeper) exportOracle(ctx context.Context, gs *types.GenesisState) error {
	for _, pool := range gs.Pools {
		o := pool.Oracle
		for j := uint32(0); j < o.RingCount; j++ {
			slot := ringSlot(o, j)
			obs, err := k.OracleObservations.Get(ctx, collections.Join(pool.Id, slot))
			if err != nil {
				return err
			}
			gs.OracleObservations = append(gs.OracleObservations, types.OracleObservationEntry{PoolId: pool.Id, Slot: slot, Observation: obs})
		}
	}
	return k.OracleLayouts.Walk(ctx, nil, func(key collections.Pair[uint64, uint64], l types.OracleLayout) (bool, error) {
		gs.OracleLayouts = append(gs.OracleLayouts, types.OracleLayoutEntry{PoolId: key.K1(), Layout: key.K2(), Denoms: l.Denoms, Joined: l.Joined})
		return false, nil
	})
}

// ensureModuleAccount creates the pools' module account at genesis. Left to
// the first pool creation, a token sent to the (unblocked) module address
// before it would create a plain account there, and every later
// CreatePool would then fail on x/bank's module account lookup: no pool
// could ever be created.
func (k Keeper) ensureModuleAccount(ctx context.Context) error {
	addr := k.moduleAddress()
	if acc := k.accountKeeper.GetAccount(ctx, addr); acc != nil {
		if _, ok := acc.(sdk.ModuleAccountI); !ok {
			return fmt.Errorf("the %s module address %s holds an account that is not its module account", types.ModuleName, addr)
		}
		return nil
	}
	k.accountKeeper.GetModuleAccount(ctx, types.ModuleName)
	return nil
}
