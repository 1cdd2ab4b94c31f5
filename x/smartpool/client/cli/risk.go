package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/poold/poold/x/smartpool/risk"
	"github.com/poold/poold/x/smartpool/risk/report"
)

const (
	flagConfig   = "config"
	flagScenario = "scenario"
	flagOut      = "out"
	flagPaths    = "paths"
	flagSeed     = "seed"
	flagWorkers  = "workers"
	flagShow     = "show"
)

// NewRiskCmd returns `poold risk`: the Monte Carlo simulator of pool designs.
func NewRiskCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "risk",
		Short: "Simulate a pool design through markets and stress scenarios, on the chain's own pool code",
		Long: `Monte Carlo and stress testing of a smart pool before it exists: LP value
against holding, impermanent loss, fee income, what arbitrageurs take, final
weights and prices, over thousands of market paths. The pool is advanced by the
same Go code the chain runs (swaps, joins and exits, fee policies, weight
schedules and curves, strategies, circuit breakers), block by block as the
chain stores it: replayed through the chain, a simulated path gets the same
result for every operation and ends with the same pool. Runs offline; no node
is needed.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newRiskSimulateCmd(), newRiskScenariosCmd())
	return cmd
}

func newRiskSimulateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Run scenarios over many market paths and write summary.json, paths.csv, PNG plots and report.html",
		Long: `Runs each scenario (a built-in one with --scenario, your own file with
--config; both repeatable, "--scenario all" for every built-in) over --paths
market paths and writes to --out:

  summary.json   per scenario: mean, 5/50/95th percentiles and worst path of
                 LP/HODL, impermanent loss, fee income, arbitrage profit, final
                 weights and prices; agent activity (schema in docs/risk.md)
  paths.csv      the first sample paths: one row per scenario, path, sample
                 time and denom
  *.png          fan charts of LP/HODL and of values over time, weights over
                 time, price paths, histograms of the final outcomes
  report.html    all of it on one page, readable offline

A scenario file is YAML: the pool exactly as create-pool's --pool-file takes it
(assets, swap_fee, fee_policy, breakers, weight_schedule, strategy, ...), the
market (start prices, drift, volatility, correlation, Markov regimes, jumps,
scheduled shocks) and the agents (arbitrage, noise, lps, mass_exit). See
"poold risk scenarios --show calm" for a complete one, and docs/risk.md.

The same --seed gives byte-identical summary.json whatever --workers is; the
default uses every core.`,
		Example: `  poold risk scenarios
  poold risk simulate --scenario calm --paths 1000 --out /tmp/calm
  poold risk simulate --scenario all --paths 2000 --seed 7 --out /tmp/stress
  poold risk scenarios --show momentum > my-pool.yaml   # edit, then:
  poold risk simulate --config my-pool.yaml --paths 5000 --out /tmp/mine`,
		Args: cobra.NoArgs,
		RunE: runRiskSimulate,
	}
	cmd.Flags().StringSlice(flagConfig, nil, "scenario file (YAML, or JSON); repeatable")
	cmd.Flags().StringSlice(flagScenario, nil, `built-in scenario name, or "all"; repeatable`)
	cmd.Flags().String(flagOut, "", "directory to write the results to (created if missing)")
	cmd.Flags().Int(flagPaths, 1000, "market paths per scenario")
	cmd.Flags().Uint64(flagSeed, 1, "random seed: the same seed gives the same results")
	cmd.Flags().Int(flagWorkers, 0, "parallel workers (default: every core)")
	return cmd
}

func runRiskSimulate(cmd *cobra.Command, _ []string) error {
	cmd.SilenceUsage = true // errors here are about the inputs, and say so
	configs, _ := cmd.Flags().GetStringSlice(flagConfig)
	names, _ := cmd.Flags().GetStringSlice(flagScenario)
	out, _ := cmd.Flags().GetString(flagOut)
	paths, _ := cmd.Flags().GetInt(flagPaths)
	seed, _ := cmd.Flags().GetUint64(flagSeed)
	workers, _ := cmd.Flags().GetInt(flagWorkers)
	if out == "" {
		return fmt.Errorf("--%s is required: the directory to write the results to", flagOut)
	}
	if len(configs) == 0 && len(names) == 0 {
		return fmt.Errorf("give --%s NAME (see `poold risk scenarios`) or --%s FILE", flagScenario, flagConfig)
	}
	if workers < 0 {
		return fmt.Errorf("--%s must not be negative", flagWorkers)
	}
	var scenarios []risk.Scenario
	for _, name := range names {
		list := []string{name}
		if name == "all" {
			list = BuiltinScenarioNames()
		}
		for _, n := range list {
			sc, err := BuiltinScenario(n)
			if err != nil {
				return err
			}
			scenarios = append(scenarios, sc)
		}
	}
	for _, file := range configs {
		sc, err := LoadScenarioFile(file)
		if err != nil {
			return err
		}
		scenarios = append(scenarios, sc)
	}
	if workers == 0 {
		workers = runtime.NumCPU()
	}
	progress := newProgress(cmd.ErrOrStderr(), time.Now())
	run, err := risk.Simulate(scenarios, risk.Options{Paths: paths, Seed: seed, Workers: workers, Progress: progress.update})
	if err != nil {
		return err
	}
	progress.finish()
	if err := report.Write(out, run); err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	for _, r := range run.Scenarios {
		s := r.Summary
		fmt.Fprintf(w, "%-18s LP/HODL p5 %.4f  p50 %.4f  p95 %.4f  worst %.4f   fee income p50 %.4f   arbitrage p50 %.4f\n",
			s.Name, s.LPOverHODL.P5, s.LPOverHODL.P50, s.LPOverHODL.P95, s.LPOverHODL.Worst, s.FeeIncome.P50, s.ArbitrageProfit.P50)
	}
	fmt.Fprintf(w, "wrote %s/%s, %s, %s and the plots\n", strings.TrimSuffix(out, "/"), report.SummaryFile, report.PathsFile, report.HTMLFile)
	return nil
}

// progress reports paths done: a bar redrawn in place on a terminal, a
// plain line per 10% otherwise (logs, CI).
type progress struct {
	w        io.Writer
	terminal bool
	start    time.Time
	lastTen  int
	lastDraw time.Time
}

func newProgress(w io.Writer, start time.Time) *progress {
	p := &progress{w: w, start: start}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	elapsed := time.Since(p.start).Round(100 * time.Millisecond)
	if p.terminal {
		if done < total && time.Since(p.lastDraw) < 100*time.Millisecond {
			return
		}
		p.lastDraw = time.Now()
		const width = 40
		filled := done * width / total
		fmt.Fprintf(p.w, "\r[%s%s] %3d%%  %d/%d paths  %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done*100/total, done, total, elapsed)
		return
	}
	if ten := done * 10 / total; ten > p.lastTen {
		p.lastTen = ten
		fmt.Fprintf(p.w, "simulated %d%% (%d/%d paths) in %s\n", ten*10, done, total, elapsed)
	}
}

func (p *progress) finish() {
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

func newRiskScenariosCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List the built-in stress scenarios, or print one as a template",
		Long: `Lists the built-in stress scenarios with what each does. With --show NAME it
prints that scenario's YAML file: a complete, commented example to copy and
edit for "poold risk simulate --config".`,
		Example: `  poold risk scenarios
  poold risk scenarios --show crash`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if name, _ := cmd.Flags().GetString(flagShow); name != "" {
				bz, err := BuiltinScenarioYAML(name)
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(bz)
				return err
			}
			for _, name := range BuiltinScenarioNames() {
				sc, err := BuiltinScenario(name)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%-18s %s\n", name, sc.Description)
			}
			return nil
		},
	}
	cmd.Flags().String(flagShow, "", "print this built-in scenario's YAML")
	return cmd
}
