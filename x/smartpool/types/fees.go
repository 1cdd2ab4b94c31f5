package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/poold/poold/x/smartpool/poolmath"
)

// Fee policy bounds that hold whatever the params say.
const (
	// MaxFeeTiers bounds a policy's size tiers.
	MaxFeeTiers = 8
)

var (
	// hardMaxVolatilityK bounds k: a 10% daily volatility adds at most 1.0 to the fee (then clamped).
	hardMaxVolatilityK = sdkmath.LegacyNewDec(10)
	// hardMaxSurcharge bounds the away surcharge to +1000%.
	hardMaxSurcharge = sdkmath.LegacyNewDec(10)
)

// IsDynamic reports whether a policy reads the oracle (volatility or direction).
func (p *FeePolicy) IsDynamic() bool {
	return p != nil && (p.Volatility != nil || p.Direction != nil)
}

// IsFixed reports whether a policy charges the fixed swap fee for every trade.
func (p *FeePolicy) IsFixed() bool {
	return p == nil || (p.Volatility == nil && p.Direction == nil && len(p.Tiers) == 0)
}

// ValidateBasic checks a policy without state: every fraction in range, tiers
// sorted with rising fees, windows of at least a second.
func (p *FeePolicy) ValidateBasic() error {
	if p == nil {
		return nil
	}
	if v := p.Volatility; v != nil {
		if err := feeDecInRange("volatility.k", v.K, hardMaxVolatilityK); err != nil {
			return err
		}
		if err := feeDecInRange("volatility.min_fee", v.MinFee, hardMaxSwapFee); err != nil {
			return err
		}
		if err := feeDecInRange("volatility.max_fee", v.MaxFee, hardMaxSwapFee); err != nil {
			return err
		}
		if v.MinFee.GT(v.MaxFee) {
			return errorsmod.Wrapf(ErrInvalidFeePolicy, "volatility.min_fee %s is above max_fee %s", v.MinFee, v.MaxFee)
		}
		if err := feeWindow("volatility.window", v.Window); err != nil {
			return err
		}
	}
	if d := p.Direction; d != nil {
		if err := feeDecInRange("direction.rebate", d.Rebate, sdkmath.LegacyOneDec()); err != nil {
			return err
		}
		if err := feeDecInRange("direction.surcharge", d.Surcharge, hardMaxSurcharge); err != nil {
			return err
		}
		if err := feeWindow("direction.window", d.Window); err != nil {
			return err
		}
	}
	if len(p.Tiers) > MaxFeeTiers {
		return errorsmod.Wrapf(ErrInvalidFeePolicy, "%d tiers, at most %d", len(p.Tiers), MaxFeeTiers)
	}
	for i, t := range p.Tiers {
		if err := feeDecInRange("tiers.min_in_ratio", t.MinInRatio, hardMaxInRatio); err != nil {
			return err
		}
		if err := feeDecInRange("tiers.extra_fee", t.ExtraFee, hardMaxSwapFee); err != nil {
			return err
		}
		if !t.MinInRatio.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidFeePolicy, "tier %d: min_in_ratio must be positive", i)
		}
		// Rising ratios with rising fees: a larger trade never pays less.
		if i > 0 && (!t.MinInRatio.GT(p.Tiers[i-1].MinInRatio) || t.ExtraFee.LT(p.Tiers[i-1].ExtraFee)) {
			return errorsmod.Wrapf(ErrInvalidFeePolicy, "tier %d: tiers must rise in min_in_ratio and never fall in extra_fee", i)
		}
	}
	return nil
}

// ValidateAgainst checks a policy against the params: fees within
// max_swap_fee, windows within the oracle's retention.
func (p *FeePolicy) ValidateAgainst(params Params) error {
	if err := p.ValidateBasic(); err != nil || p == nil {
		return err
	}
	if v := p.Volatility; v != nil {
		if v.MaxFee.GT(params.MaxSwapFee) {
			return errorsmod.Wrapf(ErrInvalidFeePolicy, "volatility.max_fee %s is above max_swap_fee %s", v.MaxFee, params.MaxSwapFee)
		}
		if v.Window > params.OracleRetention || v.Window < params.OracleObservationInterval {
			return errorsmod.Wrapf(ErrInvalidFeePolicy, "volatility.window %s is outside [oracle_observation_interval %s, oracle_retention %s]",
				v.Window, params.OracleObservationInterval, params.OracleRetention)
		}
	}
	if d := p.Direction; d != nil && d.Window > params.OracleRetention {
		return errorsmod.Wrapf(ErrInvalidFeePolicy, "direction.window %s is longer than the oracle retention %s", d.Window, params.OracleRetention)
	}
	for _, t := range p.Tiers {
		if t.ExtraFee.GT(params.MaxSwapFee) {
			return errorsmod.Wrapf(ErrInvalidFeePolicy, "tier extra_fee %s is above max_swap_fee %s", t.ExtraFee, params.MaxSwapFee)
		}
	}
	return nil
}

func feeDecInRange(name string, v, hi sdkmath.LegacyDec) error {
	if v.IsNil() || v.IsNegative() || v.GT(hi) {
		return errorsmod.Wrapf(ErrInvalidFeePolicy, "%s %v is outside [0, %s]", name, v, hi)
	}
	return nil
}

func feeWindow(name string, w time.Duration) error {
	if w < time.Second || w > HardMaxOracleRetention {
		return errorsmod.Wrapf(ErrInvalidFeePolicy, "%s %s is outside [1s, %s]", name, w, HardMaxOracleRetention)
	}
	return nil
}

// ValidateBasic checks a fee policy change; an unset policy means a fixed fee.
func (c *FeePolicyChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	return c.Policy.ValidateBasic()
}

// ValidateBasic checks a management fee change: a rate in [0, hard max] and,
// for a positive rate, a recipient.
func (c *ManagementFeeChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if c.AnnualRate.IsNil() || c.AnnualRate.IsNegative() || c.AnnualRate.GT(HardMaxManagementFee) {
		return errorsmod.Wrapf(ErrInvalidMgmtFee, "annual_rate %v is outside [0, %s]", c.AnnualRate, HardMaxManagementFee)
	}
	if c.AnnualRate.IsPositive() || c.Recipient != "" {
		if _, err := sdk.AccAddressFromBech32(c.Recipient); err != nil {
			return errorsmod.Wrapf(ErrInvalidMgmtFee, "recipient %q: %v", c.Recipient, err)
		}
	}
	return nil
}

// ValidateAgainst checks the rate against params.max_management_fee.
func (c *ManagementFeeChange) ValidateAgainst(params Params) error {
	if err := c.ValidateBasic(); err != nil {
		return err
	}
	if c.AnnualRate.GT(params.MaxManagementFee) {
		return errorsmod.Wrapf(ErrInvalidMgmtFee, "annual_rate %s is above max_management_fee %s", c.AnnualRate, params.MaxManagementFee)
	}
	return nil
}

// ManagementFeeFrom turns a change into the pool's fee, accruing from now;
// nil for a zero rate.
func ManagementFeeFrom(c *ManagementFeeChange, now time.Time) *ManagementFee {
	if c == nil || c.AnnualRate.IsNil() || !c.AnnualRate.IsPositive() {
		return nil
	}
	return &ManagementFee{AnnualRate: c.AnnualRate, Recipient: c.Recipient, LastAccrual: now}
}

// AccrueManagementFee adds the management fee accrued up to now to the
// pool's shares and returns how many were added (to be minted to the
// recipient). Nothing changes when there is no fee or no time has passed.
func (p *Pool) AccrueManagementFee(now time.Time) (sdkmath.Int, error) {
	m := p.ManagementFee
	if m == nil || !now.After(m.LastAccrual) {
		return sdkmath.ZeroInt(), nil
	}
	shares, err := poolmath.ManagementFeeShares(p.TotalShares, m.AnnualRate, now.Sub(m.LastAccrual))
	if err != nil {
		return sdkmath.Int{}, errorsmod.Wrap(ErrMath, err.Error())
	}
	if !shares.IsPositive() {
		return sdkmath.ZeroInt(), nil // keep accruing from the same time: nothing is rounded away
	}
	total := p.TotalShares.Add(shares)
	if total.GT(MaxTotalShares) {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrShareBound, "management fee of %s shares", shares)
	}
	// The share cap bounds deposits, not the fee: minting adds no assets.
	p.TotalShares = total
	next := *m // a copy: Clone shares the pointer
	next.LastAccrual = now
	p.ManagementFee = &next
	return shares, nil
}

// RecordSwapFee books a fee paid in asset i — a swap hop's, or the fee a
// single-asset or uneven join or a single-asset exit charges: the protocol's
// share leaves the pool's balance for protocol_fees_owed (it stays in the
// module account), the rest counts as LP income. The pool keeps at least
// what its math counted (a swap's amountIn·(1 − fee), a deposit's κ·amount,
// an exit's withheld part less its fee).
func (p *Pool) RecordSwapFee(i int, fee sdkmath.Int, share sdkmath.LegacyDec) (protocol sdkmath.Int) {
	protocol, lp := poolmath.SplitProtocolFee(fee, share)
	a := &p.Assets[i]
	a.FeesLp = OrZero(a.FeesLp).Add(lp)
	if protocol.IsPositive() {
		total := OrZeroPtr(a.FeesProtocol).Add(protocol)
		a.FeesProtocol = &total
		a.Balance = a.Balance.Sub(protocol) // protocol ≤ fee ≤ amount in, already added
		p.ProtocolFeesOwed = p.ProtocolFeesOwed.Add(sdk.NewCoin(a.Denom, protocol))
	}
	return protocol
}

// BookSwapFee records the fee a swap that just paid tokenIn into the pool
// owes at rate: the protocol's share leaves the balance, the rest is LP
// income. It returns the fee and the protocol's share.
func (p *Pool) BookSwapFee(params Params, tokenIn sdk.Coin, rate sdkmath.LegacyDec) (fee, protocol sdkmath.Int) {
	fee = poolmath.SwapFeeAmount(tokenIn.Amount, rate)
	protocol = sdkmath.ZeroInt()
	if i, err := p.AssetIndex(tokenIn.Denom); err == nil {
		protocol = p.RecordSwapFee(i, fee, params.ProtocolFeeShare)
	}
	return fee, protocol
}

// OrZeroPtr reads an unset optional Int as zero.
func OrZeroPtr(i *sdkmath.Int) sdkmath.Int {
	if i == nil {
		return sdkmath.ZeroInt()
	}
	return OrZero(*i)
}

// OrZero reads an unset Int (a record from before the field existed) as zero.
func OrZero(i sdkmath.Int) sdkmath.Int {
	if i.IsNil() {
		return sdkmath.ZeroInt()
	}
	return i
}

// TradeFee is the fee rate of one operation under the pool's policy: sigma
// is the realized daily volatility (zero without history), inRatio the size
// of the trade against the balance it pays into, dir its direction. It is
// always within [0, params.max_swap_fee].
func (p Pool) TradeFee(params Params, sigma, inRatio sdkmath.LegacyDec, dir poolmath.TradeDirection) sdkmath.LegacyDec {
	pol := p.FeePolicy
	if pol == nil {
		return p.SwapFee
	}
	fee := p.SwapFee
	if v := pol.Volatility; v != nil {
		fee = poolmath.VolatilityFee(fee, v.K, sigma, v.MinFee, v.MaxFee)
	}
	if len(pol.Tiers) > 0 {
		fee = fee.Add(poolmath.TierExtraFee(inRatio, pol.mathTiers()))
	}
	if d := pol.Direction; d != nil {
		fee = poolmath.DirectionAdjustedFee(fee, d.Rebate, d.Surcharge, dir)
	}
	return poolmath.ClampFee(fee, params.MaxSwapFee)
}

// TierExtraFee is the extra fee of the size tier inRatio falls in.
func (p *FeePolicy) TierExtraFee(inRatio sdkmath.LegacyDec) sdkmath.LegacyDec {
	if p == nil || len(p.Tiers) == 0 {
		return sdkmath.LegacyZeroDec()
	}
	return poolmath.TierExtraFee(inRatio, p.mathTiers())
}

func (p *FeePolicy) mathTiers() []poolmath.FeeTier {
	tiers := make([]poolmath.FeeTier, len(p.Tiers))
	for i, t := range p.Tiers {
		tiers[i] = poolmath.FeeTier{MinInRatio: t.MinInRatio, ExtraFee: t.ExtraFee}
	}
	return tiers
}

// LpFees are the assets' cumulative LP fees, in asset order.
func (p Pool) LpFees() []sdkmath.Int {
	fees := make([]sdkmath.Int, len(p.Assets))
	for i, a := range p.Assets {
		fees[i] = OrZero(a.FeesLp)
	}
	return fees
}

// validateFees checks a stored pool's fee fields: policy and management fee
// well formed, fee counters not negative, owed protocol fees valid coins.
func (p Pool) validateFees() error {
	if err := p.FeePolicy.ValidateBasic(); err != nil {
		return errorsmod.Wrapf(ErrInvalidPoolState, "fee policy: %v", err)
	}
	if m := p.ManagementFee; m != nil {
		if err := (&ManagementFeeChange{AnnualRate: m.AnnualRate, Recipient: m.Recipient}).ValidateBasic(); err != nil {
			return errorsmod.Wrapf(ErrInvalidPoolState, "management fee: %v", err)
		}
		if p.Controller == "" {
			return errorsmod.Wrap(ErrInvalidPoolState, "an immutable pool cannot charge a management fee: nothing could ever end it")
		}
	}
	for _, a := range p.Assets {
		if OrZero(a.FeesLp).IsNegative() || OrZeroPtr(a.FeesProtocol).IsNegative() {
			return errorsmod.Wrapf(ErrInvalidPoolState, "negative fee counter of %s", a.Denom)
		}
	}
	// A fee state cached before an asset change may be of another length:
	// it is read only when its length matches, so only unset values matter.
	if st := p.FeeState; st != nil {
		if st.Sigma.IsNil() || st.Sigma.IsNegative() {
			return errorsmod.Wrap(ErrInvalidPoolState, "malformed fee state")
		}
		for _, v := range st.TwapLogValues {
			if v.IsNil() {
				return errorsmod.Wrap(ErrInvalidPoolState, "fee state has an unset TWAP")
			}
		}
	}
	// Owed coins may be of an asset removed since: they stay owed until paid.
	if err := p.ProtocolFeesOwed.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidPoolState, "protocol_fees_owed: %v", err)
	}
	return nil
}

// depositFees are a single-asset or uneven deposit's fees per asset (in pool
// order): 1 − κ of each amount, the part the join math did not count.
func (p Pool) depositFees(fee sdkmath.LegacyDec, amounts []sdkmath.Int) ([]sdkmath.Int, error) {
	kappa, err := poolmath.DepositFeeFactor(p.Balances(), p.Weights(), amounts, fee)
	if err != nil {
		return nil, errorsmod.Wrap(ErrMath, err.Error())
	}
	fees := make([]sdkmath.Int, len(amounts))
	for i, a := range amounts {
		fees[i] = poolmath.FeeOfAmount(a, kappa)
	}
	return fees, nil
}

// bookFees records a deposit's fees, asset by asset, after its amounts are
// in the balances.
func (p *Pool) bookFees(params Params, fees []sdkmath.Int) {
	for i, f := range fees {
		if f.IsPositive() {
			p.RecordSwapFee(i, f, params.ProtocolFeeShare)
		}
	}
}
