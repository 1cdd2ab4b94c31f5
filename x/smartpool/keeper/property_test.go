package keeper_test

import (
	"errors"
	"math/big"
	"math/rand"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/poolmath"
	"github.com/poold/poold/x/smartpool/types"
)

// poolValue returns V = Π B_i^{w_i} (as a scaled integer) and S of a pool.
func poolValue(t testing.TB, p types.Pool) (*big.Int, *big.Int) {
	v, err := poolmath.Invariant(p.Balances(), p.Weights())
	require.NoError(t, err)
	return v.BigInt(), p.TotalShares.BigInt()
}

// notLower reports vAfter/sAfter ≥ vBefore/sBefore, allowing only the
// invariant's own relative error of 10^-InvariantDigits.
func notLower(vAfter, sBefore, vBefore, sAfter *big.Int) bool {
	lhs := new(big.Int).Mul(vAfter, sBefore)
	rhs := new(big.Int).Mul(vBefore, sAfter)
	slack := new(big.Int).Exp(big.NewInt(10), big.NewInt(poolmath.InvariantDigits), nil)
	return lhs.Cmp(rhs.Sub(rhs, new(big.Int).Quo(rhs, slack))) >= 0
}

// randomPool creates a pool of 2–4 of the test denoms with random balances,
// weights (each ≥ 2.5% normalized) and fee; with some seeds its weights move
// on a one-hour schedule from block one.
func randomPool(t testing.TB, fx *fixture, rng *rand.Rand) (uint64, []string) {
	denoms := append([]string(nil), testutil.TestDenoms...)
	rng.Shuffle(len(denoms), func(i, j int) { denoms[i], denoms[j] = denoms[j], denoms[i] })
	denoms = denoms[:2+rng.Intn(3)]
	assets := make([]types.PoolAsset, len(denoms))
	targets := make([]sdkmath.Int, len(denoms))
	for i, d := range denoms {
		assets[i] = asset(d, 1_000_000+rng.Int63n(1_000_000_000), 10+rng.Int63n(91))
		targets[i] = sdkmath.NewInt(10 + rng.Int63n(91))
	}
	msg := &types.MsgCreatePool{Sender: fx.alice.String(), Assets: assets, SwapFee: sdkmath.LegacyNewDecWithPrec(rng.Int63n(101), 4)}
	// Every fee policy, and a protocol fee share from none to the most.
	names := []string{"fixed", "volatility", "direction", "tiers", "all"}
	msg.FeePolicy = testPolicies()[names[rng.Intn(len(names))]]
	params := types.DefaultParams()
	params.ProtocolFeeShare = sdkmath.LegacyNewDecWithPrec(rng.Int63n(6), 1)
	require.NoError(t, fx.app.SmartPoolKeeper.Params.Set(fx.ctx, params))
	if rng.Intn(2) == 0 {
		params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(100)
		require.NoError(t, fx.app.SmartPoolKeeper.Params.Set(fx.ctx, params))
		msg.WeightSchedule = &types.WeightScheduleChange{StartTime: fx.ctx.BlockTime(), EndTime: fx.ctx.BlockTime().Add(time.Hour), TargetWeights: targets}
		// Every curve kind: a straight line, an exponential approach, and
		// a multi-point curve that turns back.
		switch rng.Intn(3) {
		case 1:
			msg.WeightSchedule.HalfLife = time.Duration(15+rng.Intn(30)) * time.Minute // ≤ 4 half-lives: within the waypoint bound
		case 2:
			back := make([]sdkmath.Int, len(denoms))
			for i := range back {
				back[i] = sdkmath.NewInt(10 + rng.Int63n(91))
			}
			msg.WeightSchedule.Waypoints = []types.Waypoint{{Time: fx.ctx.BlockTime().Add(90 * time.Minute), Weights: back}}
		}
	}
	res, err := fx.msgs.CreatePool(fx.ctx, msg)
	require.NoError(t, err)
	return res.PoolId, denoms
}

// FuzzPoolOperations runs a random sequence of swaps, joins and exits of every
// kind, by several users, with amounts from dust to the ratio limits, on a
// random pool of 2–4 assets (half of them on a running weight curve — a
// line, an exponential or a multi-point curve — with block time moving
// between steps, each with one of the fee policies and a random protocol fee
// share) of the real app. After every step it
// checks that the module account holds exactly the pools' balances, that V
// never decreases on a swap, and that V/S never decreases on a join or exit,
// both with the weights in force. Failures must be typed errors; nothing panics.
func FuzzPoolOperations(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 42, 7, 99} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		fx := newFixture(t)
		rng := rand.New(rand.NewSource(seed))
		id, denoms := randomPool(t, fx, rng)
		users := []sdk.AccAddress{fx.alice, fx.bob}
		moduleAddr := fx.app.AccountKeeper.GetModuleAddress(types.ModuleName)

		amount := func() sdkmath.Int {
			switch rng.Intn(4) {
			case 0:
				return sdkmath.NewInt(1 + rng.Int63n(1000)) // dust
			case 1:
				return sdkmath.NewInt(1 + rng.Int63n(1_000_000))
			default:
				return sdkmath.NewInt(1 + rng.Int63n(60_000_000)) // up to and past the ratio limits
			}
		}
		shares := func() sdkmath.Int {
			return sdkmath.NewInt(1 + rng.Int63n(1_000_000_000)).Mul(sdkmath.NewInt(1 + rng.Int63n(5_000_000_000)))
		}
		succeeded := 0
		for step := 0; step < 60; step++ {
			fx.ctx = fx.ctx.WithBlockTime(fx.ctx.BlockTime().Add(time.Duration(rng.Intn(120)) * time.Second))
			now := fx.ctx.BlockTime()
			before := fx.pool(t, id)
			vBefore, sBefore := poolValue(t, before.AtTime(now))
			user := users[rng.Intn(len(users))]
			pick := rng.Perm(len(denoms))
			in, out := denoms[pick[0]], denoms[pick[1]]
			isSwap := false
			var err error
			switch rng.Intn(7) {
			case 0:
				isSwap = true
				_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: user.String(),
					Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: out}}, TokenIn: sdk.NewCoin(in, amount()), TokenOutMinAmount: sdkmath.ZeroInt()})
			case 1:
				isSwap = true
				_, err = fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: user.String(),
					Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: in}}, TokenInMaxAmount: sdkmath.NewInt(funds), TokenOut: sdk.NewCoin(out, amount())})
			case 2:
				_, err = fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: user.String(), PoolId: id, ShareOutAmount: shares()})
			case 3:
				_, err = fx.msgs.ExitPool(fx.ctx, &types.MsgExitPool{Sender: user.String(), PoolId: id, ShareInAmount: shares()})
			case 4:
				_, err = fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: user.String(), PoolId: id,
					TokenIn: sdk.NewCoin(in, amount()), ShareOutMinAmount: sdkmath.ZeroInt()})
			case 5:
				_, err = fx.msgs.JoinPoolExactAmountsIn(fx.ctx, &types.MsgJoinPoolExactAmountsIn{Sender: user.String(), PoolId: id,
					TokensIn: sdk.NewCoins(sdk.NewCoin(in, amount()), sdk.NewCoin(out, amount())), ShareOutMinAmount: sdkmath.ZeroInt()})
			case 6:
				_, err = fx.msgs.ExitSwapShareAmountIn(fx.ctx, &types.MsgExitSwapShareAmountIn{Sender: user.String(), PoolId: id,
					TokenOutDenom: out, ShareInAmount: shares(), TokenOutMinAmount: sdkmath.ZeroInt()})
			}
			if err != nil {
				var coded *errorsmod.Error
				require.True(t, errors.As(err, &coded), "step %d: untyped error %v", step, err)
			} else {
				succeeded++
			}
			after := fx.pool(t, id)
			vAfter, sAfter := poolValue(t, after.AtTime(now))
			if isSwap {
				require.True(t, notLower(vAfter, big.NewInt(1), vBefore, big.NewInt(1)), "step %d: swap decreased V", step)
			}
			require.True(t, notLower(vAfter, sBefore, vBefore, sAfter), "step %d: V per share decreased", step)
			held := fx.app.BankKeeper.GetAllBalances(fx.ctx, moduleAddr)
			require.Equal(t, after.Liquidity().Add(after.ProtocolFeesOwed...), held, "step %d: module account differs from the pool and its owed protocol fees", step)
			require.Equal(t, after.TotalShares, fx.app.BankKeeper.GetSupply(fx.ctx, after.ShareDenom).Amount)
		}
		// Most steps must really change the pool, or the checks prove nothing.
		t.Logf("seed %d: %d of 60 operations succeeded", seed, succeeded)
		require.GreaterOrEqual(t, succeeded, 20)
	})
}

// TestTinySwapsNeverProfit repeats dust swaps back and forth — the pattern that
// drained real pools through rounding — and checks the trader ends with no
// more of either token than it started with.
func TestTinySwapsNeverProfit(t *testing.T) {
	fx := newFixture(t)
	id := fx.createPool(t)
	start := fx.app.BankKeeper.GetAllBalances(fx.ctx, fx.bob)
	for i := 0; i < 150; i++ {
		amt := sdkmath.NewInt(int64(1 + i%7))
		res, err := fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
			Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}}, TokenIn: sdk.NewCoin("uatom", amt), TokenOutMinAmount: sdkmath.ZeroInt()})
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidAmount, "dust that buys nothing is refused")
			continue
		}
		_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
			Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uatom"}}, TokenIn: sdk.NewCoin("uusdc", res.TokenOutAmount), TokenOutMinAmount: sdkmath.ZeroInt()})
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidAmount)
		}
		// Exact-out buys of one unit must cost at least one unit of value.
		_, err = fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: fx.bob.String(),
			Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: "uusdc"}}, TokenInMaxAmount: sdkmath.NewInt(funds), TokenOut: sdk.NewInt64Coin("uatom", 1)})
		require.NoError(t, err)
	}
	end := fx.app.BankKeeper.GetAllBalances(fx.ctx, fx.bob)
	// Value at the pool's current spot price never grows.
	price, err := fx.query.SpotPrice(fx.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"})
	require.NoError(t, err)
	value := func(c sdk.Coins) sdkmath.LegacyDec {
		return price.SpotPrice.MulInt(c.AmountOf("uatom")).Add(sdkmath.LegacyNewDecFromInt(c.AmountOf("uusdc")))
	}
	require.True(t, value(end).LTE(value(start)), "trader's value grew: %s -> %s", value(start), value(end))
	require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
}

// TestJoinExitRoundTripsNeverProfit: every join followed by the exit of the
// shares it minted returns no more of any token than was put in.
func TestJoinExitRoundTripsNeverProfit(t *testing.T) {
	fx := newFixture(t)
	id := fx.createPool(t)
	bal := func(d string) sdkmath.Int { return fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, d).Amount }
	for _, amt := range []int64{1, 7, 999, 123_456, 10_000_000} {
		atom0, usdc0 := bal("uatom"), bal("uusdc")
		j, err := fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: fx.bob.String(), PoolId: id,
			TokenIn: sdk.NewInt64Coin("uatom", amt), ShareOutMinAmount: sdkmath.ZeroInt()})
		require.NoError(t, err)
		_, err = fx.msgs.ExitSwapShareAmountIn(fx.ctx, &types.MsgExitSwapShareAmountIn{Sender: fx.bob.String(), PoolId: id,
			TokenOutDenom: "uatom", ShareInAmount: j.ShareOutAmount, TokenOutMinAmount: sdkmath.ZeroInt()})
		if err != nil {
			require.ErrorIs(t, err, types.ErrInvalidAmount)
		}
		require.True(t, bal("uatom").LTE(atom0), "single join+exit of %d gained uatom", amt)
		require.True(t, bal("uusdc").LTE(usdc0))

		atom0, usdc0 = bal("uatom"), bal("uusdc")
		shares := sdkmath.NewInt(amt).MulRaw(1_000_000_000)
		_, err = fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: fx.bob.String(), PoolId: id, ShareOutAmount: shares})
		require.NoError(t, err)
		_, err = fx.msgs.ExitPool(fx.ctx, &types.MsgExitPool{Sender: fx.bob.String(), PoolId: id, ShareInAmount: shares})
		require.NoError(t, err)
		require.True(t, bal("uatom").LTE(atom0), "proportional join+exit of %s shares gained uatom", shares)
		require.True(t, bal("uusdc").LTE(usdc0), "proportional join+exit of %s shares gained uusdc", shares)
	}
	require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
}
