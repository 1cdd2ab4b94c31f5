package risk

import (
	"testing"
	"time"
)

// BenchmarkTwoAssetArbitrage is the speed target's workload: 10,000 paths
// of 1,000 one-hour steps of a 50/50 pool at a 0.3% fee traded by
// arbitrageurs, on every core. One op is the whole run.
//
//	go test -run '^$' -bench TwoAssetArbitrage -benchtime 1x ./x/smartpool/risk/
func BenchmarkTwoAssetArbitrage(b *testing.B) {
	sc := arbitrageOnly("speed", []int64{50, 50}, "0.003", 1000)
	sc.Market.Volatility = []float64{0, 0.8}
	for b.Loop() {
		start := time.Now()
		run, err := Simulate([]Scenario{sc}, Options{Paths: benchPaths, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/run")
		b.ReportMetric(run.Scenarios[0].Summary.Activity.ArbitrageTrades, "arb-trades/path")
	}
}

// benchPaths is the speed target's path count.
var benchPaths = 10_000
