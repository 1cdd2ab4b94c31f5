package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/cosmos/ibc-go/v11/modules/apps/transfer"
	transferv2 "github.com/cosmos/ibc-go/v11/modules/apps/transfer/v2"
	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	channeltypesv2 "github.com/cosmos/ibc-go/v11/modules/core/04-channel/v2/types"

	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// refundingTransfer is ICS-20 on v1 channels with its timeout and
// acknowledgement callbacks, where refunds happen, marked as refunds: pool
// shares then go back to their sender even if the pool's allow-list was
// switched on while they were away (see x/smartpool's SendRestriction).
type refundingTransfer struct{ *transfer.IBCModule }

func (m refundingTransfer) OnAcknowledgementPacket(ctx sdk.Context, channelVersion string, packet channeltypes.Packet,
	acknowledgement []byte, relayer sdk.AccAddress,
) error {
	return m.IBCModule.OnAcknowledgementPacket(smartpooltypes.WithICS20Refund(ctx), channelVersion, packet, acknowledgement, relayer)
}

func (m refundingTransfer) OnTimeoutPacket(ctx sdk.Context, channelVersion string, packet channeltypes.Packet, relayer sdk.AccAddress) error {
	return m.IBCModule.OnTimeoutPacket(smartpooltypes.WithICS20Refund(ctx), channelVersion, packet, relayer)
}

// refundingTransferV2 is the same for ICS-20 over IBC v2.
type refundingTransferV2 struct{ transferv2.IBCModule }

func (m refundingTransferV2) OnAcknowledgementPacket(ctx sdk.Context, sourceClient, destinationClient string, sequence uint64,
	acknowledgement []byte, payload channeltypesv2.Payload, relayer sdk.AccAddress,
) error {
	return m.IBCModule.OnAcknowledgementPacket(smartpooltypes.WithICS20Refund(ctx), sourceClient, destinationClient, sequence,
		acknowledgement, payload, relayer)
}

func (m refundingTransferV2) OnTimeoutPacket(ctx sdk.Context, sourceClient, destinationClient string, sequence uint64,
	payload channeltypesv2.Payload, relayer sdk.AccAddress,
) error {
	return m.IBCModule.OnTimeoutPacket(smartpooltypes.WithICS20Refund(ctx), sourceClient, destinationClient, sequence, payload, relayer)
}
