package types

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// ExitProportional burns exactly sharesIn and returns the tokens paid out,
// each rounded down. The last shares cannot leave: a pool never empties.
func (p *Pool) ExitProportional(sharesIn sdkmath.Int) (sdk.Coins, error) {
	if err := p.checkSharesIn(sharesIn); err != nil {
		return nil, err
	}
	amounts, err := poolmath.TokensOutForSharesIn(p.Balances(), p.TotalShares, sharesIn)
	if err != nil {
		return nil, errorsmod.Wrap(ErrMath, err.Error())
	}
	tokensOut := make(sdk.Coins, 0, len(amounts))
	for i, amt := range amounts {
		if !p.Assets[i].Balance.Sub(amt).IsPositive() {
			return nil, errorsmod.Wrapf(ErrInvalidShares, "exit would empty the pool's %s", p.Assets[i].Denom)
		}
		tokensOut = append(tokensOut, sdk.NewCoin(p.Assets[i].Denom, amt))
	}
	for i, amt := range amounts {
		p.Assets[i].Balance = p.Assets[i].Balance.Sub(amt)
	}
	p.TotalShares = p.TotalShares.Sub(sharesIn)
	return sdk.NewCoins(tokensOut...), nil
}

// ExitSingleAsset burns exactly sharesIn and returns tokenOutDenom paid out,
// rounded down, with the swap fee on the non-proportional part.
func (p *Pool) ExitSingleAsset(params Params, tokenOutDenom string, sharesIn sdkmath.Int) (sdk.Coin, error) {
	return p.ExitSingleAssetWithFee(params, p.SwapFee, tokenOutDenom, sharesIn)
}

// ExitSingleAssetWithFee is ExitSingleAsset at the fee rate a fee policy set.
func (p *Pool) ExitSingleAssetWithFee(params Params, fee sdkmath.LegacyDec, tokenOutDenom string, sharesIn sdkmath.Int) (sdk.Coin, error) {
	o, err := p.AssetIndex(tokenOutDenom)
	if err != nil {
		return sdk.Coin{}, err
	}
	if err := p.checkSharesIn(sharesIn); err != nil {
		return sdk.Coin{}, err
	}
	amountOut, exitFee, err := poolmath.CalcSingleOutAndFeeGivenSharesIn(p.Assets[o].Balance, p.Assets[o].Weight,
		p.TotalWeight(), p.TotalShares, sharesIn, fee)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	if !amountOut.IsPositive() {
		return sdk.Coin{}, errorsmod.Wrapf(ErrInvalidAmount, "%s shares are too few: they pay out no %s", sharesIn, tokenOutDenom)
	}
	tokenOut := sdk.NewCoin(tokenOutDenom, amountOut)
	if err := checkMaxOutRatio(params, tokenOut, p.Assets[o].Balance); err != nil {
		return sdk.Coin{}, err
	}
	p.Assets[o].Balance = p.Assets[o].Balance.Sub(amountOut)
	p.TotalShares = p.TotalShares.Sub(sharesIn)
	// The withheld fee stays in the pool, bar the protocol's share of it:
	// out + fee ≤ what a fee-free exit pays, below the balance.
	p.RecordSwapFee(o, exitFee, params.ProtocolFeeShare)
	return tokenOut, nil
}

func (p Pool) checkSharesIn(sharesIn sdkmath.Int) error {
	if err := requirePositive("share in amount", sharesIn); err != nil {
		return err
	}
	if sharesIn.GTE(p.TotalShares) {
		return errorsmod.Wrapf(ErrInvalidShares, "%s shares in, but the pool has %s and cannot be emptied", sharesIn, p.TotalShares)
	}
	return nil
}
