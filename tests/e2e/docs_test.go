package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

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

// TestDocsWalkthroughs runs the README and governance walkthroughs exactly as
// printed, against `scripts/localnet.sh up` with its default ports and home
// (~/.poold under a temporary HOME), and checks that every transaction they
// sent succeeded.
func TestDocsWalkthroughs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	for _, port := range []int{26656, 26657, 1317, 9090, 26660, 26661} {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		require.NoError(t, err, "the walkthrough uses the localnet's default port %d, which is busy", port)
		l.Close()
	}
	root := repoRoot(t)
	build := exec.Command("go", "build", "-o", "build/poold", "./cmd/poold")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home)
	env = filterEnv(env, "LOCALNET_HOME", "POOLD")
	script := func(args ...string) *exec.Cmd {
		c := exec.Command(filepath.Join(root, "scripts", "localnet.sh"), args...)
		c.Dir, c.Env = root, env
		return c
	}
	out, err = script("up").CombinedOutput()
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
	for _, doc := range []string{"README.md", "docs/governance.md"} {
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
