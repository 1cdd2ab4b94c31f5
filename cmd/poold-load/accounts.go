package main

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// loadAccount is one of the generator's own accounts: a secp256k1 key
// derived from the seed and its index, so every run with the same seed uses
// the same addresses (and a second run on the same chain reuses the funds).
type loadAccount struct {
	Index  int
	Key    *secp256k1.PrivKey
	Addr   sdk.AccAddress
	AccNum uint64 // from the chain, after funding
	Seq    uint64 // the next sequence the chain expects, before the run
	pub    cryptotypes.PubKey
}

// pubKey is the account's public key, computed once (it costs a scalar
// multiplication).
func (a *loadAccount) pubKey() cryptotypes.PubKey {
	if a.pub == nil {
		a.pub = a.Key.PubKey()
	}
	return a.pub
}

// deriveAccounts returns n accounts derived from seed. The secret of
// account i is "poold-load/<seed>/<i>"; never use these keys for value.
func deriveAccounts(seed string, n int) []*loadAccount {
	accs := make([]*loadAccount, n)
	for i := range accs {
		key := secp256k1.GenPrivKeyFromSecret([]byte(fmt.Sprintf("poold-load/%s/%d", seed, i)))
		a := &loadAccount{Index: i, Key: key}
		a.Addr = sdk.AccAddress(a.pubKey().Address())
		accs[i] = a
	}
	return accs
}
