package app

// TestUpgradeName is the upgrade the upgradetest build carries (tests/e2e
// upgrade_test.go proposes it on a 4-validator network).
const TestUpgradeName = "v2-test"
