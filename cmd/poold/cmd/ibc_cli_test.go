package cmd_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/poold/poold/cmd/poold/cmd"
)

// TestIBCTransferMissingArgument: a transfer with an argument missing is a
// usage error, not a panic (ibc-go's command reads a fourth argument it
// does not require).
func TestIBCTransferMissingArgument(t *testing.T) {
	root := cmd.NewRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs([]string{"tx", "ibc-transfer", "transfer", "transfer", "channel-0", "5uatom", "--from", "alice",
		"--keyring-backend", "test"})
	var err error
	require.NotPanics(t, func() { err = root.Execute() })
	require.ErrorContains(t, err, "accepts 4 arg(s), received 3")
}
