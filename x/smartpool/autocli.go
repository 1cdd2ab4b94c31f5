package smartpool

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"
)

// AutoCLIOptions describes the commands autocli generates. create-pool and the
// two swaps are hand-written (see client/cli) because they take a JSON file or
// a route; everything else comes from here.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app := version.AppName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "smartpool.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the x/smartpool parameters",
					Example:   fmt.Sprintf("%s query smartpool params", app),
				},
				{
					RpcMethod:      "Pool",
					Use:            "pool <pool-id>",
					Short:          "Show one pool: assets, balances, weights, fee, total shares",
					Example:        fmt.Sprintf("%s query smartpool pool 1", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "Pools",
					Use:       "pools",
					Short:     "List all pools in id order (paginated)",
					Example:   fmt.Sprintf("%s query smartpool pools --limit 10", app),
				},
				{
					RpcMethod: "SpotPrice",
					Use:       "spot-price <pool-id> <base-denom> <quote-denom>",
					Short:     "Price of one base unit in quote units, without the swap fee",
					Example:   fmt.Sprintf("%s query smartpool spot-price 1 uatom upool", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "base_asset_denom"}, {ProtoField: "quote_asset_denom"},
					},
				},
				{
					RpcMethod:      "TotalLiquidity",
					Use:            "total-liquidity <pool-id>",
					Short:          "Show a pool's balances",
					Example:        fmt.Sprintf("%s query smartpool total-liquidity 1", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "EstimateSwapExactAmountIn",
					Use:       "estimate-swap-exact-amount-in <token-in> --route-pool-ids <ids> --route-token-out-denoms <denoms>",
					Short:     "Estimate what swap-exact-amount-in pays out along a route",
					Example: fmt.Sprintf("%s query smartpool estimate-swap-exact-amount-in 1000000uatom --route-pool-ids 1 --route-token-out-denoms upool\n"+
						"%s query smartpool estimate-swap-exact-amount-in 1000000uatom --route-pool-ids 1,2 --route-token-out-denoms upool,uusdc", app, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "token_in"}},
				},
				{
					RpcMethod: "EstimateSwapExactAmountOut",
					Use:       "estimate-swap-exact-amount-out <token-out> --route-pool-ids <ids> --route-token-in-denoms <denoms>",
					Short:     "Estimate what swap-exact-amount-out takes in along a route",
					Example: fmt.Sprintf("%s query smartpool estimate-swap-exact-amount-out 1000000upool --route-pool-ids 1 --route-token-in-denoms uatom",
						app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "token_out"}},
				},
				{
					RpcMethod: "EstimateJoin",
					Use:       "estimate-join <pool-id> [--share-out-amount N | --tokens-in coins]",
					Short:     "Estimate a join: proportional (--share-out-amount), single-asset (one coin) or exact amounts (several coins)",
					Example: fmt.Sprintf("%s query smartpool estimate-join 1 --share-out-amount 1000000000000000000\n"+
						"%s query smartpool estimate-join 1 --tokens-in 1000000uatom\n"+
						"%s query smartpool estimate-join 1 --tokens-in 1000000uatom,500000upool", app, app, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "EstimateExit",
					Use:       "estimate-exit <pool-id> <share-in-amount> [--token-out-denom denom]",
					Short:     "Estimate an exit: proportional, or single-asset with --token-out-denom",
					Example: fmt.Sprintf("%s query smartpool estimate-exit 1 1000000000000000000\n"+
						"%s query smartpool estimate-exit 1 1000000000000000000 --token-out-denom uatom", app, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "share_in_amount"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              "smartpool.v1.Msg",
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "CreatePool", Skip: true},
				{RpcMethod: "SwapExactAmountIn", Skip: true},
				{RpcMethod: "SwapExactAmountOut", Skip: true},
				{
					RpcMethod: "JoinPool",
					Use:       "join-pool <pool-id> <share-out-amount> [token-in-maxs...]",
					Short:     "Mint exactly share-out-amount shares for a proportional deposit of every asset",
					Long: "Mint exactly share-out-amount shares (base units, 10^18 per share) for a proportional deposit. " +
						"token-in-maxs bounds what is taken per denom; when given it must name every asset of the pool.",
					Example: fmt.Sprintf("%s tx smartpool join-pool 1 1000000000000000000 20000000uatom 20000000upool --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "share_out_amount"}, {ProtoField: "token_in_maxs", Varargs: true},
					},
				},
				{
					RpcMethod: "ExitPool",
					Use:       "exit-pool <pool-id> <share-in-amount> [token-out-mins...]",
					Short:     "Burn exactly share-in-amount shares for a proportional withdrawal of every asset",
					Example:   fmt.Sprintf("%s tx smartpool exit-pool 1 1000000000000000000 1uatom 1upool --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "share_in_amount"}, {ProtoField: "token_out_mins", Varargs: true},
					},
				},
				{
					RpcMethod: "JoinSwapExternAmountIn",
					Use:       "join-swap-extern-amount-in <pool-id> <token-in> <share-out-min-amount>",
					Short:     "Deposit exactly one asset for at least share-out-min-amount shares (fee on the non-proportional part)",
					Example:   fmt.Sprintf("%s tx smartpool join-swap-extern-amount-in 1 1000000uatom 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "token_in"}, {ProtoField: "share_out_min_amount"},
					},
				},
				{
					RpcMethod: "JoinPoolExactAmountsIn",
					Use:       "join-pool-exact-amounts <pool-id> <share-out-min-amount> <tokens-in>...",
					Short:     "Deposit any subset of the pool's assets in any amounts for at least share-out-min-amount shares",
					Example:   fmt.Sprintf("%s tx smartpool join-pool-exact-amounts 1 1 1000000uatom 300000upool --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "share_out_min_amount"}, {ProtoField: "tokens_in", Varargs: true},
					},
				},
				{
					RpcMethod: "ExitSwapShareAmountIn",
					Use:       "exit-swap-share-amount-in <pool-id> <token-out-denom> <share-in-amount> <token-out-min-amount>",
					Short:     "Burn exactly share-in-amount shares for at least token-out-min-amount of one asset",
					Example:   fmt.Sprintf("%s tx smartpool exit-swap-share-amount-in 1 uatom 1000000000000000000 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "token_out_denom"}, {ProtoField: "share_in_amount"}, {ProtoField: "token_out_min_amount"},
					},
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal <params-json>",
					Short:          "Submit a governance proposal replacing all x/smartpool params",
					Example:        fmt.Sprintf(`%s tx smartpool update-params-proposal '{"min_assets":2,"max_assets":8,...}' --from alice --deposit 10000000upool`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
