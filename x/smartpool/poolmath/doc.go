// Package poolmath is the weighted-pool (Balancer) math of x/smartpool.
//
// It is pure: no store, no context, no floats. Every quantity is either an
// integer token amount (cosmossdk.io/math.Int) or a Fixed, a decimal fixed
// point number with 60 fractional digits held in a math/big integer. 60 digits
// leave 40+ guard digits beyond what a token amount needs, so the fractional
// power keeps a relative error far below the 1e-15 target even for results as
// small as 1e-30.
//
// The fractional power, Pow, is the exception to math/big: it computes in
// fixed-width binary words (math/bits, pow_fast.go) with a proven error
// below 10^-46 and converts to a Fixed once, falling back to math/big only
// for bases and exponents far outside any pool's range.
//
// Rounding always favours the pool: amounts paid out and shares minted round
// down, amounts taken in round up, and every power is pushed by a relative
// margin (PowMarginDigits) that dwarfs its computation error in the pool's
// favour. Fee rates round up. Single-asset joins and exits charge
// (1 − fee)^(1−w) rather than Balancer's 1 − (1−w)·fee, so no join-and-exit
// detour costs less than a swap (JoinExitFeeFactor).
//
// The fee policy (fee_policy.go, fee_volatility.go, fee_accounting.go) works
// on the exact integers behind LegacyDec and Int values.
//
// Rule-driven weights (strategy_*.go): estimators of log-price trend and
// variance (strategy_state.go), the update rules that turn them into target
// weights (strategy_rules.go, strategy_floor.go), and the guard rails that
// bound how far and how fast weights move (strategy_rails.go). They too work
// on the integers behind LegacyDec values and round once per result.
package poolmath
