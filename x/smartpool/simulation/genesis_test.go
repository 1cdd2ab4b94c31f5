package simulation

import (
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// The randomized params must always be valid, and their time-locks short
// against the simulator's 5000–10000 s blocks.
func TestRandomParamsValidAndShort(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 2000 {
		p := RandomParams(r, "upool")
		if err := p.Validate(); err != nil {
			t.Fatalf("invalid random params %v: %v", p, err)
		}
		if p.MinTimelock > time.Hour || p.ParamsTimelock > 12*time.Hour || p.MinScheduleDuration > 3*time.Hour {
			t.Fatalf("time-locks too long for a short run: %v", p)
		}
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
