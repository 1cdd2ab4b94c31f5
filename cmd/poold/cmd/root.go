// Package cmd builds poold's command tree.
package cmd

import (
	"os"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cobra"

	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/codec/address"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/cosmos-sdk/version"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	txmodule "github.com/cosmos/cosmos-sdk/x/auth/tx/config"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/poold/poold/app"
)

// NewRootCmd returns poold's root command.
func NewRootCmd() *cobra.Command {
	version.AppName = app.AppName
	tempDir, err := os.MkdirTemp("", "poold-cli")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tempDir)
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(tempDir))

	initClientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithTxConfig(tempApp.TxConfig()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(app.DefaultNodeHome).
		WithViper("POOLD")

	rootCmd := &cobra.Command{
		Use:           app.AppName,
		Short:         "poold: a Cosmos chain of Balancer-style smart pools",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())

			initClientCtx = initClientCtx.WithCmdContext(cmd.Context())
			initClientCtx, err := client.ReadPersistentCommandFlags(initClientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			initClientCtx, err = config.ReadFromClientConfig(initClientCtx)
			if err != nil {
				return err
			}
			if !initClientCtx.Offline {
				txConfig, err := authtx.NewTxConfigWithOptions(initClientCtx.Codec, authtx.ConfigOptions{
					EnabledSignModes:           append(authtx.DefaultSignModes, signing.SignMode_SIGN_MODE_TEXTUAL),
					TextualCoinMetadataQueryFn: txmodule.NewGRPCCoinMetadataQueryFn(initClientCtx),
				})
				if err != nil {
					return err
				}
				initClientCtx = initClientCtx.WithTxConfig(txConfig)
			}
			if err := client.SetCmdClientContextHandler(initClientCtx, cmd); err != nil {
				return err
			}
			appTemplate, appConfig := initAppConfig()
			return server.InterceptConfigsPreRunHandler(cmd, appTemplate, appConfig, initCometConfig())
		},
	}

	initRootCmd(rootCmd, tempApp)

	autoCliOpts := autoCLIOptions(tempApp)
	autoCliOpts.ClientCtx = initClientCtx
	if err := enhanceRootCommand(autoCliOpts, rootCmd); err != nil {
		panic(err)
	}
	requireTransferArgs(rootCmd)
	return rootCmd
}

func autoCLIOptions(a *app.App) autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule)
	for name, m := range a.ModuleManager.Modules {
		if am, ok := m.(appmodule.AppModule); ok {
			modules[name] = am
		}
	}
	_ = module.HasName(nil)
	return autocli.AppOptions{
		Modules:               modules,
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(a.ModuleManager.Modules),
		AddressCodec:          address.NewBech32Codec(app.Bech32PrefixAccAddr),
		ValidatorAddressCodec: address.NewBech32Codec(app.Bech32PrefixValAddr),
		ConsensusAddressCodec: address.NewBech32Codec(app.Bech32PrefixConsAddr),
	}
}
