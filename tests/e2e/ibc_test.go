package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIBCWalkthrough starts `scripts/localnet-ibc.sh up` — two real poold
// processes (poolnet-1, hubnet-1) and the Go relayer between them, built from
// the module proxy — in a temporary HOME, runs docs/ibc.md's walkthrough
// exactly as printed, and checks what it promises: the voucher's trace, the
// swap's proceeds arriving home in full, every voucher backed by escrow, and
// every transaction it sent succeeding on its chain.
func TestIBCWalkthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two real nodes and a relayer")
	}
	root := localnetPrelude(t, "localnet-ibc", 26656, 26657, 26660, 26661, 1317, 9090, 36656, 36657, 36660, 36661, 11317, 19090)

	home := t.TempDir()
	env := filterEnv(append(os.Environ(), "HOME="+home), "LOCALNET_HOME", "LOCALNET_IBC_HOME", "POOLD", "RLY", "RELAYER_MNEMONIC")
	base := filepath.Join(home, ".poold-ibc")
	script := func(ctx context.Context, arg string) *exec.Cmd {
		c := exec.CommandContext(ctx, filepath.Join(root, "scripts", "localnet-ibc.sh"), arg)
		c.Dir, c.Env = root, env
		return c
	}
	// Up includes building rly (a few minutes on a cold module cache) and
	// linking the chains (about 40 s).
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := script(ctx, "up").CombinedOutput()
	t.Cleanup(func() {
		if t.Failed() {
			for _, log := range []string{"relayer/rly.log", "relayer/link.log", "poolnet/poold.log", "hubnet/poold.log"} {
				t.Logf("%s tail:\n%s", log, tail(filepath.Join(base, log), 25))
			}
		}
		out, err := script(context.Background(), "down").CombinedOutput()
		if err != nil {
			t.Errorf("localnet-ibc down: %v\n%s", err, out)
		}
	})
	require.NoError(t, err, string(out))
	require.Contains(t, string(out), "channel-0 <-> channel-0", "the script reports the channel it opened")
	t.Logf("localnet-ibc up in %s", time.Since(start).Round(time.Second))

	walk := exec.Command("bash", "-e", "-o", "pipefail", "-c", walkthrough(t, filepath.Join(root, "docs", "ibc.md")))
	walk.Dir, walk.Env = root, env
	res, err := walk.CombinedOutput()
	text := string(res)
	require.NoError(t, err, "walkthrough of docs/ibc.md failed:\n%s", text)

	for _, want := range []string{"origin: DENOM_ORIGIN_IBC", "base_denom: uatom", "path: transfer/channel-0", `"path": "transfer/channel-0"`,
		`"origin":"DENOM_ORIGIN_IBC","base_denom":"uatom","path":"transfer/channel-0"`} {
		require.Contains(t, text, want)
	}
	home1 := regexp.MustCompile(`alice on hubnet: (\d+) -> (\d+) uatom \(\+(\d+), bought (\d+)\)`).FindStringSubmatch(text)
	require.NotNil(t, home1, "no result line:\n%s", text)
	require.Equal(t, home1[3], home1[4], "what alice bought on poolnet arrived in full on hubnet")
	require.NotEqual(t, "0", home1[4], "the swap bought something")
	books := regexp.MustCompile(`vouchers on poolnet \(bob's and the pool's\): (\d+); uatom in hubnet's escrow: (\d+)`).FindStringSubmatch(text)
	require.NotNil(t, books, "no books line:\n%s", text)
	require.Equal(t, books[1], books[2], "every voucher is backed by escrow")

	hashes := regexp.MustCompile(`"txhash":"([0-9A-F]{64})"`).FindAllStringSubmatch(text, -1)
	require.Len(t, hashes, 4, "two transfers, a pool and a swap")
	bin := filepath.Join(root, "build", "poold")
	for _, h := range hashes {
		found := false
		for _, chain := range []string{"poolnet", "hubnet"} {
			q := exec.Command(bin, "query", "tx", h[1], "--home", filepath.Join(base, chain), "-o", "json")
			q.Env = env
			res, err := q.Output()
			if err != nil {
				continue
			}
			var tx struct {
				Code   int    `json:"code"`
				RawLog string `json:"raw_log"`
			}
			require.NoError(t, json.Unmarshal(res, &tx))
			require.Zero(t, tx.Code, "tx %s on %s failed: %s", h[1], chain, tx.RawLog)
			found = true
		}
		require.True(t, found, "tx %s is on neither chain", h[1])
	}
	t.Logf("walkthrough: %d transactions succeeded; alice's %s uatom came home; %s vouchers backed by %s in escrow",
		len(hashes), home1[4], books[1], books[2])
}

// tail returns the last n lines of a file (or why it could not be read).
func tail(path string, n int) string {
	bz, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(bz), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
