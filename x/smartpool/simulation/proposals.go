package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/poold/poold/x/smartpool/types"
)

// Governance proposal payloads: x/gov's simulation wraps them in
// MsgSubmitProposal and, if the vote passes, runs them as the gov module
// account, the module's authority.

// MsgUpdateParamsFactory proposes new random params (ProposalParams: short
// time-locks, a small creation fee), which queue for params_timelock.
func MsgUpdateParamsFactory() simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		return nil, &types.MsgUpdateParams{
			Authority: testData.ModuleAccountAddress(reporter, govtypes.ModuleName),
			Params:    ProposalParams(testData.Rand().Rand, sdk.DefaultBondDenom),
		}
	}
}

// MsgCancelParamsChangeFactory proposes dropping the queued params change
// (it fails, harmlessly, when none is queued by the time it runs).
func MsgCancelParamsChangeFactory() simsx.SimMsgFactoryFn[*types.MsgCancelParamsChange] {
	return func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelParamsChange) {
		return nil, &types.MsgCancelParamsChange{Authority: testData.ModuleAccountAddress(reporter, govtypes.ModuleName)}
	}
}
