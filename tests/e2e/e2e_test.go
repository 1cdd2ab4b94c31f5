package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/poolmath"
)

type poolJSON struct {
	ID          string `json:"id"`
	ShareDenom  string `json:"share_denom"`
	TotalShares string `json:"total_shares"`
	SwapFee     string `json:"swap_fee"`
	Assets      []struct {
		Denom   string `json:"denom"`
		Balance string `json:"balance"`
		Weight  string `json:"weight"`
	} `json:"assets"`
}

func (p poolJSON) asset(t *testing.T, denom string) (balance, weight sdkmath.Int) {
	for _, a := range p.Assets {
		if a.Denom == denom {
			return mustInt(a.Balance), mustInt(a.Weight)
		}
	}
	t.Fatalf("pool has no %s", denom)
	return
}

func (p poolJSON) totalShares() sdkmath.Int { return mustInt(p.TotalShares) }
func (p poolJSON) fee() sdkmath.LegacyDec   { return sdkmath.LegacyMustNewDecFromStr(p.SwapFee) }

func (p poolJSON) totalWeight() sdkmath.Int {
	w := sdkmath.ZeroInt()
	for _, a := range p.Assets {
		w = w.Add(mustInt(a.Weight))
	}
	return w
}

func (n *node) pool(id int) poolJSON {
	var resp struct {
		Pool poolJSON `json:"pool"`
	}
	n.queryJSON(&resp, "query", "smartpool", "pool", fmt.Sprint(id))
	return resp.Pool
}

func (n *node) balance(addr, denom string) sdkmath.Int {
	var resp struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	n.queryJSON(&resp, "query", "bank", "balance", addr, denom)
	if resp.Balance.Amount == "" {
		return sdkmath.ZeroInt()
	}
	return mustInt(resp.Balance.Amount)
}

// checkModuleHoldsPools asserts the accounting invariant on the live chain:
// the module account holds exactly the pools' balances.
func (n *node) checkModuleHoldsPools(moduleAddr string, p poolJSON) {
	n.t.Helper()
	for _, a := range p.Assets {
		require.Equal(n.t, a.Balance, n.balance(moduleAddr, a.Denom).String(), "module account %s vs pool", a.Denom)
	}
}

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test starts a real node")
	}
	n := startNode(t, "8s")
	alice := n.address("alice")
	gas := map[string]string{}

	var modAcc struct {
		Account struct {
			Value struct {
				Address string `json:"address"`
			} `json:"value"`
		} `json:"account"`
	}
	n.queryJSON(&modAcc, "query", "auth", "module-account", "smartpool")
	moduleAddr := modAcc.Account.Value.Address
	require.True(t, strings.HasPrefix(moduleAddr, "pool1"), moduleAddr)

	// Create a 60/40 pool from a JSON file.
	poolFile := filepath.Join(t.TempDir(), "pool.json")
	require.NoError(t, os.WriteFile(poolFile, []byte(`{
  "assets": [
    {"denom": "uatom", "amount": "100000000", "weight": "60"},
    {"denom": "uusdc", "amount": "200000000", "weight": "40"}
  ],
  "swap_fee": "0.003"
}`), 0o600))
	upoolBefore := n.balance(alice, "upool")
	res := n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile)
	gas["MsgCreatePool"] = res.GasUsed
	p := n.pool(1)
	require.Equal(t, "smartpool/1", p.ShareDenom)
	require.Equal(t, "100000000000000000000", p.TotalShares)
	require.Equal(t, p.TotalShares, n.balance(alice, "smartpool/1").String())
	require.Equal(t, "1000000", upoolBefore.Sub(n.balance(alice, "upool")).String(), "pool creation fee")
	n.checkModuleHoldsPools(moduleAddr, p)

	// Spot price matches the math.
	var spot struct {
		SpotPrice string `json:"spot_price"`
	}
	n.queryJSON(&spot, "query", "smartpool", "spot-price", "1", "uatom", "uusdc")
	bA, wA := p.asset(t, "uatom")
	bU, wU := p.asset(t, "uusdc")
	want, err := poolmath.SpotPrice(bU, wU, bA, wA, sdkmath.LegacyZeroDec())
	require.NoError(t, err)
	require.Equal(t, want.String(), sdkmath.LegacyMustNewDecFromStr(spot.SpotPrice).String())

	// Swap exact in: estimate, then swap with the estimate as the minimum.
	var estIn struct {
		TokenOutAmount string `json:"token_out_amount"`
	}
	n.queryJSON(&estIn, "query", "smartpool", "estimate-swap-exact-amount-in", "1000000uatom",
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	wantOut, err := poolmath.CalcOutGivenIn(bA, wA, bU, wU, sdkmath.NewInt(1_000_000), p.fee())
	require.NoError(t, err)
	require.Equal(t, wantOut.String(), estIn.TokenOutAmount)
	usdcBefore := n.balance(alice, "uusdc")
	res = n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "1000000uatom", estIn.TokenOutAmount,
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	gas["MsgSwapExactAmountIn"] = res.GasUsed
	require.Equal(t, wantOut, n.balance(alice, "uusdc").Sub(usdcBefore))
	p = n.pool(1)
	require.Equal(t, bA.AddRaw(1_000_000).String(), mustBalance(t, p, "uatom"))
	require.Equal(t, bU.Sub(wantOut).String(), mustBalance(t, p, "uusdc"))
	n.checkModuleHoldsPools(moduleAddr, p)

	// A bank send on the same chain for comparison, now that alice's first tx
	// (which stores her public key) is behind her, as it is for her swaps.
	gas["bank MsgSend"] = n.txOK("alice", "tx", "bank", "send", "alice", n.address("bob"), "1000upool").GasUsed

	// A swap whose minimum is one more than possible fails and changes nothing.
	failed := n.txBadInBlock("alice", "tx", "smartpool", "swap-exact-amount-in", "1000000uatom", "999999999",
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	require.NotZero(t, failed.Code)
	require.Contains(t, failed.RawLog, "slippage")
	require.Equal(t, p, n.pool(1))

	// Swap exact out, the other way.
	bA, _ = p.asset(t, "uatom")
	bU, _ = p.asset(t, "uusdc")
	wantIn, err := poolmath.CalcInGivenOut(bU, wU, bA, wA, sdkmath.NewInt(500_000), p.fee())
	require.NoError(t, err)
	var estOut struct {
		TokenInAmount string `json:"token_in_amount"`
	}
	n.queryJSON(&estOut, "query", "smartpool", "estimate-swap-exact-amount-out", "500000uatom",
		"--route-pool-ids", "1", "--route-token-in-denoms", "uusdc")
	require.Equal(t, wantIn.String(), estOut.TokenInAmount)
	usdcBefore = n.balance(alice, "uusdc")
	res = n.txOK("alice", "tx", "smartpool", "swap-exact-amount-out", "500000uatom", wantIn.String(),
		"--route-pool-ids", "1", "--route-token-in-denoms", "uusdc")
	gas["MsgSwapExactAmountOut"] = res.GasUsed
	require.Equal(t, wantIn, usdcBefore.Sub(n.balance(alice, "uusdc")))
	p = n.pool(1)
	n.checkModuleHoldsPools(moduleAddr, p)

	// Proportional join of exactly 1 share.
	share := "1000000000000000000"
	wantTokens, err := poolmath.TokensInForSharesOut(
		[]sdkmath.Int{mustInt(mustBalance(t, p, "uatom")), mustInt(mustBalance(t, p, "uusdc"))}, p.totalShares(), mustInt(share))
	require.NoError(t, err)
	sharesBefore := n.balance(alice, "smartpool/1")
	atomBefore := n.balance(alice, "uatom")
	res = n.txOK("alice", "tx", "smartpool", "join-pool", "1", share, "10000000uatom", "10000000uusdc")
	gas["MsgJoinPool"] = res.GasUsed
	require.Equal(t, share, n.balance(alice, "smartpool/1").Sub(sharesBefore).String())
	require.Equal(t, wantTokens[0], atomBefore.Sub(n.balance(alice, "uatom")))
	p = n.pool(1)
	n.checkModuleHoldsPools(moduleAddr, p)

	// Single-asset join: estimate equals the math, and the tx mints it.
	bA, wA = p.asset(t, "uatom")
	wantShares, err := poolmath.CalcSharesOutGivenSingleIn(bA, wA, p.totalWeight(), p.totalShares(), sdkmath.NewInt(2_000_000), p.fee())
	require.NoError(t, err)
	var estJoin struct {
		ShareOutAmount string `json:"share_out_amount"`
	}
	n.queryJSON(&estJoin, "query", "smartpool", "estimate-join", "1", "--tokens-in", "2000000uatom")
	require.Equal(t, wantShares.String(), estJoin.ShareOutAmount)
	sharesBefore = n.balance(alice, "smartpool/1")
	res = n.txOK("alice", "tx", "smartpool", "join-swap-extern-amount-in", "1", "2000000uatom", wantShares.String())
	gas["MsgJoinSwapExternAmountIn"] = res.GasUsed
	require.Equal(t, wantShares, n.balance(alice, "smartpool/1").Sub(sharesBefore))
	p = n.pool(1)
	n.checkModuleHoldsPools(moduleAddr, p)

	// Join with any amounts of a subset (here both assets, not in proportion).
	wantShares, err = poolmath.CalcSharesOutGivenTokensIn(
		[]sdkmath.Int{mustInt(mustBalance(t, p, "uatom")), mustInt(mustBalance(t, p, "uusdc"))},
		[]sdkmath.Int{wA, wU}, p.totalShares(), []sdkmath.Int{sdkmath.NewInt(1_000_000), sdkmath.NewInt(5_000_000)}, p.fee())
	require.NoError(t, err)
	sharesBefore = n.balance(alice, "smartpool/1")
	res = n.txOK("alice", "tx", "smartpool", "join-pool-exact-amounts", "1", "1", "1000000uatom", "5000000uusdc")
	gas["MsgJoinPoolExactAmountsIn"] = res.GasUsed
	require.Equal(t, wantShares, n.balance(alice, "smartpool/1").Sub(sharesBefore))
	p = n.pool(1)
	n.checkModuleHoldsPools(moduleAddr, p)

	// Proportional exit of 1 share.
	wantOutTokens, err := poolmath.TokensOutForSharesIn(
		[]sdkmath.Int{mustInt(mustBalance(t, p, "uatom")), mustInt(mustBalance(t, p, "uusdc"))}, p.totalShares(), mustInt(share))
	require.NoError(t, err)
	var estExit struct {
		TokensOut []struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"tokens_out"`
	}
	n.queryJSON(&estExit, "query", "smartpool", "estimate-exit", "1", share)
	require.Len(t, estExit.TokensOut, 2)
	require.Equal(t, wantOutTokens[0].String(), estExit.TokensOut[0].Amount)
	atomBefore = n.balance(alice, "uatom")
	res = n.txOK("alice", "tx", "smartpool", "exit-pool", "1", share, "1uatom", "1uusdc")
	gas["MsgExitPool"] = res.GasUsed
	require.Equal(t, wantOutTokens[0], n.balance(alice, "uatom").Sub(atomBefore))
	p = n.pool(1)
	n.checkModuleHoldsPools(moduleAddr, p)

	// Single-asset exit of 1 share into uusdc.
	bU, wU = p.asset(t, "uusdc")
	wantSingle, err := poolmath.CalcSingleOutGivenSharesIn(bU, wU, p.totalWeight(), p.totalShares(), mustInt(share), p.fee())
	require.NoError(t, err)
	usdcBefore = n.balance(alice, "uusdc")
	res = n.txOK("alice", "tx", "smartpool", "exit-swap-share-amount-in", "1", "uusdc", share, wantSingle.String())
	gas["MsgExitSwapShareAmountIn"] = res.GasUsed
	require.Equal(t, wantSingle, n.balance(alice, "uusdc").Sub(usdcBefore))
	p = n.pool(1)
	n.checkModuleHoldsPools(moduleAddr, p)

	// The same pool over REST.
	var restPool struct {
		Pool poolJSON `json:"pool"`
	}
	n.rest("/poold/smartpool/v1/pools/1", &restPool)
	require.Equal(t, p, restPool.Pool)
	// Failing queries over REST: the HTTP status and gRPC code of each.
	n.checkRESTErrors(1)

	// Governance: a proposal from a JSON file changes max_swap_fee.
	var params struct {
		Params map[string]any `json:"params"`
	}
	n.queryJSON(&params, "query", "smartpool", "params")
	require.Equal(t, "0.100000000000000000", params.Params["max_swap_fee"])
	var govAcc struct {
		Account struct {
			Value struct {
				Address string `json:"address"`
			} `json:"value"`
		} `json:"account"`
	}
	n.queryJSON(&govAcc, "query", "auth", "module-account", "gov")
	params.Params["max_swap_fee"] = "0.050000000000000000"
	proposal := map[string]any{
		"messages": []any{map[string]any{
			"@type":     "/smartpool.v1.MsgUpdateParams",
			"authority": govAcc.Account.Value.Address,
			"params":    params.Params,
		}},
		"deposit": "10000000upool",
		"title":   "Lower the maximum swap fee",
		"summary": "Sets x/smartpool max_swap_fee to 5%.",
	}
	bz, err := json.Marshal(proposal)
	require.NoError(t, err)
	propFile := filepath.Join(t.TempDir(), "proposal.json")
	require.NoError(t, os.WriteFile(propFile, bz, 0o600))
	n.txOK("alice", "tx", "gov", "submit-proposal", propFile)
	n.txOK("validator", "tx", "gov", "vote", "1", "yes")
	var prop struct {
		Proposal struct {
			Status string `json:"status"`
		} `json:"proposal"`
	}
	deadline := time.Now().Add(60 * time.Second)
	for prop.Proposal.Status != "PROPOSAL_STATUS_PASSED" {
		require.True(t, time.Now().Before(deadline), "proposal not passed in 60 s: %s", prop.Proposal.Status)
		time.Sleep(time.Second)
		n.queryJSON(&prop, "query", "gov", "proposal", "1")
	}
	// Passed, but time-locked: pending for params_timelock (15 s on the localnet).
	var pending struct {
		Pending *struct {
			Params  map[string]any `json:"params"`
			DueTime string         `json:"due_time"`
		} `json:"pending"`
	}
	n.queryJSON(&pending, "query", "smartpool", "pending-params-change")
	require.NotNil(t, pending.Pending, "a passed params change waits for its time-lock")
	require.Equal(t, "0.050000000000000000", pending.Pending.Params["max_swap_fee"])
	n.queryJSON(&params, "query", "smartpool", "params")
	require.Equal(t, "0.100000000000000000", params.Params["max_swap_fee"], "applied before its time-lock")
	for params.Params["max_swap_fee"] != "0.050000000000000000" {
		require.True(t, time.Now().Before(deadline.Add(30*time.Second)), "params not changed after the time-lock")
		time.Sleep(time.Second)
		n.queryJSON(&params, "query", "smartpool", "params")
	}
	pending.Pending = nil // an absent field must not keep the old value
	n.queryJSON(&pending, "query", "smartpool", "pending-params-change")
	require.Nil(t, pending.Pending)

	for _, k := range []string{"bank MsgSend", "MsgCreatePool", "MsgSwapExactAmountIn", "MsgSwapExactAmountOut", "MsgJoinPool",
		"MsgJoinSwapExternAmountIn", "MsgJoinPoolExactAmountsIn", "MsgExitPool", "MsgExitSwapShareAmountIn"} {
		t.Logf("gas used %-28s %s", k, gas[k])
	}
}

func mustBalance(t *testing.T, p poolJSON, denom string) string {
	b, _ := p.asset(t, denom)
	return b.String()
}

func mustInt(s string) sdkmath.Int {
	v, ok := sdkmath.NewIntFromString(s)
	if !ok {
		panic("not an integer: " + s)
	}
	return v
}
