package cmd

import "github.com/spf13/cobra"

// requireTransferArgs makes `tx ibc-transfer transfer` take exactly its four
// arguments. ibc-go v11's command accepts two to four and then reads the
// fourth, so a missing one (say, an empty $RECEIVER in a script) panicked
// with an index out of range instead of a usage error.
func requireTransferArgs(rootCmd *cobra.Command) {
	cmd, _, err := rootCmd.Find([]string{"tx", "ibc-transfer", "transfer"})
	if err != nil || cmd.Name() != "transfer" {
		return
	}
	cmd.Args = cobra.ExactArgs(4)
}
