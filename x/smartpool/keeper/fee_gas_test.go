package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// swapGasBeforeFees is the swap message gas of TestOracleGasOverhead's
// steady swap (this fixture, two-asset fixed-fee pool) at commit 6ef98dc,
// before fee policies, fee accounting and the protocol fee existed.
const swapGasBeforeFees = 47_561

// A swap on a fixed-fee pool without a protocol fee reads nothing new; it
// pays only for the bytes its fee counters add to the pool record (read and
// written by every swap) and the params' new fields. Its message gas stays
// within 3% of what it was before.
func TestFixedFeeSwapGas(t *testing.T) {
	f := newFixture(t)
	id := f.createPool(t)
	last := f.tradeHistory(t, id)
	f.nextBlock(last.Add(6 * time.Second)) // no observation due
	gas := f.swapGas(t, id, sdk.NewInt64Coin("uatom", 500_000), "uusdc")

	p, err := f.app.SmartPoolKeeper.Pools.Get(f.ctx, id)
	require.NoError(t, err)
	counterBytes := 0
	for _, a := range p.Assets {
		counterBytes += 2 + len(a.FeesLp.String()) // tag, length, digits
		require.Nil(t, a.FeesProtocol, "no protocol fee: no bytes for it")
	}
	require.Nil(t, p.FeePolicy)
	require.Nil(t, p.FeeState, "a fixed-fee pool caches no oracle reads")
	require.Empty(t, p.ProtocolFeesOwed)
	cfg := storetypes.KVGasConfig()
	perSwap := uint64(counterBytes) * (cfg.ReadCostPerByte + cfg.WriteCostPerByte)
	t.Logf("swap message gas: %d (before fees: %d, %+.2f%%); fee counters: %d bytes = %d gas a swap",
		gas, swapGasBeforeFees, 100*(float64(gas)/swapGasBeforeFees-1), counterBytes, perSwap)
	require.LessOrEqual(t, gas*100, uint64(swapGasBeforeFees)*103, "a fixed-fee swap costs more than 3% over its gas before fees")
	require.LessOrEqual(t, perSwap*100, 3*gas, "the counters alone pass 3%")
}
