package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// Keeper owns x/smartpool state. Every piece of state is a collection declared here.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	// authority may update params: the gov module account.
	authority string

	accountKeeper types.AccountKeeper
	bankKeeper    types.BankKeeper
	communityPool types.CommunityPoolKeeper
	// denomTraces label ibc/… denoms in queries; nil without IBC.
	denomTraces types.DenomTraceKeeper

	Schema     collections.Schema
	Params     collections.Item[types.Params]
	NextPoolID collections.Sequence
	Pools      collections.Map[uint64, types.Pool]

	// Time-locked pool changes, indexed by due time (for the end-block step)
	// and by pool (for queries and cancellation).
	NextChangeID   collections.Sequence
	PendingChanges collections.Map[uint64, types.PendingChange]
	ChangesByDue   collections.KeySet[collections.Pair[time.Time, uint64]]
	ChangesByPool  collections.KeySet[collections.Pair[uint64, uint64]]
	// ScheduleEnds orders pools with a weight schedule by its end time.
	ScheduleEnds collections.KeySet[collections.Pair[time.Time, uint64]]
	// PendingParams is the params change waiting for params_timelock.
	PendingParams collections.Item[types.PendingParamsChange]
	// AllowList holds (pool, address) pairs allowed to join allow-listed pools.
	AllowList collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	// OracleObservations is each pool's fixed ring of TWAP observations, by
	// (pool, slot); OracleLayouts the asset lists they are aligned with.
	OracleObservations collections.Map[collections.Pair[uint64, uint32], types.OracleObservation]
	OracleLayouts      collections.Map[collections.Pair[uint64, uint64], types.OracleLayout]
	// ProtocolFeesDue lists the pools whose protocol_fees_owed is not empty,
	// for the end-block payout; ProtocolFeesPaid totals what it has paid.
	ProtocolFeesDue  collections.KeySet[uint64]
	ProtocolFeesPaid collections.Item[types.PaidProtocolFees]
	// StrategyUpdates orders pools with a running strategy by their next
	// update, for the end-block step.
	StrategyUpdates collections.KeySet[collections.Pair[time.Time, uint64]]
}

// NewKeeper builds the keeper. It panics on a bad authority or a missing module
// account: both are wiring mistakes caught at start-up.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	accountKeeper types.AccountKeeper,
	bankKeeper types.BankKeeper,
	communityPool types.CommunityPoolKeeper,
	authority string,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid smartpool authority %q: %w", authority, err))
	}
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic("the smartpool module account has not been set")
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:           cdc,
		addressCodec:  addressCodec,
		authority:     authority,
		accountKeeper: accountKeeper,
		bankKeeper:    bankKeeper,
		communityPool: communityPool,
		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		NextPoolID:    collections.NewSequence(sb, types.NextPoolIDKey, "next_pool_id"),
		Pools:         collections.NewMap(sb, types.PoolsKey, "pools", collections.Uint64Key, codec.CollValue[types.Pool](cdc)),
		NextChangeID:  collections.NewSequence(sb, types.NextChangeIDKey, "next_change_id"),
		PendingChanges: collections.NewMap(sb, types.PendingChangesKey, "pending_changes", collections.Uint64Key,
			codec.CollValue[types.PendingChange](cdc)),
		ChangesByDue: collections.NewKeySet(sb, types.ChangesByDueKey, "changes_by_due",
			collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		ChangesByPool: collections.NewKeySet(sb, types.ChangesByPoolKey, "changes_by_pool",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		ScheduleEnds: collections.NewKeySet(sb, types.ScheduleEndsKey, "schedule_ends",
			collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		PendingParams: collections.NewItem(sb, types.PendingParamsKey, "pending_params", codec.CollValue[types.PendingParamsChange](cdc)),
		AllowList: collections.NewKeySet(sb, types.AllowListKey, "allow_list",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		OracleObservations: collections.NewMap(sb, types.OracleObservationsKey, "oracle_observations",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint32Key), codec.CollValue[types.OracleObservation](cdc)),
		OracleLayouts: collections.NewMap(sb, types.OracleLayoutsKey, "oracle_layouts",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.OracleLayout](cdc)),
		ProtocolFeesDue:  collections.NewKeySet(sb, types.ProtocolFeesDueKey, "protocol_fees_due", collections.Uint64Key),
		ProtocolFeesPaid: collections.NewItem(sb, types.ProtocolFeesPaidKey, "protocol_fees_paid", codec.CollValue[types.PaidProtocolFees](cdc)),
		StrategyUpdates: collections.NewKeySet(sb, types.StrategyUpdatesKey, "strategy_updates",
			collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	registerMetrics()
	return k
}

func (k Keeper) logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// GetAuthority returns the address allowed to update params.
func (k Keeper) GetAuthority() string { return k.authority }

// GetPool returns a pool or ErrPoolNotFound, with its oracle brought up to
// this block's time: whatever the caller then changes and stores, the
// accumulators hold the price path up to now as the pool stood before.
func (k Keeper) GetPool(ctx context.Context, poolID uint64) (types.Pool, error) {
	pool, err := k.storedPool(ctx, poolID)
	if err != nil {
		return pool, err
	}
	return k.brought(ctx, pool), nil
}

// brought brings a stored pool to this block's time: its due strategy
// update, as of its boundary (before the oracle moves on), then its oracle.
func (k Keeper) brought(ctx context.Context, pool types.Pool) types.Pool {
	k.runDueStrategy(ctx, &pool)
	k.advanceOracle(ctx, &pool)
	return pool
}

// storedPool returns a pool exactly as stored.
func (k Keeper) storedPool(ctx context.Context, poolID uint64) (types.Pool, error) {
	pool, err := k.Pools.Get(ctx, poolID)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Pool{}, errorsmod.Wrapf(types.ErrPoolNotFound, "pool %d", poolID)
	}
	return pool, err
}
