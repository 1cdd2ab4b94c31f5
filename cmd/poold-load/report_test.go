package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDistOf(t *testing.T) {
	require.Equal(t, dist{}, distOf(nil))
	require.Equal(t, dist{Mean: 2, P50: 2, Max: 3}, distOf([]float64{3, 1, 2}))
	require.Equal(t, dist{Mean: 2.5, P50: 2.5, Max: 4}, distOf([]float64{4, 1, 3, 2}))
}

// fakeBlocks: height 10 (before the load, one foreign tx), 11..13 with load
// txs, 14 empty; block times 1 s apart except 12→13, 2 s.
func fakeBlocks() ([]blockInfo, map[string]bool) {
	t0 := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	load := map[string]bool{}
	tx := func(h string, code uint32, gas int64) txInfo {
		load[h] = true
		return txInfo{Hash: h, Code: code, Codespace: "sdk", Log: "out of gas in location: x", GasUsed: gas, GasWanted: 200000}
	}
	other := txInfo{Hash: "OTHER", GasUsed: 50000}
	blocks := []blockInfo{
		{Height: 10, Time: t0, Txs: []txInfo{other}},
		{Height: 11, Time: t0.Add(1 * time.Second), Txs: []txInfo{tx("A", 0, 60000), tx("B", 0, 70000)}},
		{Height: 12, Time: t0.Add(2 * time.Second), Txs: []txInfo{tx("C", 0, 80000), other}},
		{Height: 13, Time: t0.Add(4 * time.Second), Txs: []txInfo{tx("D", 11, 200000), tx("E", 0, 90000), tx("F", 0, 100000)}},
		{Height: 14, Time: t0.Add(5 * time.Second)},
	}
	return blocks, load
}

func TestComputeBlockStats(t *testing.T) {
	blocks, load := fakeBlocks()
	st := computeBlockStats(blocks, load)
	require.Equal(t, int64(11), st.FirstHeight)
	require.Equal(t, int64(13), st.LastHeight)
	require.Equal(t, 3, st.Blocks)
	require.InDelta(t, 4.0, st.WindowSec, 1e-9, "from block 10's time to block 13's")
	require.Equal(t, 6, st.Included)
	require.Equal(t, 5, st.CommittedOK)
	require.InDelta(t, 5.0/4, st.TPS, 1e-9)
	require.InDelta(t, 6.0/4, st.IncludedTPS, 1e-9)
	require.Equal(t, dist{Mean: 4.0 / 3, P50: 1, Max: 2}, st.IntervalSec)
	require.Equal(t, dist{Mean: 2, P50: 2, Max: 3}, st.LoadPerBlock)
	require.Equal(t, 1, st.OtherTxs, "block 10 is outside the window")
	require.InDelta(t, 80000, st.MeanGasUsed, 1e-9, "failed txs left out")
	require.InDelta(t, 200000, st.MeanGasWanted, 1e-9)
	require.Equal(t, int64(390000), st.MaxBlockGas)
	require.Len(t, st.DeliverFailed, 1)
	require.Equal(t, 1, st.DeliverFailed["sdk/11"].Count)
	require.Equal(t, "out of gas in location: x", st.DeliverFailed["sdk/11"].Sample)
}

func TestComputeBlockStatsEdges(t *testing.T) {
	blocks, load := fakeBlocks()
	// No load tx anywhere: empty stats, no division by zero.
	st := computeBlockStats(blocks, map[string]bool{"NOPE": true})
	require.Zero(t, st.Blocks)
	require.Zero(t, st.TPS)
	// The first block read holds load: the window starts at it.
	st = computeBlockStats(blocks[1:], load)
	require.InDelta(t, 3.0, st.WindowSec, 1e-9)
	require.InDelta(t, 5.0/3, st.TPS, 1e-9)
	require.Equal(t, dist{Mean: 1.5, P50: 1.5, Max: 2}, st.IntervalSec)
	// One block: a zero window gives no rate rather than +Inf.
	st = computeBlockStats(blocks[3:4], load)
	require.Equal(t, 1, st.Blocks)
	require.Zero(t, st.TPS)
}

func TestReportPrinting(t *testing.T) {
	blocks, load := fakeBlocks()
	r := report{Kind: kindSwap, Accounts: 3, Planned: 6, ChainID: "c", Sent: 7, Accepted: 6,
		CheckFailed: map[string]*failure{"sdk/32": {Count: 1, Sample: "account sequence mismatch"}},
		RPCErrors:   map[string]*failure{}, Blocks: computeBlockStats(blocks, load), Stopped: "all committed"}
	var text, js bytes.Buffer
	printText(&text, r)
	require.Contains(t, text.String(), "THROUGHPUT 1.2 committed tx/s (1.5 incl. failed)")
	require.Contains(t, text.String(), "CheckTx    sdk/32")
	require.Contains(t, text.String(), "DeliverTx  sdk/11")
	require.NoError(t, printJSON(&js, r))
	require.Equal(t, 1, strings.Count(js.String(), "\n"), "one JSON line")
	var back map[string]any
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	require.Equal(t, 1.25, back["blocks"].(map[string]any)["committed_tps"])
	require.Equal(t, "swap", back["kind"])
	require.NotContains(t, text.String(), "note", "3 blocks: no warning")

	// Load that fits in one block is flagged: it measures the offered load.
	r.Blocks = computeBlockStats(blocks[3:4], load)
	text.Reset()
	printText(&text, r)
	require.Contains(t, text.String(), "the load fit in 1 block(s)")
}
