package keeper_test

import (
	"fmt"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/risk"
	"github.com/poold/poold/x/smartpool/types"
)

// replayScenarios are pools the risk simulator and the chain must treat
// alike: each uses a different part of the pool's machinery.
func replayScenarios() []risk.Scenario {
	d := sdkmath.LegacyMustNewDecFromStr
	base := func(name string, msg types.MsgCreatePool) risk.Scenario {
		return risk.Scenario{
			Name: name, Steps: 120, Step: risk.Duration(10 * time.Minute),
			Market: risk.Market{Prices: []float64{1, 10}, Volatility: []float64{0, 1.2}},
			Agents: risk.Agents{
				Arbitrage: &risk.Arbitrage{},
				Noise:     &risk.Noise{TradesPerStep: 2, Size: 0.01, Spread: 1},
				LPs:       &risk.LPs{JoinsPerStep: 0.3, ExitsPerStep: 0.3, Size: 0.01, Spread: 0.5, SingleAsset: 0.5},
			},
			Pool: &msg, Params: types.DefaultParams(),
		}
	}
	assets := []types.PoolAsset{asset("uusdc", 1_000_000_000, 50), asset("uatom", 100_000_000, 50)}
	breakers := base("breakers", types.MsgCreatePool{Assets: assets, SwapFee: d("0.003"),
		Breakers: &types.CircuitBreakers{MaxPriceDeviation: d("0.02"), Window: 25 * time.Minute, MaxBlockOutflow: d("0.03"), AlertThreshold: sdkmath.LegacyZeroDec()}})
	breakers.Market.Shocks = []risk.Shock{{Asset: "uatom", At: risk.Duration(5 * time.Hour), Over: risk.Duration(30 * time.Minute), Change: -0.3}}
	breakers.Agents.MassExit = &risk.MassExit{At: risk.Duration(10 * time.Hour), Over: risk.Duration(5 * time.Hour), Fraction: 0.5, Asset: "uusdc"}

	policy := base("fee-policy", types.MsgCreatePool{Assets: assets, SwapFee: d("0.003"), FeePolicy: &types.FeePolicy{
		Volatility: &types.VolatilityFeePolicy{K: d("0.05"), MinFee: d("0.001"), MaxFee: d("0.03"), Window: time.Hour},
		Direction:  &types.DirectionFeePolicy{Rebate: d("0.5"), Surcharge: d("0.5"), Window: 30 * time.Minute},
		Tiers:      []types.FeeTier{{MinInRatio: d("0.005"), ExtraFee: d("0.002")}, {MinInRatio: d("0.02"), ExtraFee: d("0.01")}},
	}})

	lbp := base("schedule", types.MsgCreatePool{Assets: []types.PoolAsset{asset("uusdc", 100_000_000, 10), asset("uatom", 900_000_000, 90)}, SwapFee: d("0.01"),
		WeightSchedule: &types.WeightScheduleChange{StartTime: risk.Start, EndTime: risk.Start.Add(20 * time.Hour), TargetWeights: []sdkmath.Int{sdkmath.NewInt(90), sdkmath.NewInt(10)}}})
	lbp.Market.Prices = []float64{1, 0.5}
	lbp.Steps = 150 // past the schedule's end

	strategy := base("strategy", types.MsgCreatePool{Assets: assets, SwapFee: d("0.003"), Strategy: &types.WeightStrategy{
		Kind: types.RULE_KIND_MOMENTUM, Interval: time.Hour, Memory: d("0.5"), Kappa: decPtr("4"),
		Rails: types.StrategyRails{MinWeight: d("0.2"), MaxWeight: d("0.8"), MaxChangePerUpdate: d("0.05"), MaxChangePerDay: d("1")},
	}})
	strategy.Market.Shocks = []risk.Shock{{Asset: "uatom", At: 0, Over: risk.Duration(10 * time.Hour), Change: 0.5}}
	return []risk.Scenario{breakers, policy, lbp, strategy}
}

// TestRiskSimulatorAgreesWithChain replays a simulated path's operations
// through the chain's message server, block by block with the end-block
// step, and requires every operation to have the same outcome and the pool
// to end the same: the simulator runs the chain's pool code.
func TestRiskSimulatorAgreesWithChain(t *testing.T) {
	for _, sc := range replayScenarios() {
		for j := range 3 {
			t.Run(fmt.Sprintf("%s/path %d", sc.Name, j), func(t *testing.T) { replayPath(t, sc, j) })
		}
	}
}

func replayPath(t *testing.T, sc risk.Scenario, j int) {
	{
		{
			var ops []risk.TraceOp
			simulated, err := risk.Trace(sc, 42, j, func(op risk.TraceOp) { ops = append(ops, op) })
			require.NoError(t, err)
			kinds := map[string]int{}
			refused := 0
			for _, op := range ops {
				kinds[op.Kind]++
				if op.Refused {
					refused++
				}
			}
			t.Logf("%d operations %v, %d refused", len(ops), kinds, refused)
			require.Greater(t, len(ops), 200)

			f := newFixture(t)
			height := f.ctx.BlockHeight()
			f.ctx = f.ctx.WithBlockTime(risk.Start)
			msg := *sc.Pool
			msg.Sender = f.alice.String()
			res, err := f.msgs.CreatePool(f.ctx, &msg)
			require.NoError(t, err)
			id := res.PoolId
			next := 0
			for k := 1; k <= sc.Steps; k++ {
				now := risk.Start.Add(time.Duration(k) * sc.Step.D())
				f.ctx = f.ctx.WithBlockTime(now).WithBlockHeight(height + int64(k)).WithEventManager(sdk.NewEventManager())
				for ; next < len(ops) && ops[next].Step == k; next++ {
					f.replay(t, id, ops[next])
				}
				require.NoError(t, f.app.SmartPoolKeeper.EndBlock(f.ctx))
			}
			require.Equal(t, len(ops), next)

			chain := f.pool(t, id).AtTime(f.ctx.BlockTime())
			require.Equal(t, simulated.TotalShares, chain.TotalShares)
			for i, a := range chain.Assets {
				s := simulated.Assets[i]
				require.Equal(t, s.Denom, a.Denom)
				require.True(t, s.Balance.Equal(a.Balance), "%s balance: simulated %s, chain %s", a.Denom, s.Balance, a.Balance)
				require.True(t, s.Weight.Equal(a.Weight), "%s weight: simulated %s, chain %s", a.Denom, s.Weight, a.Weight)
				require.True(t, types.OrZero(s.FeesLp).Equal(types.OrZero(a.FeesLp)), "%s LP fees", a.Denom)
			}
			if chain.StrategyState != nil {
				require.Equal(t, simulated.StrategyState.Updates, chain.StrategyState.Updates)
				require.Equal(t, simulated.StrategyState.Status, chain.StrategyState.Status)
				require.Greater(t, chain.StrategyState.Updates, uint64(5))
			}
		}
	}
}

// replay sends one traced operation as a transaction would: on a cached
// context, written only if it succeeds; its outcome must be the trace's.
func (f *fixture) replay(t *testing.T, id uint64, op risk.TraceOp) {
	t.Helper()
	ctx, write := f.ctx.CacheContext()
	var got sdkmath.Int
	var err error
	switch op.Kind {
	case risk.OpSwap:
		var r *types.MsgSwapExactAmountInResponse
		r, err = f.msgs.SwapExactAmountIn(ctx, &types.MsgSwapExactAmountIn{Sender: f.bob.String(),
			Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: op.Out}}, TokenIn: sdk.NewCoin(op.In, op.Amount), TokenOutMinAmount: op.MinOut})
		if err == nil {
			got = r.TokenOutAmount
		}
	case risk.OpJoin:
		_, err = f.msgs.JoinPool(ctx, &types.MsgJoinPool{Sender: f.alice.String(), PoolId: id, ShareOutAmount: op.Amount})
		got = op.Amount
	case risk.OpJoinSingle:
		var r *types.MsgJoinSwapExternAmountInResponse
		r, err = f.msgs.JoinSwapExternAmountIn(ctx, &types.MsgJoinSwapExternAmountIn{Sender: f.alice.String(), PoolId: id,
			TokenIn: sdk.NewCoin(op.In, op.Amount), ShareOutMinAmount: sdkmath.OneInt()})
		if err == nil {
			got = r.ShareOutAmount
		}
	case risk.OpExit:
		_, err = f.msgs.ExitPool(ctx, &types.MsgExitPool{Sender: f.alice.String(), PoolId: id, ShareInAmount: op.Amount})
		got = op.Amount
	case risk.OpExitSingle:
		var r *types.MsgExitSwapShareAmountInResponse
		r, err = f.msgs.ExitSwapShareAmountIn(ctx, &types.MsgExitSwapShareAmountIn{Sender: f.alice.String(), PoolId: id,
			TokenOutDenom: op.Out, ShareInAmount: op.Amount, TokenOutMinAmount: sdkmath.OneInt()})
		if err == nil {
			got = r.TokenOutAmount
		}
	default:
		t.Fatalf("unknown operation %q", op.Kind)
	}
	desc := fmt.Sprintf("step %d %s %s %s→%s", op.Step, op.Kind, op.Amount, op.In, op.Out)
	if op.Refused {
		require.Error(t, err, "%s: the simulator refused it, the chain took it", desc)
		return
	}
	require.NoError(t, err, "%s: the simulator took it, the chain refused it", desc)
	require.True(t, op.Result.Equal(got), "%s: simulated %s, chain %s", desc, op.Result, got)
	write()
}
