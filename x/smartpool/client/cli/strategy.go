package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/spf13/cobra"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// StrategyFile is the JSON form of a weight strategy, with decimals as
// "0.5" and durations as "1h".
type StrategyFile struct {
	Rule      string   `json:"rule"`
	Interval  string   `json:"interval"`
	Memory    string   `json:"memory"`
	Kappa     string   `json:"kappa"`
	Kappas    []string `json:"kappas"`
	EMAWindow string   `json:"ema_window"`
	Exponent  string   `json:"exponent"`
	Blend     string   `json:"blend"`
	Numeraire string   `json:"numeraire"`
	Floor     *struct {
		Floor       string   `json:"floor"`
		Multiplier  string   `json:"multiplier"`
		BaseWeights []string `json:"base_weights"`
	} `json:"floor"`
	Rails struct {
		MinWeight          string `json:"min_weight"`
		MaxWeight          string `json:"max_weight"`
		MaxChangePerUpdate string `json:"max_change_per_update"`
		MaxChangePerDay    string `json:"max_change_per_day"`
	} `json:"rails"`
}

var ruleKinds = map[string]types.RuleKind{
	"momentum":      types.RULE_KIND_MOMENTUM,
	"anti_momentum": types.RULE_KIND_ANTI_MOMENTUM,
	"power_channel": types.RULE_KIND_POWER_CHANNEL,
	"min_variance":  types.RULE_KIND_MIN_VARIANCE,
	"floor":         types.RULE_KIND_FLOOR,
}

// strategyHelp describes the strategy JSON of set-strategy and create-pool.
const strategyHelp = `A strategy is a JSON object:

  {"rule": "momentum", "interval": "1h", "memory": "0.8", "kappa": "2",
   "rails": {"min_weight": "0.1", "max_weight": "0.9",
             "max_change_per_update": "0.02", "max_change_per_day": "0.2"}}

rule is one of momentum, anti_momentum, power_channel, min_variance, floor.
Every interval the pool reads its TWAPs over the interval (log prices in units
of "numeraire", default the first asset by denom), folds them into moving
averages with memory λ = "memory" in [0, 1) (or "ema_window": N intervals,
λ = (N−1)/(N+1)), computes targets and moves the weights linearly to them
over the next interval:
  momentum       w + κ·(ḡ − mean ḡ)            ("kappa": κ ≥ 0)
  anti_momentum  w − κ·(ḡ − mean ḡ)            ("kappa")
  power_channel  w + κ·(s − mean s), s = sign(ḡ)·|ḡ|^q  ("kappa", "exponent": q in (1, 16])
  min_variance   λ_w·w + (1 − λ_w)·(inverse-variance weights)  ("blend": λ_w in [0, 1])
  floor          CPPI toward the safe asset "numeraire":
                 "floor": {"floor": value of one whole share in base units of
                 the safe asset, "multiplier": m in [0, 1000],
                 "base_weights": [...]} (raw, in the order of the assets)
ḡ is the moving average of the per-interval log return. Instead of "kappa",
"kappas": [...] gives each asset its own step size (in the order of the
pool's assets; the offset is then the κ-weighted mean of ḡ). Targets are clipped
to the rails: normalized weights within [min_weight, max_weight] (and the
params' min_normalized_weight, the pool's exposure cap), no weight moving more
than max_change_per_update in one update or faster than max_change_per_day
(capped by the params' max_weight_change_per_day, which applies alone when
max_change_per_day is left out). The interval is at least the params' min_strategy_interval.
An update whose input is stale (swaps paused, updates missed) holds the
weights and says why in the pool's strategy_state and in pool-health.`

// parseStrategy turns a StrategyFile into a strategy; base weights stay in
// the order given.
func parseStrategy(f StrategyFile) (*types.WeightStrategy, error) {
	kind, ok := ruleKinds[f.Rule]
	if !ok {
		return nil, fmt.Errorf("rule %q: want momentum, anti_momentum, power_channel, min_variance or floor", f.Rule)
	}
	s := &types.WeightStrategy{Kind: kind, Numeraire: f.Numeraire}
	var err error
	if s.Interval, err = time.ParseDuration(f.Interval); err != nil {
		return nil, fmt.Errorf("interval %q: %w", f.Interval, err)
	}
	if f.EMAWindow != "" { // an EMA over N intervals: λ = (N − 1)/(N + 1)
		if f.Memory != "" {
			return nil, fmt.Errorf("give memory or ema_window, not both")
		}
		n, err := strconv.ParseUint(f.EMAWindow, 10, 32)
		if err != nil || n == 0 {
			return nil, fmt.Errorf("ema_window %q: a positive number of intervals", f.EMAWindow)
		}
		f.Memory = sdkmath.LegacyNewDec(int64(n) - 1).QuoInt64(int64(n) + 1).String()
	}
	if f.Memory == "" && kind == types.RULE_KIND_FLOOR {
		f.Memory = "0" // the floor rule reads no moving average
	}
	if f.Rails.MaxChangePerDay == "" {
		f.Rails.MaxChangePerDay = "86400" // no limit of its own: the params' cap applies
	}
	decs := []struct {
		name, v string
		into    *sdkmath.LegacyDec
	}{
		{"memory", f.Memory, &s.Memory},
		{"rails.min_weight", f.Rails.MinWeight, &s.Rails.MinWeight},
		{"rails.max_weight", f.Rails.MaxWeight, &s.Rails.MaxWeight},
		{"rails.max_change_per_update", f.Rails.MaxChangePerUpdate, &s.Rails.MaxChangePerUpdate},
		{"rails.max_change_per_day", f.Rails.MaxChangePerDay, &s.Rails.MaxChangePerDay},
	}
	for _, d := range decs {
		if *d.into, err = sdkmath.LegacyNewDecFromStr(d.v); err != nil {
			return nil, fmt.Errorf("%s %q: %w", d.name, d.v, err)
		}
	}
	for _, o := range []struct {
		name, v string
		into    **sdkmath.LegacyDec
	}{{"kappa", f.Kappa, &s.Kappa}, {"exponent", f.Exponent, &s.Exponent}, {"blend", f.Blend, &s.Blend}} {
		if o.v == "" {
			continue
		}
		d, err := sdkmath.LegacyNewDecFromStr(o.v)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", o.name, o.v, err)
		}
		*o.into = &d
	}
	for i, k := range f.Kappas {
		d, err := sdkmath.LegacyNewDecFromStr(k)
		if err != nil {
			return nil, fmt.Errorf("kappas[%d] %q: %w", i, k, err)
		}
		s.Kappas = append(s.Kappas, d)
	}
	if fl := f.Floor; fl != nil {
		s.Floor = &types.FloorRule{}
		if s.Floor.Floor, err = sdkmath.LegacyNewDecFromStr(fl.Floor); err != nil {
			return nil, fmt.Errorf("floor.floor %q: %w", fl.Floor, err)
		}
		if s.Floor.Multiplier, err = sdkmath.LegacyNewDecFromStr(fl.Multiplier); err != nil {
			return nil, fmt.Errorf("floor.multiplier %q: %w", fl.Multiplier, err)
		}
		for i, w := range fl.BaseWeights {
			v, ok := sdkmath.NewIntFromString(w)
			if !ok {
				return nil, fmt.Errorf("floor.base_weights[%d] %q is not an integer", i, w)
			}
			s.Floor.BaseWeights = append(s.Floor.BaseWeights, v)
		}
	}
	return s, s.ValidateBasic()
}

// decodeStrategy parses strategy JSON strictly.
func decodeStrategy(js string) (*types.WeightStrategy, error) {
	var f StrategyFile
	dec := json.NewDecoder(strings.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("strategy JSON: %w", err)
	}
	return parseStrategy(f)
}

// NewSetStrategyCmd returns `tx smartpool set-strategy`.
func NewSetStrategyCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "set-strategy <pool-id> <strategy-json | none>",
		Short: "Queue a weight strategy for a pool, or its removal, behind its time-lock (right change_weights)",
		Long: "Queue a new weight strategy; it applies when the pool's time-lock has passed, starting from the weights the pool " +
			"has then (which must lie inside the rails) with fresh moving averages. \"none\" removes the strategy and leaves the " +
			"weights where they are. A running weight schedule must end first. floor.base_weights are in the order of the pool's " +
			"assets (sorted by denom).\n\n" + strategyHelp,
		Example: fmt.Sprintf(`%[1]s tx smartpool set-strategy 1 '{"rule":"momentum","interval":"1h","memory":"0.8","kappa":"2","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.02"}}' --from alice
%[1]s tx smartpool set-strategy 1 '{"rule":"min_variance","interval":"6h","memory":"0.9","blend":"0.5","numeraire":"uusdc","rails":{"min_weight":"0.05","max_weight":"0.8","max_change_per_update":"0.05"}}' --from alice
%[1]s tx smartpool set-strategy 1 none --from alice`, app),
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			poolID, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("pool-id %q: %w", args[0], err)
			}
			var strategy *types.WeightStrategy
			if args[1] != "none" {
				if strategy, err = decodeStrategy(args[1]); err != nil {
					return err
				}
			}
			msg := &types.MsgSetStrategy{Sender: clientCtx.GetFromAddress().String(), PoolId: poolID, Strategy: strategy}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
