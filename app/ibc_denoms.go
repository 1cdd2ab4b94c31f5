package app

import (
	"context"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"

	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// transferDenomTraces gives x/smartpool the traces of ICS-20 vouchers.
type transferDenomTraces struct{ k *ibctransferkeeper.Keeper }

var _ smartpooltypes.DenomTraceKeeper = transferDenomTraces{}

// DenomTrace resolves "ibc/{hash}" through x/transfer's store. A malformed
// or lower-case hash is simply not found: nothing could have minted it.
func (t transferDenomTraces) DenomTrace(ctx context.Context, ibcDenom string) (path, baseDenom string, found bool, err error) {
	hash, err := ibctransfertypes.ParseHexHash(strings.TrimPrefix(ibcDenom, smartpooltypes.IBCDenomPrefix))
	if err != nil {
		return "", "", false, nil
	}
	denom, found := t.k.GetDenom(sdk.UnwrapSDKContext(ctx), hash)
	// The hash parses in either case, but only the exact (upper-case) denom
	// can exist in bank: "ibc/27394fb0…" is no voucher.
	if !found || denom.IBCDenom() != ibcDenom {
		return "", "", false, nil
	}
	hops := make([]string, len(denom.Trace))
	for i, h := range denom.Trace {
		hops[i] = h.String()
	}
	return strings.Join(hops, "/"), denom.Base, true, nil
}
