package keeper_test

import (
	"bytes"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/types"
)

// The end-block fuzzer reads its input as a program of operations, one byte of
// opcode and a few of arguments each: controlled pools (tiny or huge
// balances, extreme weights), every change kind, joins and exits up to the
// share bound and past it, swaps, pauses, cancels, params changes and time
// jumps that run the end-block step, and weight strategies of every rule
// (pools created with one, strategies set, replaced, removed, paused and
// resumed; swaps move the prices they read; time jumps pass their interval
// boundaries, so end-block steps run due updates, a few a block). After
// every end-block step it asserts the step returned no error (nor logged
// one: a strategy update is dropped with a log line only), dropped nothing
// because of a panic (a recovered panic is still a defect), and left module
// balances and share supplies equal to what the pools say. A panic
// anywhere fails the fuzz run.

const (
	opCreatePool byte = iota
	opJoin
	opExit
	opSwap
	opJoinSingle
	opAddAsset
	opRemoveAsset
	opSchedule
	opSetFee
	opShareCap
	opAllowList
	opTransfer
	opPause
	opResume
	opCancel
	opParams
	opBreakers
	opExitSingle
	opFeePolicy
	opManagementFee
	opClaimManagementFee
	opSplitSwap
	opEndBlock
	opStrategyPool
	opSetStrategy
	opPauseStrategy
	opResumeStrategy
	opCount
)

// fuzzProgram decodes its input byte by byte; reading past the end gives zeros.
type fuzzProgram struct {
	data []byte
	pos  int
}

func (p *fuzzProgram) done() bool { return p.pos >= len(p.data) }

func (p *fuzzProgram) byte() byte {
	if p.pos >= len(p.data) {
		return 0
	}
	b := p.data[p.pos]
	p.pos++
	return b
}

// amount decodes an amount anywhere from one base unit to 2^255: the extremes
// are where the overflows lived.
func (p *fuzzProgram) amount() sdkmath.Int {
	kind, x := p.byte(), p.byte()
	switch kind % 5 {
	case 0:
		return sdkmath.OneInt()
	case 1:
		return sdkmath.NewInt(int64(x)*1000 + 1)
	case 2: // (1 + x/77)·10^(x mod 77), at most 4·10^76 < 2^256: 3·10^66 is x = 220
		p10 := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(x%77)), nil)
		return sdkmath.NewIntFromBigInt(p10.Mul(p10, big.NewInt(int64(1+x/77))))
	case 3:
		return sdkmath.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(3), uint(x%254)))
	default:
		return sdkmath.NewInt(int64(x)*int64(x)*1_000_000 + 1)
	}
}

// weight decodes a raw weight from 1 to MaxRawWeight.
func (p *fuzzProgram) weight() sdkmath.Int {
	switch b := p.byte(); b % 4 {
	case 0:
		return types.MaxRawWeight
	case 1:
		return sdkmath.NewInt(int64(b/4) + 1)
	case 2:
		return sdkmath.NewInt(40_000_000_000)
	default:
		return sdkmath.NewInt(int64(b) * 1_000_000_000)
	}
}

func (p *fuzzProgram) duration() time.Duration {
	return time.Duration(p.byte()) * 30 * time.Second
}

// fuzzFunds is what each fuzz account holds of every test denom: near the
// top of what a bank balance can be, so amounts never run out before the
// pool's own bounds are reached.
var fuzzFunds = sdkmath.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 250))

func FuzzEndBlock(f *testing.F) {
	base := newEndBlockFixture(f)
	for _, seed := range endBlockSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 400 {
			data = data[:400] // bounded work per input
		}
		runEndBlockProgram(t, base.branch(), data)
	})
}

// newEndBlockFixture is the app every program starts from: short time-locks
// and schedules, small per-block bounds (so programs hit them), and two
// accounts holding 2^250 of every test denom. Built once per fuzz process;
// each program runs on a branch of it.
func newEndBlockFixture(tb testing.TB) *fixture {
	fx := newFixture(tb)
	params := types.DefaultParams()
	params.MinTimelock, params.ParamsTimelock, params.MinScheduleDuration = 0, time.Minute, time.Minute
	params.MaxWeightChangePerDay = sdkmath.LegacyNewDec(1000)
	params.MaxDueChangesPerBlock, params.MaxScheduleEndsPerBlock = 3, 3
	// The largest protocol fee, paid out two pools a block, so programs
	// leave fees owed across blocks.
	params.ProtocolFeeShare, params.MaxFeePayoutsPerBlock = sdkmath.LegacyNewDecWithPrec(5, 1), 2
	// Strategies of a minute and up, two updates a block.
	params.MinStrategyInterval, params.MaxStrategyUpdatesPerBlock = time.Minute, 2
	require.NoError(tb, fx.app.SmartPoolKeeper.Params.Set(fx.ctx, params))
	for _, u := range []sdk.AccAddress{fx.alice, fx.bob} {
		coins := sdk.NewCoins()
		for _, d := range testutil.TestDenoms {
			coins = coins.Add(sdk.NewCoin(d, fuzzFunds))
		}
		testutil.Fund(tb, fx.app, fx.ctx, u, coins)
	}
	return fx
}

// branch is a copy of the fixture on a branch of its state that is never
// written back, so runs cannot see each other.
func (f *fixture) branch() *fixture {
	c := *f
	ctx, _ := f.ctx.CacheContext()
	c.ctx = ctx.WithEventManager(sdk.NewEventManager())
	return &c
}

// runEndBlockProgram runs a program and returns each operation's opcode and
// error, so tests can tell which paths a program reached.
func runEndBlockProgram(t *testing.T, fx *fixture, data []byte) (ops []byte, errs []error) {
	params, err := fx.app.SmartPoolKeeper.Params.Get(fx.ctx)
	require.NoError(t, err)
	users := []sdk.AccAddress{fx.alice, fx.bob}
	prog := &fuzzProgram{data: data}
	var pools []uint64
	pool := func() uint64 {
		if len(pools) == 0 {
			return 1
		}
		return pools[int(prog.byte())%len(pools)]
	}
	denom := func() string { return testutil.TestDenoms[int(prog.byte())%len(testutil.TestDenoms)] }
	sender := func() string { return users[int(prog.byte())%len(users)].String() }
	// The keeper's error log: a strategy update the end-block step drops
	// (its branch failed or panicked) leaves only a log line.
	var logs bytes.Buffer
	fx.ctx = fx.ctx.WithLogger(log.NewLogger(&logs, log.OutputJSONOption()))
	checkLogs := func(step int) {
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, `"level":"error"`) &&
				(strings.Contains(line, "strategy") || strings.Contains(line, "end block:") || strings.Contains(line, "panic")) {
				require.Fail(t, "the end-block step logged an error", "step %d: %s", step, line)
			}
		}
		logs.Reset()
	}
	check := func(step int, err error) {
		if err == nil {
			return
		}
		var coded *errorsmod.Error
		require.True(t, errors.As(err, &coded), "step %d: untyped error %v", step, err)
	}

	for step := 0; !prog.done(); step++ {
		op := prog.byte() % opCount
		var err error
		switch op {
		case opCreatePool:
			n := 2 + int(prog.byte())%3
			assets := make([]types.PoolAsset, 0, n)
			for _, d := range testutil.TestDenoms[:n] {
				assets = append(assets, types.PoolAsset{Denom: d, Balance: prog.amount(), Weight: prog.weight()})
			}
			var res *types.MsgCreatePoolResponse
			res, err = fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(), Assets: assets, SwapFee: fee003,
				Controller: fx.alice.String(), Rights: allRights, Timelock: prog.duration()})
			if err == nil {
				pools = append(pools, res.PoolId)
			}
		case opJoin:
			_, err = fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: sender(), PoolId: pool(), ShareOutAmount: prog.amount()})
		case opExit:
			_, err = fx.msgs.ExitPool(fx.ctx, &types.MsgExitPool{Sender: sender(), PoolId: pool(), ShareInAmount: prog.amount()})
		case opSwap:
			_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: sender(), TokenIn: sdk.NewCoin(denom(), prog.amount()),
				Routes: []types.SwapAmountInRoute{{PoolId: pool(), TokenOutDenom: denom()}}, TokenOutMinAmount: sdkmath.ZeroInt()})
		case opJoinSingle:
			_, err = fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: sender(), PoolId: pool(),
				TokenIn: sdk.NewCoin(denom(), prog.amount()), ShareOutMinAmount: sdkmath.ZeroInt()})
		case opAddAsset:
			_, err = fx.msgs.AddAsset(fx.ctx, &types.MsgAddAsset{Sender: fx.alice.String(), PoolId: pool(), Deposit: sdk.NewCoin(denom(), prog.amount()), Weight: prog.weight()})
		case opRemoveAsset:
			_, err = fx.msgs.RemoveAsset(fx.ctx, &types.MsgRemoveAsset{Sender: fx.alice.String(), PoolId: pool(), Denom: denom()})
		case opSchedule:
			id := pool()
			n := 2
			if p, gerr := fx.app.SmartPoolKeeper.GetPool(fx.ctx, id); gerr == nil {
				n = len(p.Assets)
			}
			targets := make([]sdkmath.Int, n)
			for i := range targets {
				targets[i] = prog.weight()
			}
			start := fx.ctx.BlockTime().Add(prog.duration())
			_, err = fx.msgs.ScheduleWeights(fx.ctx, &types.MsgScheduleWeights{Sender: fx.alice.String(), PoolId: id,
				Schedule: types.WeightScheduleChange{StartTime: start, EndTime: start.Add(time.Minute + prog.duration()), TargetWeights: targets}})
		case opSetFee:
			_, err = fx.msgs.SetSwapFee(fx.ctx, &types.MsgSetSwapFee{Sender: fx.alice.String(), PoolId: pool(), SwapFee: sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 3)})
		case opShareCap:
			_, err = fx.msgs.SetShareCap(fx.ctx, &types.MsgSetShareCap{Sender: fx.alice.String(), PoolId: pool(), ShareCap: prog.amount()})
		case opAllowList:
			_, err = fx.msgs.EditAllowList(fx.ctx, &types.MsgEditAllowList{Sender: fx.alice.String(), PoolId: pool(),
				Edit: types.AllowListChange{Enable: prog.byte()%2 == 0, Add: []string{sender()}}})
		case opTransfer:
			_, err = fx.msgs.TransferControl(fx.ctx, &types.MsgTransferControl{Sender: fx.alice.String(), PoolId: pool(), NewController: fx.alice.String()})
		case opPause:
			s := fx.alice.String()
			if prog.byte()%2 == 0 {
				s = fx.govAcc
			}
			_, err = fx.msgs.PauseSwaps(fx.ctx, &types.MsgPauseSwaps{Sender: s, PoolId: pool()})
		case opResume:
			s := fx.alice.String()
			if prog.byte()%2 == 0 {
				s = fx.govAcc
			}
			_, err = fx.msgs.ResumeSwaps(fx.ctx, &types.MsgResumeSwaps{Sender: s, PoolId: pool()})
		case opCancel:
			_, err = fx.msgs.CancelChange(fx.ctx, &types.MsgCancelChange{Sender: fx.alice.String(), ChangeId: uint64(prog.byte()%32) + 1})
		case opParams:
			next := params
			next.MinNormalizedWeight = sdkmath.LegacyNewDecWithPrec(int64(1+prog.byte()%5), 2)
			next.MaxAssets = uint32(2 + prog.byte()%7)
			_, err = fx.app.SmartPoolKeeper.QueueParams(fx.ctx, next)
		case opBreakers:
			b := types.NoBreakers()
			b.MaxPriceDeviation = sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 2)
			b.MaxBlockOutflow = sdkmath.LegacyNewDecWithPrec(int64(prog.byte()%101), 2)
			b.AlertThreshold = sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 3)
			b.Window = time.Second + prog.duration()
			_, err = fx.msgs.SetBreakers(fx.ctx, &types.MsgSetBreakers{Sender: fx.alice.String(), PoolId: pool(), Breakers: &b})
		case opExitSingle:
			_, err = fx.msgs.ExitSwapShareAmountIn(fx.ctx, &types.MsgExitSwapShareAmountIn{Sender: sender(), PoolId: pool(),
				TokenOutDenom: denom(), ShareInAmount: prog.amount(), TokenOutMinAmount: sdkmath.ZeroInt()})
		case opFeePolicy:
			k := sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 2)
			policy := &types.FeePolicy{
				Volatility: &types.VolatilityFeePolicy{K: k, MinFee: sdkmath.ZeroInt().ToLegacyDec(), MaxFee: sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 3), Window: time.Minute + prog.duration()},
				Direction:  &types.DirectionFeePolicy{Rebate: sdkmath.LegacyNewDecWithPrec(int64(prog.byte()%101), 2), Surcharge: sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 2), Window: time.Second + prog.duration()},
				Tiers:      []types.FeeTier{{MinInRatio: sdkmath.LegacyNewDecWithPrec(int64(1+prog.byte()%100), 2), ExtraFee: sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 3)}},
			}
			_, err = fx.msgs.SetFeePolicy(fx.ctx, &types.MsgSetFeePolicy{Sender: fx.alice.String(), PoolId: pool(), Policy: policy})
		case opManagementFee:
			_, err = fx.msgs.SetManagementFee(fx.ctx, &types.MsgSetManagementFee{Sender: fx.alice.String(), PoolId: pool(),
				Fee: types.ManagementFeeChange{AnnualRate: sdkmath.LegacyNewDecWithPrec(int64(prog.byte()), 3), Recipient: sender()}})
		case opClaimManagementFee:
			_, err = fx.msgs.ClaimManagementFee(fx.ctx, &types.MsgClaimManagementFee{Sender: sender(), PoolId: pool()})
		case opSplitSwap:
			in, mid := denom(), denom()
			_, err = fx.msgs.SplitRouteSwapExactAmountIn(fx.ctx, &types.MsgSplitRouteSwapExactAmountIn{Sender: sender(), TokenInDenom: in, TokenOutMinAmount: sdkmath.OneInt(),
				Routes: []types.SwapAmountInSplitRoute{
					{Pools: []types.SwapAmountInRoute{{PoolId: pool(), TokenOutDenom: mid}}, TokenInAmount: prog.amount()},
					{Pools: []types.SwapAmountInRoute{{PoolId: pool(), TokenOutDenom: mid}}, TokenInAmount: prog.amount()},
				}})
		case opEndBlock:
			fx.ctx = fx.ctx.WithBlockHeight(fx.ctx.BlockHeight() + 1)
			fx.endBlockAt(t, fx.ctx.BlockTime().Add(prog.duration()+time.Second))
			for _, reason := range fx.events("smartpool.v1.EventChangeDropped") {
				require.False(t, strings.Contains(reason, "panic"), "step %d: a change panicked: %s", step, reason)
			}
			for _, reason := range fx.events("smartpool.v1.EventScheduleEndDropped") {
				require.False(t, strings.Contains(reason, "panic"), "step %d: a schedule end panicked: %s", step, reason)
			}
			require.Empty(t, fx.events("smartpool.v1.EventParamsChangeDropped"), "step %d", step)
			require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx), "step %d", step)
			checkLogs(step)
		case opStrategyPool:
			n := 2 + int(prog.byte())%3
			assets := make([]types.PoolAsset, 0, n)
			for _, d := range testutil.TestDenoms[:n] {
				assets = append(assets, types.PoolAsset{Denom: d, Balance: prog.amount(), Weight: prog.weight()})
			}
			weights := make([]sdkmath.Int, n)
			for i, a := range assets {
				weights[i] = a.Weight
			}
			var res *types.MsgCreatePoolResponse
			res, err = fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(), Assets: assets, SwapFee: fee003,
				Controller: fx.alice.String(), Rights: allRights, Timelock: prog.duration(), Strategy: fuzzStrategy(prog, weights)})
			if err == nil {
				pools = append(pools, res.PoolId)
			}
		case opSetStrategy:
			id := pool()
			var weights []sdkmath.Int
			if p, gerr := fx.app.SmartPoolKeeper.GetPool(fx.ctx, id); gerr == nil {
				weights = p.AtTime(fx.ctx.BlockTime().Add(p.Timelock)).Weights()
			}
			msg := &types.MsgSetStrategy{Sender: fx.alice.String(), PoolId: id}
			if prog.byte()%4 != 0 && len(weights) > 0 {
				msg.Strategy = fuzzStrategy(prog, weights)
			}
			_, err = fx.msgs.SetStrategy(fx.ctx, msg)
		case opPauseStrategy:
			s := fx.alice.String()
			if prog.byte()%2 == 0 {
				s = fx.govAcc
			}
			_, err = fx.msgs.PauseStrategy(fx.ctx, &types.MsgPauseStrategy{Sender: s, PoolId: pool()})
		case opResumeStrategy:
			_, err = fx.msgs.ResumeStrategy(fx.ctx, &types.MsgResumeStrategy{Sender: fx.alice.String(), PoolId: pool()})
		}
		check(step, err)
		ops, errs = append(ops, op), append(errs, err)
	}
	// Whatever is left comes due in the end.
	for i := 0; i < 40; i++ {
		fx.endBlockAt(t, fx.ctx.BlockTime().Add(time.Hour))
	}
	require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
	checkLogs(-1)
	return ops, errs
}

// fuzzStrategy decodes a strategy for a pool whose weights are `weights`
// (in pool order; the order of a MsgCreatePool's assets too, which are
// sorted): the rule (every kind, and now and then none: invalid), an
// interval from a minute to two hours and a bit, and rails that contain the
// weights (0 to 255 grid steps clear of them: with none the snapped weights
// may fall just outside) and reach a random part of the way on to 0 and 1,
// or, a quarter of the time, rails from the input alone; rule parameters
// across their ranges, extremes included.
func fuzzStrategy(p *fuzzProgram, weights []sdkmath.Int) *types.WeightStrategy {
	frac := func(b byte) sdkmath.LegacyDec { return sdkmath.LegacyNewDec(int64(b)).QuoInt64(255) }
	one := sdkmath.LegacyOneDec()
	total := sdkmath.ZeroInt()
	for _, w := range weights {
		total = total.Add(w)
	}
	minN, maxN := one, sdkmath.LegacyZeroDec()
	for _, w := range weights {
		if total.IsPositive() {
			n := sdkmath.LegacyNewDecFromInt(w).QuoInt(total)
			minN, maxN = sdkmath.LegacyMinDec(minN, n), sdkmath.LegacyMaxDec(maxN, n)
		}
	}
	kind := types.RuleKind(p.byte() % 6)
	s := &types.WeightStrategy{Kind: kind, Interval: time.Minute + p.duration(), Memory: sdkmath.LegacyNewDec(int64(p.byte())).QuoInt64(256)}
	margin := sdkmath.LegacyNewDecWithPrec(int64(p.byte()), 12)
	lo := sdkmath.LegacyMaxDec(minN.Sub(margin), sdkmath.LegacyZeroDec())
	hi := sdkmath.LegacyMinDec(maxN.Add(margin), one)
	s.Rails = types.StrategyRails{
		MinWeight:          lo.Mul(frac(p.byte())),
		MaxWeight:          hi.Add(one.Sub(hi).Mul(frac(p.byte()))),
		MaxChangePerUpdate: sdkmath.LegacyNewDec(1 + int64(p.byte())).QuoInt64(256),
		MaxChangePerDay:    sdkmath.LegacyNewDec(1 + int64(p.byte())).QuoInt64(256),
	}
	if b := p.byte(); b%4 == 0 {
		s.Rails.MinWeight, s.Rails.MaxWeight = frac(b), frac(p.byte())
	}
	if b := p.byte(); b%2 == 1 && len(weights) > 0 {
		s.Numeraire = testutil.TestDenoms[int(b/2)%len(weights)]
	}
	kappa := func() *sdkmath.LegacyDec {
		b := p.byte()
		k := sdkmath.LegacyNewDec(int64(b)).QuoInt64(10)
		if b%4 == 0 { // 10^0..10^18: up to the largest kappa
			k = sdkmath.LegacyNewDecFromInt(sdkmath.NewIntWithDecimal(1, int(b/4)%19))
		}
		return &k
	}
	switch kind {
	case types.RULE_KIND_MOMENTUM, types.RULE_KIND_ANTI_MOMENTUM:
		s.Kappa = kappa()
	case types.RULE_KIND_POWER_CHANNEL:
		q := one.Add(sdkmath.LegacyNewDec(1 + int64(p.byte()%240)).QuoInt64(16)) // (1, 16]
		s.Kappa, s.Exponent = kappa(), &q
	case types.RULE_KIND_MIN_VARIANCE:
		b := frac(p.byte())
		s.Blend = &b
	case types.RULE_KIND_FLOOR:
		if len(weights) > 0 {
			s.Numeraire = testutil.TestDenoms[int(p.byte())%len(weights)]
		}
		f := &types.FloorRule{Floor: sdkmath.LegacyNewDecFromInt(p.amount()), Multiplier: sdkmath.LegacyNewDec(int64(p.byte()) * 4)}
		for range weights {
			f.BaseWeights = append(f.BaseWeights, p.weight())
		}
		s.Floor = f
	}
	return s
}

// The seeds reach what they are meant to: on the overflow scenarios the pool
// and the asset change are made, the giant joins are refused at the share
// bound, and the end-block step that applies the change runs.
func TestEndBlockSeedsReachTheOverflowPaths(t *testing.T) {
	seeds := endBlockSeeds()
	base := newEndBlockFixture(t)
	for _, seed := range seeds[1:3] {
		ops, errs := runEndBlockProgram(t, base.branch(), seed)
		require.Equal(t, []byte{opCreatePool, ops[1], opJoin, opJoin, opJoin, opEndBlock, opEndBlock}, ops)
		require.NoError(t, errs[0], "pool created")
		require.NoError(t, errs[1], "asset change queued")
		require.ErrorIs(t, errs[2], types.ErrShareBound)
		require.ErrorIs(t, errs[3], types.ErrShareBound)
		require.NoError(t, errs[4], "a join just inside the bound")
	}
}

// endBlockSeeds are the seed corpus: the two chain-halt scenarios of issue 6,
// a mixed program, and one of fee policies, management fees and split swaps
// on pools that owe protocol fees.
func endBlockSeeds() [][]byte {
	// A pool of two 1-unit assets at raw weight 10^12 (amount kind 0 = 1 unit,
	// weight kind 0 = MaxRawWeight), a time-lock of 30 minutes.
	tiny := []byte{opCreatePool, 0, 0, 0, 0, 0, 0, 0, 60}
	addOverflow := append(append([]byte{}, tiny...),
		opAddAsset, 0, 3, 0, 0, 2, // uusdc, 1 unit, weight 4·10^10
		opJoin, 0, 0, 2, 220, // 3·10^66 shares, as in the issue: past the bound, refused
		opJoin, 0, 0, 3, 191, // 1.5·2^192 shares: past it too
		opJoin, 0, 0, 3, 190, // 0.75·2^192 shares: just inside, minted
		opEndBlock, 120, // an hour on: the change comes due
		opEndBlock, 1)
	removeOverflow := []byte{opCreatePool, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 60, // three assets, the middle at 4·10^10
		opRemoveAsset, 0, 1, // remove ueth while shares are few
		opJoin, 0, 0, 2, 67, // 10^67 shares (x = 67)
		opJoin, 0, 0, 3, 191,
		opJoin, 0, 0, 3, 190,
		opEndBlock, 120, opEndBlock, 1}
	// Two uatom/ueth pools of 10^9 each at equal weights, no time-lock.
	pool := []byte{opCreatePool, 0, 2, 9, 2, 2, 9, 2, 0}
	fees := append(append(append([]byte{}, pool...), pool...),
		opFeePolicy, 50, 50, 2, 50, 100, 3, 4, 20, 0, // k 0.5, max 5%, 2 min; rebate 50%, surcharge 100%; tier 5% +2%; pool 1
		opManagementFee, 1, 30, 1, // pool 2: 3% a year to bob
		opEndBlock, 200,
		opSwap, 0, 0, 1, 9, 0, 1, // alice sells 9,001 uatom for ueth in pool 1
		opSplitSwap, 0, 1, 1, 0, 1, 9, 1, 1, 9, // bob: uatom to ueth through both pools
		opClaimManagementFee, 1, 1,
		opEndBlock, 10, opEndBlock, 10)
	mixed := []byte{opCreatePool, 2, 4, 9, 1, 3, 3, 7, 2, 40, 1, 5, 10,
		opSwap, 0, 0, 1, 9, 0, 1, 1,
		opSchedule, 0, 7, 5, 9, 0, 2,
		opSetFee, 0, 9, opShareCap, 0, 2, 30, opAllowList, 0, 0, 1, opPause, 0, 0, opResume, 0, 1,
		opParams, 3, 4, opEndBlock, 200, opAddAsset, 0, 3, 1, 50, 2,
		opExit, 0, 0, 3, 60, opJoinSingle, 0, 1, 0, 1, 9,
		opCancel, 3, opEndBlock, 250, opEndBlock, 250}
	return [][]byte{tiny, addOverflow, removeOverflow, mixed, fees, strategySeed()}
}

// strategySeed is a program of weight strategies: five uatom/ueth pools of
// 10^9 each at equal weights, no time-lock, each running a rule of one kind
// (pools 1–5: momentum, anti-momentum, power channel, minimum variance,
// floor) every two minutes; swaps that push uatom's price up, then down,
// in every pool, with end-block steps 31 s apart between them (two updates
// a block: the rest wait a block or two, still within the interval); then
// pool 1 paused (by its controller) and resumed, pool 2 given a new rule,
// pool 3's strategy removed and pool 4 paused by governance.
func strategySeed() []byte {
	var prog []byte
	for kind := byte(1); kind <= 5; kind++ {
		prog = append(prog, opStrategyPool, 0, 2, 9, 2, 2, 9, 2, 0, // 2 assets, 10^9 at 4·10^10 each; no time-lock
			kind, 2, 128, 10, 128, 128, 25, 255, 1, 0) // every 2 min, λ ½, rails around the weights, 10% a step
		switch kind {
		case 1, 2:
			prog = append(prog, 21) // κ 2.1
		case 3:
			prog = append(prog, 21, 15) // κ 2.1, q 2
		case 4:
			prog = append(prog, 128) // blend ½
		case 5:
			prog = append(prog, 1, 2, 7, 1, 2, 2) // safe ueth, floor 10^7 (the share value is 2·10^7), m 4, base 50/50
		}
	}
	blocks := func(n int) { // n blocks 31 s apart: every boundary is met within an interval
		for range n {
			prog = append(prog, opEndBlock, 1)
		}
	}
	blocks(5) // the first boundary (the estimators only record prices), two updates a block
	for pool := byte(0); pool < 5; pool++ {
		prog = append(prog, opSwap, 0, 1, 2, 8, pool, 0) // 10^8 ueth in for uatom
	}
	blocks(8) // the next boundaries: moves toward uatom under way
	for pool := byte(0); pool < 5; pool++ {
		prog = append(prog, opSwap, 1, 0, 2, 8, pool, 1) // 10^8 uatom in for ueth
	}
	blocks(8)
	prog = append(prog,
		opPauseStrategy, 1, 0, // pool 1, by alice
		opSetStrategy, 1, 1, 4, 4, 128, 10, 128, 128, 25, 255, 1, 0, 128, // pool 2: minimum variance every 3 min
		opSetStrategy, 2, 0, // pool 3: removed
		opPauseStrategy, 0, 3, // pool 4, by governance
		opEndBlock, 0,
		opResumeStrategy, 0)
	blocks(8)
	return prog
}

// The strategy seed reaches what it is meant to: five strategy pools, one
// of each rule, updated by the end-block step with moves under way, and the
// pause, resume, new rule, removal and governance pause all accepted and
// applied.
func TestEndBlockStrategySeedReachesTheStrategyPaths(t *testing.T) {
	fx := newEndBlockFixture(t).branch()
	ops, errs := runEndBlockProgram(t, fx, strategySeed())
	for i, op := range ops {
		if op >= opStrategyPool || op == opSwap {
			require.NoError(t, errs[i], "op %d (%d)", i, op)
		}
	}
	require.Equal(t, types.RULE_KIND_MOMENTUM, fx.pool(t, 1).Strategy.Kind)
	require.False(t, fx.pool(t, 1).StrategyState.Paused, "pool 1 resumed")
	require.Equal(t, types.RULE_KIND_MIN_VARIANCE, fx.pool(t, 2).Strategy.Kind, "pool 2's new rule")
	require.Nil(t, fx.pool(t, 3).Strategy, "pool 3's strategy removed")
	require.True(t, fx.pool(t, 4).StrategyState.Paused, "pool 4 paused by governance")
	p5 := fx.pool(t, 5)
	require.Equal(t, types.RULE_KIND_FLOOR, p5.Strategy.Kind)
	// Updates that folded TWAP prices in, before the final hours (every one
	// of them past many boundaries at once, so held).
	for _, id := range []uint64{1, 4, 5} {
		require.GreaterOrEqual(t, fx.pool(t, id).StrategyState.Updates, uint64(5), "pool %d", id)
	}
	require.NotZero(t, fx.pool(t, 2).StrategyState.Updates, "the new rule updated")
	require.False(t, fx.pool(t, 1).StrategyState.Estimates[1].Gradient.IsZero(), "the swaps moved the prices the momentum rule reads")
}

// The fee seed reaches what it is meant to: a fee policy and a management
// fee queued and applied, a swap and a split swap that owe protocol fees,
// and a claim, with the owed fees paid out over the blocks that follow.
func TestEndBlockFeeSeedReachesTheFeePaths(t *testing.T) {
	fx := newEndBlockFixture(t).branch()
	ops, errs := runEndBlockProgram(t, fx, endBlockSeeds()[4])
	for i, op := range ops {
		if op == opFeePolicy || op == opManagementFee || op == opSwap || op == opSplitSwap || op == opClaimManagementFee {
			require.NoError(t, errs[i], "op %d (%d)", i, op)
		}
	}
	p1, p2 := fx.pool(t, 1), fx.pool(t, 2)
	require.NotNil(t, p1.FeePolicy, "the policy applied")
	require.NotNil(t, p2.ManagementFee, "the management fee applied")
	require.Empty(t, p1.ProtocolFeesOwed, "all owed fees were paid by the end")
	paid, err := fx.app.SmartPoolKeeper.ProtocolFeesPaid.Get(fx.ctx)
	require.NoError(t, err)
	require.False(t, paid.Amount.IsZero(), "protocol fees reached the community pool")
}
