package cli

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/risk"
)

// Every built-in scenario parses, and runs.
func TestBuiltinScenariosRun(t *testing.T) {
	names := BuiltinScenarioNames()
	require.Equal(t, []string{"calm", "crash", "depeg", "high-volatility", "lbp", "liquidity-crunch", "momentum"}, names)
	var scs []risk.Scenario
	for _, n := range names {
		sc, err := BuiltinScenario(n)
		require.NoError(t, err, n)
		require.Equal(t, n, sc.Name)
		require.NotEmpty(t, sc.Description)
		sc.Steps = min(sc.Steps, 200)
		scs = append(scs, sc)
	}
	run, err := risk.Simulate(scs, risk.Options{Paths: 3, Seed: 1})
	require.NoError(t, err)
	require.Len(t, run.Scenarios, len(names))
}

const goodScenario = `
name: mine
steps: 50
step: 1h
pool:
  assets:
    - {denom: uusdc, amount: "1000000000", weight: "50"}
    - {denom: uatom, amount: "100000000", weight: "50"}
  swap_fee: "0.003"
market:
  volatility: [0, 0.5]
agents:
  arbitrage: {gas_cost: 0}
`

// Bad scenarios fail with an error that names what is wrong; none panics.
func TestScenarioBadInput(t *testing.T) {
	_, err := ParseScenario([]byte(goodScenario))
	require.NoError(t, err)
	for _, tc := range []struct{ edit, want string }{
		{"market:\n  volatilty: [0, 0.5]", "volatilty"},
		{"market:\n  volatility: [0.5]", "1 values for 2 assets"},
		{"market:\n  volatility: [0, -1]", "volatility"},
		{"market:\n  correlation: [[1, 2], [2, 1]]", "correlation"},
		{"market:\n  correlation: [[1, 0.99999999999999], [0.99999999999999, 1]]", "positive definite"},
		{"market:\n  shocks: [{asset: ufoo, at: 1h, over: 1h, change: -0.5}]", "ufoo"},
		{"market:\n  shocks: [{asset: uatom, at: 1h, over: 1h, change: -1}]", "change"},
		{"market:\n  regimes: [{name: a, volatility_scale: 1}]", "transitions"},
		{"market:\n  prices: [1, 0]", "positive"},
		{"steps: 0", "steps"},
		{"step: 1ms", "step"},
		{"step: soon", "duration"},
		{"agents:\n  noise: {trades_per_step: 1, size: 2}", "noise"},
		{"agents:\n  noise: {trades_per_step: 1, size: 0.1, buy: ufoo}", "ufoo"},
		{"agents:\n  mass_exit: {at: 1h, over: 1h, fraction: 1.5}", "fraction"},
		{"pool:\n  assets: [{denom: uatom, amount: \"1000\", weight: \"1\"}]\n  swap_fee: \"0\"", "assets"},
		{"pool:\n  assets: [{denom: uatom, amount: \"1000\", weight: \"0\"}, {denom: uusdc, amount: \"1000\", weight: \"1\"}]\n  swap_fee: \"0\"", "weight"},
		{"pool:\n  swap_fee: \"0.003\"\n  asets: []", "asets"},
		{"name: [", "YAML"},
	} {
		sc, err := ParseScenario([]byte(replaceTopLevel(goodScenario, tc.edit)))
		if err == nil {
			_, err = risk.Simulate([]risk.Scenario{sc}, risk.Options{Paths: 1, Seed: 1})
		}
		require.Error(t, err, tc.edit)
		require.Contains(t, err.Error(), tc.want, tc.edit)
	}
}

// replaceTopLevel swaps the top-level key of edit's first line in a
// scenario (with its block) for edit.
func replaceTopLevel(doc, edit string) string {
	key := strings.SplitN(edit, ":", 2)[0] + ":"
	var out []string
	skipping := false
	for _, line := range strings.Split(doc, "\n") {
		top := line != "" && line[0] != ' '
		if top {
			skipping = strings.HasPrefix(line, key)
			if skipping {
				out = append(out, edit)
				continue
			}
		}
		if !skipping {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// Not on a terminal, progress is a plain line per 10%; on one, a bar
// redrawn in place that ends with a newline.
func TestRiskProgress(t *testing.T) {
	var plain strings.Builder
	p := newProgress(&plain, time.Now())
	require.False(t, p.terminal)
	for done := 1; done <= 37; done++ {
		p.update(done, 37)
	}
	p.finish()
	lines := strings.Split(strings.TrimSpace(plain.String()), "\n")
	require.Len(t, lines, 10)
	require.True(t, strings.HasPrefix(lines[0], "simulated 10% (4/37 paths)"), lines[0])
	require.True(t, strings.HasPrefix(lines[9], "simulated 100% (37/37 paths)"), lines[9])

	var bar strings.Builder
	p = &progress{w: &bar, terminal: true, start: time.Now()}
	p.update(10, 40)
	p.update(40, 40)
	p.finish()
	out := bar.String()
	require.Contains(t, out, "\r[##########..............................]  25%  10/40 paths")
	require.Contains(t, out, "\r[########################################] 100%  40/40 paths")
	require.True(t, strings.HasSuffix(out, "\n"))
}

// docs/risk.md shows `poold risk scenarios --show calm` and a scenario file
// of its own: the first must be the built-in file as it is, the second must
// parse and run.
func TestRiskDocsExamples(t *testing.T) {
	bz, err := os.ReadFile("../../../../docs/risk.md")
	require.NoError(t, err)
	doc := string(bz)
	calm, err := BuiltinScenarioYAML("calm")
	require.NoError(t, err)
	shown := between(t, doc, "$ poold risk scenarios --show calm\n", "```")
	require.Equal(t, string(calm), shown, "docs/risk.md shows an old calm.yaml")

	own := between(t, doc, "This file, `my.yaml`", "```\n\n")
	own = own[strings.Index(own, "```yaml\n")+len("```yaml\n"):]
	sc, err := ParseScenario([]byte(own))
	require.NoError(t, err)
	sc.Steps = 100
	_, err = risk.Simulate([]risk.Scenario{sc}, risk.Options{Paths: 2, Seed: 1})
	require.NoError(t, err)
}

// between is the text of s after the first from, up to the next to.
func between(t *testing.T, s, from, to string) string {
	i := strings.Index(s, from)
	require.GreaterOrEqual(t, i, 0, "%q not found", from)
	rest := s[i+len(from):]
	j := strings.Index(rest, to)
	require.GreaterOrEqual(t, j, 0, "%q not found after %q", to, from)
	return rest[:j]
}
