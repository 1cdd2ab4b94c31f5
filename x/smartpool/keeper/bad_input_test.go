package keeper_test

import (
	"context"
	"fmt"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/poold/poold/x/smartpool/types"
)

// badCase is one bad message and the registered error it must return.
type badCase struct {
	name string
	run  func(ctx context.Context, f *fixture) error
	want error
}

// runBadCases checks, for every case, that the message fails with its typed
// error, does not panic, and leaves pools, balances and supply untouched.
func runBadCases(t *testing.T, cases []badCase) {
	t.Helper()
	runBadCasesOn(t, func(f *fixture) { f.createPool(t) }, cases)
}

// runBadCasesOn is runBadCases on the state setup builds.
func runBadCasesOn(t *testing.T, setup func(f *fixture), cases []badCase) {
	t.Helper()
	f := newFixture(t)
	setup(f)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			var err error
			require.NotPanics(t, func() { err = tc.run(f.ctx, f) })
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.snapshot(t), "state changed on a failed message")
		})
	}
}

var (
	fee003  = sdkmath.LegacyMustNewDecFromStr("0.003")
	share   = sdkmath.NewIntWithDecimal(1, 18)
	nobody  = sdk.AccAddress("nobody______________").String()
	badAddr = "pool1notanaddress"
)

func coin(denom string, amt int64) sdk.Coin {
	return sdk.Coin{Denom: denom, Amount: sdkmath.NewInt(amt)}
}

func TestCreatePoolBadInput(t *testing.T) {
	create := func(sender string, fee sdkmath.LegacyDec, assets ...types.PoolAsset) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.alice.String()
			}
			_, err := f.msgs.CreatePool(ctx, &types.MsgCreatePool{Sender: sender, Assets: assets, SwapFee: fee})
			return err
		}
	}
	nine := make([]types.PoolAsset, 9)
	for i := range nine {
		nine[i] = asset(fmt.Sprintf("utok%d", i), 1000, 1)
	}
	runBadCases(t, []badCase{
		{"bad sender", create(badAddr, fee003, asset("uatom", 10, 1), asset("uusdc", 10, 1)), types.ErrInvalidAddress},
		{"one asset", create("", fee003, asset("uatom", 10, 1)), types.ErrInvalidAssets},
		{"no assets", create("", fee003), types.ErrInvalidAssets},
		{"nine assets", create("", fee003, nine...), types.ErrInvalidAssets},
		{"duplicate denom", create("", fee003, asset("uatom", 10, 1), asset("uatom", 10, 1)), types.ErrInvalidAssets},
		{"invalid denom", create("", fee003, asset("1atom", 10, 1), asset("uusdc", 10, 1)), types.ErrInvalidAssets},
		{"zero balance", create("", fee003, asset("uatom", 0, 1), asset("uusdc", 10, 1)), types.ErrInvalidAmount},
		{"negative balance", create("", fee003, asset("uatom", -5, 1), asset("uusdc", 10, 1)), types.ErrInvalidAmount},
		{"nil balance", create("", fee003, types.PoolAsset{Denom: "uatom", Weight: sdkmath.OneInt()}, asset("uusdc", 10, 1)), types.ErrInvalidAmount},
		{"zero weight", create("", fee003, asset("uatom", 10, 0), asset("uusdc", 10, 1)), types.ErrInvalidWeight},
		{"negative weight", create("", fee003, asset("uatom", 10, -1), asset("uusdc", 10, 1)), types.ErrInvalidWeight},
		{"weight above max", create("", fee003, types.PoolAsset{Denom: "uatom", Balance: sdkmath.NewInt(10), Weight: types.MaxRawWeight.AddRaw(1)}, asset("uusdc", 10, 1)), types.ErrInvalidWeight},
		{"normalized weight below 1%", create("", fee003, asset("uatom", 10, 1), asset("uusdc", 10, 200)), types.ErrInvalidWeight},
		{"negative fee", create("", sdkmath.LegacyMustNewDecFromStr("-0.01"), asset("uatom", 10, 1), asset("uusdc", 10, 1)), types.ErrInvalidSwapFee},
		{"fee above max", create("", sdkmath.LegacyMustNewDecFromStr("0.2"), asset("uatom", 10, 1), asset("uusdc", 10, 1)), types.ErrInvalidSwapFee},
		{"fee of one", create("", sdkmath.LegacyOneDec(), asset("uatom", 10, 1), asset("uusdc", 10, 1)), types.ErrInvalidSwapFee},
		{"fee not set", create("", sdkmath.LegacyDec{}, asset("uatom", 10, 1), asset("uusdc", 10, 1)), types.ErrInvalidSwapFee},
		{"unknown denom", create("", fee003, asset("uatom", 10, 1), asset("unobtainium", 10, 1)), sdkerrors.ErrInsufficientFunds},
		{"insufficient funds", create("", fee003, asset("uatom", funds+1, 1), asset("uusdc", 10, 1)), sdkerrors.ErrInsufficientFunds},
		{"cannot pay creation fee", create(nobody, fee003, asset("uatom", 10, 1), asset("uusdc", 10, 1)), sdkerrors.ErrInsufficientFunds},
	})
}

func TestJoinPoolBadInput(t *testing.T) {
	join := func(sender string, id uint64, shares sdkmath.Int, maxs ...sdk.Coin) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.bob.String()
			}
			_, err := f.msgs.JoinPool(ctx, &types.MsgJoinPool{Sender: sender, PoolId: id, ShareOutAmount: shares, TokenInMaxs: maxs})
			return err
		}
	}
	runBadCases(t, []badCase{
		{"bad sender", join(badAddr, 1, share), types.ErrInvalidAddress},
		{"unknown pool", join("", 99, share), types.ErrPoolNotFound},
		{"pool zero", join("", 0, share), types.ErrPoolNotFound},
		{"zero shares", join("", 1, sdkmath.ZeroInt()), types.ErrInvalidAmount},
		{"negative shares", join("", 1, sdkmath.NewInt(-1)), types.ErrInvalidAmount},
		{"nil shares", join("", 1, sdkmath.Int{}), types.ErrInvalidAmount},
		{"max in too low", join("", 1, share, coin("uatom", 999_999), coin("uusdc", 2_000_000)), types.ErrSlippage},
		{"max in misses a denom", join("", 1, share, coin("uatom", 2_000_000)), types.ErrSlippage},
		{"max in foreign denom", join("", 1, share, coin("uatom", 2_000_000), coin("ueth", 1), coin("uusdc", 2_000_000)), types.ErrDenomNotInPool},
		{"max in unsorted", join("", 1, share, coin("uusdc", 2_000_000), coin("uatom", 2_000_000)), types.ErrInvalidAmount},
		{"max in zero amount", join("", 1, share, coin("uatom", 0)), types.ErrInvalidAmount},
		{"insufficient funds", join(nobody, 1, share), sdkerrors.ErrInsufficientFunds},
	})
}

func TestExitPoolBadInput(t *testing.T) {
	exit := func(sender string, id uint64, shares sdkmath.Int, mins ...sdk.Coin) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.alice.String()
			}
			_, err := f.msgs.ExitPool(ctx, &types.MsgExitPool{Sender: sender, PoolId: id, ShareInAmount: shares, TokenOutMins: mins})
			return err
		}
	}
	runBadCases(t, []badCase{
		{"bad sender", exit(badAddr, 1, share), types.ErrInvalidAddress},
		{"unknown pool", exit("", 99, share), types.ErrPoolNotFound},
		{"zero shares", exit("", 1, sdkmath.ZeroInt()), types.ErrInvalidAmount},
		{"negative shares", exit("", 1, sdkmath.NewInt(-1)), types.ErrInvalidAmount},
		{"all shares", exit("", 1, types.InitialShares), types.ErrInvalidShares},
		{"more than all shares", exit("", 1, types.InitialShares.AddRaw(1)), types.ErrInvalidShares},
		{"shares not held", exit(nobody, 1, share), sdkerrors.ErrInsufficientFunds},
		{"min out too high", exit("", 1, share, coin("uatom", 1_000_001)), types.ErrSlippage},
		{"min out foreign denom", exit("", 1, share, coin("ueth", 1)), types.ErrDenomNotInPool},
	})
}

func TestJoinSwapExternAmountInBadInput(t *testing.T) {
	join := func(sender string, id uint64, in sdk.Coin, min sdkmath.Int) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.bob.String()
			}
			_, err := f.msgs.JoinSwapExternAmountIn(ctx, &types.MsgJoinSwapExternAmountIn{Sender: sender, PoolId: id, TokenIn: in, ShareOutMinAmount: min})
			return err
		}
	}
	one := sdkmath.OneInt()
	runBadCases(t, []badCase{
		{"bad sender", join(badAddr, 1, coin("uatom", 1000), one), types.ErrInvalidAddress},
		{"unknown pool", join("", 99, coin("uatom", 1000), one), types.ErrPoolNotFound},
		{"zero amount", join("", 1, coin("uatom", 0), one), types.ErrInvalidAmount},
		{"negative amount", join("", 1, coin("uatom", -10), one), types.ErrInvalidAmount},
		{"invalid denom", join("", 1, coin("!", 10), one), types.ErrInvalidAmount},
		{"denom not in pool", join("", 1, coin("ueth", 1000), one), types.ErrDenomNotInPool},
		{"above max in ratio", join("", 1, coin("uatom", 50_000_001), one), types.ErrMaxInRatio},
		{"min shares too high", join("", 1, coin("uatom", 1000), share), types.ErrSlippage},
		{"negative min", join("", 1, coin("uatom", 1000), sdkmath.NewInt(-1)), types.ErrInvalidAmount},
		{"insufficient funds", join(nobody, 1, coin("uatom", 1000), one), sdkerrors.ErrInsufficientFunds},
	})
}

func TestJoinPoolExactAmountsInBadInput(t *testing.T) {
	join := func(sender string, id uint64, min sdkmath.Int, in ...sdk.Coin) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.bob.String()
			}
			_, err := f.msgs.JoinPoolExactAmountsIn(ctx, &types.MsgJoinPoolExactAmountsIn{Sender: sender, PoolId: id, TokensIn: in, ShareOutMinAmount: min})
			return err
		}
	}
	one := sdkmath.OneInt()
	runBadCases(t, []badCase{
		{"bad sender", join(badAddr, 1, one, coin("uatom", 1000)), types.ErrInvalidAddress},
		{"unknown pool", join("", 99, one, coin("uatom", 1000)), types.ErrPoolNotFound},
		{"no tokens", join("", 1, one), types.ErrInvalidAmount},
		{"zero amount", join("", 1, one, coin("uatom", 0)), types.ErrInvalidAmount},
		{"duplicate denom", join("", 1, one, coin("uatom", 10), coin("uatom", 10)), types.ErrInvalidAmount},
		{"denom not in pool", join("", 1, one, coin("uatom", 10), coin("ueth", 10)), types.ErrDenomNotInPool},
		{"above max in ratio", join("", 1, one, coin("uatom", 10), coin("uusdc", 100_000_001)), types.ErrMaxInRatio},
		{"min shares too high", join("", 1, share, coin("uatom", 1000)), types.ErrSlippage},
		{"negative min", join("", 1, sdkmath.NewInt(-1), coin("uatom", 1000)), types.ErrInvalidAmount},
		{"insufficient funds", join(nobody, 1, one, coin("uatom", 1000)), sdkerrors.ErrInsufficientFunds},
	})
}

func TestExitSwapShareAmountInBadInput(t *testing.T) {
	exit := func(sender string, id uint64, denom string, shares, min sdkmath.Int) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.alice.String()
			}
			_, err := f.msgs.ExitSwapShareAmountIn(ctx, &types.MsgExitSwapShareAmountIn{
				Sender: sender, PoolId: id, TokenOutDenom: denom, ShareInAmount: shares, TokenOutMinAmount: min,
			})
			return err
		}
	}
	one := sdkmath.OneInt()
	runBadCases(t, []badCase{
		{"bad sender", exit(badAddr, 1, "uatom", share, one), types.ErrInvalidAddress},
		{"unknown pool", exit("", 99, "uatom", share, one), types.ErrPoolNotFound},
		{"invalid denom", exit("", 1, "", share, one), types.ErrInvalidRequest},
		{"denom not in pool", exit("", 1, "ueth", share, one), types.ErrDenomNotInPool},
		{"zero shares", exit("", 1, "uatom", sdkmath.ZeroInt(), one), types.ErrInvalidAmount},
		{"all shares", exit("", 1, "uatom", types.InitialShares, one), types.ErrInvalidShares},
		{"above max out ratio", exit("", 1, "uatom", share.MulRaw(40), one), types.ErrMaxOutRatio},
		{"min out too high", exit("", 1, "uatom", share, sdkmath.NewInt(100_000_000)), types.ErrSlippage},
		{"negative min", exit("", 1, "uatom", share, sdkmath.NewInt(-1)), types.ErrInvalidAmount},
		{"shares not held", exit(nobody, 1, "uatom", share, one), sdkerrors.ErrInsufficientFunds},
	})
}

func TestSwapExactAmountInBadInput(t *testing.T) {
	swap := func(sender string, in sdk.Coin, min sdkmath.Int, routes ...types.SwapAmountInRoute) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.bob.String()
			}
			_, err := f.msgs.SwapExactAmountIn(ctx, &types.MsgSwapExactAmountIn{Sender: sender, Routes: routes, TokenIn: in, TokenOutMinAmount: min})
			return err
		}
	}
	hop := func(id uint64, denom string) types.SwapAmountInRoute {
		return types.SwapAmountInRoute{PoolId: id, TokenOutDenom: denom}
	}
	one := sdkmath.OneInt()
	long := make([]types.SwapAmountInRoute, types.MaxRouteHops+1)
	for i := range long {
		long[i] = hop(uint64(i+1), fmt.Sprintf("utok%d", i))
	}
	runBadCases(t, []badCase{
		{"bad sender", swap(badAddr, coin("uatom", 1000), one, hop(1, "uusdc")), types.ErrInvalidAddress},
		{"no route", swap("", coin("uatom", 1000), one), types.ErrInvalidRoute},
		{"too many hops", swap("", coin("uatom", 1000), one, long...), types.ErrInvalidRoute},
		{"same denom in and out", swap("", coin("uatom", 1000), one, hop(1, "uatom")), types.ErrInvalidRoute},
		{"pool twice", swap("", coin("uatom", 1000), one, hop(1, "uusdc"), hop(1, "ueth")), types.ErrInvalidRoute},
		{"hop to its own denom", swap("", coin("uatom", 1000), one, hop(1, "uusdc"), hop(2, "uusdc")), types.ErrInvalidRoute},
		{"unknown pool", swap("", coin("uatom", 1000), one, hop(99, "uusdc")), types.ErrPoolNotFound},
		{"denom in not in pool", swap("", coin("ueth", 1000), one, hop(1, "uusdc")), types.ErrDenomNotInPool},
		{"denom out not in pool", swap("", coin("uatom", 1000), one, hop(1, "ueth")), types.ErrDenomNotInPool},
		{"zero amount", swap("", coin("uatom", 0), one, hop(1, "uusdc")), types.ErrInvalidAmount},
		{"negative amount", swap("", coin("uatom", -1), one, hop(1, "uusdc")), types.ErrInvalidAmount},
		{"negative min", swap("", coin("uatom", 1000), sdkmath.NewInt(-1), hop(1, "uusdc")), types.ErrInvalidAmount},
		{"above max in ratio", swap("", coin("uatom", 50_000_001), one, hop(1, "uusdc")), types.ErrMaxInRatio},
		{"above max out ratio", swap("", coin("uatom", 50_000_000), one, hop(1, "uusdc")), types.ErrMaxOutRatio},
		{"slippage", swap("", coin("uatom", 1_000_000), sdkmath.NewInt(3_000_000), hop(1, "uusdc")), types.ErrSlippage},
		{"insufficient funds", swap(nobody, coin("uatom", 1000), one, hop(1, "uusdc")), sdkerrors.ErrInsufficientFunds},
	})
}

func TestSwapExactAmountOutBadInput(t *testing.T) {
	swap := func(sender string, out sdk.Coin, max sdkmath.Int, routes ...types.SwapAmountOutRoute) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if sender == "" {
				sender = f.bob.String()
			}
			_, err := f.msgs.SwapExactAmountOut(ctx, &types.MsgSwapExactAmountOut{Sender: sender, Routes: routes, TokenInMaxAmount: max, TokenOut: out})
			return err
		}
	}
	hop := func(id uint64, denom string) types.SwapAmountOutRoute {
		return types.SwapAmountOutRoute{PoolId: id, TokenInDenom: denom}
	}
	big := sdkmath.NewInt(funds)
	runBadCases(t, []badCase{
		{"bad sender", swap(badAddr, coin("uatom", 1000), big, hop(1, "uusdc")), types.ErrInvalidAddress},
		{"no route", swap("", coin("uatom", 1000), big), types.ErrInvalidRoute},
		{"same denom", swap("", coin("uatom", 1000), big, hop(1, "uatom")), types.ErrInvalidRoute},
		{"hop from its own denom", swap("", coin("uatom", 1000), big, hop(1, "uusdc"), hop(2, "uusdc")), types.ErrInvalidRoute},
		{"unknown pool", swap("", coin("uatom", 1000), big, hop(99, "uusdc")), types.ErrPoolNotFound},
		{"denom not in pool", swap("", coin("ueth", 1000), big, hop(1, "uusdc")), types.ErrDenomNotInPool},
		{"zero amount", swap("", coin("uatom", 0), big, hop(1, "uusdc")), types.ErrInvalidAmount},
		{"zero max in", swap("", coin("uatom", 1000), sdkmath.ZeroInt(), hop(1, "uusdc")), types.ErrInvalidAmount},
		{"whole balance out", swap("", coin("uatom", 100_000_000), big, hop(1, "uusdc")), types.ErrMaxOutRatio},
		{"above max out ratio", swap("", coin("uatom", 30_000_001), big, hop(1, "uusdc")), types.ErrMaxOutRatio},
		{"slippage", swap("", coin("uatom", 1_000_000), sdkmath.NewInt(3_000_000), hop(1, "uusdc")), types.ErrSlippage},
		{"insufficient funds", swap(nobody, coin("uatom", 1000), big, hop(1, "uusdc")), sdkerrors.ErrInsufficientFunds},
	})
}

func TestUpdateParamsBadInput(t *testing.T) {
	update := func(authority string, mutate func(*types.Params)) func(context.Context, *fixture) error {
		return func(ctx context.Context, f *fixture) error {
			if authority == "" {
				authority = f.govAcc
			}
			p := types.DefaultParams()
			mutate(&p)
			_, err := f.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: authority, Params: p})
			return err
		}
	}
	noop := func(*types.Params) {}
	runBadCases(t, []badCase{
		{"not the gov account", update(nobody, noop), types.ErrUnauthorized},
		{"bad address", update(badAddr, noop), types.ErrUnauthorized},
		{"min assets one", update("", func(p *types.Params) { p.MinAssets = 1 }), types.ErrInvalidParams},
		{"max assets nine", update("", func(p *types.Params) { p.MaxAssets = 9 }), types.ErrInvalidParams},
		{"min above max", update("", func(p *types.Params) { p.MinAssets, p.MaxAssets = 5, 4 }), types.ErrInvalidParams},
		{"weight too small", update("", func(p *types.Params) { p.MinNormalizedWeight = sdkmath.LegacyMustNewDecFromStr("0.0001") }), types.ErrInvalidParams},
		{"weight too large", update("", func(p *types.Params) { p.MinNormalizedWeight = sdkmath.LegacyMustNewDecFromStr("0.2") }), types.ErrInvalidParams},
		{"fee too large", update("", func(p *types.Params) { p.MaxSwapFee = sdkmath.LegacyMustNewDecFromStr("0.6") }), types.ErrInvalidParams},
		{"zero in ratio", update("", func(p *types.Params) { p.MaxInRatio = sdkmath.LegacyZeroDec() }), types.ErrInvalidParams},
		{"out ratio too large", update("", func(p *types.Params) { p.MaxOutRatio = sdkmath.LegacyMustNewDecFromStr("0.9") }), types.ErrInvalidParams},
		{"unset dec", update("", func(p *types.Params) { p.MaxOutRatio = sdkmath.LegacyDec{} }), types.ErrInvalidParams},
		{"bad creation fee", update("", func(p *types.Params) { p.PoolCreationFee = sdk.Coins{coin("upool", -1)} }), types.ErrInvalidParams},
	})
}
