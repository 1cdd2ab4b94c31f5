package main

import (
	"context"
	"testing"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"

	"github.com/poold/poold/app"
	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// TestSignTxVerifies signs a swap with the app's TxConfig, decodes it back
// and checks the signature against the sign bytes the node will compute.
func TestSignTxVerifies(t *testing.T) {
	dir := t.TempDir()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(dir))
	txCfg := a.TxConfig()
	c := testConfig(kindSwap)
	accs := deriveAccounts("t", 2)
	accs[1].AccNum, accs[1].Seq = 42, 9
	m := msgFor(c, accs, 1, 3)
	bz, err := signTx(context.Background(), txCfg, "chain-x", accs[1], 12, m.Msg, 300000, c.Fees)
	require.NoError(t, err)
	require.Len(t, txHash(bz), 64)

	decoded, err := txCfg.TxDecoder()(bz)
	require.NoError(t, err)
	tx := decoded.(authsigning.Tx)
	require.Equal(t, uint64(300000), tx.GetGas())
	require.Equal(t, c.Fees, tx.GetFee())
	swap, ok := tx.GetMsgs()[0].(*smartpooltypes.MsgSwapExactAmountIn)
	require.True(t, ok)
	require.Equal(t, accs[1].Addr.String(), swap.Sender)

	sigs, err := tx.GetSignaturesV2()
	require.NoError(t, err)
	require.Len(t, sigs, 1)
	require.Equal(t, uint64(12), sigs[0].Sequence)
	require.True(t, sigs[0].PubKey.Equals(accs[1].Key.PubKey()))
	data := sigs[0].Data.(*signing.SingleSignatureData)
	require.Equal(t, signing.SignMode_SIGN_MODE_DIRECT, data.SignMode)

	signer := authsigning.SignerData{ChainID: "chain-x", AccountNumber: 42, Sequence: 12,
		PubKey: accs[1].Key.PubKey(), Address: accs[1].Addr.String()}
	signBytes, err := authsigning.GetSignBytesAdapter(context.Background(), txCfg.SignModeHandler(), signing.SignMode_SIGN_MODE_DIRECT, signer, tx)
	require.NoError(t, err)
	require.True(t, accs[1].Key.PubKey().VerifySignature(signBytes, data.Signature))
	// Another chain id or account number: the signature does not hold.
	signer.AccountNumber = 43
	other, err := authsigning.GetSignBytesAdapter(context.Background(), txCfg.SignModeHandler(), signing.SignMode_SIGN_MODE_DIRECT, signer, tx)
	require.NoError(t, err)
	require.False(t, accs[1].Key.PubKey().VerifySignature(other, data.Signature))
}
