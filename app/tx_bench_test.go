package app_test

import (
	"math/rand"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/poold/poold/app"
	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// txsPerBlock amortizes the per-block work (mint, distribution) equally over
// every kind of tx.
const txsPerBlock = 50

// BenchmarkDeliverTx times whole signed transactions through FinalizeBlock
// and Commit — decoding, ante handler (signature, fee, sequence), message,
// events — for a bank send and for pool swaps on the same chain. It reports
// ns/tx and gas/tx; the goal is a swap within 1.3× a bank send.
// Run: go test -run '^$' -bench DeliverTx ./app/
func BenchmarkDeliverTx(b *testing.B) {
	kinds := []struct {
		name string
		msg  func(sender sdk.AccAddress, poolID uint64, i int) sdk.Msg
	}{
		{"bank-send", func(sender sdk.AccAddress, _ uint64, _ int) sdk.Msg {
			return banktypes.NewMsgSend(sender, sdk.AccAddress("recipient___________"), sdk.NewCoins(sdk.NewInt64Coin("uatom", 10_000)))
		}},
		{"swap-exact-amount-in", func(sender sdk.AccAddress, poolID uint64, i int) sdk.Msg {
			in, out := swapDirection(i)
			return &types.MsgSwapExactAmountIn{Sender: sender.String(), Routes: []types.SwapAmountInRoute{{PoolId: poolID, TokenOutDenom: out}},
				TokenIn: sdk.NewInt64Coin(in, 10_000), TokenOutMinAmount: sdkmath.OneInt()}
		}},
		{"swap-exact-amount-in-80-20-pool", func(sender sdk.AccAddress, poolID uint64, i int) sdk.Msg {
			in, out := swapDirection(i)
			return &types.MsgSwapExactAmountIn{Sender: sender.String(), Routes: []types.SwapAmountInRoute{{PoolId: poolID + 1, TokenOutDenom: out}},
				TokenIn: sdk.NewInt64Coin(in, 10_000), TokenOutMinAmount: sdkmath.OneInt()}
		}},
		{"swap-exact-amount-out", func(sender sdk.AccAddress, poolID uint64, i int) sdk.Msg {
			in, out := swapDirection(i)
			return &types.MsgSwapExactAmountOut{Sender: sender.String(), Routes: []types.SwapAmountOutRoute{{PoolId: poolID, TokenInDenom: in}},
				TokenOut: sdk.NewInt64Coin(out, 10_000), TokenInMaxAmount: sdkmath.NewInt(1_000_000)}
		}},
	}
	for _, kind := range kinds {
		b.Run(kind.name, func(b *testing.B) {
			chain := newBenchChain(b)
			rng := rand.New(rand.NewSource(1))
			var gas int64
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				b.StopTimer()
				txs := make([][]byte, txsPerBlock)
				for i := range txs {
					txs[i] = chain.signedTx(b, rng, kind.msg(chain.sender, chain.poolID, n*txsPerBlock+i))
				}
				b.StartTimer()
				res := chain.block(b, txs)
				for _, r := range res.TxResults {
					if r.Code != 0 {
						b.Fatalf("tx failed: %s", r.Log)
					}
					gas += r.GasUsed
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*txsPerBlock), "ns/tx")
			b.ReportMetric(float64(gas)/float64(b.N*txsPerBlock), "gas/tx")
		})
	}
}

func swapDirection(i int) (string, string) {
	if i%2 == 0 {
		return "uatom", "uusdc"
	}
	return "uusdc", "uatom"
}

type benchChain struct {
	app    *app.App
	height int64
	now    time.Time
	key    *secp256k1.PrivKey
	sender sdk.AccAddress
	accNum uint64
	seq    uint64
	poolID uint64
}

// newBenchChain commits a block holding a funded sender with a real key, a
// 50/50 uatom/uusdc pool and next to it an 80/20 one.
func newBenchChain(b testing.TB) *benchChain {
	a, ctx := testutil.Setup(b)
	key := secp256k1.GenPrivKey()
	sender := sdk.AccAddress(key.PubKey().Address())
	funds := sdk.NewCoins()
	for _, d := range testutil.TestDenoms {
		funds = funds.Add(sdk.NewInt64Coin(d, 1_000_000_000_000))
	}
	testutil.Fund(b, a, ctx, sender, funds)
	res, err := keeper.NewMsgServerImpl(a.SmartPoolKeeper).CreatePool(ctx, &types.MsgCreatePool{
		Sender: sender.String(),
		Assets: []types.PoolAsset{
			{Denom: "uatom", Balance: sdkmath.NewInt(10_000_000_000), Weight: sdkmath.NewInt(50)},
			{Denom: "uusdc", Balance: sdkmath.NewInt(10_000_000_000), Weight: sdkmath.NewInt(50)},
		},
		SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3),
	})
	require.NoError(b, err)
	_, err = keeper.NewMsgServerImpl(a.SmartPoolKeeper).CreatePool(ctx, &types.MsgCreatePool{
		Sender: sender.String(),
		Assets: []types.PoolAsset{
			{Denom: "uatom", Balance: sdkmath.NewInt(10_000_000_000), Weight: sdkmath.NewInt(80)},
			{Denom: "uusdc", Balance: sdkmath.NewInt(10_000_000_000), Weight: sdkmath.NewInt(20)},
		},
		SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3),
	})
	require.NoError(b, err)
	c := &benchChain{app: a, height: 2, now: ctx.BlockTime(), key: key, sender: sender, poolID: res.PoolId,
		accNum: a.AccountKeeper.GetAccount(ctx, sender).GetAccountNumber()}
	c.block(b, nil)
	return c
}

func (c *benchChain) signedTx(b testing.TB, rng *rand.Rand, msg sdk.Msg) []byte {
	return c.signedTxWithFee(b, rng, msg, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 2_000)))
}

// signedTxWithFee is the sender's next transaction of msg, paying fee.
func (c *benchChain) signedTxWithFee(b testing.TB, rng *rand.Rand, msg sdk.Msg, fee sdk.Coins) []byte {
	tx, err := simtestutil.GenSignedMockTx(rng, c.app.TxConfig(), []sdk.Msg{msg}, fee,
		300_000, testutil.ChainID, []uint64{c.accNum}, []uint64{c.seq}, c.key)
	require.NoError(b, err)
	c.seq++
	bz, err := c.app.TxConfig().TxEncoder()(tx)
	require.NoError(b, err)
	return bz
}

func (c *benchChain) block(b testing.TB, txs [][]byte) *abci.ResponseFinalizeBlock {
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: c.height, Time: c.now, Txs: txs})
	require.NoError(b, err)
	_, err = c.app.Commit()
	require.NoError(b, err)
	c.height++
	c.now = c.now.Add(time.Second)
	return res
}
