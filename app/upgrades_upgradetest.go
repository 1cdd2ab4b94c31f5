//go:build upgradetest

package app

// The upgradetest build (go build -tags upgradetest) is the "next version"
// the upgrade test switches to: it carries the upgrade v2-test, and its
// x/smartpool is at consensus version 2 with the 1 → 2 store migration.
func init() {
	upgrades = append(upgrades, Upgrade{Name: TestUpgradeName})
}
