package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadPoolFile(t *testing.T) {
	write := func(content string) string {
		p := filepath.Join(t.TempDir(), "pool.json")
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	assets, fee, err := readPoolFile(write(`{"assets":[{"denom":"uatom","amount":"100","weight":"80"},{"denom":"upool","amount":"25","weight":"20"}],"swap_fee":"0.003"}`))
	require.NoError(t, err)
	require.Len(t, assets, 2)
	require.Equal(t, "80", assets[0].Weight.String())
	require.Equal(t, "0.003000000000000000", fee.String())

	for name, content := range map[string]string{
		"malformed JSON":   `{"assets": [`,
		"unknown field":    `{"assets":[],"swap_fee":"0.01","fees":"1"}`,
		"amount not a int": `{"assets":[{"denom":"uatom","amount":"1.5","weight":"1"}],"swap_fee":"0.01"}`,
		"weight not a int": `{"assets":[{"denom":"uatom","amount":"1","weight":"x"}],"swap_fee":"0.01"}`,
		"fee not a dec":    `{"assets":[{"denom":"uatom","amount":"1","weight":"1"}],"swap_fee":"lots"}`,
	} {
		_, _, err := readPoolFile(write(content))
		require.Error(t, err, name)
	}
	_, _, err = readPoolFile(filepath.Join(t.TempDir(), "missing.json"))
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
