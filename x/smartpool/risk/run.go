package risk

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Options are how many paths to run, from which seed, on how many workers.
// Progress, when set, is called after every finished path with the number
// done and the total, from any worker (calls are serialized).
type Options struct {
	Paths    int
	Seed     uint64
	Workers  int
	Progress func(done, total int)
}

// MaxPaths bounds a run's paths per scenario.
const MaxPaths = 1_000_000

// Simulate runs every scenario over opts.Paths paths. Path j of a scenario
// draws from its own generator, seeded by the seed, the scenario's name and
// j, and its figures land in slot j: the result is the same whatever the
// number of workers or the order they finish in.
func Simulate(scenarios []Scenario, opts Options) (Run, error) {
	if opts.Paths < 1 || opts.Paths > MaxPaths {
		return Run{}, fmt.Errorf("paths must be between 1 and %d, not %d", MaxPaths, opts.Paths)
	}
	if len(scenarios) == 0 {
		return Run{}, errors.New("no scenario to run")
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	compiledAll := make([]*compiled, len(scenarios))
	seen := map[string]bool{}
	for i, sc := range scenarios {
		if sc.Name == "" || seen[sc.Name] {
			return Run{}, fmt.Errorf("scenario %d (%q) needs a name no other scenario of the run has", i+1, sc.Name)
		}
		seen[sc.Name] = true
		c, err := compile(sc)
		if err != nil {
			return Run{}, fmt.Errorf("scenario %s: %w", sc.Name, err)
		}
		compiledAll[i] = c
	}
	// The pool math allocates many short-lived big integers: a larger heap
	// target spends less time collecting them (restored on return).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	total := opts.Paths * len(scenarios)
	results := make([][]pathResult, len(scenarios))
	for i := range results {
		results[i] = make([]pathResult, opts.Paths)
	}
	var next, done atomic.Int64
	var progressMu, failMu sync.Mutex
	var failure error // the first path that failed, in path order
	failedAt := total
	var wg sync.WaitGroup
	for range min(workers, total) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				job := int(next.Add(1) - 1)
				if job >= total {
					return
				}
				s, j := job/opts.Paths, job%opts.Paths
				c := compiledAll[s]
				res, err := runPath(c, opts.Seed, j)
				if err != nil {
					failMu.Lock()
					if job < failedAt {
						failedAt, failure = job, fmt.Errorf("scenario %s, path %d: %w", c.sc.Name, j, err)
					}
					failMu.Unlock()
					next.Store(int64(total)) // stop handing out paths
					return
				}
				results[s][j] = res
				if opts.Progress != nil {
					d := int(done.Add(1))
					progressMu.Lock()
					opts.Progress(d, total)
					progressMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if failure != nil {
		return Run{}, failure
	}
	run := Run{Seed: opts.Seed, Paths: opts.Paths}
	for i, c := range compiledAll {
		run.Scenarios = append(run.Scenarios, summarize(c, results[i]))
	}
	return run, nil
}

// runPath simulates path j. The pool code never panics on a valid pool, but
// a scenario can drive it where no chain has been: a panic is reported as
// the path's error rather than ending the process.
func runPath(c *compiled, seed uint64, j int) (res pathResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return newPath(c, pathRNG(seed, c.sc.Name, j)).run(c.samples), nil
}

// pathRNG is path j's generator: PCG seeded from the run's seed and a hash
// of the scenario's name and j.
func pathRNG(seed uint64, scenario string, j int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", scenario, j)
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// sampleSteps are the steps after which the series keep a sample: evenly
// spaced, the last step included (the start is always kept).
func sampleSteps(sc Scenario) []int {
	n := sc.Samples
	if n <= 0 {
		n = 100
	}
	n = min(n, sc.Steps)
	out := make([]int, 0, n)
	for j := 1; j <= n; j++ {
		k := (j*sc.Steps + n - 1) / n
		if len(out) == 0 || out[len(out)-1] != k {
			out = append(out, k)
		}
	}
	return out
}
