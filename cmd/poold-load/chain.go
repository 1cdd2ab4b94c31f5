package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/poold/poold/app"
)

// rpcTimeout bounds every single RPC call.
const rpcTimeout = 15 * time.Second

// chain is the node seen through its CometBFT RPC, with the app's own
// encoding (the TxConfig and codec poold's CLI uses).
type chain struct {
	rpc     *rpchttp.HTTP
	txCfg   client.TxConfig
	cdc     codec.Codec
	cctx    client.Context
	chainID string
}

// newChain connects to node and builds the app's encoding from a throw-away
// in-memory app, exactly as poold's root command does.
func newChain(ctx context.Context, node, chainID string, conns int) (*chain, error) {
	tmp, err := os.MkdirTemp("", "poold-load")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(tmp))

	httpClient := &http.Client{
		Timeout:   rpcTimeout,
		Transport: &http.Transport{MaxIdleConnsPerHost: conns + 4, MaxConnsPerHost: conns + 4, IdleConnTimeout: 30 * time.Second},
	}
	rpc, err := rpchttp.NewWithClient(node, "/websocket", httpClient)
	if err != nil {
		return nil, fmt.Errorf("rpc client for %s: %w", node, err)
	}
	c := &chain{rpc: rpc, txCfg: a.TxConfig(), cdc: a.AppCodec()}
	st, err := c.status(ctx)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", node, err)
	}
	if chainID == "" {
		chainID = st.NodeInfo.Network
	} else if chainID != st.NodeInfo.Network {
		return nil, fmt.Errorf("--chain-id %s but the node is on %s", chainID, st.NodeInfo.Network)
	}
	c.chainID = chainID
	c.cctx = client.Context{}.
		WithCodec(a.AppCodec()).
		WithInterfaceRegistry(a.InterfaceRegistry()).
		WithTxConfig(a.TxConfig()).
		WithLegacyAmino(a.LegacyAmino()).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithClient(rpc).
		WithNodeURI(node).
		WithChainID(chainID)
	return c, nil
}

func (c *chain) status(ctx context.Context) (*coretypes.ResultStatus, error) {
	ctx, cancel := context.WithTimeout(ctx, rpcTimeout)
	defer cancel()
	return c.rpc.Status(ctx)
}

func (c *chain) height(ctx context.Context) (int64, error) {
	st, err := c.status(ctx)
	if err != nil {
		return 0, err
	}
	return st.SyncInfo.LatestBlockHeight, nil
}

// queryCtx is the client context with ctx (bounded) for its ABCI queries.
func (c *chain) queryCtx(ctx context.Context) (client.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, rpcTimeout)
	return c.cctx.WithCmdContext(ctx), cancel
}

// account returns addr's account number and next sequence.
func (c *chain) account(ctx context.Context, addr sdk.AccAddress) (uint64, uint64, error) {
	cctx, cancel := c.queryCtx(ctx)
	defer cancel()
	return authtypes.AccountRetriever{}.GetAccountNumberSequence(cctx, addr)
}

// balances returns addr's balances (empty for an unknown address).
func (c *chain) balances(ctx context.Context, addr sdk.AccAddress) (sdk.Coins, error) {
	cctx, cancel := c.queryCtx(ctx)
	defer cancel()
	res, err := banktypes.NewQueryClient(cctx).AllBalances(cctx.CmdContext, &banktypes.QueryAllBalancesRequest{Address: addr.String()})
	if err != nil {
		return nil, err
	}
	return res.Balances, nil
}

// waitTx polls for the committed result of the tx with hash until ctx ends.
func (c *chain) waitTx(ctx context.Context, hash []byte) (*coretypes.ResultTx, error) {
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		qctx, cancel := context.WithTimeout(ctx, rpcTimeout)
		res, err := c.rpc.Tx(qctx, hash, false)
		cancel()
		if err == nil {
			return res, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("tx %X not committed: %w (last error: %v)", hash, ctx.Err(), err)
		case <-tick.C:
		}
	}
}
