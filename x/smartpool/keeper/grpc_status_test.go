package keeper_test

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	rpcclient "github.com/cometbft/cometbft/rpc/client"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/poold/poold/app"
	"github.com/poold/poold/x/smartpool/types"
)

// queryCase is one failing query and the gRPC code it must fail with.
type queryCase struct {
	method string // of the smartpool.v1.Query service
	name   string
	// req is the request; nil sends a nil request, which only an in-process
	// caller can: a request off the wire is never nil.
	req gogoproto.Message
	// setup, if set, changes the state the case runs on: in-process only,
	// on a branch of state the case throws away.
	setup func(t *testing.T, f *fixture, ctx sdk.Context)
	want  codes.Code
}

// queryErrorCases has at least one failure of every query, on
// errorFixture's pools.
func queryErrorCases(pool, paused uint64) []queryCase {
	const missing = 999
	hour, negative := time.Hour, -time.Second
	both := &query.PageRequest{Offset: 1, Key: []byte{1}}
	swapIn := func(tokenIn string, poolID uint64) *types.QueryEstimateSwapExactAmountInRequest {
		return &types.QueryEstimateSwapExactAmountInRequest{TokenIn: tokenIn, RoutePoolIds: []uint64{poolID}, RouteTokenOutDenoms: []string{"uusdc"}}
	}
	swapOut := func(tokenOut string, poolID uint64) *types.QueryEstimateSwapExactAmountOutRequest {
		return &types.QueryEstimateSwapExactAmountOutRequest{TokenOut: tokenOut, RoutePoolIds: []uint64{poolID}, RouteTokenInDenoms: []string{"uatom"}}
	}
	splitIn := func(poolID uint64, amount int64) *types.QueryEstimateSplitRouteSwapExactAmountInRequest {
		return &types.QueryEstimateSplitRouteSwapExactAmountInRequest{TokenInDenom: "uatom", Routes: []types.SwapAmountInSplitRoute{{
			Pools: []types.SwapAmountInRoute{{PoolId: poolID, TokenOutDenom: "uusdc"}}, TokenInAmount: sdkmath.NewInt(amount),
		}}}
	}
	splitOut := func(poolID uint64, amount int64) *types.QueryEstimateSplitRouteSwapExactAmountOutRequest {
		return &types.QueryEstimateSplitRouteSwapExactAmountOutRequest{TokenOutDenom: "uusdc", Routes: []types.SwapAmountOutSplitRoute{{
			Pools: []types.SwapAmountOutRoute{{PoolId: poolID, TokenInDenom: "uatom"}}, TokenOutAmount: sdkmath.NewInt(amount),
		}}}
	}
	return []queryCase{
		{method: "Params", name: "params missing from the store", want: codes.Internal,
			req: &types.QueryParamsRequest{}, setup: func(t *testing.T, f *fixture, ctx sdk.Context) {
				require.NoError(t, f.app.SmartPoolKeeper.Params.Remove(ctx))
			}},

		{method: "Pool", name: "missing pool", req: &types.QueryPoolRequest{PoolId: missing}, want: codes.NotFound},
		{method: "Pool", name: "nil request", want: codes.InvalidArgument},

		{method: "Pools", name: "offset and key", req: &types.QueryPoolsRequest{Pagination: both}, want: codes.InvalidArgument},

		{method: "DenomInfo", name: "no denom", req: &types.QueryDenomInfoRequest{}, want: codes.InvalidArgument},
		{method: "DenomInfo", name: "bad denom", req: &types.QueryDenomInfoRequest{Denom: "1bad"}, want: codes.InvalidArgument},
		{method: "DenomInfo", name: "nil request", want: codes.InvalidArgument},

		{method: "SpotPrice", name: "missing pool", req: &types.QuerySpotPriceRequest{PoolId: missing, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"}, want: codes.NotFound},
		{method: "SpotPrice", name: "bad denom", req: &types.QuerySpotPriceRequest{PoolId: pool, BaseAssetDenom: "1bad", QuoteAssetDenom: "uusdc"}, want: codes.InvalidArgument},
		{method: "SpotPrice", name: "denom not in pool", req: &types.QuerySpotPriceRequest{PoolId: pool, BaseAssetDenom: "ufoo", QuoteAssetDenom: "uusdc"}, want: codes.InvalidArgument},
		{method: "SpotPrice", name: "empty denoms", req: &types.QuerySpotPriceRequest{PoolId: pool}, want: codes.InvalidArgument},
		{method: "SpotPrice", name: "nil request", want: codes.InvalidArgument},

		{method: "TotalLiquidity", name: "missing pool", req: &types.QueryTotalLiquidityRequest{PoolId: missing}, want: codes.NotFound},
		{method: "TotalLiquidity", name: "nil request", want: codes.InvalidArgument},

		{method: "EstimateSwapExactAmountIn", name: "amount not a number", req: swapIn("abc", pool), want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountIn", name: "negative amount", req: swapIn("-5uatom", pool), want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountIn", name: "zero amount", req: swapIn("0uatom", pool), want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountIn", name: "fraction", req: swapIn("1.5uatom", pool), want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountIn", name: "route lengths differ", req: &types.QueryEstimateSwapExactAmountInRequest{TokenIn: "5uatom", RoutePoolIds: []uint64{pool}}, want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountIn", name: "denom not in pool", req: swapIn("5ufoo", pool), want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountIn", name: "missing pool", req: swapIn("5uatom", missing), want: codes.NotFound},
		{method: "EstimateSwapExactAmountIn", name: "paused pool", req: swapIn("5uatom", paused), want: codes.FailedPrecondition},
		{method: "EstimateSwapExactAmountIn", name: "max in ratio", req: swapIn("60000000uatom", pool), want: codes.FailedPrecondition},
		{method: "EstimateSwapExactAmountIn", name: "nil request", want: codes.InvalidArgument},

		{method: "EstimateSwapExactAmountOut", name: "amount not a number", req: swapOut("abc", pool), want: codes.InvalidArgument},
		{method: "EstimateSwapExactAmountOut", name: "missing pool", req: swapOut("5uusdc", missing), want: codes.NotFound},
		{method: "EstimateSwapExactAmountOut", name: "max out ratio", req: swapOut("199000000uusdc", pool), want: codes.FailedPrecondition},
		{method: "EstimateSwapExactAmountOut", name: "paused pool", req: swapOut("5uusdc", paused), want: codes.FailedPrecondition},
		{method: "EstimateSwapExactAmountOut", name: "nil request", want: codes.InvalidArgument},

		{method: "EstimateJoin", name: "bad sender", req: &types.QueryEstimateJoinRequest{PoolId: pool, TokensIn: "5uatom", Sender: "pool1bad"}, want: codes.InvalidArgument},
		{method: "EstimateJoin", name: "shares not a number", req: &types.QueryEstimateJoinRequest{PoolId: pool, ShareOutAmount: "abc"}, want: codes.InvalidArgument},
		{method: "EstimateJoin", name: "shares and tokens", req: &types.QueryEstimateJoinRequest{PoolId: pool, ShareOutAmount: "5", TokensIn: "5uatom"}, want: codes.InvalidArgument},
		{method: "EstimateJoin", name: "nothing to join with", req: &types.QueryEstimateJoinRequest{PoolId: pool}, want: codes.InvalidArgument},
		{method: "EstimateJoin", name: "missing pool", req: &types.QueryEstimateJoinRequest{PoolId: missing, ShareOutAmount: "5"}, want: codes.NotFound},
		{method: "EstimateJoin", name: "paused pool", req: &types.QueryEstimateJoinRequest{PoolId: paused, TokensIn: "5uatom"}, want: codes.FailedPrecondition},
		{method: "EstimateJoin", name: "shares past the hard maximum", req: &types.QueryEstimateJoinRequest{PoolId: pool, ShareOutAmount: "1" + strings.Repeat("0", 70)}, want: codes.FailedPrecondition},
		{method: "EstimateJoin", name: "nil request", want: codes.InvalidArgument},

		{method: "EstimateExit", name: "shares not a number", req: &types.QueryEstimateExitRequest{PoolId: pool, ShareInAmount: "abc"}, want: codes.InvalidArgument},
		{method: "EstimateExit", name: "every share", req: &types.QueryEstimateExitRequest{PoolId: pool, ShareInAmount: "100000000000000000000"}, want: codes.InvalidArgument},
		{method: "EstimateExit", name: "missing pool", req: &types.QueryEstimateExitRequest{PoolId: missing, ShareInAmount: "5"}, want: codes.NotFound},
		{method: "EstimateExit", name: "paused pool, one asset", req: &types.QueryEstimateExitRequest{PoolId: paused, ShareInAmount: "5", TokenOutDenom: "uatom"}, want: codes.FailedPrecondition},
		{method: "EstimateExit", name: "nil request", want: codes.InvalidArgument},

		{method: "PendingParamsChange", name: "unreadable pending change", want: codes.Internal,
			req: &types.QueryPendingParamsChangeRequest{}, setup: func(_ *testing.T, f *fixture, ctx sdk.Context) {
				ctx.KVStore(f.app.GetKey(types.StoreKey)).Set(types.PendingParamsKey, []byte{0xff, 0xff, 0xff})
			}},

		{method: "PoolPendingChanges", name: "missing pool", req: &types.QueryPoolPendingChangesRequest{PoolId: missing}, want: codes.NotFound},
		{method: "PoolPendingChanges", name: "nil request", want: codes.InvalidArgument},

		{method: "PendingChanges", name: "offset and key", req: &types.QueryPendingChangesRequest{Pagination: both}, want: codes.InvalidArgument},

		{method: "Twap", name: "missing pool", req: &types.QueryTwapRequest{PoolId: missing, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: &hour}, want: codes.NotFound},
		{method: "Twap", name: "no window", req: &types.QueryTwapRequest{PoolId: pool, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc"}, want: codes.InvalidArgument},
		{method: "Twap", name: "bad denom", req: &types.QueryTwapRequest{PoolId: pool, BaseAssetDenom: "1bad", QuoteAssetDenom: "uusdc", Window: &hour}, want: codes.InvalidArgument},
		{method: "Twap", name: "window before the pool", req: &types.QueryTwapRequest{PoolId: pool, BaseAssetDenom: "uatom", QuoteAssetDenom: "uusdc", Window: &hour}, want: codes.NotFound},
		{method: "Twap", name: "nil request", want: codes.InvalidArgument},

		{method: "PoolTwaps", name: "missing pool", req: &types.QueryPoolTwapsRequest{PoolId: missing, Window: &hour}, want: codes.NotFound},
		{method: "PoolTwaps", name: "negative window", req: &types.QueryPoolTwapsRequest{PoolId: pool, Window: &negative}, want: codes.InvalidArgument},
		{method: "PoolTwaps", name: "window before the pool", req: &types.QueryPoolTwapsRequest{PoolId: pool, Window: &hour}, want: codes.NotFound},
		{method: "PoolTwaps", name: "nil request", want: codes.InvalidArgument},

		{method: "PoolHealth", name: "missing pool", req: &types.QueryPoolHealthRequest{PoolId: missing}, want: codes.NotFound},
		{method: "PoolHealth", name: "nil request", want: codes.InvalidArgument},

		{method: "PoolsHealth", name: "bad min deviation", req: &types.QueryPoolsHealthRequest{MinDeviation: "abc"}, want: codes.InvalidArgument},
		{method: "PoolsHealth", name: "negative min deviation", req: &types.QueryPoolsHealthRequest{MinDeviation: "-0.1"}, want: codes.InvalidArgument},
		{method: "PoolsHealth", name: "offset and key", req: &types.QueryPoolsHealthRequest{Pagination: both}, want: codes.InvalidArgument},

		{method: "AllowList", name: "missing pool", req: &types.QueryAllowListRequest{PoolId: missing}, want: codes.NotFound},
		{method: "AllowList", name: "offset and key", req: &types.QueryAllowListRequest{PoolId: pool, Pagination: both}, want: codes.InvalidArgument},
		{method: "AllowList", name: "nil request", want: codes.InvalidArgument},

		{method: "PoolFees", name: "missing pool", req: &types.QueryPoolFeesRequest{PoolId: missing}, want: codes.NotFound},
		{method: "PoolFees", name: "negative window", req: &types.QueryPoolFeesRequest{PoolId: pool, Window: -time.Second}, want: codes.InvalidArgument},
		{method: "PoolFees", name: "nil request", want: codes.InvalidArgument},

		{method: "ProtocolFees", name: "offset and key", req: &types.QueryProtocolFeesRequest{Pagination: both}, want: codes.InvalidArgument},
		{method: "ProtocolFees", name: "nil request", want: codes.InvalidArgument},

		{method: "EstimateSplitRouteSwapExactAmountIn", name: "no routes", req: &types.QueryEstimateSplitRouteSwapExactAmountInRequest{TokenInDenom: "uatom"}, want: codes.InvalidArgument},
		{method: "EstimateSplitRouteSwapExactAmountIn", name: "zero amount", req: splitIn(pool, 0), want: codes.InvalidArgument},
		{method: "EstimateSplitRouteSwapExactAmountIn", name: "missing pool", req: splitIn(missing, 5), want: codes.NotFound},
		{method: "EstimateSplitRouteSwapExactAmountIn", name: "paused pool", req: splitIn(paused, 5), want: codes.FailedPrecondition},
		{method: "EstimateSplitRouteSwapExactAmountIn", name: "nil request", want: codes.InvalidArgument},

		{method: "EstimateSplitRouteSwapExactAmountOut", name: "no routes", req: &types.QueryEstimateSplitRouteSwapExactAmountOutRequest{TokenOutDenom: "uusdc"}, want: codes.InvalidArgument},
		{method: "EstimateSplitRouteSwapExactAmountOut", name: "missing pool", req: splitOut(missing, 5), want: codes.NotFound},
		{method: "EstimateSplitRouteSwapExactAmountOut", name: "max out ratio", req: splitOut(pool, 199000000), want: codes.FailedPrecondition},
		{method: "EstimateSplitRouteSwapExactAmountOut", name: "nil request", want: codes.InvalidArgument},
	}
}

// errorFixture is a fixture with a 60/40 uatom/uusdc pool and a 50/50 one
// whose swaps its controller paused, committed for the node's query paths.
func errorFixture(t *testing.T) (f *fixture, pool, paused uint64) {
	f = newFixture(t)
	pool = f.createPool(t)
	paused = f.createControlledPool(t, types.PoolRights{PauseSwaps: true})
	_, err := f.msgs.PauseSwaps(f.ctx, &types.MsgPauseSwaps{Sender: f.alice.String(), PoolId: paused})
	require.NoError(t, err)
	f.commit(t)
	return f, pool, paused
}

// queryMethods are the methods of the smartpool.v1.Query service, read from
// its proto descriptor.
func queryMethods(t *testing.T) []string {
	t.Helper()
	d, err := gogoproto.HybridResolver.FindDescriptorByName("smartpool.v1.Query")
	require.NoError(t, err)
	sd, ok := d.(protoreflect.ServiceDescriptor)
	require.True(t, ok, "smartpool.v1.Query is a %T", d)
	var methods []string
	for i := 0; i < sd.Methods().Len(); i++ {
		methods = append(methods, string(sd.Methods().Get(i).Name()))
	}
	require.Len(t, methods, len(types.Query_serviceDesc.Methods), "the proto and the generated service disagree")
	return methods
}

// TestQueryErrorCodes runs every failing query three ways and checks its
// gRPC code each time: called in process, over the node's gRPC server (the
// path the REST gateway takes when gRPC is on, as it is by default), and
// through ABCI Query and the client's decoding of its result (the gateway's
// path with gRPC off). Every method of the Query service must have a case.
func TestQueryErrorCodes(t *testing.T) {
	f, pool, paused := errorFixture(t)
	cases := queryErrorCases(pool, paused)

	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.method] = true
	}
	methods := queryMethods(t)
	for _, m := range methods {
		require.True(t, covered[m], "Query/%s has no failure case in queryErrorCases", m)
		delete(covered, m)
	}
	require.Empty(t, covered, "cases of methods the Query service does not have")

	grpcConn := startGRPC(t, f.app)
	abciCtx := abciClientCtx(f.app)
	for _, c := range cases {
		t.Run(c.method+"/"+c.name, func(t *testing.T) {
			m := reflect.ValueOf(f.query).MethodByName(c.method)
			require.True(t, m.IsValid())
			arg := reflect.Zero(m.Type().In(1))
			if c.req != nil {
				arg = reflect.ValueOf(c.req)
			}
			ctx, _ := f.ctx.CacheContext()
			if c.setup != nil {
				c.setup(t, f, ctx)
			}
			var out []reflect.Value
			require.NotPanics(t, func() { out = m.Call([]reflect.Value{reflect.ValueOf(ctx), arg}) })
			err, _ := out[1].Interface().(error)
			require.Error(t, err)
			require.Equal(t, c.want, status.Code(err), "in process: %v", err)
			if c.req == nil || c.setup != nil {
				return // not a request a client can send, or not on committed state
			}

			method := "/smartpool.v1.Query/" + c.method
			reply := reflect.New(m.Type().Out(0).Elem()).Interface()
			err = grpcConn.Invoke(context.Background(), method, c.req, reply)
			require.Equal(t, c.want, status.Code(err), "gRPC server: %v", err)

			err = abciCtx.Invoke(context.Background(), method, c.req, reply)
			require.Equal(t, abciCode(c.want), status.Code(err), "ABCI query: %v", err)
		})
	}
}

// abciCode is the code the ABCI path keeps of code: baseapp turns a query
// handler's status into an SDK error (gRPCErrorToSDKError) and the client
// turns that back into a status (sdkErrorToGRPCError). NotFound and
// InvalidArgument come through; FailedPrecondition comes back as
// InvalidArgument, Internal as Unknown: the same HTTP status either way.
func abciCode(code codes.Code) codes.Code {
	switch code {
	case codes.FailedPrecondition:
		return codes.InvalidArgument
	case codes.Internal:
		return codes.Unknown
	}
	return code
}

// restCase is a failing REST query and the HTTP status and gRPC code of its
// answer; tests/e2e asks a real node the same.
type restCase struct {
	path     string
	wantHTTP int
	wantCode codes.Code
}

func restErrorCases(pool, paused uint64) []restCase {
	p := fmt.Sprintf("/poold/smartpool/v1/pools/%d", pool)
	in := "/poold/smartpool/v1/estimate/swap_exact_amount_in?route_token_out_denoms=uusdc&route_pool_ids="
	return []restCase{
		{"/poold/smartpool/v1/pools/999", http.StatusNotFound, codes.NotFound},
		{"/poold/smartpool/v1/pools/abc", http.StatusBadRequest, codes.InvalidArgument},
		{p + "/spot_price?base_asset_denom=1bad&quote_asset_denom=uusdc", http.StatusBadRequest, codes.InvalidArgument},
		{p + "/spot_price?base_asset_denom=ufoo&quote_asset_denom=uusdc", http.StatusBadRequest, codes.InvalidArgument},
		{in + fmt.Sprint(pool) + "&token_in=abc", http.StatusBadRequest, codes.InvalidArgument},
		{in + fmt.Sprint(pool) + "&token_in=-5uatom", http.StatusBadRequest, codes.InvalidArgument},
		{in + fmt.Sprint(pool) + "&token_in=60000000uatom", http.StatusBadRequest, codes.FailedPrecondition},
		{in + fmt.Sprint(paused) + "&token_in=5uatom", http.StatusBadRequest, codes.FailedPrecondition},
		{p + "/twap?base_asset_denom=uatom&quote_asset_denom=uusdc&window=3600s", http.StatusNotFound, codes.NotFound},
		{p + "/fees?window=-5s", http.StatusBadRequest, codes.InvalidArgument},
	}
}

// TestQueryErrorsOverREST asks the node's REST gateway, built as the node
// builds it, for failing queries on both of its paths to the app: the gRPC
// server and ABCI Query. Each answers with the HTTP status of the gRPC code
// and a body whose code field is that code.
func TestQueryErrorsOverREST(t *testing.T) {
	f, pool, paused := errorFixture(t)

	base := abciClientCtx(f.app)
	for _, path := range []struct {
		name string
		ctx  client.Context
	}{{"grpc", base.WithGRPCClient(startGRPC(t, f.app))}, {"abci", base}} {
		srv := api.New(path.ctx, log.NewNopLogger(), nil)
		f.app.RegisterAPIRoutes(srv, config.APIConfig{})
		for _, c := range restErrorCases(pool, paused) {
			t.Run(path.name+" "+c.path, func(t *testing.T) {
				rec := httptest.NewRecorder()
				srv.GRPCGatewayRouter.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
				var body struct {
					Code    codes.Code `json:"code"`
					Message string     `json:"message"`
				}
				require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
				want := c.wantCode
				if path.name == "abci" {
					want = abciCode(want)
				}
				require.Equal(t, c.wantHTTP, rec.Code, rec.Body.String())
				require.Equal(t, want, body.Code, rec.Body.String())
			})
		}
	}
}

// TestQueryStatusDeferred checks that every method of the Query service
// starts by deferring queryStatus, which gives a gRPC code to what the
// module's registered errors do not cover.
func TestQueryStatusDeferred(t *testing.T) {
	files, err := filepath.Glob("grpc_query*.go")
	require.NoError(t, err)
	deferred := map[string]bool{}
	fset := token.NewFileSet()
	for _, file := range files {
		af, err := parser.ParseFile(fset, file, nil, 0)
		require.NoError(t, err)
		for _, d := range af.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 || fmt.Sprint(fn.Recv.List[0].Type) != "queryServer" {
				continue
			}
			if len(fn.Body.List) == 0 {
				continue
			}
			if ds, ok := fn.Body.List[0].(*ast.DeferStmt); ok {
				if id, ok := ds.Call.Fun.(*ast.Ident); ok && id.Name == "queryStatus" {
					deferred[fn.Name.Name] = true
				}
			}
		}
	}
	for _, m := range queryMethods(t) {
		require.True(t, deferred[m], "Query/%s does not start with defer queryStatus(&err)", m)
	}
}

// TestErrorCodes pins each registered error's codespace and ABCI code, which
// transactions' results carry and so consensus depends on, and its gRPC
// code, which only queries' answers carry.
func TestErrorCodes(t *testing.T) {
	for _, c := range []struct {
		err  *errorsmod.Error
		abci uint32
		grpc codes.Code
	}{
		{types.ErrPoolNotFound, 2, codes.NotFound},
		{types.ErrInvalidAssets, 3, codes.InvalidArgument},
		{types.ErrDenomNotInPool, 4, codes.InvalidArgument},
		{types.ErrInvalidWeight, 5, codes.InvalidArgument},
		{types.ErrInvalidSwapFee, 6, codes.InvalidArgument},
		{types.ErrInvalidAmount, 7, codes.InvalidArgument},
		{types.ErrSlippage, 8, codes.FailedPrecondition},
		{types.ErrMaxInRatio, 9, codes.FailedPrecondition},
		{types.ErrMaxOutRatio, 10, codes.FailedPrecondition},
		{types.ErrInvalidRoute, 11, codes.InvalidArgument},
		{types.ErrUnauthorized, 12, codes.PermissionDenied},
		{types.ErrInvalidParams, 13, codes.InvalidArgument},
		{types.ErrInvalidShares, 14, codes.InvalidArgument},
		{types.ErrInvalidGenesis, 15, codes.InvalidArgument},
		{types.ErrMath, 16, codes.FailedPrecondition},
		{types.ErrInvalidAddress, 17, codes.InvalidArgument},
		{types.ErrInvalidPoolState, 18, codes.Internal},
		{types.ErrInvalidRequest, 19, codes.InvalidArgument},
		{types.ErrNoRight, 20, codes.PermissionDenied},
		{types.ErrPoolPaused, 21, codes.FailedPrecondition},
		{types.ErrChangeNotFound, 22, codes.NotFound},
		{types.ErrInvalidSchedule, 23, codes.InvalidArgument},
		{types.ErrShareCap, 24, codes.FailedPrecondition},
		{types.ErrNotAllowListed, 25, codes.FailedPrecondition},
		{types.ErrInvalidTimelock, 26, codes.InvalidArgument},
		{types.ErrInvalidControl, 27, codes.InvalidArgument},
		{types.ErrShareBound, 28, codes.FailedPrecondition},
		{types.ErrEntryClosed, 29, codes.FailedPrecondition},
		{types.ErrQueueFull, 30, codes.FailedPrecondition},
		{types.ErrOracleNoData, 31, codes.NotFound},
		{types.ErrPriceBand, 32, codes.FailedPrecondition},
		{types.ErrOutflowCap, 33, codes.FailedPrecondition},
		{types.ErrInvalidBreakers, 34, codes.InvalidArgument},
		{types.ErrInvalidFeePolicy, 35, codes.InvalidArgument},
		{types.ErrInvalidMgmtFee, 36, codes.InvalidArgument},
		{types.ErrInvalidStrategy, 37, codes.InvalidArgument},
	} {
		require.Equal(t, types.ModuleName, c.err.Codespace(), c.err.Error())
		require.Equal(t, c.abci, c.err.ABCICode(), c.err.Error())
		require.Equal(t, c.grpc, status.Code(c.err), c.err.Error())
		// A wrapped error keeps all three.
		wrapped := errorsmod.Wrap(errorsmod.Wrap(c.err, "inner"), "outer")
		space, code, _ := errorsmod.ABCIInfo(wrapped, false)
		require.Equal(t, types.ModuleName, space)
		require.Equal(t, c.abci, code)
		require.Equal(t, c.grpc, status.Code(wrapped), c.err.Error())
	}
}

// commit writes the fixture's block and commits it, as a node does after
// FinalizeBlock, so the node's query paths, which read committed state, see
// it; f.ctx moves on to the next block.
func (f *fixture) commit(t *testing.T) {
	t.Helper()
	cms, ok := f.ctx.MultiStore().(storetypes.CacheMultiStore)
	require.True(t, ok, "the block's store is a %T", f.ctx.MultiStore())
	cms.Write()
	_, err := f.app.Commit()
	require.NoError(t, err)
	h := f.ctx.BlockHeader()
	f.ctx = f.app.NewNextBlockContext(cmtproto.Header{Height: h.Height + 1, Time: h.Time.Add(5 * time.Second), ChainID: h.ChainID})
}

// startGRPC serves the app's gRPC services on a loopback port as the node's
// gRPC server does (baseapp's query interceptor included) and returns a
// client connection to it, both closed at the test's end.
func startGRPC(t *testing.T, a *app.App) *grpc.ClientConn {
	t.Helper()
	grpcCodec := grpc.ForceServerCodec(codec.NewProtoCodec(a.InterfaceRegistry()).GRPCCodec())
	srv := grpc.NewServer(grpcCodec)
	a.RegisterGRPCServer(srv)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codec.NewProtoCodec(a.InterfaceRegistry()).GRPCCodec())))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// abciClientCtx is a client context without a gRPC client: it queries
// through ABCI Query, which abciNode hands to the app as CometBFT would.
func abciClientCtx(a *app.App) client.Context {
	return client.Context{}.
		WithClient(abciNode{app: a}).
		WithCodec(a.AppCodec()).
		WithInterfaceRegistry(a.InterfaceRegistry())
}

// abciNode is a CometBFT RPC client that answers ABCI queries from the app
// in process; a client context calls nothing else of it to query.
type abciNode struct {
	client.CometRPC
	app *app.App
}

func (n abciNode) ABCIQueryWithOptions(ctx context.Context, path string, data cmtbytes.HexBytes, opts rpcclient.ABCIQueryOptions) (*coretypes.ResultABCIQuery, error) {
	res, err := n.app.Query(ctx, &abci.RequestQuery{Path: path, Data: data, Height: opts.Height, Prove: opts.Prove})
	if err != nil {
		return nil, err
	}
	return &coretypes.ResultABCIQuery{Response: *res}, nil
}
