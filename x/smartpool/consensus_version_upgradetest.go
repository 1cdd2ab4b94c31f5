//go:build upgradetest

package smartpool

import (
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/poold/poold/x/smartpool/keeper"
	"github.com/poold/poold/x/smartpool/types"
)

// ConsensusVersion is 2 in the upgradetest build, the "next version" the
// upgrade test (tests/e2e upgrade_test.go) switches a running network to.
const ConsensusVersion = 2

// registerMigrations registers the 1 → 2 store migration.
func registerMigrations(cfg module.Configurator, k keeper.Keeper) error {
	return cfg.RegisterMigration(types.ModuleName, 1, keeper.NewMigrator(k).Migrate1to2)
}
