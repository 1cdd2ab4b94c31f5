package simulation

import (
	"math/rand"

	sdkmath "cosmossdk.io/math"

	"github.com/poold/poold/x/smartpool/types"
)

// randomFeeParams sets the fee params: the protocol fee is off a third of
// the time (the plain path must stay covered), else up to the hard 50%; the
// management fee bound is positive, since with a zero bound no pool could
// have a fee to claim (governance sometimes sets zero: ProposalParams); and
// the payouts per block are sometimes 1–3, fewer than the pools owing, so
// payouts carry over to later blocks.
func randomFeeParams(r *rand.Rand, p *types.Params) {
	p.ProtocolFeeShare = sdkmath.LegacyZeroDec()
	if r.Intn(3) != 0 {
		p.ProtocolFeeShare = randomDecUpTo(r, types.HardMaxProtocolFeeShare)
	}
	p.MaxManagementFee = randomDecUpTo(r, types.HardMaxManagementFee)
	if r.Intn(3) == 0 {
		p.MaxFeePayoutsPerBlock = uint32(1 + r.Intn(3))
	} else {
		p.MaxFeePayoutsPerBlock = uint32(4 + r.Intn(60))
	}
}

// randomDecUpTo is a decimal in (0, hi] at a precision of 10^-6 of hi.
func randomDecUpTo(r *rand.Rand, hi sdkmath.LegacyDec) sdkmath.LegacyDec {
	return hi.MulInt64(1 + r.Int63n(1_000_000)).QuoInt64(1_000_000)
}

// ProposalParams are the params governance proposes: RandomParams, and an
// eighth of the time a zero max_management_fee, under which queued
// management fee changes with a rate are dropped and existing fees (above
// the new bound) go on as they were.
func ProposalParams(r *rand.Rand, bondDenom string) types.Params {
	p := RandomParams(r, bondDenom)
	if r.Intn(8) == 0 {
		p.MaxManagementFee = sdkmath.LegacyZeroDec()
	}
	return p
}
