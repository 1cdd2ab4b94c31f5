package poolmath

import (
	"math/big"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Fee accounting in token and share units: every function here works on
// the exact integers behind its inputs and rounds once, down.

// ManagementYear is the year a management fee's annual rate refers to.
const ManagementYear = 365 * 24 * time.Hour

// maxManagementRate is the largest annual management fee rate, 50%: at
// most half the pool per year, which also keeps Y − r·Δt ≥ Y/2.
var maxManagementRate = sdkmath.LegacyNewDecWithPrec(5, 1)

// ManagementFeeShares is how many shares to mint for a management fee of
// annualRate (in [0, 0.5]) over elapsed (capped at a year), so that after
// the mint the existing holders own 1 − rate·Δt/Y of what they owned:
//
//	m = floor(S · r·Δt / (Y − r·Δt)),  Y = 365 days
//
// since S/(S + m) = 1 − r·Δt/Y. Zero when the rate, Δt or S is zero.
// Errors: ErrNonPositive for negative elapsed or shares, ErrOutOfRange for
// a rate outside [0, 0.5].
func ManagementFeeShares(totalShares sdkmath.Int, annualRate sdkmath.LegacyDec, elapsed time.Duration) (sdkmath.Int, error) {
	if elapsed < 0 {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrNonPositive, "elapsed time must not be negative, got %s", elapsed)
	}
	if err := requireNonNegative("total shares", totalShares); err != nil {
		return sdkmath.Int{}, err
	}
	if annualRate.IsNil() || annualRate.IsNegative() || annualRate.GT(maxManagementRate) {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrOutOfRange, "annual rate must be in [0, %s], got %v", maxManagementRate, annualRate)
	}
	dt := big.NewInt(int64(min(elapsed, ManagementYear)))
	year := big.NewInt(int64(ManagementYear))
	// r = R·10^-18: m = S·R·Δt / (10^18·Y − R·Δt); the denominator is at
	// least half of 10^18·Y, as R·Δt ≤ 0.5·10^18·Y.
	rateTime := new(big.Int).Mul(annualRate.BigInt(), dt)
	num := new(big.Int).Mul(totalShares.BigInt(), rateTime)
	den := new(big.Int).Mul(decOneRaw, year)
	return IntFromBig(divFloor(num, den.Sub(den, rateTime)))
}

// SplitProtocolFee splits a fee amount into the protocol's part,
// floor(fee·share), and the LPs' part, the rest (protocol + lp = fee). A
// nil or negative share counts as 0 and one above 1 as 1; a nil fee is 0,
// and a negative fee goes to the LPs whole.
func SplitProtocolFee(feeAmount sdkmath.Int, share sdkmath.LegacyDec) (protocol, lp sdkmath.Int) {
	if feeAmount.IsNil() {
		return sdkmath.ZeroInt(), sdkmath.ZeroInt()
	}
	if !feeAmount.IsPositive() {
		return sdkmath.ZeroInt(), feeAmount
	}
	protocol = mulRateDown(feeAmount, share)
	return protocol, feeAmount.Sub(protocol)
}

// SwapFeeAmount is floor(amountIn·fee), the part of a swap's amount in that
// is fee, for the books. Rounding down keeps it within the fee the swap
// math charged, so whatever of it leaves the pool, the pool keeps at least
// amountIn·(1 − fee). A nil or negative amount or fee gives 0; a fee above
// 1 counts as 1.
func SwapFeeAmount(amountIn sdkmath.Int, fee sdkmath.LegacyDec) sdkmath.Int {
	if amountIn.IsNil() || !amountIn.IsPositive() {
		return sdkmath.ZeroInt()
	}
	return mulRateDown(amountIn, fee)
}

// mulRateDown is floor(amount·rate) for amount ≥ 0, with rate clamped into
// [0, 1], so the result is in [0, amount] and always fits.
func mulRateDown(amount sdkmath.Int, rate sdkmath.LegacyDec) sdkmath.Int {
	r := minRaw(nonNegativeRaw(rate), decOneRaw)
	return sdkmath.NewIntFromBigInt(divFloor(new(big.Int).Mul(amount.BigInt(), r), decOneRaw))
}
