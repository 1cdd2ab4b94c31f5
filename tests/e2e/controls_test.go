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
  "timelock": "25s",
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

	// Resume waits for the 25 s time-lock, then swaps work again; a node
	// restart in between changes nothing about when it applies.
	n.txOK("alice", "tx", "smartpool", "resume-swaps", "1")
	type pendingView struct {
		Changes []struct {
			ID      string `json:"id"`
			DueTime string `json:"due_time"`
		} `json:"changes"`
	}
	var queued pendingView
	n.queryJSON(&queued, "query", "smartpool", "pool-pending-changes", "1")
	require.Len(t, queued.Changes, 1)
	due, err := time.Parse(time.RFC3339Nano, queued.Changes[0].DueTime)
	require.NoError(t, err)
	n.restart()
	var afterRestart pendingView
	n.queryJSON(&afterRestart, "query", "smartpool", "pool-pending-changes", "1")
	require.Equal(t, queued, afterRestart, "the queued resume survives the restart unchanged")
	var v poolView
	n.queryJSON(&v, "query", "smartpool", "pool", "1")
	require.True(t, v.Pool.SwapsPaused, "resuming is time-locked")
	deadline := time.Now().Add(60 * time.Second)
	for v.Pool.SwapsPaused {
		require.True(t, time.Now().Before(deadline), "not resumed after the time-lock")
		time.Sleep(time.Second)
		v = poolView{} // absent fields (false) must not keep old values
		n.queryJSON(&v, "query", "smartpool", "pool", "1")
	}
	require.False(t, time.Now().Before(due.Add(-2*time.Second)), "resumed before its due time %s", due)
	n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "1000uatom", "1",
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	require.Equal(t, "0.003000000000000000", v.Pool.SwapFee, "the cancelled fee change never applied")
}

// TestControlCommandsEndToEnd sends every other controller command through
// the CLI on a real node and checks what each one did.
func TestControlCommandsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	n := startNode(t, "8s")
	alice, bob := n.address("alice"), n.address("bob")
	poolFile := filepath.Join(t.TempDir(), "smart.json")
	require.NoError(t, os.WriteFile(poolFile, []byte(`{
  "assets": [
    {"denom": "uatom", "amount": "100000000", "weight": "49"},
    {"denom": "uusdc", "amount": "100000000", "weight": "49"}
  ],
  "swap_fee": "0.003",
  "controller": "`+alice+`",
  "rights": {"pause_swaps": true, "change_swap_fee": true, "change_weights": true, "add_remove_assets": true,
             "manage_allow_list": true, "change_share_cap": true},
  "timelock": "10s"
}`), 0o600))
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile)

	n.txOK("alice", "tx", "smartpool", "set-share-cap", "1", "200000000000000000000")
	n.txOK("alice", "tx", "smartpool", "edit-allow-list", "1", `{"enable":true,"add":["`+alice+`"]}`)
	n.txOK("alice", "tx", "smartpool", "add-asset", "1", "2000000ueth", "2")
	n.txOK("alice", "tx", "smartpool", "renounce-rights", "1", `{"change_swap_fee":true}`)
	n.txOK("alice", "tx", "smartpool", "transfer-control", "1", bob) // queued last: applies after the others
	var all struct {
		Changes []struct {
			ID string `json:"id"`
		} `json:"changes"`
	}
	n.queryJSON(&all, "query", "smartpool", "pending-changes")
	require.Len(t, all.Changes, 4)

	type poolView struct {
		Pool struct {
			Controller string `json:"controller"`
			ShareCap   string `json:"share_cap"`
			Rights     struct {
				ChangeSwapFee bool `json:"change_swap_fee"`
				ChangeWeights bool `json:"change_weights"`
			} `json:"rights"`
			Assets []struct {
				Denom string `json:"denom"`
			} `json:"assets"`
		} `json:"pool"`
	}
	var v poolView
	n.queryJSON(&v, "query", "smartpool", "pool", "1")
	require.False(t, v.Pool.Rights.ChangeSwapFee, "rights are given up at once")
	require.True(t, v.Pool.Rights.ChangeWeights)
	deadline := time.Now().Add(60 * time.Second)
	for v.Pool.Controller != bob {
		require.True(t, time.Now().Before(deadline), "changes not applied after the time-lock")
		time.Sleep(time.Second)
		v = poolView{}
		n.queryJSON(&v, "query", "smartpool", "pool", "1")
	}
	require.Equal(t, "200000000000000000000", v.Pool.ShareCap)
	require.Len(t, v.Pool.Assets, 3)
	var list struct {
		Enabled   bool     `json:"enabled"`
		Addresses []string `json:"addresses"`
	}
	n.queryJSON(&list, "query", "smartpool", "allow-list", "1")
	require.True(t, list.Enabled)
	require.Equal(t, []string{alice}, list.Addresses)

	// The new controller queues a schedule from a JSON argument; the old one can do nothing.
	start := time.Now().UTC().Add(time.Minute).Format(time.RFC3339)
	end := time.Now().UTC().Add(time.Hour).Format(time.RFC3339)
	failed := n.txBadInBlock("alice", "tx", "smartpool", "set-share-cap", "1", "0")
	require.NotZero(t, failed.Code)
	n.txOK("bob", "tx", "smartpool", "schedule-weights", "1",
		`{"start_time":"`+start+`","end_time":"`+end+`","target_weights":["40","2","58"]}`)
	n.queryJSON(&all, "query", "smartpool", "pool-pending-changes", "1")
	require.Len(t, all.Changes, 1)
}
