package simulation

import (
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// The randomized params must always be valid, and their time-locks short
// against the simulator's 5000–10000 s blocks. The fee params must cover
// both sides of each branch the keeper takes: no protocol fee and some, no
// management fee allowed (from governance only: every genesis must let
// pools charge one) and some, payouts that carry over (1–3 a block).
func TestRandomParamsValidAndShort(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var noProtocolFee, protocolFee, noMgmtFee, mgmtFee, fewPayouts int
	for range 2000 {
		if !RandomParams(r, "upool").MaxManagementFee.IsPositive() {
			t.Fatal("a genesis without management fees: MsgClaimManagementFee could never be delivered")
		}
		p := ProposalParams(r, "upool")
		if err := p.Validate(); err != nil {
			t.Fatalf("invalid random params %v: %v", p, err)
		}
		if p.MinTimelock > time.Hour || p.ParamsTimelock > 12*time.Hour || p.MinScheduleDuration > 3*time.Hour {
			t.Fatalf("time-locks too long for a short run: %v", p)
		}
		if p.MinStrategyInterval > 10*time.Minute || p.MaxStrategyUpdatesPerBlock > 20 {
			t.Fatalf("strategy params not for a short run: %v", p)
		}
		count(p.ProtocolFeeShare.IsZero(), &noProtocolFee, &protocolFee)
		count(p.MaxManagementFee.IsZero(), &noMgmtFee, &mgmtFee)
		if p.MaxFeePayoutsPerBlock <= 3 {
			fewPayouts++
		}
	}
	for name, n := range map[string]int{
		"no protocol fee": noProtocolFee, "a protocol fee": protocolFee,
		"no management fee": noMgmtFee, "a management fee": mgmtFee, "1-3 payouts a block": fewPayouts,
	} {
		if n < 100 {
			t.Errorf("%s in only %d of 2000 params", name, n)
		}
	}
}

func count(yes bool, ifYes, ifNo *int) {
	if yes {
		*ifYes++
	} else {
		*ifNo++
	}
}

// Random fee policies must pass the keeper's checks against the params
// they were made for, and every part must come up alone and combined.
func TestRandomFeePolicyValid(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	kinds := map[[3]bool]int{}
	for range 4000 {
		params := RandomParams(r, "upool")
		p := RandomFeePolicy(r, params)
		if p == nil || p.IsFixed() {
			t.Fatalf("no policy for params %v", params)
		}
		if err := p.ValidateAgainst(params); err != nil {
			t.Fatalf("invalid random policy %v: %v", p, err)
		}
		kinds[[3]bool{p.Volatility != nil, p.Direction != nil, len(p.Tiers) > 0}]++
	}
	if len(kinds) != 7 {
		t.Fatalf("want all 7 combinations of volatility, direction and tiers, got %v", kinds)
	}
}

// inBounds pulls weights a params change left outside the bounds back inside.
func TestInBounds(t *testing.T) {
	params := types.DefaultParams()
	params.MinNormalizedWeight = sdkmath.LegacyNewDecWithPrec(5, 2) // 5%
	pool := types.Pool{MaxNormalizedWeight: sdkmath.LegacyNewDecWithPrec(80, 2)}
	weights := []sdkmath.Int{sdkmath.NewInt(1), sdkmath.NewInt(1000), sdkmath.NewInt(10)}
	out := inBounds(params, pool, weights)
	total := out[0].Add(out[1]).Add(out[2])
	for i, w := range out {
		n := sdkmath.LegacyNewDecFromInt(w).QuoInt(total)
		if n.LT(params.MinNormalizedWeight) || n.GT(pool.MaxNormalizedWeight) {
			t.Fatalf("weight %d normalized to %s, outside [5%%, 80%%]: %v", i, n, out)
		}
	}
}

// Random strategies must pass the keeper's checks (ValidateFor, on the
// weights snapped to the grid as the keeper snaps them) for the pool and
// params they were made for, with and without old rails to contain; every
// kind must come up, and intervals both shorter and longer than a block.
func TestRandomStrategyValid(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	denoms := append([]string{"stake"}, PoolDenoms...)
	kinds := map[types.RuleKind]int{}
	var short, long int
	for range 3000 {
		params := RandomParams(r, "upool")
		n := 2 + r.Intn(4)
		pool := types.Pool{TotalShares: types.InitialShares.MulRaw(1 + r.Int63n(10)), MaxNormalizedWeight: sdkmath.LegacyZeroDec(), SwapFee: sdkmath.LegacyZeroDec()}
		for _, d := range denoms[:n] {
			pool.Assets = append(pool.Assets, types.PoolAsset{Denom: d, Balance: sdkmath.NewInt(1_000_000 + r.Int63n(1e12)), Weight: sdkmath.NewInt(10 + r.Int63n(91))})
		}
		if r.Intn(3) == 0 {
			pool.MaxNormalizedWeight = maxNormalized(pool.Weights()).Add(sdkmath.LegacyNewDecWithPrec(1, 2))
		}
		if pool.ValidateAgainstParams(params) != nil {
			continue
		}
		grid, err := types.GridWeights(pool.Weights())
		if err != nil {
			t.Fatal(err)
		}
		var lo, hi *sdkmath.LegacyDec
		if r.Intn(2) == 0 {
			l, h := params.MinNormalizedWeight, sdkmath.LegacyNewDecWithPrec(int64(50+r.Intn(50)), 2)
			lo, hi = &l, &h
		}
		kind := ruleKinds[r.Intn(len(ruleKinds))]
		s := RandomStrategy(r, params, pool, kind, pool.Weights(), lo, hi)
		if err := s.ValidateFor(params, pool, grid); err != nil {
			t.Fatalf("invalid random strategy %v for weights %v: %v", s, pool.Weights(), err)
		}
		if lo != nil && (s.Rails.MinWeight.GT(*lo) || s.Rails.MaxWeight.LT(*hi)) {
			t.Fatalf("rails %v do not contain [%s, %s]", s.Rails, lo, hi)
		}
		kinds[kind]++
		if s.Interval > 10000*time.Second {
			long++
		} else {
			short++
		}
	}
	if len(kinds) != len(ruleKinds) || short < 300 || long < 1000 {
		t.Fatalf("kinds %v, %d short and %d long intervals", kinds, short, long)
	}
}
