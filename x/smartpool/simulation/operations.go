package simulation

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/poold/poold/x/smartpool/keeper"
)

// Default operation weights. Trades and joins/exits dominate; every control
// message comes often enough to be delivered within a 50-block run; failing
// messages are rare. Each can be overridden in a sim params file as
// op_weight_<name>.
const (
	WeightCreatePool           = 10
	WeightCreateControlledPool = 20
	WeightCreateScheduledPool  = 10
	WeightSwapExactAmountIn    = 50
	WeightSwapExactAmountInMul = 20
	WeightSwapExactAmountOut   = 40
	WeightSwapExactAmountOutMu = 20
	WeightJoinPool             = 35
	WeightJoinSwapExternIn     = 30
	WeightJoinPoolExactIn      = 30
	WeightExitPool             = 30
	WeightExitSwapShareIn      = 25
	WeightPauseSwaps           = 8
	WeightResumeSwaps          = 12
	WeightScheduleWeights      = 12
	WeightSetSwapFee           = 10
	WeightSetShareCap          = 8
	WeightEditAllowList        = 8
	WeightTransferControl      = 5
	WeightRenounceRights       = 3
	WeightCancelChange         = 8
	WeightAddAsset             = 12
	WeightRemoveAsset          = 15
	WeightExpectedFailure      = 2
	WeightProposal             = 200 // x/gov submits proposals at weight/25
)

// RegisterOperations adds a factory for every x/smartpool message.
func RegisterOperations(weights simsx.WeightSource, reg simsx.Registry, k keeper.Keeper) {
	reg.Add(weights.Get("msg_create_pool", WeightCreatePool), MsgCreatePoolFactory(k, kindPlain))
	reg.Add(weights.Get("msg_create_pool_controlled", WeightCreateControlledPool), MsgCreatePoolFactory(k, kindControlled))
	reg.Add(weights.Get("msg_create_pool_scheduled", WeightCreateScheduledPool), MsgCreatePoolFactory(k, kindScheduled))

	reg.Add(weights.Get("msg_swap_exact_amount_in", WeightSwapExactAmountIn), MsgSwapExactAmountInFactory(k, 1))
	reg.Add(weights.Get("msg_swap_exact_amount_in_multihop", WeightSwapExactAmountInMul), MsgSwapExactAmountInFactory(k, 3))
	reg.Add(weights.Get("msg_swap_exact_amount_out", WeightSwapExactAmountOut), MsgSwapExactAmountOutFactory(k, 1))
	reg.Add(weights.Get("msg_swap_exact_amount_out_multihop", WeightSwapExactAmountOutMu), MsgSwapExactAmountOutFactory(k, 3))

	reg.Add(weights.Get("msg_join_pool", WeightJoinPool), MsgJoinPoolFactory(k))
	reg.Add(weights.Get("msg_join_swap_extern_amount_in", WeightJoinSwapExternIn), MsgJoinSwapExternAmountInFactory(k))
	reg.Add(weights.Get("msg_join_pool_exact_amounts_in", WeightJoinPoolExactIn), MsgJoinPoolExactAmountsInFactory(k))
	reg.Add(weights.Get("msg_exit_pool", WeightExitPool), MsgExitPoolFactory(k))
	reg.Add(weights.Get("msg_exit_swap_share_amount_in", WeightExitSwapShareIn), MsgExitSwapShareAmountInFactory(k))

	reg.Add(weights.Get("msg_pause_swaps", WeightPauseSwaps), MsgPauseSwapsFactory(k))
	reg.Add(weights.Get("msg_resume_swaps", WeightResumeSwaps), MsgResumeSwapsFactory(k))
	reg.Add(weights.Get("msg_schedule_weights", WeightScheduleWeights), MsgScheduleWeightsFactory(k))
	reg.Add(weights.Get("msg_set_swap_fee", WeightSetSwapFee), MsgSetSwapFeeFactory(k))
	reg.Add(weights.Get("msg_set_share_cap", WeightSetShareCap), MsgSetShareCapFactory(k))
	reg.Add(weights.Get("msg_edit_allow_list", WeightEditAllowList), MsgEditAllowListFactory(k))
	reg.Add(weights.Get("msg_transfer_control", WeightTransferControl), MsgTransferControlFactory(k))
	reg.Add(weights.Get("msg_renounce_rights", WeightRenounceRights), MsgRenounceRightsFactory(k))
	reg.Add(weights.Get("msg_cancel_change", WeightCancelChange), MsgCancelChangeFactory(k))
	reg.Add(weights.Get("msg_add_asset", WeightAddAsset), MsgAddAssetFactory(k))
	reg.Add(weights.Get("msg_remove_asset", WeightRemoveAsset), MsgRemoveAssetFactory(k))

	reg.Add(weights.Get("msg_pause_swaps_by_stranger", WeightExpectedFailure), MsgPauseSwapsByStrangerFactory(k))
	reg.Add(weights.Get("msg_swap_over_max_in_ratio", WeightExpectedFailure), MsgSwapOverMaxInRatioFactory(k))
	reg.Add(weights.Get("msg_exit_whole_pool", WeightExpectedFailure), MsgExitWholePoolFactory(k))
	reg.Add(weights.Get("msg_update_params_by_stranger", WeightExpectedFailure), MsgUpdateParamsByStrangerFactory(k))
	reg.Add(weights.Get("msg_cancel_unknown_change", WeightExpectedFailure), MsgCancelUnknownChangeFactory(k))
}

// RegisterProposals adds the governance payload factories.
func RegisterProposals(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_update_params", WeightProposal), MsgUpdateParamsFactory())
	reg.Add(weights.Get("msg_cancel_params_change", WeightProposal), MsgCancelParamsChangeFactory())
}
