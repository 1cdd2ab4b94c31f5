package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// A rule-driven pool updates at interval boundaries b_k = b_0 + k·interval.
// The update at b reads the TWAP window that closed at b, folds it into the
// estimators, runs the rule, clips to the rails and starts a linear move from
// the weights at b to the new targets, ending at the next boundary. It is
// computed "as of b" from state that nothing after b can have touched — the
// first load of the pool at or after b runs it (GetPool), before the oracle
// moves on — so a pool a transaction touches and a pool only the end-block
// step visits get the same weights. Nothing is written per block.

// runDueStrategy runs a loaded pool's strategy update if a boundary has
// passed. It never fails: what goes wrong holds the weights and is recorded
// in the strategy's status (and so in the health query).
func (k Keeper) runDueStrategy(ctx context.Context, pool *types.Pool) {
	if !pool.StrategyRunning() {
		return
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	st := pool.StrategyState
	if now.Before(st.NextUpdate) {
		return
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		k.logger(ctx).Error("strategy update: cannot read params", "pool", pool.Id, "err", err)
		return
	}
	k.emitOrLog(ctx, pool.RunStrategyUpdate(params, now))
}

// untrackStrategy takes a pool's entry out of the update index before its
// strategy state is replaced or dropped.
func (k Keeper) untrackStrategy(ctx context.Context, pool *types.Pool) error {
	if st := pool.StrategyState; st != nil && st.IndexedAt != nil {
		if err := k.StrategyUpdates.Remove(ctx, collections.Join(*st.IndexedAt, pool.Id)); err != nil {
			return err
		}
		st.IndexedAt = nil
	}
	return nil
}

// applyStrategyChange sets, replaces or removes a pool's strategy; a dry
// run leaves the index alone.
func (k Keeper) applyStrategyChange(ctx context.Context, params types.Params, pool *types.Pool, change types.StrategyChange, now time.Time, dryRun bool) error {
	if pool.Strategy != nil {
		if err := pool.StopStrategyMove(now); err != nil {
			return err
		}
		if !dryRun {
			if err := k.untrackStrategy(ctx, pool); err != nil {
				return err
			}
		}
	}
	if change.Strategy == nil {
		if pool.Strategy == nil {
			return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d has no strategy to remove", pool.Id)
		}
		pool.Strategy, pool.StrategyState = nil, nil
		return nil
	}
	return pool.StartStrategy(params, change.Strategy, now)
}

// resumeStrategy restarts a paused strategy: a new window opens now and the
// estimators carry on.
func resumeStrategy(pool *types.Pool, now time.Time) error {
	if pool.Strategy == nil || pool.StrategyState == nil || !pool.StrategyState.Paused {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d has no paused strategy", pool.Id)
	}
	st := pool.StrategyState
	st.Paused, st.Status, st.Rebase, st.PausedByGovernance = false, "resumed", true, false
	st.NextUpdate, st.WindowStart = now.Add(pool.Strategy.Interval), now
	st.WindowAccumulators = append(st.WindowAccumulators[:0:0], pool.Oracle.Accumulators...)
	return nil
}

// PauseStrategy stops a pool's strategy at once: the weights stop where they
// are. The controller with change_weights, or governance, may pause.
func (k Keeper) PauseStrategy(ctx context.Context, sender string, poolID uint64) error {
	pool, err := k.GetPool(ctx, poolID)
	if err != nil {
		return err
	}
	if sender != k.authority {
		if err := requireController(pool, sender); err != nil {
			return err
		}
		if !pool.Rights.ChangeWeights {
			return errorsmod.Wrapf(types.ErrNoRight, "pool %d was created without change_weights (or gave it up)", poolID)
		}
	}
	if !pool.StrategyRunning() {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pool %d has no running strategy", poolID)
	}
	if err := pool.StopStrategyMove(sdk.UnwrapSDKContext(ctx).BlockTime()); err != nil {
		return err
	}
	st := pool.StrategyState
	st.Paused, st.Status = true, types.StrategyStatusPaused
	st.PausedByGovernance = sender == k.authority
	if err := k.setPool(ctx, pool); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventStrategyPaused{PoolId: poolID, PausedBy: sender})
}

// syncStrategyIndex keeps a pool's one entry in the update index, which the
// end-block step walks, at its running strategy's next update, and records
// it in indexed_at: an update, a pause or a new strategy moves or removes
// the entry before the pool is stored, so no entry is ever left behind and
// a pool whose entry is in place costs no index access.
func (k Keeper) syncStrategyIndex(ctx context.Context, pool *types.Pool) error {
	st := pool.StrategyState
	if st == nil {
		return nil
	}
	var want *time.Time
	if pool.StrategyRunning() {
		next := st.NextUpdate
		want = &next
	}
	have := st.IndexedAt
	if have != nil && want != nil && have.Equal(*want) {
		return nil
	}
	if have != nil {
		if err := k.StrategyUpdates.Remove(ctx, collections.Join(*have, pool.Id)); err != nil {
			return err
		}
	}
	if want != nil {
		if err := k.StrategyUpdates.Set(ctx, collections.Join(*want, pool.Id)); err != nil {
			return err
		}
	}
	st.IndexedAt = want
	return nil
}

// trackStrategy restores an imported pool's index entry.
func (k Keeper) trackStrategy(ctx context.Context, pool types.Pool) error {
	if st := pool.StrategyState; st != nil && st.IndexedAt != nil {
		return k.StrategyUpdates.Set(ctx, collections.Join(*st.IndexedAt, pool.Id))
	}
	return nil
}

// staleEntriesPerUpdate bounds the stale index entries the end-block step
// clears per update it may run.
const staleEntriesPerUpdate = 4

// runDueStrategies runs at most limit due strategy updates, in due order;
// the rest wait for the next block. An entry whose pool moved on (an update
// that ran late in a transaction leaves one) is dropped without taking one
// of those places, up to staleEntriesPerUpdate·limit of them a block. Each
// update runs on its own guarded branch.
func (k Keeper) runDueStrategies(ctx context.Context, now time.Time, limit uint32) error {
	due, err := dueKeys(ctx, k.StrategyUpdates, now, limit*(1+staleEntriesPerUpdate))
	if err != nil {
		return err
	}
	ran := uint32(0)
	for _, key := range due {
		if ran >= limit {
			break
		}
		if err := k.StrategyUpdates.Remove(ctx, key); err != nil {
			return err
		}
		stored, live := k.strategyEntryLive(ctx, key)
		if !live {
			continue
		}
		ran++
		if err := k.guarded(ctx, func(ctx context.Context) error { return k.setPool(ctx, k.brought(ctx, stored)) }); err != nil {
			k.logger(ctx).Error("strategy update dropped", "pool", key.K2(), "err", err)
		}
	}
	return nil
}

// strategyEntryLive returns the stored pool of an index entry and whether
// the entry is its next update (else the pool moved on, or is gone).
func (k Keeper) strategyEntryLive(ctx context.Context, key collections.Pair[time.Time, uint64]) (types.Pool, bool) {
	stored, err := k.storedPool(ctx, key.K2())
	if err != nil {
		return stored, false
	}
	return stored, stored.StrategyRunning() && stored.StrategyState.NextUpdate.Equal(key.K1())
}

func isStrategyChange(change types.PendingChange) bool {
	switch change.Change.(type) {
	case *types.PendingChange_Strategy, *types.PendingChange_StrategyResume:
		return true
	}
	return false
}

// authorizeStrategy keeps a strategy governance paused paused until
// governance resumes it (governance may resume any pool's strategy, as it
// may pause any): its controller may neither resume nor replace it, only
// remove it, which leaves the weights where they are.
func (k Keeper) authorizeStrategy(pool types.Pool, proposer string, change types.PendingChange) error {
	if !isStrategyChange(change) || proposer == k.authority {
		return nil
	}
	if c, ok := change.Change.(*types.PendingChange_Strategy); ok && c.Strategy.Strategy == nil {
		return nil
	}
	if st := pool.StrategyState; st != nil && st.Paused && st.PausedByGovernance {
		return errorsmod.Wrapf(types.ErrUnauthorized, "governance paused pool %d's strategy; only governance may resume or replace it", pool.Id)
	}
	return nil
}
