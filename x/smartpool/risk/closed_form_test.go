package risk

import (
	"math"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/poold/poold/x/smartpool/types"
)

// arbitrageOnly is a pool of the given weights (first asset the numeraire,
// worth 1, the others volatile) traded by fee-less arbitrageurs only.
func arbitrageOnly(name string, weights []int64, fee string, steps int) Scenario {
	denoms := []string{"ausd", "btok", "ctok", "dtok"}
	msg := &types.MsgCreatePool{SwapFee: sdkmath.LegacyMustNewDecFromStr(fee)}
	vol := make([]float64, len(weights))
	for i, w := range weights {
		// Balances set so that every start price is 1: B_i ∝ w_i.
		msg.Assets = append(msg.Assets, types.PoolAsset{Denom: denoms[i], Balance: sdkmath.NewInt(w * 1_000_000_000_000), Weight: sdkmath.NewInt(w)})
		if i > 0 {
			vol[i] = 0.8
		}
	}
	return Scenario{
		Name: name, Steps: steps, Step: Duration(time.Hour), Samples: 10,
		Market: Market{Volatility: vol, Drift: make([]float64, len(weights))},
		Agents: Agents{Arbitrage: &Arbitrage{MaxTradesPerStep: 12}},
		Pool:   msg, Params: types.DefaultParams(),
	}
}

// runPaths runs paths of a scenario one by one and returns them.
func runPaths(t *testing.T, sc Scenario, paths int, seed uint64) (*compiled, []pathResult) {
	c, err := compile(sc)
	require.NoError(t, err)
	out := make([]pathResult, paths)
	for j := range out {
		out[j] = newPath(c, pathRNG(seed, sc.Name, j)).run(c.samples)
	}
	return c, out
}

// With no fee and only arbitrageurs the pool sits at the market price after
// every block, so a share's value over holding is the weighted pool's
// closed form Π p_i^w_i / Σ w_i·p_i (prices over their start).
func TestLPOverHODLMatchesClosedForm(t *testing.T) {
	for _, weights := range [][]int64{{50, 50}, {80, 20}, {20, 80}, {1, 1, 1}, {40, 30, 20, 10}} {
		c, paths := runPaths(t, arbitrageOnly("closed-form", weights, "0", 150), 200, 7)
		var sim, formula, sumSq float64
		worst := 0.0
		last := len(c.samples)
		for _, p := range paths {
			logGeo, arith := 0.0, 0.0
			for i, w := range p.weights[0] { // pool order; the start weights
				x := p.prices[last][i]
				logGeo += w * math.Log(x)
				arith += w * x
			}
			want := math.Exp(logGeo) / arith
			got := p.final.lpOverHODL
			sim += got
			formula += want
			sumSq += want * want
			worst = math.Max(worst, math.Abs(got/want-1))
		}
		n := float64(len(paths))
		sim, formula = sim/n, formula/n
		stderr := math.Sqrt((sumSq/n - formula*formula) / n)
		t.Logf("weights %v: mean LP/HODL %.6f, closed form %.6f (MC stderr %.2g), worst path rel. error %.2g", weights, sim, formula, stderr, worst)
		require.Less(t, math.Abs(sim-formula), stderr, "weights %v", weights)
		require.Less(t, worst, 1e-8, "weights %v", weights)
		require.Less(t, formula, 1.0, "a volatile market costs a fee-less pool")
	}
}

// Arbitrageurs pay the fee into the pool: at 1% LPs end better off than at
// 0 on the same price paths.
func TestFeeRaisesLPOverHODL(t *testing.T) {
	mean := func(fee string) float64 {
		_, paths := runPaths(t, arbitrageOnly("fee", []int64{50, 50}, fee, 300), 200, 11)
		s := 0.0
		for _, p := range paths {
			s += p.final.lpOverHODL
		}
		return s / float64(len(paths))
	}
	zero, one := mean("0"), mean("0.01")
	t.Logf("mean LP/HODL: fee 0 %.6f, fee 1%% %.6f", zero, one)
	require.Greater(t, one, zero)
}

// The same seed gives the same run on one worker and on two.
func TestSimulateDeterministicAcrossWorkers(t *testing.T) {
	scs := []Scenario{arbitrageOnly("a", []int64{50, 50}, "0.003", 50), arbitrageOnly("b", []int64{1, 1, 1}, "0.01", 40)}
	scs[1].Agents.Noise = &Noise{TradesPerStep: 2, Size: 0.01, Spread: 1}
	scs[1].Agents.LPs = &LPs{JoinsPerStep: 0.5, ExitsPerStep: 0.5, Size: 0.01, SingleAsset: 0.5}
	one, err := Simulate(scs, Options{Paths: 40, Seed: 3, Workers: 1})
	require.NoError(t, err)
	two, err := Simulate(scs, Options{Paths: 40, Seed: 3, Workers: 2})
	require.NoError(t, err)
	require.Equal(t, one, two)
	other, err := Simulate(scs, Options{Paths: 40, Seed: 4, Workers: 2})
	require.NoError(t, err)
	require.NotEqual(t, one.Scenarios[0].Summary.LPOverHODL, other.Scenarios[0].Summary.LPOverHODL)
}
