package app

import (
	"errors"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	banksim "github.com/cosmos/cosmos-sdk/x/bank/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	ibc "github.com/cosmos/ibc-go/v11/modules/core"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibcsim "github.com/cosmos/ibc-go/v11/modules/core/simulation"

	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// newSimulationManager wires the whole-app simulation (app/sim_test.go):
// every module with simulation hooks, two of them adapted to poold's wiring.
func newSimulationManager(app *App) *module.SimulationManager {
	sm := module.NewSimulationManagerFromAppModules(app.ModuleManager.Modules, map[string]module.AppModuleSimulation{
		authtypes.ModuleName:   simAuth{auth.NewAppModule(app.appCodec, app.AccountKeeper, simGenesisAccounts, nil)},
		govtypes.ModuleName:    simGov{gov.NewAppModule(app.appCodec, &app.GovKeeper, app.AccountKeeper, app.BankKeeper, nil)},
		banktypes.ModuleName:   simBank{bank.NewAppModule(app.appCodec, app.BankKeeper, app.AccountKeeper, nil)},
		ibcexported.ModuleName: simIBC{ibc.NewAppModule(app.IBCKeeper)},
	})
	sm.RegisterStoreDecoders()
	return sm
}

// simGenesisAccounts gives every simulation account a plain base account:
// x/auth's own generator makes vesting accounts too, which poold does not
// register.
func simGenesisAccounts(simState *module.SimulationState) authtypes.GenesisAccounts {
	accs := make(authtypes.GenesisAccounts, len(simState.Accounts))
	for i, acc := range simState.Accounts {
		accs[i] = authtypes.NewBaseAccountWithAddress(acc.Address)
	}
	return accs
}

// simAuth is x/auth's simulation without its params proposal: that sets
// max_memo_characters anywhere in 1..1000, while the SDK's sim transactions
// carry memos of up to 100 characters, so once such a proposal passes every
// later transaction with a longer memo fails and the run stops (seen on seed
// 3 of make sim, where sims' governance passes proposals).
type simAuth struct{ auth.AppModule }

// ProposalMsgsX registers no x/auth proposal.
func (simAuth) ProposalMsgsX(simsx.WeightSource, simsx.Registry) {}

// simGov is x/gov's simulation without legacy (v1beta1 content) proposals:
// poold's gov keeper has no legacy router, so they cannot run (their
// submission panics inside the transaction, which the SDK recovers).
type simGov struct{ gov.AppModule }

// WeightedOperationsX registers x/gov's operations but the legacy proposals.
func (m simGov) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry, proposals simsx.WeightedProposalMsgIter,
	_ []simtypes.WeightedProposalContent, //nolint:staticcheck // the legacy type is in x/gov's signature
) {
	noLegacy := simsx.WeightSourceFn(func(name string, def uint32) uint32 {
		if name == "legacy_text_proposal" {
			return 0
		}
		return weights.Get(name, def)
	})
	m.AppModule.WeightedOperationsX(noLegacy, reg, proposals, nil)
}

// simIBC is IBC core's simulation without its software-upgrade proposal:
// that schedules a chain upgrade named "upgrade" at height 100, so once
// sims' quick governance passes it the chain halts there waiting for a new
// binary, as a real chain would (seen on every seed of make sim). Its params
// and client-recovery proposals stay.
type simIBC struct{ ibc.AppModule }

// ProposalMsgs returns IBC core's proposal messages but the upgrade.
func (m simIBC) ProposalMsgs(state module.SimulationState) []simtypes.WeightedProposalMsg {
	var msgs []simtypes.WeightedProposalMsg
	for _, p := range m.AppModule.ProposalMsgs(state) {
		if p.AppParamsKey() != ibcsim.OpWeightMsgIBCSoftwareUpgrade {
			msgs = append(msgs, p)
		}
	}
	return msgs
}

// simBank is x/bank's simulation whose sends may be refused by x/smartpool's
// send restriction: its factories send random coins to random accounts, and
// shares of an allow-listed pool may only go to addresses on its list. That
// refusal (ErrNotAllowListed) is the restriction working, so it counts as
// the expected outcome; any other failure still fails the run.
type simBank struct{ bank.AppModule }

// WeightedOperationsX registers x/bank's send factories with that tolerance.
func (simBank) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_send", 100), allowListMayRefuse{banksim.MsgSendFactory()})
	reg.Add(weights.Get("msg_multisend", 10), allowListMayRefuse{banksim.MsgMultiSendFactory()})
}

type allowListMayRefuse struct{ simsx.SimMsgFactoryX }

func (f allowListMayRefuse) DeliveryResultHandler() simsx.SimDeliveryResultHandler {
	inner := f.SimMsgFactoryX.DeliveryResultHandler()
	return func(err error) error {
		if errors.Is(err, smartpooltypes.ErrNotAllowListed) {
			return nil
		}
		return inner(err)
	}
}
