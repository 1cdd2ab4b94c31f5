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
// weights (each ≥ 2.5% normalized) and fee; with kind RULE_KIND_UNSPECIFIED
// and some seeds its weights move on a one-hour schedule from block one;
// with a rule kind it is controlled by alice and runs a random strategy of
// that kind (see randomStrategy).
func randomPool(t testing.TB, fx *fixture, rng *rand.Rand, kind types.RuleKind) (uint64, []string) {
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
	if kind != types.RULE_KIND_UNSPECIFIED {
		// Fast strategies, a speed limit that leaves the rails to bind, and
		// no time-lock, so that a queued resume applies at the next end block.
		params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(100)
		params.MinStrategyInterval, params.MinTimelock = time.Minute, 0
		params.MaxStrategyUpdatesPerBlock = uint32(1 + rng.Intn(3))
		require.NoError(t, fx.app.SmartPoolKeeper.Params.Set(fx.ctx, params))
		msg.Controller, msg.Rights = fx.alice.String(), types.PoolRights{ChangeWeights: true}
		if rng.Intn(3) == 0 {
			c := sdkmath.LegacyMinDec(maxNormalizedWeight(assets).Add(sdkmath.LegacyNewDecWithPrec(1+rng.Int63n(20), 2)), sdkmath.LegacyOneDec())
			msg.MaxNormalizedWeight = &c
		}
		msg.Strategy = randomStrategy(rng, kind, msg)
	} else if rng.Intn(2) == 0 {
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

// ruleKinds are the strategy rules FuzzPoolOperations runs, after none.
var ruleKinds = []types.RuleKind{types.RULE_KIND_UNSPECIFIED,
	types.RULE_KIND_MOMENTUM, types.RULE_KIND_ANTI_MOMENTUM, types.RULE_KIND_POWER_CHANNEL, types.RULE_KIND_MIN_VARIANCE, types.RULE_KIND_FLOOR}

// maxNormalizedWeight is the largest normalized weight of assets.
func maxNormalizedWeight(assets []types.PoolAsset) sdkmath.LegacyDec {
	total, top := sdkmath.ZeroInt(), sdkmath.ZeroInt()
	for _, a := range assets {
		total, top = total.Add(a.Weight), sdkmath.MaxInt(top, a.Weight)
	}
	return sdkmath.LegacyNewDecFromInt(top).QuoInt(total)
}

// randomStrategy is a strategy of kind for the pool msg creates: an interval
// of 1 to 10 minutes, random rails that contain the pool's weights (two grid
// steps clear of the exact weights, which the keeper snaps to within one),
// and random rule parameters, the floor up to 1.5 times the share value now.
func randomStrategy(rng *rand.Rand, kind types.RuleKind, msg *types.MsgCreatePool) *types.WeightStrategy {
	frac := func(hi sdkmath.LegacyDec) sdkmath.LegacyDec {
		return hi.MulInt64(rng.Int63n(1_000_001)).QuoInt64(1_000_000)
	}
	one := sdkmath.LegacyOneDec()
	total := sdkmath.ZeroInt()
	for _, a := range msg.Assets {
		total = total.Add(a.Weight)
	}
	minN, maxN := one, sdkmath.LegacyZeroDec()
	for _, a := range msg.Assets {
		n := sdkmath.LegacyNewDecFromInt(a.Weight).QuoInt(total)
		minN, maxN = sdkmath.LegacyMinDec(minN, n), sdkmath.LegacyMaxDec(maxN, n)
	}
	margin := sdkmath.LegacyNewDecWithPrec(2, 12)
	below, above := minN.Sub(margin), sdkmath.LegacyMinDec(maxN.Add(margin), one)
	s := &types.WeightStrategy{
		Kind: kind, Interval: time.Minute + time.Duration(rng.Int63n(int64(9*time.Minute))), Memory: frac(dec("0.99")),
		Rails: types.StrategyRails{
			MinWeight: frac(below), MaxWeight: above.Add(frac(one.Sub(above))),
			MaxChangePerUpdate: dec("0.000001").Add(frac(dec("0.2"))), MaxChangePerDay: dec("0.01").Add(frac(dec("0.99"))),
		},
	}
	if rng.Intn(2) == 0 {
		s.Numeraire = msg.Assets[rng.Intn(len(msg.Assets))].Denom
	}
	kappa := frac(sdkmath.LegacyNewDec(50))
	switch kind {
	case types.RULE_KIND_MOMENTUM, types.RULE_KIND_ANTI_MOMENTUM:
		s.Kappa = &kappa
	case types.RULE_KIND_POWER_CHANNEL:
		q := one.Add(dec("0.000001")).Add(frac(sdkmath.LegacyNewDec(3)))
		s.Kappa, s.Exponent = &kappa, &q
	case types.RULE_KIND_MIN_VARIANCE:
		b := frac(one)
		s.Blend = &b
	case types.RULE_KIND_FLOOR:
		safe := msg.Assets[rng.Intn(len(msg.Assets))]
		s.Numeraire = safe.Denom
		// At spot prices the pool's value in the safe asset is B_safe / x_safe.
		value := sdkmath.LegacyNewDecFromInt(safe.Balance.Mul(total)).QuoInt(safe.Weight).
			MulInt(sdkmath.NewIntWithDecimal(1, types.ShareExponent)).QuoInt(types.InitialShares)
		f := &types.FloorRule{Floor: frac(value.MulInt64(3).QuoInt64(2)), Multiplier: frac(sdkmath.LegacyNewDec(20))}
		for range msg.Assets {
			f.BaseWeights = append(f.BaseWeights, sdkmath.NewInt(1+rng.Int63n(100)))
		}
		s.Floor = f
	}
	return s
}

// checkStrategyRails checks a strategy pool at t: every normalized weight
// lies exactly within the rails in force (GridRails: the strategy's, the
// params' minimum and the pool's cap, rounded inward onto the grid), and
// the weights sit on the grid: summing to StrategyWeightUnit when still,
// and at both ends of a move.
func checkStrategyRails(t *testing.T, params types.Params, pool types.Pool, at time.Time, step int) {
	t.Helper()
	lo, hi, _ := pool.Strategy.GridRails(params, pool)
	w := pool.AtTime(at).Weights()
	total := sdkmath.ZeroInt()
	for _, x := range w {
		total = total.Add(x)
	}
	for i, x := range w {
		n := sdkmath.LegacyNewDecFromInt(x).QuoInt(total)
		require.True(t, n.GTE(lo) && n.LTE(hi), "step %d: weight of %s is %s at %s, outside the rails [%s, %s] (strategy %v, state %v, move %v)",
			step, pool.Assets[i].Denom, n, at, lo, hi, pool.Strategy, pool.StrategyState, pool.WeightSchedule)
	}
	if s := pool.WeightSchedule; s != nil {
		for _, ends := range [][]sdkmath.Int{s.StartWeights, s.TargetWeights} {
			sum := sdkmath.ZeroInt()
			for _, x := range ends {
				sum = sum.Add(x)
			}
			require.Equal(t, types.StrategyWeightUnit, sum, "step %d: a move off the grid: %v", step, s)
		}
	} else {
		require.Equal(t, types.StrategyWeightUnit, pool.TotalWeight(), "step %d: weights off the grid", step)
	}
}

// FuzzPoolOperations runs a random sequence of swaps, joins and exits of every
// kind, by several users, with amounts from dust to the ratio limits, on a
// random pool of 2–4 assets (with rule 0, half of them on a running weight
// curve — a line, an exponential or a multi-point curve; with rule 1–5 a
// strategy of that kind — with block time moving between steps, each with
// one of the fee policies and a random protocol fee share) of the real app.
// After every step it checks that the module account holds exactly the
// pools' balances, that V never decreases on a swap, and that V/S never
// decreases on a join or exit, both with the weights in force. Failures must
// be typed errors; nothing panics.
//
// Strategy pools update lazily as operations load them, and now and then in
// an end-block step; time jumps now and then past one or more interval
// boundaries (missed updates hold), and the controller pauses the strategy
// or queues its resumption. After every step their weights lie within the
// rails, exactly.
func FuzzPoolOperations(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 42, 7, 99} {
		for kind := range ruleKinds {
			f.Add(seed, uint8(kind))
		}
	}
	f.Fuzz(func(t *testing.T, seed int64, rule uint8) {
		fx := newFixture(t)
		rng := rand.New(rand.NewSource(seed))
		kind := ruleKinds[int(rule)%len(ruleKinds)]
		id, denoms := randomPool(t, fx, rng, kind)
		params, err := fx.app.SmartPoolKeeper.Params.Get(fx.ctx)
		require.NoError(t, err)
		withStrategy := kind != types.RULE_KIND_UNSPECIFIED
		updates, moves, everPaused := map[time.Time]bool{}, map[time.Time]bool{}, false
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
			if withStrategy {
				switch rng.Intn(20) {
				case 0: // past one or more boundaries at once
					fx.ctx = fx.ctx.WithBlockTime(fx.ctx.BlockTime().Add(time.Duration(rng.Int63n(int64(25 * time.Minute)))))
				case 1, 2: // the end-block step runs the updates due
					fx.endBlockAt(t, fx.ctx.BlockTime())
				}
			}
			now := fx.ctx.BlockTime()
			before := fx.pool(t, id)
			vBefore, sBefore := poolValue(t, before.AtTime(now))
			user := users[rng.Intn(len(users))]
			pick := rng.Perm(len(denoms))
			in, out := denoms[pick[0]], denoms[pick[1]]
			isSwap, isControl := false, false
			var err error
			op := rng.Intn(7)
			if withStrategy && rng.Intn(8) == 0 {
				op = 8 // resume, or (a quarter of the time) pause
				if rng.Intn(4) == 0 {
					op = 7
				}
			}
			switch op {
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
			case 7:
				// Pausing stops a move where it is, snapped onto the grid: the
				// weights move by up to 10^-12, so V may fall by as much (no
				// token moves).
				isControl = true
				_, err = fx.msgs.PauseStrategy(fx.ctx, &types.MsgPauseStrategy{Sender: fx.alice.String(), PoolId: id})
			case 8:
				// Queued without a time-lock: the end-block step resumes now.
				isControl = true
				if _, err = fx.msgs.ResumeStrategy(fx.ctx, &types.MsgResumeStrategy{Sender: fx.alice.String(), PoolId: id}); err == nil {
					fx.endBlockAt(t, now)
				}
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
			if !isControl {
				require.True(t, notLower(vAfter, sBefore, vBefore, sAfter), "step %d: V per share decreased", step)
			} else {
				require.Zero(t, sBefore.Cmp(sAfter), "step %d: a strategy control moved shares", step)
			}
			if withStrategy {
				require.NotNil(t, after.Strategy, "step %d: the strategy is gone", step)
				checkStrategyRails(t, params, after, now, step)
				// And at the end of the move under way: the weights it heads for.
				checkStrategyRails(t, params, after, now.Add(after.Strategy.Interval), step)
				if st := after.StrategyState; st.Status == types.StrategyStatusOK {
					updates[st.LastUpdate] = true
				} else if st.Paused {
					everPaused = true
				}
				if after.WeightSchedule != nil {
					moves[after.WeightSchedule.StartTime] = true
				}
			}
			held := fx.app.BankKeeper.GetAllBalances(fx.ctx, moduleAddr)
			require.Equal(t, after.Liquidity().Add(after.ProtocolFeesOwed...), held, "step %d: module account differs from the pool and its owed protocol fees", step)
			require.Equal(t, after.TotalShares, fx.app.BankKeeper.GetSupply(fx.ctx, after.ShareDenom).Amount)
		}
		// Most steps must really change the pool, or the checks prove nothing.
		t.Logf("seed %d, rule %s: %d of 60 operations succeeded; %d strategy updates ok, %d moves", seed, kind, succeeded, len(updates), len(moves))
		require.GreaterOrEqual(t, succeeded, 20)
		if withStrategy && !everPaused {
			// An hour or more of steps, mostly under two minutes apart, with
			// boundaries every 1–10 minutes.
			p := fx.pool(t, id)
			require.NotEmpty(t, updates, "the strategy never updated: %v %v", p.Strategy, p.StrategyState)
		}
	})
}

// TestTinySwapsNeverProfit repeats dust swaps back and forth — the pattern that
// drained real pools through rounding — and checks the trader ends with no
// more of either token than it started with.
func TestTinySwapsNeverProfit(t *testing.T) {
	for _, atom := range []string{"uatom", testutil.IBCAtom} {
		t.Run(atom, func(t *testing.T) {
			fx := newFixture(t)
			id := fx.createPoolOf(t, atom)
			start := fx.app.BankKeeper.GetAllBalances(fx.ctx, fx.bob)
			for i := 0; i < 150; i++ {
				amt := sdkmath.NewInt(int64(1 + i%7))
				res, err := fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
					Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}}, TokenIn: sdk.NewCoin(atom, amt), TokenOutMinAmount: sdkmath.ZeroInt()})
				if err != nil {
					require.ErrorIs(t, err, types.ErrInvalidAmount, "dust that buys nothing is refused")
					continue
				}
				_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
					Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: atom}}, TokenIn: sdk.NewCoin("uusdc", res.TokenOutAmount), TokenOutMinAmount: sdkmath.ZeroInt()})
				if err != nil {
					require.ErrorIs(t, err, types.ErrInvalidAmount)
				}
				// Exact-out buys of one unit must cost at least one unit of value.
				_, err = fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: fx.bob.String(),
					Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: "uusdc"}}, TokenInMaxAmount: sdkmath.NewInt(funds), TokenOut: sdk.NewInt64Coin(atom, 1)})
				require.NoError(t, err)
			}
			end := fx.app.BankKeeper.GetAllBalances(fx.ctx, fx.bob)
			// Value at the pool's current spot price never grows.
			price, err := fx.query.SpotPrice(fx.ctx, &types.QuerySpotPriceRequest{PoolId: id, BaseAssetDenom: atom, QuoteAssetDenom: "uusdc"})
			require.NoError(t, err)
			value := func(c sdk.Coins) sdkmath.LegacyDec {
				return price.SpotPrice.MulInt(c.AmountOf(atom)).Add(sdkmath.LegacyNewDecFromInt(c.AmountOf("uusdc")))
			}
			require.True(t, value(end).LTE(value(start)), "trader's value grew: %s -> %s", value(start), value(end))
			require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
		})
	}
}

// TestJoinExitRoundTripsNeverProfit: every join followed by the exit of the
// shares it minted returns no more of any token than was put in.
func TestJoinExitRoundTripsNeverProfit(t *testing.T) {
	for _, atom := range []string{"uatom", testutil.IBCAtom} {
		t.Run(atom, func(t *testing.T) {
			fx := newFixture(t)
			id := fx.createPoolOf(t, atom)
			bal := func(d string) sdkmath.Int { return fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, d).Amount }
			for _, amt := range []int64{1, 7, 999, 123_456, 10_000_000} {
				atom0, usdc0 := bal(atom), bal("uusdc")
				j, err := fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: fx.bob.String(), PoolId: id,
					TokenIn: sdk.NewInt64Coin(atom, amt), ShareOutMinAmount: sdkmath.ZeroInt()})
				require.NoError(t, err)
				_, err = fx.msgs.ExitSwapShareAmountIn(fx.ctx, &types.MsgExitSwapShareAmountIn{Sender: fx.bob.String(), PoolId: id,
					TokenOutDenom: atom, ShareInAmount: j.ShareOutAmount, TokenOutMinAmount: sdkmath.ZeroInt()})
				if err != nil {
					require.ErrorIs(t, err, types.ErrInvalidAmount)
				}
				require.True(t, bal(atom).LTE(atom0), "single join+exit of %d gained uatom", amt)
				require.True(t, bal("uusdc").LTE(usdc0))

				atom0, usdc0 = bal(atom), bal("uusdc")
				shares := sdkmath.NewInt(amt).MulRaw(1_000_000_000)
				_, err = fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: fx.bob.String(), PoolId: id, ShareOutAmount: shares})
				require.NoError(t, err)
				_, err = fx.msgs.ExitPool(fx.ctx, &types.MsgExitPool{Sender: fx.bob.String(), PoolId: id, ShareInAmount: shares})
				require.NoError(t, err)
				require.True(t, bal(atom).LTE(atom0), "proportional join+exit of %s shares gained uatom", shares)
				require.True(t, bal("uusdc").LTE(usdc0), "proportional join+exit of %s shares gained uusdc", shares)
			}
			require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
		})
	}
}
