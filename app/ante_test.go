package app_test

import (
	"math/rand"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/poold/poold/app"
	"github.com/poold/poold/testutil"
)

// TestVoucherFeesAndDepositsRefused: an IBC voucher can pay no fee and fund
// neither the community pool nor a validator's rewards pool, in the mempool
// (CheckTx) or in a block (a proposer's choice); native denoms can. Nothing
// moves when refused.
func TestVoucherFeesAndDepositsRefused(t *testing.T) {
	chain := newBenchChain(t)
	rng := rand.New(rand.NewSource(1))
	send := banktypes.NewMsgSend(chain.sender, sdk.AccAddress("recipient___________"), sdk.NewCoins(sdk.NewInt64Coin("uatom", 1)))
	voucher := func(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(testutil.IBCAtom, n)) }
	fund := func(c sdk.Coins) sdk.Msg { return distrtypes.NewMsgFundCommunityPool(c, chain.sender.String()) }

	cases := []struct {
		name    string
		msg     sdk.Msg
		fee     sdk.Coins
		refused bool
	}{
		{"fee in upool", send, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 2_000)), false},
		{"fee in a native denom", send, sdk.NewCoins(sdk.NewInt64Coin("uatom", 2_000)), false},
		{"fee in a voucher", send, voucher(1), true},
		{"fee in upool and a voucher", send, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 2_000)).Add(voucher(1)...), true},
		{"community pool in uatom", fund(sdk.NewCoins(sdk.NewInt64Coin("uatom", 5))), sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 2_000)), false},
		{"community pool in a voucher", fund(voucher(5)), sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 2_000)), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := chain.app.BankKeeper.GetBalance(chain.app.NewContext(true), chain.sender, testutil.IBCAtom)
			tx := chain.signedTxWithFee(t, rng, c.msg, c.fee)
			check, err := chain.app.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
			require.NoError(t, err)
			res := chain.block(t, [][]byte{tx}).TxResults[0]
			if !c.refused {
				require.Zero(t, check.Code, check.Log)
				require.Zero(t, res.Code, res.Log)
				return
			}
			chain.seq-- // refused before the sequence moved
			require.Equal(t, sdkerrors.ErrInvalidCoins.ABCICode(), check.Code, "CheckTx: %s", check.Log)
			require.Equal(t, sdkerrors.ErrInvalidCoins.ABCICode(), res.Code, "in a block: %s", res.Log)
			require.Contains(t, res.Log, "IBC voucher")
			require.Equal(t, before, chain.app.BankKeeper.GetBalance(chain.app.NewContext(true), chain.sender, testutil.IBCAtom))
		})
	}
}
