package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/poold/poold/x/smartpool/types"
)

// The module account exists from genesis, so a donation to the (unblocked)
// module address before the first pool cannot turn it into a plain account
// that would make every pool creation fail.
func TestDonationBeforeFirstPool(t *testing.T) {
	f := newFixture(t)
	addr := f.app.AccountKeeper.GetModuleAddress(types.ModuleName)
	acc := f.app.AccountKeeper.GetAccount(f.ctx, addr)
	require.NotNil(t, acc, "no module account after genesis")
	_, isModule := acc.(sdk.ModuleAccountI)
	require.True(t, isModule, "the module address holds %T", acc)

	_, err := bankkeeper.NewMsgServerImpl(f.app.BankKeeper).Send(f.ctx, banktypes.NewMsgSend(f.bob, addr, sdk.NewCoins(sdk.NewInt64Coin("uatom", 1))))
	require.NoError(t, err)
	_, isModule = f.app.AccountKeeper.GetAccount(f.ctx, addr).(sdk.ModuleAccountI)
	require.True(t, isModule)
	require.Equal(t, uint64(1), f.createPool(t))
}

// A genesis whose accounts put a plain account at the module address is
// refused at InitGenesis, with an error rather than a panic.
func TestGenesisRefusesPlainModuleAccount(t *testing.T) {
	f := newFixture(t)
	ctx, _ := f.ctx.CacheContext()
	addr := f.app.AccountKeeper.GetModuleAddress(types.ModuleName)
	f.app.AccountKeeper.RemoveAccount(ctx, f.app.AccountKeeper.GetAccount(ctx, addr))
	f.app.AccountKeeper.SetAccount(ctx, f.app.AccountKeeper.NewAccountWithAddress(ctx, addr))
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	require.ErrorContains(t, f.app.SmartPoolKeeper.InitGenesis(ctx, *gs), "not its module account")
}
