package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/poold/poold/x/smartpool/types"
)

// FeePolicyFile is the JSON form of a fee policy, with decimals as "0.01"
// and windows as Go durations ("1h"); omitted parts are off.
type FeePolicyFile struct {
	Volatility *struct {
		K      string `json:"k"`
		MinFee string `json:"min_fee"`
		MaxFee string `json:"max_fee"`
		Window string `json:"window"`
	} `json:"volatility"`
	Direction *struct {
		Rebate    string `json:"rebate"`
		Surcharge string `json:"surcharge"`
		Window    string `json:"window"`
	} `json:"direction"`
	Tiers []struct {
		MinInRatio string `json:"min_in_ratio"`
		ExtraFee   string `json:"extra_fee"`
	} `json:"tiers"`
}

// ManagementFeeFile is the JSON form of a management fee.
type ManagementFeeFile struct {
	AnnualRate string `json:"annual_rate"`
	Recipient  string `json:"recipient"`
}

// feePolicyHelp describes the policy JSON for create-pool and set-fee-policy.
const feePolicyHelp = `A fee policy makes the fee move; every part is optional:

  {"volatility": {"k": "0.05", "min_fee": "0.001", "max_fee": "0.03", "window": "1h"},
   "direction":  {"rebate": "0.5", "surcharge": "0.5", "window": "30m"},
   "tiers":      [{"min_in_ratio": "0.05", "extra_fee": "0.002"},
                  {"min_in_ratio": "0.2",  "extra_fee": "0.01"}]}

The parts compose: base = clamp(swap_fee + k·σ, min_fee, max_fee), σ the
pool's realized daily volatility over the window; plus the extra_fee of the
largest tier whose min_in_ratio the trade reaches (amount in / balance);
times 1 − rebate for a swap that moves its pair's price toward the TWAP over
the direction window, 1 + surcharge for one that moves it away (single-asset
and uneven joins and exits always pay the surcharge); at most max_swap_fee.`

// parseFeePolicy turns a FeePolicyFile into a policy.
func parseFeePolicy(f FeePolicyFile) (*types.FeePolicy, error) {
	p := &types.FeePolicy{}
	if v := f.Volatility; v != nil {
		vp := &types.VolatilityFeePolicy{}
		if err := parseDecs(map[string]decField{"k": {v.K, &vp.K}, "min_fee": {v.MinFee, &vp.MinFee}, "max_fee": {v.MaxFee, &vp.MaxFee}}); err != nil {
			return nil, fmt.Errorf("volatility: %w", err)
		}
		w, err := time.ParseDuration(v.Window)
		if err != nil {
			return nil, fmt.Errorf("volatility.window %q: %w", v.Window, err)
		}
		vp.Window, p.Volatility = w, vp
	}
	if d := f.Direction; d != nil {
		dp := &types.DirectionFeePolicy{}
		if err := parseDecs(map[string]decField{"rebate": {d.Rebate, &dp.Rebate}, "surcharge": {d.Surcharge, &dp.Surcharge}}); err != nil {
			return nil, fmt.Errorf("direction: %w", err)
		}
		w, err := time.ParseDuration(d.Window)
		if err != nil {
			return nil, fmt.Errorf("direction.window %q: %w", d.Window, err)
		}
		dp.Window, p.Direction = w, dp
	}
	for i, t := range f.Tiers {
		var tier types.FeeTier
		if err := parseDecs(map[string]decField{"min_in_ratio": {t.MinInRatio, &tier.MinInRatio}, "extra_fee": {t.ExtraFee, &tier.ExtraFee}}); err != nil {
			return nil, fmt.Errorf("tiers[%d]: %w", i, err)
		}
		p.Tiers = append(p.Tiers, tier)
	}
	return p, p.ValidateBasic()
}

type decField struct {
	value string
	into  *sdkmath.LegacyDec
}

// parseDecs parses named decimals; an empty one is zero.
func parseDecs(fields map[string]decField) error {
	for name, f := range fields {
		*f.into = sdkmath.LegacyZeroDec()
		if f.value == "" {
			continue
		}
		v, err := sdkmath.LegacyNewDecFromStr(f.value)
		if err != nil {
			return fmt.Errorf("%s %q: %w", name, f.value, err)
		}
		*f.into = v
	}
	return nil
}

// parseManagementFee turns a ManagementFeeFile into a change.
func parseManagementFee(f ManagementFeeFile) (*types.ManagementFeeChange, error) {
	rate, err := sdkmath.LegacyNewDecFromStr(f.AnnualRate)
	if err != nil {
		return nil, fmt.Errorf("annual_rate %q: %w", f.AnnualRate, err)
	}
	c := &types.ManagementFeeChange{AnnualRate: rate, Recipient: f.Recipient}
	return c, c.ValidateBasic()
}

// NewSetFeePolicyCmd returns `tx smartpool set-fee-policy`.
func NewSetFeePolicyCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "set-fee-policy <pool-id> <policy-json | fixed>",
		Short: "Queue a new fee policy for a pool behind its time-lock (right change_swap_fee)",
		Long:  "Queue a new fee policy; it applies when the pool's time-lock has passed. \"fixed\" returns the pool to its fixed swap fee.\n\n" + feePolicyHelp,
		Example: fmt.Sprintf(`%[1]s tx smartpool set-fee-policy 1 '{"volatility":{"k":"0.05","min_fee":"0.001","max_fee":"0.03","window":"1h"}}' --from alice
%[1]s tx smartpool set-fee-policy 1 '{"direction":{"rebate":"0.5","surcharge":"0.5","window":"30m"}}' --from alice
%[1]s tx smartpool set-fee-policy 1 fixed --from alice`, app),
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
			var policy *types.FeePolicy
			if args[1] != "fixed" {
				var f FeePolicyFile
				dec := json.NewDecoder(strings.NewReader(args[1]))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&f); err != nil {
					return fmt.Errorf("policy JSON: %w", err)
				}
				if policy, err = parseFeePolicy(f); err != nil {
					return err
				}
			}
			msg := &types.MsgSetFeePolicy{Sender: clientCtx.GetFromAddress().String(), PoolId: poolID, Policy: policy}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

const flagRoute = "route"

// splitRouteHelp describes the --route format of the split-route commands.
const splitRouteHelp = `Each --route is one route and its amount: its hops as POOL:DENOM, comma
separated, then =AMOUNT. For exact-in routes DENOM is what the hop pays out
and AMOUNT the route's amount in; for exact-out routes DENOM is what the hop
takes in and AMOUNT the route's amount out. Routes run in order: a pool two
routes share prices the later one on what the earlier left. A route may end
in the denom it starts with (a cyclic arbitrage); no pool twice in a route.`

// parseRoute parses "POOL:DENOM,POOL:DENOM=AMOUNT".
func parseRoute(s string) ([]uint64, []string, sdkmath.Int, error) {
	hopsPart, amountPart, ok := strings.Cut(s, "=")
	if !ok {
		return nil, nil, sdkmath.Int{}, fmt.Errorf("route %q: want POOL:DENOM[,POOL:DENOM...]=AMOUNT", s)
	}
	amount, ok := sdkmath.NewIntFromString(amountPart)
	if !ok || !amount.IsPositive() {
		return nil, nil, sdkmath.Int{}, fmt.Errorf("route %q: amount %q must be a positive integer", s, amountPart)
	}
	var ids []uint64
	var denoms []string
	for _, hop := range strings.Split(hopsPart, ",") {
		idPart, denom, ok := strings.Cut(hop, ":")
		if !ok || denom == "" {
			return nil, nil, sdkmath.Int{}, fmt.Errorf("route %q: hop %q is not POOL:DENOM", s, hop)
		}
		id, err := strconv.ParseUint(idPart, 10, 64)
		if err != nil {
			return nil, nil, sdkmath.Int{}, fmt.Errorf("route %q: pool %q: %w", s, idPart, err)
		}
		ids, denoms = append(ids, id), append(denoms, denom)
	}
	return ids, denoms, amount, nil
}

// splitRoutesIn parses the --route flags of an exact-in split swap.
func splitRoutesIn(cmd *cobra.Command) ([]types.SwapAmountInSplitRoute, error) {
	raw, err := cmd.Flags().GetStringArray(flagRoute)
	if err != nil || len(raw) == 0 {
		return nil, fmt.Errorf("give at least one --route")
	}
	routes := make([]types.SwapAmountInSplitRoute, len(raw))
	for i, s := range raw {
		ids, denoms, amount, err := parseRoute(s)
		if err != nil {
			return nil, err
		}
		for j := range ids {
			routes[i].Pools = append(routes[i].Pools, types.SwapAmountInRoute{PoolId: ids[j], TokenOutDenom: denoms[j]})
		}
		routes[i].TokenInAmount = amount
	}
	return routes, nil
}

// splitRoutesOut parses the --route flags of an exact-out split swap.
func splitRoutesOut(cmd *cobra.Command) ([]types.SwapAmountOutSplitRoute, error) {
	raw, err := cmd.Flags().GetStringArray(flagRoute)
	if err != nil || len(raw) == 0 {
		return nil, fmt.Errorf("give at least one --route")
	}
	routes := make([]types.SwapAmountOutSplitRoute, len(raw))
	for i, s := range raw {
		ids, denoms, amount, err := parseRoute(s)
		if err != nil {
			return nil, err
		}
		for j := range ids {
			routes[i].Pools = append(routes[i].Pools, types.SwapAmountOutRoute{PoolId: ids[j], TokenInDenom: denoms[j]})
		}
		routes[i].TokenOutAmount = amount
	}
	return routes, nil
}

// NewSplitRouteSwapExactAmountInCmd returns `tx smartpool split-route-swap-exact-amount-in`.
func NewSplitRouteSwapExactAmountInCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "split-route-swap-exact-amount-in <token-in-denom> <token-out-min-amount> --route POOL:DENOM,...=AMOUNT [--route ...]",
		Short: "Swap token-in-denom along several routes at once for at least token-out-min-amount in all",
		Long:  "Swap along every route, each its own amount in, all ending in one denom; the transaction fails, changing nothing, if they pay out less than token-out-min-amount in all.\n\n" + splitRouteHelp,
		Example: fmt.Sprintf(`%[1]s tx smartpool split-route-swap-exact-amount-in uatom 1 --route 1:upool=600000 --route 2:uusdc,3:upool=400000 --from alice
%[1]s tx smartpool split-route-swap-exact-amount-in uatom 1000001 --route 1:upool,2:uatom=1000000 --from alice   # a cyclic arbitrage`, app),
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			minOut, ok := sdkmath.NewIntFromString(args[1])
			if !ok {
				return fmt.Errorf("token-out-min-amount %q is not an integer", args[1])
			}
			routes, err := splitRoutesIn(cmd)
			if err != nil {
				return err
			}
			msg := &types.MsgSplitRouteSwapExactAmountIn{Sender: clientCtx.GetFromAddress().String(), Routes: routes, TokenInDenom: args[0], TokenOutMinAmount: minOut}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().StringArray(flagRoute, nil, "one route and its amount in: POOL:DENOM_OUT[,POOL:DENOM_OUT...]=AMOUNT (repeat for each route)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// NewSplitRouteSwapExactAmountOutCmd returns `tx smartpool split-route-swap-exact-amount-out`.
func NewSplitRouteSwapExactAmountOutCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:     "split-route-swap-exact-amount-out <token-out-denom> <token-in-max-amount> --route POOL:DENOM,...=AMOUNT [--route ...]",
		Short:   "Buy token-out-denom along several routes at once, paying at most token-in-max-amount in all",
		Long:    "Buy along every route, each its own amount out, all starting in one denom; the transaction fails, changing nothing, if they take more than token-in-max-amount in all.\n\n" + splitRouteHelp,
		Example: fmt.Sprintf(`%[1]s tx smartpool split-route-swap-exact-amount-out upool 2000000 --route 1:uatom=600000 --route 2:uatom,3:uusdc=400000 --from alice`, app),
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			maxIn, ok := sdkmath.NewIntFromString(args[1])
			if !ok {
				return fmt.Errorf("token-in-max-amount %q is not an integer", args[1])
			}
			routes, err := splitRoutesOut(cmd)
			if err != nil {
				return err
			}
			msg := &types.MsgSplitRouteSwapExactAmountOut{Sender: clientCtx.GetFromAddress().String(), Routes: routes, TokenOutDenom: args[0], TokenInMaxAmount: maxIn}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().StringArray(flagRoute, nil, "one route and its amount out: POOL:DENOM_IN[,POOL:DENOM_IN...]=AMOUNT (repeat for each route)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// newEstimateSplitRouteCmd builds an estimate command of a split swap: query
// runs the request built from the --route flags.
func newEstimateSplitRouteCmd(use, short, long, example, routeHelp string,
	query func(cmd *cobra.Command, qc types.QueryClient, denom string) (proto.Message, error),
) *cobra.Command {
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long + "\n\n" + splitRouteHelp, Example: example,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			res, err := query(cmd, types.NewQueryClient(clientCtx), args[0])
			if err != nil {
				return err
			}
			return clientCtx.PrintProto(res)
		},
	}
	cmd.Flags().StringArray(flagRoute, nil, routeHelp)
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// NewEstimateSplitRouteInCmd returns `query smartpool estimate-split-route-swap-exact-amount-in`.
func NewEstimateSplitRouteInCmd() *cobra.Command {
	return newEstimateSplitRouteCmd(
		"estimate-split-route-swap-exact-amount-in <token-in-denom> --route POOL:DENOM,...=AMOUNT [--route ...]",
		"Estimate what a split exact-in swap pays out, in all and per route",
		"Runs the routes as split-route-swap-exact-amount-in would, on state that is thrown away.",
		fmt.Sprintf(`%[1]s query smartpool estimate-split-route-swap-exact-amount-in uatom --route 1:upool=600000 --route 2:uusdc,3:upool=400000`, version.AppName),
		"one route and its amount in: POOL:DENOM_OUT[,POOL:DENOM_OUT...]=AMOUNT (repeat for each route)",
		func(cmd *cobra.Command, qc types.QueryClient, denom string) (proto.Message, error) {
			routes, err := splitRoutesIn(cmd)
			if err != nil {
				return nil, err
			}
			return qc.EstimateSplitRouteSwapExactAmountIn(cmd.Context(), &types.QueryEstimateSplitRouteSwapExactAmountInRequest{Routes: routes, TokenInDenom: denom})
		})
}

// NewEstimateSplitRouteOutCmd returns `query smartpool estimate-split-route-swap-exact-amount-out`.
func NewEstimateSplitRouteOutCmd() *cobra.Command {
	return newEstimateSplitRouteCmd(
		"estimate-split-route-swap-exact-amount-out <token-out-denom> --route POOL:DENOM,...=AMOUNT [--route ...]",
		"Estimate what a split exact-out swap takes in, in all and per route",
		"Runs the routes as split-route-swap-exact-amount-out would, on state that is thrown away.",
		fmt.Sprintf(`%[1]s query smartpool estimate-split-route-swap-exact-amount-out upool --route 1:uatom=600000 --route 2:uatom,3:uusdc=400000`, version.AppName),
		"one route and its amount out: POOL:DENOM_IN[,POOL:DENOM_IN...]=AMOUNT (repeat for each route)",
		func(cmd *cobra.Command, qc types.QueryClient, denom string) (proto.Message, error) {
			routes, err := splitRoutesOut(cmd)
			if err != nil {
				return nil, err
			}
			return qc.EstimateSplitRouteSwapExactAmountOut(cmd.Context(), &types.QueryEstimateSplitRouteSwapExactAmountOutRequest{Routes: routes, TokenOutDenom: denom})
		})
}

// NewQueryCmd returns the `query smartpool` command with the hand-written
// subcommands; autocli adds the rest.
func NewQueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Smart pool queries: pools, prices, estimates, oracle, health, fees",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(NewEstimateSplitRouteInCmd(), NewEstimateSplitRouteOutCmd())
	return cmd
}
