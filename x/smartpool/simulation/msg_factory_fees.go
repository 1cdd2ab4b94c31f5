package simulation

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// Fee settings: the fee policy and the management fee queue behind the
// pool's time-lock under the change_swap_fee right, as the swap fee does;
// claiming the management fee is open to anyone.

// randomManagementFee is a rate in [0, max_management_fee] (now and then
// exactly either end) paid to recipient.
func randomManagementFee(testData *simsx.ChainDataSource, params types.Params, recipient string) *types.ManagementFeeChange {
	return &types.ManagementFeeChange{AnnualRate: randomDec(testData.Rand().Rand, params.MaxManagementFee), Recipient: recipient}
}

// MsgSetFeePolicyFactory queues a random fee policy, or (a quarter of the
// time) a return to the fixed fee.
func MsgSetFeePolicyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetFeePolicy] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetFeePolicy) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose fee policy may change", func(p types.Pool) bool {
			return p.Rights.ChangeSwapFee && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		msg := &types.MsgSetFeePolicy{Sender: ctrl.AddressBech32, PoolId: pool.Id}
		if testData.Rand().Intn(4) != 0 {
			msg.Policy = RandomFeePolicy(testData.Rand().Rand, params)
		}
		return []simsx.SimAccount{ctrl}, msg
	}
}

// MsgSetManagementFeeFactory queues a new management fee rate, a quarter of
// the time zero (the fee off). The recipient is the controller on an
// allow-listed pool, else often another sim account; a recipient off an
// enabled allow-list gets a zero rate (a positive one is refused).
func MsgSetManagementFeeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetManagementFee] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetManagementFee) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose management fee may change", func(p types.Pool) bool {
			return p.Rights.ChangeSwapFee && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil
		}
		r := testData.Rand()
		recipient := ctrl.AddressBech32
		if !pool.AllowListEnabled && r.Intn(2) == 0 {
			recipient = testData.AnyAccount(reporter).AddressBech32
			if reporter.IsSkipped() {
				return nil, nil
			}
		}
		fee := randomManagementFee(testData, params, recipient)
		if r.Intn(4) == 0 || !recipientListed(ctx, k, pool, recipient) {
			// Off: an allow-listed pool refuses a recipient off its list.
			fee.AnnualRate = sdkmath.LegacyZeroDec()
			if r.Intn(2) == 0 {
				fee.Recipient = "" // a zero rate needs no recipient
			}
		}
		return []simsx.SimAccount{ctrl}, &types.MsgSetManagementFee{Sender: ctrl.AddressBech32, PoolId: pool.Id, Fee: *fee}
	}
}

// MsgClaimManagementFeeFactory has any account mint a pool's accrued
// management fee to its recipient. The claim is tried on a branch first: a
// recipient the pool's allow-list refuses cannot be paid, and the claim
// fails (the fee keeps accruing).
func MsgClaimManagementFeeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaimManagementFee] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimManagementFee) {
		pool, ok := randomPool(ctx, k, testData, reporter, "with a management fee", func(p types.Pool) bool { return p.ManagementFee != nil })
		if !ok {
			return nil, nil
		}
		from := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgClaimManagementFee{Sender: from.AddressBech32, PoolId: pool.Id}
		err := keeperAccepts(ctx, func(c context.Context) error {
			_, err := keeper.NewMsgServerImpl(k).ClaimManagementFee(c, msg)
			return err
		})
		switch {
		case errors.Is(err, types.ErrNotAllowListed):
			reporter.Skip("recipient not on the pool's allow-list")
			return nil, nil
		case err != nil:
			reporter.Skipf("claim refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// recipientListed reports whether a management fee recipient may receive the
// pool's shares: always, unless the pool's allow-list is on and lacks it.
func recipientListed(ctx context.Context, k keeper.Keeper, pool types.Pool, recipient string) bool {
	if !pool.AllowListEnabled {
		return true
	}
	addr, err := sdk.AccAddressFromBech32(recipient)
	if err != nil {
		return false
	}
	ok, err := k.AllowList.Has(ctx, collections.Join(pool.Id, addr))
	return err == nil && ok
}
