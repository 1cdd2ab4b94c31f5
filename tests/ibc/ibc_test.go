// Package ibc_test runs two in-process poold chains joined by IBC (ibc-go's
// testing package): tokens from a counterparty chain enter poold's pools and
// leave again, transfers time out and refund, and pool shares travel.
package ibc_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v11/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibctesting "github.com/cosmos/ibc-go/v11/testing"

	"github.com/poold/poold/app"
	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// newPooldApp is ibc-go's AppCreator for poold: both test chains run poold.
func newPooldApp() (ibctesting.TestingApp, map[string]json.RawMessage) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{})
	return a, a.DefaultGenesis()
}

// twoChains is poold (A, where the pools are) and a counterparty (B), joined
// by an ICS-20 channel on port transfer.
type twoChains struct {
	coord   *ibctesting.Coordinator
	a, b    *ibctesting.TestChain
	path    *ibctesting.Path
	userA   ibctesting.SenderAccount // provides liquidity on poold
	traderA ibctesting.SenderAccount // trades on poold
	userB   ibctesting.SenderAccount // holds tokens on the counterparty
}

func newTwoChains(t *testing.T) *twoChains {
	coord := ibctesting.NewCustomAppCoordinator(t, 2, newPooldApp)
	a, b := coord.GetChain(ibctesting.GetChainID(1)), coord.GetChain(ibctesting.GetChainID(2))
	path := ibctesting.NewTransferPath(a, b)
	path.Setup()
	return &twoChains{coord: coord, a: a, b: b, path: path,
		userA: a.SenderAccounts[1], userB: b.SenderAccounts[1], traderA: a.SenderAccounts[2]}
}

func pooldOf(c *ibctesting.TestChain) *app.App { return c.App.(*app.App) }

func balance(c *ibctesting.TestChain, addr sdk.AccAddress, denom string) sdkmath.Int {
	return pooldOf(c).BankKeeper.GetBalance(c.GetContext(), addr, denom).Amount
}

// send delivers msgs from sender on chain c and requires success.
func send(t *testing.T, c *ibctesting.TestChain, sender ibctesting.SenderAccount, msgs ...sdk.Msg) []byte {
	t.Helper()
	res, err := c.SendMsgsWithSender(sender, msgs...)
	require.NoError(t, err)
	return res.Data
}

// timeoutWindow is how long a transfer may wait for its relay.
const timeoutWindow = 10 * time.Minute

// transferMsg is an ICS-20 transfer of coin from endpoint from, timing out
// timeoutWindow after from's current block time.
func transferMsg(from *ibctesting.Endpoint, sender ibctesting.SenderAccount, receiver sdk.AccAddress, coin sdk.Coin) *transfertypes.MsgTransfer {
	timeout := uint64(from.Chain.GetContext().BlockTime().Add(timeoutWindow).UnixNano())
	return transfertypes.NewMsgTransfer(from.ChannelConfig.PortID, from.ChannelID, coin,
		sender.SenderAccount.GetAddress().String(), receiver.String(), clienttypes.ZeroHeight(), timeout, "")
}

// transfer sends coin over the v1 channel from endpoint from, relays the
// packet and its acknowledgement, and requires the receiving chain to have
// accepted it.
func (tc *twoChains) transfer(t *testing.T, from *ibctesting.Endpoint, sender ibctesting.SenderAccount, receiver sdk.AccAddress, coin sdk.Coin) {
	t.Helper()
	res, err := from.Chain.SendMsgsWithSender(sender, transferMsg(from, sender, receiver, coin))
	require.NoError(t, err)
	packet, err := ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(t, err)
	_, ack, err := tc.path.RelayPacketWithResults(packet)
	require.NoError(t, err)
	require.Contains(t, string(ack), `"result"`, "acknowledgement: %s", ack)
}

// voucherOn is the denom that base becomes when it arrives at end.
func voucherOn(end *ibctesting.Endpoint, base string) string {
	return transfertypes.NewDenom(base, transfertypes.NewHop(end.ChannelConfig.PortID, end.ChannelID)).IBCDenom()
}

func queryOf(c *ibctesting.TestChain) types.QueryServer {
	return keeper.NewQueryServerImpl(pooldOf(c).SmartPoolKeeper)
}

// createPool creates a 50/50 pool of the two coins on chain c and returns its id.
func createPool(t *testing.T, c *ibctesting.TestChain, creator ibctesting.SenderAccount, x, y sdk.Coin) uint64 {
	t.Helper()
	data := send(t, c, creator, &types.MsgCreatePool{Sender: creator.SenderAccount.GetAddress().String(),
		Assets:  []types.PoolAsset{{Denom: x.Denom, Balance: x.Amount, Weight: sdkmath.NewInt(50)}, {Denom: y.Denom, Balance: y.Amount, Weight: sdkmath.NewInt(50)}},
		SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3)})
	var res types.MsgCreatePoolResponse
	unpackResponse(t, data, &res)
	return res.PoolId
}

// unpackResponse decodes the first message response of a tx's data.
func unpackResponse(t *testing.T, data []byte, res proto.Message) {
	t.Helper()
	var msgData sdk.TxMsgData
	require.NoError(t, proto.Unmarshal(data, &msgData))
	require.NotEmpty(t, msgData.MsgResponses)
	require.NoError(t, proto.Unmarshal(msgData.MsgResponses[0].Value, res))
}

// TestIBCAssetThroughPool: a user on the counterparty sends tokens to poold;
// a pool is created with the IBC voucher and upool; swaps, joins and exits
// work; the proceeds go back to the counterparty, where they arrive as the
// original token.
func TestIBCAssetThroughPool(t *testing.T) {
	tc := newTwoChains(t)
	addrA, addrB, trader := tc.userA.SenderAccount.GetAddress(), tc.userB.SenderAccount.GetAddress(), tc.traderA.SenderAccount.GetAddress()
	foo := ibctesting.SecondaryDenom // "ufoo", native on the counterparty
	fooB0 := balance(tc.b, addrB, foo)

	// In: 2,000,000,000 ufoo from B to the LP on poold, 100,000,000 to a trader.
	tc.transfer(t, tc.path.EndpointB, tc.userB, addrA, sdk.NewInt64Coin(foo, 2_000_000_000))
	tc.transfer(t, tc.path.EndpointB, tc.userB, trader, sdk.NewInt64Coin(foo, 100_000_000))
	ibcFoo := voucherOn(tc.path.EndpointA, foo)
	require.Equal(t, sdkmath.NewInt(2_000_000_000), balance(tc.a, addrA, ibcFoo))
	require.Equal(t, fooB0.SubRaw(2_100_000_000), balance(tc.b, addrB, foo))

	info, err := queryOf(tc.a).DenomInfo(tc.a.GetContext(), &types.QueryDenomInfoRequest{Denom: ibcFoo})
	require.NoError(t, err)
	require.Equal(t, types.DenomInfo{Denom: ibcFoo, Origin: types.DenomOrigin_DENOM_ORIGIN_IBC, BaseDenom: foo,
		Path: "transfer/" + tc.path.EndpointA.ChannelID}, info.Info)

	// A pool of the voucher and upool.
	id := createPool(t, tc.a, tc.userA, sdk.NewInt64Coin(ibcFoo, 1_000_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000_000))
	pool, err := queryOf(tc.a).Pool(tc.a.GetContext(), &types.QueryPoolRequest{PoolId: id})
	require.NoError(t, err)
	require.Equal(t, foo, pool.AssetDenoms[0].BaseDenom, "the pool query shows the voucher's base denom")

	// Swaps both ways, exact in and exact out.
	swapIn := func(in sdk.Coin, outDenom string) sdkmath.Int {
		var res types.MsgSwapExactAmountInResponse
		unpackResponse(t, send(t, tc.a, tc.traderA, &types.MsgSwapExactAmountIn{Sender: trader.String(),
			Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: outDenom}}, TokenIn: in, TokenOutMinAmount: sdkmath.OneInt()}), &res)
		return res.TokenOutAmount
	}
	gotUpool := swapIn(sdk.NewInt64Coin(ibcFoo, 10_000_000), app.BondDenom)
	require.True(t, gotUpool.GT(sdkmath.NewInt(9_800_000)) && gotUpool.LT(sdkmath.NewInt(10_000_000)), "10,000,000 voucher buys %s upool", gotUpool)
	gotFoo := swapIn(sdk.NewInt64Coin(app.BondDenom, 5_000_000), ibcFoo)
	require.True(t, gotFoo.IsPositive())
	var out types.MsgSwapExactAmountOutResponse
	unpackResponse(t, send(t, tc.a, tc.traderA, &types.MsgSwapExactAmountOut{Sender: trader.String(),
		Routes: []types.SwapAmountOutRoute{{PoolId: id, TokenInDenom: app.BondDenom}}, TokenOut: sdk.NewInt64Coin(ibcFoo, 1_000_000),
		TokenInMaxAmount: sdkmath.NewInt(2_000_000)}), &out)
	require.True(t, out.TokenInAmount.GT(sdkmath.NewInt(900_000)) && out.TokenInAmount.LT(sdkmath.NewInt(1_100_000)), "1,000,000 voucher costs %s upool", out.TokenInAmount)

	// A proportional join and exit, a single-asset join in the voucher and an
	// exit into it.
	shareDenom := types.ShareDenom(id)
	var join types.MsgJoinPoolResponse
	unpackResponse(t, send(t, tc.a, tc.userA, &types.MsgJoinPool{Sender: addrA.String(), PoolId: id,
		ShareOutAmount: sdkmath.NewIntWithDecimal(10, 18)}), &join)
	require.Equal(t, ibcFoo, join.TokensIn[0].Denom)
	var single types.MsgJoinSwapExternAmountInResponse
	unpackResponse(t, send(t, tc.a, tc.userA, &types.MsgJoinSwapExternAmountIn{Sender: addrA.String(), PoolId: id,
		TokenIn: sdk.NewInt64Coin(ibcFoo, 50_000_000), ShareOutMinAmount: sdkmath.OneInt()}), &single)
	require.True(t, single.ShareOutAmount.IsPositive())
	var exitSingle types.MsgExitSwapShareAmountInResponse
	unpackResponse(t, send(t, tc.a, tc.userA, &types.MsgExitSwapShareAmountIn{Sender: addrA.String(), PoolId: id,
		TokenOutDenom: ibcFoo, ShareInAmount: single.ShareOutAmount, TokenOutMinAmount: sdkmath.OneInt()}), &exitSingle)
	require.True(t, exitSingle.TokenOutAmount.LTE(sdkmath.NewInt(50_000_000)), "a join and exit through one asset never profits")
	// The pool may not be emptied: the LP takes out half.
	shares := balance(tc.a, addrA, shareDenom)
	fooA := balance(tc.a, addrA, ibcFoo)
	send(t, tc.a, tc.userA, &types.MsgExitPool{Sender: addrA.String(), PoolId: id, ShareInAmount: shares.QuoRaw(2)})
	require.True(t, balance(tc.a, addrA, ibcFoo).GT(fooA))
	require.NoError(t, pooldOf(tc.a).SmartPoolKeeper.CheckModuleBalances(tc.a.GetContext()))

	// Out: everything the LP and the trader hold of the voucher goes back and
	// arrives on B as ufoo; the vouchers left on poold (in the pool) are
	// exactly what B holds in escrow.
	for _, u := range []ibctesting.SenderAccount{tc.userA, tc.traderA} {
		amt := balance(tc.a, u.SenderAccount.GetAddress(), ibcFoo)
		before := balance(tc.b, addrB, foo)
		tc.transfer(t, tc.path.EndpointA, u, addrB, sdk.NewCoin(ibcFoo, amt))
		require.True(t, balance(tc.a, u.SenderAccount.GetAddress(), ibcFoo).IsZero())
		require.Equal(t, before.Add(amt), balance(tc.b, addrB, foo), "the voucher arrives home as %s", foo)
	}
	supply := pooldOf(tc.a).BankKeeper.GetSupply(tc.a.GetContext(), ibcFoo).Amount
	escrow := balance(tc.b, transfertypes.GetEscrowAddress(tc.path.EndpointB.ChannelConfig.PortID, tc.path.EndpointB.ChannelID), foo)
	require.Equal(t, escrow, supply, "every voucher on poold is backed by ufoo in escrow on the counterparty")
}

// sendUnrelayed sends a transfer and returns its packet without relaying it.
func sendUnrelayed(t *testing.T, from *ibctesting.Endpoint, sender ibctesting.SenderAccount, receiver sdk.AccAddress, coin sdk.Coin) channeltypes.Packet {
	t.Helper()
	res, err := from.Chain.SendMsgsWithSender(sender, transferMsg(from, sender, receiver, coin))
	require.NoError(t, err)
	packet, err := ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(t, err)
	return packet
}

// timeOut lets the counterparty of from pass the packet's timeout without
// receiving it, then proves the timeout on from's chain.
func (tc *twoChains) timeOut(t *testing.T, from *ibctesting.Endpoint, packet channeltypes.Packet) {
	t.Helper()
	tc.coord.IncrementTimeBy(timeoutWindow + time.Minute)
	tc.coord.CommitBlock(from.Counterparty.Chain)
	require.NoError(t, from.UpdateClient())
	require.NoError(t, from.TimeoutPacket(packet))
}

// TestTimedOutTransferRefunds: a transfer nobody relays in time is refunded
// in full on its sending chain — a native token from its escrow, a voucher
// going home by minting back what was burned — and a packet that timed out
// can no longer be received.
func TestTimedOutTransferRefunds(t *testing.T) {
	tc := newTwoChains(t)
	addrA, addrB := tc.userA.SenderAccount.GetAddress(), tc.userB.SenderAccount.GetAddress()
	foo := ibctesting.SecondaryDenom
	tc.transfer(t, tc.path.EndpointB, tc.userB, addrA, sdk.NewInt64Coin(foo, 1_000_000))
	ibcFoo := voucherOn(tc.path.EndpointA, foo)

	cases := []struct {
		name string
		from *ibctesting.Endpoint
		user ibctesting.SenderAccount
		to   sdk.AccAddress
		coin sdk.Coin
	}{
		{"native upool from poold (escrowed)", tc.path.EndpointA, tc.userA, addrB, sdk.NewInt64Coin(app.BondDenom, 5_000_000)},
		{"voucher back home from poold (burned)", tc.path.EndpointA, tc.userA, addrB, sdk.NewInt64Coin(ibcFoo, 400_000)},
		{"ufoo from the counterparty (escrowed)", tc.path.EndpointB, tc.userB, addrA, sdk.NewInt64Coin(foo, 7_000)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sender := c.user.SenderAccount.GetAddress()
			before := balance(c.from.Chain, sender, c.coin.Denom)
			supply := func() sdkmath.Int {
				return pooldOf(c.from.Chain).BankKeeper.GetSupply(c.from.Chain.GetContext(), c.coin.Denom).Amount
			}
			escrowAddr := transfertypes.GetEscrowAddress(c.from.ChannelConfig.PortID, c.from.ChannelID)
			supplyBefore, escrowBefore := supply(), balance(c.from.Chain, escrowAddr, c.coin.Denom)
			packet := sendUnrelayed(t, c.from, c.user, c.to, c.coin)
			require.Equal(t, before.Sub(c.coin.Amount), balance(c.from.Chain, sender, c.coin.Denom), "the tokens left the sender")
			tc.timeOut(t, c.from, packet)
			require.Equal(t, before, balance(c.from.Chain, sender, c.coin.Denom), "refunded in full")
			require.Equal(t, escrowBefore, balance(c.from.Chain, escrowAddr, c.coin.Denom), "nothing left in escrow")
			if c.coin.Denom != app.BondDenom { // upool's supply grows by inflation every block
				require.Equal(t, supplyBefore, supply(), "a burned voucher is minted back")
			}
			require.Error(t, c.from.Counterparty.RecvPacket(packet), "a timed-out packet cannot be received late")
		})
	}
}

// TestPoolSharesTravelOverIBC: pool shares leave poold as any token does
// (escrowed, not burned), show on the counterparty as a voucher whose base
// is the share denom, come back intact and still exit the pool. Shares of an
// allow-listed pool cannot leave: the escrow account is not on the list.
func TestPoolSharesTravelOverIBC(t *testing.T) {
	tc := newTwoChains(t)
	addrA, addrB := tc.userA.SenderAccount.GetAddress(), tc.userB.SenderAccount.GetAddress()
	id := createPool(t, tc.a, tc.userA, sdk.NewInt64Coin(app.BondDenom, 1_000_000_000), sdk.NewInt64Coin(ibctesting.SecondaryDenom, 1_000_000_000))
	shareDenom := types.ShareDenom(id)
	shares := balance(tc.a, addrA, shareDenom)
	supply := pooldOf(tc.a).BankKeeper.GetSupply(tc.a.GetContext(), shareDenom).Amount
	poolBefore, err := pooldOf(tc.a).SmartPoolKeeper.GetPool(tc.a.GetContext(), id)
	require.NoError(t, err)

	sent := shares.QuoRaw(3)
	tc.transfer(t, tc.path.EndpointA, tc.userA, addrB, sdk.NewCoin(shareDenom, sent))
	shareVoucher := voucherOn(tc.path.EndpointB, shareDenom)
	require.Equal(t, sent, balance(tc.b, addrB, shareVoucher))
	info, err := queryOf(tc.b).DenomInfo(tc.b.GetContext(), &types.QueryDenomInfoRequest{Denom: shareVoucher})
	require.NoError(t, err)
	require.Equal(t, types.DenomInfo{Denom: shareVoucher, Origin: types.DenomOrigin_DENOM_ORIGIN_IBC, BaseDenom: shareDenom,
		Path: "transfer/" + tc.path.EndpointB.ChannelID}, info.Info, "the counterparty sees whose shares these are")
	require.Equal(t, supply, pooldOf(tc.a).BankKeeper.GetSupply(tc.a.GetContext(), shareDenom).Amount, "escrowed, not burned")

	// Home again, to a different poold account, which can exit with them.
	trader := tc.traderA.SenderAccount.GetAddress()
	tc.transfer(t, tc.path.EndpointB, tc.userB, trader, sdk.NewCoin(shareVoucher, sent))
	require.Equal(t, sent, balance(tc.a, trader, shareDenom))
	require.True(t, balance(tc.b, addrB, shareVoucher).IsZero())
	poolAfter, err := pooldOf(tc.a).SmartPoolKeeper.GetPool(tc.a.GetContext(), id)
	require.NoError(t, err)
	require.Equal(t, poolBefore.TotalShares, poolAfter.TotalShares)
	require.Equal(t, poolBefore.Balances(), poolAfter.Balances(), "travelling shares do not touch the pool")
	var exit types.MsgExitPoolResponse
	unpackResponse(t, send(t, tc.a, tc.traderA, &types.MsgExitPool{Sender: trader.String(), PoolId: id, ShareInAmount: sent}), &exit)
	require.Len(t, exit.TokensOut, 2)
	require.True(t, exit.TokensOut.AmountOf(app.BondDenom).GT(sdkmath.NewInt(333_000_000)), "a third of the pool: %s", exit.TokensOut)

	// An allow-listed pool's shares stay on poold: its controller switches
	// the list on, and after the time-lock the escrow account, not being on
	// the list, may not take them.
	var created types.MsgCreatePoolResponse
	unpackResponse(t, send(t, tc.a, tc.userA, &types.MsgCreatePool{Sender: addrA.String(),
		Assets: []types.PoolAsset{{Denom: app.BondDenom, Balance: sdkmath.NewInt(1_000_000), Weight: sdkmath.NewInt(50)},
			{Denom: ibctesting.SecondaryDenom, Balance: sdkmath.NewInt(1_000_000), Weight: sdkmath.NewInt(50)}},
		SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3), Controller: addrA.String(), Rights: types.PoolRights{ManageAllowList: true}, Timelock: time.Hour}), &created)
	listed := created.PoolId
	send(t, tc.a, tc.userA, &types.MsgEditAllowList{Sender: addrA.String(), PoolId: listed,
		Edit: types.AllowListChange{Enable: true, Add: []string{addrA.String()}}})
	tc.coord.IncrementTimeBy(time.Hour + time.Minute)
	tc.coord.CommitBlock(tc.a)
	p, err := pooldOf(tc.a).SmartPoolKeeper.GetPool(tc.a.GetContext(), listed)
	require.NoError(t, err)
	require.True(t, p.AllowListEnabled, "the list is on after its time-lock")
	listedDenom := types.ShareDenom(listed)
	held := balance(tc.a, addrA, listedDenom)
	_, err = tc.a.SendMsgsWithSender(tc.userA, transferMsg(tc.path.EndpointA, tc.userA, addrB, sdk.NewCoin(listedDenom, held.QuoRaw(2))))
	require.ErrorContains(t, err, types.ErrNotAllowListed.Error())
	require.Equal(t, held, balance(tc.a, addrA, listedDenom), "nothing moved")
}

// TestIBCv2Transfer: an ICS-20 transfer over IBC v2 (client to client, no
// channel) into poold, through a pool and back.
func TestIBCv2Transfer(t *testing.T) {
	coord := ibctesting.NewCustomAppCoordinator(t, 2, newPooldApp)
	a, b := coord.GetChain(ibctesting.GetChainID(1)), coord.GetChain(ibctesting.GetChainID(2))
	path := ibctesting.NewPath(a, b)
	path.SetupV2()
	userA, userB := a.SenderAccounts[1], b.SenderAccounts[1]
	addrA, addrB := userA.SenderAccount.GetAddress(), userB.SenderAccount.GetAddress()
	foo := ibctesting.SecondaryDenom

	v2Transfer := func(from *ibctesting.Endpoint, sender ibctesting.SenderAccount, to sdk.AccAddress, coin sdk.Coin) {
		t.Helper()
		timeout := uint64(from.Chain.GetContext().BlockTime().Add(timeoutWindow).Unix())
		msg := transfertypes.NewMsgTransferWithEncoding(transfertypes.PortID, from.ClientID, coin, sender.SenderAccount.GetAddress().String(),
			to.String(), clienttypes.Height{}, timeout, "", transfertypes.EncodingProtobuf)
		res, err := from.Chain.SendMsgsWithSender(sender, msg)
		require.NoError(t, err)
		packet, err := ibctesting.ParseV2PacketFromEvents(res.Events)
		require.NoError(t, err)
		// A relayer first brings the receiver's client of the sender up to
		// the block holding the packet.
		require.NoError(t, from.Counterparty.UpdateClient())
		require.NoError(t, from.RelayPacket(packet))
	}
	v2TransferBefore := balance(b, addrB, foo)
	v2Transfer(path.EndpointB, userB, addrA, sdk.NewInt64Coin(foo, 2_000_000_000))
	ibcFoo := transfertypes.NewDenom(foo, transfertypes.NewHop(transfertypes.PortID, path.EndpointA.ClientID)).IBCDenom()
	require.Equal(t, sdkmath.NewInt(2_000_000_000), balance(a, addrA, ibcFoo))

	info, err := queryOf(a).DenomInfo(a.GetContext(), &types.QueryDenomInfoRequest{Denom: ibcFoo})
	require.NoError(t, err)
	require.Equal(t, "transfer/"+path.EndpointA.ClientID, info.Info.Path, "a v2 hop names the client")

	id := createPool(t, a, userA, sdk.NewInt64Coin(ibcFoo, 1_000_000_000), sdk.NewInt64Coin(app.BondDenom, 1_000_000_000))
	var swap types.MsgSwapExactAmountInResponse
	unpackResponse(t, send(t, a, userA, &types.MsgSwapExactAmountIn{Sender: addrA.String(),
		Routes: []types.SwapAmountInRoute{{PoolId: id, TokenOutDenom: ibcFoo}}, TokenIn: sdk.NewInt64Coin(app.BondDenom, 10_000_000),
		TokenOutMinAmount: sdkmath.OneInt()}), &swap)
	left := balance(a, addrA, ibcFoo)
	require.Equal(t, sdkmath.NewInt(1_000_000_000).Add(swap.TokenOutAmount), left)

	v2Transfer(path.EndpointA, userA, addrB, sdk.NewCoin(ibcFoo, left))
	require.Equal(t, v2TransferBefore.Sub(sdkmath.NewInt(1_000_000_000)).Add(swap.TokenOutAmount), balance(b, addrB, foo),
		"all but what stays in the pool is back home")
}

// TestShareRefundAfterAllowListOn: shares sent abroad before their pool's
// allow-list was switched on still go back to their sender when the packet
// times out, though the sender is not on the list: without that the
// relayer's timeout would fail for good and the shares stay in escrow until
// the controller listed the sender.
func TestShareRefundAfterAllowListOn(t *testing.T) {
	tc := newTwoChains(t)
	addrA, addrB, other := tc.userA.SenderAccount.GetAddress(), tc.userB.SenderAccount.GetAddress(), tc.traderA.SenderAccount.GetAddress()
	var created types.MsgCreatePoolResponse
	unpackResponse(t, send(t, tc.a, tc.userA, &types.MsgCreatePool{Sender: addrA.String(),
		Assets: []types.PoolAsset{{Denom: app.BondDenom, Balance: sdkmath.NewInt(1_000_000), Weight: sdkmath.NewInt(50)},
			{Denom: ibctesting.SecondaryDenom, Balance: sdkmath.NewInt(1_000_000), Weight: sdkmath.NewInt(50)}},
		SwapFee: sdkmath.LegacyNewDecWithPrec(3, 3), Controller: addrA.String(), Rights: types.PoolRights{ManageAllowList: true}, Timelock: time.Hour}), &created)
	shareDenom := types.ShareDenom(created.PoolId)
	held := balance(tc.a, addrA, shareDenom)

	// Out with a two-hour timeout; nobody relays it.
	timeout := uint64(tc.a.GetContext().BlockTime().Add(2 * time.Hour).UnixNano())
	res, err := tc.a.SendMsgsWithSender(tc.userA, transfertypes.NewMsgTransfer(tc.path.EndpointA.ChannelConfig.PortID, tc.path.EndpointA.ChannelID,
		sdk.NewCoin(shareDenom, held.QuoRaw(2)), addrA.String(), addrB.String(), clienttypes.ZeroHeight(), timeout, ""))
	require.NoError(t, err)
	packet, err := ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(t, err)
	require.Equal(t, held.Sub(held.QuoRaw(2)), balance(tc.a, addrA, shareDenom))

	// Meanwhile the list goes on, with someone else on it.
	send(t, tc.a, tc.userA, &types.MsgEditAllowList{Sender: addrA.String(), PoolId: created.PoolId,
		Edit: types.AllowListChange{Enable: true, Add: []string{other.String()}}})
	tc.coord.IncrementTimeBy(time.Hour + time.Minute)
	tc.coord.CommitBlock(tc.a)
	p, err := pooldOf(tc.a).SmartPoolKeeper.GetPool(tc.a.GetContext(), created.PoolId)
	require.NoError(t, err)
	require.True(t, p.AllowListEnabled)

	// The packet times out: the shares come back to alice, who is off the list.
	tc.coord.IncrementTimeBy(time.Hour)
	tc.coord.CommitBlock(tc.b)
	require.NoError(t, tc.path.EndpointA.UpdateClient())
	require.NoError(t, tc.path.EndpointA.TimeoutPacket(packet), "the refund is not refused by the allow-list")
	require.Equal(t, held, balance(tc.a, addrA, shareDenom))

	// Off the list, alice may still exit, and may not send them on.
	send(t, tc.a, tc.userA, &types.MsgExitPool{Sender: addrA.String(), PoolId: created.PoolId, ShareInAmount: held.QuoRaw(4)})
	_, err = tc.a.SendMsgsWithSender(tc.userA, banktypes.NewMsgSend(addrA, addrB, sdk.NewCoins(sdk.NewCoin(shareDenom, sdkmath.OneInt()))))
	require.ErrorContains(t, err, types.ErrNotAllowListed.Error())
}

// TestOnlyTendermintClients: poold's default genesis allows 07-tendermint
// clients only, so the built-in 09-localhost client (channels from poold to
// itself, a free source of new voucher denoms) cannot be used.
func TestOnlyTendermintClients(t *testing.T) {
	tc := newTwoChains(t)
	keeper := pooldOf(tc.a).IBCKeeper.ClientKeeper
	ctx := tc.a.GetContext()
	require.Equal(t, []string{ibcexported.Tendermint}, keeper.GetParams(ctx).AllowedClients)
	require.Equal(t, ibcexported.Active, keeper.GetClientStatus(ctx, tc.path.EndpointA.ClientID))
	require.Equal(t, ibcexported.Unauthorized, keeper.GetClientStatus(ctx, ibcexported.LocalhostClientID))
}
