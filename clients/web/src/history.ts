// The data behind the chart: a pool's weights and one pair's price over time.
//
// - Weights, past and projected, follow from the weight schedule alone
//   (linear between its corners, see schedule.ts).
// - Past prices are the chain's own spot prices at past heights (REST with
//   x-cosmos-block-height), each at its block's time.
// - Projected prices are the current balances at the projected weights:
//   what the price would be if nobody traded (trades move it back towards
//   the market, which is the point of a weight schedule).
import { timestampToDate } from "../../ts/src/index.js";
import type { Pool } from "../../ts/src/types.js";
import { blockAt, mapLimit, restAt, type BlockInfo } from "./api.js";
import { displayPrice } from "./denoms.js";
import { curveEnd, poolCurve, spotPrice, weightsAt, type CurvePoint } from "./schedule.js";

export interface Point {
  t: number;
  v: number;
}

export interface ChartModel {
  from: number;
  to: number;
  now: number;
  denoms: string[];
  /** Normalized weights of each asset (in pool order): past and projected. */
  weights: { denom: string; past: Point[]; projected: Point[] }[];
  base: string;
  quote: string;
  pastPrice: Point[];
  projectedPrice: Point[];
  scheduled: boolean;
}

const PAST_SAMPLES = 24;
const PROJECTED_SAMPLES = 60;

/** The x-range: the whole schedule (and now); without one, the last hour or the pool's life. */
export function chartRange(pool: Pool, curve: readonly CurvePoint[], now: number): { from: number; to: number } {
  const created = pool.createdAt ? timestampToDate(pool.createdAt).getTime() : now;
  const end = curveEnd(curve);
  if (end !== undefined) {
    const start = curve[0].t;
    const span = Math.max(end - start, 1);
    // Show a little of what came before a schedule that started after the pool.
    const from = Math.min(start, now, Math.max(created, start - span / 4));
    return { from, to: Math.max(end, now) };
  }
  const from = Math.max(created, now - 3600_000);
  return { from, to: now + Math.max((now - from) / 4, 60_000) };
}

/** Times from..to in n equal steps plus every curve corner in between (so lines bend where they should). */
function sampleTimes(from: number, to: number, n: number, curve: readonly CurvePoint[]): number[] {
  if (to <= from) return [from];
  const ts = new Set<number>();
  for (let i = 0; i <= n; i++) ts.add(from + ((to - from) * i) / n);
  for (const c of curve) if (c.t > from && c.t < to) ts.add(c.t);
  return [...ts].sort((a, b) => a - b);
}

// Past blocks and past state never change: their times and prices are kept
// (a bounded number) so that the chart's refreshes ask only for new heights.
const MAX_CACHED = 2000;
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key)); // failures are asked again next time
    cache.set(key, p);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return p;
}

/**
 * Spot prices at heights spread over [from, latest], each at its block's
 * time; heights before the pool existed are skipped. The heights are
 * multiples of a step, so most of them stay the same from one refresh to
 * the next.
 */
async function pastPrices(pool: Pool, base: string, quote: string, from: number, latest: BlockInfo, reference: BlockInfo): Promise<Point[]> {
  const created = pool.createdAt ? timestampToDate(pool.createdAt).getTime() : 0;
  const start = Math.max(from, created);
  const msPerBlock = latest.height > reference.height ? (latest.time.getTime() - reference.time.getTime()) / (latest.height - reference.height) : 1000;
  const first = Math.max(1, Math.round(latest.height - (latest.time.getTime() - start) / msPerBlock));
  const step = Math.max(1, Math.ceil((latest.height - first) / PAST_SAMPLES));
  const heights: number[] = [];
  for (let h = Math.ceil(first / step) * step; h < latest.height; h += step) heights.push(h);
  heights.push(latest.height);
  const points = await mapLimit(heights, 4, async (height): Promise<Point | undefined> => {
    try {
      const block = height === latest.height ? latest : await cached(`block:${height}`, () => blockAt(height));
      // The pool did not exist yet: asking would only give an error.
      if (block.time.getTime() < created) return undefined;
      const price = () => restAt(height).spotPrice({ poolId: pool.id, baseAssetDenom: base, quoteAssetDenom: quote });
      const { spotPrice: p } = height === latest.height ? await price() : await cached(`spot:${pool.id}:${base}:${quote}:${height}`, price);
      return { t: block.time.getTime(), v: displayPrice(p, base, quote) };
    } catch {
      return undefined; // pruned state, say: the line has a point fewer
    }
  });
  return points.filter((p): p is Point => p !== undefined);
}

/** Builds the chart model of a pool at the latest block. */
export async function chartModel(pool: Pool, base: string, quote: string, latest: BlockInfo): Promise<ChartModel> {
  const curve = poolCurve(pool);
  const now = latest.time.getTime();
  const { from, to } = chartRange(pool, curve, now);
  const denoms = pool.assets.map((a) => a.denom);

  const past = sampleTimes(from, now, PROJECTED_SAMPLES, curve);
  const future = sampleTimes(now, to, PROJECTED_SAMPLES, curve);
  const weights = denoms.map((denom, i) => ({
    denom,
    past: past.map((t) => ({ t, v: weightsAt(curve, t)[i] })),
    projected: future.map((t) => ({ t, v: weightsAt(curve, t)[i] })),
  }));

  const bi = denoms.indexOf(base);
  const qi = denoms.indexOf(quote);
  const bb = Number(pool.assets[bi].balance);
  const bq = Number(pool.assets[qi].balance);
  const projectedPrice = future.map((t) => {
    const w = weightsAt(curve, t);
    return { t, v: displayPrice(spotPrice(bb, w[bi], bq, w[qi]), base, quote) };
  });

  const refHeight = Math.max(1, latest.height - 20);
  const reference = await cached(`block:${refHeight}`, () => blockAt(refHeight)).catch(() => latest);
  const pastPrice = await pastPrices(pool, base, quote, from, latest, reference);
  return { from, to, now, denoms, weights, base, quote, pastPrice, projectedPrice, scheduled: curve.length > 1 };
}
