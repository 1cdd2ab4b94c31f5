package simulation

import (
	"context"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// Joins and exits first mint the pool's accrued management fee, which moves
// the share supply under them, and then price at the fee the pool's policy
// sets; the pool math on the stored pool knows neither. So their factories
// quote with the keeper's own functions on a throw-away branch.

// afterAccrual runs quote on a branch on which the pool's accrued management
// fee has been minted, as the join and exit messages mint it first. A claim
// mints it the same way; when it fails (no fee, or a recipient that cannot
// take the shares) the message's own accrual fails too and changes nothing.
func afterAccrual(ctx context.Context, k keeper.Keeper, poolID uint64, sender string, quote func(context.Context) error) error {
	return keeperAccepts(ctx, func(c context.Context) error {
		_, _ = keeper.NewMsgServerImpl(k).ClaimManagementFee(c, &types.MsgClaimManagementFee{Sender: sender, PoolId: poolID})
		return quote(c)
	})
}

// estimateExit is the keeper's EstimateExit on a branch (it mints the
// accrued fee itself): what ExitPool (no denom) or ExitSwapShareAmountIn pays.
func estimateExit(ctx context.Context, k keeper.Keeper, req *types.QueryEstimateExitRequest) (*types.QueryEstimateExitResponse, error) {
	var res *types.QueryEstimateExitResponse
	err := keeperAccepts(ctx, func(c context.Context) error {
		var err error
		res, err = keeper.NewQueryServerImpl(k).EstimateExit(c, req)
		return err
	})
	return res, err
}
