package main

import (
	"context"
	"strings"
	"sync"
	"time"
)

// failure groups failed txs by cause.
type failure struct {
	Count  int    `json:"count"`
	Sample string `json:"sample"` // one log, shortened
}

// broadcastResult is what broadcasting the pre-signed txs gave.
type broadcastResult struct {
	Sent        int                 // broadcast_tx_sync calls that returned (accepted or not)
	Accepted    map[string]bool     // hashes that passed CheckTx
	CheckFailed map[string]*failure // by "codespace/code"
	RPCErrors   map[string]*failure // transport or node errors, by message head
	Skipped     int                 // later txs of an account whose earlier tx failed (their sequence cannot match)
	Unsent      int                 // not sent: the time bound came first
	FullRetries int                 // resends after "mempool is full"
	Start, End  time.Time
	mu          sync.Mutex
}

func newBroadcastResult() *broadcastResult {
	return &broadcastResult{Accepted: map[string]bool{}, CheckFailed: map[string]*failure{}, RPCErrors: map[string]*failure{}}
}

func addFailure(m map[string]*failure, key, log string) {
	f := m[key]
	if f == nil {
		f = &failure{Sample: shorten(log, 160)}
		m[key] = f
	}
	f.Count++
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// mempoolFull says whether err is CometBFT refusing a tx because its
// mempool is full (or still rechecking): the tx never reached CheckTx, so
// sending it again later is safe.
func mempoolFull(err error) bool {
	s := err.Error()
	return strings.Contains(s, "mempool is full") || strings.Contains(s, "considered as full")
}

// broadcast sends every pre-signed tx with broadcast_tx_sync. Broadcaster w
// of workers owns the accounts i with i%workers == w and sends their txs
// round by round (one tx per account per round), each account's in sequence
// order. No new send starts once runCtx ends; a send in flight finishes
// (bounded by rpcTimeout). An account whose tx fails stops: its later
// sequences could only fail too.
func broadcast(runCtx context.Context, ch *chain, plan [][]signedTx, workers int, rate float64) *broadcastResult {
	res := newBroadcastResult()
	workers = min(workers, len(plan))
	res.Start = time.Now()
	p := newPacer(rate, res.Start)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var mine []int
			for i := w; i < len(plan); i += workers {
				mine = append(mine, i)
			}
			broken := map[int]bool{}
			for r := 0; ; r++ {
				more := false
				for _, i := range mine {
					if r >= len(plan[i]) {
						continue
					}
					more = true
					if broken[i] {
						res.count(func() { res.Skipped++ })
						continue
					}
					if !sendOne(runCtx, ch, p, plan[i][r], res) {
						broken[i] = true
					}
				}
				if !more {
					return
				}
			}
		}(w)
	}
	wg.Wait()
	res.End = time.Now()
	return res
}

func (r *broadcastResult) count(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f()
}

// sendOne broadcasts tx, resending it while the mempool is full; false if
// the account cannot go on (tx refused, unknown fate, or time is up).
func sendOne(runCtx context.Context, ch *chain, p *pacer, tx signedTx, res *broadcastResult) bool {
	for {
		if p.wait(runCtx) != nil {
			res.count(func() { res.Unsent++ })
			return false
		}
		// The call itself is not cut by the time bound, only by rpcTimeout.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(runCtx), rpcTimeout)
		br, err := ch.rpc.BroadcastTxSync(ctx, tx.Bytes)
		cancel()
		switch {
		case err != nil && mempoolFull(err):
			res.count(func() { res.FullRetries++ })
			select {
			case <-runCtx.Done():
				res.count(func() { res.Unsent++ })
				return false
			case <-time.After(50 * time.Millisecond):
			}
			continue
		case err != nil:
			res.count(func() { res.Sent++; addFailure(res.RPCErrors, shorten(err.Error(), 60), err.Error()) })
			return false
		case br.Code != 0:
			res.count(func() { res.Sent++; addFailure(res.CheckFailed, codeKey(br.Codespace, br.Code), br.Log) })
			return false
		default:
			res.count(func() { res.Sent++; res.Accepted[tx.Hash] = true })
			return true
		}
	}
}
