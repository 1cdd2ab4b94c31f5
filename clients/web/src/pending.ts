// A pool's pending changes: what each does, when it was queued and when it
// is due (the end-block step applies it in the first block at or after its
// due time), with a countdown.
import { timestampToDate } from "../../ts/src/index.js";
import type { PendingChange, Pool } from "../../ts/src/types.js";
import { formatCoin, formatPercent, symbol } from "./denoms.js";
import { h } from "./dom.js";
import { normalize } from "./schedule.js";

const pct = (dec: string) => formatPercent(Number(dec));
const when = (d: Date) => d.toLocaleString("en-GB", { hour12: false });

/** What a change does, in words. */
export function describeChange(c: PendingChange, pool: Pool): { kind: string; detail: string } {
  if (c.swapFee) return { kind: "swap fee", detail: `swap fee ${pct(pool.swapFee)} → ${pct(c.swapFee.swapFee)}` };
  if (c.weightSchedule) {
    const s = c.weightSchedule;
    const denoms = s.denoms.length ? s.denoms : pool.assets.map((a) => a.denom);
    const target = normalize(s.targetWeights);
    const to = denoms.map((d, i) => `${symbol(d)} ${formatPercent(target[i] ?? 0, 1)}`).join(", ");
    const range = s.startTime && s.endTime ? ` from ${when(timestampToDate(s.startTime))} to ${when(timestampToDate(s.endTime))}` : "";
    return { kind: "weight schedule", detail: `weights → ${to}${range}` };
  }
  if (c.shareCap) return { kind: "share cap", detail: `share cap → ${c.shareCap.shareCap === "0" ? "none" : formatCoin(c.shareCap.shareCap, pool.shareDenom)}` };
  if (c.allowList) {
    const a = c.allowList;
    const parts = [a.enable && "enable", a.disable && "disable", a.add.length && `add ${a.add.length}`, a.remove.length && `remove ${a.remove.length}`].filter(Boolean);
    return { kind: "allow-list", detail: parts.join(", ") || "edit" };
  }
  if (c.controller) return { kind: "controller", detail: c.controller.newController ? `control → ${c.controller.newController}` : "renounce control (pool becomes immutable)" };
  if (c.resumeSwaps) return { kind: "resume swaps", detail: "reopen swaps" };
  if (c.addAsset) return { kind: "add asset", detail: `add ${c.addAsset.deposit ? formatCoin(c.addAsset.deposit.amount, c.addAsset.deposit.denom) : "?"} at weight ${c.addAsset.weight}` };
  if (c.removeAsset) return { kind: "remove asset", detail: `remove ${symbol(c.removeAsset.denom)}` };
  if (c.breakers) return { kind: "circuit breakers", detail: "new circuit breakers" };
  if (c.feePolicy) return { kind: "fee policy", detail: "new dynamic fee policy" };
  if (c.managementFee) return { kind: "management fee", detail: "new management fee" };
  if (c.strategy) return { kind: "strategy", detail: "new weight strategy" };
  if (c.strategyResume) return { kind: "strategy resume", detail: "resume the weight strategy" };
  return { kind: "change", detail: "" };
}

/** "in 59m 58s", "in 2d 3h", or "due (applies at the next block)". */
export function countdown(due: number, now = Date.now()): string {
  let s = Math.ceil((due - now) / 1000);
  if (s <= 0) return "due: applies at the next block";
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = d ? [`${d}d`, `${hh}h`, `${m}m`] : hh ? [`${hh}h`, `${m}m`, `${s}s`] : m ? [`${m}m`, `${s}s`] : [`${s}s`];
  return `in ${parts.join(" ")}`;
}

/** Updates every countdown on the page once a second. */
export function startCountdowns(): void {
  const tick = () => {
    for (const el of document.querySelectorAll<HTMLElement>("[data-due]")) el.textContent = countdown(Number(el.dataset.due));
  };
  tick();
  setInterval(tick, 1000);
}

export function pendingTable(changes: readonly PendingChange[], pool: Pool): HTMLElement {
  if (!changes.length) return h("p", { class: "muted", "data-testid": "pending-none" }, "No pending changes.");
  return h(
    "table",
    { class: "pending", "data-testid": "pending-changes" },
    h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "change"), h("th", {}, "queued"), h("th", {}, "due"), h("th", {}, ""))),
    h(
      "tbody",
      {},
      ...changes.map((c) => {
        const { kind, detail } = describeChange(c, pool);
        const due = c.dueTime ? timestampToDate(c.dueTime) : undefined;
        return h(
          "tr",
          { "data-testid": "pending-change", "data-change-id": String(c.id), "data-kind": kind },
          h("td", {}, String(c.id)),
          h("td", {}, h("strong", {}, kind), h("br"), h("span", { class: "muted" }, detail)),
          h("td", {}, c.queuedAt ? when(timestampToDate(c.queuedAt)) : "—"),
          h("td", { "data-testid": "due-time", "data-due-iso": due?.toISOString() ?? "" }, due ? when(due) : "—"),
          h("td", { class: "countdown", "data-testid": "countdown", "data-due": due ? String(due.getTime()) : undefined }, due ? countdown(due.getTime()) : ""),
        );
      }),
    ),
  );
}
