package risk

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/types"
)

// Every feature at the edge of what a scenario may ask for — eight assets,
// the most volatile markets, crashes to almost nothing, jumps, every agent
// at full tilt, breakers, a fee policy, a strategy — runs without an error
// and gives finite figures: the engine and the chain code under it take
// whatever a valid scenario does to a pool.
func TestExtremeScenariosRun(t *testing.T) {
	d := sdkmath.LegacyMustNewDecFromStr
	eight := func() *types.MsgCreatePool {
		msg := &types.MsgCreatePool{SwapFee: d("0.01")}
		for i := range 8 {
			msg.Assets = append(msg.Assets, types.PoolAsset{Denom: fmt.Sprintf("tok%d", i), Balance: sdkmath.NewInt(int64(1_000_000_000) * int64(i+1)), Weight: sdkmath.NewInt(int64(i%3 + 1))})
		}
		return msg
	}
	wild := func(name string, msg *types.MsgCreatePool) Scenario {
		n := len(msg.Assets)
		vol, drift := make([]float64, n), make([]float64, n)
		for i := range vol {
			vol[i], drift[i] = 20, float64(i%3-1)*100
		}
		return Scenario{
			Name: name, Steps: 150, Step: Duration(time.Hour), Samples: 7, SamplePaths: 2,
			Market: Market{
				Volatility: vol, Drift: drift,
				Regimes:     []Regime{{Name: "a", VolatilityScale: 1}, {Name: "b", VolatilityScale: 100, DriftShift: -100, JumpScale: 100}},
				Transitions: [][]float64{{0, 1}, {1, 0}},
				Jumps:       &Jumps{RatePerYear: 100_000, Mean: -10, Stdev: 10},
				Shocks:      []Shock{{Asset: msg.Assets[1].Denom, At: Duration(time.Hour), Over: 0, Change: -0.999999}, {Asset: msg.Assets[0].Denom, At: 0, Over: Duration(50 * time.Hour), Change: 1000}},
			},
			Agents: Agents{
				Arbitrage: &Arbitrage{MaxTradesPerStep: 100},
				Noise:     &Noise{TradesPerStep: 20, Size: 0.99, Spread: 10, Buy: msg.Assets[0].Denom, BuyProbability: 1},
				LPs:       &LPs{JoinsPerStep: 10, ExitsPerStep: 10, Size: 0.99, Spread: 10, SingleAsset: 1},
				MassExit:  &MassExit{At: Duration(2 * time.Hour), Over: 0, Fraction: 0.999999, Asset: msg.Assets[1].Denom},
			},
			Pool: msg, Params: types.DefaultParams(),
		}
	}
	guarded := eight()
	guarded.Breakers = &types.CircuitBreakers{MaxPriceDeviation: d("0.01"), Window: time.Hour, MaxBlockOutflow: d("0.01"), AlertThreshold: d("0.01")}
	policy := eight()
	policy.FeePolicy = &types.FeePolicy{
		Volatility: &types.VolatilityFeePolicy{K: d("1"), MinFee: d("0"), MaxFee: d("0.1"), Window: time.Hour},
		Direction:  &types.DirectionFeePolicy{Rebate: d("1"), Surcharge: d("1"), Window: time.Minute},
		Tiers:      []types.FeeTier{{MinInRatio: d("0.0001"), ExtraFee: d("0.05")}},
	}
	strategy := &types.MsgCreatePool{SwapFee: d("0.003"), Assets: []types.PoolAsset{
		{Denom: "ausd", Balance: sdkmath.NewInt(1_000_000_000_000), Weight: sdkmath.NewInt(1)},
		{Denom: "btok", Balance: sdkmath.NewInt(1_000_000_000_000), Weight: sdkmath.NewInt(1)},
	}, Strategy: &types.WeightStrategy{Kind: types.RULE_KIND_POWER_CHANNEL, Interval: time.Hour, Memory: d("0"), Kappa: decPtrOf("1000"), Exponent: decPtrOf("3"),
		Rails: types.StrategyRails{MinWeight: d("0.05"), MaxWeight: d("0.95"), MaxChangePerUpdate: d("0.9"), MaxChangePerDay: d("1")}}}
	scenarios := []Scenario{wild("eight", eight()), wild("breakers", guarded), wild("policy", policy), wild("strategy", strategy)}
	run, err := Simulate(scenarios, Options{Paths: 3, Seed: 99})
	require.NoError(t, err)
	for _, r := range run.Scenarios {
		s := r.Summary
		t.Logf("%s: LP/HODL median %.4g, activity %+v", s.Name, s.LPOverHODL.P50, s.Activity)
		for _, x := range append([]float64{s.LPOverHODL.Min, s.LPOverHODL.Max, s.FeeIncome.Max, s.ArbitrageProfit.Max, s.ImpermanentLoss.Min}, r.Finals.LPOverHODL...) {
			require.False(t, math.IsNaN(x) || math.IsInf(x, 0), "%s: a figure is not finite", s.Name)
		}
		require.Greater(t, s.Activity.ArbitrageTrades+s.Activity.NoiseTrades, 0.0, s.Name)
	}
}

func decPtrOf(s string) *sdkmath.LegacyDec { d := sdkmath.LegacyMustNewDecFromStr(s); return &d }

// Out-of-range numbers in a scenario are refused with a message naming them.
func TestScenarioBoundsRefused(t *testing.T) {
	base := arbitrageOnly("bounds", []int64{50, 50}, "0.003", 10)
	for _, tc := range []struct {
		edit func(*Scenario)
		want string
	}{
		{func(s *Scenario) { s.Market.Drift = []float64{0, 1000} }, "drift"},
		{func(s *Scenario) { s.Market.Volatility = []float64{0, math.NaN()} }, "volatility"},
		{func(s *Scenario) { s.Market.Jumps = &Jumps{RatePerYear: math.NaN()} }, "jumps"},
		{func(s *Scenario) { s.Market.Shocks = []Shock{{Asset: "btok", Change: math.NaN()}} }, "shocks"},
		{func(s *Scenario) {
			s.Market.Regimes, s.Market.Transitions = []Regime{{VolatilityScale: 1}, {VolatilityScale: 1}}, [][]float64{{0, math.NaN()}, {0, 0}}
		}, "transitions"},
		{func(s *Scenario) { s.Samples = MaxSamples + 1 }, "samples"},
		{func(s *Scenario) { s.Agents.Arbitrage.MaxTradesPerStep = 101 }, "max_trades_per_step"},
		{func(s *Scenario) { s.Agents.Noise = &Noise{TradesPerStep: 1, Size: math.NaN()} }, "noise"},
		{func(s *Scenario) { s.Agents.MassExit = &MassExit{Fraction: math.NaN()} }, "mass_exit"},
	} {
		sc := base
		sc.Agents.Arbitrage = &Arbitrage{}
		tc.edit(&sc)
		_, err := Simulate([]Scenario{sc}, Options{Paths: 1, Seed: 1})
		require.Error(t, err, tc.want)
		require.True(t, strings.Contains(err.Error(), tc.want), "%q lacks %q", err, tc.want)
	}
}
