// Command watch-alerts subscribes to a poold node's CometBFT websocket and
// prints one line per smartpool deviation alert or clearance, until
// interrupted:
//
//	go run ./scripts/watch-alerts                      # the localnet, every pool
//	go run ./scripts/watch-alerts -node tcp://127.0.0.1:26657 -pool 3
//
// Lines look like
//
//	alert height=120 tx=9F1E… pool_id=3 base_denom=uatom quote_denom=uusdc deviation=0.052 threshold=0.01 window=60s
//	cleared height=131 tx=0C7A… pool_id=3 deviation=0.004 threshold=0.01
//
// The subscriptions are the CometBFT queries
//
//	tm.event='Tx' AND smartpool.v1.EventDeviationAlert.pool_id EXISTS
//	tm.event='Tx' AND smartpool.v1.EventDeviationCleared.pool_id EXISTS
//
// (with -pool N, "pool_id EXISTS" becomes pool_id='"N"': typed events' attribute
// values are JSON, so a uint64 is the quoted decimal string).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
)

const (
	alertEvent   = "smartpool.v1.EventDeviationAlert"
	clearedEvent = "smartpool.v1.EventDeviationCleared"
)

// fields are the printed attributes of each event, in order.
var fields = map[string][]string{
	alertEvent:   {"pool_id", "base_denom", "quote_denom", "deviation", "threshold", "window"},
	clearedEvent: {"pool_id", "deviation", "threshold"},
}

var kinds = map[string]string{alertEvent: "alert", clearedEvent: "cleared"}

// query is the subscription for one event type.
func query(event string, pool uint64) string {
	cond := event + ".pool_id EXISTS"
	if pool != 0 {
		cond = fmt.Sprintf(`%s.pool_id='"%d"'`, event, pool)
	}
	return "tm.event='Tx' AND " + cond
}

// unquote turns a typed event's JSON attribute value into plain text.
func unquote(v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}

// lines formats the alert and cleared events of one transaction.
func lines(ev coretypes.ResultEvent) []string {
	data, ok := ev.Data.(cmttypes.EventDataTx)
	if !ok {
		return nil
	}
	hash := strings.ToUpper(fmt.Sprintf("%x", cmttypes.Tx(data.Tx).Hash()))
	var out []string
	for _, e := range data.Result.Events {
		want, ok := fields[e.Type]
		if !ok {
			continue
		}
		attrs := map[string]string{}
		for _, a := range e.Attributes {
			attrs[a.Key] = unquote(a.Value)
		}
		parts := []string{kinds[e.Type], fmt.Sprintf("height=%d", data.Height), "tx=" + hash}
		for _, f := range want {
			parts = append(parts, f+"="+attrs[f])
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func main() {
	node := flag.String("node", "tcp://127.0.0.1:26657", "CometBFT RPC address of the node")
	pool := flag.Uint64("pool", 0, "only this pool (0: every pool)")
	flag.Parse()
	if err := run(*node, *pool); err != nil {
		fmt.Fprintln(os.Stderr, "watch-alerts:", err)
		os.Exit(1)
	}
}

func run(node string, pool uint64) error {
	client, err := rpchttp.New(node, "/websocket")
	if err != nil {
		return err
	}
	if err := client.Start(); err != nil {
		return fmt.Errorf("connecting to %s: %w", node, err)
	}
	defer func() { _ = client.Stop() }()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var chans []<-chan coretypes.ResultEvent
	for _, event := range []string{alertEvent, clearedEvent} {
		q := query(event, pool)
		subCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		ch, err := client.Subscribe(subCtx, "watch-alerts", q, 100)
		cancel()
		if err != nil {
			return fmt.Errorf("subscribing to %q: %w", q, err)
		}
		fmt.Fprintf(os.Stderr, "subscribed: %s\n", q)
		chans = append(chans, ch)
	}

	for {
		var ev coretypes.ResultEvent
		select {
		case <-ctx.Done():
			unsubCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			_ = client.UnsubscribeAll(unsubCtx, "watch-alerts")
			cancel()
			return nil
		case ev = <-chans[0]:
		case ev = <-chans[1]:
		}
		for _, l := range lines(ev) {
			fmt.Println(l)
		}
	}
}
