package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// node is a real poold process on loopback ports in a temporary home, driven
// through its CLI exactly as a user would.
type node struct {
	t       *testing.T
	root    string // repository root
	bin     string
	home    string
	rpcPort int
	apiPort int
	// promPort is CometBFT's Prometheus instrumentation server, which the
	// localnet turns on (its default 26660 would clash between nodes).
	promPort int
	cmd      *exec.Cmd
	logFile  *os.File
}

// start runs `poold start` on the node's home.
func (n *node) start() {
	n.cmd = exec.Command(n.bin, "start", "--home", n.home)
	n.cmd.Stdout, n.cmd.Stderr = n.logFile, n.logFile
	require.NoError(n.t, n.cmd.Start())
}

// stop interrupts the node process (by its PID) and waits for it to exit,
// killing it after 15 s.
func (n *node) stop() {
	_ = n.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _, _ = n.cmd.Process.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = n.cmd.Process.Kill()
		<-done
	}
}

// restart stops the node and starts it again on the same home and ports.
func (n *node) restart() {
	n.t.Helper()
	h := n.height()
	n.stop()
	n.start()
	n.waitForHeight(h+1, 60*time.Second)
}

func repoRoot(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	require.NoError(t, err)
	return filepath.Dir(strings.TrimSpace(string(out)))
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// buildPoold builds the binary into a temporary directory.
func buildPoold(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "poold")
	build := exec.Command("go", "build", "-o", bin, "./cmd/poold")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// startNode builds poold, initialises a localnet with scripts/localnet.sh and
// starts the node; the test's cleanup stops it by PID.
func startNode(t *testing.T, votingPeriod string) *node {
	t.Helper()
	n := &node{t: t, root: repoRoot(t), home: t.TempDir()}
	n.bin = buildPoold(t, n.root)

	n.rpcPort, n.apiPort, n.promPort = freePort(t), freePort(t), freePort(t)
	initCmd := exec.Command(filepath.Join(n.root, "scripts", "localnet.sh"), "init")
	initCmd.Env = append(os.Environ(),
		"POOLD="+n.bin,
		"LOCALNET_HOME="+n.home,
		"CHAIN_ID=poolnet-e2e",
		fmt.Sprintf("RPC_PORT=%d", n.rpcPort),
		fmt.Sprintf("P2P_PORT=%d", freePort(t)),
		fmt.Sprintf("API_PORT=%d", n.apiPort),
		fmt.Sprintf("GRPC_PORT=%d", freePort(t)),
		fmt.Sprintf("PPROF_PORT=%d", freePort(t)),
		fmt.Sprintf("PROM_PORT=%d", n.promPort),
		"BLOCK_TIME=500ms",
		"VOTING_PERIOD="+votingPeriod,
	)
	out, err := initCmd.CombinedOutput()
	require.NoError(t, err, string(out))

	logFile, err := os.Create(filepath.Join(n.home, "poold.log"))
	require.NoError(t, err)
	n.logFile = logFile
	n.start()
	t.Cleanup(func() {
		n.stop()
		logFile.Close()
		if t.Failed() {
			bz, _ := os.ReadFile(filepath.Join(n.home, "poold.log"))
			lines := strings.Split(string(bz), "\n")
			if len(lines) > 40 {
				lines = lines[len(lines)-40:]
			}
			t.Logf("last lines of the node log:\n%s", strings.Join(lines, "\n"))
		}
	})
	n.waitForHeight(2, 60*time.Second)
	return n
}

func (n *node) height() int64 {
	h, _ := rpcHeight(fmt.Sprintf("http://127.0.0.1:%d", n.rpcPort))
	return h
}

// rpcHeight is the latest block height a CometBFT RPC server reports; ok is
// false when it does not answer within 2 s.
func rpcHeight(rpc string) (h int64, ok bool) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(rpc + "/status")
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	var st struct {
		Result struct {
			SyncInfo struct {
				LatestBlockHeight string `json:"latest_block_height"`
			} `json:"sync_info"`
		} `json:"result"`
	}
	if json.NewDecoder(resp.Body).Decode(&st) != nil {
		return 0, false
	}
	h, err = strconv.ParseInt(st.Result.SyncInfo.LatestBlockHeight, 10, 64)
	return h, err == nil
}

func (n *node) waitForHeight(h int64, timeout time.Duration) {
	n.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if n.height() >= h {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	n.t.Fatalf("node did not reach height %d in %s", h, timeout)
}

// run executes the CLI and returns stdout; it fails the test on a non-zero exit.
func (n *node) run(args ...string) []byte {
	n.t.Helper()
	out, err := n.try(args...)
	require.NoError(n.t, err, "poold %s\n%s", strings.Join(args, " "), out)
	return out
}

func (n *node) try(args ...string) ([]byte, error) {
	args = append(args, "--home", n.home)
	cmd := exec.Command(n.bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return append(stdout.Bytes(), stderr.Bytes()...), err
	}
	return stdout.Bytes(), nil
}

// queryJSON runs a query with -o json and decodes it into v.
func (n *node) queryJSON(v any, args ...string) {
	n.t.Helper()
	out := n.run(append(args, "-o", "json")...)
	require.NoError(n.t, json.Unmarshal(out, v), string(out))
}

type txResult struct {
	TxHash  string `json:"txhash"`
	Code    int    `json:"code"`
	RawLog  string `json:"raw_log"`
	GasUsed string `json:"gas_used"`
	Events  []struct {
		Type       string `json:"type"`
		Attributes []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"attributes"`
	} `json:"events"`
}

// tx signs and broadcasts a transaction from key with simulated gas and
// waits until it is in a block; it returns the delivered result (the caller
// checks Code).
func (n *node) tx(from string, args ...string) txResult {
	n.t.Helper()
	return n.broadcast(from, append(args, "--gas", "auto", "--gas-adjustment", "1.5"))
}

// txBadInBlock broadcasts a transaction meant to fail on delivery with a
// fixed gas limit: simulation would refuse it before it reaches a block.
func (n *node) txBadInBlock(from string, args ...string) txResult {
	n.t.Helper()
	return n.broadcast(from, append(args, "--gas", "400000"))
}

func (n *node) broadcast(from string, args []string) txResult {
	n.t.Helper()
	args = append(args, "--from", from, "--yes", "-o", "json")
	out := n.run(args...)
	var sync txResult
	require.NoError(n.t, json.Unmarshal(out, &sync), string(out))
	require.Zero(n.t, sync.Code, "check-tx failed: %s", sync.RawLog)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if out, err := n.try("query", "tx", sync.TxHash, "-o", "json"); err == nil {
			var res txResult
			require.NoError(n.t, json.Unmarshal(out, &res), string(out))
			return res
		}
		time.Sleep(250 * time.Millisecond)
	}
	n.t.Fatalf("tx %s not included in 30 s", sync.TxHash)
	return txResult{}
}

// txOK is tx that must succeed.
func (n *node) txOK(from string, args ...string) txResult {
	n.t.Helper()
	res := n.tx(from, args...)
	require.Zero(n.t, res.Code, "tx failed: %s", res.RawLog)
	return res
}

func (n *node) address(key string) string {
	n.t.Helper()
	return strings.TrimSpace(string(n.run("keys", "show", key, "-a", "--keyring-backend", "test")))
}

func (n *node) rest(path string, v any) {
	n.t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d%s", n.apiPort, path))
	require.NoError(n.t, err)
	defer resp.Body.Close()
	require.Equal(n.t, http.StatusOK, resp.StatusCode, path)
	require.NoError(n.t, json.NewDecoder(resp.Body).Decode(v))
}
