package poolmath

import (
	"fmt"
	"math/big"
	"strings"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Precision is the number of fractional decimal digits of a Fixed.
const Precision = 60

var (
	oneRaw    = pow10(Precision)
	decFactor = pow10(Precision - sdkmath.LegacyPrecision)
	bigOne    = big.NewInt(1)
)

// Fixed is a non-mutable decimal fixed point number: raw / 10^Precision.
// The zero value is not usable; build one with the constructors below.
type Fixed struct{ raw *big.Int }

// One is the Fixed 1.
func One() Fixed { return Fixed{new(big.Int).Set(oneRaw)} }

// FixedFromInt converts an integer amount exactly. (BigIntMut here and
// below only reads the value, saving a copy.)
func FixedFromInt(i sdkmath.Int) Fixed { return Fixed{new(big.Int).Mul(i.BigIntMut(), oneRaw)} }

// FixedFromDec converts a LegacyDec exactly (18 digits fit in 60).
func FixedFromDec(d sdkmath.LegacyDec) Fixed {
	return Fixed{new(big.Int).Mul(d.BigIntMut(), decFactor)}
}

// FixedFromRaw builds raw / 10^Precision; raw is copied.
func FixedFromRaw(raw *big.Int) Fixed { return Fixed{new(big.Int).Set(raw)} }

// FixedRatio is num/den rounded down; den must be non-zero. It divides
// num·10^60 by den: the quotient FixedFromInt(num).QuoDown(FixedFromInt(den))
// would give, without the common factor 10^60.
func FixedRatio(num, den sdkmath.Int) Fixed {
	return Fixed{divFloor(new(big.Int).Mul(num.BigIntMut(), oneRaw), den.BigIntMut())}
}

// BigInt returns a copy of the scaled integer raw, where the value is
// raw / 10^Precision. Comparing raws compares values exactly.
func (f Fixed) BigInt() *big.Int { return new(big.Int).Set(f.raw) }

func (f Fixed) Sign() int                  { return f.raw.Sign() }
func (f Fixed) Cmp(g Fixed) int            { return f.raw.Cmp(g.raw) }
func (f Fixed) Add(g Fixed) Fixed          { return Fixed{new(big.Int).Add(f.raw, g.raw)} }
func (f Fixed) Sub(g Fixed) Fixed          { return Fixed{new(big.Int).Sub(f.raw, g.raw)} }
func (f Fixed) IsOne() bool                { return f.raw.Cmp(oneRaw) == 0 }
func (f Fixed) GT(g Fixed) bool            { return f.Cmp(g) > 0 }
func (f Fixed) LT(g Fixed) bool            { return f.Cmp(g) < 0 }
func (f Fixed) MulInt(i sdkmath.Int) Fixed { return Fixed{new(big.Int).Mul(f.raw, i.BigInt())} }

// MulDown is f*g rounded towards minus infinity.
func (f Fixed) MulDown(g Fixed) Fixed {
	return Fixed{divFloor(new(big.Int).Mul(f.raw, g.raw), oneRaw)}
}

// MulUp is f*g rounded towards plus infinity.
func (f Fixed) MulUp(g Fixed) Fixed {
	return Fixed{divCeil(new(big.Int).Mul(f.raw, g.raw), oneRaw)}
}

// QuoDown is f/g rounded towards minus infinity; g must be non-zero.
func (f Fixed) QuoDown(g Fixed) Fixed {
	return Fixed{divFloor(new(big.Int).Mul(f.raw, oneRaw), g.raw)}
}

// QuoUp is f/g rounded towards plus infinity; g must be non-zero.
func (f Fixed) QuoUp(g Fixed) Fixed {
	return Fixed{divCeil(new(big.Int).Mul(f.raw, oneRaw), g.raw)}
}

// FloorInt is the largest integer ≤ f, or ErrOutOfRange if it does not fit
// an sdkmath.Int (which would panic).
func (f Fixed) FloorInt() (sdkmath.Int, error) { return intFromOwnedBig(divFloor(f.raw, oneRaw)) }

// CeilInt is the smallest integer ≥ f, or ErrOutOfRange if it does not fit.
func (f Fixed) CeilInt() (sdkmath.Int, error) { return intFromOwnedBig(divCeil(f.raw, oneRaw)) }

// IntFromBig converts x to an sdkmath.Int, with ErrOutOfRange instead of the
// panic sdkmath.NewIntFromBigInt raises past 256 bits.
func IntFromBig(x *big.Int) (sdkmath.Int, error) {
	if x.BitLen() > sdkmath.MaxBitLen {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrOutOfRange, "result has %d bits, more than %d", x.BitLen(), sdkmath.MaxBitLen)
	}
	return sdkmath.NewIntFromBigInt(x), nil
}

// intFromOwnedBig is IntFromBig for an x no one else holds, which the Int
// then keeps instead of a copy.
func intFromOwnedBig(x *big.Int) (sdkmath.Int, error) {
	if x.BitLen() > sdkmath.MaxBitLen {
		return IntFromBig(x)
	}
	return sdkmath.NewIntFromBigIntMut(x), nil
}

// LegacyDecDown is f rounded down to 18 digits, or ErrOutOfRange past what a
// LegacyDec holds safely (256 bits of 10^-18 units).
func (f Fixed) LegacyDecDown() (sdkmath.LegacyDec, error) {
	raw := divFloor(f.raw, decFactor)
	if raw.BitLen() > sdkmath.MaxBitLen {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrOutOfRange, "value has %d bits", raw.BitLen())
	}
	return sdkmath.LegacyNewDecFromBigIntWithPrec(raw, sdkmath.LegacyPrecision), nil
}

// String prints f in plain decimal notation with all 60 digits.
func (f Fixed) String() string {
	abs := new(big.Int).Abs(f.raw)
	q, r := new(big.Int).QuoRem(abs, oneRaw, new(big.Int))
	sign := ""
	if f.raw.Sign() < 0 {
		sign = "-"
	}
	frac := r.String()
	return fmt.Sprintf("%s%s.%s%s", sign, q, strings.Repeat("0", Precision-len(frac)), frac)
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// divFloor is a/b rounded towards minus infinity, for b > 0.
func divFloor(a, b *big.Int) *big.Int {
	return new(big.Int).Div(a, b) // Euclidean division: floor for b > 0
}

// divCeil is a/b rounded towards plus infinity, for b > 0.
func divCeil(a, b *big.Int) *big.Int {
	q, m := new(big.Int).DivMod(a, b, new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}
