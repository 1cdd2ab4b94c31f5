package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// A single-asset join followed by a single-asset exit is a swap (its fee
// says so), so it books the protocol's share and LP income like one: an LP
// who owns much of the pool cannot save the protocol fee by detouring.
func TestJoinExitDetourPaysTheProtocolFee(t *testing.T) {
	fx := newFixture(t)
	fx.setParams(t, func(p *types.Params) { p.ProtocolFeeShare = dec("0.5") })
	res, err := fx.msgs.CreatePool(fx.ctx, &types.MsgCreatePool{Sender: fx.alice.String(),
		Assets:  []types.PoolAsset{asset("uatom", 1_000_000_000, 50), asset("uusdc", 1_000_000_000, 50)},
		SwapFee: dec("0.01")})
	require.NoError(t, err)
	id := res.PoolId
	amount := sdk.NewInt64Coin("uatom", 1_000_000)

	// The direct swap, on a branch.
	swapCtx, _ := fx.ctx.CacheContext()
	sw, err := fx.msgs.SwapExactAmountIn(swapCtx, &types.MsgSwapExactAmountIn{Sender: fx.bob.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: "uusdc"}}, TokenIn: amount, TokenOutMinAmount: sdkmath.OneInt()})
	require.NoError(t, err)
	swapped, err := fx.app.SmartPoolKeeper.GetPool(swapCtx, id)
	require.NoError(t, err)
	require.False(t, swapped.ProtocolFeesOwed.IsZero(), "the swap owes the protocol its share")

	// The detour: join with uatom, exit the shares into uusdc.
	detourCtx, _ := fx.ctx.CacheContext()
	j, err := fx.msgs.JoinSwapExternAmountIn(detourCtx, &types.MsgJoinSwapExternAmountIn{Sender: fx.bob.String(), PoolId: id,
		TokenIn: amount, ShareOutMinAmount: sdkmath.ZeroInt()})
	require.NoError(t, err)
	e, err := fx.msgs.ExitSwapShareAmountIn(detourCtx, &types.MsgExitSwapShareAmountIn{Sender: fx.bob.String(), PoolId: id,
		TokenOutDenom: "uusdc", ShareInAmount: j.ShareOutAmount, TokenOutMinAmount: sdkmath.ZeroInt()})
	require.NoError(t, err)
	detoured, err := fx.app.SmartPoolKeeper.GetPool(detourCtx, id)
	require.NoError(t, err)
	t.Logf("swap out %s (protocol owed %s), detour out %s (protocol owed %s)", sw.TokenOutAmount, swapped.ProtocolFeesOwed, e.TokenOutAmount, detoured.ProtocolFeesOwed)
	// The detour is a real substitute: within 0.01% of the swap.
	require.True(t, e.TokenOutAmount.MulRaw(10_000).GTE(sw.TokenOutAmount.MulRaw(9_999)), "detour %s vs swap %s", e.TokenOutAmount, sw.TokenOutAmount)
	require.False(t, detoured.ProtocolFeesOwed.IsZero(), "the join/exit detour charged the swap fee but booked no protocol fee")
	lp := types.OrZero(detoured.Assets[0].FeesLp).Add(types.OrZero(detoured.Assets[1].FeesLp))
	require.True(t, lp.IsPositive(), "the join/exit detour's fee is not counted as LP income either")
}

// A management fee's recipient stays on an enabled allow-list: an edit that
// would take it off is refused, so renouncing control (which mints the
// accrued fee first) goes through.
func TestFeeRecipientStaysOnTheAllowList(t *testing.T) {
	fx := newFixture(t)
	id, carol := fx.managedPool(t, types.PoolRights{ChangeSwapFee: true, ManageAllowList: true})
	_, err := fx.msgs.EditAllowList(fx.ctx, &types.MsgEditAllowList{Sender: fx.alice.String(), PoolId: id,
		Edit: types.AllowListChange{Enable: true, Add: []string{fx.alice.String()}}})
	require.ErrorIs(t, err, types.ErrNotAllowListed, "switching the list on without the recipient")
	q, err := fx.msgs.EditAllowList(fx.ctx, &types.MsgEditAllowList{Sender: fx.alice.String(), PoolId: id,
		Edit: types.AllowListChange{Enable: true, Add: []string{fx.alice.String(), carol.String()}}})
	require.NoError(t, err)
	fx.endBlockAt(t, q.DueTime)
	_, err = fx.msgs.EditAllowList(fx.ctx, &types.MsgEditAllowList{Sender: fx.alice.String(), PoolId: id,
		Edit: types.AllowListChange{Remove: []string{carol.String()}}})
	require.ErrorIs(t, err, types.ErrInvalidMgmtFee, "taking the recipient off the list")

	tc, err := fx.msgs.TransferControl(fx.ctx, &types.MsgTransferControl{Sender: fx.alice.String(), PoolId: id, NewController: ""})
	require.NoError(t, err)
	fx.endBlockAt(t, tc.DueTime.Add(time.Second))
	p := fx.pool(t, id)
	require.Empty(t, p.Controller, "renounced")
	require.Nil(t, p.ManagementFee)
	require.True(t, fx.app.BankKeeper.GetBalance(fx.ctx, carol, p.ShareDenom).Amount.IsPositive(), "the accrued fee was minted on the way out")
}

// Genesis refuses a management fee on an immutable pool (no controller),
// which MsgCreatePool and renouncing control both rule out: such a fee would
// accrue forever, and nothing could ever end it.
func TestGenesisRefusesManagementFeeOnImmutablePool(t *testing.T) {
	fx := newFixture(t)
	id, _ := fx.managedPool(t, types.PoolRights{})
	gs, err := fx.app.SmartPoolKeeper.ExportGenesis(fx.ctx)
	require.NoError(t, err)
	for i := range gs.Pools {
		if gs.Pools[i].Id == id {
			gs.Pools[i].Controller, gs.Pools[i].Rights = "", types.PoolRights{}
		}
	}
	require.Error(t, gs.Validate(), "an immutable pool with a management fee passes genesis validation")
}
