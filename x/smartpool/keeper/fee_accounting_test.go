package keeper_test

import (
	"math/big"
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// setParams changes the params at once, as a due governance change would.
func (f *fixture) setParams(t testing.TB, edit func(*types.Params)) {
	params, err := f.app.SmartPoolKeeper.Params.Get(f.ctx)
	require.NoError(t, err)
	edit(&params)
	require.NoError(t, params.Validate())
	require.NoError(t, f.app.SmartPoolKeeper.Params.Set(f.ctx, params))
}

// ratFloor is floor(x) of a big rational.
func ratFloor(x *big.Rat) *big.Int { return new(big.Int).Quo(x.Num(), x.Denom()) }

// decRat is a LegacyDec as an exact rational.
func decRat(d sdkmath.LegacyDec) *big.Rat {
	return new(big.Rat).SetFrac(d.BigInt(), sdkmath.LegacyOneDec().BigInt())
}

// The protocol's share of swap fees matches a big-rational reference to the
// base unit over random sequences of exact-in and exact-out swaps on two
// pools (one fixed, one with every dynamic policy), and the end-block step
// pays exactly that to the community pool, keeping the module account equal
// to the pools' balances plus what they owe at every step.
func TestProtocolFeeMatchesReference(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		fx := newFixture(t)
		rng := rand.New(rand.NewSource(seed))
		share := sdkmath.LegacyNewDecWithPrec(1+rng.Int63n(500), 3) // 0.001 … 0.5
		fx.setParams(t, func(p *types.Params) { p.ProtocolFeeShare = share })
		ids := []uint64{fx.createPool(t)}
		all := testPolicies()["all"]
		res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
			Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.01"), FeePolicy: all})
		require.NoError(t, err)
		ids = append(ids, res.PoolId)
		community := fx.communityBalance()
		want := sdk.NewCoins()
		module := fx.app.AccountKeeper.GetModuleAddress(types.ModuleName)
		swaps := 0
		for step := 0; step < 80; step++ {
			fx.nextBlock(fx.ctx.BlockTime().Add(time.Duration(10+rng.Intn(120)) * time.Second))
			id := ids[rng.Intn(len(ids))]
			in, out := "uatom", "uusdc"
			if rng.Intn(2) == 0 {
				in, out = out, in
			}
			amount := sdkmath.NewInt(1 + rng.Int63n(20_000_000))
			var paidIn sdkmath.Int
			if rng.Intn(2) == 0 {
				_, err = fx.msgs.SwapExactAmountIn(fx.ctx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
					Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: out}}, TokenIn: sdk.NewCoin(in, amount), TokenOutMinAmount: sdkmath.OneInt()})
				paidIn = amount
			} else {
				var r *types.MsgSwapExactAmountOutResponse
				r, err = fx.msgs.SwapExactAmountOut(fx.ctx, &types.MsgSwapExactAmountOut{Sender: fx.bob.String(),
					Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: in}}, TokenInMaxAmount: sdkmath.NewInt(funds), TokenOut: sdk.NewCoin(out, amount)})
				if err == nil {
					paidIn = r.TokenInAmount
				}
			}
			if err == nil {
				swaps++
				rate := fx.lastSwapFee(t)
				fee := ratFloor(new(big.Rat).Mul(new(big.Rat).SetInt(paidIn.BigInt()), decRat(rate)))
				protocol := ratFloor(new(big.Rat).Mul(new(big.Rat).SetInt(fee), decRat(share)))
				want = want.Add(sdk.NewCoin(in, sdkmath.NewIntFromBigInt(protocol)))
			}
			// Sometimes the block ends and the protocol fees are paid.
			if rng.Intn(5) == 0 {
				require.NoError(t, fx.app.SmartPoolKeeper.EndBlock(fx.ctx))
			}
			held := fx.app.BankKeeper.GetAllBalances(fx.ctx, module)
			require.Equal(t, fx.poolsHold(t, ids), held, "step %d: module account differs from balances + owed", step)
		}
		require.Greater(t, swaps, 40)
		// Owed + paid is the reference, to the base unit, and per pool the
		// fees_protocol counters add up to it too.
		owed, counted := sdk.NewCoins(), sdk.NewCoins()
		for _, id := range ids {
			p := fx.pool(t, id)
			owed = owed.Add(p.ProtocolFeesOwed...)
			for _, a := range p.Assets {
				counted = counted.Add(sdk.NewCoin(a.Denom, types.OrZeroPtr(a.FeesProtocol)))
			}
		}
		paidSoFar := fx.communityBalance().Sub(community...)
		require.Equal(t, want, owed.Add(paidSoFar...), "seed %d: owed + paid", seed)
		require.Equal(t, want, counted, "seed %d: fees_protocol counters", seed)
		require.NoError(t, fx.app.SmartPoolKeeper.EndBlock(fx.ctx))
		require.Equal(t, want, fx.communityBalance().Sub(community...), "seed %d: all paid after the block", seed)
		q, err := fx.query.ProtocolFees(fx.ctx, &types.QueryProtocolFeesRequest{})
		require.NoError(t, err)
		require.Equal(t, want, q.Paid)
		require.Empty(t, q.Owed)
		require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
	}
}

// communityBalance is what x/distribution's account holds (the community pool).
func (f *fixture) communityBalance() sdk.Coins {
	return f.app.BankKeeper.GetAllBalances(f.ctx, f.app.AccountKeeper.GetModuleAddress("distribution"))
}

// poolsHold is what the module account must hold for the pools: their
// balances and the protocol fees they owe.
func (f *fixture) poolsHold(t testing.TB, ids []uint64) sdk.Coins {
	total := sdk.NewCoins()
	for _, id := range ids {
		p := f.pool(t, id)
		total = total.Add(p.Liquidity()...).Add(p.ProtocolFeesOwed...)
	}
	return total
}

// The management fee minted over a random sequence of time steps, joins,
// exits and claims matches a big-rational reference to the base unit: at
// every mint, S·r·Δt/(Y − r·Δt) rounded down, Δt since the last mint (a mint
// that rounds to zero shares keeps accruing from the same time).
func TestManagementFeeMatchesReference(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		fx := newFixture(t)
		rng := rand.New(rand.NewSource(seed))
		rate := sdkmath.LegacyNewDecWithPrec(1+rng.Int63n(50_000), 6) // up to 5%
		carol := sdk.AccAddress([]byte("carol_______________"))
		res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
			Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.003"),
			Controller: fx.alice.String(), Rights: types.PoolRights{ChangeSwapFee: true}, Timelock: time.Hour,
			ManagementFee: &types.ManagementFeeChange{AnnualRate: rate, Recipient: carol.String()}})
		require.NoError(t, err)
		id := res.PoolId
		shareDenom := types.ShareDenom(id)
		supply := fx.pool(t, id).TotalShares.BigInt() // the reference's own count
		last := fx.ctx.BlockTime()
		minted := new(big.Int)
		yearNs := new(big.Rat).SetInt64(int64(365 * 24 * time.Hour))
		accrue := func(now time.Time) {
			dt := now.Sub(last)
			if dt > 365*24*time.Hour {
				dt = 365 * 24 * time.Hour
			}
			rdt := new(big.Rat).Mul(decRat(rate), new(big.Rat).SetInt64(int64(dt)))
			x := ratFloor(new(big.Rat).Quo(new(big.Rat).Mul(new(big.Rat).SetInt(supply), rdt), new(big.Rat).Sub(yearNs, rdt)))
			if x.Sign() > 0 {
				supply.Add(supply, x)
				minted.Add(minted, x)
				last = now
			}
		}
		for step := 0; step < 60; step++ {
			steps := []time.Duration{time.Second, time.Minute, time.Hour, 24 * time.Hour, 30 * 24 * time.Hour}
			fx.nextBlock(fx.ctx.BlockTime().Add(time.Duration(1 + rng.Int63n(int64(steps[rng.Intn(len(steps))])))))
			now := fx.ctx.BlockTime()
			switch rng.Intn(4) {
			case 0:
				shares := sdkmath.NewInt(1 + rng.Int63n(1_000_000_000_000_000_000/1000))
				_, err := fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: fx.bob.String(), PoolId: id, ShareOutAmount: shares})
				require.NoError(t, err)
				accrue(now)
				supply.Add(supply, shares.BigInt())
			case 1:
				bal := fx.app.BankKeeper.GetBalance(fx.ctx, fx.bob, shareDenom).Amount
				if !bal.IsPositive() {
					continue
				}
				shares := bal.QuoRaw(int64(1 + rng.Intn(3)))
				_, err := fx.msgs.ExitPool(fx.ctx, &types.MsgExitPool{Sender: fx.bob.String(), PoolId: id, ShareInAmount: shares})
				require.NoError(t, err)
				accrue(now)
				supply.Sub(supply, shares.BigInt())
			case 2:
				j, err := fx.msgs.JoinSwapExternAmountIn(fx.ctx, &types.MsgJoinSwapExternAmountIn{Sender: fx.bob.String(), PoolId: id,
					TokenIn: sdk.NewInt64Coin("uatom", 1+rng.Int63n(5_000_000)), ShareOutMinAmount: sdkmath.ZeroInt()})
				require.NoError(t, err)
				accrue(now)
				supply.Add(supply, j.ShareOutAmount.BigInt())
			default:
				_, err := fx.msgs.ClaimManagementFee(fx.ctx, &types.MsgClaimManagementFee{Sender: fx.bob.String(), PoolId: id})
				require.NoError(t, err)
				accrue(now)
			}
			require.Equal(t, minted.String(), fx.app.BankKeeper.GetBalance(fx.ctx, carol, shareDenom).Amount.String(), "seed %d step %d", seed, step)
			require.Equal(t, supply.String(), fx.pool(t, id).TotalShares.String())
		}
		require.Positive(t, minted.Sign(), "the fee minted something")
		require.NoError(t, fx.app.SmartPoolKeeper.CheckModuleBalances(fx.ctx))
	}
}

// A management fee change mints what accrued at the old rate first; a pool
// without a controller cannot charge one; the rate is bounded by the params.
func TestManagementFeeChange(t *testing.T) {
	fx := newFixture(t)
	carol := sdk.AccAddress([]byte("carol_______________"))
	_, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.003"),
		ManagementFee: &types.ManagementFeeChange{AnnualRate: dec("0.01"), Recipient: carol.String()}})
	require.ErrorIs(t, err, types.ErrInvalidMgmtFee, "no controller, no manager to pay")
	_, err = fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: fx.alice.String(), Rights: types.PoolRights{ChangeSwapFee: true}, Timelock: time.Hour,
		ManagementFee: &types.ManagementFeeChange{AnnualRate: dec("0.06"), Recipient: carol.String()}})
	require.ErrorIs(t, err, types.ErrInvalidMgmtFee, "above max_management_fee")

	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: fx.alice.String(), Rights: types.PoolRights{ChangeSwapFee: true}, Timelock: time.Hour,
		ManagementFee: &types.ManagementFeeChange{AnnualRate: dec("0.02"), Recipient: carol.String()}})
	require.NoError(t, err)
	id := res.PoolId
	_, err = fx.msgs.SetManagementFee(fx.ctx, &types.MsgSetManagementFee{Sender: fx.bob.String(), PoolId: id,
		Fee: types.ManagementFeeChange{AnnualRate: dec("0.01"), Recipient: fx.bob.String()}})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	q, err := fx.msgs.SetManagementFee(fx.ctx, &types.MsgSetManagementFee{Sender: fx.alice.String(), PoolId: id,
		Fee: types.ManagementFeeChange{AnnualRate: dec("0"), Recipient: ""}})
	require.NoError(t, err)
	before := fx.pool(t, id).TotalShares
	fx.endBlockAt(t, q.DueTime)
	p := fx.pool(t, id)
	require.Nil(t, p.ManagementFee, "a zero rate turns it off")
	got := fx.app.BankKeeper.GetBalance(fx.ctx, carol, p.ShareDenom).Amount
	require.True(t, got.IsPositive(), "the hour at 2%% was minted when the change applied")
	require.Equal(t, before.Add(got), p.TotalShares)
	_, err = fx.msgs.ClaimManagementFee(fx.ctx, &types.MsgClaimManagementFee{Sender: fx.bob.String(), PoolId: id})
	require.ErrorIs(t, err, types.ErrInvalidMgmtFee)
}

// Renouncing control ends a management fee: what accrued is minted, and an
// immutable pool charges nothing more.
func TestRenouncingControlEndsManagementFee(t *testing.T) {
	fx := newFixture(t)
	id, carol := fx.managedPool(t, types.PoolRights{})
	q, err := fx.msgs.TransferControl(fx.ctx, &types.MsgTransferControl{Sender: fx.alice.String(), PoolId: id, NewController: ""})
	require.NoError(t, err)
	fx.endBlockAt(t, q.DueTime)
	p := fx.pool(t, id)
	require.Empty(t, p.Controller)
	require.Nil(t, p.ManagementFee)
	minted := fx.app.BankKeeper.GetBalance(fx.ctx, carol, p.ShareDenom).Amount
	require.True(t, minted.IsPositive(), "the hour before was paid")
	fx.endBlockAt(t, q.DueTime.Add(30*24*time.Hour))
	_, err = fx.msgs.JoinPool(fx.ctx, &types.MsgJoinPool{Sender: fx.bob.String(), PoolId: id, ShareOutAmount: sdkmath.NewInt(1_000_000)})
	require.NoError(t, err)
	require.Equal(t, minted, fx.app.BankKeeper.GetBalance(fx.ctx, carol, p.ShareDenom).Amount, "nothing after")
}

// An allow-listed pool refuses a management fee its recipient could never
// receive, when queued.
func TestManagementFeeRecipientMustBeAllowListed(t *testing.T) {
	fx := newFixture(t)
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: fx.alice.String(), Rights: types.PoolRights{ChangeSwapFee: true, ManageAllowList: true}, Timelock: time.Hour})
	require.NoError(t, err)
	id := res.PoolId
	q, err := fx.msgs.EditAllowList(fx.ctx, &types.MsgEditAllowList{Sender: fx.alice.String(), PoolId: id,
		Edit: types.AllowListChange{Enable: true, Add: []string{fx.alice.String()}}})
	require.NoError(t, err)
	fx.endBlockAt(t, q.DueTime)
	_, err = fx.msgs.SetManagementFee(fx.ctx, &types.MsgSetManagementFee{Sender: fx.alice.String(), PoolId: id,
		Fee: types.ManagementFeeChange{AnnualRate: dec("0.01"), Recipient: fx.bob.String()}})
	require.ErrorIs(t, err, types.ErrNotAllowListed)
	_, err = fx.msgs.SetManagementFee(fx.ctx, &types.MsgSetManagementFee{Sender: fx.alice.String(), PoolId: id,
		Fee: types.ManagementFeeChange{AnnualRate: dec("0.01"), Recipient: fx.alice.String()}})
	require.NoError(t, err)
}

// managedPool is alice's 3:5 uatom/uusdc pool with the given rights and a
// 5% management fee paid to carol.
func (f *fixture) managedPool(t testing.TB, rights types.PoolRights) (uint64, sdk.AccAddress) {
	carol := sdk.AccAddress([]byte("carol_______________"))
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets: []types.PoolAsset{asset("uatom", 300_000_000, 50), asset("uusdc", 500_000_000, 50)}, SwapFee: dec("0.003"),
		Controller: f.alice.String(), Rights: rights, Timelock: time.Hour,
		ManagementFee: &types.ManagementFeeChange{AnnualRate: dec("0.05"), Recipient: carol.String()}})
	require.NoError(t, err)
	return res.PoolId, carol
}
