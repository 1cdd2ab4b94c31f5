// Display units of denoms: symbols and decimals from the localnet's Keplr chain
// info (clients/registry), pool shares with 18 decimals, and exact conversion
// between what people type and the integer base units the chain counts.
import chainInfo from "../../registry/keplr/localnet.json";

export interface DenomUnit {
  denom: string;
  symbol: string;
  decimals: number;
}

/** Decimals of a pool share's display unit (x/smartpool/types ShareExponent). */
export const SHARE_DECIMALS = 18;

export function denomUnit(denom: string): DenomUnit {
  const share = /^smartpool\/(\d+)$/.exec(denom);
  if (share) return { denom, symbol: `SP${share[1]}`, decimals: SHARE_DECIMALS };
  const c = chainInfo.currencies.find((x) => x.coinMinimalDenom === denom);
  if (c) return { denom, symbol: c.coinDenom, decimals: c.coinDecimals };
  // Unknown (an IBC voucher without metadata, say): show base units, and keep
  // both ends of a long denom so that two vouchers never read the same.
  return { denom, symbol: denom.length > 20 ? `${denom.slice(0, 10)}…${denom.slice(-8)}` : denom, decimals: 0 };
}

export const symbol = (denom: string): string => denomUnit(denom).symbol;

/** An input the user must correct; nothing was sent. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** "1.5" with 6 decimals → 1500000n. Rejects empty, non-numbers, negatives, zero and too many decimals. */
export function parseAmount(text: string, decimals: number): bigint {
  const t = text.trim();
  if (t === "") throw new InputError("enter an amount");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) throw new InputError(`"${text}" is not a number`);
  if (t.startsWith("-")) throw new InputError("the amount must be positive");
  const [whole, frac = ""] = t.replace(/^\+/, "").split(".");
  if (frac.length > decimals) throw new InputError(`at most ${decimals} decimal places`);
  const scale = 10n ** BigInt(decimals);
  const v = BigInt(whole || "0") * scale + BigInt(frac.padEnd(decimals, "0") || "0");
  if (v <= 0n) throw new InputError("the amount must be more than zero");
  return v;
}

/** Slippage tolerance in basis points from a percent input (0 to 50, at most two decimals). */
export function parseSlippage(text: string): bigint {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) throw new InputError("slippage tolerance: a percentage such as 1 or 0.5");
  const bps = Math.round(Number(t) * 100);
  if (bps > 5000) throw new InputError("slippage tolerance above 50% is not accepted");
  return BigInt(bps);
}

/** 1500000n with 6 decimals → "1.5", exactly; groups thousands when asked. */
export function formatUnits(amount: bigint | string, decimals: number, opts: { maxFraction?: number; group?: boolean } = {}): string {
  let n = BigInt(amount);
  const neg = n < 0n;
  if (neg) n = -n;
  const scale = 10n ** BigInt(decimals);
  let whole = (n / scale).toString();
  let frac = decimals > 0 ? (n % scale).toString().padStart(decimals, "0") : "";
  if (opts.maxFraction !== undefined && frac.length > opts.maxFraction) frac = frac.slice(0, opts.maxFraction);
  frac = frac.replace(/0+$/, "");
  if (opts.group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** A coin in display units: "1.5 ATOM". */
export function formatCoin(amount: bigint | string, denom: string, maxFraction = 6): string {
  const u = denomUnit(denom);
  return `${formatUnits(amount, u.decimals, { maxFraction, group: true })} ${u.symbol}`;
}

/** A float for charts and prices: 6 significant digits, no exponent for ordinary sizes. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-6 || a >= 1e12)) return x.toExponential(3);
  if (a >= 1000) return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return String(Number(x.toPrecision(6)));
}

export function formatPercent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * A chain price (quote base units per base base unit, a decimal string) in
 * display units: how many quote tokens one base token is worth.
 */
export function displayPrice(raw: string | number, base: string, quote: string): number {
  return Number(raw) * 10 ** (denomUnit(base).decimals - denomUnit(quote).decimals);
}
