package app

import (
	"os"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the binary's name.
	AppName = "poold"
	// Bech32Prefix is the account address prefix.
	Bech32Prefix = "pool"
	// BondDenom is the staking and fee denom.
	BondDenom = "upool"
)

// Bech32 prefixes of every address kind.
var (
	Bech32PrefixAccAddr  = Bech32Prefix
	Bech32PrefixAccPub   = Bech32Prefix + sdk.PrefixPublic
	Bech32PrefixValAddr  = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixOperator
	Bech32PrefixValPub   = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixOperator + sdk.PrefixPublic
	Bech32PrefixConsAddr = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixConsensus
	Bech32PrefixConsPub  = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixConsensus + sdk.PrefixPublic
)

// SetConfig sets the global address prefixes and bond denom; idempotent.
//
// It first names the SDK's config scope. Without a name, sdk.GetConfig —
// called on every bech32 address parse and print — derives the scope from
// the executable's path and the host name, two system calls each time: 7–8%
// of a loaded node's CPU. With one name the process keeps one config, as it
// does anyway.
func SetConfig() {
	if os.Getenv(sdk.EnvConfigScope) == "" {
		_ = os.Setenv(sdk.EnvConfigScope, AppName) // cannot fail for a valid name
	}
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32PrefixAccAddr, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
	sdk.DefaultBondDenom = BondDenom
}

func init() {
	SetConfig()
}
