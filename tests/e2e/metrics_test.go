package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// promSample is one sample line of the Prometheus text format.
type promSample struct {
	name   string
	labels map[string]string
	value  float64
}

// promText is a scrape: its samples and each family's # TYPE and # HELP.
type promText struct {
	raw     string
	samples []promSample
	types   map[string]string
	help    map[string]string
}

var (
	promLineRe  = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$`)
	promLabelRe = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)
)

func parsePromText(t *testing.T, text string) promText {
	t.Helper()
	p := promText{raw: text, types: map[string]string{}, help: map[string]string{}}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			f := strings.SplitN(line, " ", 4)
			if len(f) >= 3 && f[1] == "TYPE" && len(f) == 4 {
				p.types[f[2]] = f[3]
			}
			if len(f) >= 3 && f[1] == "HELP" {
				h := ""
				if len(f) == 4 {
					h = strings.NewReplacer(`\\`, `\`, `\n`, "\n").Replace(f[3])
				}
				p.help[f[2]] = h
			}
			continue
		}
		m := promLineRe.FindStringSubmatch(line)
		require.NotNil(t, m, "unparsable metrics line %q", line)
		v, err := strconv.ParseFloat(m[3], 64)
		require.NoError(t, err, line)
		s := promSample{name: m[1], labels: map[string]string{}, value: v}
		for _, l := range promLabelRe.FindAllStringSubmatch(m[2], -1) {
			s.labels[l[1]] = l[2]
		}
		p.samples = append(p.samples, s)
	}
	return p
}

// get is the value of the one series of name whose labels are exactly labels.
func (p promText) get(t *testing.T, name string, labels map[string]string) float64 {
	t.Helper()
	v, ok := p.lookup(name, labels)
	require.True(t, ok, "no series %s%v in the scrape; smartpool series:\n%s", name, labels, p.smartpoolLines())
	return v
}

func (p promText) lookup(name string, labels map[string]string) (float64, bool) {
	for _, s := range p.samples {
		if s.name != name || len(s.labels) != len(labels) {
			continue
		}
		match := true
		for k, v := range labels {
			if s.labels[k] != v {
				match = false
			}
		}
		if match {
			return s.value, true
		}
	}
	return 0, false
}

// series are the samples of name with the given label value.
func (p promText) series(name, label, value string) []promSample {
	var out []promSample
	for _, s := range p.samples {
		if s.name == name && s.labels[label] == value {
			out = append(out, s)
		}
	}
	return out
}

// smartpoolLines is the smartpool_ part of the scrape, comments included.
func (p promText) smartpoolLines() string {
	var out []string
	for _, line := range strings.Split(p.raw, "\n") {
		name := line
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "#" {
			name = f[2]
		}
		if strings.HasPrefix(name, "smartpool_") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// scrape fetches a Prometheus text endpoint.
func (n *node) scrape(url string) promText {
	n.t.Helper()
	resp, err := http.Get(url)
	require.NoError(n.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(n.t, err)
	require.Equal(n.t, http.StatusOK, resp.StatusCode, "%s: %s", url, body)
	require.True(n.t, strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain"), "%s: Content-Type %s", url, resp.Header.Get("Content-Type"))
	return parsePromText(n.t, string(body))
}

// scrapeMetrics fetches x/smartpool's series from the API server's
// /smartpool/metrics route.
func (n *node) scrapeMetrics() promText {
	n.t.Helper()
	return n.scrape(fmt.Sprintf("http://127.0.0.1:%d/smartpool/metrics", n.apiPort))
}

// codeMetric is a series x/smartpool/keeper/metrics.go declares.
type codeMetric struct{ kind, help string }

// codeMetricNames are the smartpool_ families x/smartpool/keeper/metrics.go
// declares (prometheus.New{Counter,Gauge}Vec with Namespace types.ModuleName),
// by full name.
func codeMetricNames(t *testing.T) map[string]codeMetric {
	t.Helper()
	bz, err := os.ReadFile(filepath.Join(repoRoot(t), "x", "smartpool", "keeper", "metrics.go"))
	require.NoError(t, err)
	src := string(bz)
	re := regexp.MustCompile(`prometheus\.New(Counter|Gauge)Vec\(prometheus\.(?:Counter|Gauge)Opts\{\s*Namespace:\s*types\.ModuleName,\s*Name:\s*"([a-z_]+)",\s*Help:\s*("(?:[^"\\]|\\.)*")`)
	names := map[string]codeMetric{}
	for _, m := range re.FindAllStringSubmatch(src, -1) {
		help, err := strconv.Unquote(m[3])
		require.NoError(t, err, m[3])
		names["smartpool_"+m[2]] = codeMetric{kind: strings.ToLower(m[1]), help: help}
	}
	// Every Name: field and every collector constructor was understood.
	require.NotEmpty(t, names, "no prometheus.New*Vec with Namespace types.ModuleName in metrics.go")
	require.Len(t, names, strings.Count(src, "Name: \""), "metrics.go has a Name field the pattern missed: %v", names)
	require.Len(t, names, len(regexp.MustCompile(`prometheus\.New[A-Za-z]+\(`).FindAllString(src, -1))-1, // -1: NewRegistry
		"metrics.go has a collector the pattern missed: %v", names)
	return names
}

// TestMetrics runs a node, makes pools, a queued and cancelled change, swaps
// and a breaker refusal, and checks x/smartpool's series on the API server's
// /smartpool/metrics route against the chain's own queries; then lints the
// whole scrape with promtool, and finds the series on CometBFT's
// instrumentation endpoint too.
func TestMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	n := startNode(t, "8s")
	alice := n.address("alice")
	lbl := func(kv ...string) map[string]string {
		out := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}

	before := n.scrapeMetrics()
	require.Empty(t, before.samples, "series before any pool exists:\n%s", before.raw)
	require.Empty(t, before.types, "families before any pool exists:\n%s", before.raw)

	// Pool 1: three assets and a controller, so that a change can wait in its queue.
	dir := t.TempDir()
	pool1 := filepath.Join(dir, "pool1.json")
	require.NoError(t, os.WriteFile(pool1, []byte(`{
  "assets": [
    {"denom": "uatom", "amount": "100000000", "weight": "50"},
    {"denom": "uusdc", "amount": "300000000", "weight": "30"},
    {"denom": "ueth",  "amount": "7000000",   "weight": "20"}
  ],
  "swap_fee": "0.003",
  "controller": "`+alice+`",
  "rights": {"change_swap_fee": true},
  "timelock": "1h"
}`), 0o600))
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", pool1)
	// Pool 2: a tight outflow cap, 1% of an asset per block.
	pool2 := filepath.Join(dir, "pool2.json")
	require.NoError(t, os.WriteFile(pool2, []byte(`{
  "assets": [
    {"denom": "uatom", "amount": "100000000", "weight": "50"},
    {"denom": "uusdc", "amount": "100000000", "weight": "50"}
  ],
  "swap_fee": "0.01",
  "breakers": {"max_block_outflow": "0.01"}
}`), 0o600))
	n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", pool2)

	m := n.scrapeMetrics()
	require.Equal(t, 0.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "1")))
	require.Equal(t, 0.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "2")))

	// A fee change waits out pool 1's hour-long time-lock: the gauge is 1 in
	// the block that queued it, and 0 again in the one that cancelled it.
	n.txOK("alice", "tx", "smartpool", "set-swap-fee", "1", "0.01")
	var pending struct {
		Changes []struct {
			ID string `json:"id"`
		} `json:"changes"`
	}
	n.queryJSON(&pending, "query", "smartpool", "pool-pending-changes", "1")
	require.Len(t, pending.Changes, 1)
	m = n.scrapeMetrics()
	require.Equal(t, 1.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "1")), "after queueing a change")
	require.Equal(t, 0.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "2")))
	n.txOK("alice", "tx", "smartpool", "cancel-change", pending.Changes[0].ID)
	n.queryJSON(&pending, "query", "smartpool", "pool-pending-changes", "1")
	require.Empty(t, pending.Changes)
	m = n.scrapeMetrics()
	require.Equal(t, 0.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "1")), "after cancelling the change")

	// Swaps on pool 1: three uatom→uusdc, two uusdc→ueth.
	const atomUsdc, usdcEth = 3, 2
	for i := 0; i < atomUsdc; i++ {
		n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "1000000uatom", "1",
			"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	}
	for i := 0; i < usdcEth; i++ {
		n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "2000000uusdc", "1",
			"--route-pool-ids", "1", "--route-token-out-denoms", "ueth")
	}
	// Pool 2: a swap within the cap (about 0.3% of uusdc), then one taking
	// about 4.8% that the outflow breaker refuses in the block.
	n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "300000uatom", "1",
		"--route-pool-ids", "2", "--route-token-out-denoms", "uusdc")
	refused := n.txBadInBlock("alice", "tx", "smartpool", "swap-exact-amount-in", "5000000uatom", "1",
		"--route-pool-ids", "2", "--route-token-out-denoms", "uusdc")
	require.NotZero(t, refused.Code, "the outflow breaker lets a 4.8%% outflow through")
	require.Contains(t, refused.RawLog, "max_block_outflow")

	m = n.scrapeMetrics()
	t.Logf("GET /smartpool/metrics:\n%s", m.raw)

	// The scrape holds exactly the families metrics.go declares, each with
	// its # HELP (metrics.go's text) and # TYPE, and nothing else.
	names := codeMetricNames(t)
	for name, c := range names {
		require.Equal(t, c.kind, m.types[name], "# TYPE of %s", name)
		require.Contains(t, m.help, name, "no # HELP for %s", name)
		require.Equal(t, c.help, m.help[name], "# HELP of %s", name)
	}
	for name := range m.types {
		require.Contains(t, names, name, "# TYPE of a family metrics.go does not declare")
	}
	for name := range m.help {
		require.Contains(t, names, name, "# HELP of a family metrics.go does not declare")
	}
	for _, s := range m.samples {
		require.Contains(t, names, s.name, "a sample of a family metrics.go does not declare")
		require.Contains(t, []string{"1", "2"}, s.labels["pool_id"], "a series of no pool: %v", s)
	}

	// Counters: one per swap hop, the refused swap not counted.
	require.Equal(t, float64(atomUsdc), m.get(t, "smartpool_swaps_total", lbl("pool_id", "1", "denom_in", "uatom", "denom_out", "uusdc")))
	require.Equal(t, float64(usdcEth), m.get(t, "smartpool_swaps_total", lbl("pool_id", "1", "denom_in", "uusdc", "denom_out", "ueth")))
	require.Equal(t, 1.0, m.get(t, "smartpool_swaps_total", lbl("pool_id", "2", "denom_in", "uatom", "denom_out", "uusdc")))
	require.Len(t, m.series("smartpool_swaps_total", "pool_id", "1"), 2)
	require.Len(t, m.series("smartpool_swaps_total", "pool_id", "2"), 1)
	require.Equal(t, float64(atomUsdc*1_000_000), m.get(t, "smartpool_volume_total", lbl("pool_id", "1", "denom", "uatom")))
	require.Equal(t, float64(usdcEth*2_000_000), m.get(t, "smartpool_volume_total", lbl("pool_id", "1", "denom", "uusdc")))
	require.Equal(t, 300000.0, m.get(t, "smartpool_volume_total", lbl("pool_id", "2", "denom", "uatom")))
	require.Len(t, m.series("smartpool_volume_total", "pool_id", "1"), 2)
	require.Len(t, m.series("smartpool_volume_total", "pool_id", "2"), 1)
	require.Equal(t, float64(atomUsdc*3000), m.get(t, "smartpool_fees_total", lbl("pool_id", "1", "denom", "uatom"))) // 0.3% of 1 000 000
	require.Equal(t, float64(usdcEth*6000), m.get(t, "smartpool_fees_total", lbl("pool_id", "1", "denom", "uusdc")))  // 0.3% of 2 000 000
	require.Equal(t, 3000.0, m.get(t, "smartpool_fees_total", lbl("pool_id", "2", "denom", "uatom")))                 // 1% of 300 000
	require.Len(t, m.series("smartpool_fees_total", "pool_id", "1"), 2)
	require.Len(t, m.series("smartpool_fees_total", "pool_id", "2"), 1)

	// The refusal, once, as an outflow on pool 2.
	require.Equal(t, 1.0, m.get(t, "smartpool_breaker_refusals_total", lbl("pool_id", "2", "kind", "outflow")))
	require.Len(t, m.series("smartpool_breaker_refusals_total", "pool_id", "2"), 1)
	require.Empty(t, m.series("smartpool_breaker_refusals_total", "pool_id", "1"))

	// Gauges against the pool queries: float64, so base-unit balances are exact.
	type poolView struct {
		Pool                     poolJSON `json:"pool"`
		CurrentNormalizedWeights []string `json:"current_normalized_weights"`
	}
	for _, id := range []string{"1", "2"} {
		var v poolView // over REST: the CLI cannot print a pool with oracle state (repeated cosmos.Dec)
		n.rest("/poold/smartpool/v1/pools/"+id, &v)
		require.Len(t, v.CurrentNormalizedWeights, len(v.Pool.Assets))
		sum := 0.0
		for i, a := range v.Pool.Assets {
			want, err := strconv.ParseFloat(a.Balance, 64)
			require.NoError(t, err)
			require.Equal(t, want, m.get(t, "smartpool_balance", lbl("pool_id", id, "denom", a.Denom)), "pool %s %s balance (pool has %s)", id, a.Denom, a.Balance)
			wantW, err := strconv.ParseFloat(v.CurrentNormalizedWeights[i], 64)
			require.NoError(t, err)
			w := m.get(t, "smartpool_weight", lbl("pool_id", id, "denom", a.Denom))
			require.Equal(t, wantW, w, "pool %s %s weight (pool has %s)", id, a.Denom, v.CurrentNormalizedWeights[i])
			sum += w
		}
		require.InDelta(t, 1.0, sum, 1e-12, "pool %s weights", id)
		require.Len(t, m.series("smartpool_balance", "pool_id", id), len(v.Pool.Assets))
		require.Len(t, m.series("smartpool_weight", "pool_id", id), len(v.Pool.Assets))
	}
	require.Equal(t, 0.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "1")))
	require.Equal(t, 0.0, m.get(t, "smartpool_pending_changes", lbl("pool_id", "2")))
	// TWAP deviations exist once a pool has history, and are small here.
	for _, d := range []string{"uatom", "uusdc", "ueth"} {
		dev := m.get(t, "smartpool_twap_deviation", lbl("pool_id", "1", "denom", d))
		require.True(t, math.Abs(dev) < 0.5, "pool 1 %s twap deviation %v", d, dev)
	}

	// The shipped dashboard queries only series this node serves.
	served := map[string]bool{}
	for name := range m.types {
		served[name] = true
	}
	checkDashboard(t, served)

	t.Run("promtool", func(t *testing.T) { checkPromtool(t, m) })

	// CometBFT's instrumentation server (on in the localnet) serves the
	// default registry, which holds the same collectors beside cometbft_*.
	t.Run("cometbft_endpoint", func(t *testing.T) {
		c := n.scrape(fmt.Sprintf("http://127.0.0.1:%d/metrics", n.promPort))
		require.Equal(t, "counter", c.types["smartpool_swaps_total"])
		for _, s := range m.series("smartpool_swaps_total", "pool_id", "1") {
			require.Equal(t, s.value, c.get(t, s.name, s.labels), "%v on CometBFT's endpoint", s.labels)
		}
		cometbft := 0
		for name := range c.types {
			if strings.HasPrefix(name, "cometbft_") {
				cometbft++
			}
		}
		require.NotZero(t, cometbft, "no cometbft_ families on CometBFT's endpoint")
	})
}

// checkPromtool runs `promtool check metrics` on the whole /smartpool/metrics
// scrape: it must exit 0 and print nothing.
func checkPromtool(t *testing.T, m promText) {
	if os.Getenv("POOLD_E2E_NO_PROMTOOL") == "1" {
		t.Skip("POOLD_E2E_NO_PROMTOOL=1")
	}
	promtool, err := exec.LookPath("promtool")
	require.NoError(t, err, "promtool is needed (Debian: apt-get install prometheus; .ci/run installs it); POOLD_E2E_NO_PROMTOOL=1 skips this check")
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(m.raw)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	code := 0
	if err != nil {
		exit, ok := err.(*exec.ExitError)
		require.True(t, ok, "running promtool: %v", err)
		code = exit.ExitCode()
	}
	t.Logf("promtool check metrics on GET /smartpool/metrics (%d lines): exit %d, output %q", strings.Count(m.raw, "\n"), code, out.String())
	require.Zero(t, code, "promtool check metrics:\n%s", out.String())
	require.Empty(t, strings.TrimSpace(out.String()))
}

// dashboardExprs are the PromQL expressions of a Grafana dashboard's panels
// (rows' panels included), by panel title.
func dashboardExprs(t *testing.T) (map[string][]string, map[string]any) {
	t.Helper()
	bz, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "monitoring", "grafana-dashboard.json"))
	require.NoError(t, err)
	var d map[string]any
	require.NoError(t, json.Unmarshal(bz, &d), "grafana-dashboard.json")
	exprs := map[string][]string{}
	var walk func(panels []any)
	walk = func(panels []any) {
		for _, p := range panels {
			panel, ok := p.(map[string]any)
			require.True(t, ok, "a panel is not an object")
			title, _ := panel["title"].(string)
			require.NotEmpty(t, title, "a panel without a title")
			if nested, ok := panel["panels"].([]any); ok {
				walk(nested)
			}
			if panel["type"] == "row" {
				continue
			}
			targets, ok := panel["targets"].([]any)
			require.True(t, ok && len(targets) > 0, "panel %q has no targets", title)
			for _, tg := range targets {
				expr, _ := tg.(map[string]any)["expr"].(string)
				require.NotEmpty(t, expr, "panel %q has a target without expr", title)
				exprs[title] = append(exprs[title], expr)
			}
		}
	}
	panels, ok := d["panels"].([]any)
	require.True(t, ok, "the dashboard has no panels")
	walk(panels)
	return exprs, d
}

var smartpoolNameRe = regexp.MustCompile(`\bsmartpool_[a-z_]+`)

// checkDashboard requires every dashboard expression to query known
// smartpool_ series (and only them), filtered by the pool_id variable, and
// every known series to have a panel.
func checkDashboard(t *testing.T, known map[string]bool) {
	t.Helper()
	exprs, d := dashboardExprs(t)
	used := map[string]bool{}
	for title, list := range exprs {
		for _, expr := range list {
			refs := smartpoolNameRe.FindAllString(expr, -1)
			require.NotEmpty(t, refs, "panel %q: %s names no smartpool_ metric", title, expr)
			for _, r := range refs {
				require.True(t, known[r], "panel %q: %s is not a smartpool metric (known: %v)", title, r, keys(known))
				used[r] = true
			}
			require.Contains(t, expr, `pool_id=~"$pool_id"`, "panel %q is not filtered by the pool_id variable", title)
			require.Equal(t, strings.Count(expr, "("), strings.Count(expr, ")"), "panel %q: %s", title, expr)
			require.Equal(t, strings.Count(expr, "{"), strings.Count(expr, "}"), "panel %q: %s", title, expr)
		}
	}
	for name := range known {
		if strings.HasPrefix(name, "smartpool_") {
			require.True(t, used[name], "no panel shows %s", name)
		}
	}
	// Templated on pool_id, from a Prometheus data source variable.
	tpl, _ := d["templating"].(map[string]any)
	list, _ := tpl["list"].([]any)
	vars := map[string]map[string]any{}
	for _, v := range list {
		vm := v.(map[string]any)
		vars[vm["name"].(string)] = vm
	}
	require.Contains(t, vars, "pool_id")
	require.Equal(t, "query", vars["pool_id"]["type"])
	require.Contains(t, fmt.Sprint(vars["pool_id"]["query"]), "smartpool_")
	require.Contains(t, vars, "datasource")
	require.Equal(t, "datasource", vars["datasource"]["type"])
	require.NotEmpty(t, d["title"])
	require.NotEmpty(t, d["uid"])
	require.NotZero(t, d["schemaVersion"])
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestMetricsDashboard checks docs/monitoring/grafana-dashboard.json without
// a node: every expression names series metrics.go declares. (TestMetrics
// checks it again against a live scrape.)
func TestMetricsDashboard(t *testing.T) {
	known := map[string]bool{}
	for name := range codeMetricNames(t) {
		known[name] = true
	}
	checkDashboard(t, known)
}

// TestMetricsDocs checks that docs/monitoring.md lists every series
// metrics.go declares, names no other smartpool_ series, and points at the
// /smartpool/metrics route (as does the module's README).
func TestMetricsDocs(t *testing.T) {
	names := codeMetricNames(t)
	bz, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "monitoring.md"))
	require.NoError(t, err)
	doc := string(bz)
	require.Contains(t, doc, "http://127.0.0.1:1317/smartpool/metrics")
	require.Contains(t, doc, "metrics_path: /smartpool/metrics")
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "x", "smartpool", "README.md"))
	require.NoError(t, err)
	require.Contains(t, string(readme), "/smartpool/metrics", "x/smartpool/README.md does not name the metrics endpoint")
	for name := range names {
		require.Contains(t, doc, "`"+name+"`", "docs/monitoring.md does not list %s", name)
	}
	for _, ref := range smartpoolNameRe.FindAllString(doc, -1) {
		_, ok := names[ref]
		require.True(t, ok, "docs/monitoring.md names %s, which metrics.go does not record", ref)
	}
}

// TestWatchAlerts runs scripts/watch-alerts against a node and checks that it
// prints a pool's deviation alert once, when a swap moves the price past the
// pool's alert threshold, and its clearance once the TWAP has caught up.
func TestWatchAlerts(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real node")
	}
	n := startNode(t, "8s")

	watcher := filepath.Join(t.TempDir(), "watch-alerts")
	build := exec.Command("go", "build", "-o", watcher, "./scripts/watch-alerts")
	build.Dir = n.root
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	dir := t.TempDir()
	// Pool 1 has no alert threshold; pool 2 alerts past 1% over a minute.
	for i, breakers := range []string{"", `, "breakers": {"alert_threshold": "0.01", "window": "1m"}`} {
		f := filepath.Join(dir, fmt.Sprintf("pool%d.json", i+1))
		require.NoError(t, os.WriteFile(f, []byte(`{
  "assets": [
    {"denom": "uatom", "amount": "100000000", "weight": "50"},
    {"denom": "uusdc", "amount": "100000000", "weight": "50"}
  ],
  "swap_fee": "0.003"`+breakers+`
}`), 0o600))
		n.txOK("alice", "tx", "smartpool", "create-pool", "--pool-file", f)
	}
	var health struct {
		Health struct {
			Breakers struct {
				AlertThreshold string `json:"alert_threshold"`
			} `json:"breakers"`
		} `json:"health"`
	}
	n.queryJSON(&health, "query", "smartpool", "health", "2")
	require.Equal(t, "0.010000000000000000", health.Health.Breakers.AlertThreshold)

	// The watcher's output goes through pipes that are closed only after it
	// has exited and all it wrote has been copied, so no line is lost.
	cmd := exec.Command(watcher, "-node", fmt.Sprintf("tcp://127.0.0.1:%d", n.rpcPort))
	outR, outW := io.Pipe()
	errR, errW := io.Pipe()
	cmd.Stdout, cmd.Stderr = outW, errW
	require.NoError(t, cmd.Start())
	var waitErr error
	exited := make(chan struct{})
	go func() {
		waitErr = cmd.Wait()
		outW.Close()
		errW.Close()
		close(exited)
	}()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	subscribed := make(chan string, 10)
	var stderrMu sync.Mutex
	var stderrLines []string
	go func() {
		sc := bufio.NewScanner(errR)
		for sc.Scan() {
			stderrMu.Lock()
			stderrLines = append(stderrLines, sc.Text())
			stderrMu.Unlock()
			if strings.HasPrefix(sc.Text(), "subscribed: ") {
				subscribed <- sc.Text()
			}
		}
	}()
	t.Cleanup(func() {
		stderrMu.Lock()
		defer stderrMu.Unlock()
		t.Logf("watch-alerts stderr:\n%s", strings.Join(stderrLines, "\n"))
	})
	stopped := false
	stop := func() error {
		stopped = true
		select {
		case <-exited:
			return fmt.Errorf("watch-alerts had exited already: %v", waitErr)
		default:
		}
		if err := cmd.Process.Signal(os.Interrupt); err != nil { // by PID
			return err
		}
		select {
		case <-exited:
			return waitErr
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			return fmt.Errorf("watch-alerts did not stop within 10 s of an interrupt")
		}
	}
	t.Cleanup(func() {
		if !stopped {
			_ = stop()
		}
	})
	for i := 0; i < 2; i++ {
		select {
		case <-subscribed:
		case <-exited:
			t.Fatalf("watch-alerts exited before subscribing: %v", waitErr)
		case <-time.After(30 * time.Second):
			t.Fatal("watch-alerts did not subscribe within 30 s")
		}
	}

	// At least a block of history, then a swap moving pool 2's price about
	// 10%; the same on pool 1, which has no threshold.
	n.waitForHeight(n.height()+2, 30*time.Second)
	n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "5000000uatom", "1",
		"--route-pool-ids", "1", "--route-token-out-denoms", "uusdc")
	res := n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "5000000uatom", "1",
		"--route-pool-ids", "2", "--route-token-out-denoms", "uusdc")
	alertAt := time.Now()
	found := false
	for _, e := range res.Events {
		found = found || e.Type == "smartpool.v1.EventDeviationAlert"
	}
	require.True(t, found, "the swap emitted no EventDeviationAlert: %+v", res.Events)

	next := func(timeout time.Duration) string {
		t.Helper()
		select {
		case l, ok := <-lines:
			require.True(t, ok, "watch-alerts closed its output")
			t.Logf("watch-alerts: %s", l)
			return l
		case <-time.After(timeout):
			t.Fatalf("watch-alerts printed nothing within %s", timeout)
			return ""
		}
	}
	alert := next(30 * time.Second)
	require.True(t, strings.HasPrefix(alert, "alert "), alert)
	require.Contains(t, alert, " pool_id=2 ")
	require.Contains(t, alert, " tx="+res.TxHash+" ")
	require.Contains(t, alert, " base_denom=uusdc quote_denom=uatom ")
	require.Contains(t, alert, " threshold=0.010000000000000000 ")
	require.True(t, strings.HasSuffix(alert, " window=60s"), alert)
	dev := regexp.MustCompile(` deviation=([0-9.]+) `).FindStringSubmatch(alert)
	require.NotNil(t, dev, alert)
	d, err := strconv.ParseFloat(dev[1], 64)
	require.NoError(t, err)
	require.True(t, d > 0.05 && d < 0.2, "deviation %v for a 5%% swap into a 50/50 pool", d)

	// Once per crossing: a further move the same way raises nothing new.
	n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "1000000uatom", "1",
		"--route-pool-ids", "2", "--route-token-out-denoms", "uusdc")

	// A minute on, the 1 m TWAP is the new price: the next operation clears.
	if wait := time.Until(alertAt.Add(65 * time.Second)); wait > 0 {
		time.Sleep(wait)
	}
	res = n.txOK("alice", "tx", "smartpool", "swap-exact-amount-in", "1000uatom", "1",
		"--route-pool-ids", "2", "--route-token-out-denoms", "uusdc")
	cleared := next(30 * time.Second)
	require.True(t, strings.HasPrefix(cleared, "cleared "), "expected the clearance, got %s", cleared)
	require.Contains(t, cleared, " pool_id=2 ")
	require.Contains(t, cleared, " tx="+res.TxHash+" ")

	// Nothing else was printed (pool 1 never alerts), and an interrupt stops it cleanly.
	require.NoError(t, stop())
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	require.Empty(t, rest, "unexpected watch-alerts output")
}
