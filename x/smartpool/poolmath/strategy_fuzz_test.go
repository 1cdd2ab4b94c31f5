package poolmath

import (
	"encoding/binary"
	"math/big"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// FuzzClipToRails builds weights from raw bytes — including weights that do
// not sum to 1, negative ones, bounds past [0, 1] and proposals up to 2^319
// — and requires: no panic; every error one of the package's; an error
// exactly when the input is malformed or the rails are infeasible; and
// otherwise a result on the rails, summing to exactly 1, that carries the
// nearest-point certificate (checkRails).
func FuzzClipToRails(f *testing.F) {
	f.Add([]byte{3, 0, 10, 20, 30}, uint64(0), uint64(1e18), uint64(1e17), uint16(0))
	f.Add([]byte{8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 254, 0, 0, 7}, uint64(1e16), uint64(5e17), uint64(1e16), uint16(60))
	f.Add([]byte{2, 0, 1, 1}, uint64(5e17), uint64(5e17), uint64(0), uint16(0))
	f.Add([]byte{4, 2, 9, 9, 9, 9, 200, 100}, uint64(25e16), uint64(1e18), uint64(1), uint16(250))
	f.Add([]byte{5, 0, 1, 0, 0, 0, 0, 128, 128, 128}, uint64(1e18+1), uint64(1e18), uint64(1e18), uint16(319))
	f.Fuzz(func(t *testing.T, data []byte, minRaw, maxRaw, deltaRaw uint64, shift uint16) {
		if len(data) < 2 {
			return
		}
		n, flags, data := int(data[0]%10), data[1], data[2:]
		current, proposed := make([]*big.Int, n), make([]*big.Int, n)
		total := big.NewInt(0)
		for i := range current {
			current[i] = big.NewInt(int64(byteAt(data, i)) + 1)
			total.Add(total, current[i])
		}
		// Normalize: floor each share, the remainder to asset 0.
		rest := new(big.Int).Set(decOneRaw)
		for i := range current {
			current[i].Mul(current[i], decOneRaw).Quo(current[i], total)
			rest.Sub(rest, current[i])
		}
		if n > 0 {
			current[0].Add(current[0], rest)
		}
		malformed := n < 2 || n > MaxStrategyAssets
		if flags&1 != 0 && n > 0 { // break the sum
			current[0].Add(current[0], big.NewInt(1))
			malformed = true
		}
		for i := range proposed {
			var buf [8]byte
			for k := range buf {
				buf[k] = byteAt(data, n+8*i+k)
			}
			proposed[i] = big.NewInt(int64(binary.LittleEndian.Uint64(buf[:])))
			proposed[i].Lsh(proposed[i], uint(shift%320))
			if proposed[i].BitLen() > sdkmath.MaxBitLen {
				malformed = true
			}
		}
		c := railCase{current, proposed, new(big.Int).SetUint64(minRaw), new(big.Int).SetUint64(maxRaw), new(big.Int).SetUint64(deltaRaw)}
		if flags&2 != 0 {
			c.minW.Neg(c.minW)
		}
		if c.minW.Sign() < 0 || c.maxW.Cmp(decOneRaw) > 0 || c.minW.Cmp(c.maxW) > 0 || c.maxChange.Cmp(decOneRaw) > 0 {
			malformed = true
		}
		got, err := c.run()
		switch {
		case malformed:
			if err == nil {
				t.Fatalf("malformed input accepted: %+v", c)
			}
			if !errorsmod.IsOf(err, ErrOutOfRange, ErrLengthMismatch, ErrInfeasibleRails) {
				t.Fatalf("unexpected error %v", err)
			}
		case !c.feasible():
			if !errorsmod.IsOf(err, ErrInfeasibleRails) {
				t.Fatalf("infeasible rails: got %v, %v", got, err)
			}
		default:
			if err != nil {
				t.Fatalf("%+v: %v", c, err)
			}
			if err := checkRails(c, got); err != nil {
				t.Fatalf("%+v: %v (got %v)", c, err, got)
			}
		}
	})
}

func byteAt(data []byte, i int) byte {
	if i < len(data) {
		return data[i]
	}
	return byte(i * 37)
}
