// Command poold is the poold node and client.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/poold/poold/app"
	"github.com/poold/poold/cmd/poold/cmd"
)

func main() {
	if err := svrcmd.Execute(cmd.NewRootCmd(), "POOLD", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
