// Command poold-load is a load generator for a poold node: it funds a set of
// derived accounts, pre-signs every transaction (bank sends, pool swaps or
// both), broadcasts them with broadcast_tx_sync, bounded in count and time,
// and reads the blocks to report committed tx/s, block intervals, failures
// and gas. See docs/performance.md and scripts/load.sh.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"
)

func main() { os.Exit(realMain()) }

// realMain is main with an exit code, so that deferred calls run.
func realMain() int {
	c, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "poold-load:", err)
		return 2
	}
	if c.CPUProfile != "" {
		f, err := os.Create(c.CPUProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "poold-load: --cpuprofile:", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := run(ctx, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "poold-load:", err)
		return 1
	}
	printText(os.Stdout, r)
	if c.JSON {
		if err := printJSON(os.Stdout, r); err != nil {
			fmt.Fprintln(os.Stderr, "poold-load:", err)
			return 1
		}
	}
	return 0
}

// run is one bounded load run: setup (funding, account numbers, signing)
// within SetupTimeout, broadcasting within Duration, waiting for commits
// within CommitTimeout.
func run(ctx context.Context, c config) (report, error) {
	r := report{Kind: c.Kind, Accounts: c.Accounts, Planned: c.Txs, Rate: c.Rate, Concurrency: min(c.Concurrency, c.Accounts)}
	setup, cancel := context.WithTimeout(ctx, c.SetupTimeout)
	defer cancel()

	ch, err := newChain(setup, c.Node, c.ChainID, c.Concurrency)
	if err != nil {
		return r, err
	}
	r.ChainID = ch.chainID
	accs := deriveAccounts(c.Seed, c.Accounts)
	counts := txsPerAccount(c.Txs, c.Accounts)
	fr, err := fund(setup, ch, c, accs, counts)
	if err != nil {
		return r, fmt.Errorf("funding: %w", err)
	}
	r.ToppedUp, r.FundingTxs = fr.ToppedUp, fr.Txs
	// Sequences come from the committed state: txs of these accounts still
	// in the mempool (an earlier run cut short) would make ours mismatch.
	if err := waitMempoolEmpty(setup, ch); err != nil {
		return r, err
	}
	for _, a := range accs {
		if a.AccNum, a.Seq, err = ch.account(setup, a.Addr); err != nil {
			return r, fmt.Errorf("account %s: %w", a.Addr, err)
		}
	}
	t0 := time.Now()
	plan, err := presign(setup, ch, c, accs, counts)
	if err != nil {
		return r, err
	}
	r.SignSec = time.Since(t0).Seconds()
	startHeight, err := ch.height(setup)
	if err != nil {
		return r, err
	}

	// The clock starts here.
	runCtx, cancelRun := context.WithTimeout(ctx, c.Duration)
	defer cancelRun()
	br := broadcast(runCtx, ch, plan, c.Concurrency, c.Rate)
	r.Sent, r.Accepted, r.Skipped, r.Unsent, r.FullRetries = br.Sent, len(br.Accepted), br.Skipped, br.Unsent, br.FullRetries
	r.CheckFailed, r.RPCErrors = br.CheckFailed, br.RPCErrors
	r.BroadcastSec = br.End.Sub(br.Start).Seconds()
	if r.BroadcastSec > 0 {
		r.OfferedTPS = float64(r.Accepted) / r.BroadcastSec
	}

	waitCtx, cancelWait := context.WithTimeout(ctx, c.CommitTimeout)
	defer cancelWait()
	col := collect(waitCtx, ch, startHeight, br.Accepted)
	r.Stopped = col.Stopped
	r.Blocks = computeBlockStats(col.Blocks, br.Accepted)
	r.NotCommitted = r.Accepted - r.Blocks.Included
	return r, nil
}
