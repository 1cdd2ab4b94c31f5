package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/poold/poold/x/smartpool/types"
)

// BenchmarkMsgExecution times message execution on the real app, with the
// bank send every chain has as the yardstick, and reports the gas each
// message consumes (gas/op). The ante handler (signatures, fees) is the same
// for every tx and is left out, so the ratios here are the worst case for a
// whole tx. Run: go test -run '^$' -bench MsgExecution -benchmem ./x/smartpool/keeper/
func BenchmarkMsgExecution(b *testing.B) {
	fx := newFixture(b)
	id := fx.createPool(b)
	bank := bankkeeper.NewMsgServerImpl(fx.app.BankKeeper)
	const amount = 10_000
	coin := func(denom string) sdk.Coin { return sdk.NewInt64Coin(denom, amount) }
	// Each case alternates direction so state stays near where it began.
	cases := []struct {
		name string
		run  func(i int) error
	}{
		{"bank-send", func(i int) error {
			from, to := fx.alice, fx.bob
			if i%2 == 1 {
				from, to = to, from
			}
			_, err := bank.Send(fx.ctx, banktypes.NewMsgSend(from, to, sdk.NewCoins(coin("uatom"))))
			return err
		}},
		{"swap-exact-amount-in", func(i int) error {
			in, out := "uatom", "uusdc"
			if i%2 == 1 {
				in, out = out, in
			}
			_, err := fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.alice.String(),
				Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: out}}, TokenIn: coin(in), TokenOutMinAmount: sdkmath.OneInt()})
			return err
		}},
		{"swap-exact-amount-out", func(i int) error {
			in, out := "uatom", "uusdc"
			if i%2 == 1 {
				in, out = out, in
			}
			_, err := fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: fx.alice.String(),
				Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: in}}, TokenOut: coin(out), TokenInMaxAmount: sdkmath.NewInt(funds)})
			return err
		}},
		{"join-swap-extern-amount-in", func(i int) error {
			_, err := fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: fx.alice.String(), PoolId: id,
				TokenIn: coin("uatom"), ShareOutMinAmount: sdkmath.OneInt()})
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var gas storetypes.Gas
			base := fx.ctx
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				fx.ctx = base.WithGasMeter(storetypes.NewInfiniteGasMeter())
				if err := c.run(i); err != nil {
					b.Fatal(err)
				}
				gas += fx.ctx.GasMeter().GasConsumed()
			}
			fx.ctx = base
			b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
		})
	}
}
