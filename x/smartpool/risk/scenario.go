package risk

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/poold/poold/x/smartpool/types"
)

// Scenario is one pool design under one market and set of agents. Per-asset
// lists (prices, drift, volatility, correlation rows) follow the order of
// the pool's assets as the pool file gives them; results come in the
// pool's own (sorted) order.
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Steps of Step each; every step is one block: the market moves, then
	// the arbitrageurs, the noise traders and the LPs act, in that order.
	Steps int      `json:"steps"`
	Step  Duration `json:"step"`
	// Samples is how many evenly spaced times (after the start) the series
	// and paths.csv keep; SamplePaths how many whole paths paths.csv keeps.
	Samples     int `json:"samples"`
	SamplePaths int `json:"sample_paths"`

	Market Market `json:"market"`
	Agents Agents `json:"agents"`

	// Pool is the create-pool message the scenario's "pool" (a create-pool
	// pool file) describes; Params the module params the pool runs under.
	Pool   *types.MsgCreatePool `json:"-"`
	Params types.Params         `json:"-"`
}

// Market is the external market: every asset has a price in one outside
// unit (think USD) that follows geometric Brownian motion with correlated
// shocks, scaled by a Markov regime, plus optional jumps and scheduled
// moves. Drift and volatility are annual.
type Market struct {
	// Prices at the start; by default the first asset is worth 1 and the
	// others what the pool's balances and weights price them at.
	Prices      []float64   `json:"prices"`
	Drift       []float64   `json:"drift"`
	Volatility  []float64   `json:"volatility"`
	Correlation [][]float64 `json:"correlation"`
	// Regimes scale volatility and shift the drift of the assets with a
	// volatility (a zero-volatility asset stays a stable unit); Transitions[i][j] is the
	// chance per day of moving from regime i to j (the diagonal is unused).
	// Without regimes the market stays in one calm regime.
	Regimes     []Regime    `json:"regimes"`
	Transitions [][]float64 `json:"transitions"`
	Jumps       *Jumps      `json:"jumps"`
	Shocks      []Shock     `json:"shocks"`
}

// Regime is a market state.
type Regime struct {
	Name            string  `json:"name"`
	VolatilityScale float64 `json:"volatility_scale"`
	DriftShift      float64 `json:"drift_shift"`
	JumpScale       float64 `json:"jump_scale"`
}

// Jumps are sudden log-price moves: on average RatePerYear of them a year
// per asset (of Assets, or all), each normal in log with Mean and Stdev.
type Jumps struct {
	RatePerYear float64  `json:"rate_per_year"`
	Mean        float64  `json:"mean"`
	Stdev       float64  `json:"stdev"`
	Assets      []string `json:"assets"`
}

// Shock is a scheduled move: Asset's price is multiplied by 1 + Change,
// spread evenly in log over [At, At + Over]. Crashes, depegs and trends.
type Shock struct {
	Asset  string   `json:"asset"`
	At     Duration `json:"at"`
	Over   Duration `json:"over"`
	Change float64  `json:"change"`
}

// Agents are who trade with the pool. Each kind is off when absent.
type Agents struct {
	Arbitrage *Arbitrage `json:"arbitrage"`
	Noise     *Noise     `json:"noise"`
	LPs       *LPs       `json:"lps"`
	MassExit  *MassExit  `json:"mass_exit"`
}

// Arbitrage trades the pool toward the market price whenever the best
// trade's profit after fees beats GasCost (in the outside unit), up to
// MaxTradesPerStep trades a step (default: one per asset beyond the first).
type Arbitrage struct {
	GasCost          float64 `json:"gas_cost"`
	MaxTradesPerStep int     `json:"max_trades_per_step"`
}

// Noise traders swap at random: a Poisson number per step, each from a
// random asset to another, of a lognormal size around Size (a fraction of
// the balance paid in) with log spread Spread. With Buy set, a trade buys
// that asset with probability BuyProbability (LBP buyers).
type Noise struct {
	TradesPerStep  float64 `json:"trades_per_step"`
	Size           float64 `json:"size"`
	Spread         float64 `json:"spread"`
	Buy            string  `json:"buy"`
	BuyProbability float64 `json:"buy_probability"`
}

// LPs join and exit at random: Poisson counts per step, each of a
// lognormal size around Size (a fraction of the shares), single-asset with
// probability SingleAsset, else proportional.
type LPs struct {
	JoinsPerStep float64 `json:"joins_per_step"`
	ExitsPerStep float64 `json:"exits_per_step"`
	Size         float64 `json:"size"`
	Spread       float64 `json:"spread"`
	SingleAsset  float64 `json:"single_asset"`
}

// MassExit is a run on the pool: Fraction of the shares outstanding at At
// exit evenly over Over, proportionally or, with Asset set, all into that
// asset (as far as the pool's limits and breakers let them each block).
type MassExit struct {
	At       Duration `json:"at"`
	Over     Duration `json:"over"`
	Fraction float64  `json:"fraction"`
	Asset    string   `json:"asset"`
}

// Duration is a time.Duration written as a Go duration ("90m", "1h30m")
// or a number of days ("3d").
type Duration time.Duration

// D is the duration as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// ParseDuration reads "3d", "1.5d" or any Go duration.
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		f, err := strconv.ParseFloat(days, 64)
		if err != nil {
			return 0, fmt.Errorf("duration %q: %w", s, err)
		}
		return Duration(f * float64(24*time.Hour)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %q: %w", s, err)
	}
	return Duration(d), nil
}

// UnmarshalJSON reads a duration string.
func (d *Duration) UnmarshalJSON(bz []byte) error {
	var s string
	if err := json.Unmarshal(bz, &s); err != nil {
		return fmt.Errorf("a duration is a string like \"1h\" or \"3d\": %w", err)
	}
	v, err := ParseDuration(s)
	*d = v
	return err
}

// MarshalJSON writes a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }
