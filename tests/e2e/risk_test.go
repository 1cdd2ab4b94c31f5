package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/risk/report"
)

// TestRiskSimulateBuiltins runs `poold risk simulate` on every built-in
// scenario, checks each run's files, renders its report.html in headless
// Chromium and checks the screenshot is not blank; then checks the same
// seed gives byte-identical summary.json on one worker and on two.
func TestRiskSimulateBuiltins(t *testing.T) {
	root := repoRoot(t)
	bin := buildPoold(t, root)
	out, err := exec.Command(bin, "risk", "scenarios").CombinedOutput()
	require.NoError(t, err, string(out))
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		names = append(names, strings.Fields(line)[0])
	}
	require.Len(t, names, 7, "the seven built-in stress scenarios")

	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			cmd := exec.Command(bin, "risk", "simulate", "--scenario", name, "--paths", "40", "--seed", "5", "--out", dir)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.Output()
			require.NoError(t, err, stderr.String())
			require.Contains(t, string(stdout), name)
			require.Contains(t, stderr.String(), "simulated 100% (40/40 paths)", "a plain progress line per 10% when not on a terminal")

			var summary struct {
				Schema    string `json:"schema"`
				Scenarios []struct {
					Name       string `json:"name"`
					Paths      int    `json:"paths"`
					LPOverHODL struct {
						P5, P50, P95, Worst float64
					} `json:"lp_over_hodl"`
				} `json:"scenarios"`
			}
			bz, err := os.ReadFile(filepath.Join(dir, "summary.json"))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(bz, &summary))
			require.Equal(t, "poold-risk-summary/v1", summary.Schema)
			require.Len(t, summary.Scenarios, 1)
			s := summary.Scenarios[0]
			require.Equal(t, name, s.Name)
			require.Equal(t, 40, s.Paths)
			require.True(t, s.LPOverHODL.Worst <= s.LPOverHODL.P5 && s.LPOverHODL.P5 <= s.LPOverHODL.P50 && s.LPOverHODL.P50 <= s.LPOverHODL.P95)
			require.Greater(t, s.LPOverHODL.P50, 0.5)

			csv, err := os.ReadFile(filepath.Join(dir, "paths.csv"))
			require.NoError(t, err)
			require.Greater(t, bytes.Count(csv, []byte("\n")), 100)
			pngs, err := filepath.Glob(filepath.Join(dir, name+"-*.png"))
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(pngs), 5, "fan charts, values, weights, prices, histograms")
			html, err := os.ReadFile(filepath.Join(dir, "report.html"))
			require.NoError(t, err)
			for _, p := range pngs {
				require.Contains(t, string(html), filepath.Base(p))
			}

			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			shot := filepath.Join(t.TempDir(), "shot.png")
			err = report.Screenshot(ctx, filepath.Join(dir, "report.html"), shot)
			if errors.Is(err, report.ErrNoBrowser) && os.Getenv("POOLD_SKIP_BROWSER") == "1" {
				t.Skip("no Chromium here and POOLD_SKIP_BROWSER=1")
			}
			require.NoError(t, err)
			require.NoError(t, report.CheckNotBlank(shot))
		})
	}

	t.Run("same seed, one or two workers", func(t *testing.T) {
		summaries := map[string][]byte{}
		for _, workers := range []string{"1", "2"} {
			dir := filepath.Join(t.TempDir(), "w"+workers)
			out, err := exec.Command(bin, "risk", "simulate", "--scenario", "calm", "--scenario", "momentum",
				"--paths", "60", "--seed", "9", "--workers", workers, "--out", dir).CombinedOutput()
			require.NoError(t, err, string(out))
			summaries[workers], err = os.ReadFile(filepath.Join(dir, "summary.json"))
			require.NoError(t, err)
		}
		require.Equal(t, summaries["1"], summaries["2"])
	})

	t.Run("bad input", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.yaml")
		require.NoError(t, os.WriteFile(bad, []byte("name: x\nsteps: 10\nstep: 1h\nmarket: {volatilty: [0, 1]}\npool: {}\n"), 0o600))
		for _, args := range [][]string{
			{"--scenario", "calm"},                                       // no --out
			{"--scenario", "nope", "--out", t.TempDir()},                 // unknown scenario
			{"--config", bad, "--out", t.TempDir()},                      // misspelt field
			{"--scenario", "calm", "--paths", "0", "--out", t.TempDir()}, // no paths
		} {
			out, err := exec.Command(bin, append([]string{"risk", "simulate"}, args...)...).CombinedOutput()
			require.Error(t, err, "%v: %s", args, out)
			require.NotContains(t, string(out), "panic:", "%v", args)
			require.NotContains(t, string(out), "Usage:", "%v: a clear error, not the usage", args)
		}
	})
}
