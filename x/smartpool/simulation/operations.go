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
	WeightSetBreakers          = 8
	WeightSetFeePolicy         = 10
	WeightSetManagementFee     = 10
	WeightClaimManagementFee   = 10
	WeightSetStrategy          = 10
	WeightPauseStrategy        = 6
	WeightResumeStrategy       = 10
	WeightSplitRouteSwapIn     = 25
	WeightSplitRouteSwapOut    = 20
	WeightExpectedFailure      = 2
	WeightProposal             = 200 // x/gov submits proposals at weight/25
)

// RegisterOperations adds a factory for every x/smartpool message.
func RegisterOperations(weights simsx.WeightSource, reg simsx.Registry, k keeper.Keeper) {
	reg.Add(weights.Get("msg_create_pool", WeightCreatePool), endOnSkip(MsgCreatePoolFactory(k, kindPlain)))
	reg.Add(weights.Get("msg_create_pool_controlled", WeightCreateControlledPool), endOnSkip(MsgCreatePoolFactory(k, kindControlled)))
	reg.Add(weights.Get("msg_create_pool_scheduled", WeightCreateScheduledPool), endOnSkip(MsgCreatePoolFactory(k, kindScheduled)))

	reg.Add(weights.Get("msg_swap_exact_amount_in", WeightSwapExactAmountIn), endOnSkip(MsgSwapExactAmountInFactory(k, 1)))
	reg.Add(weights.Get("msg_swap_exact_amount_in_multihop", WeightSwapExactAmountInMul), endOnSkip(MsgSwapExactAmountInFactory(k, 3)))
	reg.Add(weights.Get("msg_swap_exact_amount_out", WeightSwapExactAmountOut), endOnSkip(MsgSwapExactAmountOutFactory(k, 1)))
	reg.Add(weights.Get("msg_swap_exact_amount_out_multihop", WeightSwapExactAmountOutMu), endOnSkip(MsgSwapExactAmountOutFactory(k, 3)))
	reg.Add(weights.Get("msg_split_route_swap_exact_amount_in", WeightSplitRouteSwapIn), endOnSkip(MsgSplitRouteSwapExactAmountInFactory(k)))
	reg.Add(weights.Get("msg_split_route_swap_exact_amount_out", WeightSplitRouteSwapOut), endOnSkip(MsgSplitRouteSwapExactAmountOutFactory(k)))

	reg.Add(weights.Get("msg_join_pool", WeightJoinPool), endOnSkip(MsgJoinPoolFactory(k)))
	reg.Add(weights.Get("msg_join_swap_extern_amount_in", WeightJoinSwapExternIn), endOnSkip(MsgJoinSwapExternAmountInFactory(k)))
	reg.Add(weights.Get("msg_join_pool_exact_amounts_in", WeightJoinPoolExactIn), endOnSkip(MsgJoinPoolExactAmountsInFactory(k)))
	reg.Add(weights.Get("msg_exit_pool", WeightExitPool), endOnSkip(MsgExitPoolFactory(k)))
	reg.Add(weights.Get("msg_exit_swap_share_amount_in", WeightExitSwapShareIn), endOnSkip(MsgExitSwapShareAmountInFactory(k)))

	reg.Add(weights.Get("msg_pause_swaps", WeightPauseSwaps), endOnSkip(MsgPauseSwapsFactory(k)))
	reg.Add(weights.Get("msg_resume_swaps", WeightResumeSwaps), endOnSkip(MsgResumeSwapsFactory(k)))
	reg.Add(weights.Get("msg_schedule_weights", WeightScheduleWeights), endOnSkip(MsgScheduleWeightsFactory(k)))
	reg.Add(weights.Get("msg_set_swap_fee", WeightSetSwapFee), endOnSkip(MsgSetSwapFeeFactory(k)))
	reg.Add(weights.Get("msg_set_share_cap", WeightSetShareCap), endOnSkip(MsgSetShareCapFactory(k)))
	reg.Add(weights.Get("msg_edit_allow_list", WeightEditAllowList), endOnSkip(MsgEditAllowListFactory(k)))
	reg.Add(weights.Get("msg_transfer_control", WeightTransferControl), endOnSkip(MsgTransferControlFactory(k)))
	reg.Add(weights.Get("msg_renounce_rights", WeightRenounceRights), endOnSkip(MsgRenounceRightsFactory(k)))
	reg.Add(weights.Get("msg_cancel_change", WeightCancelChange), endOnSkip(MsgCancelChangeFactory(k)))
	reg.Add(weights.Get("msg_add_asset", WeightAddAsset), endOnSkip(MsgAddAssetFactory(k)))
	reg.Add(weights.Get("msg_remove_asset", WeightRemoveAsset), endOnSkip(MsgRemoveAssetFactory(k)))
	reg.Add(weights.Get("msg_set_breakers", WeightSetBreakers), endOnSkip(MsgSetBreakersFactory(k)))
	reg.Add(weights.Get("msg_set_fee_policy", WeightSetFeePolicy), endOnSkip(MsgSetFeePolicyFactory(k)))
	reg.Add(weights.Get("msg_set_management_fee", WeightSetManagementFee), endOnSkip(MsgSetManagementFeeFactory(k)))
	reg.Add(weights.Get("msg_claim_management_fee", WeightClaimManagementFee), endOnSkip(MsgClaimManagementFeeFactory(k)))
	reg.Add(weights.Get("msg_set_strategy", WeightSetStrategy), endOnSkip(MsgSetStrategyFactory(k)))
	reg.Add(weights.Get("msg_pause_strategy", WeightPauseStrategy), endOnSkip(MsgPauseStrategyFactory(k)))
	reg.Add(weights.Get("msg_resume_strategy", WeightResumeStrategy), endOnSkip(MsgResumeStrategyFactory(k)))

	reg.Add(weights.Get("msg_pause_swaps_by_stranger", WeightExpectedFailure), MsgPauseSwapsByStrangerFactory(k))
	reg.Add(weights.Get("msg_swap_over_max_in_ratio", WeightExpectedFailure), MsgSwapOverMaxInRatioFactory(k))
	reg.Add(weights.Get("msg_exit_whole_pool", WeightExpectedFailure), MsgExitWholePoolFactory(k))
	reg.Add(weights.Get("msg_update_params_by_stranger", WeightExpectedFailure), MsgUpdateParamsByStrangerFactory(k))
	reg.Add(weights.Get("msg_cancel_unknown_change", WeightExpectedFailure), MsgCancelUnknownChangeFactory(k))
	reg.Add(weights.Get("msg_set_strategy_off_rails", WeightExpectedFailure), MsgSetStrategyOffRailsFactory(k))
}

// RegisterProposals adds the governance payload factories.
func RegisterProposals(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_update_params", WeightProposal), endOnSkip(MsgUpdateParamsFactory()))
	reg.Add(weights.Get("msg_cancel_params_change", WeightProposal), endOnSkip(MsgCancelParamsChangeFactory()))
}
