package app

import (
	"context"
	"fmt"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
)

// Upgrade is a software upgrade this binary carries: governance passes a
// MsgSoftwareUpgrade with Name, every node halts at the plan height, and
// this binary, started on the halted state, applies it there.
type Upgrade struct {
	Name string
	// StoreUpgrades adds, renames or deletes whole module stores at the
	// upgrade height (before any handler runs).
	StoreUpgrades storetypes.StoreUpgrades
}

// upgrades lists the upgrades this binary carries. Each runs every module's
// registered store migrations, from the versions on disk to the modules'
// ConsensusVersion (docs/upgrades.md). The upgradetest build adds one.
var upgrades []Upgrade

// registerUpgrades installs a handler for every upgrade and, when the node
// stopped at the height of one of them, the store loader that applies its
// store changes. It must run before the latest version is loaded.
func (app *App) registerUpgrades() error {
	for _, u := range upgrades {
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			return app.ModuleManager.RunMigrations(ctx, app.configurator, fromVM)
		})
	}
	if len(upgrades) == 0 {
		return nil // no upgrade-info.json to read (reading it creates <home>/data)
	}
	plan, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		return fmt.Errorf("read upgrade info: %w", err)
	}
	if plan.Name == "" || app.UpgradeKeeper.IsSkipHeight(plan.Height) {
		return nil
	}
	for _, u := range upgrades {
		if u.Name == plan.Name {
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(plan.Height, &u.StoreUpgrades))
		}
	}
	return nil
}
