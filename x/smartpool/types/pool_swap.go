package types

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// SwapExactAmountIn trades exactly tokenIn for tokenOutDenom and updates the
// pool's balances. Nothing changes on error.
func (p *Pool) SwapExactAmountIn(params Params, tokenIn sdk.Coin, tokenOutDenom string) (sdk.Coin, error) {
	return p.SwapExactAmountInWithFee(params, p.SwapFee, tokenIn, tokenOutDenom)
}

// SwapExactAmountInWithFee is SwapExactAmountIn at the fee rate a fee policy set.
func (p *Pool) SwapExactAmountInWithFee(params Params, fee sdkmath.LegacyDec, tokenIn sdk.Coin, tokenOutDenom string) (sdk.Coin, error) {
	in, out, err := p.swapPair(tokenIn.Denom, tokenOutDenom)
	if err != nil {
		return sdk.Coin{}, err
	}
	if err := requirePositive("token in", tokenIn.Amount); err != nil {
		return sdk.Coin{}, err
	}
	if err := checkMaxInRatio(params, tokenIn, p.Assets[in].Balance); err != nil {
		return sdk.Coin{}, err
	}
	amountOut, err := poolmath.CalcOutGivenIn(p.Assets[in].Balance, p.Assets[in].Weight,
		p.Assets[out].Balance, p.Assets[out].Weight, tokenIn.Amount, fee)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	if !amountOut.IsPositive() {
		return sdk.Coin{}, errorsmod.Wrapf(ErrInvalidAmount, "%s is too small: it buys no %s", tokenIn, tokenOutDenom)
	}
	tokenOut := sdk.NewCoin(tokenOutDenom, amountOut)
	if err := checkMaxOutRatio(params, tokenOut, p.Assets[out].Balance); err != nil {
		return sdk.Coin{}, err
	}
	if err := p.addBalance(in, tokenIn.Amount); err != nil {
		return sdk.Coin{}, err
	}
	p.Assets[out].Balance = p.Assets[out].Balance.Sub(amountOut) // amountOut ≤ max_out_ratio × balance
	return tokenOut, nil
}

// SwapExactAmountOut trades tokenInDenom for exactly tokenOut and updates the
// pool's balances. Nothing changes on error.
func (p *Pool) SwapExactAmountOut(params Params, tokenInDenom string, tokenOut sdk.Coin) (sdk.Coin, error) {
	return p.SwapExactAmountOutWithFee(params, p.SwapFee, tokenInDenom, tokenOut)
}

// SwapExactAmountOutWithFee is SwapExactAmountOut at the fee rate a fee policy set.
func (p *Pool) SwapExactAmountOutWithFee(params Params, fee sdkmath.LegacyDec, tokenInDenom string, tokenOut sdk.Coin) (sdk.Coin, error) {
	in, out, err := p.swapPair(tokenInDenom, tokenOut.Denom)
	if err != nil {
		return sdk.Coin{}, err
	}
	if err := requirePositive("token out", tokenOut.Amount); err != nil {
		return sdk.Coin{}, err
	}
	if err := checkMaxOutRatio(params, tokenOut, p.Assets[out].Balance); err != nil {
		return sdk.Coin{}, err
	}
	amountIn, err := poolmath.CalcInGivenOut(p.Assets[in].Balance, p.Assets[in].Weight,
		p.Assets[out].Balance, p.Assets[out].Weight, tokenOut.Amount, fee)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	tokenIn := sdk.NewCoin(tokenInDenom, amountIn)
	if err := checkMaxInRatio(params, tokenIn, p.Assets[in].Balance); err != nil {
		return sdk.Coin{}, err
	}
	if err := p.addBalance(in, amountIn); err != nil {
		return sdk.Coin{}, err
	}
	p.Assets[out].Balance = p.Assets[out].Balance.Sub(tokenOut.Amount) // checked against max_out_ratio above
	return tokenIn, nil
}

// SpotPrice is the price of base in units of quote, without fee.
func (p Pool) SpotPrice(baseDenom, quoteDenom string) (sdkmath.LegacyDec, error) {
	quote, base, err := p.swapPair(quoteDenom, baseDenom)
	if err != nil {
		return sdkmath.LegacyDec{}, err
	}
	price, err := poolmath.SpotPrice(p.Assets[quote].Balance, p.Assets[quote].Weight,
		p.Assets[base].Balance, p.Assets[base].Weight, sdkmath.LegacyZeroDec())
	if err != nil {
		return sdkmath.LegacyDec{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	return price, nil
}

func (p Pool) swapPair(denomIn, denomOut string) (int, int, error) {
	if denomIn == denomOut {
		return 0, 0, errorsmod.Wrapf(ErrInvalidRoute, "cannot swap %s for itself", denomIn)
	}
	in, err := p.AssetIndex(denomIn)
	if err != nil {
		return 0, 0, err
	}
	out, err := p.AssetIndex(denomOut)
	if err != nil {
		return 0, 0, err
	}
	return in, out, nil
}

func requirePositive(what string, amount sdkmath.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s must be positive", what)
	}
	return nil
}

// exceedsRatio reports amount > ratio × balance, in big integers: a LegacyDec
// product of a balance near 2^256 would panic.
func exceedsRatio(amount sdkmath.Int, ratio sdkmath.LegacyDec, balance sdkmath.Int) bool {
	return poolmath.FixedFromInt(amount).GT(poolmath.FixedFromDec(ratio).MulInt(balance))
}

func checkMaxInRatio(params Params, tokenIn sdk.Coin, balance sdkmath.Int) error {
	if exceedsRatio(tokenIn.Amount, params.MaxInRatio, balance) {
		return errorsmod.Wrapf(ErrMaxInRatio, "%s is more than %s of the pool's %s%s", tokenIn, params.MaxInRatio, balance, tokenIn.Denom)
	}
	return nil
}

func checkMaxOutRatio(params Params, tokenOut sdk.Coin, balance sdkmath.Int) error {
	if exceedsRatio(tokenOut.Amount, params.MaxOutRatio, balance) {
		return errorsmod.Wrapf(ErrMaxOutRatio, "%s is more than %s of the pool's %s%s", tokenOut, params.MaxOutRatio, balance, tokenOut.Denom)
	}
	return nil
}
