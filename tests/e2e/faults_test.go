//go:build faults

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fourValidators is scripts/localnet-4.sh's network in a temporary HOME.
type fourValidators struct {
	t     *testing.T
	root  string
	bin   string // the binary restart runs
	home  string // HOME of the scripts
	base  string // the nodes' homes: base/node<i>
	ports int    // STARTING_PORT
}

// buildBinary builds ./cmd/poold into root/out with the given build tags.
func buildBinary(t *testing.T, root, out string, tags ...string) string {
	args := []string{"build", "-o", out}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	build := exec.Command("go", append(args, "./cmd/poold")...)
	build.Dir = root
	bz, err := build.CombinedOutput()
	require.NoError(t, err, string(bz))
	return filepath.Join(root, out)
}

// startFourValidators runs `scripts/localnet-4.sh up` with bin in a temporary
// HOME on free ports; the test's cleanup stops every node by PID.
func startFourValidators(t *testing.T, bin string) *fourValidators {
	home := t.TempDir()
	f := &fourValidators{t: t, root: repoRoot(t), bin: bin, home: home, base: filepath.Join(home, ".poold-4"), ports: freePortBlock(t, 50)}
	out, err := f.script("up").CombinedOutput()
	t.Cleanup(func() {
		if t.Failed() {
			for i := 0; i < 4; i++ {
				t.Logf("node%d log tail:\n%s", i, tail(filepath.Join(f.base, fmt.Sprintf("node%d", i), "poold.log"), 15))
			}
		}
		if out, err := f.script("down").CombinedOutput(); err != nil {
			t.Errorf("localnet-4 down: %v\n%s", err, out)
		}
	})
	require.NoError(t, err, string(out))
	return f
}

// script is scripts/localnet-4.sh arg on this network.
func (f *fourValidators) script(arg string) *exec.Cmd {
	c := exec.Command(filepath.Join(f.root, "scripts", "localnet-4.sh"), arg)
	c.Dir = f.root
	c.Env = append(filterEnv(os.Environ(), "LOCALNET4_HOME", "POOLD", "STARTING_PORT", "CHAIN_ID"),
		"HOME="+f.home, "STARTING_PORT="+strconv.Itoa(f.ports), "POOLD="+f.bin)
	return c
}

// cli is the CLI on node i's home (its client.toml points at node i).
func (f *fourValidators) cli(i int) *node {
	return &node{t: f.t, root: f.root, bin: f.bin, home: filepath.Join(f.base, fmt.Sprintf("node%d", i))}
}

// writeFile writes a file under the test's HOME and returns its path.
func (f *fourValidators) writeFile(name, content string) string {
	path := filepath.Join(f.home, name)
	require.NoError(f.t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func (f *fourValidators) rpc(i int) string {
	return fmt.Sprintf("http://127.0.0.1:%d", f.ports+10*i+1)
}

// height is node i's latest height, or -1 if it does not answer.
func (f *fourValidators) height(i int) int64 {
	if h, ok := rpcHeight(f.rpc(i)); ok {
		return h
	}
	return -1
}

// appHash is the app hash in node i's header at height h.
func (f *fourValidators) appHash(i int, h int64) string {
	res, err := http.Get(fmt.Sprintf("%s/block?height=%d", f.rpc(i), h))
	require.NoError(f.t, err)
	defer res.Body.Close()
	var b struct {
		Result struct {
			Block struct {
				Header struct {
					AppHash string `json:"app_hash"`
				} `json:"header"`
			} `json:"block"`
		} `json:"result"`
	}
	require.NoError(f.t, json.NewDecoder(res.Body).Decode(&b))
	require.NotEmpty(f.t, b.Result.Block.Header.AppHash, "node%d has no block %d", i, h)
	return b.Result.Block.Header.AppHash
}

func (f *fourValidators) pid(i int) int {
	bz, err := os.ReadFile(filepath.Join(f.base, fmt.Sprintf("node%d", i), "node.pid"))
	require.NoError(f.t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(bz)))
	require.NoError(f.t, err)
	return pid
}

// kill sends SIGKILL to node i (by the PID the script recorded) and waits
// until it no longer answers.
func (f *fourValidators) kill(i int) {
	require.NoError(f.t, syscall.Kill(f.pid(i), syscall.SIGKILL))
	f.waitFor(fmt.Sprintf("node%d to stop answering", i), 20*time.Second, func() bool { return f.height(i) < 0 })
}

// restart starts node i again on its home and records its new PID.
func (f *fourValidators) restart(i int) {
	home := filepath.Join(f.base, fmt.Sprintf("node%d", i))
	log, err := os.OpenFile(filepath.Join(home, "poold.log"), os.O_APPEND|os.O_WRONLY, 0o644)
	require.NoError(f.t, err)
	cmd := exec.Command(f.bin, "start", "--home", home)
	cmd.Stdout, cmd.Stderr = log, log
	require.NoError(f.t, cmd.Start())
	go func() { _ = cmd.Wait(); log.Close() }()
	require.NoError(f.t, os.WriteFile(filepath.Join(home, "node.pid"), []byte(strconv.Itoa(cmd.Process.Pid)), 0o644))
}

// waitFor polls cond every 500 ms for at most limit.
func (f *fourValidators) waitFor(what string, limit time.Duration, cond func() bool) {
	f.t.Helper()
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(500 * time.Millisecond) {
		if cond() {
			return
		}
	}
	f.t.Fatalf("waited %s for %s", limit, what)
}

// TestFourValidatorFaults runs scripts/localnet-4.sh's four validators (a
// quarter of the stake each), with a pool and a swap in their state, and
// kills them with SIGKILL: with one down the chain goes on and the node
// catches up after a restart; with two down (half the stake) no block is
// made; with one of them back, blocks resume, and the running nodes agree on
// every app hash. Then a fifth node joins by state sync from their snapshots
// and answers pool queries exactly as a validator does.
func TestFourValidatorFaults(t *testing.T) {
	root := repoRoot(t)
	f := startFourValidators(t, buildBinary(t, root, "build/poold"))
	cli := f.cli(0)
	cli.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", f.writeFile("pool.json", `{"assets": [{"denom": "uatom", "amount": "100000000", "weight": "60"},
		{"denom": "uusdc", "amount": "200000000", "weight": "40"}], "swap_fee": "0.003"}`))
	cli.txOK("bob", "tx", "smartpool", "swap-exact-amount-in", "1000000uatom", "1", "--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")

	// One of four down: blocks go on.
	f.kill(3)
	h := f.height(0)
	f.waitFor("three validators to make 3 blocks", 60*time.Second, func() bool { return f.height(0) >= h+3 })
	t.Logf("node3 killed at height %d; the others reached %d", h, f.height(0))

	// Back: it catches up to the tip.
	f.restart(3)
	f.waitFor("node3 to catch up", 90*time.Second, func() bool { return f.height(3) >= f.height(0)-1 && f.height(3) > h+3 })
	t.Logf("node3 restarted and caught up: height %d (node0 %d)", f.height(3), f.height(0))

	// Two of four down: no block.
	f.kill(2)
	f.kill(3)
	time.Sleep(3 * time.Second) // a block in progress may still commit
	stalled := f.height(0)
	time.Sleep(10 * time.Second)
	require.Equal(t, stalled, f.height(0), "half the stake made a block")
	require.Equal(t, stalled, f.height(1))
	t.Logf("nodes 2 and 3 killed: stalled at height %d for 10 s", stalled)

	// One of them back: blocks resume.
	f.restart(2)
	f.waitFor("blocks to resume", 90*time.Second, func() bool { return f.height(0) >= stalled+3 && f.height(2) >= stalled+3 })
	top := f.height(0)
	for _, i := range []int{1, 2} {
		if hi := f.height(i); hi < top {
			top = hi
		}
	}
	for hh := int64(2); hh <= top; hh++ {
		ref := f.appHash(0, hh)
		for _, i := range []int{1, 2} {
			require.Equal(t, ref, f.appHash(i, hh), "node%d's app hash at height %d", i, hh)
		}
	}
	t.Logf("node2 restarted: blocks resumed to %d; nodes 0, 1, 2 agree on every app hash up to %d", f.height(0), top)

	// A fifth node joins by state sync and serves the same pool state.
	start := time.Now()
	out, err := f.script("statesync").CombinedOutput()
	require.NoError(t, err, "%s\n%s", out, tail(filepath.Join(f.base, "node4", "poold.log"), 30))
	restored := regexp.MustCompile(`Snapshot restored .*height=(\d+)`).FindStringSubmatch(stripANSI(readFile(t, filepath.Join(f.base, "node4", "poold.log"))))
	require.NotNil(t, restored, "node4 did not restore a snapshot")
	snapshotHeight, _ := strconv.ParseInt(restored[1], 10, 64)
	require.Greater(t, snapshotHeight, int64(0))
	t.Logf("node4 restored the snapshot at height %d and reached the tip in %s", snapshotHeight, time.Since(start).Round(time.Second))
	synced := f.cli(4)
	f.waitFor("node4 to pass the snapshot", 30*time.Second, func() bool { return f.height(4) > snapshotHeight+1 })
	at := strconv.FormatInt(f.height(4)-1, 10)
	for _, q := range [][]string{
		{"query", "smartpool", "pools"},
		{"query", "smartpool", "pool", "1"},
		{"query", "smartpool", "spot-price", "1", "uatom", "uusdc"},
		{"query", "smartpool", "health", "1"},
		{"query", "bank", "total-supply"},
	} {
		args := append(q, "--height", at, "-o", "json")
		want, got := cli.run(args...), synced.run(args...)
		require.JSONEq(t, string(want), string(got), "%v at height %s", q, at)
	}
	require.Equal(t, f.appHash(0, snapshotHeight+1), f.appHash(4, snapshotHeight+1))
	t.Logf("node4 answers pools, pool, spot-price, health and total-supply at height %s exactly as node0", at)
}

func readFile(t *testing.T, path string) string {
	bz, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(bz)
}

var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func stripANSI(s string) string { return ansiEscape.ReplaceAllString(s, "") }
