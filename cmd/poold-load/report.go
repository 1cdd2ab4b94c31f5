package main

import (
	"fmt"
	"sort"
	"time"
)

// blockInfo is one block as the report needs it.
type blockInfo struct {
	Height int64
	Time   time.Time
	Txs    []txInfo
}

// txInfo is one tx of a block with its result.
type txInfo struct {
	Hash      string
	Code      uint32
	Codespace string
	Log       string
	GasUsed   int64
	GasWanted int64
}

// dist summarizes a sample: mean, median and max.
type dist struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	Max  float64 `json:"max"`
}

func distOf(xs []float64) dist {
	if len(xs) == 0 {
		return dist{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	p50 := s[len(s)/2]
	if len(s)%2 == 0 {
		p50 = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return dist{Mean: sum / float64(len(s)), P50: p50, Max: s[len(s)-1]}
}

// blockStats is what the blocks say about the load txs.
type blockStats struct {
	FirstHeight   int64               `json:"first_height"` // first block holding a load tx
	LastHeight    int64               `json:"last_height"`  // last one
	Blocks        int                 `json:"blocks"`       // blocks in first..last
	WindowSec     float64             `json:"window_s"`     // time(last) - time(first-1)
	Included      int                 `json:"included"`     // load txs in blocks
	CommittedOK   int                 `json:"committed_ok"` // of which code 0
	DeliverFailed map[string]*failure `json:"deliver_failed"`
	TPS           float64             `json:"committed_tps"` // CommittedOK / WindowSec
	IncludedTPS   float64             `json:"included_tps"`
	IntervalSec   dist                `json:"block_interval_s"` // time(h) - time(h-1), h in first..last
	LoadPerBlock  dist                `json:"load_txs_per_block"`
	OtherTxs      int                 `json:"other_txs"` // non-load txs in first..last
	MeanGasUsed   float64             `json:"mean_gas_used"`
	MeanGasWanted float64             `json:"mean_gas_wanted"`
	MaxBlockGas   int64               `json:"max_block_gas"`
}

func codeKey(codespace string, code uint32) string {
	if codespace == "" {
		codespace = "-"
	}
	return fmt.Sprintf("%s/%d", codespace, code)
}

// computeBlockStats measures the load in blocks (ordered by height,
// consecutive). load holds the hashes of the load txs. The window runs from
// the block before the first load block (its time is when the first load
// block's interval starts) to the last load block; without that earlier
// block, from the first load block.
func computeBlockStats(blocks []blockInfo, load map[string]bool) blockStats {
	st := blockStats{DeliverFailed: map[string]*failure{}}
	first, last := -1, -1
	for i, b := range blocks {
		for _, tx := range b.Txs {
			if load[tx.Hash] {
				if first < 0 {
					first = i
				}
				last = i
				break
			}
		}
	}
	if first < 0 {
		return st
	}
	st.FirstHeight, st.LastHeight = blocks[first].Height, blocks[last].Height
	st.Blocks = last - first + 1
	from := first
	if first > 0 {
		from = first - 1
	}
	st.WindowSec = blocks[last].Time.Sub(blocks[from].Time).Seconds()

	var intervals, perBlock []float64
	var gasUsed, gasWanted int64
	for i := first; i <= last; i++ {
		b := blocks[i]
		if i > 0 {
			intervals = append(intervals, b.Time.Sub(blocks[i-1].Time).Seconds())
		}
		n := 0
		var blockGas int64
		for _, tx := range b.Txs {
			blockGas += tx.GasUsed
			if !load[tx.Hash] {
				st.OtherTxs++
				continue
			}
			n++
			st.Included++
			if tx.Code != 0 {
				addFailure(st.DeliverFailed, codeKey(tx.Codespace, tx.Code), tx.Log)
				continue
			}
			st.CommittedOK++
			gasUsed += tx.GasUsed
			gasWanted += tx.GasWanted
		}
		st.MaxBlockGas = max(st.MaxBlockGas, blockGas)
		perBlock = append(perBlock, float64(n))
	}
	st.IntervalSec = distOf(intervals)
	st.LoadPerBlock = distOf(perBlock)
	if st.CommittedOK > 0 {
		st.MeanGasUsed = float64(gasUsed) / float64(st.CommittedOK)
		st.MeanGasWanted = float64(gasWanted) / float64(st.CommittedOK)
	}
	if st.WindowSec > 0 {
		st.TPS = float64(st.CommittedOK) / st.WindowSec
		st.IncludedTPS = float64(st.Included) / st.WindowSec
	}
	return st
}
