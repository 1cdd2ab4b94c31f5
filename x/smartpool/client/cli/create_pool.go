package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/poold/poold/x/smartpool/types"
)

const flagPoolFile = "pool-file"

// PoolFile is the JSON description of a pool taken by create-pool --pool-file.
type PoolFile struct {
	Assets []struct {
		Denom  string `json:"denom"`
		Amount string `json:"amount"`
		Weight string `json:"weight"`
	} `json:"assets"`
	SwapFee string `json:"swap_fee"`

	// Optional control settings; without a controller the pool is immutable.
	Controller          string             `json:"controller"`
	Rights              *types.PoolRights  `json:"rights"`
	Timelock            string             `json:"timelock"`
	ShareCap            string             `json:"share_cap"`
	MaxNormalizedWeight string             `json:"max_normalized_weight"`
	Breakers            *BreakersFile      `json:"breakers"`
	FeePolicy           *FeePolicyFile     `json:"fee_policy"`
	ManagementFee       *ManagementFeeFile `json:"management_fee"`
	Strategy            *StrategyFile      `json:"strategy"`
	WeightSchedule      *struct {
		StartTime     string         `json:"start_time"`
		EndTime       string         `json:"end_time"`
		Duration      string         `json:"duration"`
		TargetWeights []string       `json:"target_weights"`
		HalfLife      string         `json:"half_life"`
		Waypoints     []WaypointFile `json:"waypoints"`
	} `json:"weight_schedule"`
}

// WaypointFile is a waypoint of a weight curve: its time (RFC 3339), or how
// long after the schedule's end it comes ("after", a Go duration), and its
// weights in the order of "assets".
type WaypointFile struct {
	Time    string   `json:"time"`
	After   string   `json:"after"`
	Weights []string `json:"weights"`
}

// NewCreatePoolCmd returns `tx smartpool create-pool`.
func NewCreatePoolCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "create-pool [weighted-deposits swap-fee | --pool-file pool.json]",
		Short: "Create a weighted pool from initial deposits; you receive 100 shares (10^20 base units)",
		Long: `Create a weighted pool. Describe it either by a JSON file:

  {
    "assets": [
      {"denom": "uatom", "amount": "100000000", "weight": "80"},
      {"denom": "upool", "amount": "25000000",  "weight": "20"}
    ],
    "swap_fee": "0.003"
  }

A smart pool adds control settings, all optional: a controller and its rights
(pause_swaps, change_swap_fee, change_weights, add_remove_assets,
manage_allow_list, change_share_cap, change_breakers), the time-lock of its
changes, a share cap, an exposure cap on normalized weights, circuit breakers
(see set-breakers --help; without them the params' default_breakers apply),
a fee policy (see set-fee-policy --help), an annual management fee minted as
shares to its recipient (needs a controller; at most the params'
max_management_fee), and a weight schedule from block one, given by
start_time/end_time (RFC 3339) or by a duration from now:

    "controller": "pool1...",
    "rights": {"pause_swaps": true, "change_swap_fee": true, "change_weights": true},
    "timelock": "1h",
    "share_cap": "1000000000000000000000",
    "max_normalized_weight": "0.95",
    "breakers": {"max_price_deviation": "0.1", "window": "30m", "max_block_outflow": "0.2"},
    "fee_policy": {"volatility": {"k": "0.05", "min_fee": "0.001", "max_fee": "0.03", "window": "1h"}},
    "management_fee": {"annual_rate": "0.02", "recipient": "pool1..."},
    "weight_schedule": {"duration": "72h", "target_weights": ["20", "80"]}

A weight_schedule may be a curve: "half_life": "12h" makes the way to the
targets an exponential approach (realized as at most 65 waypoints, within
1e-4 of the exponential), and "waypoints" continue it after its end, each
{"after": "24h" | "time": RFC 3339, "weights": [...]}; the bounds and
max_weight_change_per_day hold on every segment.

Instead of a schedule, a pool may run a weight strategy from block one:
"strategy": {...} (see set-strategy --help; floor.base_weights in the order
of "assets").

Target weights are in the order of "assets". Without a controller the pool is
immutable (a schedule or strategy given at creation still runs).

or inline as comma-separated amount+denom:weight deposits followed by the swap fee.
Weights are raw integers; a pool's normalized weights are weight / sum of weights.
The params' pool_creation_fee is charged and sent to the community pool.`,
		Example: fmt.Sprintf(`%[1]s tx smartpool create-pool --pool-file pool.json --from alice
%[1]s tx smartpool create-pool 100000000uatom:50,100000000upool:50 0.003 --from alice`, app),
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			path, _ := cmd.Flags().GetString(flagPoolFile)
			msg := &types.MsgCreatePool{}
			switch {
			case path != "" && len(args) == 0:
				msg, err = readPoolFile(path, time.Now().UTC())
			case path == "" && len(args) == 2:
				msg.Assets, err = parseWeightedDeposits(args[0])
				if err == nil {
					msg.SwapFee, err = sdkmath.LegacyNewDecFromStr(args[1])
				}
			default:
				return fmt.Errorf("give either --%s or the two arguments weighted-deposits and swap-fee", flagPoolFile)
			}
			if err != nil {
				return err
			}
			msg.Sender = clientCtx.GetFromAddress().String()
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().String(flagPoolFile, "", "JSON file describing the pool (see --help)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// readPoolFile reads a pool description; now anchors a schedule given as a
// duration.
func readPoolFile(path string, now time.Time) (*types.MsgCreatePool, error) {
	bz, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	msg, err := ParsePoolFile(bz, now)
	if err != nil {
		return nil, fmt.Errorf("pool file %s: %w", path, err)
	}
	return msg, nil
}

// ParsePoolFile reads a pool file's JSON (see PoolFile) into a create-pool
// message; schedule durations count from now.
func ParsePoolFile(bz []byte, now time.Time) (*types.MsgCreatePool, error) {
	var pf PoolFile
	var err error
	dec := json.NewDecoder(strings.NewReader(string(bz)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pf); err != nil {
		return nil, fmt.Errorf("not valid JSON for a pool: %w", err)
	}
	msg := &types.MsgCreatePool{Controller: pf.Controller}
	for i, a := range pf.Assets {
		amount, ok := sdkmath.NewIntFromString(a.Amount)
		if !ok {
			return nil, fmt.Errorf("assets[%d].amount %q is not an integer", i, a.Amount)
		}
		weight, ok := sdkmath.NewIntFromString(a.Weight)
		if !ok {
			return nil, fmt.Errorf("assets[%d].weight %q is not an integer", i, a.Weight)
		}
		msg.Assets = append(msg.Assets, types.PoolAsset{Denom: a.Denom, Balance: amount, Weight: weight})
	}
	if msg.SwapFee, err = sdkmath.LegacyNewDecFromStr(pf.SwapFee); err != nil {
		return nil, fmt.Errorf("swap_fee %q: %w", pf.SwapFee, err)
	}
	if pf.Rights != nil {
		msg.Rights = *pf.Rights
	}
	if pf.Timelock != "" {
		if msg.Timelock, err = time.ParseDuration(pf.Timelock); err != nil {
			return nil, fmt.Errorf("timelock %q: %w", pf.Timelock, err)
		}
	}
	if pf.ShareCap != "" {
		shareCap, ok := sdkmath.NewIntFromString(pf.ShareCap)
		if !ok {
			return nil, fmt.Errorf("share_cap %q is not an integer", pf.ShareCap)
		}
		msg.ShareCap = &shareCap
	}
	if pf.MaxNormalizedWeight != "" {
		maxWeight, err := sdkmath.LegacyNewDecFromStr(pf.MaxNormalizedWeight)
		if err != nil {
			return nil, fmt.Errorf("max_normalized_weight %q: %w", pf.MaxNormalizedWeight, err)
		}
		msg.MaxNormalizedWeight = &maxWeight
	}
	if pf.Breakers != nil {
		if msg.Breakers, err = parseBreakers(*pf.Breakers); err != nil {
			return nil, fmt.Errorf("breakers: %w", err)
		}
	}
	if pf.FeePolicy != nil {
		if msg.FeePolicy, err = parseFeePolicy(*pf.FeePolicy); err != nil {
			return nil, fmt.Errorf("fee_policy: %w", err)
		}
	}
	if pf.ManagementFee != nil {
		if msg.ManagementFee, err = parseManagementFee(*pf.ManagementFee); err != nil {
			return nil, fmt.Errorf("management_fee: %w", err)
		}
	}
	if pf.Strategy != nil {
		if msg.Strategy, err = parseStrategy(*pf.Strategy); err != nil {
			return nil, fmt.Errorf("strategy: %w", err)
		}
	}
	if s := pf.WeightSchedule; s != nil {
		schedule, err := parseSchedule(s.StartTime, s.EndTime, s.Duration, s.TargetWeights, now)
		if err != nil {
			return nil, fmt.Errorf("weight_schedule: %w", err)
		}
		if err := parseCurve(&schedule, s.HalfLife, s.Waypoints); err != nil {
			return nil, fmt.Errorf("weight_schedule: %w", err)
		}
		msg.WeightSchedule = &schedule
	}
	return msg, nil
}

// parseSchedule builds a schedule from RFC 3339 times, or from a duration
// starting at now (an empty start time also means now).
func parseSchedule(start, end, duration string, targets []string, now time.Time) (types.WeightScheduleChange, error) {
	var s types.WeightScheduleChange
	s.StartTime = now
	if start != "" {
		t, err := time.Parse(time.RFC3339, start)
		if err != nil {
			return s, fmt.Errorf("start_time %q: %w", start, err)
		}
		s.StartTime = t
	}
	switch {
	case end != "" && duration == "":
		t, err := time.Parse(time.RFC3339, end)
		if err != nil {
			return s, fmt.Errorf("end_time %q: %w", end, err)
		}
		s.EndTime = t
	case duration != "" && end == "":
		d, err := time.ParseDuration(duration)
		if err != nil {
			return s, fmt.Errorf("duration %q: %w", duration, err)
		}
		s.EndTime = s.StartTime.Add(d)
	default:
		return s, fmt.Errorf("give end_time or duration")
	}
	for i, w := range targets {
		weight, ok := sdkmath.NewIntFromString(w)
		if !ok {
			return s, fmt.Errorf("target_weights[%d] %q is not an integer", i, w)
		}
		s.TargetWeights = append(s.TargetWeights, weight)
	}
	return s, nil
}

// parseWeightedDeposits parses "100uatom:50,100upool:50".
func parseWeightedDeposits(s string) ([]types.PoolAsset, error) {
	var assets []types.PoolAsset
	for _, part := range strings.Split(s, ",") {
		coinStr, weightStr, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return nil, fmt.Errorf("deposit %q: want amount+denom:weight, e.g. 100000000uatom:50", part)
		}
		coin, err := types.ParseCoinStrict(coinStr)
		if err != nil {
			return nil, fmt.Errorf("deposit %q: %w", part, err)
		}
		weight, ok := sdkmath.NewIntFromString(weightStr)
		if !ok {
			return nil, fmt.Errorf("deposit %q: weight %q is not an integer", part, weightStr)
		}
		assets = append(assets, types.PoolAsset{Denom: coin.Denom, Balance: coin.Amount, Weight: weight})
	}
	return assets, nil
}

// parseCurve adds a half-life and waypoints to a schedule; a waypoint's
// "after" counts from the schedule's end_time.
func parseCurve(s *types.WeightScheduleChange, halfLife string, waypoints []WaypointFile) error {
	if halfLife != "" {
		h, err := time.ParseDuration(halfLife)
		if err != nil {
			return fmt.Errorf("half_life %q: %w", halfLife, err)
		}
		s.HalfLife = h
	}
	for i, w := range waypoints {
		var at time.Time
		switch {
		case w.Time != "" && w.After == "":
			t, err := time.Parse(time.RFC3339, w.Time)
			if err != nil {
				return fmt.Errorf("waypoints[%d].time %q: %w", i, w.Time, err)
			}
			at = t
		case w.After != "" && w.Time == "":
			d, err := time.ParseDuration(w.After)
			if err != nil {
				return fmt.Errorf("waypoints[%d].after %q: %w", i, w.After, err)
			}
			at = s.EndTime.Add(d)
		default:
			return fmt.Errorf("waypoints[%d]: give time or after", i)
		}
		point := types.Waypoint{Time: at}
		for j, x := range w.Weights {
			weight, ok := sdkmath.NewIntFromString(x)
			if !ok {
				return fmt.Errorf("waypoints[%d].weights[%d] %q is not an integer", i, j, x)
			}
			point.Weights = append(point.Weights, weight)
		}
		s.Waypoints = append(s.Waypoints, point)
	}
	return s.ValidateBasic()
}
