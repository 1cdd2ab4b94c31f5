package main

import (
	"context"
	"fmt"

	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
)

// signedTx is one pre-signed load transaction.
type signedTx struct {
	Account int
	Seq     uint64
	Kind    string
	Bytes   []byte
	Hash    string // upper-case hex of the CometBFT tx hash (sha256 of Bytes)
}

// txHash is the hash CometBFT gives tx, as signedTx.Hash and blocks carry it.
func txHash(tx []byte) string { return fmt.Sprintf("%X", cmttypes.Tx(tx).Hash()) }

// presign signs every load tx ahead: account i's j-th tx carries sequence
// accs[i].Seq+j, so the whole run is known before the clock starts.
func presign(ctx context.Context, ch *chain, c config, accs []*loadAccount, counts []int) ([][]signedTx, error) {
	plan := make([][]signedTx, len(accs))
	for i, a := range accs {
		plan[i] = make([]signedTx, counts[i])
		for j := range plan[i] {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			m := msgFor(c, accs, i, j)
			seq := a.Seq + uint64(j)
			bz, err := signTx(ctx, ch.txCfg, ch.chainID, a, seq, m.Msg, c.gasLimit(m.Kind), c.Fees)
			if err != nil {
				return nil, fmt.Errorf("signing tx %d of account %d: %w", j, i, err)
			}
			plan[i][j] = signedTx{Account: i, Seq: seq, Kind: m.Kind, Bytes: bz, Hash: txHash(bz)}
		}
	}
	return plan, nil
}

// signTx builds, signs (SIGN_MODE_DIRECT, the SDK's signer) and encodes a
// one-message tx from acc at sequence seq.
func signTx(ctx context.Context, txCfg client.TxConfig, chainID string, acc *loadAccount, seq uint64,
	msg sdk.Msg, gas uint64, fees sdk.Coins,
) ([]byte, error) {
	b := txCfg.NewTxBuilder()
	if err := b.SetMsgs(msg); err != nil {
		return nil, err
	}
	b.SetGasLimit(gas)
	b.SetFeeAmount(fees)
	pub := acc.pubKey()
	// DIRECT signs over the signer infos: set them first with an empty signature.
	empty := signing.SignatureV2{PubKey: pub, Data: &signing.SingleSignatureData{SignMode: signing.SignMode_SIGN_MODE_DIRECT}, Sequence: seq}
	if err := b.SetSignatures(empty); err != nil {
		return nil, err
	}
	signer := authsigning.SignerData{
		ChainID: chainID, AccountNumber: acc.AccNum, Sequence: seq,
		PubKey: pub, Address: acc.Addr.String(),
	}
	sig, err := clienttx.SignWithPrivKey(ctx, signing.SignMode_SIGN_MODE_DIRECT, signer, b, acc.Key, txCfg, seq)
	if err != nil {
		return nil, err
	}
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	return txCfg.TxEncoder()(b.GetTx())
}
