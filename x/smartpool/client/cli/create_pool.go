package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	sdkmath "cosmossdk.io/math"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/poold/poold/x/smartpool/types"
)

const flagPoolFile = "pool-file"

// PoolFile is the JSON description of a pool taken by create-pool --pool-file.
type PoolFile struct {
	Assets []struct {
		Denom  string `json:"denom"`
		Amount string `json:"amount"`
		Weight string `json:"weight"`
	} `json:"assets"`
	SwapFee string `json:"swap_fee"`
}

// NewCreatePoolCmd returns `tx smartpool create-pool`.
func NewCreatePoolCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "create-pool [weighted-deposits swap-fee | --pool-file pool.json]",
		Short: "Create a weighted pool from initial deposits; you receive 100 shares (10^20 base units)",
		Long: `Create a weighted pool. Describe it either by a JSON file:

  {
    "assets": [
      {"denom": "uatom", "amount": "100000000", "weight": "80"},
      {"denom": "upool", "amount": "25000000",  "weight": "20"}
    ],
    "swap_fee": "0.003"
  }

or inline as comma-separated amount+denom:weight deposits followed by the swap fee.
Weights are raw integers; a pool's normalized weights are weight / sum of weights.
The params' pool_creation_fee is charged and sent to the community pool.`,
		Example: fmt.Sprintf(`%[1]s tx smartpool create-pool --pool-file pool.json --from alice
%[1]s tx smartpool create-pool 100000000uatom:50,100000000upool:50 0.003 --from alice`, app),
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			path, _ := cmd.Flags().GetString(flagPoolFile)
			var assets []types.PoolAsset
			var fee sdkmath.LegacyDec
			switch {
			case path != "" && len(args) == 0:
				assets, fee, err = readPoolFile(path)
			case path == "" && len(args) == 2:
				assets, err = parseWeightedDeposits(args[0])
				if err == nil {
					fee, err = sdkmath.LegacyNewDecFromStr(args[1])
				}
			default:
				return fmt.Errorf("give either --%s or the two arguments weighted-deposits and swap-fee", flagPoolFile)
			}
			if err != nil {
				return err
			}
			msg := &types.MsgCreatePool{Sender: clientCtx.GetFromAddress().String(), Assets: assets, SwapFee: fee}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().String(flagPoolFile, "", "JSON file describing the pool (see --help)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func readPoolFile(path string) ([]types.PoolAsset, sdkmath.LegacyDec, error) {
	bz, err := os.ReadFile(path)
	if err != nil {
		return nil, sdkmath.LegacyDec{}, err
	}
	var pf PoolFile
	dec := json.NewDecoder(strings.NewReader(string(bz)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pf); err != nil {
		return nil, sdkmath.LegacyDec{}, fmt.Errorf("pool file %s is not valid JSON for a pool: %w", path, err)
	}
	assets := make([]types.PoolAsset, 0, len(pf.Assets))
	for i, a := range pf.Assets {
		amount, ok := sdkmath.NewIntFromString(a.Amount)
		if !ok {
			return nil, sdkmath.LegacyDec{}, fmt.Errorf("assets[%d].amount %q is not an integer", i, a.Amount)
		}
		weight, ok := sdkmath.NewIntFromString(a.Weight)
		if !ok {
			return nil, sdkmath.LegacyDec{}, fmt.Errorf("assets[%d].weight %q is not an integer", i, a.Weight)
		}
		assets = append(assets, types.PoolAsset{Denom: a.Denom, Balance: amount, Weight: weight})
	}
	fee, err := sdkmath.LegacyNewDecFromStr(pf.SwapFee)
	if err != nil {
		return nil, sdkmath.LegacyDec{}, fmt.Errorf("swap_fee %q: %w", pf.SwapFee, err)
	}
	return assets, fee, nil
}

// parseWeightedDeposits parses "100uatom:50,100upool:50".
func parseWeightedDeposits(s string) ([]types.PoolAsset, error) {
	var assets []types.PoolAsset
	for _, part := range strings.Split(s, ",") {
		coinStr, weightStr, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return nil, fmt.Errorf("deposit %q: want amount+denom:weight, e.g. 100000000uatom:50", part)
		}
		coin, err := sdk.ParseCoinNormalized(coinStr)
		if err != nil {
			return nil, fmt.Errorf("deposit %q: %w", part, err)
		}
		weight, ok := sdkmath.NewIntFromString(weightStr)
		if !ok {
			return nil, fmt.Errorf("deposit %q: weight %q is not an integer", part, weightStr)
		}
		assets = append(assets, types.PoolAsset{Denom: coin.Denom, Balance: coin.Amount, Weight: weight})
	}
	return assets, nil
}
