//go:build sims

package app

import (
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
	smartpooltypes "github.com/poold/poold/x/smartpool/types"
)

// simApp is the app under simulation with the checks of issue 6 (point 8)
// wired around it: x/smartpool's invariants after every block, value per
// share across every delivered pool operation, and a count of delivered
// messages. The checks exist only in this test build; the node runs App.
type simApp struct {
	*App
	checks *simChecks
}

// newSimApp builds the app unsealed, wraps its ante handler, post handler
// and end blocker with the checks, then loads it (the appFactory of simsx).
func newSimApp(logger log.Logger, db dbm.DB, loadLatest bool, appOpts servertypes.AppOptions, opts ...func(*baseapp.BaseApp)) *simApp {
	a := New(logger, db, false, appOpts, opts...)
	c := &simChecks{app: a, delivered: map[string]int{}, events: map[string]int{}, dropReasons: map[string]int{}, strategyStatuses: map[string]int{}}
	a.SetAnteHandler(c.ante(a.AnteHandler()))
	a.SetPostHandler(c.post)
	a.SetEndBlocker(c.endBlocker)
	if loadLatest {
		if err := a.LoadLatestVersion(); err != nil {
			panic(err)
		}
	}
	return &simApp{App: a, checks: c}
}

// valueTolerance is how far value per share may seem to fall across an
// operation: 10^-45 relative. poolmath.Invariant is exact to 10^-50
// (InvariantDigits), so two values compared carry at most 2·10^-50 of
// computation error; a real leak of one base unit from a balance B moves V
// by about w/B, above 10^-20 for any balance a simulation reaches. Rounding
// itself always favours the pool, so nothing in between is legitimate.
var valueTolerance = new(big.Int).Exp(big.NewInt(10), big.NewInt(45), nil)

// poolValue is V = Π Bi^wi at the block's weights, and the total shares S.
// Joins and exits first mint the pool's accrued management fee, shares for
// no deposit by design: sAccrued is S with them, and lastAccrual tells
// whether the operation minted them.
type poolValue struct {
	v           poolmath.Fixed
	s           sdkmath.Int
	sAccrued    sdkmath.Int
	lastAccrual time.Time
}

type simChecks struct {
	app *App
	// delivered counts messages delivered successfully, by type URL.
	delivered map[string]int
	// events counts x/smartpool events of the end-block step (changes
	// applied or dropped, schedules ended, governance's params messages).
	events map[string]int
	// dropReasons counts why the end-block step dropped changes.
	dropReasons map[string]int
	// strategyStatuses counts the statuses of the strategy updates the
	// end-block step ran ("ok", or why the weights held).
	strategyStatuses map[string]int
	// before holds V and S of the pools the transaction in flight touches.
	before map[uint64]poolValue
	// opsChecked counts pool operations whose value per share was checked.
	opsChecked    int
	blocks        int
	lastBlockTime time.Time
}

// poolsTouched lists the pools a swap, join or exit works on.
func poolsTouched(msgs []sdk.Msg) []uint64 {
	var ids []uint64
	for _, m := range msgs {
		switch m := m.(type) {
		case *smartpooltypes.MsgSwapExactAmountIn:
			for _, r := range m.Routes {
				ids = append(ids, r.PoolId)
			}
		case *smartpooltypes.MsgSwapExactAmountOut:
			for _, r := range m.Routes {
				ids = append(ids, r.PoolId)
			}
		case *smartpooltypes.MsgSplitRouteSwapExactAmountIn:
			for _, r := range m.Routes {
				for _, h := range r.Pools {
					ids = append(ids, h.PoolId)
				}
			}
		case *smartpooltypes.MsgSplitRouteSwapExactAmountOut:
			for _, r := range m.Routes {
				for _, h := range r.Pools {
					ids = append(ids, h.PoolId)
				}
			}
		case *smartpooltypes.MsgJoinPool:
			ids = append(ids, m.PoolId)
		case *smartpooltypes.MsgJoinSwapExternAmountIn:
			ids = append(ids, m.PoolId)
		case *smartpooltypes.MsgJoinPoolExactAmountsIn:
			ids = append(ids, m.PoolId)
		case *smartpooltypes.MsgExitPool:
			ids = append(ids, m.PoolId)
		case *smartpooltypes.MsgExitSwapShareAmountIn:
			ids = append(ids, m.PoolId)
		}
	}
	return ids
}

// values reads V and S of the pools, on an infinite gas meter so that the
// check costs the transaction nothing. The pools are read as the keeper
// loads them (on a throw-away branch): a weight strategy's update that is
// due runs on load, and moves the weights before the operation does.
func (c *simChecks) values(ctx sdk.Context, ids []uint64) (map[uint64]poolValue, error) {
	ctx, _ = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).CacheContext()
	ctx = ctx.WithEventManager(sdk.NewEventManager())
	out := make(map[uint64]poolValue, len(ids))
	for _, id := range ids {
		pool, err := c.app.SmartPoolKeeper.GetPool(ctx, id)
		if err != nil {
			continue // an unknown pool: the message fails
		}
		live := pool.AtTime(ctx.BlockTime())
		v, err := poolmath.Invariant(live.Balances(), live.Weights())
		if err != nil {
			return nil, fmt.Errorf("pool %d: value: %w", id, err)
		}
		pv := poolValue{v: v, s: live.TotalShares, sAccrued: live.TotalShares}
		if m := live.ManagementFee; m != nil {
			pv.lastAccrual = m.LastAccrual
			// An accrual that fails fails the keeper's mint too, which then
			// leaves S as it was.
			accrued := live.Clone()
			if _, err := accrued.AccrueManagementFee(ctx.BlockTime()); err == nil {
				pv.sAccrued = accrued.TotalShares
			}
		}
		out[id] = pv
	}
	return out, nil
}

func (c *simChecks) ante(inner sdk.AnteHandler) sdk.AnteHandler {
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		newCtx, err := inner(ctx, tx, simulate)
		c.before = nil
		if err != nil || ctx.ExecMode() != sdk.ExecModeFinalize {
			return newCtx, err
		}
		ids := poolsTouched(tx.GetMsgs())
		if len(ids) == 0 {
			return newCtx, nil
		}
		if c.before, err = c.values(newCtx, ids); err != nil {
			return newCtx, err
		}
		return newCtx, nil
	}
}

// post counts a delivered transaction's messages and fails it if the value
// per share of a pool it touched fell.
func (c *simChecks) post(ctx sdk.Context, tx sdk.Tx, _, success bool) (sdk.Context, error) {
	before := c.before
	c.before = nil
	if !success || ctx.ExecMode() != sdk.ExecModeFinalize {
		return ctx, nil
	}
	for _, m := range tx.GetMsgs() {
		c.delivered[sdk.MsgTypeURL(m)]++
	}
	if len(before) == 0 {
		return ctx, nil
	}
	ids := make([]uint64, 0, len(before))
	for id := range before {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	after, err := c.values(ctx, ids)
	if err != nil {
		return ctx, err
	}
	for _, id := range ids {
		b, a := before[id], after[id]
		if !a.lastAccrual.Equal(b.lastAccrual) {
			// The operation minted the accrued management fee first: measure
			// it from there. (A mint the recipient could not take, or that
			// rounded to nothing, left the accrual time and S as they were.)
			b.s = b.sAccrued
		}
		if err := valuePerShareHolds(b, a); err != nil {
			return ctx, fmt.Errorf("pool %d across %s: %w", id, sdk.MsgTypeURL(tx.GetMsgs()[0]), err)
		}
	}
	c.opsChecked++
	return ctx, nil
}

// valuePerShareHolds checks Va/Sa ≥ Vb/Sb, that is Va·Sb ≥ Vb·Sa, up to valueTolerance.
func valuePerShareHolds(b, a poolValue) error {
	if a.s.IsNil() || !a.s.IsPositive() {
		return fmt.Errorf("no shares left")
	}
	lhs := new(big.Int).Mul(a.v.BigInt(), b.s.BigInt())
	rhs := new(big.Int).Mul(b.v.BigInt(), a.s.BigInt())
	slack := new(big.Int).Quo(rhs, valueTolerance)
	if new(big.Int).Add(lhs, slack).Cmp(rhs) < 0 {
		return fmt.Errorf("value per share fell: V %s / S %s before, V %s / S %s after", b.v, b.s, a.v, a.s)
	}
	return nil
}

// endBlocker runs the app's end-block step, then checks x/smartpool's
// invariants on the state the block leaves: a failure fails FinalizeBlock
// and with it the simulation.
func (c *simChecks) endBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	res, err := c.app.EndBlocker(ctx)
	if err != nil {
		return res, err
	}
	for _, e := range res.Events {
		switch {
		case strings.HasPrefix(e.Type, "smartpool."):
			name := e.Type
			for _, a := range e.Attributes {
				switch a.Key {
				case "kind":
					name += "/" + strings.Trim(a.Value, `"`)
				case "reason":
					c.dropReasons[dropReason(a.Value)]++
				}
			}
			if e.Type == "smartpool.v1.EventStrategyUpdated" {
				c.strategyStatuses[strategyStatus(e.Attributes)]++
			}
			c.events[name]++
		case e.Type == "active_proposal":
			for _, a := range e.Attributes {
				if a.Key == "proposal_result" {
					c.events["gov proposal: "+a.Value]++
				}
			}
		}
	}
	if err := c.checkInvariants(ctx); err != nil {
		return res, fmt.Errorf("x/smartpool invariant broken at height %d: %w", ctx.BlockHeight(), err)
	}
	c.blocks++
	c.lastBlockTime = ctx.BlockTime()
	return res, nil
}

// checkInvariants runs the keeper's CheckModuleBalances (the module account
// holds at least every pool's balances) and checks each pool's share supply
// against its total shares here, until CheckModuleBalances checks it too
// (issue 6, point 4).
func (c *simChecks) checkInvariants(ctx sdk.Context) error {
	ctx = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	k := c.app.SmartPoolKeeper
	if err := k.CheckModuleBalances(ctx); err != nil {
		return err
	}
	return k.Pools.Walk(ctx, nil, func(id uint64, pool smartpooltypes.Pool) (bool, error) {
		if supply := c.app.BankKeeper.GetSupply(ctx, pool.ShareDenom).Amount; !supply.Equal(pool.TotalShares) {
			return true, fmt.Errorf("pool %d: bank supply of %s is %s, total shares %s", id, pool.ShareDenom, supply, pool.TotalShares)
		}
		return false, nil
	})
}

// strategyStatus is a strategy update's status without its numbers, and
// for an update that ran its rule whether the targets moved.
func strategyStatus(attrs []abci.EventAttribute) string {
	var status, oldTargets, newTargets string
	for _, a := range attrs {
		switch a.Key {
		case "status":
			status = dropReason(a.Value)
		case "old_targets":
			oldTargets = a.Value
		case "new_targets":
			newTargets = a.Value
		}
	}
	if status == smartpooltypes.StrategyStatusOK {
		if oldTargets == newTargets {
			return status + " (targets unchanged)"
		}
		return status + " (weights move)"
	}
	return status
}

// dropReason is a drop reason without its numbers, so that alike reasons count together.
func dropReason(v string) string {
	v = strings.Trim(v, `"`)
	words := strings.Fields(v)
	for i, w := range words {
		if strings.HasPrefix(w, Bech32PrefixAccAddr+"1") {
			words[i] = "<address>"
		}
	}
	v = strings.Join(words, " ")
	var sb strings.Builder
	digits := false
	for _, r := range v {
		if r >= '0' && r <= '9' || r == '.' && digits {
			if !digits {
				sb.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		sb.WriteRune(r)
	}
	if s := sb.String(); len(s) <= 140 {
		return s
	}
	return sb.String()[:140]
}

// governanceOnly are the messages only the gov module account may send;
// x/gov runs them from proposals, which the end-block events show.
var governanceOnly = map[string]string{
	"/smartpool.v1.MsgUpdateParams":       "smartpool.v1.EventParamsChangeQueued",
	"/smartpool.v1.MsgCancelParamsChange": "smartpool.v1.EventParamsChangeCancelled",
}

// smartpoolMsgs lists every message of the x/smartpool Msg service, from its
// descriptor: a message added later is covered (or the check fails) without
// editing this test.
func smartpoolMsgs(t testing.TB) []string {
	d, err := proto.HybridResolver.FindDescriptorByName("smartpool.v1.Msg")
	if err != nil {
		t.Fatalf("smartpool Msg service: %v", err)
	}
	methods := d.(protoreflect.ServiceDescriptor).Methods()
	urls := make([]string, 0, methods.Len())
	for i := range methods.Len() {
		urls = append(urls, "/"+string(methods.Get(i).Input().FullName()))
	}
	sort.Strings(urls)
	return urls
}

// report prints what the run delivered and fails the test if a user
// message of x/smartpool was never delivered successfully.
func (c *simChecks) report(t testing.TB, seed int64, requireCoverage bool) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "x/smartpool (seed %d): %d blocks checked, %d pool operations checked for value per share (%d goroutines live)\n",
		seed, c.blocks, c.opsChecked, runtime.NumGoroutine())
	var missing []string
	for _, url := range smartpoolMsgs(t) {
		if ev, ok := governanceOnly[url]; ok {
			fmt.Fprintf(&sb, "  %-45s %6d run by governance\n", url, c.events[ev])
			continue
		}
		fmt.Fprintf(&sb, "  %-45s %6d delivered\n", url, c.delivered[url])
		if c.delivered[url] == 0 {
			missing = append(missing, url)
		}
	}
	keys := make([]string, 0, len(c.events))
	for k := range c.events {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sb.WriteString("  end-block events:\n")
	for _, k := range keys {
		fmt.Fprintf(&sb, "    %-60s %6d\n", k, c.events[k])
	}
	keys = keys[:0]
	for k := range c.dropReasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sb.WriteString("  why changes were dropped:\n")
	for _, k := range keys {
		fmt.Fprintf(&sb, "    %6d  %s\n", c.dropReasons[k], k)
	}
	keys = keys[:0]
	for k := range c.strategyStatuses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sb.WriteString("  strategy updates the end-block step ran, by status:\n")
	for _, k := range keys {
		fmt.Fprintf(&sb, "    %6d  %s\n", c.strategyStatuses[k], k)
	}
	fmt.Print(sb.String())
	if len(missing) > 0 && requireCoverage {
		t.Errorf("x/smartpool messages never delivered (seed %d): %v", seed, missing)
	} else if len(missing) > 0 {
		fmt.Printf("x/smartpool messages never delivered in this short run (seed %d): %v\n", seed, missing)
	}
}
