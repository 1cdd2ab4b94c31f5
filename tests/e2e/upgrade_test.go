//go:build faults

package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/poold/poold/app"
)

// TestSoftwareUpgrade runs a deliberate upgrade on scripts/localnet-4.sh's
// four validators, as docs/upgrades.md describes it: a software-upgrade
// proposal passes, every node halts at the plan height, and the nodes
// restarted with the next binary (the upgradetest build: x/smartpool at
// consensus version 2 with an in-place store migration) go on from there
// with every pool, pending change and weight schedule intact — and the
// change queued before the upgrade applies on time after it.
func TestSoftwareUpgrade(t *testing.T) {
	root := repoRoot(t)
	next := buildBinary(t, root, "build/poold-upgradetest", "upgradetest")
	f := startFourValidators(t, buildBinary(t, root, "build/poold"))
	cli := f.cli(0)
	alice := strings.TrimSpace(string(cli.run("keys", "show", "alice", "-a")))

	// Pool 1 is mid-schedule across the upgrade; pool 2 has a fee change due after it.
	cli.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", f.writeFile("lbp.json", fmt.Sprintf(`{
		"assets": [{"denom": "uatom", "amount": "100000000", "weight": "90"}, {"denom": "uusdc", "amount": "100000000", "weight": "10"}],
		"swap_fee": "0.003", "controller": %q, "rights": {"change_weights": true}, "timelock": "10s",
		"weight_schedule": {"duration": "20m", "target_weights": ["10", "90"]}}`, alice)))
	cli.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", f.writeFile("controlled.json", fmt.Sprintf(`{
		"assets": [{"denom": "ueth", "amount": "100000000", "weight": "50"}, {"denom": "uusdc", "amount": "300000000", "weight": "50"}],
		"swap_fee": "0.003", "controller": %q, "rights": {"change_swap_fee": true}, "timelock": "150s"}`, alice)))
	cli.txOK("alice", "tx", "smartpool", "set-swap-fee", "2", "0.01")
	cli.txOK("bob", "tx", "smartpool", "swap-exact-amount-in", "1000000uatom", "1", "--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")

	var versions struct {
		ModuleVersions []struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"module_versions"`
	}
	cli.queryJSON(&versions, "query", "upgrade", "module-versions", "smartpool")
	require.Equal(t, "1", versions.ModuleVersions[0].Version)

	// The proposal: an upgrade 40 blocks ahead, every validator votes yes.
	planHeight := f.height(0) + 40
	cli.txOK("alice", "tx", "upgrade", "software-upgrade", app.TestUpgradeName, "--upgrade-height", strconv.FormatInt(planHeight, 10),
		"--title", "next version", "--summary", "x/smartpool consensus version 2", "--deposit", "10000000upool", "--no-validate")
	for i := 0; i < 4; i++ {
		f.cli(i).txOK(fmt.Sprintf("node%d", i), "tx", "gov", "vote", "1", "yes")
	}
	f.waitFor("the proposal to pass", 60*time.Second, func() bool {
		var p struct {
			Proposal struct {
				Status string `json:"status"`
			} `json:"proposal"`
		}
		cli.queryJSON(&p, "query", "gov", "proposal", "1")
		return p.Proposal.Status == "PROPOSAL_STATUS_PASSED"
	})
	t.Logf("upgrade %s passed for height %d", app.TestUpgradeName, planHeight)

	// Every node halts at the plan height: CometBFT has agreed on that block
	// (so /status may show it) but the app refused to execute it; the last
	// state is the one before it.
	needed := fmt.Sprintf(`UPGRADE "%s" NEEDED at height: %d`, app.TestUpgradeName, planHeight)
	f.waitFor("every node to halt at the plan height", 120*time.Second, func() bool {
		for i := 0; i < 4; i++ {
			if !strings.Contains(readFile(t, f.logPath(i)), needed) {
				return false
			}
		}
		return true
	})
	last := planHeight - 1
	time.Sleep(3 * time.Second)
	for i := 0; i < 4; i++ {
		if h := f.height(i); h >= 0 {
			require.LessOrEqual(t, h, planHeight, "node%d after the halt", i)
		}
	}
	before := f.poolState(cli, last)
	out, err := f.script("down").CombinedOutput()
	require.NoError(t, err, string(out))
	t.Logf("all four nodes halted at height %d (%q)", last, needed)

	// The next binary on every node: the upgrade runs at the plan height.
	f.bin = next
	for i := 0; i < 4; i++ {
		f.restart(i)
	}
	f.waitFor("blocks past the plan height", 120*time.Second, func() bool {
		for i := 0; i < 4; i++ {
			if f.height(i) < planHeight+2 {
				return false
			}
		}
		return true
	})
	cli = f.cli(0)
	for h := planHeight; h <= planHeight+2; h++ {
		for i := 1; i < 4; i++ {
			require.Equal(t, f.appHash(0, h), f.appHash(i, h), "node%d's app hash at %d", i, h)
		}
	}
	var applied struct {
		Height string `json:"height"`
	}
	cli.queryJSON(&applied, "query", "upgrade", "applied", app.TestUpgradeName)
	require.Equal(t, strconv.FormatInt(planHeight, 10), applied.Height)
	cli.queryJSON(&versions, "query", "upgrade", "module-versions", "smartpool")
	require.Equal(t, "2", versions.ModuleVersions[0].Version)
	for i := 0; i < 4; i++ {
		log := stripANSI(readFile(t, f.logPath(i)))
		line := regexp.MustCompile(`store migration 1 to 2 done.*`).FindString(log)
		for _, count := range []string{"pools=2", "pending_changes=1", "schedule_ends=1"} {
			require.Contains(t, line, count, "node%d's migration", i)
		}
	}
	require.Equal(t, before, f.poolState(cli, planHeight), "pools, pending changes and schedules across the upgrade")
	t.Logf("upgraded at %d: smartpool at version 2, the migration rewrote 2 pools, 1 pending change, 1 schedule end; state intact", planHeight)

	// Pools work, and the change queued before the upgrade applies on time.
	cli.txOK("bob", "tx", "smartpool", "swap-exact-amount-in", "1000000uusdc", "1", "--route-pool-ids", "2", "--route-token-out-denoms", "ueth")
	var pending struct {
		Changes []struct {
			DueTime time.Time `json:"due_time"`
		} `json:"changes"`
	}
	cli.queryJSON(&pending, "query", "smartpool", "pool-pending-changes", "2")
	require.Len(t, pending.Changes, 1)
	due := pending.Changes[0].DueTime
	f.waitFor("the fee change to apply", time.Until(due)+60*time.Second, func() bool {
		var p struct {
			Pool struct {
				SwapFee string `json:"swap_fee"`
			} `json:"pool"`
		}
		cli.queryJSON(&p, "query", "smartpool", "pool", "2")
		return p.Pool.SwapFee == "0.010000000000000000"
	})
	t.Logf("the fee change queued before the upgrade applied after it (due %s)", due.Format(time.RFC3339))
}

func (f *fourValidators) logPath(i int) string {
	return filepath.Join(f.base, fmt.Sprintf("node%d", i), "poold.log")
}

// upgradeState is what an upgrade must carry over: every pool's records and
// schedule, and the pending changes.
type upgradeState struct {
	Pools   []string
	Pending string
}

// poolState reads, at height h, each pool's assets, shares, fee and weight
// schedule (not the time-dependent current weights or oracle), and the pending changes.
func (f *fourValidators) poolState(cli *node, h int64) upgradeState {
	at := strconv.FormatInt(h, 10)
	var st upgradeState
	for _, id := range []string{"1", "2"} {
		var p struct {
			Pool map[string]any `json:"pool"`
		}
		cli.queryJSON(&p, "query", "smartpool", "pool", id, "--height", at)
		keep := map[string]any{}
		for _, k := range []string{"assets", "total_shares", "swap_fee", "controller", "rights", "timelock", "weight_schedule"} {
			keep[k] = p.Pool[k]
		}
		require.NotNil(f.t, keep["assets"])
		st.Pools = append(st.Pools, fmt.Sprint(keep))
	}
	st.Pending = string(cli.run("query", "smartpool", "pending-changes", "--height", at, "-o", "json"))
	require.Contains(f.t, st.Pending, `"pool_id"`)
	return st
}
