package keeper_test

import (
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/types"
)

// testPolicies are one policy of each kind and all of them composed.
func testPolicies() map[string]*types.FeePolicy {
	vol := &types.VolatilityFeePolicy{K: dec("0.5"), MinFee: dec("0.001"), MaxFee: dec("0.08"), Window: time.Hour}
	dir := &types.DirectionFeePolicy{Rebate: dec("0.8"), Surcharge: dec("1.5"), Window: 30 * time.Minute}
	tiers := []types.FeeTier{{MinInRatio: dec("0.01"), ExtraFee: dec("0.002")}, {MinInRatio: dec("0.1"), ExtraFee: dec("0.02")}}
	return map[string]*types.FeePolicy{
		"fixed":      nil,
		"volatility": {Volatility: vol},
		"direction":  {Direction: dir},
		"tiers":      {Tiers: tiers},
		"all":        {Volatility: vol, Direction: dir, Tiers: tiers},
	}
}

// policyPool creates a random pool of 2–4 assets with the given policy, and
// an hour of trading history that moves its prices around (so the oracle has
// a TWAP and a volatility to read), ending on a push away from the TWAP.
func policyPool(t testing.TB, fx *fixture, rng *rand.Rand, policy *types.FeePolicy) (uint64, []string) {
	denoms := append([]string(nil), testutil.TestDenoms...)
	rng.Shuffle(len(denoms), func(i, j int) { denoms[i], denoms[j] = denoms[j], denoms[i] })
	denoms = denoms[:2+rng.Intn(3)]
	assets := make([]types.PoolAsset, len(denoms))
	for i, d := range denoms {
		assets[i] = asset(d, 10_000_000+rng.Int63n(1_000_000_000), 10+rng.Int63n(91))
	}
	fee := []string{"0", "0.003", "0.03", "0.1"}[rng.Intn(4)]
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(), Assets: assets, SwapFee: dec(fee), FeePolicy: policy})
	require.NoError(t, err)
	id := res.PoolId
	now := fx.ctx.BlockTime()
	for i := 0; i < 30; i++ {
		now = now.Add(2 * time.Minute)
		fx.nextBlock(now)
		pick := rng.Perm(len(denoms))
		p := fx.pool(t, id)
		in, _ := p.AssetIndex(denoms[pick[0]])
		amt := p.Assets[in].Balance.QuoRaw(int64(5 + rng.Intn(40)))
		_, _ = fx.swap(t, id, sdk.NewCoin(denoms[pick[0]], amt), denoms[pick[1]])
	}
	fx.nextBlock(now.Add(2 * time.Minute))
	return id, denoms
}

// The detour of the fee defect: a single-asset join of A then a single-asset
// exit into B, and the reverse (exit into B, then join A to buy the shares
// back), must never pay more B than swapping the same A for B directly,
// under every policy, at every size, in pools of 2–4 assets with any weights
// and fees.
func TestDetourNeverBeatsSwapUnderEveryPolicy(t *testing.T) {
	for name, policy := range testPolicies() {
		t.Run(name, func(t *testing.T) {
			compared := 0
			for seed := int64(1); seed <= 6; seed++ {
				fx := newFixture(t)
				rng := rand.New(rand.NewSource(seed))
				id, denoms := policyPool(t, fx, rng, policy)
				// Bob holds shares for the reverse detour.
				_, err := fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: fx.bob.String(), PoolId: id, ShareOutAmount: sdkmath.NewIntWithDecimal(20, 18)})
				require.NoError(t, err)
				for trial := 0; trial < 8; trial++ {
					pick := rng.Perm(len(denoms))
					a, b := denoms[pick[0]], denoms[pick[1]]
					p := fx.pool(t, id)
					ai, _ := p.AssetIndex(a)
					amount := p.Assets[ai].Balance.QuoRaw(int64(3 + rng.Intn(500)))
					if rng.Intn(4) == 0 {
						amount = sdkmath.NewInt(1 + rng.Int63n(10_000)) // dust
					}
					swapOut, ok := fx.estimateSwapOut(t, id, sdk.NewCoin(a, amount), b)
					if !ok {
						continue
					}
					// Join A, exit into B, on a branch thrown away.
					branch, _ := fx.ctx.CacheContext()
					j, err := fx.msgs.JoinSwapExternAmountIn(branch, &types.MsgJoinSwapExternAmountIn{Sender: fx.bob.String(), PoolId: id,
						TokenIn: sdk.NewCoin(a, amount), ShareOutMinAmount: sdkmath.ZeroInt()})
					if err == nil {
						e, err := fx.msgs.ExitSwapShareAmountIn(branch, &types.MsgExitSwapShareAmountIn{Sender: fx.bob.String(), PoolId: id,
							TokenOutDenom: b, ShareInAmount: j.ShareOutAmount, TokenOutMinAmount: sdkmath.ZeroInt()})
						if err == nil {
							require.True(t, e.TokenOutAmount.LTE(swapOut), "seed %d: join %s then exit to %s pays %s, the swap %s", seed, amount, b, e.TokenOutAmount, swapOut)
							compared++
						}
					}
					compared += fx.checkReverseDetour(t, id, a, b, amount, swapOut)
				}
			}
			t.Logf("%s: %d detours compared with the swap", name, compared)
			require.GreaterOrEqual(t, compared, 30, "too few detours ran to prove anything")
		})
	}
}

// checkReverseDetour exits into b the shares a join of amount of a would
// mint, then buys them back with the least a that mints as many; it needs
// b out ≤ the swap of that a for b. It returns 1 if it compared.
func (f *fixture) checkReverseDetour(t *testing.T, id uint64, a, b string, amount, swapOutFor sdkmath.Int) int {
	branch, _ := f.ctx.CacheContext()
	j, err := f.query.EstimateJoin(branch, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: sdk.NewCoin(a, amount).String()})
	if err != nil || !j.ShareOutAmount.IsPositive() {
		return 0
	}
	shares := j.ShareOutAmount
	e, err := f.msgs.ExitSwapShareAmountIn(branch, &types.MsgExitSwapShareAmountIn{Sender: f.bob.String(), PoolId: id,
		TokenOutDenom: b, ShareInAmount: shares, TokenOutMinAmount: sdkmath.ZeroInt()})
	if err != nil {
		return 0
	}
	// The least amount of a that mints at least shares after the exit.
	lo, hi := sdkmath.ZeroInt(), amount.MulRaw(4)
	mints := func(x sdkmath.Int) bool {
		est, err := f.query.EstimateJoin(branch, &types.QueryEstimateJoinRequest{PoolId: id, TokensIn: sdk.NewCoin(a, x).String()})
		return err == nil && est.ShareOutAmount.GTE(shares)
	}
	if !mints(hi) {
		return 0
	}
	for i := 0; i < 200 && hi.Sub(lo).GT(sdkmath.OneInt()); i++ {
		mid := lo.Add(hi).QuoRaw(2)
		if mints(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	swapOut, ok := f.estimateSwapOut(t, id, sdk.NewCoin(a, hi), b)
	if !ok {
		return 0
	}
	require.True(t, e.TokenOutAmount.LTE(swapOut), "exit to %s pays %s, then buying the shares back costs %s%s, which swaps for %s", b, e.TokenOutAmount, hi, a, swapOut)
	return 1
}

// estimateSwapOut is what a one-hop exact-in swap would pay now.
func (f *fixture) estimateSwapOut(t testing.TB, id uint64, in sdk.Coin, outDenom string) (sdkmath.Int, bool) {
	res, err := f.query.EstimateSwapExactAmountIn(f.ctx, &types.QueryEstimateSwapExactAmountInRequest{
		TokenIn: in.String(), RoutePoolIds: []uint64{id}, RouteTokenOutDenoms: []string{outDenom}})
	if err != nil {
		return sdkmath.Int{}, false
	}
	return res.TokenOutAmount, true
}

// swapFeeOf is the fee rate the last EventSwap of the fixture's events carried.
func (f *fixture) lastSwapFee(t testing.TB) sdkmath.LegacyDec {
	var fee sdkmath.LegacyDec
	for _, ev := range f.ctx.EventManager().Events() {
		if ev.Type != "smartpool.v1.EventSwap" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abciEvent(ev))
		require.NoError(t, err)
		fee = msg.(*types.EventSwap).SwapFee
	}
	require.False(t, fee.IsNil(), "no swap event")
	return fee
}

// A direction-aware pool rebates the swap that moves a pair back toward its
// TWAP and surcharges the one that moves it further away; an overshoot past
// the mirror image pays as away. Estimates return the fee that would apply.
func TestDirectionFee(t *testing.T) {
	fx := newFixture(t)
	dir := &types.DirectionFeePolicy{Rebate: dec("0.5"), Surcharge: dec("1"), Window: 30 * time.Minute}
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)}, SwapFee: dec("0.01"),
		FeePolicy: &types.FeePolicy{Direction: dir}})
	require.NoError(t, err)
	id := res.PoolId
	now := fx.tradeHistory(t, id) // balanced trading: TWAP ≈ 1
	fx.nextBlock(now.Add(time.Minute))
	// Push uatom's price far below its TWAP: from the history's last wiggle
	// (slightly above) this overshoots past the mirror, so it pays as away.
	_, err = fx.swap(t, id, sdk.NewInt64Coin("uatom", 10_000_000), "uusdc")
	require.NoError(t, err)
	require.Equal(t, dec("0.02"), fx.lastSwapFee(t), "a push away from the TWAP is surcharged")

	fx.nextBlock(now.Add(2 * time.Minute))
	est, err := fx.query.EstimateSwapExactAmountIn(fx.ctx, &types.QueryEstimateSwapExactAmountInRequest{
		TokenIn: "1000000uusdc", RoutePoolIds: []uint64{id}, RouteTokenOutDenoms: []string{"uatom"}})
	require.NoError(t, err)
	require.Equal(t, []string{dec("0.005").String()}, est.SwapFees, "the estimate quotes the rebated fee")
	_, err = fx.swap(t, id, sdk.NewInt64Coin("uusdc", 1_000_000), "uatom")
	require.NoError(t, err)
	require.Equal(t, dec("0.005"), fx.lastSwapFee(t), "buying back the cheap asset moves toward the TWAP: rebated")

	// A buy so large it overshoots the TWAP by more than the deviation pays as away.
	_, err = fx.swap(t, id, sdk.NewInt64Coin("uusdc", 30_000_000), "uatom")
	require.NoError(t, err)
	require.Equal(t, dec("0.02"), fx.lastSwapFee(t), "an overshoot past the mirror is away")

	// A single-asset join is never rebated: it pays the surcharged fee even
	// where a swap the same way would be rebated.
	params, err := fx.app.SmartPoolKeeper.Params.Get(fx.ctx)
	require.NoError(t, err)
	p := fx.pool(t, id)
	want, err := p.JoinSingleAssetWithFee(params, dec("0.02"), sdk.NewInt64Coin("uatom", 1_000_000))
	require.NoError(t, err)
	j, err := fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: fx.bob.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin("uatom", 1_000_000), ShareOutMinAmount: sdkmath.ZeroInt()})
	require.NoError(t, err)
	require.Equal(t, want, j.ShareOutAmount)
}

// A volatility pool's fee rises with the realized volatility of its prices
// and stays within the policy's [min_fee, max_fee]; the fees query shows it.
func TestVolatilityFee(t *testing.T) {
	fx := newFixture(t)
	vol := &types.VolatilityFeePolicy{K: dec("0.5"), MinFee: dec("0.002"), MaxFee: dec("0.05"), Window: time.Hour}
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)}, SwapFee: dec("0.003"),
		FeePolicy: &types.FeePolicy{Volatility: vol}})
	require.NoError(t, err)
	id := res.PoolId
	fees := func() *types.QueryPoolFeesResponse {
		r, err := fx.query.PoolFees(fx.ctx, &types.QueryPoolFeesRequest{PoolId: id, Window: time.Hour})
		require.NoError(t, err)
		return r
	}
	require.True(t, fees().Sigma.IsZero(), "no history, no volatility")
	require.Equal(t, dec("0.003"), fees().SwapFee)

	// Calm trading: small alternating swaps every 2 minutes.
	now := fx.ctx.BlockTime()
	for i := 0; i < 20; i++ {
		now = now.Add(2 * time.Minute)
		fx.nextBlock(now)
		fx.swapAlternating(t, id, i, 100_000)
	}
	fx.nextBlock(now.Add(2 * time.Minute))
	calm := fees()
	// Wild trading: 20% swaps back and forth.
	for i := 0; i < 20; i++ {
		now = now.Add(2 * time.Minute)
		fx.nextBlock(now)
		fx.swapAlternating(t, id, i, 20_000_000)
	}
	fx.nextBlock(now.Add(2 * time.Minute))
	wild := fees()
	t.Logf("calm: sigma %s fee %s; wild: sigma %s fee %s", calm.Sigma, calm.SwapFee, wild.Sigma, wild.SwapFee)
	require.True(t, wild.Sigma.GT(calm.Sigma.MulInt64(10)), "20%% swaps must read as far more volatile")
	require.True(t, wild.SwapFee.GT(calm.SwapFee))
	require.True(t, wild.SwapFee.LTE(vol.MaxFee) && calm.SwapFee.GTE(vol.MinFee))
	_, err = fx.swap(t, id, sdk.NewInt64Coin("uatom", 1_000_000), "uusdc")
	require.NoError(t, err)
	require.Equal(t, wild.SwapFee, fx.lastSwapFee(t), "the swap pays the fee the query showed")
}

// A block's volatility fee is the same whichever operation comes first: a
// proportional join that stores the pool (writing the block's observation)
// before a swap must not change the swap's fee rate.
func TestVolatilityFeeIndependentOfOrderInBlock(t *testing.T) {
	fx := newFixture(t)
	vol := &types.VolatilityFeePolicy{K: dec("0.01"), MinFee: dec("0.002"), MaxFee: dec("0.05"), Window: time.Hour}
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)}, SwapFee: dec("0.003"),
		FeePolicy: &types.FeePolicy{Volatility: vol}})
	require.NoError(t, err)
	id := res.PoolId
	now := fx.ctx.BlockTime()
	for i := 0; i < 20; i++ {
		now = now.Add(2 * time.Minute)
		fx.nextBlock(now)
		fx.swapAlternating(t, id, i, int64(1_000_000*(1+i%7))) // uneven moves: every interval adds variance
	}
	fx.nextBlock(now.Add(2 * time.Minute))
	block := fx.ctx
	swapFee := func(joinFirst bool) sdkmath.LegacyDec {
		fx.ctx, _ = block.CacheContext()
		fx.ctx = fx.ctx.WithEventManager(sdk.NewEventManager())
		if joinFirst {
			_, err := fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: fx.alice.String(), PoolId: id, ShareOutAmount: sdkmath.NewInt(1_000_000_000_000)})
			require.NoError(t, err)
		}
		_, err := fx.swap(t, id, sdk.NewInt64Coin("uatom", 1_000_000), "uusdc")
		require.NoError(t, err)
		return fx.lastSwapFee(t)
	}
	alone, afterJoin := swapFee(false), swapFee(true)
	t.Logf("swap fee alone %s, after a join in the same block %s", alone, afterJoin)
	require.True(t, alone.GT(vol.MinFee) && alone.LT(vol.MaxFee), "the fee must follow the volatility for the test to mean anything")
	require.Equal(t, alone, afterJoin)
}

// Size tiers: an exact-out swap whose amount in only a higher fee lifts into
// the next tier pays that tier's fee; a small one pays the base.
func TestTierFee(t *testing.T) {
	fx := newFixture(t)
	tiers := []types.FeeTier{{MinInRatio: dec("0.05"), ExtraFee: dec("0.01")}, {MinInRatio: dec("0.2"), ExtraFee: dec("0.04")}}
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 100_000_000, 50), asset("uusdc", 100_000_000, 50)}, SwapFee: dec("0.003"),
		FeePolicy: &types.FeePolicy{Tiers: tiers}})
	require.NoError(t, err)
	id := res.PoolId
	for _, c := range []struct {
		in   int64
		want string
	}{{1_000_000, "0.003"}, {6_000_000, "0.013"}, {30_000_000, "0.043"}} {
		fx.nextBlock(fx.ctx.BlockTime().Add(time.Minute))
		_, err := fx.swap(t, id, sdk.NewInt64Coin("uatom", c.in), "uusdc")
		require.NoError(t, err)
		require.Equal(t, dec(c.want), fx.lastSwapFee(t), "exact in %d", c.in)
	}
	// Exact out: in a 50/50 pool buying o = B·x/(1+x) costs x/(1 − fee) of
	// the in balance. With x = 6% the base fee's amount in already reaches
	// the 5% tier, so the swap is rerun at the tier's fee and pays it.
	p := fx.pool(t, id)
	ui, _ := p.AssetIndex("uusdc")
	ai, _ := p.AssetIndex("uatom")
	out := p.Assets[ui].Balance.MulRaw(6).QuoRaw(106)
	r, err := fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: fx.bob.String(),
		Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: "uatom"}}, TokenInMaxAmount: sdkmath.NewInt(funds), TokenOut: sdk.NewCoin("uusdc", out)})
	require.NoError(t, err)
	ratio := sdkmath.LegacyNewDecFromInt(r.TokenInAmount).QuoInt(p.Assets[ai].Balance)
	require.True(t, ratio.GT(dec("0.0605")), "paid in at the tier's fee: ratio %s", ratio)
	require.Equal(t, dec("0.013"), fx.lastSwapFee(t))
}
