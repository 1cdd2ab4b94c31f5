// The list of pools: assets with their weights now, liquidity, fee, and
// whether weights are moving or changes are queued.
import type { Pool } from "../../ts/src/types.js";
import { latestBlock, rest } from "./api.js";
import { allPages } from "./paging.js";
import { formatCoin, formatPercent, symbol } from "./denoms.js";
import { fill, h } from "./dom.js";
import { curveEnd, poolCurve, weightsAt } from "./schedule.js";

function statusTags(pool: Pool, pending: number, now: number): HTMLElement[] {
  const tags: HTMLElement[] = [];
  const end = curveEnd(poolCurve(pool));
  if (end !== undefined && end > now) tags.push(h("span", { class: "tag moving" }, `weights moving until ${new Date(end).toLocaleTimeString("en-GB", { hour12: false })}`));
  if (pool.strategy) tags.push(h("span", { class: "tag" }, "strategy"));
  if (pool.swapsPaused) tags.push(h("span", { class: "tag warn" }, "swaps paused"));
  if (pending) tags.push(h("span", { class: "tag" }, `${pending} pending`));
  if (!pool.controller) tags.push(h("span", { class: "tag muted" }, "immutable"));
  return tags;
}

/** Renders the pool list into root; returns a function that stops its refresh. */
export function showPoolList(root: HTMLElement, onError: (e: unknown) => void): () => void {
  const body = h("div", { class: "card" }, h("p", { class: "muted" }, "Loading pools…"));
  fill(root, h("h2", {}, "Pools"), body);
  let stopped = false;

  const load = async () => {
    const [pools, changes, latest] = await Promise.all([
      allPages(async (key) => {
        const r = await rest.pools({ pagination: { key } });
        return { items: r.pools, nextKey: r.pagination?.nextKey };
      }),
      allPages(async (key) => {
        const r = await rest.pendingChanges({ pagination: { key } });
        return { items: r.changes, nextKey: r.pagination?.nextKey };
      }),
      latestBlock(),
    ]);
    if (stopped) return;
    const now = latest.time.getTime();
    const pendingBy = new Map<string, number>();
    for (const c of changes) pendingBy.set(String(c.poolId), (pendingBy.get(String(c.poolId)) ?? 0) + 1);
    if (!pools.length) {
      fill(body, h("p", { "data-testid": "no-pools" }, "No pools yet. Create one with ", h("code", {}, "poold tx smartpool create-pool"), " (see the README's walkthrough)."));
      return;
    }
    fill(
      body,
      h(
        "table",
        { class: "pools", "data-testid": "pool-list" },
        h("thead", {}, h("tr", {}, h("th", {}, "pool"), h("th", {}, "assets (weight now)"), h("th", {}, "liquidity"), h("th", {}, "swap fee"), h("th", {}, "status"))),
        h(
          "tbody",
          {},
          ...pools.map((p) => {
            const w = weightsAt(poolCurve(p), now);
            return h(
              "tr",
              { "data-testid": "pool-row", "data-pool-id": String(p.id) },
              h("td", {}, h("a", { href: `#/pool/${p.id}`, "data-testid": "pool-link" }, `Pool ${p.id}`)),
              h("td", {}, p.assets.map((a, i) => `${symbol(a.denom)} ${formatPercent(w[i], 1)}`).join(" · ")),
              h("td", { class: "num" }, ...p.assets.map((a) => h("div", {}, formatCoin(a.balance, a.denom, 2)))),
              h("td", { class: "num" }, formatPercent(Number(p.swapFee))),
              h("td", {}, ...statusTags(p, pendingBy.get(String(p.id)) ?? 0, now)),
            );
          }),
        ),
      ),
      h("p", { class: "hint" }, `${pools.length} pool${pools.length === 1 ? "" : "s"} at block ${latest.height} (${latest.time.toLocaleTimeString("en-GB", { hour12: false })}).`),
    );
  };

  let busy = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      await load();
    } catch (e) {
      onError(e);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 5000);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
