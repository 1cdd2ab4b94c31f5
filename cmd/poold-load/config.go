package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Kinds of load.
const (
	kindSend  = "send"  // bank MsgSend to the next load account
	kindSwap  = "swap"  // MsgSwapExactAmountIn, alternating direction
	kindMixed = "mixed" // send and swap alternating, per account
)

// config is the generator's command line.
type config struct {
	Node           string
	Home           string
	KeyringBackend string
	From           string
	ChainID        string
	Seed           string
	Accounts       int
	Txs            int
	Duration       time.Duration
	Kind           string
	PoolID         uint64
	Denoms         []string // the pool's two denoms (swap in, swap out; alternating)
	Rate           float64  // tx/s over all accounts; 0 = as fast as the node takes them
	Concurrency    int
	Fees           sdk.Coins
	Gas            uint64 // per load tx; 0 = by kind
	SendAmount     int64
	SwapAmount     int64
	CommitTimeout  time.Duration
	SetupTimeout   time.Duration
	JSON           bool
	CPUProfile     string
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("poold-load", flag.ContinueOnError)
	fs.StringVar(&c.Node, "node", "http://127.0.0.1:26657", "CometBFT RPC address of the node")
	fs.StringVar(&c.Home, "home", "", "home directory holding the funder's keyring (required)")
	fs.StringVar(&c.KeyringBackend, "keyring-backend", "test", "keyring backend of --home")
	fs.StringVar(&c.From, "from", "alice", "funder key name in the keyring")
	fs.StringVar(&c.ChainID, "chain-id", "", "chain id (default: the node's)")
	fs.StringVar(&c.Seed, "seed", "load", "seed of the load accounts' keys")
	fs.IntVar(&c.Accounts, "accounts", 50, "number of load accounts")
	fs.IntVar(&c.Txs, "txs", 2000, "total transactions to send (bound)")
	fs.DurationVar(&c.Duration, "duration", 60*time.Second, "time bound of the broadcast phase")
	fs.StringVar(&c.Kind, "kind", kindSend, "send | swap | mixed")
	fs.Uint64Var(&c.PoolID, "pool-id", 1, "pool to swap in (swap, mixed)")
	denoms := fs.String("denoms", "uatom,uusdc", "the pool's two denoms, comma-separated")
	fs.Float64Var(&c.Rate, "rate", 0, "target tx/s over all accounts (0: as fast as possible)")
	fs.IntVar(&c.Concurrency, "concurrency", 16, "parallel broadcasters (each owns a set of accounts)")
	fees := fs.String("fees", "2000upool", "fee of each load tx")
	fs.Uint64Var(&c.Gas, "gas", 0, "gas limit of each load tx (0: 200000 for send, 300000 for swap)")
	fs.Int64Var(&c.SendAmount, "send-amount", 1000, "amount of the first denom per send")
	fs.Int64Var(&c.SwapAmount, "swap-amount", 10000, "amount in per swap")
	fs.DurationVar(&c.CommitTimeout, "commit-timeout", 60*time.Second, "after broadcasting, wait at most this long for the txs to commit")
	fs.DurationVar(&c.SetupTimeout, "setup-timeout", 2*time.Minute, "bound of funding and account queries")
	fs.BoolVar(&c.JSON, "json", false, "also print the report as one JSON line")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write the generator's own CPU profile to this file")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	c.Denoms = strings.Split(*denoms, ",")
	var err error
	if c.Fees, err = sdk.ParseCoinsNormalized(*fees); err != nil {
		return c, fmt.Errorf("--fees: %w", err)
	}
	return c, c.validate()
}

func (c config) validate() error {
	switch {
	case c.Home == "":
		return errors.New("--home is required (the funder's keyring)")
	case c.Accounts < 1 || c.Accounts > 5000:
		return errors.New("--accounts must be in 1..5000")
	case c.Txs < 1 || c.Txs > 1_000_000:
		return errors.New("--txs must be in 1..1000000")
	case c.Duration <= 0 || c.Duration > 2*time.Hour:
		return errors.New("--duration must be in (0, 2h]")
	case c.Kind != kindSend && c.Kind != kindSwap && c.Kind != kindMixed:
		return fmt.Errorf("--kind %q: want send, swap or mixed", c.Kind)
	case len(c.Denoms) != 2 || c.Denoms[0] == "" || c.Denoms[1] == "" || c.Denoms[0] == c.Denoms[1]:
		return errors.New("--denoms must be two different denoms")
	case c.Rate < 0:
		return errors.New("--rate must be >= 0")
	case c.Concurrency < 1 || c.Concurrency > 256:
		return errors.New("--concurrency must be in 1..256")
	case c.SendAmount < 1 || c.SwapAmount < 1:
		return errors.New("--send-amount and --swap-amount must be positive")
	case c.CommitTimeout <= 0 || c.SetupTimeout <= 0:
		return errors.New("--commit-timeout and --setup-timeout must be positive")
	}
	return nil
}

// gasLimit is the gas limit of a load tx of kind (mixed: the swap's).
func (c config) gasLimit(kind string) uint64 {
	if c.Gas > 0 {
		return c.Gas
	}
	if kind == kindSend {
		return 200_000
	}
	return 300_000
}
