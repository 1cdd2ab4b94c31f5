package cli

import (
	"encoding/json"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/types"
)

func TestParseFeePolicy(t *testing.T) {
	var f FeePolicyFile
	require.NoError(t, json.Unmarshal([]byte(`{"volatility": {"k": "0.05", "min_fee": "0.001", "max_fee": "0.03", "window": "1h"},
		"direction": {"rebate": "0.5", "surcharge": "0.5", "window": "30m"},
		"tiers": [{"min_in_ratio": "0.05", "extra_fee": "0.002"}, {"min_in_ratio": "0.2", "extra_fee": "0.01"}]}`), &f))
	p, err := parseFeePolicy(f)
	require.NoError(t, err)
	require.Equal(t, "0.050000000000000000", p.Volatility.K.String())
	require.Equal(t, time.Hour, p.Volatility.Window)
	require.Equal(t, 30*time.Minute, p.Direction.Window)
	require.Len(t, p.Tiers, 2)
	for _, bad := range []string{
		`{"volatility": {"k": "lots", "window": "1h"}}`,
		`{"volatility": {"k": "0.1", "window": "soon"}}`,
		`{"volatility": {"k": "0.1", "min_fee": "0.05", "max_fee": "0.01", "window": "1h"}}`,
		`{"direction": {"rebate": "1.5", "window": "1m"}}`,
		`{"direction": {"rebate": "0.5"}}`,
		`{"tiers": [{"min_in_ratio": "0.2", "extra_fee": "0.01"}, {"min_in_ratio": "0.1", "extra_fee": "0.02"}]}`,
		`{"tiers": [{"min_in_ratio": "0.1", "extra_fee": "0.02"}, {"min_in_ratio": "0.2", "extra_fee": "0.01"}]}`,
	} {
		var f FeePolicyFile
		require.NoError(t, json.Unmarshal([]byte(bad), &f))
		_, err := parseFeePolicy(f)
		require.Error(t, err, bad)
	}
}

func TestParseRoute(t *testing.T) {
	ids, denoms, amount, err := parseRoute("1:uusdc,2:uatom=5000")
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, ids)
	require.Equal(t, []string{"uusdc", "uatom"}, denoms)
	require.Equal(t, "5000", amount.String())
	for _, bad := range []string{"1:uusdc", "1:uusdc=0", "1:uusdc=-5", "1:uusdc=x", "x:uusdc=5", "1=5", "1:=5", ":uusdc=5"} {
		_, _, _, err := parseRoute(bad)
		require.Error(t, err, bad)
	}
}

func TestParseManagementFee(t *testing.T) {
	recipient := sdk.AccAddress([]byte("recipient___________")).String()
	c, err := parseManagementFee(ManagementFeeFile{AnnualRate: "0.02", Recipient: recipient})
	require.NoError(t, err)
	require.Equal(t, "0.020000000000000000", c.AnnualRate.String())
	require.Equal(t, recipient, c.Recipient)
	for _, bad := range []ManagementFeeFile{{AnnualRate: "two"}, {AnnualRate: "0.9", Recipient: recipient}, {AnnualRate: "0.01", Recipient: "nobody"}, {AnnualRate: "0.01"}} {
		_, err := parseManagementFee(bad)
		require.Error(t, err, "%+v", bad)
	}
}

func TestParseCurve(t *testing.T) {
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	s := types.WeightScheduleChange{StartTime: end.Add(-time.Hour), EndTime: end, TargetWeights: []sdkmath.Int{sdkmath.NewInt(20), sdkmath.NewInt(80)}}
	require.NoError(t, parseCurve(&s, "6h", []WaypointFile{{After: "2h", Weights: []string{"50", "50"}}, {Time: "2026-12-02T00:00:00Z", Weights: []string{"30", "70"}}}))
	require.Equal(t, 6*time.Hour, s.HalfLife)
	require.Equal(t, end.Add(2*time.Hour), s.Waypoints[0].Time)
	require.Equal(t, end.Add(24*time.Hour), s.Waypoints[1].Time)
	for _, bad := range [][]WaypointFile{
		{{Weights: []string{"1", "1"}}},                                            // no time
		{{After: "1h", Time: "2026-12-02T00:00:00Z", Weights: []string{"1", "1"}}}, // both
		{{After: "-1h", Weights: []string{"1", "1"}}},                              // before the end
		{{After: "1h", Weights: []string{"1"}}},                                    // wrong count
		{{After: "1h", Weights: []string{"x", "1"}}},
	} {
		c := types.WeightScheduleChange{StartTime: s.StartTime, EndTime: end, TargetWeights: s.TargetWeights}
		require.Error(t, parseCurve(&c, "", bad), "%+v", bad)
	}
	c := types.WeightScheduleChange{StartTime: s.StartTime, EndTime: end, TargetWeights: s.TargetWeights}
	require.Error(t, parseCurve(&c, "soon", nil))
}

func TestParseStrategy(t *testing.T) {
	s, err := decodeStrategy(`{"rule":"power_channel","interval":"30m","memory":"0.9","kappa":"3","exponent":"2",
		"rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.02"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if s.Kind != types.RULE_KIND_POWER_CHANNEL || s.Interval != 30*time.Minute || s.Exponent.String() != "2.000000000000000000" ||
		s.Rails.MaxChangePerDay.String() != "86400.000000000000000000" {
		t.Fatalf("parsed %+v", s)
	}
	for _, bad := range []string{
		`{"rule":"trend","interval":"1h","memory":"0.5","kappa":"1","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.1"}}`,
		`{"rule":"momentum","interval":"1h","memory":"1","kappa":"1","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.1"}}`,
		`{"rule":"momentum","interval":"1h","memory":"0.5","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.1"}}`,
		`{"rule":"momentum","interval":"soon","memory":"0.5","kappa":"1","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.1"}}`,
		`{"rule":"momentum","interval":"1h","memory":"0.5","kappa":"1","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.1"},"extra":1}`,
		`{"rule":"floor","interval":"1h","numeraire":"uusdc","rails":{"min_weight":"0.1","max_weight":"0.9","max_change_per_update":"0.1"}}`,
	} {
		if _, err := decodeStrategy(bad); err == nil {
			t.Fatalf("accepted %s", bad)
		}
	}
}
