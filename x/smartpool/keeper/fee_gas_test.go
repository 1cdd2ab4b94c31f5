package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
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

// A dynamic policy reads the oracle once per pool per block: the block's
// first swap pays the reads, the next swaps of the block use the cached
// fee_state and cost only the policy's bytes more than a fixed-fee swap.
func TestDynamicFeeReadsOncePerBlock(t *testing.T) {
	f := newFixture(t)
	fixed := f.createPool(t)
	res, err := f.msgs.CreatePool(f.ctx, &types.MsgCreatePool{Sender: f.alice.String(),
		Assets:  []types.PoolAsset{asset("uusdc", 200_000_000, 40), asset("uatom", 100_000_000, 60)},
		SwapFee: dec("0.003"), FeePolicy: testPolicies()["all"]})
	require.NoError(t, err)
	dynamic := res.PoolId
	f.tradeHistory(t, fixed)
	last := f.tradeHistory(t, dynamic)
	f.nextBlock(last.Add(6 * time.Second))
	first := f.swapGas(t, dynamic, sdk.NewInt64Coin("uatom", 500_000), "uusdc")
	second := f.swapGas(t, dynamic, sdk.NewInt64Coin("uusdc", 500_000), "uatom")
	f.swapGas(t, fixed, sdk.NewInt64Coin("uatom", 500_000), "uusdc") // its history is older: this one observes
	plain := f.swapGas(t, fixed, sdk.NewInt64Coin("uusdc", 500_000), "uatom")
	t.Logf("swap message gas: fixed-fee %d; every policy: %d first in its block (oracle reads), %d after (%+.1f%% over fixed)",
		plain, first, second, 100*(float64(second)/float64(plain)-1))
	require.Less(t, second+5_000, first, "the block's later swaps must not read the oracle again")
	require.Less(t, second, plain*5/4, "a cached dynamic fee stays within 25%% of a fixed-fee swap")
}
