package keeper

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"cosmossdk.io/collections"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

// Prometheus series. They live in their own registry, which the node's API
// server serves at /smartpool/metrics (app.RegisterAPIRoutes): nothing else is
// in it, so the scrape passes `promtool check metrics`. They are also
// registered in the process's default registry, so CometBFT's
// instrumentation server (config.toml [instrumentation] prometheus = true)
// exports them beside its own series. See docs/monitoring.md.
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
// Metrics are a node's own view: they are recorded only while a block is
// finalized, never change state, and read the store without gas so that a
// node that records them uses exactly the gas of one that does not.
const metricsDeviationWindow = time.Hour

var (
	registerMetricsOnce sync.Once
	swapsTotal          = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: types.ModuleName, Name: "swaps_total",
		Help: "Swap hops through the pool, by denom in and out."}, []string{"pool_id", "denom_in", "denom_out"})
	volumeTotal = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: types.ModuleName, Name: "volume_total",
		Help: "Base units swapped into the pool, by denom."}, []string{"pool_id", "denom"})
	feesTotal = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: types.ModuleName, Name: "fees_total",
		Help: "Swap fees the pool kept, in base units of the denom swapped in."}, []string{"pool_id", "denom"})
	refusalsTotal = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: types.ModuleName, Name: "breaker_refusals_total",
		Help: "Operations the pool's circuit breakers refused, by breaker (price_band, outflow)."}, []string{"pool_id", "kind"})
	balanceGauge = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: types.ModuleName, Name: "balance",
		Help: "The pool's balance of the denom, in base units."}, []string{"pool_id", "denom"})
	weightGauge = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: types.ModuleName, Name: "weight",
		Help: "The denom's normalized weight in the pool now."}, []string{"pool_id", "denom"})
	deviationGauge = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: types.ModuleName, Name: "twap_deviation",
		Help: "Spot over 1 h TWAP, minus one, of the denom's price in units of the whole pool."}, []string{"pool_id", "denom"})
	pendingGauge = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: types.ModuleName, Name: "pending_changes",
		Help: "Changes waiting out the pool's time-lock."}, []string{"pool_id"})
)

// metricsRegistry holds the module's series and nothing else.
var metricsRegistry = prometheus.NewRegistry()

// MetricsHandler serves the module's series in the Prometheus text format.
func MetricsHandler() http.Handler {
	return promhttp.HandlerFor(metricsRegistry, promhttp.HandlerOpts{})
}

// registerMetrics adds the series to the module's registry and the default
// one, once per process (tests build many apps in one process).
func registerMetrics() {
	registerMetricsOnce.Do(func() {
		for _, c := range []prometheus.Collector{swapsTotal, volumeTotal, feesTotal, refusalsTotal, balanceGauge, weightGauge, deviationGauge, pendingGauge} {
			metricsRegistry.MustRegister(c)
			if err := prometheus.Register(c); err != nil {
				if _, already := err.(prometheus.AlreadyRegisteredError); !already {
					panic(err) // a name clash is a programming error, caught at start-up
				}
			}
		}
	})
}

// recording reports whether metrics should be recorded now: only for blocks
// being finalized, never for CheckTx, simulations or queries.
func recording(ctx context.Context) bool {
	return sdk.UnwrapSDKContext(ctx).ExecMode() == sdk.ExecModeFinalize
}

func poolID(id uint64) string { return strconv.FormatUint(id, 10) }

// amountFloat is a token amount as a float for a metric (precision is not
// a metric's concern; state never reads it back).
func amountFloat(amount interface{ String() string }) float64 {
	f, err := strconv.ParseFloat(amount.String(), 64)
	if err != nil {
		return 0
	}
	return f
}

// countRefusal counts a breaker refusal.
func (k Keeper) countRefusal(ctx context.Context, id uint64, kind string) {
	if recording(ctx) {
		refusalsTotal.WithLabelValues(poolID(id), kind).Inc()
	}
}

// countSwap counts one hop of a swap, its volume and the fee the pool kept.
func (k Keeper) countSwap(ctx context.Context, pool types.Pool, tokenIn, tokenOut sdk.Coin) {
	if !recording(ctx) {
		return
	}
	id := poolID(pool.Id)
	swapsTotal.WithLabelValues(id, tokenIn.Denom, tokenOut.Denom).Inc()
	volumeTotal.WithLabelValues(id, tokenIn.Denom).Add(amountFloat(tokenIn.Amount))
	feesTotal.WithLabelValues(id, tokenIn.Denom).Add(amountFloat(tokenIn.Amount.ToLegacyDec().Mul(pool.SwapFee)))
}

// recordPoolGauges sets a stored pool's gauges.
func (k Keeper) recordPoolGauges(ctx context.Context, pool types.Pool) {
	if !recording(ctx) {
		return
	}
	ctx = sdk.UnwrapSDKContext(ctx).WithGasMeter(storetypes.NewInfiniteGasMeter())
	id := poolID(pool.Id)
	live := pool.AtTime(sdk.UnwrapSDKContext(ctx).BlockTime())
	for i, a := range live.Assets {
		balanceGauge.WithLabelValues(id, a.Denom).Set(amountFloat(a.Balance))
		weightGauge.WithLabelValues(id, a.Denom).Set(amountFloat(live.NormalizedWeight(i)))
	}
	// The TWAP deviation costs a ring search and a few logarithms: once per
	// pool per block is enough for a gauge (the pending-changes gauge also
	// moves with the queue itself).
	if firstRecordInBlock(pool.Id, sdk.UnwrapSDKContext(ctx).BlockHeight()) {
		if devs, err := k.basketDeviations(ctx, pool, metricsDeviationWindow); err == nil && devs != nil {
			for i, a := range pool.Assets {
				deviationGauge.WithLabelValues(id, a.Denom).Set(amountFloat(devs[i]))
			}
		}
		k.recordPendingChanges(ctx, pool.Id)
	}
}

// deviationRecorded is the last height each pool's deviation gauge was set
// at: this node's own bookkeeping, never part of state.
var deviationRecorded = struct {
	sync.Mutex
	height map[uint64]int64
}{height: map[uint64]int64{}}

func firstRecordInBlock(id uint64, height int64) bool {
	deviationRecorded.Lock()
	defer deviationRecorded.Unlock()
	if deviationRecorded.height[id] == height {
		return false
	}
	deviationRecorded.height[id] = height
	return true
}

// recordPendingChanges sets a pool's pending_changes gauge; queueing,
// cancelling, applying or dropping a change calls it.
func (k Keeper) recordPendingChanges(ctx context.Context, id uint64) {
	if !recording(ctx) {
		return
	}
	ctx = sdk.UnwrapSDKContext(ctx).WithGasMeter(storetypes.NewInfiniteGasMeter())
	n := 0
	if it, err := k.ChangesByPool.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](id)); err == nil {
		for ; it.Valid(); it.Next() {
			n++
		}
		it.Close()
	}
	pendingGauge.WithLabelValues(poolID(id)).Set(float64(n))
}
