package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// swapGas is the gas one swap message uses on the fixture's current block.
func (f *fixture) swapGas(t *testing.T, id uint64, in sdk.Coin, outDenom string) uint64 {
	ctx := f.ctx
	f.ctx = f.ctx.WithGasMeter(storetypes.NewGasMeter(10_000_000))
	_, err := f.swap(t, id, in, outDenom)
	require.NoError(t, err)
	used := f.ctx.GasMeter().GasConsumed()
	f.ctx = ctx
	return used
}

// The oracle's cost to a swap: the bytes its state adds to the pool record
// (read and written by every swap) and, once per observation interval, the
// observation a swap writes. Both stay within 10% of the swap message's gas
// (the whole transaction, with its signature checks, costs about twice that:
// docs/performance.md).
func TestOracleGasOverhead(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	last := f.tradeHistory(t, id)
	cfg := storetypes.KVGasConfig()

	// A block whose first swap writes an observation (the last is 5 min old),
	// then a second swap, then a block 6 s later with no observation due.
	f.nextBlock(last.Add(5 * time.Minute))
	observing := f.swapGas(t, id, sdk.NewInt64Coin("uatom", 500_000), "uusdc")
	steady := f.swapGas(t, id, sdk.NewInt64Coin("uusdc", 500_000), "uatom")
	f.nextBlock(last.Add(5*time.Minute + 6*time.Second))
	firstInBlock := f.swapGas(t, id, sdk.NewInt64Coin("uatom", 500_000), "uusdc")

	p, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, id)
	require.NoError(t, err)
	bare := p
	bare.Oracle = types.PoolOracle{}
	oracleBytes := uint64(p.Size() - bare.Size())
	// Every swap reads the pool record once and writes it once.
	perSwap := oracleBytes * (cfg.ReadCostPerByte + cfg.WriteCostPerByte)
	perObservation := observing - firstInBlock
	t.Logf("swap message gas: %d steady, %d first in its block, %d when it writes an observation", steady, firstInBlock, observing)
	t.Logf("oracle state in the pool record: %d bytes = %d gas a swap (%.1f%% of %d)", oracleBytes, perSwap, 100*float64(perSwap)/float64(firstInBlock), firstInBlock)
	t.Logf("an observation: %d gas more (%.1f%%), once per pool per observation interval", perObservation, 100*float64(perObservation)/float64(firstInBlock))
	require.Equal(t, steady, firstInBlock, "the first swap of a block pays nothing more than the next (the integration costs no gas)")
	require.LessOrEqual(t, perSwap*10, firstInBlock-perSwap, "the oracle's bytes stay within 10%% of what a swap cost without them")
	require.LessOrEqual(t, (perSwap+perObservation)*100, 20*(firstInBlock-perSwap), "an observing swap stays within 20%% of a swap's message gas")
}
