//go:build sims

package app

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	smartpoolsim "github.com/poold/poold/x/smartpool/simulation"
)

// Whole-app simulation with the SDK's simsx runner (issue 6, point 8). Run
// through make sim / sim-short, or e.g.
//
//	go test -tags sims ./app -run TestFullAppSimulation -NumBlocks=50 -BlockSize=50 -SimSeeds=7 -v
//
// -Seed=N runs that one seed; -SimSeeds=a,b,c runs several (one after the
// other with -test.parallel=1).
var flagSimSeeds = flag.String("SimSeeds", "1,2,3", "comma-separated simulation seeds (-Seed overrides)")

func init() {
	simcli.GetSimulatorFlags()
}

// simIBCAtom is an ICS-20 voucher's trace in x/transfer's genesis (uatom that
// came in over transfer/channel-0), so that export and import carry a trace.
// Sim accounts do not hold the voucher: the SDK's simulated transactions pay
// fees in a random denom of the sender's, and poold refuses vouchers as fees
// (app/ante.go), so most of the SDK's operations would fail. Pools holding
// vouchers are covered by x/smartpool's property tests and fuzzers, whose
// denoms include one, and by tests/ibc.
var simIBCAtom = ibctransfertypes.NewDenom("uatom", ibctransfertypes.NewHop(ibctransfertypes.PortID, "channel-0"))

func simSeeds(t *testing.T) []int64 {
	if s := simcli.FlagSeedValue; s != simcli.DefaultSeedValue {
		return []int64{s}
	}
	var seeds []int64
	for _, f := range strings.Split(*flagSimSeeds, ",") {
		s, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		require.NoError(t, err, "-SimSeeds")
		seeds = append(seeds, s)
	}
	return seeds
}

// setupStateFactory builds the randomized genesis: every module's random
// state, then the x/smartpool pool denoms for every sim account.
func setupStateFactory(a *simApp) simsx.SimStateFactory {
	inner := simtestutil.AppStateFn(a.AppCodec(), a.SimulationManager(), a.DefaultGenesis())
	return simsx.SimStateFactory{
		Codec: a.AppCodec(),
		AppStateFn: func(r *rand.Rand, accs []simtypes.Account, cfg simtypes.Config) (json.RawMessage, []simtypes.Account, string, time.Time) {
			state, simAccs, chainID, genesisTime := inner(r, accs, cfg)
			state = smartpoolsim.FundPoolDenoms(a.AppCodec(), r, state, simAccs)
			state = withDenomTrace(a, state, simIBCAtom)
			return quickGovernance(a, state), simAccs, chainID, genesisTime
		},
		BlockedAddr:   BlockedAddresses(),
		AccountSource: a.AccountKeeper,
		BalanceSource: a.BankKeeper,
	}
}

// withDenomTrace adds denom's trace to x/transfer's genesis in appState.
func withDenomTrace(a *simApp, appState json.RawMessage, denom ibctransfertypes.Denom) json.RawMessage {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(appState, &raw); err != nil {
		panic(err)
	}
	var gs ibctransfertypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(raw[ibctransfertypes.ModuleName], &gs)
	gs.Denoms = append(gs.Denoms, denom)
	raw[ibctransfertypes.ModuleName] = a.AppCodec().MustMarshalJSON(&gs)
	bz, err := json.Marshal(raw)
	if err != nil {
		panic(err)
	}
	return bz
}

// quickGovernance shortens x/gov's randomized voting periods (2–4 days, 20
// to 60 simulated blocks) to hours and lowers its quorum (33–50% of the
// stake), so that the few random votes a proposal gets can pass it within a
// short run: x/smartpool's params messages only run through proposals.
func quickGovernance(a *simApp, appState json.RawMessage) json.RawMessage {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(appState, &raw); err != nil {
		panic(err)
	}
	var gs govv1.GenesisState
	a.AppCodec().MustUnmarshalJSON(raw[govtypes.ModuleName], &gs)
	voting, expedited := 8*time.Hour, 4*time.Hour
	gs.Params.VotingPeriod, gs.Params.ExpeditedVotingPeriod = &voting, &expedited
	gs.Params.Quorum = "0.001"
	raw[govtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&gs)
	bz, err := json.Marshal(raw)
	if err != nil {
		panic(err)
	}
	return bz
}

// checkAfterRun checks the invariants on the final state (the last block's
// transactions ran after its end-block check) and reports the run.
func checkAfterRun(tb testing.TB, ti simsx.TestInstance[*simApp], _ []simtypes.Account) {
	checkRun(tb, ti, true)
}

// checkAfterShortRun is checkAfterRun for the import/export runs: short
// runs of a few blocks, where one message may by chance never be delivered,
// so the coverage is reported but not required (make sim and sim-short
// require it).
func checkAfterShortRun(tb testing.TB, ti simsx.TestInstance[*simApp], _ []simtypes.Account) {
	checkRun(tb, ti, false)
}

func checkRun(tb testing.TB, ti simsx.TestInstance[*simApp], requireCoverage bool) {
	tb.Helper()
	a := ti.App
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	require.NoError(tb, a.checks.checkInvariants(ctx), "x/smartpool invariants after the run")
	a.checks.report(tb, ti.Cfg.Seed, requireCoverage)
}

// TestFullAppSimulation runs the full app simulation for each seed, with
// the checks of simApp, and fails unless every x/smartpool message was
// delivered at least once.
func TestFullAppSimulation(t *testing.T) {
	simsx.RunWithSeeds(t, newSimApp, setupStateFactory, simSeeds(t), nil, checkAfterRun)
}

// TestAppImportExport runs a simulation, exports its state, imports it into
// a fresh app and compares every KV store, skipping only the prefixes the
// SDK's own simapp test skips for the modules poold has.
func TestAppImportExport(t *testing.T) {
	simsx.RunWithSeeds(t, newSimApp, setupStateFactory, simSeeds(t), nil, checkAfterShortRun,
		func(tb testing.TB, ti simsx.TestInstance[*simApp], _ []simtypes.Account) {
			tb.Helper()
			a := ti.App
			exported, err := a.ExportAppStateAndValidators(false, nil, nil)
			require.NoError(tb, err)

			newApp := simsx.NewSimulationAppInstance(tb, ti.Cfg, newSimApp).App
			var genesisState map[string]json.RawMessage
			require.NoError(tb, json.Unmarshal(exported.AppState, &genesisState))
			ctxA := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
			ctxB := newApp.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
			// As InitChainer does: the module version map, then every module's genesis.
			require.NoError(tb, newApp.UpgradeKeeper.SetModuleVersionMap(ctxB, newApp.ModuleManager.GetVersionMap()))
			_, err = newApp.ModuleManager.InitGenesis(ctxB, newApp.AppCodec(), genesisState)
			if err != nil && strings.Contains(err.Error(), "validator set is empty after InitGenesis") {
				tb.Skip("all validators unbonded")
			}
			require.NoError(tb, err)
			require.NoError(tb, newApp.StoreConsensusParams(ctxB, exported.ConsensusParams))

			skipPrefixes := map[string][][]byte{
				stakingtypes.StoreKey: {
					stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
					stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey, stakingtypes.UnbondingTypeKey,
					// Not in staking's genesis; simapp skips them too.
					stakingtypes.HistoricalInfoKey, stakingtypes.ValidatorUpdatesKey,
				},
				slashingtypes.StoreKey: {slashingtypes.ValidatorMissedBlockBitmapKeyPrefix},
			}
			names := make([]string, 0, len(a.keys))
			for name := range a.keys {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				storeA, storeB := ctxA.KVStore(a.keys[name]), ctxB.KVStore(newApp.keys[name])
				diffA, diffB := simtestutil.DiffKVStores(storeA, storeB, skipPrefixes[name])
				require.Equal(tb, len(diffA), len(diffB), "unequal sets of key-values in store %s", name)
				tb.Logf("compared store %s: %d differences", name, len(diffA))
				require.Empty(tb, diffA, "store %s differs after import:\n%s", name,
					simtestutil.GetSimulationLog(name, a.SimulationManager().StoreDecoders, diffA, diffB))
			}
			fmt.Printf("import/export (seed %d): every store equal\n", ti.Cfg.Seed)
		})
}

// TestAppSimulationAfterImport runs a simulation, exports its state and runs
// a second simulation from that state, from an hour after the first one's
// last block.
func TestAppSimulationAfterImport(t *testing.T) {
	simsx.RunWithSeeds(t, newSimApp, setupStateFactory, simSeeds(t), nil, checkAfterShortRun,
		func(tb testing.TB, ti simsx.TestInstance[*simApp], _ []simtypes.Account) {
			tb.Helper()
			a := ti.App
			exported, err := a.ExportAppStateAndValidators(false, nil, nil)
			require.NoError(tb, err)
			restart := a.checks.lastBlockTime.Add(time.Hour)
			importFactory := func(b *simApp) simsx.SimStateFactory {
				f := setupStateFactory(b)
				// The same seed makes the same sim accounts, whose keys sign
				// for the exported accounts.
				f.AppStateFn = func(_ *rand.Rand, accs []simtypes.Account, cfg simtypes.Config) (json.RawMessage, []simtypes.Account, string, time.Time) {
					return exported.AppState, accs, cfg.ChainID, restart
				}
				return f
			}
			// Coverage counts both runs: the first may have created every pool
			// the second may make.
			withFirstRun := func(tb testing.TB, ti2 simsx.TestInstance[*simApp], accs []simtypes.Account) {
				tb.Helper()
				for url, n := range a.checks.delivered {
					ti2.App.checks.delivered[url] += n
				}
				checkAfterShortRun(tb, ti2, accs)
			}
			simsx.RunWithSeed(tb, ti.Cfg, newSimApp, importFactory, ti.Cfg.Seed, ti.Cfg.FuzzSeed, withFirstRun)
		})
}

// TestAppStateDeterminism runs each of 3 seeds 3 times and requires equal
// app hashes.
func TestAppStateDeterminism(t *testing.T) {
	const runsPerSeed = 3
	var seeds []int64
	for _, s := range simSeeds(t) {
		for range runsPerSeed {
			seeds = append(seeds, s)
		}
	}
	var mu sync.Mutex
	hashes := map[int64][][]byte{}
	record := func(tb testing.TB, ti simsx.TestInstance[*simApp], _ []simtypes.Account) {
		tb.Helper()
		hash := ti.App.LastCommitID().Hash
		mu.Lock()
		others := hashes[ti.Cfg.Seed]
		hashes[ti.Cfg.Seed] = append(others, hash)
		mu.Unlock()
		for _, h := range others {
			assert.Equal(tb, h, hash, "non-determinism in seed %d", ti.Cfg.Seed)
		}
		fmt.Printf("determinism (seed %d, run %d): app hash %X\n", ti.Cfg.Seed, len(others)+1, hash)
	}
	simsx.RunWithSeeds(t, newSimApp, setupStateFactory, seeds, nil, record)
}
