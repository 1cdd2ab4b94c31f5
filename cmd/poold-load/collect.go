package main

import (
	"context"
	"fmt"
	"time"
)

// collectResult is every block from the one before the load to the end of
// the wait, with why the wait ended.
type collectResult struct {
	Blocks  []blockInfo
	Stopped string // "all committed", "mempool empty", "timeout"
}

// fetchBlock reads block h and its results.
func fetchBlock(ctx context.Context, ch *chain, h int64) (blockInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, rpcTimeout)
	defer cancel()
	b, err := ch.rpc.Block(ctx, &h)
	if err != nil {
		return blockInfo{}, fmt.Errorf("block %d: %w", h, err)
	}
	r, err := ch.rpc.BlockResults(ctx, &h)
	if err != nil {
		return blockInfo{}, fmt.Errorf("block_results %d: %w", h, err)
	}
	if len(r.TxsResults) != len(b.Block.Txs) {
		return blockInfo{}, fmt.Errorf("block %d: %d txs but %d results", h, len(b.Block.Txs), len(r.TxsResults))
	}
	bi := blockInfo{Height: h, Time: b.Block.Time, Txs: make([]txInfo, len(b.Block.Txs))}
	for i, tx := range b.Block.Txs {
		res := r.TxsResults[i]
		bi.Txs[i] = txInfo{Hash: fmt.Sprintf("%X", tx.Hash()), Code: res.Code, Codespace: res.Codespace,
			Log: res.Log, GasUsed: res.GasUsed, GasWanted: res.GasWanted}
	}
	return bi, nil
}

// collect reads blocks from startHeight (the last block before the load)
// until every accepted tx is in a block, or the mempool is empty and every
// block so far is read (the rest were dropped), or ctx ends. Blocks are read
// even after ctx ends (one last pass, each call bounded by rpcTimeout), so a
// timeout still reports what did commit.
func collect(ctx context.Context, ch *chain, startHeight int64, accepted map[string]bool) collectResult {
	var out collectResult
	found := 0
	next := startHeight
	reads := context.WithoutCancel(ctx)
	readAll := func() (bool, error) { // false: stopped early (results not stored yet)
		latest, err := ch.height(reads)
		if err != nil {
			return false, err
		}
		for ; next <= latest; next++ {
			b, err := fetchBlock(reads, ch, next)
			if err != nil {
				return false, nil
			}
			for _, tx := range b.Txs {
				if accepted[tx.Hash] {
					found++
				}
			}
			out.Blocks = append(out.Blocks, b)
		}
		return true, nil
	}

	tick := time.NewTicker(400 * time.Millisecond)
	defer tick.Stop()
	// While the node still works through the load, only poll its mempool
	// size (cheap), so that reading blocks does not take CPU from the node
	// inside the measured window.
drain:
	for mempoolSize(ctx, ch) != 0 {
		select {
		case <-ctx.Done():
			break drain
		case <-tick.C:
		}
	}
	for {
		// Mempool first, height second: a tx leaves the mempool only after
		// its block is stored, so an empty mempool means every block holding
		// an accepted tx is at or below the height read after it.
		empty := mempoolSize(ctx, ch) == 0
		complete, err := readAll()
		switch {
		case found >= len(accepted):
			out.Stopped = "all committed"
			return out
		case empty && complete && err == nil:
			out.Stopped = "mempool empty"
			return out
		case ctx.Err() != nil:
			out.Stopped = "timeout"
			return out
		}
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
}

// mempoolSize is the number of txs in the node's mempool, -1 if unknown.
func mempoolSize(ctx context.Context, ch *chain) int {
	ctx, cancel := context.WithTimeout(ctx, rpcTimeout)
	defer cancel()
	u, err := ch.rpc.NumUnconfirmedTxs(ctx)
	if err != nil {
		return -1
	}
	return u.Total
}

// waitMempoolEmpty waits until the node's mempool is empty, or ctx ends.
func waitMempoolEmpty(ctx context.Context, ch *chain) error {
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		n := mempoolSize(ctx, ch)
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the mempool still holds %d txs: %w", n, ctx.Err())
		case <-tick.C:
		}
	}
}
