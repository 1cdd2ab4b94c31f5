package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// CalcSharesOutGivenTokensIn is the shares a deposit of any amounts of any
// subset of the pool's assets mints (amounts[i] may be zero). The deposit's
// largest proportional part pays no fee; the rest of its value, the fraction
// Z, is in effect swapped, and the fee on it is levied on every deposited
// amount alike:
//
//	gi = Ai / Bi                       (growth of asset i)
//	M  = Σ wi·gi                       (weighted mean growth)
//	Z  = Σ_{gi > M} wi·(gi − M) / M    (share of the value beyond the proportional part)
//	κ  = (1 − fee)^Z
//	S' = S · Π ((Bi + Ai·κ) / Bi)^wi − S
//
// rounded down. A deposit of one asset has Z = 1 − w, so κ is the
// single-asset join's factor φ (JoinExitFeeFactor) and the result equals
// CalcSharesOutGivenSingleIn (for totalWeight = Σ weights) exactly, by the
// same computation. A proportional deposit has Z = 0 and pays nothing.
//
// Why one common factor rather than Balancer's fee on the excess amounts
// alone (with any per-asset factor): charging only the excess evens out the
// effective growths, which the concave invariant rewards, so a deposit of A
// and C followed by a single-asset exit into B paid more than swapping A and
// C into B (TestExcessOnlyFeeLetsUnevenJoinBeatSwaps). With the common
// factor it cannot: for an asset B not deposited Σ_{gi<M} wi·(M − gi) ≥
// wB·M, so Z ≥ wB, the exit's factor times κ is (1−fee)^(1−wB+Z) ≤ 1 − fee,
// and by concavity, asset by asset, the detour pays at most the swaps.
func CalcSharesOutGivenTokensIn(balances, weights []sdkmath.Int, totalShares sdkmath.Int, amounts []sdkmath.Int, fee sdkmath.LegacyDec) (sdkmath.Int, error) {
	if len(balances) == 0 || len(balances) != len(weights) || len(balances) != len(amounts) {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrLengthMismatch, "%d balances, %d weights, %d amounts", len(balances), len(weights), len(amounts))
	}
	if err := requirePositive("total shares", totalShares); err != nil {
		return sdkmath.Int{}, err
	}
	f, err := feeFixed(fee)
	if err != nil {
		return sdkmath.Int{}, err
	}
	var scratch divScratch
	norm, kappa, err := depositFeeFactor(balances, weights, amounts, f, &scratch)
	if err != nil {
		return sdkmath.Int{}, err
	}
	// Every step below rounds the growth of the pool down. The first factor
	// of the product enters as it is (1·p is exact).
	var invariantRatio Fixed
	for i, b := range balances {
		if amounts[i].IsZero() {
			continue
		}
		p, err := PowDown(depositGrowth(b, amounts[i], kappa, &scratch), norm[i])
		if err != nil {
			return sdkmath.Int{}, err
		}
		if invariantRatio.raw == nil {
			invariantRatio = p
		} else {
			invariantRatio = invariantRatio.MulDown(p)
		}
	}
	if invariantRatio.raw.Cmp(oneRaw) <= 0 {
		return sdkmath.ZeroInt(), nil
	}
	// floor(S·(r − 1)): S·(r − 1) is exact as a Fixed, S being whole.
	minted := new(big.Int).Sub(invariantRatio.raw, oneRaw)
	minted.Mul(minted, totalShares.BigIntMut())
	return intFromOwnedBig(divFloor(minted, oneRaw))
}

// depositGrowth is (B + A·κ)/B rounded down, for B > 0 and A ≥ 0. As
// Fixeds that is (B·10^60 + A·κ)·10^60 / (B·10^60), whose common 10^60
// cancels; A·κ is exact, A being whole.
func depositGrowth(balance, amount sdkmath.Int, kappa Fixed, s *divScratch) Fixed {
	b := balance.BigIntMut()
	q := new(big.Int).Mul(b, oneRaw)
	s.prod.Mul(amount.BigIntMut(), kappa.raw)
	q.QuoRem(s.prod.Add(&s.prod, q), b, &s.rem)
	return Fixed{q}
}

// divScratch holds the temporaries of repeated divisions, so that each
// quotient allocates only itself. Its values are never negative, where
// truncating division is the floor the Fixed operations round by.
type divScratch struct{ prod, rem big.Int }

// mulQuoDown sets q to ⌊a·b/d⌋, for a, b ≥ 0 and d > 0.
func (s *divScratch) mulQuoDown(q, a, b, d *big.Int) *big.Int {
	q.QuoRem(s.prod.Mul(a, b), d, &s.rem)
	return q
}

// mulQuoUp sets q to ⌈a·b/d⌉, for a, b ≥ 0 and d > 0.
func (s *divScratch) mulQuoUp(q, a, b, d *big.Int) *big.Int {
	if q.QuoRem(s.prod.Mul(a, b), d, &s.rem); s.rem.Sign() != 0 {
		q.Add(q, bigOne)
	}
	return q
}

// swappedFraction is Z = Σ_{gi > M} wi·(gi − M) / M with M = Σ wi·gi, the
// share of a deposit's value beyond its largest proportional part, rounded
// up (more fee): M rounds down, the excess up. It is at most 1; a deposit
// too small for M to show pays the full fee (Z = 1).
// (The steps are MulDown, MulUp and QuoUp on scratch integers.)
func swappedFraction(norm, growths []Fixed, s *divScratch) Fixed {
	var q big.Int
	mean := new(big.Int)
	for i, g := range growths {
		mean.Add(mean, s.mulQuoDown(&q, norm[i].raw, g.raw, oneRaw))
	}
	if mean.Sign() <= 0 {
		return One()
	}
	excess, diff := new(big.Int), new(big.Int)
	for i, g := range growths {
		if g.raw.Cmp(mean) > 0 {
			excess.Add(excess, s.mulQuoUp(&q, norm[i].raw, diff.Sub(g.raw, mean), oneRaw))
		}
	}
	z := s.mulQuoUp(new(big.Int), excess, oneRaw, mean)
	if z.Cmp(oneRaw) > 0 {
		return One()
	}
	return Fixed{z}
}

// normalizedWeights checks balances and weights and returns wi/Σw, rounded
// down (FixedRatio).
func normalizedWeights(balances, weights []sdkmath.Int) ([]Fixed, error) {
	total := new(big.Int)
	for i := range balances {
		if err := requireAllPositive(arg("balance", balances[i]), arg("weight", weights[i])); err != nil {
			return nil, err
		}
		total.Add(total, weights[i].BigIntMut())
	}
	norm := make([]Fixed, len(weights))
	var s divScratch
	for i, w := range weights {
		norm[i] = Fixed{s.mulQuoDown(new(big.Int), w.BigIntMut(), oneRaw, total)}
	}
	return norm, nil
}

// DepositFeeFactor is κ, the factor CalcSharesOutGivenTokensIn counts each
// amount of a deposit at: 1 − κ of every amount is the deposit's fee.
func DepositFeeFactor(balances, weights, amounts []sdkmath.Int, fee sdkmath.LegacyDec) (Fixed, error) {
	if len(balances) == 0 || len(balances) != len(weights) || len(balances) != len(amounts) {
		return Fixed{}, errorsmod.Wrapf(ErrLengthMismatch, "%d balances, %d weights, %d amounts", len(balances), len(weights), len(amounts))
	}
	f, err := feeFixed(fee)
	if err != nil {
		return Fixed{}, err
	}
	_, kappa, err := depositFeeFactor(balances, weights, amounts, f, new(divScratch))
	return kappa, err
}

// depositFeeFactor returns the normalized weights and κ = (1 − f)^Z of a
// deposit, Z the share of its value beyond its proportional part.
func depositFeeFactor(balances, weights, amounts []sdkmath.Int, f Fixed, s *divScratch) ([]Fixed, Fixed, error) {
	norm, err := normalizedWeights(balances, weights)
	if err != nil {
		return nil, Fixed{}, err
	}
	growths := make([]Fixed, len(balances))
	deposited, last := 0, 0
	for i, b := range balances {
		if err := requireNonNegative("amount", amounts[i]); err != nil {
			return nil, Fixed{}, err
		}
		if amounts[i].IsPositive() {
			deposited, last = deposited+1, i
		}
		growths[i] = Fixed{s.mulQuoDown(new(big.Int), amounts[i].BigIntMut(), oneRaw, b.BigIntMut())} // FixedRatio
	}
	if deposited == 0 {
		return nil, Fixed{}, errorsmod.Wrap(ErrNonPositive, "no amount in")
	}
	// One asset: exactly the single-asset join's 1 − w, which the general
	// formula gives only up to its roundings.
	var swapped Fixed
	if deposited > 1 {
		swapped = swappedFraction(norm, growths, s)
	} else {
		swapped = One().Sub(norm[last])
	}
	kappa, err := swappedFeeFactor(f, swapped)
	return norm, kappa, err
}

// FeeOfAmount is the fee part of an amount counted at factor: floor(amount·(1 − factor)),
// rounded down so that what is booked as fee never exceeds what the math left uncounted.
func FeeOfAmount(amount sdkmath.Int, factor Fixed) sdkmath.Int {
	if !amount.IsPositive() || !factor.LT(One()) {
		return sdkmath.ZeroInt()
	}
	fee, err := FixedFromInt(amount).MulDown(One().Sub(factor)).FloorInt()
	if err != nil || fee.IsNegative() {
		return sdkmath.ZeroInt()
	}
	return fee
}
