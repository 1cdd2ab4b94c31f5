/**
 * cosmos.Dec (math.LegacyDec) travels in protobuf as the integer of its
 * atomics, value × 10^18 ("0.003" is "3000000000000000"), and in amino JSON
 * and REST as a decimal with 18 places. These convert between the two exactly.
 */
export const DEC_PLACES = 18;
const SCALE = 10n ** BigInt(DEC_PLACES);

/** "0.003" → "3000000000000000"; rejects more than 18 decimal places. */
export function decimalToAtomics(decimal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d{1,18}))?$/.exec(decimal.trim());
  if (!m) {
    throw new Error(`not a decimal with at most ${DEC_PLACES} places: ${JSON.stringify(decimal)}`);
  }
  const [, sign, whole, frac = ""] = m;
  const atomics = BigInt(whole) * SCALE + BigInt(frac.padEnd(DEC_PLACES, "0"));
  return (sign === "-" ? -atomics : atomics).toString();
}

/** "3000000000000000" → "0.003000000000000000", as the chain prints a LegacyDec. */
export function atomicsToDecimal(atomics: string): string {
  if (!/^[+-]?\d+$/.test(atomics)) {
    throw new Error(`not the integer atomics of a decimal: ${JSON.stringify(atomics)}`);
  }
  const n = BigInt(atomics);
  const abs = n < 0n ? -n : n;
  const whole = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(DEC_PLACES, "0");
  return `${n < 0n ? "-" : ""}${whole}.${frac}`;
}

/** Shorthand for message fields of type cosmos.Dec: dec("0.5") gives the atomics to send. */
export const dec = decimalToAtomics;
