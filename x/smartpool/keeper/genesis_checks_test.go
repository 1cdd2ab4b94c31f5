package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/testutil"
	"github.com/poold/poold/x/smartpool/types"
)

// exportedWithPool is a valid genesis holding one controlled pool.
func exportedWithPool(t *testing.T) (*fixture, types.GenesisState) {
	f := newFixture(t)
	f.createControlledPool(t, allRights)
	gs, err := f.app.SmartPoolKeeper.ExportGenesis(f.ctx)
	require.NoError(t, err)
	return f, *gs
}

// Genesis refuses any state the chain's own rules could not have produced.
func TestGenesisRefusesWhatTheChainCouldNotProduce(t *testing.T) {
	_, valid := exportedWithPool(t)
	require.NoError(t, valid.Validate())

	stateless := map[string]func(gs *types.GenesisState){
		"unsorted assets": func(gs *types.GenesisState) {
			a := gs.Pools[0].Assets
			a[0], a[1] = a[1], a[0]
		},
		"a share denom as an asset": func(gs *types.GenesisState) { gs.Pools[0].Assets[0].Denom = "smartpool/7" },
		"shares past the bound":     func(gs *types.GenesisState) { gs.Pools[0].TotalShares = types.MaxTotalShares.AddRaw(1) },
		"a time-lock past the maximum": func(gs *types.GenesisState) {
			gs.Pools[0].Timelock = types.HardMaxTimelock + time.Second
		},
		"a schedule longer than a year": func(gs *types.GenesisState) {
			p := &gs.Pools[0]
			p.WeightSchedule = &types.WeightSchedule{StartTime: p.CreatedAt, EndTime: p.CreatedAt.Add(400 * 24 * time.Hour), StartWeights: p.Weights(), TargetWeights: p.Weights()}
		},
		"a removal hold without its removal": func(gs *types.GenesisState) {
			gs.Pools[0].EntryClosed = []types.EntryClosedAsset{{Denom: "uatom", RemovalChangeId: 1}}
		},
		"a pending removal without its hold": func(gs *types.GenesisState) {
			gs.NextChangeId = 2
			gs.PendingChanges = []types.PendingChange{{Id: 1, PoolId: gs.Pools[0].Id, Proposer: gs.Pools[0].Controller, QueuedAt: gs.Pools[0].CreatedAt, DueTime: gs.Pools[0].CreatedAt.Add(time.Hour),
				Change: &types.PendingChange_RemoveAsset{RemoveAsset: &types.RemoveAssetChange{Denom: "uatom"}}}}
		},
	}
	for name, mutate := range stateless {
		t.Run(name, func(t *testing.T) {
			_, gs := exportedWithPool(t)
			mutate(&gs)
			require.Error(t, gs.Validate())
		})
	}

	t.Run("share supply differs from the pool's shares", func(t *testing.T) {
		_, gs := exportedWithPool(t)
		g := newFixture(t)
		testutil.Fund(t, g.app, g.ctx, g.app.AccountKeeper.GetModuleAddress(types.ModuleName), gs.Pools[0].Liquidity())
		require.ErrorIs(t, g.app.SmartPoolKeeper.InitGenesis(g.ctx, gs), types.ErrInvalidGenesis)
	})
	t.Run("module account holds less than the pools", func(t *testing.T) {
		_, gs := exportedWithPool(t)
		g := newFixture(t)
		testutil.Fund(t, g.app, g.ctx, g.alice, sdk.NewCoins(sdk.NewCoin(gs.Pools[0].ShareDenom, gs.Pools[0].TotalShares)))
		require.ErrorIs(t, g.app.SmartPoolKeeper.InitGenesis(g.ctx, gs), types.ErrInvalidGenesis)
	})
	t.Run("more pending changes than a controller may queue", func(t *testing.T) {
		_, gs := exportedWithPool(t)
		p := gs.Pools[0]
		for i := 1; i <= types.MaxPendingChangesPerPool+1; i++ {
			gs.PendingChanges = append(gs.PendingChanges, types.PendingChange{Id: uint64(i), PoolId: p.Id, Proposer: p.Controller, QueuedAt: p.CreatedAt, DueTime: p.CreatedAt.Add(time.Hour),
				Change: &types.PendingChange_SwapFee{SwapFee: &types.SwapFeeChange{SwapFee: fee003}}})
		}
		gs.NextChangeId = uint64(types.MaxPendingChangesPerPool + 2)
		require.NoError(t, gs.Validate())
		g := newFixture(t)
		require.ErrorIs(t, g.importGenesis(t, gs), types.ErrInvalidGenesis)
	})
}

// The invariant checks each pool's share supply against the bank.
func TestCheckModuleBalancesSeesShareSupply(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	require.NoError(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx))
	testutil.Fund(t, f.app, f.ctx, f.bob, sdk.NewCoins(sdk.NewInt64Coin(types.ShareDenom(id), 1)))
	require.ErrorContains(t, f.app.SmartPoolKeeper.CheckModuleBalances(f.ctx), "bank supply")
}
