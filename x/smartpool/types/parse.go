package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ParseCoinStrict parses one coin in base units, like 1500000uatom. Unlike
// sdk.ParseCoinNormalized it refuses an amount with a fraction (1.9uatom)
// instead of silently truncating it to 1uatom: a user who typed a decimal
// meant something else, and losing part of it without a word is a bug.
func ParseCoinStrict(s string) (sdk.Coin, error) {
	dec, err := sdk.ParseDecCoin(strings.TrimSpace(s))
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(ErrInvalidAmount, "%q is not a coin like 1000000uatom: %v", s, err)
	}
	if !dec.Amount.IsInteger() {
		return sdk.Coin{}, errorsmod.Wrapf(ErrInvalidAmount, "%q has a fraction; amounts are whole base units (for 1.5 ATOM write 1500000uatom)", s)
	}
	return sdk.NewCoin(dec.Denom, dec.Amount.TruncateInt()), nil
}

// ParseCoinsStrict parses a comma-separated list of coins in base units with
// ParseCoinStrict; each denom at most once. The result is sorted.
func ParseCoinsStrict(s string) (sdk.Coins, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return sdk.Coins{}, nil
	}
	var coins sdk.Coins
	for _, part := range strings.Split(s, ",") {
		c, err := ParseCoinStrict(part)
		if err != nil {
			return nil, err
		}
		coins = append(coins, c)
	}
	sorted := coins.Sort()
	if err := sorted.Validate(); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidAmount, "%q: %v", s, err)
	}
	return sorted, nil
}
