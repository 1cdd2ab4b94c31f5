package smartpool

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"
)

// AutoCLIOptions describes the commands autocli generates. create-pool, the
// swaps, set-breakers, set-fee-policy and the split-route commands are
// hand-written (see client/cli) because they take a JSON file or a route;
// everything else comes from here.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app := version.AppName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service:              "smartpool.v1.Query",
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the x/smartpool parameters",
					Example:   fmt.Sprintf("%s query smartpool params", app),
				},
				{
					RpcMethod: "Pool",
					Use:       "pool <pool-id>",
					Short:     "Show one pool: assets, balances, weights, fee, total shares, where each asset comes from",
					Long: "Show one pool as stored, its weights at this block, and asset_denoms: for each asset, its origin " +
						"(native, an IBC voucher, a pool share) and, for an ibc/… voucher, its base denom and the IBC path it came through.",
					Example:        fmt.Sprintf("%s query smartpool pool 1", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "Pools",
					Use:       "pools",
					Short:     "List all pools in id order (paginated), with where each of their denoms comes from",
					Example:   fmt.Sprintf("%s query smartpool pools --limit 10", app),
				},
				{
					RpcMethod: "DenomInfo",
					Use:       "denom-info <denom>",
					Short:     "Say where a denom comes from: an ibc/… voucher's base denom and path, a pool share, or native",
					Long: "Resolve a denom held on poold. For an ICS-20 voucher ibc/{hash} this is the base denom on the chain " +
						"that issued it and the path of hops (port/channel, nearest first) it came through, from x/transfer's " +
						"denom traces; a hash no transfer ever minted here is DENOM_ORIGIN_UNKNOWN_IBC. smartpool/{id} is a " +
						"pool share; anything else is native.",
					Example: fmt.Sprintf("%s query smartpool denom-info ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2\n"+
						"%s query smartpool denom-info smartpool/1", app, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "denom"}},
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
					Use:       "estimate-join <pool-id> [--share-out-amount N | --tokens-in coins] [--sender addr]",
					Short:     "Estimate a join: proportional (--share-out-amount), single-asset (one coin) or exact amounts (several coins)",
					Long: "Runs the join message's own checks: pause, assets closed to entry, share cap and, with --sender, the allow-list " +
						"(an allow-listed pool needs --sender). Amounts are whole base units; 1.5uatom is refused, not rounded.",
					Example: fmt.Sprintf("%s query smartpool estimate-join 1 --share-out-amount 1000000000000000000\n"+
						"%s query smartpool estimate-join 1 --tokens-in 1000000uatom\n"+
						"%s query smartpool estimate-join 1 --tokens-in 1000000uatom,500000upool --sender pool1...", app, app, app),
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
				{
					RpcMethod: "PendingParamsChange",
					Use:       "pending-params-change",
					Short:     "Show the params change governance passed that waits for params_timelock (empty when none)",
					Example:   fmt.Sprintf("%s query smartpool pending-params-change", app),
				},
				{
					RpcMethod:      "PoolPendingChanges",
					Use:            "pool-pending-changes <pool-id>",
					Short:          "Show a pool's queued changes and when each applies",
					Example:        fmt.Sprintf("%s query smartpool pool-pending-changes 1", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "PendingChanges",
					Use:       "pending-changes",
					Short:     "List every queued pool change in due-time order (paginated)",
					Example:   fmt.Sprintf("%s query smartpool pending-changes --limit 20", app),
				},
				{
					RpcMethod:      "AllowList",
					Use:            "allow-list <pool-id>",
					Short:          "Show whether a pool's LP allow-list is on and who is on it",
					Example:        fmt.Sprintf("%s query smartpool allow-list 1", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "Twap",
					Use:       "twap <pool-id> <base-denom> <quote-denom> [--window 30m | --start T --end T]",
					Short:     "Geometric time-weighted average price of one base unit in quote units",
					Long: "Geometric TWAP of base in quote over a window ending now (--window) or over [--start, --end] " +
						"(RFC 3339; --end defaults to now). The window must lie inside the oracle's retention (params " +
						"oracle_retention). log_price is the mean of ln(price), exact to 18 decimals.",
					Example: fmt.Sprintf("%[1]s query smartpool twap 1 uatom upool --window 30m\n"+
						"%[1]s query smartpool twap 1 uatom upool --start 2026-11-27T10:00:00Z --end 2026-11-27T11:00:00Z", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "pool_id"}, {ProtoField: "base_asset_denom"}, {ProtoField: "quote_asset_denom"},
					},
				},
				{
					RpcMethod:      "PoolTwaps",
					Use:            "twaps <pool-id> [--window 30m | --start T --end T]",
					Short:          "Geometric TWAP of every pair of a pool's assets over one window",
					Example:        fmt.Sprintf("%s query smartpool twaps 1 --window 1h", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "PoolHealth",
					Use:       "health <pool-id>",
					Short:     "A pool's health: weights against targets, spot against 1 h and 24 h TWAPs, breaker headroom, pending changes",
					Long: "Per asset: balance, current and target weight, basket-price deviation from the 1 h and 24 h TWAPs, " +
						"value share at 1 h TWAP prices, and how much of the block outflow cap this block used. Per pool: the " +
						"largest pair deviation, the breakers in force and the band's headroom, pause and alert state, pending " +
						"changes and the next due time.",
					Example:        fmt.Sprintf("%s query smartpool health 1", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{RpcMethod: "EstimateSplitRouteSwapExactAmountIn", Skip: true},
				{RpcMethod: "EstimateSplitRouteSwapExactAmountOut", Skip: true},
				{
					RpcMethod: "PoolFees",
					Use:       "fees <pool-id> [--window 24h]",
					Short:     "A pool's fees: the fee a swap pays now, fees collected per asset (LP and protocol), fee income and APR over a window, management fee accrued",
					Long: "swap_fee is what a neutral swap of the smallest size tier pays now (the fixed fee, or the volatility policy's " +
						"base); sigma is the realized daily volatility the policy reads. collected counts each asset's swap fees since it " +
						"joined, split LP / protocol. window_lp_fees is the LP fee income from the oracle observation at or before " +
						"now − window (the oldest one if the history is shorter) to now, and apr values it at the pool's spot prices as " +
						"a yearly share of the pool, not compounded. management_fee_accrued is the shares the management fee would mint now.",
					Example:        fmt.Sprintf("%s query smartpool fees 1 --window 24h", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "ProtocolFees",
					Use:       "protocol-fees",
					Short:     "The protocol fee share, what it has paid to the community pool, and what pools still owe (paginated)",
					Example:   fmt.Sprintf("%s query smartpool protocol-fees", app),
				},
				{
					RpcMethod: "PoolsHealth",
					Use:       "pools-health [--min-deviation 0.05]",
					Short:     "Every pool's health in id order (paginated), keeping those whose 1 h pair deviation is at least --min-deviation",
					Example:   fmt.Sprintf("%s query smartpool pools-health --min-deviation 0.05 --limit 20", app),
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
				{RpcMethod: "SetBreakers", Skip: true},
				{RpcMethod: "SetFeePolicy", Skip: true},
				{RpcMethod: "SetStrategy", Skip: true},
				{
					RpcMethod: "PauseStrategy",
					Use:       "pause-strategy <pool-id>",
					Short:     "Stop a pool's weight strategy at once; the weights stay where they are (controller with change_weights, or governance)",
					Long: "Takes effect in this block: a move in progress stops where it is and no update runs until the strategy is " +
						"resumed. Resuming goes through the pool's time-lock: see resume-strategy.",
					Example:        fmt.Sprintf("%s tx smartpool pause-strategy 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "ResumeStrategy",
					Use:       "resume-strategy <pool-id>",
					Short:     "Queue the resumption of a paused weight strategy; it applies after the pool's time-lock",
					Long: "When it applies, a new TWAP window opens and the first update comes one interval later; the moving " +
						"averages carry on from before the pause.",
					Example:        fmt.Sprintf("%s tx smartpool resume-strategy 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{RpcMethod: "SplitRouteSwapExactAmountIn", Skip: true},
				{RpcMethod: "SplitRouteSwapExactAmountOut", Skip: true},
				{
					RpcMethod: "SetManagementFee",
					Use:       "set-management-fee <pool-id> <fee-json>",
					Short:     "Queue a new annual management fee and recipient; a zero rate turns it off (right change_swap_fee)",
					Long: "The fee mints shares to its recipient over time: over Δt, S·r·Δt/(Y − r·Δt) shares (Y = 365 days), so the " +
						"other holders give up r·Δt/Y of the pool. When the change applies (after the pool's time-lock) what accrued at " +
						"the old rate is minted first. The rate is at most the params' max_management_fee.",
					Example:        fmt.Sprintf(`%s tx smartpool set-management-fee 1 '{"annual_rate":"0.02","recipient":"pool1..."}' --from alice`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "fee"}},
				},
				{
					RpcMethod:      "ClaimManagementFee",
					Use:            "claim-management-fee <pool-id>",
					Short:          "Mint a pool's accrued management fee to its recipient now (anyone may send it)",
					Long:           "The fee also mints by itself before every join and exit; this claims it without one.",
					Example:        fmt.Sprintf("%s tx smartpool claim-management-fee 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
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
					RpcMethod:      "PauseSwaps",
					Use:            "pause-swaps <pool-id>",
					Short:          "Stop a pool's swaps and single-asset joins/exits at once (controller with pause_swaps, or governance)",
					Long:           "Takes effect in this block. Proportional exits stay open so LPs can always leave. Resuming goes through the pool's time-lock: see resume-swaps.",
					Example:        fmt.Sprintf("%s tx smartpool pause-swaps 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod:      "ResumeSwaps",
					Use:            "resume-swaps <pool-id>",
					Short:          "Queue the reopening of a paused pool; it applies after the pool's time-lock",
					Example:        fmt.Sprintf("%s tx smartpool resume-swaps 1 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}},
				},
				{
					RpcMethod: "ScheduleWeights",
					Use:       "schedule-weights <pool-id> <schedule-json>",
					Short:     "Queue a gradual weight change (right change_weights)",
					Long: "The schedule moves the weights linearly from what they are when the change applies to target_weights " +
						"(in the order of the pool's assets, sorted by denom) between start_time and end_time. start_time must " +
						"not be before the change can apply (now + the pool's time-lock).",
					Example:        fmt.Sprintf(`%s tx smartpool schedule-weights 1 '{"start_time":"2026-12-01T00:00:00Z","end_time":"2026-12-03T00:00:00Z","target_weights":["20","80"]}' --from alice`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "schedule"}},
				},
				{
					RpcMethod:      "SetSwapFee",
					Use:            "set-swap-fee <pool-id> <swap-fee>",
					Short:          "Queue a new swap fee (right change_swap_fee); it applies after the pool's time-lock",
					Example:        fmt.Sprintf("%s tx smartpool set-swap-fee 1 0.005 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "swap_fee"}},
				},
				{
					RpcMethod:      "SetShareCap",
					Use:            "set-share-cap <pool-id> <share-cap>",
					Short:          "Queue a new cap on total shares, in base units; 0 removes the cap (right change_share_cap)",
					Example:        fmt.Sprintf("%s tx smartpool set-share-cap 1 1000000000000000000000 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "share_cap"}},
				},
				{
					RpcMethod:      "EditAllowList",
					Use:            "edit-allow-list <pool-id> <edit-json>",
					Short:          "Queue an LP allow-list edit: add and remove addresses, and switch it on (enable) or off (disable) (right manage_allow_list)",
					Example:        fmt.Sprintf(`%s tx smartpool edit-allow-list 1 '{"enable":true,"add":["pool1..."],"remove":[]}' --from alice`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "edit"}},
				},
				{
					RpcMethod: "AddAsset",
					Use:       "add-asset <pool-id> <deposit> <weight>",
					Short:     "Queue adding an asset at no more than 2x min_normalized_weight with your deposit (right add_remove_assets)",
					Long: "When the change applies (after the pool's time-lock) the deposit is taken from the controller, " +
						"who receives S·weight/Σw shares (or --recipient does): the deposit's worth at the pool's prices, so no LP's share changes value. " +
						"The deposit alone sets the new asset's price: the queued change shows that implied price in every existing asset " +
						"(query pool-pending-changes), and for one time-lock after it is added the asset may only be bought from the pool, not sold into it. " +
						"For a governed pool (controller = the gov module account) the community pool pays the deposit and receives the shares unless --recipient names an address.",
					Example: fmt.Sprintf("%s tx smartpool add-asset 1 5000000ueth 2 --from alice\n"+
						"%s tx smartpool add-asset 1 5000000ueth 2 --recipient pool1... --from alice", app, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "deposit"}, {ProtoField: "weight"}},
				},
				{
					RpcMethod: "RemoveAsset",
					Use:       "remove-asset <pool-id> <denom>",
					Short:     "Queue removing an asset whose weight is at most 2x min_normalized_weight (right add_remove_assets)",
					Long: "When the change applies the controller burns S·weight/Σw shares (rounded up) and receives the " +
						"asset's whole balance (or --recipient does), so every other LP's share keeps its value. The controller must hold those shares then. " +
						"From the moment it is queued the leaving asset may only leave the pool (swaps out of it, exits), never enter it; " +
						"a removal is refused while swaps are paused. For a governed pool the community pool gives the shares and receives the balance unless --recipient names an address.",
					Example: fmt.Sprintf("%s tx smartpool remove-asset 1 ueth --from alice\n"+
						"%s tx smartpool remove-asset 1 ueth --recipient pool1... --from alice", app, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "denom"}},
				},
				{
					RpcMethod:      "TransferControl",
					Use:            "transfer-control <pool-id> [new-controller]",
					Short:          "Queue handing the pool to another controller; without new-controller, renounce control for good",
					Example:        fmt.Sprintf("%s tx smartpool transfer-control 1 pool1... --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "new_controller", Optional: true}},
				},
				{
					RpcMethod:      "RenounceRights",
					Use:            "renounce-rights <pool-id> <rights-json>",
					Short:          "Give up controller rights at once and for good",
					Example:        fmt.Sprintf(`%s tx smartpool renounce-rights 1 '{"change_weights":true}' --from alice`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pool_id"}, {ProtoField: "give_up"}},
				},
				{
					RpcMethod:      "CancelChange",
					Use:            "cancel-change <change-id>",
					Short:          "Cancel a queued pool change before it applies (the pool's controller, or governance)",
					Example:        fmt.Sprintf("%s tx smartpool cancel-change 3 --from alice", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "change_id"}},
				},
				{
					RpcMethod:   "CancelParamsChange",
					Use:         "cancel-params-change-proposal",
					Short:       "Submit a governance proposal dropping the params change that waits for params_timelock",
					Example:     fmt.Sprintf("%s tx smartpool cancel-params-change-proposal --from alice --deposit 10000000upool", app),
					GovProposal: true,
				},
				{
					RpcMethod: "UpdateParams",
					Use:       "update-params-proposal <params-json>",
					Short:     "Submit a governance proposal replacing all x/smartpool params (applied params_timelock after it passes)",
					Long: "The params JSON is the whole params object. Here decimal fields are read as 18-digit fixed point integers " +
						"(0.05 is 50000000000000000); a proposal file for `tx gov submit-proposal` takes them as decimals instead " +
						"(see docs/governance.md).",
					Example: fmt.Sprintf(`%s tx smartpool update-params-proposal '{"pool_creation_fee":[{"denom":"upool","amount":"1000000"}],`+
						`"min_assets":2,"max_assets":8,"min_normalized_weight":"10000000000000000","max_swap_fee":"50000000000000000",`+
						`"max_in_ratio":"500000000000000000","max_out_ratio":"300000000000000000","min_timelock":"3600s","params_timelock":"86400s",`+
						`"min_schedule_duration":"3600s","max_weight_change_per_day":"1000000000000000000","max_due_changes_per_block":100,"max_schedule_ends_per_block":100}' --from alice --deposit 10000000upool`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
