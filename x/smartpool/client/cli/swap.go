package cli

import (
	"fmt"

	sdkmath "cosmossdk.io/math"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/poold/poold/x/smartpool/types"
)

const (
	flagRoutePoolIDs        = "route-pool-ids"
	flagRouteTokenOutDenoms = "route-token-out-denoms"
	flagRouteTokenInDenoms  = "route-token-in-denoms"
)

// NewSwapExactAmountInCmd returns `tx smartpool swap-exact-amount-in`.
func NewSwapExactAmountInCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "swap-exact-amount-in <token-in> <token-out-min-amount> --route-pool-ids <ids> --route-token-out-denoms <denoms>",
		Short: "Swap exactly token-in along a route of pools for at least token-out-min-amount of the last denom",
		Long: `Swap exactly token-in. The route is given by two lists of the same length:
the pools, in order, and the denom each pool pays out. The transaction fails,
changing nothing, if the last hop pays out less than token-out-min-amount.`,
		Example: fmt.Sprintf(`%[1]s tx smartpool swap-exact-amount-in 1000000uatom 1 --route-pool-ids 1 --route-token-out-denoms upool --from alice
%[1]s tx smartpool swap-exact-amount-in 1000000uatom 1 --route-pool-ids 1,2 --route-token-out-denoms upool,uusdc --from alice`, app),
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			tokenIn, err := types.ParseCoinStrict(args[0])
			if err != nil {
				return fmt.Errorf("token-in %q: %w", args[0], err)
			}
			minOut, ok := sdkmath.NewIntFromString(args[1])
			if !ok {
				return fmt.Errorf("token-out-min-amount %q is not an integer", args[1])
			}
			ids, denoms, err := routeFlags(cmd, flagRouteTokenOutDenoms)
			if err != nil {
				return err
			}
			routes := make([]types.SwapAmountInRoute, len(ids))
			for i := range ids {
				routes[i] = types.SwapAmountInRoute{PoolId: ids[i], TokenOutDenom: denoms[i]}
			}
			msg := &types.MsgSwapExactAmountIn{Sender: clientCtx.GetFromAddress().String(), Routes: routes, TokenIn: tokenIn, TokenOutMinAmount: minOut}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().UintSlice(flagRoutePoolIDs, nil, "pool ids of the route, in order (comma-separated)")
	cmd.Flags().StringSlice(flagRouteTokenOutDenoms, nil, "denom each pool of the route pays out (comma-separated)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// NewSwapExactAmountOutCmd returns `tx smartpool swap-exact-amount-out`.
func NewSwapExactAmountOutCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "swap-exact-amount-out <token-out> <token-in-max-amount> --route-pool-ids <ids> --route-token-in-denoms <denoms>",
		Short: "Swap along a route of pools for exactly token-out, paying at most token-in-max-amount of the first denom",
		Long: `Swap for exactly token-out. The route is given by two lists of the same length:
the pools, in order, and the denom each pool takes in. The transaction fails,
changing nothing, if the first hop needs more than token-in-max-amount.`,
		Example: fmt.Sprintf(`%[1]s tx smartpool swap-exact-amount-out 1000000upool 2000000 --route-pool-ids 1 --route-token-in-denoms uatom --from alice`, app),
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			tokenOut, err := types.ParseCoinStrict(args[0])
			if err != nil {
				return fmt.Errorf("token-out %q: %w", args[0], err)
			}
			maxIn, ok := sdkmath.NewIntFromString(args[1])
			if !ok {
				return fmt.Errorf("token-in-max-amount %q is not an integer", args[1])
			}
			ids, denoms, err := routeFlags(cmd, flagRouteTokenInDenoms)
			if err != nil {
				return err
			}
			routes := make([]types.SwapAmountOutRoute, len(ids))
			for i := range ids {
				routes[i] = types.SwapAmountOutRoute{PoolId: ids[i], TokenInDenom: denoms[i]}
			}
			msg := &types.MsgSwapExactAmountOut{Sender: clientCtx.GetFromAddress().String(), Routes: routes, TokenInMaxAmount: maxIn, TokenOut: tokenOut}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().UintSlice(flagRoutePoolIDs, nil, "pool ids of the route, in order (comma-separated)")
	cmd.Flags().StringSlice(flagRouteTokenInDenoms, nil, "denom each pool of the route takes in (comma-separated)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func routeFlags(cmd *cobra.Command, denomFlag string) ([]uint64, []string, error) {
	ids, err := cmd.Flags().GetUintSlice(flagRoutePoolIDs)
	if err != nil {
		return nil, nil, err
	}
	denoms, err := cmd.Flags().GetStringSlice(denomFlag)
	if err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 || len(ids) != len(denoms) {
		return nil, nil, fmt.Errorf("--%s and --%s must list the same number (at least one) of hops", flagRoutePoolIDs, denomFlag)
	}
	out := make([]uint64, len(ids))
	for i, id := range ids {
		out[i] = uint64(id)
	}
	return out, denoms, nil
}
