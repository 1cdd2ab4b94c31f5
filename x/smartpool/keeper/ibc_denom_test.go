package keeper_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/types"
)

// TestIBCAssetPoolMatchesNative runs the same random operations, block by
// block, on two pools that differ only in one asset being uatom or its IBC
// voucher: every outcome (amounts, shares, refusal codes) and the final pool
// states must be equal. A pool treats an ibc/… denom exactly like a native one.
func TestIBCAssetPoolMatchesNative(t *testing.T) {
	policies := testPolicies()
	for _, seed := range []int64{1, 2, 3, 4, 5, 6} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			fx := newFixture(t)
			rng := rand.New(rand.NewSource(seed))
			names := []string{"fixed", "volatility", "direction", "tiers", "all"}
			policy := policies[names[int(seed)%len(names)]]
			weights := []int64{10 + rng.Int63n(91), 10 + rng.Int63n(91), 10 + rng.Int63n(91)}
			create := func(atom string) uint64 {
				res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(), SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3),
					Assets:    []types.PoolAsset{asset(atom, 300_000_000, weights[0]), asset("ueth", 50_000_000, weights[1]), asset("uusdc", 900_000_000, weights[2])},
					FeePolicy: policy})
				require.NoError(t, err)
				return res.PoolId
			}
			native, voucher := create("uatom"), create(testutil.IBCAtom)
			normalize := func(s string) string {
				s = strings.ReplaceAll(s, testutil.IBCAtom, "uatom")
				return strings.ReplaceAll(s, types.ShareDenom(voucher), types.ShareDenom(native))
			}
			outcome := func(res fmt.Stringer, err error) string {
				if err != nil {
					codespace, code, _ := errorsmod.ABCIInfo(err, false)
					return fmt.Sprintf("error %s/%d", codespace, code)
				}
				return normalize(res.String())
			}
			now, succeeded := fx.ctx.BlockTime(), 0
			for step := 0; step < 300; step++ {
				if step%5 == 4 {
					now = now.Add(time.Duration(1+rng.Intn(120)) * time.Second)
					fx.endBlockAt(t, now)
				}
				op, amount := rng.Intn(7), sdkmath.NewInt(1+rng.Int63n(20_000_000))
				denoms := []string{"uatom", "ueth", "uusdc"}
				in, out := denoms[rng.Intn(3)], denoms[rng.Intn(3)]
				run := func(id uint64, atom string) string {
					d := func(s string) string {
						if s == "uatom" {
							return atom
						}
						return s
					}
					user := fx.bob
					switch op {
					case 0:
						return outcome(fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: user.String(),
							Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: d(out)}}, TokenIn: sdk.NewCoin(d(in), amount), TokenOutMinAmount: sdkmath.OneInt()}))
					case 1:
						return outcome(fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: user.String(),
							Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: d(in)}}, TokenOut: sdk.NewCoin(d(out), amount), TokenInMaxAmount: sdkmath.NewInt(funds)}))
					case 2:
						return outcome(fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: user.String(), PoolId: id, ShareOutAmount: amount.MulRaw(1_000_000_000)}))
					case 3:
						return outcome(fx.msgs.ExitPool(fx.ctx, &types.MsgExitPool{Sender: user.String(), PoolId: id, ShareInAmount: amount.MulRaw(500_000_000)}))
					case 4:
						return outcome(fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: user.String(), PoolId: id,
							TokenIn: sdk.NewCoin(d(in), amount), ShareOutMinAmount: sdkmath.OneInt()}))
					case 5:
						return outcome(fx.msgs.ExitSwapShareAmountIn(fx.ctx, &types.MsgExitSwapShareAmountIn{Sender: user.String(), PoolId: id,
							TokenOutDenom: d(out), ShareInAmount: amount.MulRaw(100_000_000), TokenOutMinAmount: sdkmath.OneInt()}))
					default:
						other := "uusdc"
						if in == other {
							other = "ueth"
						}
						return outcome(fx.msgs.JoinPoolExactAmountsIn(fx.ctx, &types.MsgJoinPoolExactAmountsIn{Sender: user.String(), PoolId: id,
							TokensIn: sdk.NewCoins(sdk.NewCoin(d(in), amount), sdk.NewCoin(other, amount.MulRaw(3))), ShareOutMinAmount: sdkmath.OneInt()}))
					}
				}
				got := run(native, "uatom")
				require.Equal(t, got, run(voucher, testutil.IBCAtom), "step %d op %d", step, op)
				if !strings.HasPrefix(got, "error") {
					succeeded++
				}
			}
			require.Greater(t, succeeded, 150, "most operations went through")
			t.Logf("%d of 300 operations went through on both pools alike", succeeded)
			a, b := fx.pool(t, native), fx.pool(t, voucher)
			b.Id, b.ShareDenom = a.Id, a.ShareDenom
			require.Equal(t, normalize(a.String()), normalize(b.String()))
			require.Equal(t, fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, "uatom").Amount.Sub(sdkmath.NewInt(funds)),
				fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, testutil.IBCAtom).Amount.Sub(sdkmath.NewInt(funds)),
				"bob's uatom and voucher balances moved alike")
			require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
		})
	}
}

// TestDenomInfo: queries say where each asset comes from — an IBC voucher's
// base denom and path from x/transfer's trace — and bad input is refused.
func TestDenomInfo(t *testing.T) {
	fx := newFixture(t)
	id := fx.createPoolOf(t, testutil.IBCAtom)
	fx.createPool(t)

	pool, err := fx.query.Pool(fx.ctx, &types.QueryPoolRequest{PoolId: id})
	require.NoError(t, err)
	require.Equal(t, []types.DenomInfo{
		{Denom: testutil.IBCAtom, Origin: types.DenomOrigin_DENOM_ORIGIN_IBC, BaseDenom: "uatom", Path: "transfer/channel-0"},
		{Denom: "uusdc", Origin: types.DenomOrigin_DENOM_ORIGIN_NATIVE, BaseDenom: "uusdc"},
	}, pool.AssetDenoms, "in the order of pool.assets")

	pools, err := fx.query.Pools(fx.ctx, &types.QueryPoolsRequest{})
	require.NoError(t, err)
	var listed []string
	for _, d := range pools.Denoms {
		listed = append(listed, d.Denom)
	}
	require.Equal(t, []string{testutil.IBCAtom, "uatom", "uusdc"}, listed, "each denom once, sorted")

	info := func(denom string) (types.DenomInfo, error) {
		res, err := fx.query.DenomInfo(fx.ctx, &types.QueryDenomInfoRequest{Denom: denom})
		if err != nil {
			return types.DenomInfo{}, err
		}
		return res.Info, nil
	}
	got, err := info(types.ShareDenom(id))
	require.NoError(t, err)
	require.Equal(t, types.DenomOrigin_DENOM_ORIGIN_POOL_SHARE, got.Origin)
	unknown := "ibc/" + strings.Repeat("AB", 32)
	got, err = info(unknown)
	require.NoError(t, err)
	require.Equal(t, types.DenomInfo{Denom: unknown, Origin: types.DenomOrigin_DENOM_ORIGIN_UNKNOWN_IBC}, got)
	got, err = info(strings.ToLower(testutil.IBCAtom))
	require.NoError(t, err)
	require.Equal(t, types.DenomOrigin_DENOM_ORIGIN_UNKNOWN_IBC, got.Origin, "only the exact voucher denom resolves")
	got, err = info("ibc/not-hex")
	require.NoError(t, err)
	require.Equal(t, types.DenomOrigin_DENOM_ORIGIN_UNKNOWN_IBC, got.Origin, "a malformed hash was never minted")
	for _, bad := range []string{"", "1bad", "a b"} {
		_, err = info(bad)
		require.ErrorIs(t, err, types.ErrInvalidRequest, "denom %q", bad)
	}
}
