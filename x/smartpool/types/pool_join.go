package types

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// JoinProportional mints exactly sharesOut and returns the tokens it takes,
// each rounded up. Nothing changes on error.
func (p *Pool) JoinProportional(sharesOut sdkmath.Int) (sdk.Coins, error) {
	if err := requirePositive("share out amount", sharesOut); err != nil {
		return nil, err
	}
	next := *p
	if err := next.AddShares(sharesOut); err != nil {
		return nil, err
	}
	amounts, err := poolmath.TokensInForSharesOut(p.Balances(), p.TotalShares, sharesOut)
	if err != nil {
		return nil, errorsmod.Wrap(ErrMath, err.Error())
	}
	next.Assets = append([]PoolAsset(nil), p.Assets...)
	tokensIn := make(sdk.Coins, 0, len(amounts))
	for i, amt := range amounts {
		tokensIn = append(tokensIn, sdk.NewCoin(p.Assets[i].Denom, amt))
		if err := next.addBalance(i, amt); err != nil {
			return nil, err
		}
	}
	*p = next
	return sdk.NewCoins(tokensIn...), nil
}

// JoinSingleAsset deposits exactly tokenIn and returns the shares minted,
// rounded down, with the swap fee on the non-proportional part.
func (p *Pool) JoinSingleAsset(params Params, tokenIn sdk.Coin) (sdkmath.Int, error) {
	return p.JoinSingleAssetWithFee(params, p.SwapFee, tokenIn)
}

// JoinSingleAssetWithFee is JoinSingleAsset at the fee rate a fee policy set.
func (p *Pool) JoinSingleAssetWithFee(params Params, fee sdkmath.LegacyDec, tokenIn sdk.Coin) (sdkmath.Int, error) {
	i, err := p.AssetIndex(tokenIn.Denom)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if err := requirePositive("token in", tokenIn.Amount); err != nil {
		return sdkmath.Int{}, err
	}
	if err := checkMaxInRatio(params, tokenIn, p.Assets[i].Balance); err != nil {
		return sdkmath.Int{}, err
	}
	shares, err := poolmath.CalcSharesOutGivenSingleIn(p.Assets[i].Balance, p.Assets[i].Weight,
		p.TotalWeight(), p.TotalShares, tokenIn.Amount, fee)
	if err != nil {
		return sdkmath.Int{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	if !shares.IsPositive() {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s is too small: it mints no shares", tokenIn)
	}
	amounts := make([]sdkmath.Int, len(p.Assets))
	for j := range amounts {
		amounts[j] = sdkmath.ZeroInt()
	}
	amounts[i] = tokenIn.Amount
	fees, err := p.depositFees(fee, amounts)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if err := p.AddShares(shares); err != nil {
		return sdkmath.Int{}, err
	}
	if err := p.addBalance(i, tokenIn.Amount); err != nil {
		return sdkmath.Int{}, err
	}
	p.bookFees(params, fees)
	return shares, nil
}

// JoinExactAmounts deposits exactly tokensIn (any subset of the pool's assets)
// and returns the shares minted, rounded down, with the swap fee charged on
// the part that is not proportional to the pool.
func (p *Pool) JoinExactAmounts(params Params, tokensIn sdk.Coins) (sdkmath.Int, error) {
	return p.JoinExactAmountsWithFee(params, p.SwapFee, tokensIn)
}

// JoinExactAmountsWithFee is JoinExactAmounts at the fee rate a fee policy set.
func (p *Pool) JoinExactAmountsWithFee(params Params, fee sdkmath.LegacyDec, tokensIn sdk.Coins) (sdkmath.Int, error) {
	if len(tokensIn) == 0 {
		return sdkmath.Int{}, errorsmod.Wrap(ErrInvalidAmount, "no tokens in")
	}
	amounts := make([]sdkmath.Int, len(p.Assets))
	for i := range amounts {
		amounts[i] = sdkmath.ZeroInt()
	}
	for _, c := range tokensIn {
		i, err := p.AssetIndex(c.Denom)
		if err != nil {
			return sdkmath.Int{}, err
		}
		if err := requirePositive("token in", c.Amount); err != nil {
			return sdkmath.Int{}, err
		}
		if err := checkMaxInRatio(params, c, p.Assets[i].Balance); err != nil {
			return sdkmath.Int{}, err
		}
		amounts[i] = c.Amount // sdk.Coins holds each denom once
	}
	shares, err := poolmath.CalcSharesOutGivenTokensIn(p.Balances(), p.Weights(), p.TotalShares, amounts, fee)
	if err != nil {
		return sdkmath.Int{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	if !shares.IsPositive() {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s is too small: it mints no shares", tokensIn)
	}
	fees, err := p.depositFees(fee, amounts)
	if err != nil {
		return sdkmath.Int{}, err
	}
	if err := p.AddShares(shares); err != nil {
		return sdkmath.Int{}, err
	}
	for i, amt := range amounts {
		if err := p.addBalance(i, amt); err != nil {
			return sdkmath.Int{}, err
		}
	}
	p.bookFees(params, fees)
	return shares, nil
}
