package ibc_test

import (
	"encoding/json"
	"testing"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"

	"github.com/poold/poold/app"
	"github.com/poold/poold/x/smartpool/types"
)

// TestGenesisExportImportWithIBCState exports poold after real IBC traffic —
// light clients, a connection, a channel, sequences, a packet still in
// flight, acknowledgements, denom traces, escrow totals, a pool holding a
// voucher — imports the genesis into a fresh app, and requires the IBC,
// transfer, bank and smartpool stores to be equal key for key.
func TestGenesisExportImportWithIBCState(t *testing.T) {
	tc := newTwoChains(t)
	addrA, addrB := tc.userA.SenderAccount.GetAddress(), tc.userB.SenderAccount.GetAddress()
	foo := "ufoo"
	tc.transfer(t, tc.path.EndpointB, tc.userB, addrA, sdk.NewInt64Coin(foo, 2_000_000_000))
	ibcFoo := voucherOn(tc.path.EndpointA, foo)
	createPool(t, tc.a, tc.userA, sdk.NewInt64Coin(ibcFoo, 1_000_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000_000))
	tc.transfer(t, tc.path.EndpointA, tc.userA, addrB, sdk.NewInt64Coin(app.BondDenom, 3_000_000))
	sendUnrelayed(t, tc.path.EndpointA, tc.userA, addrB, sdk.NewInt64Coin(ibcFoo, 1_000)) // in flight

	a := pooldOf(tc.a)
	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var genesis map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &genesis))
	var transferGenesis transfertypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[transfertypes.ModuleName], &transferGenesis)
	require.Len(t, transferGenesis.Denoms, 1, "the voucher's trace is exported")
	require.Equal(t, foo, transferGenesis.Denoms[0].Base)

	fresh := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{})
	header := cmtproto.Header{Height: a.LastBlockHeight(), ChainID: tc.a.ChainID, Time: tc.a.GetContext().BlockTime()}
	ctxA := a.NewContextLegacy(true, header)
	ctxB := fresh.NewContextLegacy(true, header)
	require.NoError(t, fresh.UpgradeKeeper.SetModuleVersionMap(ctxB, fresh.ModuleManager.GetVersionMap()))
	_, err = fresh.ModuleManager.InitGenesis(ctxB, fresh.AppCodec(), genesis)
	require.NoError(t, err)

	for _, store := range []string{ibcexported.StoreKey, transfertypes.StoreKey, banktypes.StoreKey, types.StoreKey} {
		n := countKeys(ctxA.KVStore(a.GetKey(store)))
		t.Logf("store %s: %d keys compared", store, n)
		require.Positive(t, n)
		diffA, diffB := simtestutil.DiffKVStores(ctxA.KVStore(a.GetKey(store)), ctxB.KVStore(fresh.GetKey(store)), nil)
		require.Empty(t, diffA, "store %s: keys only before export or with other values", store)
		require.Empty(t, diffB, "store %s: keys only after import", store)
	}
	// The imported chain still knows where the pool's asset comes from.
	info, err := fresh.SmartPoolKeeper.DenomInfo(ctxB, ibcFoo)
	require.NoError(t, err)
	require.Equal(t, "transfer/"+tc.path.EndpointA.ChannelID, info.Path)
}

func countKeys(store storetypes.KVStore) int {
	it := store.Iterator(nil, nil)
	defer it.Close()
	n := 0
	for ; it.Valid(); it.Next() {
		n++
	}
	return n
}
