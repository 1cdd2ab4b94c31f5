package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Migrator holds x/smartpool's in-place store migrations, run by an upgrade
// handler through the module manager (docs/upgrades.md).
type Migrator struct{ k Keeper }

// NewMigrator returns the module's migrator.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// MigrationStats counts what a migration rewrote.
type MigrationStats struct {
	Pools, PendingChanges, ScheduleEnds int
}

// Migrate1to2 is the migration the upgradetest build registers for its
// consensus version 2: every pool and pending change is rewritten in place
// through the current codec (as a schema change would), and the indexes the
// end-block step walks — changes by due time and by pool, schedule ends —
// are dropped and rebuilt from those records. A change queued before the
// upgrade must then still apply at its due time, which the upgrade test checks.
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	stats, err := m.RebuildIndexes(ctx)
	if err != nil {
		return err
	}
	m.k.logger(ctx).Info("store migration 1 to 2 done", "pools", stats.Pools,
		"pending_changes", stats.PendingChanges, "schedule_ends", stats.ScheduleEnds)
	return nil
}

// RebuildIndexes rewrites every pool and pending change and rebuilds the
// derived indexes from them.
func (m Migrator) RebuildIndexes(ctx context.Context) (MigrationStats, error) {
	var stats MigrationStats
	k := m.k
	if err := k.ChangesByPool.Clear(ctx, nil); err != nil {
		return stats, err
	}
	if err := k.ChangesByDue.Clear(ctx, nil); err != nil {
		return stats, err
	}
	if err := k.ScheduleEnds.Clear(ctx, nil); err != nil {
		return stats, err
	}
	pools, err := k.Pools.Iterate(ctx, nil)
	if err != nil {
		return stats, err
	}
	poolKVs, err := pools.KeyValues()
	if err != nil {
		return stats, err
	}
	for _, kv := range poolKVs {
		// Stored as read: the oracle and strategy stay as the last block left them.
		if err := k.Pools.Set(ctx, kv.Key, kv.Value); err != nil {
			return stats, err
		}
		stats.Pools++
		if s := kv.Value.WeightSchedule; s != nil && kv.Value.Strategy == nil {
			if err := k.ScheduleEnds.Set(ctx, collections.Join(s.EndTime, kv.Key)); err != nil {
				return stats, err
			}
			stats.ScheduleEnds++
		}
	}
	changes, err := k.PendingChanges.Iterate(ctx, nil)
	if err != nil {
		return stats, err
	}
	changeKVs, err := changes.KeyValues()
	if err != nil {
		return stats, err
	}
	for _, kv := range changeKVs {
		c := kv.Value
		if err := k.PendingChanges.Set(ctx, kv.Key, c); err != nil {
			return stats, err
		}
		if err := k.ChangesByDue.Set(ctx, collections.Join(c.DueTime, c.Id)); err != nil {
			return stats, err
		}
		if err := k.ChangesByPool.Set(ctx, collections.Join(c.PoolId, c.Id)); err != nil {
			return stats, err
		}
		stats.PendingChanges++
	}
	return stats, nil
}
