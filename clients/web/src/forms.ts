// The forms that send transactions: swap exact-in, proportional join for an
// exact number of shares, proportional exit. Each one estimates first (a REST
// query: nothing is signed), shows what to expect, then sends with bounds
// derived from the estimate and the slippage tolerance.
import { QueryError, decodeMsgResponses, msg } from "../../ts/src/index.js";
import type { Coin, MsgJoinPoolResponse, MsgExitPoolResponse, MsgSwapExactAmountInResponse, Pool } from "../../ts/src/types.js";
import { balances, rest } from "./api.js";
import { InputError, SHARE_DECIMALS, denomUnit, displayPrice, formatCoin, formatPercent, formatUnits, parseAmount, parseSlippage, symbol } from "./denoms.js";
import { errorText, fill, h } from "./dom.js";
import { TxError, currentWallet, onBalancesChange, onWalletChange, sendTx } from "./wallet.js";

export interface FormContext {
  /** The pool as last read. */
  pool(): Pool;
  /** Called after a transaction succeeded: re-read the pool. */
  afterTx(): void;
}

/** Words for any failure: bad input, a refused query, a refused or failed tx. */
export function describeError(e: unknown): string {
  if (e instanceof InputError) return e.message;
  if (e instanceof QueryError) {
    if ([0, 502, 503, 504].includes(e.httpStatus)) return `the node did not answer: ${e.message}`;
    if (e.isNotFound) return `not found: ${e.message}`;
    return `the node answered HTTP ${e.httpStatus}: ${e.message}`;
  }
  if (e instanceof TxError) return e.txHash ? `${e.message} (tx ${e.txHash})` : e.message;
  return errorText(e);
}

const lower = (x: bigint, bps: bigint) => (x * (10_000n - bps)) / 10_000n;
const upper = (x: bigint, bps: bigint) => (x * (10_000n + bps) + 9_999n) / 10_000n;

/** Shared parts of a form: an error line, a result line, a busy state. */
function formParts(name: string) {
  const error = h("p", { class: "error", role: "alert", "data-testid": `${name}-error`, hidden: true });
  const result = h("p", { class: "ok", "data-testid": `${name}-result`, hidden: true });
  return {
    error,
    result,
    clear() {
      error.hidden = true;
      result.hidden = true;
    },
    fail(e: unknown) {
      result.hidden = true;
      error.textContent = describeError(e);
      error.hidden = false;
    },
    done(...children: (Node | string)[]) {
      error.hidden = true;
      fill(result, ...children);
      result.hidden = false;
    },
  };
}

/**
 * The estimate a form would send, tied to the form values it was made for:
 * an answer to an older request is dropped, and one the form has moved away
 * from since is never sent (estimate again).
 */
function estimateSlot<T>() {
  let generation = 0;
  let held: { est: T; key: string } | undefined;
  return {
    /** Forgets the estimate; answers to requests made before are dropped. */
    invalidate(): number {
      held = undefined;
      return ++generation;
    },
    /** Keeps an answer if no edit or newer request came since `gen`. */
    settle(gen: number, est: T, key: string): boolean {
      if (gen !== generation) return false;
      held = { est, key };
      return true;
    },
    get current(): T | undefined {
      return held?.est;
    },
    /** The estimate for the form as it is now (its values as `key`). */
    take(key: () => string): T {
      if (!held) throw new InputError("estimate first");
      if (held.key !== key()) throw new InputError("the form changed since the estimate: estimate again");
      return held.est;
    },
  };
}

/**
 * The estimate and wallet a form sends with, once the estimate matches the
 * form and a wallet is chosen; the form's buttons stay disabled while it sends.
 */
function senderFor<T>(slot: ReturnType<typeof estimateSlot<T>>, key: () => string, ...buttons: HTMLButtonElement[]): [T, NonNullable<ReturnType<typeof currentWallet>>] {
  const est = slot.take(key);
  const w = currentWallet();
  if (!w) throw new TxError("choose a wallet first (Keplr or a localnet demo key, top right)");
  for (const b of buttons) b.disabled = true;
  return [est, w];
}

function txLine(hash: string, height: number): HTMLElement {
  return h("span", {}, " tx ", h("code", { "data-testid": "tx-hash" }, hash), ` in block ${height}`);
}

function denomOptions(select: HTMLSelectElement, denoms: string[], preferred: number): void {
  const keep = select.value;
  fill(select, ...denoms.map((d) => h("option", { value: d, title: d }, symbol(d))));
  select.value = denoms.includes(keep) ? keep : denoms[Math.min(preferred, denoms.length - 1)];
}

export interface TxForm {
  el: HTMLElement;
  /** Shows a newly read pool (its assets) without touching what the user typed. */
  update(pool: Pool): void;
  dispose(): void;
}

export function swapForm(ctx: FormContext): TxForm {
  const amount = h("input", { type: "text", inputmode: "decimal", placeholder: "0.0", id: "swap-amount", "data-testid": "swap-amount", autocomplete: "off" });
  const denomIn = h("select", { "data-testid": "swap-in", "aria-label": "token in" });
  const denomOut = h("select", { "data-testid": "swap-out", "aria-label": "token out" });
  const slippage = h("input", { type: "text", inputmode: "decimal", value: "1", size: 4, id: "swap-slippage", "data-testid": "swap-slippage" });
  const estimateButton = h("button", { type: "button", "data-testid": "swap-estimate" }, "Estimate");
  const submit = h("button", { type: "submit", class: "primary", "data-testid": "swap-submit", disabled: true }, "Swap");
  const quote = h("dl", { class: "quote", "data-testid": "swap-quote", hidden: true });
  const note = h("p", { class: "hint", hidden: true }, "The weights move every block, so the swap may pay a little more or less than the estimate; the minimum bounds it.");
  const parts = formParts("swap");

  interface Estimate {
    poolId: bigint;
    tokenIn: Coin;
    denomOut: string;
    out: bigint;
    min: bigint;
  }
  const slot = estimateSlot<Estimate>();
  const invalidate = () => {
    const gen = slot.invalidate();
    submit.disabled = true;
    quote.hidden = true;
    return gen;
  };
  for (const el of [amount, denomIn, denomOut, slippage]) {
    el.addEventListener("input", invalidate);
    el.addEventListener("change", invalidate);
  }

  const read = () => {
    const pool = ctx.pool();
    if (denomIn.value === denomOut.value) throw new InputError("choose two different tokens");
    const amountIn = parseAmount(amount.value, denomUnit(denomIn.value).decimals);
    const bps = parseSlippage(slippage.value);
    return { pool, amountIn, bps, din: denomIn.value, dout: denomOut.value };
  };
  const formKey = () => {
    const { pool, amountIn, bps, din, dout } = read();
    return `${pool.id}|${amountIn}|${din}|${dout}|${bps}`;
  };

  const doEstimate = async () => {
    parts.clear();
    const gen = invalidate();
    try {
      const { pool, amountIn, bps, din, dout } = read();
      const key = formKey();
      estimateButton.disabled = true;
      const [est, spot] = await Promise.all([
        rest.estimateSwapExactAmountIn({ tokenIn: `${amountIn}${din}`, routePoolIds: [pool.id], routeTokenOutDenoms: [dout] }),
        rest.spotPrice({ poolId: pool.id, baseAssetDenom: din, quoteAssetDenom: dout }),
      ]);
      const out = BigInt(est.tokenOutAmount);
      const fee = Number(est.swapFees[0] ?? pool.swapFee);
      // Price impact: how much worse than the spot price, fee aside.
      const ideal = Number(amountIn) * (1 - fee) * Number(spot.spotPrice);
      const impact = ideal > 0 ? 1 - Number(out) / ideal : 0;
      const min = lower(out, bps);
      if (min <= 0n) throw new InputError("the amount is too small: it would buy nothing");
      // An edit or a newer estimate since the request: this answer is stale.
      if (!slot.settle(gen, { poolId: pool.id, tokenIn: { denom: din, amount: amountIn.toString() }, denomOut: dout, out, min }, key)) return;
      const feeAmount = (amountIn * BigInt(Math.round(fee * 1e9))) / 1_000_000_000n;
      fill(
        quote,
        h("dt", {}, "Expected"),
        h("dd", { "data-testid": "swap-expected", "data-base-amount": out.toString() }, formatCoin(out, dout)),
        h("dt", {}, "Rate"),
        h("dd", {}, `1 ${symbol(din)} = ${displayPrice(Number(out) / Number(amountIn), din, dout).toPrecision(6)} ${symbol(dout)} (spot ${displayPrice(spot.spotPrice, din, dout).toPrecision(6)})`),
        h("dt", {}, "Price impact"),
        h("dd", { "data-testid": "swap-impact" }, formatPercent(Math.max(impact, 0), 3)),
        h("dt", {}, "Fee"),
        h("dd", { "data-testid": "swap-fee" }, `${formatPercent(fee, 2)} = ${formatCoin(feeAmount, din)}`),
        h("dt", {}, `Minimum received (${formatUnits(bps, 2)}% slippage)`),
        h("dd", { "data-testid": "swap-min", "data-base-amount": min.toString() }, formatCoin(min, dout)),
      );
      quote.hidden = false;
      note.hidden = !pool.weightSchedule;
      submit.disabled = pool.swapsPaused;
      if (pool.swapsPaused) parts.fail(new InputError("swaps are paused on this pool"));
    } catch (e) {
      parts.fail(e);
    } finally {
      estimateButton.disabled = false;
    }
  };

  const doSwap = async () => {
    parts.clear();
    try {
      const [est, w] = senderFor(slot, formKey, submit, estimateButton);
      submit.textContent = "Swapping…";
      const res = await sendTx([
        msg("MsgSwapExactAmountIn", {
          sender: w.address,
          routes: [{ poolId: est.poolId, tokenOutDenom: est.denomOut }],
          tokenIn: est.tokenIn,
          tokenOutMinAmount: est.min.toString(),
        }),
      ]);
      const [r] = decodeMsgResponses(res.msgResponses) as MsgSwapExactAmountInResponse[];
      invalidate();
      parts.done(
        h("span", { "data-testid": "swap-received", "data-base-amount": r?.tokenOutAmount ?? "" }, `Swapped ${formatCoin(est.tokenIn.amount, est.tokenIn.denom)} for ${formatCoin(r?.tokenOutAmount ?? "0", est.denomOut)}.`),
        txLine(res.transactionHash, res.height),
      );
      ctx.afterTx();
    } catch (e) {
      parts.fail(e);
      // A tx that may still land is not offered again: estimate anew.
      if (e instanceof TxError && e.submitted) invalidate();
      submit.disabled = slot.current === undefined;
    } finally {
      submit.textContent = "Swap";
      estimateButton.disabled = false;
    }
  };

  estimateButton.addEventListener("click", () => void doEstimate());
  const el = h(
    "form",
    { class: "tx-form", "data-testid": "swap-form", novalidate: true },
    h("h3", {}, "Swap"),
    h("div", { class: "row" }, h("label", { for: "swap-amount" }, "Pay"), amount, denomIn),
    h("div", { class: "row" }, h("label", {}, "Receive"), denomOut),
    h("div", { class: "row" }, h("label", { for: "swap-slippage" }, "Slippage tolerance"), slippage, "%"),
    h("div", { class: "row buttons" }, estimateButton, submit),
    quote,
    note,
    parts.error,
    parts.result,
  );
  el.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void doSwap();
  });
  return {
    el,
    update(pool) {
      const denoms = pool.assets.map((a) => a.denom);
      denomOptions(denomIn, denoms, 0);
      denomOptions(denomOut, denoms, denoms.length - 1);
    },
    dispose() {},
  };
}

/** A proportional join for an exact number of shares, or a proportional exit of shares. */
function sharesForm(ctx: FormContext, kind: "join" | "exit"): TxForm {
  const name = kind;
  const shares = h("input", { type: "text", inputmode: "decimal", placeholder: "0.0", id: `${name}-shares`, "data-testid": `${name}-shares`, autocomplete: "off" });
  const unit = h("span", { class: "unit" });
  const slippage = h("input", { type: "text", inputmode: "decimal", value: "1", size: 4, id: `${name}-slippage`, "data-testid": `${name}-slippage` });
  const held = h("p", { class: "hint", "data-testid": `${name}-held` });
  const estimateButton = h("button", { type: "button", "data-testid": `${name}-estimate` }, "Estimate");
  const submit = h("button", { type: "submit", class: "primary", "data-testid": `${name}-submit`, disabled: true }, kind === "join" ? "Join" : "Exit");
  const quote = h("dl", { class: "quote", "data-testid": `${name}-quote`, hidden: true });
  const parts = formParts(name);

  const slot = estimateSlot<{ poolId: bigint; shares: bigint; bounds: Coin[] }>();
  const invalidate = () => {
    const gen = slot.invalidate();
    submit.disabled = true;
    quote.hidden = true;
    return gen;
  };
  const formKey = () =>
    `${ctx.pool().id}|${parseAmount(shares.value, SHARE_DECIMALS)}|${parseSlippage(slippage.value)}|${currentWallet()?.address ?? ""}`;
  for (const el of [shares, slippage]) {
    el.addEventListener("input", invalidate);
    el.addEventListener("change", invalidate);
  }

  let shownPool: Pool | undefined;
  const showHeld = async () => {
    const w = currentWallet();
    const pool = shownPool; // unset until the pool is loaded: update() calls again then
    if (!w) {
      held.textContent = "Choose a wallet to see your shares.";
      return;
    }
    if (!pool) return;
    try {
      const coins = await balances(w.address);
      const mine = coins.find((c) => c.denom === pool.shareDenom)?.amount ?? "0";
      held.textContent = `You hold ${formatCoin(mine, pool.shareDenom, 18)}.`;
      held.dataset.baseAmount = mine;
    } catch (e) {
      held.textContent = describeError(e);
    }
  };
  const offs = [onWalletChange(() => void showHeld()), onBalancesChange(() => void showHeld())];

  const doEstimate = async () => {
    parts.clear();
    const gen = invalidate();
    try {
      const pool = ctx.pool();
      const amount = parseAmount(shares.value, SHARE_DECIMALS);
      const bps = parseSlippage(slippage.value);
      const key = formKey();
      estimateButton.disabled = true;
      let coins: Coin[];
      let bounds: Coin[];
      if (kind === "join") {
        const r = await rest.estimateJoin({ poolId: pool.id, shareOutAmount: amount.toString(), sender: currentWallet()?.address ?? "" });
        coins = r.tokensIn;
        bounds = coins.map((c) => ({ denom: c.denom, amount: upper(BigInt(c.amount), bps).toString() }));
      } else {
        const r = await rest.estimateExit({ poolId: pool.id, shareInAmount: amount.toString() });
        coins = r.tokensOut;
        // A zero minimum is no bound, and the chain rejects zero coins.
        bounds = coins.map((c) => ({ denom: c.denom, amount: lower(BigInt(c.amount), bps).toString() })).filter((c) => c.amount !== "0");
      }
      // An edit or a newer estimate since the request: this answer is stale.
      if (!slot.settle(gen, { poolId: pool.id, shares: amount, bounds }, key)) return;
      fill(
        quote,
        h("dt", {}, kind === "join" ? "You deposit" : "You receive"),
        h("dd", { "data-testid": `${name}-expected` }, ...coins.map((c) => h("div", { "data-denom": c.denom, "data-base-amount": c.amount }, formatCoin(c.amount, c.denom)))),
        h("dt", {}, kind === "join" ? `At most (${formatUnits(bps, 2)}% slippage)` : `At least (${formatUnits(bps, 2)}% slippage)`),
        h("dd", { "data-testid": `${name}-bounds` }, ...bounds.map((c) => h("div", { "data-denom": c.denom, "data-base-amount": c.amount }, formatCoin(c.amount, c.denom)))),
      );
      quote.hidden = false;
      submit.disabled = false;
    } catch (e) {
      parts.fail(e);
    } finally {
      estimateButton.disabled = false;
    }
  };

  const doSend = async () => {
    parts.clear();
    try {
      const [est, w] = senderFor(slot, formKey, submit, estimateButton);
      const m =
        kind === "join"
          ? msg("MsgJoinPool", { sender: w.address, poolId: est.poolId, shareOutAmount: est.shares.toString(), tokenInMaxs: est.bounds })
          : msg("MsgExitPool", { sender: w.address, poolId: est.poolId, shareInAmount: est.shares.toString(), tokenOutMins: est.bounds });
      const res = await sendTx([m]);
      const share = `smartpool/${est.poolId}`;
      let text: string;
      if (kind === "join") {
        const [r] = decodeMsgResponses(res.msgResponses) as MsgJoinPoolResponse[];
        text = `Joined: ${formatCoin(r?.shareOutAmount ?? est.shares, share, 18)} for ${(r?.tokensIn ?? []).map((c) => formatCoin(c.amount, c.denom)).join(", ")}.`;
      } else {
        const [r] = decodeMsgResponses(res.msgResponses) as MsgExitPoolResponse[];
        text = `Exited: ${formatCoin(est.shares, share, 18)} for ${(r?.tokensOut ?? []).map((c) => formatCoin(c.amount, c.denom)).join(", ")}.`;
      }
      invalidate();
      parts.done(text, txLine(res.transactionHash, res.height));
      ctx.afterTx();
    } catch (e) {
      parts.fail(e);
      // A tx that may still land is not offered again: estimate anew.
      if (e instanceof TxError && e.submitted) invalidate();
      submit.disabled = slot.current === undefined;
    } finally {
      estimateButton.disabled = false;
    }
  };

  estimateButton.addEventListener("click", () => void doEstimate());
  const el = h(
    "form",
    { class: "tx-form", "data-testid": `${name}-form`, novalidate: true },
    h("h3", {}, kind === "join" ? "Join (proportional)" : "Exit (proportional)"),
    h("div", { class: "row" }, h("label", { for: `${name}-shares` }, kind === "join" ? "Shares to mint" : "Shares to burn"), shares, unit),
    h("div", { class: "row" }, h("label", { for: `${name}-slippage` }, "Slippage tolerance"), slippage, "%"),
    held,
    h("div", { class: "row buttons" }, estimateButton, submit),
    quote,
    parts.error,
    parts.result,
  );
  el.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void doSend();
  });
  return {
    el,
    update(pool) {
      unit.textContent = symbol(pool.shareDenom);
      const first = shownPool?.id !== pool.id;
      shownPool = pool;
      if (first) void showHeld();
    },
    dispose: () => offs.forEach((off) => off()),
  };
}

export const joinForm = (ctx: FormContext) => sharesForm(ctx, "join");
export const exitForm = (ctx: FormContext) => sharesForm(ctx, "exit");
