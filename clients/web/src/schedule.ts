// A pool's weights over time. A weight schedule moves the normalized weights
// linearly from start_weights at start_time to target_weights at end_time,
// then on to each waypoint (x/smartpool/types WeightSchedule.WeightsAt), so
// its weights at any time, past or future, follow from the schedule alone.
import { timestampToDate } from "../../ts/src/index.js";
import type { Pool, WeightSchedule } from "../../ts/src/types.js";

/** A corner of the weight curve: normalized weights (summing to 1) at time t (ms). */
export interface CurvePoint {
  t: number;
  w: number[];
}

export function normalize(raw: readonly (string | number | bigint)[]): number[] {
  const ws = raw.map((x) => Number(x));
  const total = ws.reduce((a, b) => a + b, 0);
  return ws.map((x) => (total > 0 ? x / total : 0));
}

const ms = (ts: Parameters<typeof timestampToDate>[0] | undefined): number => (ts ? timestampToDate(ts).getTime() : 0);

/** The corners of a schedule's curve, in time order. */
export function scheduleCurve(s: WeightSchedule): CurvePoint[] {
  const points: CurvePoint[] = [
    { t: ms(s.startTime), w: normalize(s.startWeights) },
    { t: ms(s.endTime), w: normalize(s.targetWeights) },
  ];
  for (const wp of s.waypoints) points.push({ t: ms(wp.time), w: normalize(wp.weights) });
  return points;
}

/** The curve of a pool: its schedule's, or its fixed weights. */
export function poolCurve(pool: Pool): CurvePoint[] {
  if (pool.weightSchedule) return scheduleCurve(pool.weightSchedule);
  return [{ t: 0, w: normalize(pool.assets.map((a) => a.weight)) }];
}

/** Normalized weights at t: flat before the first corner and after the last, linear in between. */
export function weightsAt(curve: readonly CurvePoint[], t: number): number[] {
  if (t <= curve[0].t) return curve[0].w.slice();
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1];
    const b = curve[i];
    if (t < b.t) {
      const f = (t - a.t) / (b.t - a.t);
      return a.w.map((wa, k) => wa + (b.w[k] - wa) * f);
    }
  }
  return curve[curve.length - 1].w.slice();
}

/** When the curve stops moving (ms), or undefined for fixed weights. */
export function curveEnd(curve: readonly CurvePoint[]): number | undefined {
  return curve.length > 1 ? curve[curve.length - 1].t : undefined;
}

/**
 * The Balancer spot price of base in quote, without fee, in base units:
 * (B_quote / w_quote) / (B_base / w_base).
 */
export function spotPrice(balanceBase: number, weightBase: number, balanceQuote: number, weightQuote: number): number {
  return balanceQuote / weightQuote / (balanceBase / weightBase);
}
