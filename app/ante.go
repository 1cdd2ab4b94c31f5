package app

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	ibcante "github.com/cosmos/ibc-go/v11/modules/core/ante"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"

	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// newAnteHandler is the SDK's default ante chain, after refusing IBC
// vouchers where x/distribution would keep them (refuseVoucherDeposits) and
// followed by IBC's redundant-relay check: a relayer's transaction whose
// every packet message was already delivered by another relayer fails in
// CheckTx, so it never reaches a block and its sender pays no fee for
// nothing.
func newAnteHandler(options ante.HandlerOptions, ibcKeeper *ibckeeper.Keeper) (sdk.AnteHandler, error) {
	sdkAnte, err := ante.NewAnteHandler(options)
	if err != nil {
		return nil, err
	}
	redundantRelay := ibcante.NewRedundantRelayDecorator(ibcKeeper)
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		if err := refuseVoucherDeposits(tx); err != nil {
			return ctx, err
		}
		ctx, err := sdkAnte(ctx, tx, simulate)
		if err != nil {
			return ctx, err
		}
		return redundantRelay.AnteHandle(ctx, tx, simulate, func(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) {
			return ctx, nil
		})
	}, nil
}

// refuseVoucherDeposits refuses IBC vouchers (ibc/…) as transaction fees
// and as deposits into the community pool or a validator's rewards pool.
// x/distribution keeps fees and those pools as one multi-denom record per
// validator plus one for the community pool, reads and rewrites them every
// block, and never drops a denom from them. Native denoms are a fixed set
// and a pool share costs a pool creation fee, but a counterparty chain can
// make a new voucher denom for a few thousand gas: paid as fees, one unit
// each, they would make every later block slower without bound. A consensus
// rule, so a proposer cannot include such a transaction either.
func refuseVoucherDeposits(tx sdk.Tx) error {
	if feeTx, ok := tx.(sdk.FeeTx); ok {
		if d, found := voucherIn(feeTx.GetFee()); found {
			return errorsmod.Wrapf(sdkerrors.ErrInvalidCoins, "fees cannot be paid in an IBC voucher (%s): pay them in %s", d, BondDenom)
		}
	}
	for _, msg := range tx.GetMsgs() {
		var amount sdk.Coins
		switch m := msg.(type) {
		case *distrtypes.MsgFundCommunityPool:
			amount = m.Amount
		case *distrtypes.MsgDepositValidatorRewardsPool:
			amount = m.Amount
		default:
			continue
		}
		if d, found := voucherIn(amount); found {
			return errorsmod.Wrapf(sdkerrors.ErrInvalidCoins, "%s cannot deposit an IBC voucher (%s)", sdk.MsgTypeURL(msg), d)
		}
	}
	return nil
}

func voucherIn(coins sdk.Coins) (string, bool) {
	for _, c := range coins {
		if smartpooltypes.IsIBCDenom(c.Denom) {
			return c.Denom, true
		}
	}
	return "", false
}
