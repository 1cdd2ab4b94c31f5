// The chart of a pool, an SVG drawn here: normalized weights (one line per
// asset) above, one pair's price below, on a shared time axis. Solid lines
// are the past, dashed ones the projection; a vertical line marks now.
import { s } from "./dom.js";
import { formatNumber, symbol } from "./denoms.js";
import type { ChartModel, Point } from "./history.js";

export const COLORS = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626"];
const PRICE_COLOR = "#111827";

const W = 900;
const H = 400;
const LEFT = 64;
const RIGHT = 16;
const WEIGHT_TOP = 34;
const WEIGHT_BOTTOM = 170;
const PRICE_TOP = 214;
const PRICE_BOTTOM = 350;

function timeLabel(t: number, span: number): string {
  const d = new Date(t);
  const hms = d.toLocaleTimeString("en-GB", { hour12: false });
  return span > 86_400_000 ? `${d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" })} ${hms.slice(0, 5)}` : hms;
}

function evenTicks(min: number, max: number, count: number): number[] {
  const step = (max - min) / count;
  return Array.from({ length: count + 1 }, (_, i) => min + step * i);
}

/** Round tick values (1, 2 or 5 times a power of ten) covering [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const raw = (max - min) / count;
  if (!(raw > 0) || !Number.isFinite(raw)) return [min];
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function pathOf(points: readonly Point[], x: (t: number) => number, y: (v: number) => number): string {
  return points.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join("");
}

export function renderChart(m: ChartModel): SVGSVGElement {
  const span = Math.max(m.to - m.from, 1);
  const x = (t: number) => LEFT + ((t - m.from) / span) * (W - LEFT - RIGHT);
  const yWeight = (v: number) => WEIGHT_BOTTOM - v * (WEIGHT_BOTTOM - WEIGHT_TOP);

  const prices = [...m.pastPrice, ...m.projectedPrice].map((p) => p.v).filter(Number.isFinite);
  let lo = prices.length ? Math.min(...prices) : 0;
  let hi = prices.length ? Math.max(...prices) : 1;
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.01 || 1;
  lo -= pad;
  hi += pad;
  const yPrice = (v: number) => PRICE_BOTTOM - ((v - lo) / (hi - lo)) * (PRICE_BOTTOM - PRICE_TOP);

  const svg = s("svg", {
    viewBox: `0 0 ${W} ${H}`,
    class: "chart",
    role: "img",
    "aria-label": `Weights and price of ${symbol(m.base)} in ${symbol(m.quote)} over time`,
    "data-testid": "chart",
  });
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, class: "chart-bg" }));

  // Panels, grids and their labels.
  svg.append(s("text", { x: LEFT, y: 12, class: "chart-title" }, "Weights (normalized)"));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s("line", { x1: LEFT, x2: W - RIGHT, y1: yWeight(v), y2: yWeight(v), class: "grid" }));
    svg.append(s("text", { x: LEFT - 6, y: yWeight(v) + 4, class: "tick", "text-anchor": "end" }, `${v * 100}%`));
  }
  svg.append(
    s(
      "text",
      { x: LEFT, y: PRICE_TOP - 14, class: "chart-title" },
      `Price of 1 ${symbol(m.base)} in ${symbol(m.quote)}`,
      s("tspan", { class: "chart-note" }, m.scheduled ? "  (projected: current balances at the scheduled weights)" : "  (projected: current balances, weights fixed)"),
    ),
  );
  for (const v of niceTicks(lo, hi, 4)) {
    svg.append(s("line", { x1: LEFT, x2: W - RIGHT, y1: yPrice(v), y2: yPrice(v), class: "grid" }));
    svg.append(s("text", { x: LEFT - 6, y: yPrice(v) + 4, class: "tick", "text-anchor": "end" }, formatNumber(v)));
  }
  evenTicks(m.from, m.to, 4).forEach((t, i, all) => {
    const anchor = i === 0 ? "start" : i === all.length - 1 ? "end" : "middle";
    svg.append(s("line", { x1: x(t), x2: x(t), y1: PRICE_BOTTOM, y2: PRICE_BOTTOM + 4, class: "grid" }));
    svg.append(s("text", { x: x(t), y: PRICE_BOTTOM + 17, class: "tick", "text-anchor": anchor }, timeLabel(t, span)));
  });

  // Weight lines.
  m.weights.forEach((series, i) => {
    const color = COLORS[i % COLORS.length];
    for (const part of ["past", "projected"] as const) {
      const pts = series[part];
      if (pts.length < 2) continue;
      svg.append(
        s("path", {
          d: pathOf(pts, x, yWeight),
          class: `line ${part}`,
          stroke: color,
          "data-series": `weight:${series.denom}`,
          "data-part": part,
        }),
      );
    }
  });

  // Price lines.
  for (const [part, pts] of [
    ["past", m.pastPrice],
    ["projected", m.projectedPrice],
  ] as const) {
    if (pts.length >= 2) {
      svg.append(s("path", { d: pathOf(pts, x, yPrice), class: `line ${part}`, stroke: PRICE_COLOR, "data-series": "price", "data-part": part }));
    } else if (pts.length === 1) {
      svg.append(s("circle", { cx: x(pts[0].t), cy: yPrice(pts[0].v), r: 3, fill: PRICE_COLOR, "data-series": "price", "data-part": part }));
    }
  }
  if (m.pastPrice.length === 0) {
    svg.append(s("text", { x: LEFT + 8, y: PRICE_BOTTOM - 8, class: "chart-note" }, "no past prices yet"));
  }

  // Now.
  const nx = x(m.now);
  svg.append(s("line", { x1: nx, x2: nx, y1: WEIGHT_TOP - 6, y2: PRICE_BOTTOM, class: "now", "data-testid": "now-marker" }));
  const nowAnchor = nx < LEFT + 20 ? "start" : nx > W - RIGHT - 20 ? "end" : "middle";
  svg.append(s("text", { x: nx, y: WEIGHT_TOP - 10, class: "now-label", "text-anchor": nowAnchor }, "now"));

  // Legend.
  let lx = LEFT;
  const ly = H - 14;
  m.weights.forEach((series, i) => {
    svg.append(s("line", { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, stroke: COLORS[i % COLORS.length], class: "legend-swatch" }));
    svg.append(s("text", { x: lx + 22, y: ly, class: "legend" }, symbol(series.denom)));
    lx += 30 + symbol(series.denom).length * 8;
  });
  svg.append(s("line", { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, stroke: PRICE_COLOR, class: "legend-swatch" }));
  svg.append(s("text", { x: lx + 22, y: ly, class: "legend" }, "price"));
  lx += 70;
  svg.append(s("line", { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, stroke: "#6b7280", class: "legend-swatch" }));
  svg.append(s("text", { x: lx + 22, y: ly, class: "legend" }, "past"));
  lx += 60;
  svg.append(s("line", { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, stroke: "#6b7280", class: "legend-swatch projected" }));
  svg.append(s("text", { x: lx + 22, y: ly, class: "legend" }, "projected"));
  return svg;
}
