package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTestnetInitFiles writes a two-validator network with `poold testnet
// init-files`, starts both nodes and checks that they agree on blocks signed
// by both validators. Both processes are stopped by PID.
func TestTestnetInitFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two real nodes")
	}
	root := repoRoot(t)
	bin := buildPoold(t, root)
	dir := t.TempDir()
	base := freePortBlock(t, 20)
	out, err := exec.Command(bin, "testnet", "init-files", "--validator-count", "2", "--output-dir", dir,
		"--starting-port", strconv.Itoa(base)).CombinedOutput()
	require.NoError(t, err, string(out))

	for i := 0; i < 2; i++ {
		home := filepath.Join(dir, fmt.Sprintf("node%d", i))
		logFile, err := os.Create(filepath.Join(home, "poold.log"))
		require.NoError(t, err)
		cmd := exec.Command(bin, "start", "--home", home)
		cmd.Stdout, cmd.Stderr = logFile, logFile
		require.NoError(t, cmd.Start())
		t.Cleanup(func() {
			_ = cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { _, _ = cmd.Process.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
			}
			logFile.Close()
		})
	}

	rpc := func(node int, path string, v any) error {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/%s", base+10*node+1, path))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		return json.NewDecoder(resp.Body).Decode(v)
	}
	var block struct {
		Result struct {
			Block struct {
				LastCommit struct {
					Signatures []struct {
						BlockIDFlag int `json:"block_id_flag"`
					} `json:"signatures"`
				} `json:"last_commit"`
			} `json:"block"`
		} `json:"result"`
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		require.True(t, time.Now().Before(deadline), "the two validators did not sign height 4 together in 90 s")
		// Height 4's last commit holds height 3's signatures; on both nodes.
		if rpc(0, "block?height=4", &block) == nil && len(block.Result.Block.LastCommit.Signatures) == 2 &&
			rpc(1, "block?height=4", &block) == nil && len(block.Result.Block.LastCommit.Signatures) == 2 {
			signed := 0
			for _, s := range block.Result.Block.LastCommit.Signatures {
				if s.BlockIDFlag == 2 { // BlockIDFlagCommit
					signed++
				}
			}
			if signed == 2 {
				break
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	var vals struct {
		Result struct {
			Total string `json:"total"`
		} `json:"result"`
	}
	require.NoError(t, rpc(1, "validators", &vals))
	require.Equal(t, "2", vals.Result.Total)
}

// freePortBlock finds n consecutive free loopback ports.
func freePortBlock(t *testing.T, n int) int {
	for base := 36600; base < 60000; base += 100 {
		free := true
		for p := base; p < base+n && free; p++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err != nil {
				free = false
				continue
			}
			l.Close()
		}
		if free {
			return base
		}
	}
	t.Fatal("no block of free ports")
	return 0
}
