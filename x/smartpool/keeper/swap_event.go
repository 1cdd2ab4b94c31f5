package keeper

import (
	"encoding/json"
	"strconv"
	"strings"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// eventSwapType is EventSwap's proto name, the type of its sdk.Event.
var eventSwapType = sdk.MsgTypeURL(&types.EventSwap{})[1:]

// swapEvent is sdk.TypedEventToEvent(e), attribute for attribute, built
// directly: the SDK's route goes through reflective JSON encoding and back
// (about 35 µs a swap, a twentieth of a swap transaction's time), and every
// swap hop emits one. TestSwapEventMatchesTypedEvent holds the two equal, so
// clients parse it with sdk.ParseTypedEvent as before.
func swapEvent(e *types.EventSwap) (sdk.Event, error) {
	if e.SwapFee.IsNil() || e.TokenIn.Amount.IsNil() || e.TokenOut.Amount.IsNil() || e.Fee.Amount.IsNil() || e.ProtocolFee.Amount.IsNil() {
		// Never built so (amounts come from sdk.NewCoin), but unset numbers
		// have their own JSON forms: leave them to the SDK.
		return sdk.TypedEventToEvent(e)
	}
	// Attributes in sorted key order, each value the field's proto JSON.
	return sdk.Event{Type: eventSwapType, Attributes: []abci.EventAttribute{
		{Key: "fee", Value: coinJSON(e.Fee)},
		{Key: "pool_id", Value: `"` + strconv.FormatUint(e.PoolId, 10) + `"`},
		{Key: "protocol_fee", Value: coinJSON(e.ProtocolFee)},
		{Key: "sender", Value: jsonString(e.Sender)},
		{Key: "swap_fee", Value: jsonString(e.SwapFee.String())},
		{Key: "token_in", Value: coinJSON(e.TokenIn)},
		{Key: "token_out", Value: coinJSON(e.TokenOut)},
	}}, nil
}

func coinJSON(c sdk.Coin) string {
	var b strings.Builder
	b.WriteString(`{"denom":`)
	b.WriteString(jsonString(c.Denom))
	b.WriteString(`,"amount":`)
	b.WriteString(jsonString(c.Amount.String()))
	b.WriteByte('}')
	return b.String()
}

// jsonString is s as a JSON string; a plain string needs no escaping.
func jsonString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			bz, _ := json.Marshal(s) // cannot fail for a string
			return string(bz)
		}
	}
	return `"` + s + `"`
}
