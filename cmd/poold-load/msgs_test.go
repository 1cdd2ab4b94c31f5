package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

func testConfig(kind string) config {
	return config{Kind: kind, PoolID: 7, Denoms: []string{"uatom", "uusdc"}, SendAmount: 1000, SwapAmount: 10000,
		Fees: sdk.NewCoins(sdk.NewInt64Coin("upool", 2000))}
}

func TestTxsPerAccount(t *testing.T) {
	require.Equal(t, []int{4, 3, 3}, txsPerAccount(10, 3))
	require.Equal(t, []int{1, 1, 0, 0}, txsPerAccount(2, 4))
	counts := txsPerAccount(3001, 50)
	sum := 0
	for _, n := range counts {
		require.True(t, n == 60 || n == 61)
		sum += n
	}
	require.Equal(t, 3001, sum)
}

func TestMsgForSendIsARing(t *testing.T) {
	c := testConfig(kindSend)
	accs := deriveAccounts("t", 3)
	for i := range accs {
		m := msgFor(c, accs, i, 5)
		send, ok := m.Msg.(*banktypes.MsgSend)
		require.True(t, ok)
		require.Equal(t, kindSend, m.Kind)
		require.Equal(t, accs[i].Addr.String(), send.FromAddress)
		require.Equal(t, accs[(i+1)%3].Addr.String(), send.ToAddress)
		require.Equal(t, "1000uatom", send.Amount.String())
		require.Equal(t, send.Amount, m.Spent)
	}
}

func TestMsgForSwapAlternates(t *testing.T) {
	c := testConfig(kindSwap)
	accs := deriveAccounts("t", 2)
	dir := func(i, j int) string {
		m := msgFor(c, accs, i, j)
		swap, ok := m.Msg.(*smartpooltypes.MsgSwapExactAmountIn)
		require.True(t, ok)
		require.Equal(t, kindSwap, m.Kind)
		require.Equal(t, uint64(7), swap.Routes[0].PoolId)
		require.Equal(t, accs[i].Addr.String(), swap.Sender)
		require.Equal(t, int64(1), swap.TokenOutMinAmount.Int64())
		require.Equal(t, sdk.NewCoins(swap.TokenIn), m.Spent)
		return swap.TokenIn.Denom + ">" + swap.Routes[0].TokenOutDenom
	}
	require.Equal(t, "uatom>uusdc", dir(0, 0))
	require.Equal(t, "uusdc>uatom", dir(0, 1))
	require.Equal(t, "uatom>uusdc", dir(0, 2))
	require.Equal(t, "uusdc>uatom", dir(1, 0), "odd accounts start the other way")
}

func TestMsgForMixedAlternatesKinds(t *testing.T) {
	c := testConfig(kindMixed)
	accs := deriveAccounts("t", 2)
	var kinds []string
	for j := 0; j < 6; j++ {
		kinds = append(kinds, msgFor(c, accs, 0, j).Kind)
	}
	require.Equal(t, []string{"send", "swap", "send", "swap", "send", "swap"}, kinds)
	// The swaps among them still alternate direction.
	s1 := msgFor(c, accs, 0, 1).Msg.(*smartpooltypes.MsgSwapExactAmountIn)
	s3 := msgFor(c, accs, 0, 3).Msg.(*smartpooltypes.MsgSwapExactAmountIn)
	require.NotEqual(t, s1.TokenIn.Denom, s3.TokenIn.Denom)
}

func TestFundingNeedAndTopUp(t *testing.T) {
	accs := deriveAccounts("t", 2)
	// 4 mixed txs of account 0: two sends (2×1000uatom), a swap of
	// 10000uatom then one of 10000uusdc, and 4 fees of 2000upool.
	need := fundingNeed(testConfig(kindMixed), accs, 0, 4)
	require.Equal(t, "12000uatom,8000upool,10000uusdc", need.String())

	require.Nil(t, topUp(need, need), "holding the need: nothing")
	got := topUp(need, sdk.NewCoins(sdk.NewInt64Coin("uatom", 30000), sdk.NewInt64Coin("upool", 1)))
	require.Equal(t, "15999upool,20000uusdc", got.String(), "up to twice the need, denoms already there left alone")
}
