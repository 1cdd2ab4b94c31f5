package keeper

import (
	"math/rand"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// swapEvent builds exactly the event the SDK's typed-event route builds, for
// every kind of field value, and the event parses back to the same EventSwap.
func TestSwapEventMatchesTypedEvent(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	denoms := []string{"uatom", "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2", "smartpool/12", "factory/x/a-b.c:d_e"}
	senders := []string{"pool1v9kxjcm9ta047h6lta047h6lta047h6lr0gg7a", "", `odd "quoted" <&> \ sender`, "ünïcode"}
	amount := func() sdkmath.Int {
		switch rng.Intn(5) {
		case 0:
			return sdkmath.ZeroInt()
		case 1:
			return sdkmath.NewInt(rng.Int63())
		case 2:
			return sdkmath.NewInt(-rng.Int63())
		case 3:
			if rng.Intn(10) == 0 {
				return sdkmath.Int{} // unset
			}
		}
		return sdkmath.NewIntWithDecimal(rng.Int63n(1000)+1, 60)
	}
	coin := func() sdk.Coin { return sdk.Coin{Denom: denoms[rng.Intn(len(denoms))], Amount: amount()} }
	for i := 0; i < 500; i++ {
		e := &types.EventSwap{PoolId: rng.Uint64(), Sender: senders[rng.Intn(len(senders))], TokenIn: coin(), TokenOut: coin(),
			SwapFee: sdkmath.LegacyNewDecWithPrec(rng.Int63n(1_000_000), int64(rng.Intn(18))), Fee: coin(), ProtocolFee: coin()}
		if rng.Intn(50) == 0 {
			e.SwapFee = sdkmath.LegacyDec{} // unset
		}
		want, err := sdk.TypedEventToEvent(e)
		require.NoError(t, err)
		got, err := swapEvent(e)
		require.NoError(t, err)
		require.Equal(t, want, got)
		parsed, err := sdk.ParseTypedEvent(abci.Event(got))
		require.NoError(t, err)
		require.Equal(t, e.String(), parsed.String())
	}
}

func BenchmarkSwapEvent(b *testing.B) {
	e := &types.EventSwap{PoolId: 1, Sender: "pool1v9kxjcm9ta047h6lta047h6lta047h6lr0gg7a", TokenIn: sdk.NewInt64Coin("uatom", 10_000),
		TokenOut: sdk.NewInt64Coin("uusdc", 19_900), SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3),
		Fee: sdk.NewInt64Coin("uatom", 30), ProtocolFee: sdk.NewInt64Coin("uatom", 0)}
	b.Run("typed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _ = sdk.TypedEventToEvent(e)
		}
	})
	b.Run("direct", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _ = swapEvent(e)
		}
	})
}
