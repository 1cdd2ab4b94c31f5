package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
)

// restStatus is the body of a failed REST query: its gRPC status.
type restStatus struct {
	Code    codes.Code `json:"code"`
	Message string     `json:"message"`
}

// restError GETs path from the node's REST server, expecting a failure, and
// returns the HTTP status and the body's gRPC status.
func (n *node) restError(path string) (int, restStatus) {
	n.t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d%s", n.apiPort, path))
	require.NoError(n.t, err)
	defer resp.Body.Close()
	bz, err := io.ReadAll(resp.Body)
	require.NoError(n.t, err)
	var st restStatus
	require.NoError(n.t, json.Unmarshal(bz, &st), "%s: %s", path, bz)
	return resp.StatusCode, st
}

// checkRESTErrors asks the node's REST server for failing queries on pool,
// a pool of uatom and uusdc created less than an hour ago: each answers with
// the HTTP status of its gRPC code (404 for what does not exist, 400 for a
// bad request or one the pool's state refuses) and a body whose code field
// is that gRPC code.
func (n *node) checkRESTErrors(pool int) {
	n.t.Helper()
	p := fmt.Sprintf("/poold/smartpool/v1/pools/%d", pool)
	in := fmt.Sprintf("/poold/smartpool/v1/estimate/swap_exact_amount_in?route_pool_ids=%d&route_token_out_denoms=uusdc&token_in=", pool)
	for _, c := range []struct {
		path     string
		wantHTTP int
		wantCode codes.Code
	}{
		{"/poold/smartpool/v1/pools/999", http.StatusNotFound, codes.NotFound},
		{"/poold/smartpool/v1/pools/abc", http.StatusBadRequest, codes.InvalidArgument},
		{"/poold/smartpool/v1/pools/999/spot_price?base_asset_denom=uatom&quote_asset_denom=uusdc", http.StatusNotFound, codes.NotFound},
		{p + "/spot_price?base_asset_denom=1bad&quote_asset_denom=uusdc", http.StatusBadRequest, codes.InvalidArgument},
		{p + "/spot_price?base_asset_denom=ufoo&quote_asset_denom=uusdc", http.StatusBadRequest, codes.InvalidArgument},
		{in + "abc", http.StatusBadRequest, codes.InvalidArgument},
		{in + "-5uatom", http.StatusBadRequest, codes.InvalidArgument},
		{in + "1000000000000uatom", http.StatusBadRequest, codes.FailedPrecondition}, // past the max in ratio
		{p + "/twap?base_asset_denom=uatom&quote_asset_denom=uusdc&window=3600s", http.StatusNotFound, codes.NotFound},
		{p + "/fees?window=-5s", http.StatusBadRequest, codes.InvalidArgument},
	} {
		got, st := n.restError(c.path)
		require.Equal(n.t, c.wantHTTP, got, "%s: %+v", c.path, st)
		require.Equal(n.t, c.wantCode, st.Code, "%s: %+v", c.path, st)
	}
	_, st := n.restError("/poold/smartpool/v1/pools/999")
	require.Contains(n.t, st.Message, "codespace smartpool code 2: pool not found")
}
