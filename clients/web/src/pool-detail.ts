// One pool: its summary, balances and weights, spot prices and TWAPs, the
// chart of weights and price over time, its pending changes, and the swap,
// join and exit forms.
import { QueryError, timestampOf, timestampToDate } from "../../ts/src/index.js";
import type { PendingChange, Pool, TwapPrice } from "../../ts/src/types.js";
import { latestBlock, rest, type BlockInfo } from "./api.js";
import { renderChart, COLORS } from "./chart.js";
import { displayPrice, formatCoin, formatNumber, formatPercent, symbol } from "./denoms.js";
import { errorText, fill, h } from "./dom.js";
import { exitForm, joinForm, swapForm, type FormContext } from "./forms.js";
import { chartModel } from "./history.js";
import { pendingTable } from "./pending.js";
import { normalize } from "./schedule.js";

interface PoolData {
  pool: Pool;
  weightsNow: string[];
  latest: BlockInfo;
  spot: { base: string; quote: string; price: string }[];
  twaps: TwapPrice[];
  twapFrom?: Date;
  twapError?: string;
  pending: PendingChange[];
}

const TWAP_WINDOW_MS = 3600_000;
const when = (d: Date) => d.toLocaleString("en-GB", { hour12: false });

function duration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0 && seconds) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds) return `${seconds / 60} min`;
  return `${seconds} s`;
}

async function loadPool(poolId: bigint): Promise<PoolData> {
  const [{ pool, currentNormalizedWeights }, latest, { changes }] = await Promise.all([
    rest.pool({ poolId }),
    latestBlock(),
    rest.poolPendingChanges({ poolId }),
  ]);
  if (!pool) throw new Error(`pool ${poolId}: empty answer`);
  const denoms = pool.assets.map((a) => a.denom);
  const pairs: [string, string][] = [];
  for (let i = 0; i < denoms.length; i++) for (let j = i + 1; j < denoms.length; j++) pairs.push([denoms[i], denoms[j]]);
  const spotP = Promise.all(
    pairs.map(async ([base, quote]) => ({ base, quote, price: (await rest.spotPrice({ poolId, baseAssetDenom: base, quoteAssetDenom: quote })).spotPrice })),
  );
  // TWAPs over the last hour, or since the pool's first observation if younger.
  const created = pool.createdAt ? timestampToDate(pool.createdAt).getTime() : 0;
  const hourAgo = latest.time.getTime() - TWAP_WINDOW_MS;
  const from = Math.max(created, hourAgo);
  let twaps: TwapPrice[] = [];
  let twapError: string | undefined;
  if (latest.time.getTime() - from >= 1000) {
    try {
      // The first observation is at the pool's creation, to the nanosecond:
      // a young pool's TWAP starts at its exact creation time.
      const start = hourAgo > created || !pool.createdAt ? timestampOf(new Date(hourAgo)) : pool.createdAt;
      twaps = (await rest.poolTwaps({ poolId, start })).twaps;
    } catch (e) {
      twapError = errorText(e);
    }
  } else {
    twapError = "the pool is too young for a TWAP";
  }
  return { pool, weightsNow: currentNormalizedWeights, latest, spot: await spotP, twaps, twapFrom: new Date(from), twapError, pending: changes };
}

function summary(d: PoolData): HTMLElement {
  const p = d.pool;
  const s = p.weightSchedule;
  const rows: [string, Node | string][] = [
    ["share token", `${symbol(p.shareDenom)} (${p.shareDenom})`],
    ["total shares", formatCoin(p.totalShares, p.shareDenom, 6)],
    ["swap fee", formatPercent(Number(p.swapFee))],
    ["controller", p.controller ? h("code", {}, p.controller) : "none (immutable)"],
    ["time-lock", !p.controller ? "— (no controller)" : p.timelock ? duration(Number(p.timelock.seconds)) : "—"],
    ["created", p.createdAt ? when(timestampToDate(p.createdAt)) : "—"],
  ];
  if (s?.startTime && s.endTime) {
    const final = s.waypoints.length ? s.waypoints[s.waypoints.length - 1].time : s.endTime;
    rows.push(["weight schedule", `${when(timestampToDate(s.startTime))} → ${when(timestampToDate(final ?? s.endTime))}${s.waypoints.length ? ` (${s.waypoints.length} waypoints)` : ""}`]);
  }
  if (p.swapsPaused) rows.push(["status", h("strong", { class: "warn" }, "swaps paused")]);
  return h("dl", { class: "summary", "data-testid": "pool-summary" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function assetsTable(d: PoolData): HTMLElement {
  const s = d.pool.weightSchedule;
  const target = s ? normalize(s.waypoints.length ? s.waypoints[s.waypoints.length - 1].weights : s.targetWeights) : undefined;
  return h(
    "table",
    { class: "assets", "data-testid": "assets" },
    h("thead", {}, h("tr", {}, h("th", {}, "asset"), h("th", { class: "num" }, "balance"), h("th", { class: "num" }, "weight now"), target ? h("th", { class: "num" }, "target") : null)),
    h(
      "tbody",
      {},
      ...d.pool.assets.map((a, i) =>
        h(
          "tr",
          { "data-testid": "asset-row", "data-denom": a.denom },
          h("td", {}, h("span", { class: "swatch", "data-color": String(i % COLORS.length) }), `${symbol(a.denom)} `, h("span", { class: "muted" }, a.denom)),
          h("td", { class: "num", "data-testid": "asset-balance", "data-base-amount": a.balance }, formatCoin(a.balance, a.denom)),
          h("td", { class: "num", "data-testid": "asset-weight", "data-weight": d.weightsNow[i] ?? "" }, formatPercent(Number(d.weightsNow[i] ?? 0), 2)),
          target ? h("td", { class: "num" }, formatPercent(target[i], 2)) : null,
        ),
      ),
    ),
  );
}

function pricesTable(d: PoolData): HTMLElement {
  const twapOf = (base: string, quote: string) => d.twaps.find((t) => t.baseAssetDenom === base && t.quoteAssetDenom === quote);
  const minutes = d.twapFrom ? Math.max(1, Math.round((d.latest.time.getTime() - d.twapFrom.getTime()) / 60_000)) : 0;
  return h(
    "div",
    {},
    h(
      "table",
      { class: "prices", "data-testid": "prices" },
      h("thead", {}, h("tr", {}, h("th", {}, "pair"), h("th", { class: "num" }, "spot price"), h("th", { class: "num" }, "inverse"), h("th", { class: "num" }, `TWAP (${minutes} min)`))),
      h(
        "tbody",
        {},
        ...d.spot.map(({ base, quote, price }) => {
          const p = displayPrice(price, base, quote);
          const t = twapOf(base, quote);
          return h(
            "tr",
            { "data-testid": "price-row", "data-base": base, "data-quote": quote },
            h("td", {}, `${symbol(base)} / ${symbol(quote)}`),
            h("td", { class: "num", "data-testid": "spot-price", "data-raw": price }, `1 ${symbol(base)} = ${formatNumber(p)} ${symbol(quote)}`),
            h("td", { class: "num" }, `1 ${symbol(quote)} = ${formatNumber(1 / p)} ${symbol(base)}`),
            h("td", { class: "num", "data-testid": "twap", "data-raw": t?.price ?? "" }, t ? `${formatNumber(displayPrice(t.price, base, quote))} ${symbol(quote)}` : "—"),
          );
        }),
      ),
    ),
    h(
      "p",
      { class: "hint", "data-testid": "twap-note" },
      d.twapError
        ? `TWAP: ${d.twapError}`
        : `TWAP: the chain's geometric time-weighted average price since ${d.twapFrom ? when(d.twapFrom) : "?"}, from its oracle.`,
    ),
  );
}

/** A pool the chain does not have: the node answers 404 (gRPC NotFound). */
function isMissingPool(e: unknown): boolean {
  return e instanceof QueryError && e.isNotFound;
}

/** Renders pool poolId into root; returns a function that stops its refreshes. */
export function showPoolDetail(root: HTMLElement, poolId: bigint, onError: (e: unknown) => void): () => void {
  let data: PoolData | undefined;
  let stopped = false;
  const title = h("h2", {}, `Pool ${poolId}`);
  const summaryCard = h("section", { class: "card" }, h("h3", {}, "Pool"), h("p", { class: "muted" }, "Loading…"));
  const assetsCard = h("section", { class: "card" }, h("h3", {}, "Balances and weights"));
  const pricesCard = h("section", { class: "card" }, h("h3", {}, "Prices"));
  const pairSelect = h("select", { "data-testid": "chart-pair", "aria-label": "price pair" });
  const chartBox = h("div", { class: "chart-box", "data-testid": "chart-box" }, h("p", { class: "muted" }, "Loading chart…"));
  const chartCard = h(
    "section",
    { class: "card wide", "data-testid": "chart-card" },
    h("h3", {}, "Weights and price over time ", pairSelect),
    chartBox,
    h(
      "p",
      { class: "hint" },
      "Solid: past. Dashed: projected. Weights follow the weight schedule (linear between its points); past prices are the chain's spot prices at past blocks; projected prices are the current balances at the projected weights, as if nobody traded.",
    ),
  );
  const pendingCard = h("section", { class: "card wide", "data-testid": "pending" }, h("h3", {}, "Pending changes"));

  const ctx: FormContext = {
    pool: () => {
      if (!data) throw new Error("the pool is still loading");
      return data.pool;
    },
    afterTx: () => {
      void refresh().then(() => refreshChart());
    },
  };
  const forms = [swapForm(ctx), joinForm(ctx), exitForm(ctx)];

  fill(
    root,
    h("p", {}, h("a", { href: "#/", "data-testid": "back" }, "← all pools")),
    title,
    h("div", { class: "grid" }, summaryCard, assetsCard, pricesCard),
    chartCard,
    pendingCard,
    h("section", { class: "forms", "data-testid": "forms" }, ...forms.map((f) => f.el)),
  );

  let chartGen = 0;
  const refreshChart = async () => {
    const d = data;
    if (!d || stopped) return;
    const gen = ++chartGen;
    const [base, quote] = (pairSelect.value || `${d.pool.assets[0].denom}|${d.pool.assets[d.pool.assets.length - 1].denom}`).split("|");
    try {
      const model = await chartModel(d.pool, base, quote, d.latest);
      if (gen !== chartGen || stopped) return;
      fill(chartBox, renderChart(model));
    } catch (e) {
      if (gen === chartGen) fill(chartBox, h("p", { class: "error" }, `chart: ${errorText(e)}`));
    }
  };
  pairSelect.addEventListener("change", () => void refreshChart());

  const render = (d: PoolData) => {
    const tags = [
      d.pool.weightSchedule ? h("span", { class: "tag moving" }, "weights moving") : null,
      d.pool.swapsPaused ? h("span", { class: "tag warn" }, "swaps paused") : null,
    ];
    fill(title, `Pool ${d.pool.id} `, ...tags);
    fill(summaryCard, h("h3", {}, "Pool"), summary(d));
    fill(assetsCard, h("h3", {}, "Balances and weights"), assetsTable(d));
    fill(pricesCard, h("h3", {}, "Prices"), pricesTable(d));
    fill(pendingCard, h("h3", {}, "Pending changes"), pendingTable(d.pending, d.pool));
    // Pair choices: every ordered pair; keep the user's choice.
    const denoms = d.pool.assets.map((a) => a.denom);
    const keep = pairSelect.value;
    const options: string[] = [];
    for (const b of denoms) for (const q of denoms) if (b !== q) options.push(`${b}|${q}`);
    if (pairSelect.options.length !== options.length) {
      fill(pairSelect, ...options.map((o) => h("option", { value: o }, o.split("|").map(symbol).join(" in "))));
      pairSelect.value = options.includes(keep) ? keep : `${denoms[0]}|${denoms[denoms.length - 1]}`;
    }
    for (const f of forms) f.update(d.pool);
  };

  // One load at a time; a refresh asked for during one (after a tx, say) waits for it and loads anew.
  let inflight: Promise<void> | undefined;
  const refresh = async (): Promise<void> => {
    while (inflight) await inflight;
    if (stopped) return;
    inflight = (async () => {
      try {
        const d = await loadPool(poolId);
        if (stopped) return;
        data = d;
        render(d);
      } catch (e) {
        if (isMissingPool(e)) return showMissing();
        onError(e);
      }
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };

  const stop = () => {
    stopped = true;
    clearInterval(timer);
    clearInterval(chartTimer);
    for (const f of forms) f.dispose();
  };
  const showMissing = () => {
    stop();
    fill(
      root,
      h("p", {}, h("a", { href: "#/", "data-testid": "back" }, "← all pools")),
      h("section", { class: "card", "data-testid": "pool-missing" }, h("h2", {}, `Pool ${poolId}`), h("p", {}, `There is no pool ${poolId} on this chain.`)),
    );
  };

  void refresh().then(() => refreshChart());
  const timer = setInterval(() => {
    if (!inflight) void refresh();
  }, 4000);
  const chartTimer = setInterval(() => void refreshChart(), 15_000);
  return stop;
}
