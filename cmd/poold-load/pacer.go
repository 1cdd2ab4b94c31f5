package main

import (
	"context"
	"sync"
	"time"
)

// pacer spreads sends evenly at a rate shared by every broadcaster: the n-th
// call waits until start + n/rate. A nil pacer does not wait.
type pacer struct {
	mu       sync.Mutex
	start    time.Time
	interval time.Duration
	n        int64
}

func newPacer(rate float64, start time.Time) *pacer {
	if rate <= 0 {
		return nil
	}
	return &pacer{start: start, interval: time.Duration(float64(time.Second) / rate)}
}

// slot reserves the next send's time.
func (p *pacer) slot() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.start.Add(time.Duration(p.n) * p.interval)
	p.n++
	return t
}

// wait blocks until the next slot or until ctx ends (then its error).
func (p *pacer) wait(ctx context.Context) error {
	if p == nil {
		return ctx.Err()
	}
	d := time.Until(p.slot())
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
