package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the messages for amino JSON signing (ledger).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgCreatePool{}, "smartpool/MsgCreatePool")
	legacy.RegisterAminoMsg(cdc, &MsgJoinPool{}, "smartpool/MsgJoinPool")
	legacy.RegisterAminoMsg(cdc, &MsgExitPool{}, "smartpool/MsgExitPool")
	legacy.RegisterAminoMsg(cdc, &MsgJoinSwapExternAmountIn{}, "smartpool/MsgJoinSwapExternAmountIn")
	legacy.RegisterAminoMsg(cdc, &MsgJoinPoolExactAmountsIn{}, "smartpool/MsgJoinPoolExactAmountsIn")
	legacy.RegisterAminoMsg(cdc, &MsgExitSwapShareAmountIn{}, "smartpool/MsgExitSwapShareAmountIn")
	legacy.RegisterAminoMsg(cdc, &MsgSwapExactAmountIn{}, "smartpool/MsgSwapExactAmountIn")
	legacy.RegisterAminoMsg(cdc, &MsgSwapExactAmountOut{}, "smartpool/MsgSwapExactAmountOut")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "smartpool/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgCancelParamsChange{}, "smartpool/MsgCancelParamsChange")
	legacy.RegisterAminoMsg(cdc, &MsgPauseSwaps{}, "smartpool/MsgPauseSwaps")
	legacy.RegisterAminoMsg(cdc, &MsgResumeSwaps{}, "smartpool/MsgResumeSwaps")
	legacy.RegisterAminoMsg(cdc, &MsgScheduleWeights{}, "smartpool/MsgScheduleWeights")
	legacy.RegisterAminoMsg(cdc, &MsgSetSwapFee{}, "smartpool/MsgSetSwapFee")
	legacy.RegisterAminoMsg(cdc, &MsgSetShareCap{}, "smartpool/MsgSetShareCap")
	legacy.RegisterAminoMsg(cdc, &MsgEditAllowList{}, "smartpool/MsgEditAllowList")
	legacy.RegisterAminoMsg(cdc, &MsgTransferControl{}, "smartpool/MsgTransferControl")
	legacy.RegisterAminoMsg(cdc, &MsgRenounceRights{}, "smartpool/MsgRenounceRights")
	legacy.RegisterAminoMsg(cdc, &MsgCancelChange{}, "smartpool/MsgCancelChange")
	legacy.RegisterAminoMsg(cdc, &MsgSetBreakers{}, "smartpool/MsgSetBreakers")
	legacy.RegisterAminoMsg(cdc, &MsgAddAsset{}, "smartpool/MsgAddAsset")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveAsset{}, "smartpool/MsgRemoveAsset")
	legacy.RegisterAminoMsg(cdc, &MsgSetFeePolicy{}, "smartpool/MsgSetFeePolicy")
	legacy.RegisterAminoMsg(cdc, &MsgSetManagementFee{}, "smartpool/MsgSetManagementFee")
	legacy.RegisterAminoMsg(cdc, &MsgClaimManagementFee{}, "smartpool/MsgClaimManagementFee")
	legacy.RegisterAminoMsg(cdc, &MsgSplitRouteSwapExactAmountIn{}, "smartpool/MsgSplitRouteSwapExactIn")
	legacy.RegisterAminoMsg(cdc, &MsgSplitRouteSwapExactAmountOut{}, "smartpool/MsgSplitRouteSwapExactOut")
	legacy.RegisterAminoMsg(cdc, &MsgSetStrategy{}, "smartpool/MsgSetStrategy")
	legacy.RegisterAminoMsg(cdc, &MsgPauseStrategy{}, "smartpool/MsgPauseStrategy")
	legacy.RegisterAminoMsg(cdc, &MsgResumeStrategy{}, "smartpool/MsgResumeStrategy")
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgCreatePool{},
		&MsgJoinPool{},
		&MsgExitPool{},
		&MsgJoinSwapExternAmountIn{},
		&MsgJoinPoolExactAmountsIn{},
		&MsgExitSwapShareAmountIn{},
		&MsgSwapExactAmountIn{},
		&MsgSwapExactAmountOut{},
		&MsgUpdateParams{},
		&MsgCancelParamsChange{},
		&MsgPauseSwaps{},
		&MsgResumeSwaps{},
		&MsgScheduleWeights{},
		&MsgSetSwapFee{},
		&MsgSetShareCap{},
		&MsgEditAllowList{},
		&MsgTransferControl{},
		&MsgRenounceRights{},
		&MsgCancelChange{},
		&MsgSetBreakers{},
		&MsgAddAsset{},
		&MsgRemoveAsset{},
		&MsgSetFeePolicy{},
		&MsgSetManagementFee{},
		&MsgClaimManagementFee{},
		&MsgSplitRouteSwapExactAmountIn{},
		&MsgSplitRouteSwapExactAmountOut{},
		&MsgSetStrategy{},
		&MsgPauseStrategy{},
		&MsgResumeStrategy{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
