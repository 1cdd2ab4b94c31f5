// Package simulation holds x/smartpool's parts of the SDK's whole-app
// simulation (simsx): randomized genesis, message factories for every Msg and
// the governance proposal messages.
package simulation

import (
	"math/rand"
	"time"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/poold/poold/x/smartpool/types"
)

// PoolDenoms are the denoms the simulation builds pools from, besides the
// bond denom. Sim accounts get them at genesis (FundPoolDenoms): the SDK's
// randomized bank genesis hands out only the bond denom.
var PoolDenoms = []string{"uatom", "ubtc", "ueth", "uosmo", "uusdc"}

// RandomParams returns valid params whose time-locks are short against the
// simulator's block times (5000–10000 s a block), so that queued changes,
// params changes and schedules come due and end within a run of tens of
// blocks; and whose creation fee is small enough for any sim account.
// Strategies may update far more often than blocks come (see
// StrategyInterval).
func RandomParams(r *rand.Rand, bondDenom string) types.Params {
	p := types.DefaultParams()
	p.PoolCreationFee = sdk.NewCoins(sdk.NewInt64Coin(bondDenom, r.Int63n(1000)))
	p.MaxAssets = uint32(4 + r.Intn(5)) // 4..8
	// At most 1/max_assets (params validation) and at least the hard 0.1%.
	p.MinNormalizedWeight = sdkmath.LegacyNewDecWithPrec(int64(5+r.Intn(11)), 3) // 0.5%..1.5%
	p.MaxSwapFee = sdkmath.LegacyNewDecWithPrec(int64(1+r.Intn(10)), 2)          // 1%..10%
	p.MaxInRatio = sdkmath.LegacyNewDecWithPrec(int64(30+r.Intn(21)), 2)         // 30%..50%
	p.MaxOutRatio = sdkmath.LegacyNewDecWithPrec(int64(20+r.Intn(11)), 2)        // 20%..30%
	p.MinTimelock = time.Duration(r.Intn(30*60)) * time.Second                   // 0..30 min
	// Long enough for a governance cancel to catch a queued change (votes take
	// a few blocks), short enough that most changes apply within a run.
	p.ParamsTimelock = time.Duration(3600+r.Intn(11*3600)) * time.Second             // 1 h..12 h
	p.MinScheduleDuration = time.Duration(60+r.Intn(2*3600)) * time.Second           // 1 min..2 h
	p.MaxWeightChangePerDay = sdkmath.LegacyNewDecWithPrec(int64(50+r.Intn(251)), 2) // 0.5..3 a day
	p.OracleRetention = []time.Duration{6 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour}[r.Intn(3)]
	p.OracleObservationInterval = []time.Duration{5 * time.Minute, 30 * time.Minute, time.Hour}[r.Intn(3)]
	if r.Intn(4) == 0 {
		p.DefaultBreakers = RandomBreakers(r, p.OracleRetention)
	}
	randomFeeParams(r, &p)
	// Strategies may update every second to every 10 minutes, and the
	// end-block step runs 1 to 20 of the updates due a block, so that with
	// a few strategy pools due at once some wait for a later block.
	p.MinStrategyInterval = time.Duration(1+r.Intn(600)) * time.Second // 1 s..10 min
	p.MaxStrategyUpdatesPerBlock = uint32(1 + r.Intn(20))
	return p
}

// RandomBreakers returns valid breakers, each on or off at random, with a
// window inside retention.
func RandomBreakers(r *rand.Rand, retention time.Duration) types.CircuitBreakers {
	b := types.NoBreakers()
	if r.Intn(2) == 0 {
		b.MaxPriceDeviation = sdkmath.LegacyNewDecWithPrec(int64(5+r.Intn(96)), 2) // 5%..100%
	}
	if r.Intn(2) == 0 {
		b.MaxBlockOutflow = sdkmath.LegacyNewDecWithPrec(int64(5+r.Intn(96)), 2) // 5%..100%
	}
	if r.Intn(2) == 0 {
		b.AlertThreshold = sdkmath.LegacyNewDecWithPrec(int64(1+r.Intn(30)), 2) // 1%..30%
	}
	b.Window = time.Duration(1+r.Int63n(int64(retention/time.Second))) * time.Second
	return b
}

// RandomizedGenState writes x/smartpool's randomized genesis: random params
// and no pools; pools come from MsgCreatePool during the run, whose
// deposits need no bank genesis of the module account.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	gs.Params = RandomParams(simState.Rand, simState.BondDenom)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}
