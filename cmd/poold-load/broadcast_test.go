package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPacerSpacesSlots(t *testing.T) {
	start := time.Unix(1000, 0)
	p := newPacer(200, start)
	for n := 0; n < 5; n++ {
		require.Equal(t, start.Add(time.Duration(n)*5*time.Millisecond), p.slot())
	}
	require.Nil(t, newPacer(0, start), "rate 0: unpaced")
	var none *pacer
	require.NoError(t, none.wait(context.Background()))

	// A slot in the future waits; a cancelled context stops the wait.
	p = newPacer(1, time.Now().Add(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, p.wait(ctx), context.DeadlineExceeded)
}

func TestMempoolFullIsRetryable(t *testing.T) {
	require.True(t, mempoolFull(errors.New("error on broadcastTxSync: mempool is full: number of txs 5000 (max: 5000), total txs bytes 1 (max: 2)")))
	require.True(t, mempoolFull(errors.New("mempool is still rechecking after a new committed block, so it is considered as full")))
	require.False(t, mempoolFull(errors.New("tx already exists in cache")))
	require.False(t, mempoolFull(errors.New("post failed: context deadline exceeded")))
}

func TestFailureGrouping(t *testing.T) {
	m := map[string]*failure{}
	addFailure(m, codeKey("sdk", 32), "account sequence mismatch,\n expected 5, got 6")
	addFailure(m, codeKey("sdk", 32), "account sequence mismatch, expected 7, got 8")
	addFailure(m, codeKey("", 1), "x")
	require.Equal(t, 2, m["sdk/32"].Count)
	require.Equal(t, "account sequence mismatch, expected 5, got 6", m["sdk/32"].Sample, "first log kept, whitespace folded")
	require.Equal(t, 1, m["-/1"].Count)
	require.Equal(t, 3, total(m))
	require.Equal(t, "abc…", shorten("abcdef", 3))
}
