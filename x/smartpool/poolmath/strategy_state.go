package poolmath

import (
	"math"
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Estimators of the rule-driven weights. Once per update interval the pool
// folds that interval's oracle prices into per-asset exponentially weighted
// estimators with memory λ ∈ [0, 1) (a weight of λ^k on the price k
// intervals ago); the rules (strategy_rules.go) read them. A price enters as
// its log ℓ_i = ln p_i relative to the numeraire — the log of the geometric
// TWAP over the interval. The time unit is one update interval, so with the
// per-interval log return r_i = ℓ_i(t) − ℓ_i(t−1):
//
//	m_i(t) = λ·m_i(t−1) + (1−λ)·ℓ_i(t)                     EMA of the log price
//	ḡ_i(t) = λ·ḡ_i(t−1) + (1−λ)·r_i                        gradient: EMA of r_i
//	v_i(t) = λ·(v_i(t−1) + (1−λ)·(r_i − ḡ_i(t−1))²)         EMA variance of r_i
//
// ḡ_i is the EMA estimate of d ln p_i/dt per interval (QuantAMM's 1/p·∂p/∂t
// for log prices), and v_i the exponentially weighted variance of the returns
// about that same mean, in the incremental form of West (1979) / Finch
// (2009); it can never turn negative. The first call only records the
// prices: m = ℓ, ḡ = 0, v = 0. A skipped interval is not spread out: the
// caller calls once per interval it observed.
//
// Each new value is the exact rational of its formula on the stored 18-digit
// inputs, rounded to nearest (half away from zero) once, so a reference
// reproduces it digit for digit; over a path, the drift from exact real
// arithmetic is at most 1/(2(1−λ)) units of 10^-18 in m and ḡ (each step adds
// at most half a unit and λ shrinks the past), and about as much in v.
//
// Bounds: with |ℓ| ≤ L = MaxAbsLogPrice, the formulas keep |m| ≤ L, |ḡ| ≤ 2L
// (|r| ≤ 2L) and 0 ≤ v ≤ 16L² (|r − ḡ| ≤ 4L, and λ(1 + (1−λ)) ≤ 1); all
// three bounds lie on the 18-digit grid, which rounding to nearest never
// crosses. So a state this function produced always passes its own checks,
// and every product below stays a few hundred bits.

// MaxAbsLogPrice bounds |ln p|: e^1000 is far past any price a 256-bit
// balance can express (ln 2^256 ≈ 177).
const MaxAbsLogPrice = 1000

var (
	maxLogPriceRaw = new(big.Int).Mul(big.NewInt(MaxAbsLogPrice), decOneRaw)
	minLogPriceRaw = new(big.Int).Neg(maxLogPriceRaw)
	maxGradientRaw = new(big.Int).Mul(big.NewInt(2*MaxAbsLogPrice), decOneRaw)
	minGradientRaw = new(big.Int).Neg(maxGradientRaw)
	maxVarianceRaw = new(big.Int).Mul(big.NewInt(16*MaxAbsLogPrice*MaxAbsLogPrice), decOneRaw)
	decOneRaw2     = new(big.Int).Mul(decOneRaw, decOneRaw)
	decOneRaw3     = new(big.Int).Mul(decOneRaw2, decOneRaw)
)

// AssetEstimate is one asset's estimators (see above), all per interval.
type AssetEstimate struct {
	LastLogPrice sdkmath.LegacyDec // ℓ_i(t)
	MeanLogPrice sdkmath.LegacyDec // m_i(t)
	Gradient     sdkmath.LegacyDec // ḡ_i(t)
	Variance     sdkmath.LegacyDec // v_i(t)
}

// EstimatorState is a pool's estimators. Updates counts the price vectors
// folded in (saturating); with Updates == 0 the state is empty and Assets
// is ignored.
type EstimatorState struct {
	Updates uint64
	Assets  []AssetEstimate
}

// UpdateEstimators folds one interval's log prices (2 to MaxStrategyAssets,
// each |ℓ| ≤ MaxAbsLogPrice) into state with memory lambda ∈ [0, 1) and
// returns the new state; the input is not modified. Errors: ErrOutOfRange
// for a value out of its range (nil included), ErrLengthMismatch for a count
// that differs from the state's or is out of bounds.
func UpdateEstimators(state EstimatorState, logPrices []sdkmath.LegacyDec, lambda sdkmath.LegacyDec) (EstimatorState, error) {
	n := len(logPrices)
	if err := checkAssetCount(n); err != nil {
		return EstimatorState{}, err
	}
	lam, err := decRawIn("lambda", lambda, new(big.Int), new(big.Int).Sub(decOneRaw, big.NewInt(1)))
	if err != nil {
		return EstimatorState{}, err
	}
	prices := make([]*big.Int, n)
	for i, l := range logPrices {
		if prices[i], err = decRawIn("log price", l, minLogPriceRaw, maxLogPriceRaw); err != nil {
			return EstimatorState{}, errorsmod.Wrapf(err, "asset %d", i)
		}
	}
	next := EstimatorState{Updates: 1, Assets: make([]AssetEstimate, n)}
	if state.Updates == 0 {
		zero := sdkmath.LegacyZeroDec()
		for i, l := range logPrices {
			next.Assets[i] = AssetEstimate{LastLogPrice: l, MeanLogPrice: l, Gradient: zero, Variance: zero}
		}
		return next, nil
	}
	old, err := estimateRaws(state, n)
	if err != nil {
		return EstimatorState{}, err
	}
	next.Updates = state.Updates
	if next.Updates < math.MaxUint64 {
		next.Updates++
	}
	keep := new(big.Int).Sub(decOneRaw, lam) // 1 − λ, raw
	for i, l := range prices {
		o := old[i]
		ret := new(big.Int).Sub(l, o.last) // r_i, exact
		dev := new(big.Int).Sub(ret, o.grad)
		// m: (λ·m + (1−λ)·ℓ)·10^18 / 10^18.
		m := new(big.Int).Mul(lam, o.mean)
		m.Add(m, new(big.Int).Mul(keep, l))
		// ḡ: (λ·ḡ + (1−λ)·r) likewise.
		g := new(big.Int).Mul(lam, o.grad)
		g.Add(g, new(big.Int).Mul(keep, ret))
		// v: λ·(v·10^36 + (1−λ)·d²) / 10^54, all raws.
		v := new(big.Int).Mul(o.vari, decOneRaw2)
		v.Add(v, dev.Mul(dev.Mul(dev, dev), keep))
		v.Mul(v, lam)
		next.Assets[i], err = assetEstimateFromRaws(l, roundNearest(m, decOneRaw), roundNearest(g, decOneRaw), roundNearest(v, decOneRaw3))
		if err != nil {
			return EstimatorState{}, err
		}
	}
	return next, nil
}

// estimateRaw holds one asset's estimators as raws.
type estimateRaw struct{ last, mean, grad, vari *big.Int }

// estimateRaws checks a non-empty state of n assets against the bounds above.
func estimateRaws(state EstimatorState, n int) ([]estimateRaw, error) {
	if state.Updates == 0 {
		return nil, errorsmod.Wrap(ErrOutOfRange, "the estimators have no prices yet")
	}
	if len(state.Assets) != n {
		return nil, errorsmod.Wrapf(ErrLengthMismatch, "state has %d assets, input %d", len(state.Assets), n)
	}
	out := make([]estimateRaw, n)
	for i, a := range state.Assets {
		var err error
		e := &out[i]
		if e.last, err = decRawIn("last log price", a.LastLogPrice, minLogPriceRaw, maxLogPriceRaw); err != nil {
			return nil, errorsmod.Wrapf(err, "asset %d", i)
		}
		if e.mean, err = decRawIn("mean log price", a.MeanLogPrice, minLogPriceRaw, maxLogPriceRaw); err != nil {
			return nil, errorsmod.Wrapf(err, "asset %d", i)
		}
		if e.grad, err = decRawIn("gradient", a.Gradient, minGradientRaw, maxGradientRaw); err != nil {
			return nil, errorsmod.Wrapf(err, "asset %d", i)
		}
		if e.vari, err = decRawIn("variance", a.Variance, new(big.Int), maxVarianceRaw); err != nil {
			return nil, errorsmod.Wrapf(err, "asset %d", i)
		}
	}
	return out, nil
}

func assetEstimateFromRaws(last, mean, grad, vari *big.Int) (AssetEstimate, error) {
	ds, err := decsFromRaws([]*big.Int{last, mean, grad, vari})
	if err != nil {
		return AssetEstimate{}, err
	}
	return AssetEstimate{LastLogPrice: ds[0], MeanLogPrice: ds[1], Gradient: ds[2], Variance: ds[3]}, nil
}

// RebaseEstimators records new last log prices without folding a return,
// for the first interval after a gap: the return the next update folds then
// spans one interval, as the estimators assume. The averages are kept. On
// an empty state it is UpdateEstimators' first call. Errors as there.
func RebaseEstimators(state EstimatorState, logPrices []sdkmath.LegacyDec) (EstimatorState, error) {
	first, err := UpdateEstimators(EstimatorState{}, logPrices, sdkmath.LegacyZeroDec())
	if err != nil || state.Updates == 0 {
		return first, err
	}
	if _, err := estimateRaws(state, len(logPrices)); err != nil {
		return EstimatorState{}, err
	}
	next := EstimatorState{Updates: state.Updates, Assets: append([]AssetEstimate(nil), state.Assets...)}
	for i, l := range logPrices {
		next.Assets[i].LastLogPrice = l
	}
	return next, nil
}
