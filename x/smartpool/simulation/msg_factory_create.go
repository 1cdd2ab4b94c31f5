package simulation

import (
	"context"
	"sort"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// poolKind selects what MsgCreatePool a factory makes.
type poolKind int

const (
	kindPlain      poolKind = iota // no controller: immutable
	kindControlled                 // a sim account controls it with random rights
	kindScheduled                  // a weight schedule runs from creation
)

// minDeposit is the smallest initial deposit of an asset: a pool of a few
// base units makes every trade round to nothing and is no test.
var minDeposit = sdkmath.NewInt(1_000_000)

// MsgCreatePoolFactory creates pools of 2..max_assets of the sim denoms, with
// random weights, fee, share cap and exposure cap. controlled pools get a sim
// account as controller (often the creator, who then holds the shares an
// asset removal burns), random rights and a time-lock of min_timelock plus
// up to 4 h, and sometimes a management fee; scheduled pools run a weight
// schedule from the start. A third of all pools get a dynamic fee policy. A
// quarter of the controlled pools with change_weights run a weight strategy
// of a random kind from the start.
func MsgCreatePoolFactory(k keeper.Keeper, kind poolKind) simsx.SimMsgFactoryFn[*types.MsgCreatePool] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreatePool) {
		if poolCount(ctx, k) >= maxPools {
			reporter.Skip("enough pools")
			return nil, nil
		}
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		r := testData.Rand()
		bond := sdk.DefaultBondDenom
		fee := params.PoolCreationFee
		from := testData.AnyAccountN(8, reporter, simsx.SimAccountFilterFn(func(a simsx.SimAccount) bool {
			return a.LiquidBalance().IsAllGTE(fee) && countHeld(a, fee) >= int(params.MinAssets)
		}))
		if reporter.IsSkipped() {
			return nil, nil
		}
		if !blockAll(&from, fee) {
			reporter.Skip("creation fee not payable")
			return nil, nil
		}
		// Denoms the creator holds enough of, in random order.
		var held []string
		for _, d := range append([]string{bond}, PoolDenoms...) {
			if from.LiquidBalance().AmountOf(d).GTE(minDeposit.MulRaw(10)) {
				held = append(held, d)
			}
		}
		r.Shuffle(len(held), func(i, j int) { held[i], held[j] = held[j], held[i] })
		maxN := min(int(params.MaxAssets), len(held), 5)
		if maxN < int(params.MinAssets) {
			reporter.Skip("creator holds too few denoms")
			return nil, nil
		}
		n := int(params.MinAssets) + r.Intn(maxN-int(params.MinAssets)+1)
		assets := make([]types.PoolAsset, n)
		for i, d := range held[:n] {
			bal := from.LiquidBalance().AmountOf(d)
			amt := sdkmath.MaxInt(randInt(testData, sdkmath.MinInt(bal.QuoRaw(10), sdkmath.NewInt(10_000_000_000))), minDeposit)
			if !from.LiquidBalance().BlockAmount(sdk.NewCoin(d, amt)) {
				reporter.Skip("deposit not held")
				return nil, nil
			}
			assets[i] = types.PoolAsset{Denom: d, Balance: amt}
		}
		weights := randomWeights(testData, params, n)
		for i := range assets {
			assets[i].Weight = weights[i]
		}
		msg := &types.MsgCreatePool{
			Sender:  from.AddressBech32,
			Assets:  assets,
			SwapFee: randomFee(testData, params),
		}
		if r.Intn(4) == 0 {
			c := types.InitialShares.MulRaw(int64(2 + r.Intn(20)))
			msg.ShareCap = &c
		}
		if r.Intn(5) == 0 {
			// An exposure cap a little above today's largest weight.
			c := maxNormalized(weights).Add(sdkmath.LegacyNewDecWithPrec(int64(1+r.Intn(20)), 2))
			c = sdkmath.LegacyMinDec(c, sdkmath.LegacyOneDec())
			msg.MaxNormalizedWeight = &c
		}
		if r.Intn(3) == 0 {
			b := RandomBreakers(r.Rand, params.OracleRetention)
			msg.Breakers = &b
		}
		if kind == kindControlled || (kind == kindScheduled && r.Intn(2) == 0) {
			ctrl := from
			if r.Intn(3) == 0 {
				ctrl = testData.AnyAccount(reporter)
				if reporter.IsSkipped() {
					return nil, nil
				}
			}
			msg.Controller = ctrl.AddressBech32
			msg.Rights = randomRights(testData)
			msg.Timelock = params.MinTimelock + time.Duration(r.Int63n(int64(4*time.Hour)))
			if r.Intn(3) == 0 {
				// The fee is minted to the recipient: on a pool without an
				// allow-list yet, any sim account can take it.
				recipient := testData.AnyAccount(reporter)
				if reporter.IsSkipped() {
					return nil, nil
				}
				msg.ManagementFee = randomManagementFee(testData, params, recipient.AddressBech32)
			}
		}
		if r.Intn(3) == 0 {
			msg.FeePolicy = RandomFeePolicy(r.Rand, params)
		}
		if kind == kindControlled && msg.Rights.ChangeWeights && r.Intn(4) == 0 {
			msg.Strategy = createStrategy(r.Rand, params, msg)
		}
		if kind == kindScheduled {
			sorted := sortedAssets(assets)
			pool := types.Pool{Assets: sorted, MaxNormalizedWeight: sdkmath.LegacyZeroDec()}
			if msg.MaxNormalizedWeight != nil {
				pool.MaxNormalizedWeight = *msg.MaxNormalizedWeight
			}
			now := blockTime(ctx)
			start := now.Add(time.Duration(r.Int63n(int64(2 * time.Hour))))
			end := start.Add(scheduleDuration(testData, params))
			targets, ok := scheduleTargets(testData, params, pool, start, end, pool.Weights())
			if !ok {
				reporter.Skip("no schedule the keeper accepts")
				return nil, nil
			}
			// The message gives targets in the order of msg.Assets.
			byDenom := make(map[string]sdkmath.Int, len(sorted))
			for i, a := range sorted {
				byDenom[a.Denom] = targets[i]
			}
			inOrder := make([]sdkmath.Int, len(assets))
			for i, a := range assets {
				inOrder[i] = byDenom[a.Denom]
			}
			msg.WeightSchedule = &types.WeightScheduleChange{StartTime: start, EndTime: end, TargetWeights: inOrder}
		}
		return []simsx.SimAccount{from}, msg
	}
}

func countHeld(a simsx.SimAccount, fee sdk.Coins) int {
	n := 0
	for _, d := range append([]string{sdk.DefaultBondDenom}, PoolDenoms...) {
		need := minDeposit.MulRaw(10).Add(fee.AmountOf(d))
		if a.LiquidBalance().AmountOf(d).GTE(need) {
			n++
		}
	}
	return n
}

// blockAll reserves coins in the account's liquid balance so that the fees
// simsx draws from it afterwards leave them untouched.
func blockAll(a *simsx.SimAccount, coins sdk.Coins) bool {
	for _, c := range coins {
		if c.IsPositive() && !a.LiquidBalance().BlockAmount(c) {
			return false
		}
	}
	return true
}

// randomWeights returns n raw weights whose normalized values all stay at or
// above min_normalized_weight: mostly 10..100, sometimes one asset light
// enough (1.5 × the minimum) that it may later be removed.
func randomWeights(testData *simsx.ChainDataSource, params types.Params, n int) []sdkmath.Int {
	r := testData.Rand()
	scale := int64(1 + r.Intn(1_000_000))
	weights := make([]sdkmath.Int, n)
	for i := range weights {
		weights[i] = sdkmath.NewInt((10 + r.Int63n(91)) * scale)
	}
	if r.Intn(3) == 0 {
		// w/(W+w) = x  ⇒  w = W·x/(1−x), with x = 1.5 · min weight.
		others := sdkmath.ZeroInt()
		for _, w := range weights[1:] {
			others = others.Add(w)
		}
		x := params.MinNormalizedWeight.MulInt64(3).QuoInt64(2)
		weights[0] = x.MulInt(others).Quo(sdkmath.LegacyOneDec().Sub(x)).Ceil().TruncateInt()
	}
	if !weightsValid(params, weights) {
		for i := range weights {
			weights[i] = sdkmath.NewInt(scale)
		}
	}
	return weights
}

func weightsValid(params types.Params, weights []sdkmath.Int) bool {
	total := sdkmath.ZeroInt()
	for _, w := range weights {
		if !w.IsPositive() || w.GT(types.MaxRawWeight) {
			return false
		}
		total = total.Add(w)
	}
	for _, w := range weights {
		if sdkmath.LegacyNewDecFromInt(w).QuoInt(total).LT(params.MinNormalizedWeight) {
			return false
		}
	}
	return true
}

func maxNormalized(weights []sdkmath.Int) sdkmath.LegacyDec {
	total := sdkmath.ZeroInt()
	top := sdkmath.ZeroInt()
	for _, w := range weights {
		total = total.Add(w)
		top = sdkmath.MaxInt(top, w)
	}
	return sdkmath.LegacyNewDecFromInt(top).QuoInt(total)
}

func randomRights(testData *simsx.ChainDataSource) types.PoolRights {
	r := testData.Rand()
	yes := func() bool { return r.Intn(5) != 0 }
	return types.PoolRights{
		PauseSwaps:      yes(),
		ChangeSwapFee:   yes(),
		ChangeWeights:   yes(),
		AddRemoveAssets: yes(),
		ManageAllowList: yes(),
		ChangeShareCap:  yes(),
		ChangeBreakers:  yes(),
	}
}

func sortedAssets(assets []types.PoolAsset) []types.PoolAsset {
	out := append([]types.PoolAsset(nil), assets...)
	sort.Slice(out, func(i, j int) bool { return out[i].Denom < out[j].Denom })
	return out
}

// scheduleDuration is min_schedule_duration plus up to a day: a schedule
// then ends within a few to a dozen simulated blocks.
func scheduleDuration(testData *simsx.ChainDataSource, params types.Params) time.Duration {
	d := params.MinScheduleDuration + time.Duration(testData.Rand().Int63n(int64(24*time.Hour)))
	return max(d, time.Second)
}

// scheduleTargets returns target weights (in the pool's asset order) for a
// schedule from `from` over [start, end] that types.ValidateSchedule (what
// the keeper checks) accepts: each weight moved by a random factor, the move
// halved until it passes, and last `from` itself (a schedule that holds
// still). Every candidate is first pulled inside the params' and the pool's
// weight bounds, which a params change may have moved under the pool.
func scheduleTargets(testData *simsx.ChainDataSource, params types.Params, pool types.Pool, start, end time.Time, from []sdkmath.Int) ([]sdkmath.Int, bool) {
	r := testData.Rand()
	spread := int64(50) // percent
	for range 7 {
		targets := make([]sdkmath.Int, len(from))
		for i, w := range from {
			pct := 100 + r.Int63n(2*spread+1) - spread
			targets[i] = w.MulRaw(pct).QuoRaw(100)
		}
		targets = inBounds(params, pool, targets)
		if types.ValidateSchedule(params, pool, start, end, from, targets) == nil {
			return targets, true
		}
		spread /= 2 // the last round (spread 0) tries `from` itself
	}
	return nil, false
}

// inBounds moves weights until each normalized weight is at least 1.05 ×
// min_normalized_weight and at most 0.99 × the pool's exposure cap (if any):
// clamp the normalized weights, renormalize, repeat; then raw weights on a
// scale of 10^9.
func inBounds(params types.Params, pool types.Pool, weights []sdkmath.Int) []sdkmath.Int {
	lo := params.MinNormalizedWeight.MulInt64(105).QuoInt64(100)
	hi := sdkmath.LegacyOneDec()
	if !pool.MaxNormalizedWeight.IsNil() && pool.MaxNormalizedWeight.IsPositive() {
		hi = pool.MaxNormalizedWeight.MulInt64(99).QuoInt64(100)
	}
	total := sdkmath.ZeroInt()
	for _, w := range weights {
		total = total.Add(w)
	}
	norm := make([]sdkmath.LegacyDec, len(weights))
	for i, w := range weights {
		norm[i] = sdkmath.LegacyNewDecFromInt(w).QuoInt(total)
	}
	for range 30 {
		sum := sdkmath.LegacyZeroDec()
		for i := range norm {
			norm[i] = sdkmath.LegacyMinDec(sdkmath.LegacyMaxDec(norm[i], lo), hi)
			sum = sum.Add(norm[i])
		}
		for i := range norm {
			norm[i] = norm[i].Quo(sum)
		}
	}
	out := make([]sdkmath.Int, len(norm))
	for i, n := range norm {
		out[i] = sdkmath.MaxInt(n.MulInt64(1_000_000_000).TruncateInt(), sdkmath.OneInt())
	}
	return out
}

// randomFee is a swap fee in [0, max_swap_fee].
func randomFee(testData *simsx.ChainDataSource, params types.Params) sdkmath.LegacyDec {
	if !params.MaxSwapFee.IsPositive() {
		return sdkmath.LegacyZeroDec()
	}
	return testData.Rand().DecN(params.MaxSwapFee)
}
