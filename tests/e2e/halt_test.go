package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIssue6AttackCannotHaltTheChain replays, on a real node from the CLI with
// one demo account's funds, the attack that halted the chain: tiny pools,
// pools of their shares, the attacked pool of those shares, proportional
// joins at each level and an add-asset change of weight 4·10^10 (and a
// removal on another pool with a giant join queued behind it). Pools of
// shares are refused now, the giant joins are refused at the share bound,
// both changes apply at their due height, and blocks keep coming.
func TestIssue6AttackCannotHaltTheChain(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	n := startNode(t, "8s")
	alice := n.address("alice")
	dir := t.TempDir()
	poolFile := func(name, body string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
		return path
	}

	// Tiny pools of native tokens: one base unit of each asset.
	tiny := `{"assets": [{"denom": "uatom", "amount": "1", "weight": "1000000000000"}, {"denom": "uusdc", "amount": "1", "weight": "1000000000000"}], "swap_fee": "0.003"}`
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile("tiny.json", tiny))
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile("tiny2.json", tiny))

	// A pool of their shares is refused: shares can never be pool assets.
	shares := `{"assets": [{"denom": "smartpool/1", "amount": "1", "weight": "50"}, {"denom": "smartpool/2", "amount": "1", "weight": "50"}], "swap_fee": "0.003"}`
	out, err := n.try("tx", "smartpool", "create-pool", "--pool-file", poolFile("shares.json", shares), "--from", "alice", "--yes", "--gas", "400000", "-o", "json")
	if err == nil {
		var res txResult
		require.NoError(t, json.Unmarshal(out, &res))
		require.NotZero(t, res.Code, "a pool of shares was accepted: %s", out)
		out = []byte(res.RawLog)
	}
	require.Contains(t, string(out), "shares cannot be pool assets")

	// The attacked pool: controlled, two 1-unit assets at raw weight 10^12,
	// the shortest time-lock the localnet allows.
	attacked := fmt.Sprintf(`{"assets": [{"denom": "uatom", "amount": "1", "weight": "1000000000000"}, {"denom": "uusdc", "amount": "1", "weight": "1000000000000"}],
  "swap_fee": "0.003", "controller": %q, "rights": {"add_remove_assets": true}, "timelock": "10s"}`, alice)
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile("attacked.json", attacked))
	n.txOK("alice", "tx", "smartpool", "add-asset", "3", "1ueth", "40000000000")

	// The proportional join that minted 3·10^66 shares is refused at the bound.
	_, err = n.try("tx", "smartpool", "join-pool", "3", "3"+strings.Repeat("0", 66), "--from", "alice", "--yes", "--gas", "auto", "-o", "json")
	require.Error(t, err, "a join past the share bound must be refused")

	// A removal on another controlled pool, then a giant join behind it.
	three := fmt.Sprintf(`{"assets": [{"denom": "uatom", "amount": "1", "weight": "490000000000"}, {"denom": "ueth", "amount": "1", "weight": "20000000000"}, {"denom": "uusdc", "amount": "1", "weight": "490000000000"}],
  "swap_fee": "0.003", "controller": %q, "rights": {"add_remove_assets": true}, "timelock": "10s"}`, alice)
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", poolFile("three.json", three))
	n.txOK("alice", "tx", "smartpool", "remove-asset", "4", "ueth")
	_, err = n.try("tx", "smartpool", "join-pool", "4", "1"+strings.Repeat("0", 67), "--from", "bob", "--yes", "--gas", "auto", "-o", "json")
	require.Error(t, err)

	// Both changes come due; the chain goes on and both applied.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if len(n.pool(3).Assets) == 3 && len(n.pool(4).Assets) == 2 {
			break
		}
		time.Sleep(time.Second)
	}
	require.Len(t, n.pool(3).Assets, 3, "the add-asset change applied")
	require.Len(t, n.pool(4).Assets, 2, "the removal applied")
	h := n.height()
	n.waitForHeight(h+5, 30*time.Second)

	// Bad input is refused, never rounded: 1.9uatom is not 1uatom, in the
	// CLI's own commands, the generated ones and REST.
	for _, args := range [][]string{
		{"query", "smartpool", "estimate-swap-exact-amount-in", "1.9uatom", "--route-pool-ids", "1", "--route-token-out-denoms", "uusdc"},
		{"query", "smartpool", "estimate-join", "1", "--tokens-in", "1.9uatom"},
		{"tx", "smartpool", "swap-exact-amount-in", "1.9uatom", "1", "--route-pool-ids", "1", "--route-token-out-denoms", "uusdc", "--from", "alice", "--yes", "--gas", "400000"},
		{"tx", "smartpool", "join-pool", "1", "100", "1.9uatom", "1.9uusdc", "--from", "alice", "--yes", "--gas", "400000"},
	} {
		out, err := n.try(args...)
		require.Error(t, err, "poold %s accepted a decimal amount: %s", strings.Join(args, " "), out)
	}
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/poold/smartpool/v1/estimate/swap_exact_amount_in?token_in=1.9uatom&route_pool_ids=1&route_token_out_denoms=uusdc", n.apiPort))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NotEqual(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(body), "fraction")

	logBytes, err := os.ReadFile(filepath.Join(n.home, "poold.log"))
	require.NoError(t, err)
	require.NotContains(t, string(logBytes), "CONSENSUS FAILURE")
}
