package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// docsEnv is the environment of the walkthroughs' localnet (its HOME).
var docsEnv []string

// walkthrough returns the shell commands between the walkthrough markers of a doc.
func walkthrough(t *testing.T, path string) string {
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	s := string(bz)
	start := strings.Index(s, "<!-- walkthrough:start -->")
	end := strings.Index(s, "<!-- walkthrough:end -->")
	require.True(t, start >= 0 && end > start, "no walkthrough markers in %s", path)
	block := s[start:end]
	block = block[strings.Index(block, "```bash")+len("```bash"):]
	return block[:strings.LastIndex(block, "```")]
}

// TestDocsWalkthroughs runs the README, governance, fees and curves walkthroughs exactly as
// printed, against `scripts/localnet.sh up` with its default ports and home
// (~/.poold under a temporary HOME), and checks that every transaction they
// sent succeeded.
func TestDocsWalkthroughs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	root := localnetPrelude(t, "the walkthrough", 26656, 26657, 1317, 9090, 26660, 26661)

	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home)
	env = filterEnv(env, "LOCALNET_HOME", "POOLD")
	docsEnv = env
	script := func(args ...string) *exec.Cmd {
		c := exec.Command(filepath.Join(root, "scripts", "localnet.sh"), args...)
		c.Dir, c.Env = root, env
		return c
	}
	out, err := script("up").CombinedOutput()
	require.NoError(t, err, string(out))
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(home, ".poold", "poold.log"))
			lines := strings.Split(string(log), "\n")
			if len(lines) > 30 {
				lines = lines[len(lines)-30:]
			}
			t.Logf("node log tail:\n%s", strings.Join(lines, "\n"))
		}
		out, err := script("down").CombinedOutput()
		if err != nil {
			t.Errorf("localnet down: %v\n%s", err, out)
		}
	})

	bin := filepath.Join(root, "build", "poold")
	for _, doc := range []string{"README.md", "docs/governance.md", "docs/fees.md", "docs/strategies.md"} {
		t.Run(doc, func(t *testing.T) {
			cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", walkthrough(t, filepath.Join(root, doc)))
			cmd.Dir, cmd.Env = root, env
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "walkthrough of %s failed:\n%s", doc, out)
			hashes := regexp.MustCompile(`"?txhash"?:\s*"?([0-9A-F]{64})`).FindAllStringSubmatch(string(out), -1)
			require.NotEmpty(t, hashes, "no transactions in %s", doc)
			for _, h := range hashes {
				q := exec.Command(bin, "query", "tx", h[1], "-o", "json")
				q.Env = env
				res, err := q.Output()
				require.NoError(t, err, "tx %s of %s not found", h[1], doc)
				var tx struct {
					Code   int    `json:"code"`
					RawLog string `json:"raw_log"`
				}
				require.NoError(t, json.Unmarshal(res, &tx))
				require.Zero(t, tx.Code, "a transaction of %s failed: %s", doc, tx.RawLog)
			}
			t.Logf("%s: %d transactions, all succeeded", doc, len(hashes))
			if doc == "docs/governance.md" {
				require.Contains(t, string(out), "refused while paused", "the paused pool refused a swap estimate")
				require.Contains(t, string(out), "PROPOSAL_STATUS_PASSED")
				require.Contains(t, string(out), "current_normalized_weights")
				require.Contains(t, string(out), "refused by the price band", "the band refused the estimate")
				require.Contains(t, string(out), "swap refused by the price band", "the band refused the swap")
				require.Contains(t, string(out), "circuit breaker: price would leave its band")
				require.Contains(t, string(out), "band_headroom")
			}
			if doc == "docs/fees.md" {
				checkFeesWalkthrough(t, string(out))
			}
			if doc == "docs/strategies.md" {
				m := regexp.MustCompile(`waypoints: (\d+)`).FindStringSubmatch(string(out))
				require.NotNil(t, m, "the exponential pool's waypoints were not counted")
				t.Logf("exponential pool: %s waypoint lines", m[1])
				require.NotEqual(t, "0", m[1])
				require.Contains(t, string(out), "current_normalized_weights")
				require.Contains(t, string(out), "half_life")
				checkStrategiesWalkthrough(t, string(out))
			}
		})
	}

	q := exec.Command(bin, "query", "smartpool", "params", "-o", "json")
	q.Env = env
	res, err := q.Output()
	require.NoError(t, err)
	var params struct {
		Params struct {
			MaxSwapFee string `json:"max_swap_fee"`
		} `json:"params"`
	}
	require.NoError(t, json.Unmarshal(res, &params), string(res))
	require.Equal(t, "0.050000000000000000", params.Params.MaxSwapFee, "the governance walkthrough changed the param")
}

// localnetPrelude requires the fixed ports a localnet script uses to be
// free, builds build/poold in the repository as the scripts expect, and
// returns the repository root.
func localnetPrelude(t *testing.T, who string, ports ...int) string {
	t.Helper()
	for _, port := range ports {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		require.NoError(t, err, "%s uses port %d, which is busy", who, port)
		l.Close()
	}
	root := repoRoot(t)
	build := exec.Command("go", "build", "-o", "build/poold", "./cmd/poold")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	return root
}

func filterEnv(env []string, drop ...string) []string {
	out := env[:0:0]
	for _, kv := range env {
		keep := true
		for _, d := range drop {
			if strings.HasPrefix(kv, d+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

// checkFeesWalkthrough checks, on the chain the fees walkthrough left, what
// its text promises: the volatility pool's fee rose with σ, the protocol fee
// reached the community pool, and the management fee was minted to bob. The
// routes' gains are the walkthrough's own minimums (its transactions all
// succeeded).
func checkFeesWalkthrough(t *testing.T, out string) {
	t.Helper()
	root := repoRoot(t)
	bin := filepath.Join(root, "build", "poold")
	query := func(v any, args ...string) {
		t.Helper()
		c := exec.Command(bin, append(append([]string{"query"}, args...), "-o", "json")...)
		c.Env = docsEnv
		res, err := c.Output()
		require.NoError(t, err, "query %v", args)
		require.NoError(t, json.Unmarshal(res, v), string(res))
	}
	var pools struct {
		Pools []struct {
			ID            string          `json:"id"`
			FeePolicy     json.RawMessage `json:"fee_policy"`
			ManagementFee *struct {
				Recipient string `json:"recipient"`
			} `json:"management_fee"`
		} `json:"pools"`
	}
	query(&pools, "smartpool", "pools")
	var volatile, managed string
	var recipient string
	for _, p := range pools.Pools {
		if len(p.FeePolicy) > 0 && string(p.FeePolicy) != "null" {
			volatile = p.ID
		}
		if p.ManagementFee != nil {
			managed, recipient = p.ID, p.ManagementFee.Recipient
		}
	}
	require.NotEmpty(t, volatile, "no pool with a fee policy")
	require.NotEmpty(t, managed, "no pool with a management fee")
	var fees struct {
		SwapFee string `json:"swap_fee"`
		Sigma   string `json:"sigma"`
		Apr     string `json:"apr"`
	}
	query(&fees, "smartpool", "fees", volatile)
	t.Logf("volatility pool %s: fee %s, sigma %s, apr %s", volatile, fees.SwapFee, fees.Sigma, fees.Apr)
	require.Greater(t, decFloat(t, fees.Sigma), 0.0, "the trading showed no volatility")
	require.Greater(t, decFloat(t, fees.SwapFee), 0.003, "the volatility fee did not rise")
	require.LessOrEqual(t, decFloat(t, fees.SwapFee), 0.03)
	require.Greater(t, decFloat(t, fees.Apr), 0.0)

	var protocol struct {
		ProtocolFeeShare string `json:"protocol_fee_share"`
		Paid             []struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"paid"`
	}
	query(&protocol, "smartpool", "protocol-fees")
	require.Equal(t, "0.200000000000000000", protocol.ProtocolFeeShare)
	require.NotEmpty(t, protocol.Paid, "no protocol fee reached the community pool")
	require.Contains(t, out, "protocol_fee_share")
	// REST answered each query with its JSON.
	require.Regexp(t, `"window_lp_fees":\s*\[\s*\{`, out, "REST fees")
	require.Regexp(t, `"paid":\s*\[\s*\{`, out, "REST protocol fees")
	require.Regexp(t, `"route_amounts":\s*\[\s*"[1-9]`, out, "REST split-route estimate")

	var balance struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	query(&balance, "bank", "balance", recipient, "smartpool/"+managed)
	require.NotEqual(t, "0", balance.Balance.Amount, "the management fee minted nothing")
	require.NotEmpty(t, balance.Balance.Amount)
}

// decFloat reads a decimal string for a coarse comparison in a test.
func decFloat(t *testing.T, s string) float64 {
	var f float64
	_, err := fmt.Sscan(s, &f)
	require.NoError(t, err, "decimal %q", s)
	return f
}

// checkStrategiesWalkthrough checks the strategy part of docs/strategies.md:
// a pool of every rule updated on TWAPs ("ok") and moved its weights, and
// the pause showed in pool-health.
func checkStrategiesWalkthrough(t *testing.T, out string) {
	for _, kind := range []string{"MOMENTUM", "ANTI_MOMENTUM", "POWER_CHANNEL", "MIN_VARIANCE", "FLOOR"} {
		m := regexp.MustCompile(`pool \d+: "kind": *"RULE_KIND_` + kind + `" "status": *"([^"]*)" updates (\d+)`).FindStringSubmatch(out)
		require.NotNil(t, m, "no status line for the %s pool", kind)
		require.Equal(t, "ok", m[1], "%s pool status", kind)
		t.Logf("%s pool: status %s after %s updates", kind, m[1], m[2])
	}
	uatomWeight := func(kind string) float64 {
		m := regexp.MustCompile(`"RULE_KIND_` + kind + `" [^\n]*\n[^\n]*current_normalized_weights[^\n]*\n\s*"([0-9.]+)"`).FindStringSubmatch(out)
		require.NotNil(t, m, "no weights for the %s pool", kind)
		w, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		return w
	}
	require.Greater(t, uatomWeight("MOMENTUM"), 0.5, "momentum moved weight to the asset that rose")
	require.Less(t, uatomWeight("ANTI_MOMENTUM"), 0.5, "anti-momentum moved weight away from it")
	require.Contains(t, out, "strategy_next_update")
	require.Regexp(t, `"strategy_status": *"paused"`, out)
}
