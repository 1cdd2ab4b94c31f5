package simulation

import (
	"context"
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// Factories of messages the keeper must refuse, each with the typed error it
// must refuse them with: a delivery that succeeds, or fails otherwise (a
// panic becomes an error too), fails the simulation.

// expectError accepts only a failure of the given kind.
func expectError(want *errorsmod.Error) simsx.SimDeliveryResultHandler {
	return func(err error) error {
		if err == nil {
			return fmt.Errorf("delivered a message that should fail with %q", want)
		}
		if !errors.Is(err, want) {
			return fmt.Errorf("want failure %q, got: %w", want, err)
		}
		return nil
	}
}

// MsgPauseSwapsByStrangerFactory: someone who does not control a pool tries to pause it.
func MsgPauseSwapsByStrangerFactory(k keeper.Keeper) simsx.SimMsgFactoryX {
	return expectFailure(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, *types.MsgPauseSwaps, simsx.SimDeliveryResultHandler) {
		pool, ok := randomPool(ctx, k, testData, reporter, "", func(types.Pool) bool { return true })
		if !ok {
			return nil, nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.ExcludeAddresses(pool.Controller))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgPauseSwaps{Sender: from.AddressBech32, PoolId: pool.Id}, expectError(types.ErrUnauthorized)
	})
}

// MsgSwapOverMaxInRatioFactory: a swap of more than max_in_ratio of the pool's balance.
func MsgSwapOverMaxInRatioFactory(k keeper.Keeper) simsx.SimMsgFactoryX {
	return expectFailure(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, *types.MsgSwapExactAmountIn, simsx.SimDeliveryResultHandler) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil, nil
		}
		now := blockTime(ctx)
		pool, ok := randomPool(ctx, k, testData, reporter, "open for swaps", func(p types.Pool) bool {
			return !p.SwapsPaused && len(openDenoms(p, now)) > 0
		})
		if !ok {
			return nil, nil, nil
		}
		in := pick(testData, openDenoms(pool, now)) // a closed asset fails first, with another error
		out := pick(testData, denomsExcept(pool, in))
		amount := ratioOf(params.MaxInRatio, balanceOf(pool, in)).Add(randInt(testData, balanceOf(pool, in)))
		from := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgSwapExactAmountIn{
			Sender: from.AddressBech32, TokenIn: sdk.NewCoin(in, amount), TokenOutMinAmount: sdkmath.ZeroInt(),
			Routes: []types.SwapAmountInRoute{{PoolId: pool.Id, TokenOutDenom: out}},
		}, expectError(types.ErrMaxInRatio)
	})
}

// MsgExitWholePoolFactory: an exit of every share, which would empty the
// pool. Every share counts those the exit first mints for the accrued
// management fee (without them it would fail on the holder's balance
// instead); should that mint fail, the pool has fewer and still refuses.
func MsgExitWholePoolFactory(k keeper.Keeper) simsx.SimMsgFactoryX {
	return expectFailure(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, *types.MsgExitPool, simsx.SimDeliveryResultHandler) {
		pool, ok := randomPool(ctx, k, testData, reporter, "", func(types.Pool) bool { return true })
		if !ok {
			return nil, nil, nil
		}
		from, ok := shareHolder(testData, reporter, pool)
		if !ok {
			return nil, nil, nil
		}
		accrued := pool.Clone()
		if _, err := accrued.AccrueManagementFee(blockTime(ctx)); err != nil {
			accrued = pool
		}
		return []simsx.SimAccount{from}, &types.MsgExitPool{Sender: from.AddressBech32, PoolId: pool.Id, ShareInAmount: accrued.TotalShares}, expectError(types.ErrInvalidShares)
	})
}

// MsgUpdateParamsByStrangerFactory: an account that is not the authority tries to change params.
func MsgUpdateParamsByStrangerFactory(k keeper.Keeper) simsx.SimMsgFactoryX {
	return expectFailure(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, *types.MsgUpdateParams, simsx.SimDeliveryResultHandler) {
		from := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		params := RandomParams(testData.Rand().Rand, sdk.DefaultBondDenom)
		return []simsx.SimAccount{from}, &types.MsgUpdateParams{Authority: from.AddressBech32, Params: params}, expectError(types.ErrUnauthorized)
	})
}

// MsgCancelUnknownChangeFactory: a cancel of a change that was never queued.
func MsgCancelUnknownChangeFactory(k keeper.Keeper) simsx.SimMsgFactoryX {
	return expectFailure(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, *types.MsgCancelChange, simsx.SimDeliveryResultHandler) {
		next, err := k.NextChangeID.Peek(ctx)
		if err != nil {
			reporter.Skipf("next change id: %v", err)
			return nil, nil, nil
		}
		from := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgCancelChange{Sender: from.AddressBech32, ChangeId: next + 1 + uint64(testData.Rand().Intn(1000))}, expectError(types.ErrChangeNotFound)
	})
}

// MsgSetStrategyOffRailsFactory: a strategy whose rails start above the
// equal weight 1/n, so that some weight of the pool (they sum to one) lies
// below them.
func MsgSetStrategyOffRailsFactory(k keeper.Keeper) simsx.SimMsgFactoryX {
	return expectFailure(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	) ([]simsx.SimAccount, *types.MsgSetStrategy, simsx.SimDeliveryResultHandler) {
		params, ok := getParams(ctx, k, reporter)
		if !ok {
			return nil, nil, nil
		}
		pool, ctrl, ok := controlledPool(ctx, k, testData, reporter, "whose strategy may change", func(p types.Pool) bool {
			return p.Rights.ChangeWeights && hasQueueRoom(ctx, k, p.Id)
		})
		if !ok {
			return nil, nil, nil
		}
		s := RandomStrategy(testData.Rand().Rand, params, pool, pick(testData, ruleKinds), pool.Weights(), nil, nil)
		s.Interval = max(s.Interval, params.MinStrategyInterval)
		s.Rails.MinWeight = sdkmath.LegacyOneDec().QuoInt64(int64(len(pool.Assets))).Add(sdkmath.LegacyNewDecWithPrec(1, 3))
		s.Rails.MaxWeight = sdkmath.LegacyOneDec()
		return []simsx.SimAccount{ctrl}, &types.MsgSetStrategy{Sender: ctrl.AddressBech32, PoolId: pool.Id, Strategy: s}, expectError(types.ErrInvalidStrategy)
	})
}
