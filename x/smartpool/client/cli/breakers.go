package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/poold/poold/x/smartpool/types"
)

// BreakersFile is the JSON form of circuit breakers, with decimals as "0.1"
// and the window as a Go duration ("30m"); omitted fields are off.
type BreakersFile struct {
	MaxPriceDeviation string `json:"max_price_deviation"`
	Window            string `json:"window"`
	MaxBlockOutflow   string `json:"max_block_outflow"`
	AlertThreshold    string `json:"alert_threshold"`
}

// parseBreakers turns a BreakersFile into breakers.
func parseBreakers(f BreakersFile) (*types.CircuitBreakers, error) {
	b := &types.CircuitBreakers{
		MaxPriceDeviation: sdkmath.LegacyZeroDec(), MaxBlockOutflow: sdkmath.LegacyZeroDec(), AlertThreshold: sdkmath.LegacyZeroDec(),
	}
	for _, d := range []struct {
		name, value string
		into        *sdkmath.LegacyDec
	}{
		{"max_price_deviation", f.MaxPriceDeviation, &b.MaxPriceDeviation},
		{"max_block_outflow", f.MaxBlockOutflow, &b.MaxBlockOutflow},
		{"alert_threshold", f.AlertThreshold, &b.AlertThreshold},
	} {
		if d.value == "" {
			continue
		}
		v, err := sdkmath.LegacyNewDecFromStr(d.value)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", d.name, d.value, err)
		}
		*d.into = v
	}
	if f.Window != "" {
		w, err := time.ParseDuration(f.Window)
		if err != nil {
			return nil, fmt.Errorf("window %q: %w", f.Window, err)
		}
		b.Window = w
	}
	return b, b.Validate()
}

// NewSetBreakersCmd returns `tx smartpool set-breakers`.
func NewSetBreakersCmd() *cobra.Command {
	app := version.AppName
	cmd := &cobra.Command{
		Use:   "set-breakers <pool-id> <breakers-json | default>",
		Short: "Queue new circuit breakers for a pool behind its time-lock (right change_breakers)",
		Long: `Queue new circuit breakers for a pool; they apply when the pool's time-lock
has passed. Give them as JSON, omitted fields off:

  {"max_price_deviation": "0.1", "window": "30m", "max_block_outflow": "0.2", "alert_threshold": "0.05"}

max_price_deviation refuses swaps, single-asset and uneven joins and exits that
would leave any pair's spot price further than that fraction from its TWAP over
window (unless they move it closer); max_block_outflow caps how much of each
asset, per pool share, may leave within one block; alert_threshold emits
EventDeviationAlert when the largest pair deviation from the TWAP crosses it.
Proportional joins and exits are never checked. "default" drops the pool's own
breakers, so the module params' default_breakers apply.`,
		Example: fmt.Sprintf(`%[1]s tx smartpool set-breakers 1 '{"max_price_deviation":"0.1","window":"30m","max_block_outflow":"0.2"}' --from alice
%[1]s tx smartpool set-breakers 1 default --from alice`, app),
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			poolID, err := strconv.ParseUint(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("pool id %q: %w", args[0], err)
			}
			msg := &types.MsgSetBreakers{Sender: clientCtx.GetFromAddress().String(), PoolId: poolID}
			if args[1] != "default" {
				var f BreakersFile
				dec := json.NewDecoder(strings.NewReader(args[1]))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&f); err != nil {
					return fmt.Errorf("breakers %q are not valid JSON for breakers: %w", args[1], err)
				}
				if msg.Breakers, err = parseBreakers(f); err != nil {
					return err
				}
			}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
