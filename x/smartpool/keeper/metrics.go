package keeper

import (
	"context"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/hashicorp/go-metrics"

	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// Prometheus series (with telemetry on and a Prometheus sink, under the API
// server's /metrics?format=prometheus; see docs/monitoring.md):
//
//	smartpool_swaps_total{pool_id,denom_in,denom_out}     counter, swap hops
//	smartpool_volume_total{pool_id,denom}                 counter, base units swapped in
//	smartpool_fees_total{pool_id,denom}                   counter, swap fees kept, base units
//	smartpool_balance{pool_id,denom}                      gauge
//	smartpool_weight{pool_id,denom}                       gauge, normalized weight now
//	smartpool_twap_deviation{pool_id,denom}               gauge, basket price spot/TWAP(1 h) − 1
//	smartpool_breaker_refusals_total{pool_id,kind}        counter, kind price_band | outflow
//	smartpool_pending_changes{pool_id}                    gauge
//
// The go-metrics Prometheus sink names a series by its key joined with "_"
// and adds no suffix, so counter keys end in "total" themselves, as
// Prometheus naming (and promtool check metrics) wants.
//
// Metrics are a node's own view: they are only recorded while a block is
// finalized, never change state, and read the store without gas so that a
// node with telemetry on uses exactly the gas of one without.
const metricsDeviationWindow = time.Hour

// recording reports whether metrics should be recorded now.
func recording(ctx context.Context) bool {
	return telemetry.IsTelemetryEnabled() && sdk.UnwrapSDKContext(ctx).ExecMode() == sdk.ExecModeFinalize
}

func poolLabel(id uint64) metrics.Label {
	return metrics.Label{Name: "pool_id", Value: strconv.FormatUint(id, 10)}
}

func denomLabel(name, denom string) metrics.Label { return metrics.Label{Name: name, Value: denom} }

// countRefusal counts a breaker refusal.
func (k Keeper) countRefusal(ctx context.Context, poolID uint64, kind string) {
	if !recording(ctx) {
		return
	}
	telemetry.IncrCounterWithLabels([]string{types.ModuleName, "breaker_refusals_total"}, 1,
		[]metrics.Label{poolLabel(poolID), {Name: "kind", Value: kind}})
}

// countSwap counts one hop of a swap, its volume and the fee the pool kept.
func (k Keeper) countSwap(ctx context.Context, pool types.Pool, tokenIn, tokenOut sdk.Coin) {
	if !recording(ctx) {
		return
	}
	p := poolLabel(pool.Id)
	telemetry.IncrCounterWithLabels([]string{types.ModuleName, "swaps_total"}, 1,
		[]metrics.Label{p, denomLabel("denom_in", tokenIn.Denom), denomLabel("denom_out", tokenOut.Denom)})
	amount := float32(tokenIn.Amount.ToLegacyDec().MustFloat64())
	telemetry.IncrCounterWithLabels([]string{types.ModuleName, "volume_total"}, amount, []metrics.Label{p, denomLabel("denom", tokenIn.Denom)})
	fee := float32(tokenIn.Amount.ToLegacyDec().Mul(pool.SwapFee).MustFloat64())
	telemetry.IncrCounterWithLabels([]string{types.ModuleName, "fees_total"}, fee, []metrics.Label{p, denomLabel("denom", tokenIn.Denom)})
}

// recordPoolGauges sets a stored pool's gauges.
func (k Keeper) recordPoolGauges(ctx context.Context, pool types.Pool) {
	if !recording(ctx) {
		return
	}
	ctx = sdk.UnwrapSDKContext(ctx).WithGasMeter(storetypes.NewInfiniteGasMeter())
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	p := poolLabel(pool.Id)
	live := pool.AtTime(now)
	for i, a := range live.Assets {
		labels := []metrics.Label{p, denomLabel("denom", a.Denom)}
		telemetry.SetGaugeWithLabels([]string{types.ModuleName, "balance"}, float32(a.Balance.ToLegacyDec().MustFloat64()), labels)
		telemetry.SetGaugeWithLabels([]string{types.ModuleName, "weight"}, float32(live.NormalizedWeight(i).MustFloat64()), labels)
	}
	if devs, err := k.basketDeviations(ctx, pool, metricsDeviationWindow); err == nil && devs != nil {
		for i, a := range pool.Assets {
			telemetry.SetGaugeWithLabels([]string{types.ModuleName, "twap_deviation"}, float32(devs[i].MustFloat64()),
				[]metrics.Label{p, denomLabel("denom", a.Denom)})
		}
	}
	n := 0
	rng := collections.NewPrefixedPairRange[uint64, uint64](pool.Id)
	if it, err := k.ChangesByPool.Iterate(ctx, rng); err == nil {
		for ; it.Valid(); it.Next() {
			n++
		}
		it.Close()
	}
	telemetry.SetGaugeWithLabels([]string{types.ModuleName, "pending_changes"}, float32(n), []metrics.Label{p})
}
