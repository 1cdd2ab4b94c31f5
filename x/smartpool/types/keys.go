package types

import (
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
)

const (
	// ModuleName is the module's name; it also names its account, which holds every pool's tokens.
	ModuleName = "smartpool"
	// StoreKey is the module's KV store key.
	StoreKey = ModuleName

	// ShareDenomPrefix starts every share denom: smartpool/{id}.
	ShareDenomPrefix = ModuleName + "/"
	// ShareExponent is the number of decimals of a share token's display unit.
	ShareExponent = 18
)

// InitialShares is what a pool's creator receives: 100 shares of 10^18 base units.
var InitialShares = sdkmath.NewIntWithDecimal(100, ShareExponent)

// Collection prefixes; one per piece of state.
var (
	ParamsKey     = collections.NewPrefix(0)
	NextPoolIDKey = collections.NewPrefix(1)
	PoolsKey      = collections.NewPrefix(2)
	// Time-locked pool changes and their indexes by due time and by pool.
	NextChangeIDKey   = collections.NewPrefix(3)
	PendingChangesKey = collections.NewPrefix(4)
	ChangesByDueKey   = collections.NewPrefix(5)
	ChangesByPoolKey  = collections.NewPrefix(6)
	// ScheduleEndsKey orders pools by the end of their weight schedule.
	ScheduleEndsKey = collections.NewPrefix(7)
	// PendingParamsKey holds the params change waiting for params_timelock.
	PendingParamsKey = collections.NewPrefix(8)
	AllowListKey     = collections.NewPrefix(9)

	OracleObservationsKey = collections.NewPrefix(10)
	OracleLayoutsKey      = collections.NewPrefix(11)
	// ProtocolFeesDueKey lists the pools owing protocol fees, by id;
	// ProtocolFeesPaidKey holds everything paid to the community pool.
	ProtocolFeesDueKey  = collections.NewPrefix(12)
	ProtocolFeesPaidKey = collections.NewPrefix(13)
	// StrategyUpdatesKey orders rule-driven pools by their next update.
	StrategyUpdatesKey = collections.NewPrefix(14)
)

// ShareDenom is the bank denom of pool id's share token.
func ShareDenom(poolID uint64) string {
	return ShareDenomPrefix + strconv.FormatUint(poolID, 10)
}

// PoolIDFromShareDenom parses a share denom back into its pool id.
func PoolIDFromShareDenom(denom string) (uint64, error) {
	rest, ok := strings.CutPrefix(denom, ShareDenomPrefix)
	if !ok {
		return 0, fmt.Errorf("%q is not a share denom", denom)
	}
	return strconv.ParseUint(rest, 10, 64)
}
