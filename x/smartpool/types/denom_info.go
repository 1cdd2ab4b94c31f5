package types

import (
	"context"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// IBCDenomPrefix starts every ICS-20 voucher denom: ibc/{hash of path and base}.
const IBCDenomPrefix = "ibc/"

// DenomTraceKeeper resolves an ICS-20 voucher "ibc/{hash}" to the path it came
// through and its base denom on the origin chain (x/transfer's denom traces).
// found is false when no transfer ever minted that voucher here.
type DenomTraceKeeper interface {
	DenomTrace(ctx context.Context, ibcDenom string) (path, baseDenom string, found bool, err error)
}

// NativeDenomInfo is the info of a denom that is not an IBC voucher: a pool
// share or a token minted on poold.
func NativeDenomInfo(denom string) DenomInfo {
	origin := DenomOrigin_DENOM_ORIGIN_NATIVE
	if strings.HasPrefix(denom, ShareDenomPrefix) {
		origin = DenomOrigin_DENOM_ORIGIN_POOL_SHARE
	}
	return DenomInfo{Denom: denom, Origin: origin, BaseDenom: denom}
}

// IsIBCDenom reports whether denom is an ICS-20 voucher.
func IsIBCDenom(denom string) bool { return strings.HasPrefix(denom, IBCDenomPrefix) }

// ics20RefundKey marks a context in which ICS-20 refunds tokens to the
// sender of a packet that timed out or was refused.
type ics20RefundKey struct{}

// WithICS20Refund marks ctx as an ICS-20 refund (app/ibc_refunds.go wraps
// the transfer app's timeout and acknowledgement callbacks with it).
func WithICS20Refund(ctx sdk.Context) sdk.Context { return ctx.WithValue(ics20RefundKey{}, true) }

// IsICS20Refund reports whether ctx is an ICS-20 refund.
func IsICS20Refund(ctx context.Context) bool {
	refund, _ := ctx.Value(ics20RefundKey{}).(bool)
	return refund
}
