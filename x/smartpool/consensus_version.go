//go:build !upgradetest

package smartpool

import (
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/poold/poold/x/smartpool/keeper"
)

// ConsensusVersion is the module's state version.
const ConsensusVersion = 1

// registerMigrations registers the store migrations from earlier consensus
// versions: none yet.
func registerMigrations(module.Configurator, keeper.Keeper) error { return nil }
