package cli

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseBreakers(t *testing.T) {
	b, err := parseBreakers(BreakersFile{MaxPriceDeviation: "0.1", Window: "30m", MaxBlockOutflow: "0.2"})
	require.NoError(t, err)
	require.Equal(t, "0.100000000000000000", b.MaxPriceDeviation.String())
	require.Equal(t, 30*time.Minute, b.Window)
	require.True(t, b.AlertThreshold.IsZero(), "omitted is off")
	for _, bad := range []BreakersFile{
		{MaxPriceDeviation: "ten"}, {Window: "soon"}, {MaxBlockOutflow: "1.5"}, {AlertThreshold: "-0.1"}, {Window: "-1m"},
	} {
		_, err := parseBreakers(bad)
		require.Error(t, err, "%+v", bad)
	}
}
