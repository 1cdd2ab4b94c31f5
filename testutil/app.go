// Package testutil builds a real poold app for keeper and integration tests.
package testutil

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtjson "github.com/cometbft/cometbft/libs/json"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	"github.com/poold/poold/app"
)

// GenesisTime is the fixed time of the test chain's first block.
var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// ChainID is the test chain's id.
const ChainID = "poolnet-test"

// IBCAtomTrace is an ICS-20 voucher's trace: uatom that came in over
// transfer/channel-0.
var IBCAtomTrace = ibctransfertypes.NewDenom("uatom", ibctransfertypes.NewHop(ibctransfertypes.PortID, "channel-0"))

// IBCAtom is IBCAtomTrace's denom on poold: "ibc/27394FB0…".
var IBCAtom = IBCAtomTrace.IBCDenom()

// TestDenoms are the denoms every funded test account holds. The IBC voucher
// comes first, so every test that takes the first few denoms, and many that
// shuffle them, run pools holding an IBC asset next to native ones.
var TestDenoms = []string{IBCAtom, "uatom", "ueth", "upool", "uusdc"}

// Setup returns the real app after genesis and one block, with a bonded
// validator, and a context for the next block at GenesisTime + 5 s.
func Setup(t testing.TB) (*app.App, sdk.Context) {
	t.Helper()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(ChainID))
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)
	acc := authtypes.NewBaseAccount(sdk.AccAddress("genesis-account_____"), nil, 0, 0)
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet,
		[]authtypes.GenesisAccount{acc},
		banktypes.Balance{Address: acc.GetAddress().String(), Coins: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000))})
	require.NoError(t, err)
	stateBytes, err := cmtjson.MarshalIndent(genesis, "", " ")
	require.NoError(t, err)
	_, err = a.InitChain(&abci.RequestInitChain{
		Validators:      []abci.ValidatorUpdate{},
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   stateBytes,
		ChainId:         ChainID,
		Time:            GenesisTime,
	})
	require.NoError(t, err)
	_, err = a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1, Time: GenesisTime, NextValidatorsHash: valSet.Hash()})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)
	ctx := a.NewNextBlockContext(cmtproto.Header{Height: 2, Time: GenesisTime.Add(5 * time.Second), ChainID: ChainID})
	// The voucher's trace, as x/transfer records it when a packet mints it.
	a.TransferKeeper.SetDenom(ctx, IBCAtomTrace)
	return a, ctx
}

// Fund mints coins to addr through the mint module account, the way tokens
// enter a real chain.
func Fund(t testing.TB, a *app.App, ctx sdk.Context, addr sdk.AccAddress, coins sdk.Coins) {
	t.Helper()
	require.NoError(t, a.BankKeeper.MintCoins(ctx, minttypes.ModuleName, coins))
	require.NoError(t, a.BankKeeper.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, addr, coins))
}

// FundedAccount returns a new address holding amount of every test denom.
func FundedAccount(t testing.TB, a *app.App, ctx sdk.Context, seed string, amount int64) sdk.AccAddress {
	t.Helper()
	addr := sdk.AccAddress([]byte(seed + "____________________")[:20])
	coins := sdk.NewCoins()
	for _, d := range TestDenoms {
		coins = coins.Add(sdk.NewInt64Coin(d, amount))
	}
	Fund(t, a, ctx, addr, coins)
	return addr
}
