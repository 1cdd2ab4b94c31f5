package cli

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReadPoolFile(t *testing.T) {
	write := func(content string) string {
		p := filepath.Join(t.TempDir(), "pool.json")
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	msg, err := readPoolFile(write(`{"assets":[{"denom":"uatom","amount":"100","weight":"80"},{"denom":"upool","amount":"25","weight":"20"}],"swap_fee":"0.003"}`), now)
	require.NoError(t, err)
	require.Len(t, msg.Assets, 2)
	require.Equal(t, "80", msg.Assets[0].Weight.String())
	require.Equal(t, "0.003000000000000000", msg.SwapFee.String())
	require.Empty(t, msg.Controller)
	require.Nil(t, msg.WeightSchedule)

	msg, err = readPoolFile(write(`{"assets":[{"denom":"uatom","amount":"100","weight":"90"},{"denom":"upool","amount":"25","weight":"10"}],"swap_fee":"0.01",
	  "controller":"pool1abc","rights":{"pause_swaps":true,"change_weights":true},"timelock":"90s","share_cap":"500","max_normalized_weight":"0.95",
	  "weight_schedule":{"duration":"5m","target_weights":["10","90"]}}`), now)
	require.NoError(t, err)
	require.Equal(t, "pool1abc", msg.Controller)
	require.True(t, msg.Rights.PauseSwaps && msg.Rights.ChangeWeights && !msg.Rights.ChangeSwapFee)
	require.Equal(t, 90*time.Second, msg.Timelock)
	require.Equal(t, "500", msg.ShareCap.String())
	require.Equal(t, "0.950000000000000000", msg.MaxNormalizedWeight.String())
	require.Equal(t, now, msg.WeightSchedule.StartTime)
	require.Equal(t, now.Add(5*time.Minute), msg.WeightSchedule.EndTime)
	require.Equal(t, "90", msg.WeightSchedule.TargetWeights[1].String())

	for name, content := range map[string]string{
		"malformed JSON":   `{"assets": [`,
		"unknown field":    `{"assets":[],"swap_fee":"0.01","fees":"1"}`,
		"amount not a int": `{"assets":[{"denom":"uatom","amount":"1.5","weight":"1"}],"swap_fee":"0.01"}`,
		"weight not a int": `{"assets":[{"denom":"uatom","amount":"1","weight":"x"}],"swap_fee":"0.01"}`,
		"fee not a dec":    `{"assets":[{"denom":"uatom","amount":"1","weight":"1"}],"swap_fee":"lots"}`,
		"bad timelock":     `{"assets":[],"swap_fee":"0.01","timelock":"soon"}`,
		"bad share cap":    `{"assets":[],"swap_fee":"0.01","share_cap":"-"}`,
		"schedule no end":  `{"assets":[],"swap_fee":"0.01","weight_schedule":{"target_weights":["1"]}}`,
		"schedule both":    `{"assets":[],"swap_fee":"0.01","weight_schedule":{"end_time":"2026-01-01T00:00:00Z","duration":"1h"}}`,
		"schedule weight":  `{"assets":[],"swap_fee":"0.01","weight_schedule":{"duration":"1h","target_weights":["x"]}}`,
	} {
		_, err := readPoolFile(write(content), now)
		require.Error(t, err, name)
	}
	_, err = readPoolFile(filepath.Join(t.TempDir(), "missing.json"), now)
	require.Error(t, err)
}

func TestParseWeightedDeposits(t *testing.T) {
	assets, err := parseWeightedDeposits("100uatom:50,200uusdc:50")
	require.NoError(t, err)
	require.Len(t, assets, 2)
	require.Equal(t, "200", assets[1].Balance.String())
	for _, bad := range []string{"100uatom", "100uatom:x", "uatom:50", ""} {
		_, err := parseWeightedDeposits(bad)
		require.Error(t, err, bad)
	}
}
