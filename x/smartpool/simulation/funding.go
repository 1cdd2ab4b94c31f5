package simulation

import (
	"encoding/json"
	"math/rand"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// FundPoolDenoms gives every sim account a random balance of each of
// PoolDenoms in the bank genesis of appState (and raises the supply to
// match), so that pools of several assets can be created. An app's sim test
// calls it on the state its AppStateFn generated.
func FundPoolDenoms(cdc codec.JSONCodec, r *rand.Rand, appState json.RawMessage, accs []simtypes.Account) json.RawMessage {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(appState, &raw); err != nil {
		panic(err)
	}
	var bank banktypes.GenesisState
	cdc.MustUnmarshalJSON(raw[banktypes.ModuleName], &bank)
	index := make(map[string]int, len(bank.Balances))
	for i, b := range bank.Balances {
		index[b.Address] = i
	}
	added := sdk.NewCoins()
	for _, acc := range accs {
		coins := sdk.NewCoins()
		for _, d := range PoolDenoms {
			// 10^9..10^13 base units: room for many pools of 10^6..10^10 deposits.
			amt := sdkmath.NewInt(r.Int63n(9_999_000_000_000) + 1_000_000_000)
			coins = coins.Add(sdk.NewCoin(d, amt))
		}
		added = added.Add(coins...)
		if i, ok := index[acc.Address.String()]; ok {
			bank.Balances[i].Coins = bank.Balances[i].Coins.Add(coins...)
			continue
		}
		index[acc.Address.String()] = len(bank.Balances)
		bank.Balances = append(bank.Balances, banktypes.Balance{Address: acc.Address.String(), Coins: coins})
	}
	if !bank.Supply.Empty() {
		bank.Supply = bank.Supply.Add(added...)
	}
	raw[banktypes.ModuleName] = cdc.MustMarshalJSON(&bank)
	out, err := json.Marshal(raw)
	if err != nil {
		panic(err)
	}
	return out
}
