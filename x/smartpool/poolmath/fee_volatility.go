package poolmath

import (
	"math/big"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Realized volatility for the volatility fee. The oracle's interval means
// of the log values ℓi (ln of the pool's value in asset i, up to a constant
// that cancels) give each pair's log price ℓi − ℓj; its change between two
// consecutive intervals is Δdi − Δdj. The variance accumulates the mean of
// the squared changes over all pairs; its growth over a window, scaled to a
// day, is the daily variance.

var dayNanos = big.NewInt(int64(24 * time.Hour))

// PairVarianceStep is the mean over all k(k−1)/2 pairs of assets of the
// squared change of the pair's log price between two consecutive vectors of
// interval means (same length k ≥ 2):
//
//	mean_{i<j} (Δdi − Δdj)² = 2/(k−1) · Σi (Δdi − mean(Δd))²,  Δdi = means[i] − prevMeans[i]
//
// computed in O(k) from the identity Σ_{i<j} (Δdi − Δdj)² = k·ΣΔdi² −
// (ΣΔdi)² on the exact integers behind the decimals, and rounded up once
// (the variance only raises fees), so it equals the O(k²) pairwise mean
// rounded up, digit for digit. Errors: ErrLengthMismatch for lengths that
// differ or are below 2, ErrOutOfRange for a nil entry or a result past
// what a LegacyDec holds.
func PairVarianceStep(prevMeans, means []sdkmath.LegacyDec) (sdkmath.LegacyDec, error) {
	k := len(means)
	if k < 2 || len(prevMeans) != k {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrLengthMismatch, "%d previous and %d current means; need at least 2 of each", len(prevMeans), k)
	}
	sum, sumSquares := new(big.Int), new(big.Int)
	for i := range means {
		if means[i].IsNil() || prevMeans[i].IsNil() {
			return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrOutOfRange, "mean %d is not set", i)
		}
		d := new(big.Int).Sub(means[i].BigInt(), prevMeans[i].BigInt())
		sum.Add(sum, d)
		sumSquares.Add(sumSquares, d.Mul(d, d))
	}
	// Raw units: Δd = D·10^-18, so the sum of squared pair changes is
	// (k·ΣD² − (ΣD)²)·10^-36 over k(k−1)/2 pairs.
	n := big.NewInt(int64(k))
	num := new(big.Int).Mul(n, sumSquares)
	num.Sub(num, sum.Mul(sum, sum)).Lsh(num, 1)
	den := new(big.Int).Mul(n, big.NewInt(int64(k-1)))
	return decFromRaw(divCeil(num, den.Mul(den, decOneRaw)))
}

// DailyVolatility is σ = sqrt(varianceSum · 24h / elapsed), the daily
// volatility from the variance accumulated over elapsed (> 0), by an integer
// square root on big.Int (deterministic), rounded up (σ only raises fees).
// Errors: ErrNonPositive for elapsed ≤ 0, ErrOutOfRange for a nil or
// negative varianceSum or a result past what a LegacyDec holds.
func DailyVolatility(varianceSum sdkmath.LegacyDec, elapsed time.Duration) (sdkmath.LegacyDec, error) {
	if elapsed <= 0 {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrNonPositive, "elapsed time must be positive, got %s", elapsed)
	}
	if varianceSum.IsNil() || varianceSum.IsNegative() {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrOutOfRange, "variance must not be negative, got %v", varianceSum)
	}
	// σ·10^18 = sqrt(V·10^18 · day / elapsed) with V the raw variance.
	x := new(big.Int).Mul(varianceSum.BigInt(), decOneRaw)
	x.Mul(x, dayNanos)
	q, r := x.QuoRem(x, big.NewInt(int64(elapsed)), new(big.Int))
	root := new(big.Int).Sqrt(q)
	if r.Sign() != 0 || new(big.Int).Mul(root, root).Cmp(q) != 0 {
		root.Add(root, big.NewInt(1)) // not a perfect square: the true root lies in (root, root+1)
	}
	return decFromRaw(root)
}
