// Package cli holds the hand-written x/smartpool commands: those that take a
// JSON file or a route. autocli generates the others (see ../../autocli.go).
package cli

import (
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"

	"github.com/poold/poold/x/smartpool/types"
)

// NewTxCmd returns the `tx smartpool` command with the hand-written subcommands.
func NewTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Smart pool transactions: create pools, swap, join and exit",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		NewCreatePoolCmd(),
		NewSwapExactAmountInCmd(),
		NewSwapExactAmountOutCmd(),
		NewSetBreakersCmd(),
		NewSetFeePolicyCmd(),
		NewSetStrategyCmd(),
		NewSplitRouteSwapExactAmountInCmd(),
		NewSplitRouteSwapExactAmountOutCmd(),
	)
	return cmd
}
