package poolmath

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Update rules, after QuantAMM's temporal-function market making. Each takes
// the pool's current normalized weights w (2 to MaxStrategyAssets, each in
// [0, 1], Σw = 1 exactly) and returns target weights that sum to exactly 1,
// rounded by roundWeights: every target is the exact rational of its formula,
// rounded to nearest at 18 digits, and the remainder (≤ n/2 units of 10^-18)
// goes to the largest target.
//
// The momentum-type rules move weight additively, so their targets may fall
// below 0 or above 1: they are proposals, which ClipToRails then projects
// onto the guard rails. Their offset is the plain mean over the assets, as in
// QuantAMM, because that is what keeps Σw = 1 for any w: with the
// weight-averaged Σ_j w_j·ḡ_j instead, Σ_i w_i' = 1 + κ·(Σ_i ḡ_i − n·Σ_j w_j·ḡ_j).

// MaxStrategyKappa bounds the step size κ of the momentum-type rules.
const MaxStrategyKappa = 1_000_000_000_000_000_000

var maxKappaRaw = new(big.Int).Mul(big.NewInt(MaxStrategyKappa), decOneRaw)

// MomentumTargets is w_i' = w_i + κ·(ḡ_i − (1/n)·Σ_j ḡ_j): weight flows to
// the assets whose log price rises faster than the pool's average, at rate κ
// ∈ [0, MaxStrategyKappa] per unit of per-interval gradient.
func MomentumTargets(weights []sdkmath.LegacyDec, state EstimatorState, kappa sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	return MomentumTargetsEach(weights, state, repeatDec(kappa, len(weights)))
}

// MomentumTargetsEach is momentum with a step size per asset, as QuantAMM
// allows: w_i' = w_i + κ_i·(ḡ_i − Σ_j κ_j·ḡ_j / Σ_j κ_j). The offset is the
// κ-weighted mean, which keeps Σw = 1 (Σ_i κ_i·(ḡ_i − offset) = 0); with one
// κ for all it is MomentumTargets exactly, and with every κ zero nothing
// moves.
func MomentumTargetsEach(weights []sdkmath.LegacyDec, state EstimatorState, kappas []sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	return gradientTargets(weights, state, kappas, 1)
}

// AntiMomentumTargets is w_i' = w_i − κ·(ḡ_i − (1/n)·Σ_j ḡ_j): the mirror of
// MomentumTargets, buying the laggards (mean reversion). QuantAMM divides by
// a κ-weighted offset; with one κ for all assets that is this same plain
// mean, which keeps Σw = 1.
func AntiMomentumTargets(weights []sdkmath.LegacyDec, state EstimatorState, kappa sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	return AntiMomentumTargetsEach(weights, state, repeatDec(kappa, len(weights)))
}

// AntiMomentumTargetsEach is anti-momentum with a step size per asset and
// the κ-weighted offset (see MomentumTargetsEach).
func AntiMomentumTargetsEach(weights []sdkmath.LegacyDec, state EstimatorState, kappas []sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	return gradientTargets(weights, state, kappas, -1)
}

func gradientTargets(weights []sdkmath.LegacyDec, state EstimatorState, kappas []sdkmath.LegacyDec, sign int64) ([]sdkmath.LegacyDec, error) {
	w, est, ks, err := momentumInputs(weights, state, kappas)
	if err != nil {
		return nil, err
	}
	signals := make([]*big.Int, len(est))
	for i, e := range est {
		signals[i] = e.grad
	}
	return additiveTargets(w, ks, sign, signals, decOneRaw)
}

// MaxPowerExponent bounds the power channel's q: (2·MaxAbsLogPrice)^16 is
// e^122, well inside the exponential's range.
const MaxPowerExponent = 16

var maxPowerExpRaw = new(big.Int).Mul(big.NewInt(MaxPowerExponent), decOneRaw)

// PowerChannelTargets is w_i' = w_i + κ·(s_i − (1/n)·Σ_j s_j) with
// s_i = sign(ḡ_i)·|ḡ_i|^q and q ∈ (1, MaxPowerExponent]: momentum that
// ignores small gradients and amplifies large ones. s_i is computed at the
// 72-digit work precision (error below 10^-65·(1 + |s_i|)) and |ḡ|^q below
// e^-276 counts as 0, so each target is within one unit of 10^-18 of the
// exact formula before the remainder step. Large κ and q can push a target
// past what a LegacyDec holds: that is ErrOutOfRange.
func PowerChannelTargets(weights []sdkmath.LegacyDec, state EstimatorState, kappa, q sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	return PowerChannelTargetsEach(weights, state, repeatDec(kappa, len(weights)), q)
}

// PowerChannelTargetsEach is the power channel with a step size per asset
// and the κ-weighted offset (see MomentumTargetsEach).
func PowerChannelTargetsEach(weights []sdkmath.LegacyDec, state EstimatorState, kappas []sdkmath.LegacyDec, q sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	w, est, ks, err := momentumInputs(weights, state, kappas)
	if err != nil {
		return nil, err
	}
	qRaw, err := decRawIn("exponent q", q, decOneRaw, maxPowerExpRaw)
	if err != nil {
		return nil, err
	}
	if qRaw.Cmp(decOneRaw) == 0 {
		return nil, errorsmod.Wrap(ErrOutOfRange, "exponent q must exceed 1")
	}
	signals := make([]*big.Int, len(est))
	for i, e := range est {
		signals[i] = workSignedPow(e.grad, qRaw)
	}
	return additiveTargets(w, ks, 1, signals, workOne)
}

// momentumInputs checks the inputs the momentum-type rules share: one κ
// in [0, MaxStrategyKappa] per asset.
func momentumInputs(weights []sdkmath.LegacyDec, state EstimatorState, kappas []sdkmath.LegacyDec) ([]*big.Int, []estimateRaw, []*big.Int, error) {
	w, err := weightRaws("weights", weights)
	if err != nil {
		return nil, nil, nil, err
	}
	est, err := estimateRaws(state, len(w))
	if err != nil {
		return nil, nil, nil, err
	}
	if len(kappas) != len(w) {
		return nil, nil, nil, errorsmod.Wrapf(ErrLengthMismatch, "%d step sizes for %d assets", len(kappas), len(w))
	}
	ks := make([]*big.Int, len(kappas))
	for i, kappa := range kappas {
		if ks[i], err = decRawIn("kappa", kappa, new(big.Int), maxKappaRaw); err != nil {
			return nil, nil, nil, errorsmod.Wrapf(err, "asset %d", i)
		}
	}
	return w, est, ks, nil
}

// additiveTargets is w_i + sign·κ_i·(s_i − Σ_j κ_j·s_j / Σ_j κ_j) with
// signals s_i = signals[i]/scale, κ_i = ks[i]·10^-18 and w_i = w[i]·10^-18.
// With K = Σ k_j and S = Σ k_j·s_j (raws), over the common denominator
// K·scale the raw target is (w_i·K·scale + sign·k_i·(s_i·K − S)) / (K·scale);
// the moves sum to zero, so these numerators sum to K·scale·10^18 exactly,
// as roundWeights requires. With equal k this is the same rational as
// w_i + κ·(n·s_i − Σs)/(n·scale), the plain-mean form. K = 0 moves nothing.
func additiveTargets(w []*big.Int, ks []*big.Int, sign int64, signals []*big.Int, scale *big.Int) ([]sdkmath.LegacyDec, error) {
	total := sumBig(ks)
	if total.Sign() == 0 {
		return decsFromRaws(w)
	}
	weighted := new(big.Int)
	for i, s := range signals {
		weighted.Add(weighted, new(big.Int).Mul(ks[i], s))
	}
	den := new(big.Int).Mul(total, scale)
	nums := make([]*big.Int, len(w))
	for i := range w {
		move := new(big.Int).Mul(signals[i], total)
		move.Sub(move, weighted).Mul(move, ks[i])
		if sign < 0 {
			move.Neg(move)
		}
		nums[i] = new(big.Int).Mul(w[i], den)
		nums[i].Add(nums[i], move)
	}
	return roundWeights(nums, den)
}

func repeatDec(d sdkmath.LegacyDec, n int) []sdkmath.LegacyDec {
	out := make([]sdkmath.LegacyDec, n)
	for i := range out {
		out[i] = d
	}
	return out
}

// MinVarianceTargets is w' = λ_w·w + (1−λ_w)·t with t_i = (1/v_i) / Σ_j (1/v_j),
// the inverse-variance (minimum-variance, ignoring correlations) portfolio
// of the estimators' return variances; λ_w ∈ [0, 1] is the blend memory
// (1 keeps w). A variance below 10^-18 (no observed movement, such as the
// numeraire's own price) counts as 10^-18, so t stays defined and puts
// nearly all weight there, for the rails to cap. The exact t_i is
// (Π_{j≠i} v_j) / Σ_k Π_{j≠k} v_j, computed on integers.
func MinVarianceTargets(weights []sdkmath.LegacyDec, state EstimatorState, blend sdkmath.LegacyDec) ([]sdkmath.LegacyDec, error) {
	w, err := weightRaws("weights", weights)
	if err != nil {
		return nil, err
	}
	est, err := estimateRaws(state, len(w))
	if err != nil {
		return nil, err
	}
	lam, err := decRawIn("blend", blend, new(big.Int), decOneRaw)
	if err != nil {
		return nil, err
	}
	inv := make([]*big.Int, len(w)) // inv[i] = Π_{j≠i} v_j ∝ 1/v_i
	for i := range inv {
		inv[i] = big.NewInt(1)
		for j, e := range est {
			if j != i {
				inv[i].Mul(inv[i], maxBig(e.vari, big.NewInt(1)))
			}
		}
	}
	total := sumBig(inv)
	// raw w_i' = (λ·w_i·A + (1−λ)·inv_i·10^18) / (10^18·A), A = Σ inv.
	keep := new(big.Int).Sub(decOneRaw, lam)
	nums := make([]*big.Int, len(w))
	for i := range w {
		nums[i] = new(big.Int).Mul(lam, w[i])
		nums[i].Mul(nums[i], total)
		target := new(big.Int).Mul(keep, inv[i])
		nums[i].Add(nums[i], target.Mul(target, decOneRaw))
	}
	return roundWeights(nums, new(big.Int).Mul(decOneRaw, total))
}

func maxBig(a, b *big.Int) *big.Int {
	if a.Cmp(b) > 0 {
		return a
	}
	return b
}
