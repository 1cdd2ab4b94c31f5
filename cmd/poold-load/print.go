package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// report is the whole run: setup, broadcast and what the blocks say.
type report struct {
	Kind         string              `json:"kind"`
	ChainID      string              `json:"chain_id"`
	Accounts     int                 `json:"accounts"`
	Planned      int                 `json:"planned"`
	Rate         float64             `json:"rate"` // 0: unpaced
	Concurrency  int                 `json:"concurrency"`
	ToppedUp     int                 `json:"funded_accounts"`
	FundingTxs   int                 `json:"funding_txs"`
	SignSec      float64             `json:"sign_s"`
	Sent         int                 `json:"sent"`
	Accepted     int                 `json:"accepted"`
	CheckFailed  map[string]*failure `json:"checktx_failed"`
	RPCErrors    map[string]*failure `json:"rpc_errors"`
	Skipped      int                 `json:"skipped"`
	Unsent       int                 `json:"unsent"`
	FullRetries  int                 `json:"mempool_full_retries"`
	BroadcastSec float64             `json:"broadcast_s"`
	OfferedTPS   float64             `json:"offered_tps"` // accepted / broadcast time
	NotCommitted int                 `json:"not_committed"`
	Stopped      string              `json:"wait_ended"`
	Blocks       blockStats          `json:"blocks"`
}

func total(m map[string]*failure) int {
	n := 0
	for _, f := range m {
		n += f.Count
	}
	return n
}

func printFailures(w io.Writer, title string, m map[string]*failure) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "    %-10s %-12s ×%-6d %s\n", title, k, m[k].Count, m[k].Sample)
	}
}

// printText writes the report on one screen.
func printText(w io.Writer, r report) {
	rate := "unpaced"
	if r.Rate > 0 {
		rate = fmt.Sprintf("%.0f tx/s", r.Rate)
	}
	b := r.Blocks
	fmt.Fprintf(w, "== poold-load: %s, %d accounts, %d txs planned, rate %s, %d broadcasters, chain %s\n",
		r.Kind, r.Accounts, r.Planned, rate, r.Concurrency, r.ChainID)
	fmt.Fprintf(w, "  setup      %d accounts topped up in %d funding tx(s); %d txs pre-signed in %.2f s\n",
		r.ToppedUp, r.FundingTxs, r.Planned, r.SignSec)
	fmt.Fprintf(w, "  broadcast  %d sent in %.2f s, %d accepted (%.0f tx/s into the mempool); CheckTx failed %d, RPC errors %d, skipped %d, unsent %d, mempool-full resends %d\n",
		r.Sent, r.BroadcastSec, r.Accepted, r.OfferedTPS, total(r.CheckFailed), total(r.RPCErrors), r.Skipped, r.Unsent, r.FullRetries)
	if b.Blocks == 0 {
		fmt.Fprintf(w, "  committed  none (wait ended: %s)\n", r.Stopped)
	} else {
		fmt.Fprintf(w, "  committed  %d ok + %d failed in DeliverTx, in blocks %d..%d (%d blocks, %.2f s); not committed %d (wait ended: %s)\n",
			b.CommittedOK, total(b.DeliverFailed), b.FirstHeight, b.LastHeight, b.Blocks, b.WindowSec, r.NotCommitted, r.Stopped)
		fmt.Fprintf(w, "  THROUGHPUT %.1f committed tx/s (%.1f incl. failed)\n", b.TPS, b.IncludedTPS)
		fmt.Fprintf(w, "  blocks     interval mean %.2f s, p50 %.2f s, max %.2f s; load txs/block mean %.0f, p50 %.0f, max %.0f; other txs %d; max gas/block %d\n",
			b.IntervalSec.Mean, b.IntervalSec.P50, b.IntervalSec.Max, b.LoadPerBlock.Mean, b.LoadPerBlock.P50, b.LoadPerBlock.Max, b.OtherTxs, b.MaxBlockGas)
		fmt.Fprintf(w, "  gas        mean used %.0f, mean wanted %.0f per committed load tx\n", b.MeanGasUsed, b.MeanGasWanted)
		if b.Blocks < 3 {
			fmt.Fprintf(w, "  note       the load fit in %d block(s): the rate measures the offered load, not the node (raise --txs)\n", b.Blocks)
		}
	}
	if len(r.CheckFailed)+len(r.RPCErrors)+len(b.DeliverFailed) > 0 {
		fmt.Fprintln(w, "  failures")
		printFailures(w, "CheckTx", r.CheckFailed)
		printFailures(w, "RPC", r.RPCErrors)
		printFailures(w, "DeliverTx", b.DeliverFailed)
	}
}

// printJSON writes the report as one JSON line.
func printJSON(w io.Writer, r report) error {
	bz, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", bz)
	return err
}
