package main

import (
	"context"
	"fmt"
	"os"

	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// maxOutputsPerFundingTx bounds the size of one funding MsgMultiSend.
const maxOutputsPerFundingTx = 100

// fundResult says what funding did.
type fundResult struct {
	ToppedUp int // accounts that received funds
	Txs      int // funding transactions
}

// topUp is what account with balance bal needs so that it holds twice need,
// or nothing if it already holds need.
func topUp(need, bal sdk.Coins) sdk.Coins {
	if bal.IsAllGTE(need) {
		return nil
	}
	out := sdk.NewCoins()
	for _, c := range need {
		want := c.Amount.MulRaw(2)
		if have := bal.AmountOf(c.Denom); have.LT(want) {
			out = out.Add(sdk.NewCoin(c.Denom, want.Sub(have)))
		}
	}
	return out
}

// fund tops up every load account from the funder's key with MsgMultiSend
// transactions (one at a time, each waited for), so that account i can pay
// for its counts[i] load txs.
func fund(ctx context.Context, ch *chain, c config, accs []*loadAccount, counts []int) (fundResult, error) {
	var res fundResult
	var outputs []banktypes.Output
	for i, a := range accs {
		bal, err := ch.balances(ctx, a.Addr)
		if err != nil {
			return res, fmt.Errorf("balances of %s: %w", a.Addr, err)
		}
		if add := topUp(fundingNeed(c, accs, i, counts[i]), bal); !add.IsZero() {
			outputs = append(outputs, banktypes.NewOutput(a.Addr, add))
		}
	}
	res.ToppedUp = len(outputs)
	if len(outputs) == 0 {
		return res, nil
	}

	kr, err := keyring.New(sdk.KeyringServiceName(), c.KeyringBackend, c.Home, os.Stdin, ch.cdc)
	if err != nil {
		return res, fmt.Errorf("keyring in %s: %w", c.Home, err)
	}
	rec, err := kr.Key(c.From)
	if err != nil {
		return res, fmt.Errorf("funder key %q in %s: %w", c.From, c.Home, err)
	}
	funder, err := rec.GetAddress()
	if err != nil {
		return res, err
	}
	for start := 0; start < len(outputs); start += maxOutputsPerFundingTx {
		chunk := outputs[start:min(start+maxOutputsPerFundingTx, len(outputs))]
		total := sdk.NewCoins()
		for _, o := range chunk {
			total = total.Add(o.Coins...)
		}
		msg := banktypes.NewMsgMultiSend(banktypes.NewInput(funder, total), chunk)
		if err := fundOnce(ctx, ch, c, kr, funder, msg); err != nil {
			return res, err
		}
		res.Txs++
	}
	return res, nil
}

// fundOnce signs msg with the funder's key (gas simulated), broadcasts it
// and waits for it to commit successfully.
func fundOnce(ctx context.Context, ch *chain, c config, kr keyring.Keyring, funder sdk.AccAddress, msg sdk.Msg) error {
	num, seq, err := ch.account(ctx, funder)
	if err != nil {
		return fmt.Errorf("funder account %s: %w", funder, err)
	}
	txf := tx.Factory{}.
		WithTxConfig(ch.txCfg).
		WithKeybase(kr).
		WithFromName(c.From).
		WithChainID(ch.chainID).
		WithAccountNumber(num).
		WithSequence(seq).
		WithGasAdjustment(1.5).
		WithFees(c.Fees.String())
	cctx, cancel := ch.queryCtx(ctx)
	_, gas, err := tx.CalculateGas(cctx, txf, msg)
	cancel()
	if err != nil {
		return fmt.Errorf("simulating the funding tx: %w", err)
	}
	txf = txf.WithGas(gas)
	builder, err := txf.BuildUnsignedTx(msg)
	if err != nil {
		return err
	}
	if err := tx.Sign(ctx, txf, c.From, builder, true); err != nil {
		return fmt.Errorf("signing the funding tx: %w", err)
	}
	bz, err := ch.txCfg.TxEncoder()(builder.GetTx())
	if err != nil {
		return err
	}
	bctx, bcancel := context.WithTimeout(ctx, rpcTimeout)
	br, err := ch.rpc.BroadcastTxSync(bctx, bz)
	bcancel()
	if err != nil {
		return fmt.Errorf("broadcasting the funding tx: %w", err)
	}
	if br.Code != 0 {
		return fmt.Errorf("funding tx refused by CheckTx: code %d (%s): %s", br.Code, br.Codespace, br.Log)
	}
	committed, err := ch.waitTx(ctx, cmttypes.Tx(bz).Hash())
	if err != nil {
		return err
	}
	if r := committed.TxResult; r.Code != 0 {
		return fmt.Errorf("funding tx failed in block %d: code %d (%s): %s", committed.Height, r.Code, r.Codespace, r.Log)
	}
	return nil
}
