package cmd

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	cmtconfig "github.com/cometbft/cometbft/config"
	cmttime "github.com/cometbft/cometbft/types/time"
	"github.com/spf13/cobra"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/poold/poold/app"
)

const (
	flagValidatorCount = "validator-count"
	flagOutputDir      = "output-dir"
	flagStartingPort   = "starting-port"
)

// Each node i listens on startingPort + portsPerNode·i + {0: p2p, 1: rpc,
// 2: grpc, 3: api, 4: abci, 5: pprof}, all on 127.0.0.1.
const portsPerNode = 10

// testnetCmd groups the multi-validator testnet commands.
func testnetCmd(basics module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "testnet",
		Short: "Create a multi-validator test network on this machine",
		RunE:  client.ValidateCmd,
	}
	cmd.AddCommand(testnetInitFilesCmd(basics))
	return cmd
}

func testnetInitFilesCmd(basics module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init-files",
		Short: "Write the home directories of an N-validator network on 127.0.0.1",
		Long: `Writes <output-dir>/node0 ... node<N-1>, each a poold home with its own
validator key, consensus key and test-backend keyring, one shared genesis
with every validator's gentx, and peers wired to each other. Start each node
with "poold start --home <output-dir>/node<i>". Node i uses the ports
starting-port + 10·i + {0 p2p, 1 rpc, 2 grpc, 3 api, 4 abci, 5 pprof}.`,
		Example: fmt.Sprintf(`%[1]s testnet init-files --validator-count 4 --output-dir ./testnet
%[1]s start --home ./testnet/node0`, "poold"),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			n, _ := cmd.Flags().GetInt(flagValidatorCount)
			out, _ := cmd.Flags().GetString(flagOutputDir)
			chainID, _ := cmd.Flags().GetString(flags.FlagChainID)
			port, _ := cmd.Flags().GetInt(flagStartingPort)
			if n < 1 || n > 50 {
				return fmt.Errorf("--%s must be between 1 and 50, got %d", flagValidatorCount, n)
			}
			if port < 1024 || port+portsPerNode*n > 65535 {
				return fmt.Errorf("--%s %d leaves no room for %d nodes", flagStartingPort, port, n)
			}
			if chainID == "" {
				chainID = "poolnet-testnet"
			}
			net := testnetLayout{clientCtx: clientCtx, basics: basics, dir: out, chainID: chainID, nodes: n, startingPort: port}
			if err := net.write(cmd); err != nil {
				return err
			}
			cmd.Printf("wrote %d validator homes under %s (chain-id %s)\n", n, out, chainID)
			return nil
		},
	}
	cmd.Flags().Int(flagValidatorCount, 4, "number of validators")
	cmd.Flags().String(flagOutputDir, "./testnet", "directory for the node homes")
	cmd.Flags().String(flags.FlagChainID, "", "chain id (default poolnet-testnet)")
	cmd.Flags().Int(flagStartingPort, 36600, "first port of node0; each node takes 10")
	return cmd
}

type testnetLayout struct {
	clientCtx    client.Context
	basics       module.BasicManager
	dir, chainID string
	nodes        int
	startingPort int
}

func (l testnetLayout) port(node, offset int) int {
	return l.startingPort + portsPerNode*node + offset
}

type testnetNode struct {
	config *cmtconfig.Config
	nodeID string
	valKey cryptotypes.PubKey
}

func (l testnetLayout) write(cmd *cobra.Command) error {
	gentxDir := filepath.Join(l.dir, "gentxs")
	if err := os.MkdirAll(gentxDir, 0o755); err != nil {
		return err
	}
	var (
		nodes    []testnetNode
		accounts []authtypes.GenesisAccount
		balances []banktypes.Balance
	)
	for i := 0; i < l.nodes; i++ {
		node, addr, err := l.writeNode(cmd, i, gentxDir)
		if err != nil {
			return fmt.Errorf("node%d: %w", i, err)
		}
		nodes = append(nodes, node)
		accounts = append(accounts, authtypes.NewBaseAccount(addr, nil, 0, 0))
		balances = append(balances, banktypes.Balance{Address: addr.String(), Coins: testnetFunds()})
	}
	genesis, err := l.genesis(accounts, balances)
	if err != nil {
		return err
	}
	genTime := cmttime.Now()
	for i, node := range nodes {
		appGenesis := genutiltypes.NewAppGenesisWithVersion(l.chainID, genesis)
		appGenesis.GenesisTime = genTime
		initCfg := genutiltypes.NewInitConfig(l.chainID, gentxDir, node.nodeID, node.valKey)
		// Collects every gentx, sets the peers in config.toml and writes genesis.json.
		if _, err := genutil.GenAppStateFromConfig(l.clientCtx.Codec, l.clientCtx.TxConfig, node.config, initCfg,
			appGenesis, banktypes.GenesisBalancesIterator{}, genutiltypes.DefaultMessageValidator,
			l.clientCtx.TxConfig.SigningContext().ValidatorAddressCodec()); err != nil {
			return fmt.Errorf("node%d genesis: %w", i, err)
		}
	}
	return nil
}

// testnetFunds is what every validator account starts with: stake plus the
// demo denoms, so pools can be created straight away.
func testnetFunds() sdk.Coins {
	coins := sdk.NewCoins()
	for _, d := range []string{app.BondDenom, "uatom", "ueth", "uusdc"} {
		coins = coins.Add(sdk.NewInt64Coin(d, 1_000_000_000_000))
	}
	return coins
}

// writeNode creates node i's home, keys, configs and gentx.
func (l testnetLayout) writeNode(cmd *cobra.Command, i int, gentxDir string) (testnetNode, sdk.AccAddress, error) {
	name := fmt.Sprintf("node%d", i)
	home := filepath.Join(l.dir, name)
	config := cmtconfig.DefaultConfig()
	config.SetRoot(home)
	config.Moniker = name
	config.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", l.port(i, 0))
	config.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", l.port(i, 1))
	config.ProxyApp = fmt.Sprintf("tcp://127.0.0.1:%d", l.port(i, 4))
	config.RPC.PprofListenAddress = fmt.Sprintf("127.0.0.1:%d", l.port(i, 5))
	config.P2P.AllowDuplicateIP = true
	config.P2P.AddrBookStrict = false
	config.Consensus.TimeoutCommit = time.Second
	if err := os.MkdirAll(filepath.Join(home, "config"), 0o755); err != nil {
		return testnetNode{}, nil, err
	}
	nodeID, valKey, err := genutil.InitializeNodeValidatorFiles(config)
	if err != nil {
		return testnetNode{}, nil, err
	}

	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, bufio.NewReader(cmd.InOrStdin()), l.clientCtx.Codec)
	if err != nil {
		return testnetNode{}, nil, err
	}
	record, mnemonic, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	if err != nil {
		return testnetNode{}, nil, err
	}
	addr, err := record.GetAddress()
	if err != nil {
		return testnetNode{}, nil, err
	}
	if err := writeJSON(filepath.Join(home, "key_seed.json"), map[string]string{"name": name, "address": addr.String(), "mnemonic": mnemonic}); err != nil {
		return testnetNode{}, nil, err
	}

	stake := sdk.NewCoin(app.BondDenom, sdk.DefaultPowerReduction.MulRaw(100_000))
	msg, err := stakingtypes.NewMsgCreateValidator(sdk.ValAddress(addr).String(), valKey, stake,
		stakingtypes.NewDescription(name, "", "", "", ""),
		stakingtypes.NewCommissionRates(sdkmath.LegacyNewDecWithPrec(1, 1), sdkmath.LegacyNewDecWithPrec(2, 1), sdkmath.LegacyNewDecWithPrec(1, 2)),
		sdkmath.OneInt())
	if err != nil {
		return testnetNode{}, nil, err
	}
	builder := l.clientCtx.TxConfig.NewTxBuilder()
	if err := builder.SetMsgs(msg); err != nil {
		return testnetNode{}, nil, err
	}
	memo := fmt.Sprintf("%s@%s", nodeID, net.JoinHostPort("127.0.0.1", fmt.Sprint(l.port(i, 0))))
	builder.SetMemo(memo)
	builder.SetGasLimit(flags.DefaultGasLimit)
	factory := tx.Factory{}.WithChainID(l.chainID).WithMemo(memo).WithKeybase(kr).WithTxConfig(l.clientCtx.TxConfig)
	if err := tx.Sign(cmd.Context(), factory, name, builder, true); err != nil {
		return testnetNode{}, nil, err
	}
	bz, err := l.clientCtx.TxConfig.TxJSONEncoder()(builder.GetTx())
	if err != nil {
		return testnetNode{}, nil, err
	}
	if err := os.WriteFile(filepath.Join(gentxDir, name+".json"), bz, 0o644); err != nil {
		return testnetNode{}, nil, err
	}

	appConfig := serverconfig.DefaultConfig()
	appConfig.MinGasPrices = "0" + app.BondDenom
	appConfig.API.Enable = true
	appConfig.API.Address = fmt.Sprintf("tcp://127.0.0.1:%d", l.port(i, 3))
	appConfig.GRPC.Address = fmt.Sprintf("127.0.0.1:%d", l.port(i, 2))
	serverconfig.WriteConfigFile(filepath.Join(home, "config", "app.toml"), appConfig)
	return testnetNode{config: config, nodeID: nodeID, valKey: valKey}, addr, nil
}

// genesis is the chain's default genesis with the validators' accounts funded.
func (l testnetLayout) genesis(accounts []authtypes.GenesisAccount, balances []banktypes.Balance) (json.RawMessage, error) {
	cdc := l.clientCtx.Codec
	state := l.basics.DefaultGenesis(cdc)

	var authGenesis authtypes.GenesisState
	cdc.MustUnmarshalJSON(state[authtypes.ModuleName], &authGenesis)
	packed, err := authtypes.PackAccounts(accounts)
	if err != nil {
		return nil, err
	}
	authGenesis.Accounts = append(authGenesis.Accounts, packed...)
	state[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGenesis)

	var bankGenesis banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bankGenesis)
	bankGenesis.Balances = append(bankGenesis.Balances, balances...)
	for _, b := range balances {
		bankGenesis.Supply = bankGenesis.Supply.Add(b.Coins...)
	}
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGenesis)
	return json.MarshalIndent(state, "", "  ")
}

func writeJSON(path string, v any) error {
	bz, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, bz, 0o600)
}
