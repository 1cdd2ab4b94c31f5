package main

import (
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// loadMsg is the message of one load tx and what it takes from its sender
// (fees aside).
type loadMsg struct {
	Kind  string // kindSend or kindSwap
	Msg   sdk.Msg
	Spent sdk.Coins
}

// txsPerAccount splits total txs over n accounts: the first total%n get one more.
func txsPerAccount(total, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = total / n
		if i < total%n {
			out[i]++
		}
	}
	return out
}

// msgFor is account i's j-th load message. Sends go to the next account (a
// ring, so balances stay put and no new account is created); swaps alternate
// their direction so the pool stays balanced, and half the accounts start
// with the other direction.
func msgFor(c config, accs []*loadAccount, i, j int) loadMsg {
	from := accs[i].Addr
	kind := c.Kind
	swapIdx := j
	if kind == kindMixed {
		kind = kindSend
		if j%2 == 1 {
			kind = kindSwap
		}
		swapIdx = j / 2
	}
	if kind == kindSend {
		amt := sdk.NewCoins(sdk.NewInt64Coin(c.Denoms[0], c.SendAmount))
		to := accs[(i+1)%len(accs)].Addr
		return loadMsg{Kind: kindSend, Msg: banktypes.NewMsgSend(from, to, amt), Spent: amt}
	}
	in, out := c.Denoms[0], c.Denoms[1]
	if (i+swapIdx)%2 == 1 {
		in, out = out, in
	}
	tokenIn := sdk.NewInt64Coin(in, c.SwapAmount)
	return loadMsg{Kind: kindSwap, Msg: &smartpooltypes.MsgSwapExactAmountIn{
		Sender:            from.String(),
		Routes:            []smartpooltypes.SwapAmountInRoute{{PoolId: c.PoolID, TokenOutDenom: out}},
		TokenIn:           tokenIn,
		TokenOutMinAmount: sdkmath.OneInt(),
	}, Spent: sdk.NewCoins(tokenIn)}
}

// fundingNeed is what account i spends over its n load txs, fees included:
// an upper bound (it ignores what sends and swaps bring back).
func fundingNeed(c config, accs []*loadAccount, i, n int) sdk.Coins {
	need := sdk.NewCoins()
	for j := 0; j < n; j++ {
		need = need.Add(msgFor(c, accs, i, j).Spent...).Add(c.Fees...)
	}
	return need
}
