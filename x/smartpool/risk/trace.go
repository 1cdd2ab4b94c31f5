package risk

import (
	"errors"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// Operation kinds of a trace.
const (
	OpSwap       = "swap"        // exact in: Amount of In for Out; Result is what came out
	OpJoin       = "join"        // proportional: Amount shares out
	OpJoinSingle = "join_single" // Amount of In; Result the shares minted
	OpExit       = "exit"        // proportional: Amount shares in
	OpExitSingle = "exit_single" // Amount shares in for Out; Result what came out
)

// TraceOp is one operation an agent sent to the pool, and its outcome.
type TraceOp struct {
	Step    int
	Time    time.Time
	Kind    string
	In, Out string
	Amount  sdkmath.Int
	MinOut  sdkmath.Int // a swap's minimum out (its slippage limit)
	Result  sdkmath.Int // zero when refused
	Refused bool
}

// Trace runs path j of a scenario (the same path Simulate runs with that
// seed) and calls fn with every operation, in order. It returns the pool as
// the chain would hold it after the last step, brought to that time. Tests
// replay a trace through the chain's message server to show the simulator
// and the chain agree.
func Trace(sc Scenario, seed uint64, j int, fn func(TraceOp)) (types.Pool, error) {
	if fn == nil {
		return types.Pool{}, errors.New("no trace function")
	}
	c, err := compile(sc)
	if err != nil {
		return types.Pool{}, err
	}
	p := newPath(c, pathRNG(seed, sc.Name, j))
	p.trace = fn
	p.run(c.samples)
	return p.pool.AtTime(p.t), nil
}

// record reports an operation to the trace, if one is on.
func (p *path) record(kind string, in, out int, amount, minOut, result sdkmath.Int, ok bool) {
	if p.trace == nil {
		return
	}
	op := TraceOp{Step: p.k, Time: p.t, Kind: kind, Amount: amount, MinOut: minOut, Result: sdkmath.ZeroInt(), Refused: !ok}
	if in >= 0 {
		op.In = p.live.Assets[in].Denom
	}
	if out >= 0 {
		op.Out = p.live.Assets[out].Denom
	}
	if ok && !result.IsNil() {
		op.Result = result
	}
	p.trace(op)
}
