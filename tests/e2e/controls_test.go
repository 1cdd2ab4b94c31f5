package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// TestControlsEndToEnd drives a smart pool's controls on a real node through
// the CLI: a liquidity bootstrapping pool whose weights move block by block,
// a controller fee change queued and then cancelled, a pause that stops swaps
// but not exits, and a resume that waits for the time-lock.
func TestControlsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	n := startNode(t, "8s")
	alice := n.address("alice")

	poolFile := filepath.Join(t.TempDir(), "lbp.json")
	require.NoError(t, os.WriteFile(poolFile, []byte(`{
  "assets": [
    {"denom": "uatom", "amount": "100000000", "weight": "90"},
    {"denom": "uusdc", "amount": "100000000", "weight": "10"}
  ],
  "swap_fee": "0.003",
  "controller": "`+alice+`",
  "rights": {"pause_swaps": true, "change_swap_fee": true, "change_weights": true},
  "timelock": "10s",
  "weight_schedule": {"duration": "2m", "target_weights": ["10", "90"]}
}`), 0o600))
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile)

	type poolView struct {
		Pool struct {
			SwapFee     string `json:"swap_fee"`
			SwapsPaused bool   `json:"swaps_paused"`
			Controller  string `json:"controller"`
		} `json:"pool"`
		CurrentNormalizedWeights []string `json:"current_normalized_weights"`
	}
	atomWeight := func() sdkmath.LegacyDec {
		var v poolView
		n.queryJSON(&v, "query", "smartpool", "pool", "1")
		require.Equal(t, alice, v.Pool.Controller)
		return sdkmath.LegacyMustNewDecFromStr(v.CurrentNormalizedWeights[0])
	}
	first := atomWeight()
	require.True(t, first.LTE(sdkmath.LegacyMustNewDecFromStr("0.9")) && first.GT(sdkmath.LegacyMustNewDecFromStr("0.7")), "weight %s", first)
	n.waitForHeight(n.height()+4, 30*time.Second)
	second := atomWeight()
	require.True(t, second.LT(first), "the schedule moves the weight down: %s then %s", first, second)

	// A fee change is queued, visible, then cancelled before it applies.
	n.txOK("alice", "tx", "smartpool", "set-swap-fee", "1", "0.01")
	var pending struct {
		Changes []struct {
			ID      string `json:"id"`
			DueTime string `json:"due_time"`
		} `json:"changes"`
	}
	n.queryJSON(&pending, "query", "smartpool", "pool-pending-changes", "1")
	require.Len(t, pending.Changes, 1)
	var all struct {
		Changes []struct {
			ID string `json:"id"`
		} `json:"changes"`
	}
	n.rest("/poold/smartpool/v1/pending_changes", &all)
	require.Len(t, all.Changes, 1)
	n.txOK("alice", "tx", "smartpool", "cancel-change", pending.Changes[0].ID)
	n.queryJSON(&pending, "query", "smartpool", "pool-pending-changes", "1")
	require.Empty(t, pending.Changes)

	// Pause: swaps stop at once, proportional exits stay open.
	n.txOK("alice", "tx", "smartpool", "pause-swaps", "1")
	failed := n.txBadInBlock("alice", "tx", "smartpool", "swap-exact-amount-in", "1000uatom", "1",
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	require.NotZero(t, failed.Code)
	require.Contains(t, failed.RawLog, "paused")
	n.txOK("alice", "tx", "smartpool", "exit-pool", "1", "1000000000000000000")

	// Resume waits for the 10 s time-lock, then swaps work again; a node
	// restart in between changes nothing about when it applies.
	res := n.txOK("alice", "tx", "smartpool", "resume-swaps", "1")
	require.NotEmpty(t, res.TxHash)
	var v poolView
	n.queryJSON(&v, "query", "smartpool", "pool", "1")
	require.True(t, v.Pool.SwapsPaused, "resuming is time-locked")
	var queued struct {
		Changes []struct {
			DueTime string `json:"due_time"`
		} `json:"changes"`
	}
	n.queryJSON(&queued, "query", "smartpool", "pool-pending-changes", "1")
	require.Len(t, queued.Changes, 1)
	n.restart()
	var after struct {
		Changes []struct {
			DueTime string `json:"due_time"`
		} `json:"changes"`
	}
	n.queryJSON(&after, "query", "smartpool", "pool-pending-changes", "1")
	if len(after.Changes) == 1 { // still pending: due at the same time as before the restart
		require.Equal(t, queued.Changes[0].DueTime, after.Changes[0].DueTime)
	}
	deadline := time.Now().Add(40 * time.Second)
	for v.Pool.SwapsPaused {
		require.True(t, time.Now().Before(deadline), "not resumed after the time-lock")
		time.Sleep(time.Second)
		v = poolView{} // absent fields (false) must not keep old values
		n.queryJSON(&v, "query", "smartpool", "pool", "1")
	}
	n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "1000uatom", "1",
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	require.Equal(t, "0.003000000000000000", v.Pool.SwapFee, "the cancelled fee change never applied")
}
