package app_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/poold/poold/x/smartpool/types"
)

// gasBudget is the gas each kind of signed transaction uses in
// TestTxGasBudget's fixed history (a 2000upool fee, the sender's key already
// on chain). Gas is deterministic, so a change that makes a message dearer
// fails the test; one that makes it cheaper fails it too until the budget
// here is lowered, so the table always states today's cost. Update it with
// the figures the test logs, and docs/performance.md's gas table with them.
var gasBudget = map[string]int64{
	"bank-send":                     67_986,  // 1.00× a bank send
	"swap-exact-amount-in":          95_883,  // 1.41× a bank send
	"swap-exact-amount-in-80-20":    95_919,  // 1.41× a bank send
	"swap-exact-amount-out":         96_022,  // 1.41× a bank send
	"join-pool":                     122_350, // 1.80× a bank send
	"join-pool-exact-amounts-in":    123_848, // 1.82× a bank send
	"join-swap-extern-amount-in":    109_486, // 1.61× a bank send
	"exit-pool":                     123_114, // 1.81× a bank send
	"exit-swap-share-amount-in":     110_702, // 1.63× a bank send
	"create-pool-two-assets":        157_749, // 2.32× a bank send
	"swap-exact-amount-in-two-hops": 107_942, // 1.59× a bank send
}

// TestTxGasBudget delivers every kind of pool transaction, and a bank send
// beside them, as signed transactions through FinalizeBlock on the real app
// (the harness of BenchmarkDeliverTx), each twice in a row so the second
// pays no one-off cost, and holds the second one's gas to gasBudget.
func TestTxGasBudget(t *testing.T) {
	chain := newBenchChain(t)
	id, id8020 := chain.poolID, chain.poolID+1
	sender := chain.sender.String()
	share := sdkmath.NewIntWithDecimal(1, 18) // 1 share of a pool with 100
	coin := func(denom string, amount int64) sdk.Coin { return sdk.NewInt64Coin(denom, amount) }
	kinds := []struct {
		name string
		msg  func(i int) sdk.Msg
	}{
		{"bank-send", func(int) sdk.Msg {
			return banktypes.NewMsgSend(chain.sender, sdk.AccAddress("recipient___________"), sdk.NewCoins(coin("uatom", 10_000)))
		}},
		{"swap-exact-amount-in", func(i int) sdk.Msg {
			in, out := swapDirection(i)
			return &types.MsgSwapExactAmountIn{Sender: sender, Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: out}},
				TokenIn: coin(in, 10_000), TokenOutMinAmount: sdkmath.OneInt()}
		}},
		{"swap-exact-amount-in-80-20", func(i int) sdk.Msg {
			in, out := swapDirection(i)
			return &types.MsgSwapExactAmountIn{Sender: sender, Routes: []types.SwapAmountInRoute{{PoolId: id8020, TokenOutDenom: out}},
				TokenIn: coin(in, 10_000), TokenOutMinAmount: sdkmath.OneInt()}
		}},
		{"swap-exact-amount-out", func(i int) sdk.Msg {
			in, out := swapDirection(i)
			return &types.MsgSwapExactAmountOut{Sender: sender, Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: in}},
				TokenOut: coin(out, 10_000), TokenInMaxAmount: sdkmath.NewInt(1_000_000)}
		}},
		{"join-pool", func(int) sdk.Msg {
			return &types.MsgJoinPool{Sender: sender, PoolId: id, ShareOutAmount: share,
				TokenInMaxs: sdk.NewCoins(coin("uatom", 200_000_000), coin("uusdc", 200_000_000))}
		}},
		{"join-pool-exact-amounts-in", func(int) sdk.Msg {
			return &types.MsgJoinPoolExactAmountsIn{Sender: sender, PoolId: id,
				TokensIn: sdk.NewCoins(coin("uatom", 1_000_000), coin("uusdc", 700_000)), ShareOutMinAmount: sdkmath.OneInt()}
		}},
		{"join-swap-extern-amount-in", func(int) sdk.Msg {
			return &types.MsgJoinSwapExternAmountIn{Sender: sender, PoolId: id, TokenIn: coin("uatom", 1_000_000), ShareOutMinAmount: sdkmath.OneInt()}
		}},
		{"exit-pool", func(int) sdk.Msg {
			return &types.MsgExitPool{Sender: sender, PoolId: id, ShareInAmount: share, TokenOutMins: sdk.NewCoins()}
		}},
		{"exit-swap-share-amount-in", func(int) sdk.Msg {
			return &types.MsgExitSwapShareAmountIn{Sender: sender, PoolId: id, TokenOutDenom: "uusdc", ShareInAmount: share, TokenOutMinAmount: sdkmath.OneInt()}
		}},
		{"create-pool-two-assets", func(int) sdk.Msg {
			return &types.MsgCreatePool{Sender: sender, SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3), Assets: []types.PoolAsset{
				{Denom: "ueth", Balance: sdkmath.NewInt(1_000_000_000), Weight: sdkmath.NewInt(50)},
				{Denom: "uusdc", Balance: sdkmath.NewInt(1_000_000_000), Weight: sdkmath.NewInt(50)}}}
		}},
		{"swap-exact-amount-in-two-hops", func(int) sdk.Msg {
			return &types.MsgSwapExactAmountIn{Sender: sender, TokenIn: coin("uatom", 10_000), TokenOutMinAmount: sdkmath.OneInt(),
				Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}, {PoolId: id8020, TokenOutDenom: "uatom"}}}
		}},
	}
	measured := map[string]int64{}
	for _, kind := range kinds {
		var gas [2]int64
		for i := range gas {
			// The same seed for every tx: the mock signer's random memo has the same length.
			tx := chain.signedTx(t, rand.New(rand.NewSource(7)), kind.msg(i))
			res := chain.block(t, [][]byte{tx}).TxResults[0]
			require.Zero(t, res.Code, "%s: %s", kind.name, res.Log)
			gas[i] = res.GasUsed
		}
		measured[kind.name] = gas[1]
	}
	var table strings.Builder
	send := measured["bank-send"]
	for _, kind := range kinds {
		fmt.Fprintf(&table, "\t%q: %d, // %.2f× a bank send\n", kind.name, measured[kind.name], float64(measured[kind.name])/float64(send))
	}
	t.Logf("gas per tx (second of two):\n%s", table.String())
	for _, kind := range kinds {
		budget, ok := gasBudget[kind.name]
		require.True(t, ok, "no gas budget for %s", kind.name)
		require.LessOrEqual(t, measured[kind.name], budget, "%s uses more gas than its budget", kind.name)
		require.Equal(t, budget, measured[kind.name], "%s uses less gas than its budget: lower it in gasBudget", kind.name)
	}
	require.Len(t, gasBudget, len(kinds))
}
