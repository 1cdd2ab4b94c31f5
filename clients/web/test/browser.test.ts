// The pools page in a real browser (Debian's headless Chromium, driven by
// playwright-core) against a real localnet: the list, a scheduled pool's
// detail with its chart and pending change, bad input refused without a tx,
// a swap, a join and an exit made in the page and checked on chain over REST,
// and screenshots checked not to be blank.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fromBase64, toBase64 } from "@cosmjs/encoding";

import { GrpcCode, LOCALNET, QueryError, directWallet, grpcWebQueries, parseTimestamp, restQueries, timestampToDate, type SmartpoolRestQueries } from "../../ts/src/index.js";
import { startLocalnet, waitFor, type Localnet } from "../../ts/test/support/localnet.js";
import { decodePng, imageStats, pixelsNear } from "./support/png.js";
import { seedPools, type Seeded } from "./support/seed.js";

const run = promisify(execFile);
const WEB = new URL("..", import.meta.url).pathname;
const RESULTS = join(WEB, "test-results");
const PORT = 27_890;
const BASE = `http://127.0.0.1:${PORT}/`;
const CHROMIUM = "/usr/bin/chromium";
const ONE_ATOM = 1_000_000n;
const ONE_SHARE = 10n ** 18n;
const SCHEDULE_SECONDS = 90;
/** How far into the schedule the detail page is opened, so the chart has a past. */
const PAST_SECONDS = 20;

let net: Localnet;
let rest: SmartpoolRestQueries;
let seeded: Seeded;
let server: ChildProcess | undefined;
const serverLog: string[] = [];
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
const consoleLines: string[] = [];

async function bank(address: string): Promise<Map<string, bigint>> {
  const r = await fetch(`${net.rest}/cosmos/bank/v1beta1/balances/${address}?pagination.limit=500`);
  const b = (await r.json()) as { balances: { denom: string; amount: string }[] };
  return new Map(b.balances.map((c) => [c.denom, BigInt(c.amount)]));
}

async function latestHeader(): Promise<{ height: string; time: string }> {
  const r = await fetch(`${net.rest}/cosmos/base/tendermint/v1beta1/blocks/latest`);
  return ((await r.json()) as { block: { header: { height: string; time: string } } }).block.header;
}
const latestHeight = async () => Number((await latestHeader()).height);
const latestBlockTime = async () => timestampToDate(parseTimestamp((await latestHeader()).time)).getTime();

async function sequence(address: string): Promise<string> {
  const r = await fetch(`${net.rest}/cosmos/auth/v1beta1/accounts/${address}`);
  const b = (await r.json()) as { account: { sequence?: string } };
  return b.account.sequence ?? "0";
}

/** Runs a step of the page; on failure, adds what the page logged and the server printed. */
async function inPage(fn: () => Promise<void>): Promise<void> {
  const errorsBefore = pageErrors.length;
  try {
    await fn();
  } catch (e) {
    const err = e as Error;
    err.message += `\n--- page console (${consoleLines.length} lines) ---\n${consoleLines.slice(-60).join("\n")}\n--- page errors ---\n${pageErrors.join("\n")}\n--- serve.mjs ---\n${serverLog.slice(-20).join("")}`;
    throw err;
  }
  expect(pageErrors.slice(errorsBefore), "uncaught errors in the page").toEqual([]);
}

/** Saves a screenshot and checks that it shows something: many colours, contrast, no single colour everywhere. */
async function screenshotNotBlank(
  name: string,
  shot: (path: string) => Promise<unknown>,
  // A line chart is mostly background: it may have more of one colour than a page.
  maxDominantShare = 0.9,
): Promise<ReturnType<typeof decodePng>> {
  const path = join(RESULTS, name);
  await shot(path);
  const img = decodePng(readFileSync(path));
  const stats = imageStats(img);
  const about = `${name} ${JSON.stringify(stats)}`;
  expect(stats.width * stats.height, `${about}: size`).toBeGreaterThan(100 * 100);
  expect(stats.colours, `${about}: distinct colours`).toBeGreaterThan(64);
  expect(stats.lumaStdDev, `${about}: luminance spread`).toBeGreaterThan(12);
  expect(stats.dominantShare, `${about}: share of the commonest colour`).toBeLessThan(maxDominantShare);
  return img;
}

async function startServer(): Promise<void> {
  const child = spawn(process.execPath, [join(WEB, "serve.mjs")], {
    env: { ...process.env, PORT: String(PORT), REST_URL: net.rest, RPC_URL: net.rpc },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  child.stdout!.on("data", (d: Buffer) => serverLog.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => serverLog.push(d.toString()));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`serve.mjs exited with ${child.exitCode}: ${serverLog.join("")}`);
    return serverLog.join("").includes(`http://127.0.0.1:${PORT}/`);
  }, 15_000);
}

async function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid!, "SIGTERM");
  const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  const built = run(process.execPath, [join(WEB, "build.mjs")]);
  net = await startLocalnet(27_800);
  await built;
  rest = restQueries(net.rest);
  // A schedule of 90 s: long enough for the test, short enough that the
  // chart shows a good stretch of past next to the projection.
  seeded = await seedPools(net.rpc, SCHEDULE_SECONDS);
  await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  page.on("pageerror", (e) => pageErrors.push(`${e.name}: ${e.message}\n${e.stack ?? ""}`));
  page.on("console", (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
});

afterAll(async () => {
  await browser?.close();
  await stopServer();
  await net?.stop();
});

/** A raw GET to the page's server with chosen headers (fetch may not set Host). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, path, method: "GET", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the page's server", () => {
  it("passes REST and gRPC-web through with their statuses", async () => {
    const viaPage = restQueries(`${BASE}rest`);
    expect((await viaPage.pool({ poolId: BigInt(seeded.plain) })).pool?.id).toBe(BigInt(seeded.plain));
    const grpc = grpcWebQueries(`${BASE}rest`);
    expect((await grpc.Pool({ poolId: BigInt(seeded.plain) })).pool?.id).toBe(BigInt(seeded.plain));
    const missing = await grpc.Pool({ poolId: 999_999n }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueryError);
    expect((missing as QueryError).code).toBe(GrpcCode.NotFound);
  });

  it("pages with next_key through the proxy, as the pool list reads every pool", async () => {
    const viaPage = restQueries(`${BASE}rest`);
    const first = await viaPage.pools({ pagination: { limit: 1n } });
    expect(first.pools).toHaveLength(1);
    expect(first.pagination?.nextKey?.length).toBeGreaterThan(0);
    const second = await viaPage.pools({ pagination: { key: first.pagination!.nextKey, limit: 1n } });
    expect(second.pools).toHaveLength(1);
    expect(second.pools[0].id).not.toBe(first.pools[0].id);
  });

  it("answers only its own origin, and keeps proxied paths under their base", async () => {
    const own = `127.0.0.1:${PORT}`;
    expect(await rawGet("/rest/poold/smartpool/v1/params", { host: own })).toBe(200);
    expect(await rawGet("/rest/poold/smartpool/v1/params", { host: "attacker.example" })).toBe(403);
    expect(await rawGet("/", { host: own, origin: "http://attacker.example" })).toBe(403);
    expect(await rawGet("/rest/..%2f..%2fstatus", { host: own })).toBe(400);
    expect(await rawGet("/rest/cosmos/bank/v1beta1/denoms_metadata_by_query_string?denom=smartpool%2F1", { host: own })).not.toBe(400);
  });
});

describe("the pools page in Chromium", () => {
  it("lists the pools", async () => {
    await inPage(async () => {
      await page.goto(`${BASE}#/`);
      for (const id of [seeded.scheduled, seeded.plain]) {
        await page.locator(`[data-testid=pool-row][data-pool-id="${id}"]`).waitFor();
      }
      const scheduledRow = page.locator(`[data-testid=pool-row][data-pool-id="${seeded.scheduled}"]`);
      expect(await scheduledRow.textContent()).toMatch(/ATOM .*ETH .*USDC/);
      expect(await scheduledRow.textContent()).toContain("weights moving until");
      expect(await scheduledRow.textContent()).toContain("1 pending");
      expect(await page.locator("[data-testid=chain-status]").textContent()).toContain("poolnet-1");
      await screenshotNotBlank("pool-list.png", (path) => page.screenshot({ path, fullPage: true }));
    });
  });

  it("says so when a pool does not exist (the node's 404), without a page error", async () => {
    await inPage(async () => {
      await page.goto(`${BASE}#/pool/999999`);
      const card = page.locator("[data-testid=pool-missing]");
      await card.waitFor();
      expect(await card.textContent()).toContain("There is no pool 999999 on this chain.");
      expect(await page.locator("#banner").isHidden()).toBe(true);
    });
  });

  it("refuses bad swap input in the page and sends nothing", async () => {
    await inPage(async () => {
      await page.goto(`${BASE}#/pool/${seeded.plain}`);
      await page.locator("[data-testid=demo-key]").selectOption("bob");
      await page.waitForFunction((bob) => document.querySelector("[data-testid=wallet-address]")?.textContent?.includes(bob), seeded.bob);
      await page.locator('[data-testid=wallet-balances] li[data-denom="uatom"]').waitFor();
      const before = await bank(seeded.bob);
      const seqBefore = await sequence(seeded.bob);

      const form = page.locator("[data-testid=swap-form]");
      await form.locator("[data-testid=swap-in] option").first().waitFor({ state: "attached" });
      await form.locator("[data-testid=swap-in]").selectOption("uatom");
      await form.locator("[data-testid=swap-out]").selectOption("uusdc");
      for (const [amount, message] of [
        ["0", "more than zero"],
        ["-1", "must be positive"],
        ["abc", "not a number"],
        ["1.0000001", "at most 6 decimal places"],
      ]) {
        await form.locator("[data-testid=swap-amount]").fill(amount);
        await form.locator("[data-testid=swap-estimate]").click();
        await page.waitForFunction((m) => document.querySelector("[data-testid=swap-error]:not([hidden])")?.textContent?.includes(m), message);
        expect(await form.locator("[data-testid=swap-submit]").isDisabled()).toBe(true);
      }
      // An amount the chain refuses to estimate (over the pool's max in ratio): its reason, and no Swap.
      await form.locator("[data-testid=swap-amount]").fill("100000");
      await form.locator("[data-testid=swap-estimate]").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=swap-error]")?.textContent?.includes("max in ratio"));
      expect(await form.locator("[data-testid=swap-submit]").isDisabled()).toBe(true);
      await form.locator("[data-testid=swap-amount]").fill("1");
      await form.locator("[data-testid=swap-out]").selectOption("uatom");
      await form.locator("[data-testid=swap-estimate]").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=swap-error]")?.textContent?.includes("two different tokens"));
      expect(await form.locator("[data-testid=swap-submit]").isDisabled()).toBe(true);
      // Enter in the amount field does not swap without an estimate.
      await form.locator("[data-testid=swap-amount]").press("Enter");

      // An estimate that answers after the form changed is dropped: estimate
      // 2 ATOM slowly, change the amount to 1 meanwhile, and no Swap is offered.
      await form.locator("[data-testid=swap-out]").selectOption("uusdc");
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let asked = false;
      await page.route("**/estimate/swap_exact_amount_in*", async (route) => {
        asked = true;
        await held;
        await route.continue();
      });
      await form.locator("[data-testid=swap-amount]").fill("2");
      await form.locator("[data-testid=swap-estimate]").click();
      await waitFor(async () => asked, 10_000);
      await form.locator("[data-testid=swap-amount]").fill("1");
      await form.locator("[data-testid=swap-amount]").blur();
      const answered = page.waitForResponse((r) => r.url().includes("/estimate/swap_exact_amount_in"));
      release();
      await answered;
      await page.unroute("**/estimate/swap_exact_amount_in*");
      await page.waitForFunction(() => !(document.querySelector("[data-testid=swap-estimate]") as HTMLButtonElement).disabled);
      expect(await form.locator("[data-testid=swap-submit]").isDisabled()).toBe(true);
      expect(await form.locator("[data-testid=swap-quote]").isHidden()).toBe(true);
      await form.locator("[data-testid=swap-amount]").press("Enter");

      // Wait two blocks: a tx, had one been sent, would be in by then.
      const height = await latestHeight();
      await waitFor(async () => (await latestHeight()) >= height + 2, 15_000);
      expect(await sequence(seeded.bob)).toBe(seqBefore);
      expect(await bank(seeded.bob)).toEqual(before);
    });
  });

  it("swaps 1 ATOM for USDC in the page: the chain moves exactly the estimate", async () => {
    await inPage(async () => {
      const before = await bank(seeded.bob);
      const form = page.locator("[data-testid=swap-form]");
      await form.locator("[data-testid=swap-in]").selectOption("uatom");
      await form.locator("[data-testid=swap-out]").selectOption("uusdc");
      await form.locator("[data-testid=swap-amount]").fill("1");
      await form.locator("[data-testid=swap-slippage]").fill("1");
      await form.locator("[data-testid=swap-estimate]").click();
      await form.locator("[data-testid=swap-quote]").waitFor();
      const expected = BigInt((await form.locator("[data-testid=swap-expected]").getAttribute("data-base-amount"))!);
      const min = BigInt((await form.locator("[data-testid=swap-min]").getAttribute("data-base-amount"))!);
      // The page's estimate is the chain's, and the minimum is 1% below it.
      const { tokenOutAmount } = await rest.estimateSwapExactAmountIn({ tokenIn: `${ONE_ATOM}uatom`, routePoolIds: [seeded.plain], routeTokenOutDenoms: ["uusdc"] });
      expect(expected).toBe(BigInt(tokenOutAmount));
      expect(min).toBe((expected * 9_900n) / 10_000n);
      expect(await form.locator("[data-testid=swap-fee]").textContent()).toContain("0.30%");
      expect(await form.locator("[data-testid=swap-impact]").textContent()).toMatch(/^\d+\.\d{3}%$/);

      await form.locator("[data-testid=swap-submit]").click();
      await page.waitForFunction(
        () => !document.querySelector("[data-testid=swap-result]")?.hasAttribute("hidden") || !document.querySelector("[data-testid=swap-error]")?.hasAttribute("hidden"),
        null,
        { timeout: 45_000 },
      );
      const error = form.locator("[data-testid=swap-error]");
      if (await error.isVisible()) throw new Error(`the page reports: ${await error.textContent()}`);
      const txHash = await form.locator("[data-testid=swap-result] [data-testid=tx-hash]").textContent();
      expect(txHash).toMatch(/^[0-9A-F]{64}$/);

      // On chain, read over REST: exactly 1 ATOM out, exactly the estimate in, at least the minimum.
      const after = await bank(seeded.bob);
      expect(before.get("uatom")! - after.get("uatom")!).toBe(ONE_ATOM);
      const received = after.get("uusdc")! - before.get("uusdc")!;
      expect(received).toBe(expected);
      expect(received >= min).toBe(true);
      expect(after.get("upool")).toBe(before.get("upool")); // gas price 0 on the localnet
      const tx = (await (await fetch(`${net.rest}/cosmos/tx/v1beta1/txs/${txHash}`)).json()) as { tx_response: { code: number } };
      expect(tx.tx_response.code).toBe(0);

      // The page shows the pool's new balances and bob's.
      const { pool } = await rest.pool({ poolId: seeded.plain });
      const usdc = pool!.assets.find((a) => a.denom === "uusdc")!.balance;
      await page.waitForFunction(
        (v) => document.querySelector('[data-testid=asset-row][data-denom="uusdc"] [data-testid=asset-balance]')?.getAttribute("data-base-amount") === v,
        usdc,
      );
      await page.waitForFunction(
        (v) => document.querySelector('[data-testid=wallet-balances] li[data-denom="uusdc"]')?.getAttribute("data-amount") === v,
        after.get("uusdc")!.toString(),
      );
      await screenshotNotBlank("after-swap.png", (path) => page.screenshot({ path, fullPage: true }));
    });
  });

  it("joins for one share and exits it in the page, within the estimates", async () => {
    await inPage(async () => {
      const share = `smartpool/${seeded.plain}`;
      const before = await bank(seeded.bob);
      const join = page.locator("[data-testid=join-form]");
      await join.locator("[data-testid=join-shares]").fill("1");
      await join.locator("[data-testid=join-estimate]").click();
      await join.locator("[data-testid=join-quote]").waitFor();
      const deposit = await join.locator("[data-testid=join-expected] [data-denom]").evaluateAll((els) =>
        els.map((e) => [e.getAttribute("data-denom")!, e.getAttribute("data-base-amount")!] as const),
      );
      expect(deposit.map(([d]) => d)).toEqual(["uatom", "uusdc"]);
      await join.locator("[data-testid=join-submit]").click();
      await page.waitForFunction(() => !document.querySelector("[data-testid=join-result]")?.hasAttribute("hidden") || !document.querySelector("[data-testid=join-error]")?.hasAttribute("hidden"), null, { timeout: 45_000 });
      if (await join.locator("[data-testid=join-error]").isVisible()) throw new Error(`join: ${await join.locator("[data-testid=join-error]").textContent()}`);
      const joined = await bank(seeded.bob);
      expect(joined.get(share) ?? 0n).toBe((before.get(share) ?? 0n) + ONE_SHARE);
      for (const [denom, amount] of deposit) expect(before.get(denom)! - joined.get(denom)!).toBe(BigInt(amount));

      const exit = page.locator("[data-testid=exit-form]");
      await page.waitForFunction((v) => document.querySelector("[data-testid=exit-held]")?.getAttribute("data-base-amount") === v, ONE_SHARE.toString());
      await exit.locator("[data-testid=exit-shares]").fill("1");
      await exit.locator("[data-testid=exit-estimate]").click();
      await exit.locator("[data-testid=exit-quote]").waitFor();
      const payout = await exit.locator("[data-testid=exit-expected] [data-denom]").evaluateAll((els) =>
        els.map((e) => [e.getAttribute("data-denom")!, e.getAttribute("data-base-amount")!] as const),
      );
      await exit.locator("[data-testid=exit-submit]").click();
      await page.waitForFunction(() => !document.querySelector("[data-testid=exit-result]")?.hasAttribute("hidden") || !document.querySelector("[data-testid=exit-error]")?.hasAttribute("hidden"), null, { timeout: 45_000 });
      if (await exit.locator("[data-testid=exit-error]").isVisible()) throw new Error(`exit: ${await exit.locator("[data-testid=exit-error]").textContent()}`);
      const exited = await bank(seeded.bob);
      expect(exited.get(share) ?? 0n).toBe(before.get(share) ?? 0n);
      for (const [denom, amount] of payout) expect(exited.get(denom)! - joined.get(denom)!).toBe(BigInt(amount));
    });
  });
  it("signs with Keplr when the extension is there (a stand-in that signs with alice's key)", async () => {
    // A fresh page whose window.keplr records what the page asks of it and
    // signs in Node with the demo key: the page's Keplr path end to end.
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const keplrPage = await context.newPage();
    keplrPage.on("pageerror", (e) => pageErrors.push(`[keplr page] ${e.name}: ${e.message}`));
    keplrPage.on("console", (m) => consoleLines.push(`[keplr page ${m.type()}] ${m.text()}`));
    try {
      await inPage(async () => {
        const wallet = await directWallet(LOCALNET.demoKeys.alice);
        const [account] = await wallet.getAccounts();
        await context.exposeFunction("__keplrAccount", () => ({ address: account.address, pubkey: toBase64(account.pubkey) }));
        await context.exposeFunction("__keplrSignDirect", async (address: string, doc: { bodyBytes: string; authInfoBytes: string; chainId: string; accountNumber: string }) => {
          const { signature } = await wallet.signDirect(address, {
            bodyBytes: fromBase64(doc.bodyBytes),
            authInfoBytes: fromBase64(doc.authInfoBytes),
            chainId: doc.chainId,
            accountNumber: BigInt(doc.accountNumber),
          });
          return signature;
        });
        await context.addInitScript(() => {
          const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
          const w = window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>> & { keplrCalls: unknown[] };
          w.keplrCalls = [];
          (window as unknown as { keplr: unknown }).keplr = {
            async experimentalSuggestChain(info: unknown) {
              w.keplrCalls.push(["suggest", info]);
            },
            async enable(chainId: string) {
              w.keplrCalls.push(["enable", chainId]);
            },
            getOfflineSigner(chainId: string) {
              w.keplrCalls.push(["signer", chainId]);
              return {
                async getAccounts() {
                  const a = (await w.__keplrAccount()) as { address: string; pubkey: string };
                  return [{ address: a.address, algo: "secp256k1", pubkey: Uint8Array.from(atob(a.pubkey), (c) => c.charCodeAt(0)) }];
                },
                async signDirect(address: string, doc: { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: bigint }) {
                  const signature = await w.__keplrSignDirect(address, {
                    bodyBytes: b64(doc.bodyBytes),
                    authInfoBytes: b64(doc.authInfoBytes),
                    chainId: doc.chainId,
                    accountNumber: doc.accountNumber.toString(),
                  });
                  return { signed: doc, signature };
                },
              };
            },
          };
        });

        await keplrPage.goto(`${BASE}#/pool/${seeded.plain}`);
        expect(await keplrPage.locator("[data-testid=demo-key]").count()).toBe(0);
        await keplrPage.locator("[data-testid=keplr-connect]").click();
        await keplrPage.waitForFunction((a) => document.querySelector("[data-testid=wallet-address]")?.textContent?.includes(a), account.address);
        const calls = (await keplrPage.evaluate(() => (window as unknown as { keplrCalls: unknown[] }).keplrCalls)) as [string, unknown][];
        expect(calls.map(([c]) => c)).toEqual(["suggest", "enable", "signer"]);
        const info = calls[0][1] as { chainId: string; rpc: string; rest: string; bech32Config: { bech32PrefixAccAddr: string } };
        expect(info).toMatchObject({ chainId: "poolnet-1", rpc: `${BASE}rpc`, rest: `${BASE}rest`, bech32Config: { bech32PrefixAccAddr: "pool" } });
        expect(calls[1][1]).toBe("poolnet-1");

        // A swap signed through the stand-in.
        const before = await bank(account.address);
        const form = keplrPage.locator("[data-testid=swap-form]");
        await form.locator("[data-testid=swap-in] option").first().waitFor({ state: "attached" });
        await form.locator("[data-testid=swap-in]").selectOption("uusdc");
        await form.locator("[data-testid=swap-out]").selectOption("uatom");
        await form.locator("[data-testid=swap-amount]").fill("2.5");
        await form.locator("[data-testid=swap-estimate]").click();
        await form.locator("[data-testid=swap-quote]").waitFor();
        const expected = BigInt((await form.locator("[data-testid=swap-expected]").getAttribute("data-base-amount"))!);
        await form.locator("[data-testid=swap-submit]").click();
        await keplrPage.waitForFunction(
          () => !document.querySelector("[data-testid=swap-result]")?.hasAttribute("hidden") || !document.querySelector("[data-testid=swap-error]")?.hasAttribute("hidden"),
          null,
          { timeout: 45_000 },
        );
        if (await form.locator("[data-testid=swap-error]").isVisible()) throw new Error(`the page reports: ${await form.locator("[data-testid=swap-error]").textContent()}`);
        const after = await bank(account.address);
        expect(before.get("uusdc")! - after.get("uusdc")!).toBe(2_500_000n);
        expect(after.get("uatom")! - before.get("uatom")!).toBe(expected);
      });
    } finally {
      await context.close();
    }
  });

  it("shows a scheduled pool: balances, weights, spot prices, TWAPs, its pending change and the chart", async () => {
    await inPage(async () => {
      // Open it a little into its schedule (the plain pool's tests ran meanwhile).
      const { pool } = await rest.pool({ poolId: seeded.scheduled });
      const start = timestampToDate(pool!.weightSchedule!.startTime!).getTime();
      await waitFor(async () => (await latestBlockTime()) >= start + PAST_SECONDS * 1000, (PAST_SECONDS + 15) * 1000);
      await page.goto(`${BASE}#/`);
      await page.locator(`[data-testid=pool-row][data-pool-id="${seeded.scheduled}"] [data-testid=pool-link]`).click();
      await page.waitForURL(`**/#/pool/${seeded.scheduled}`);

      // Balances as the chain has them, weights as percentages.
      for (const a of pool!.assets) {
        const row = page.locator(`[data-testid=asset-row][data-denom="${a.denom}"]`);
        await row.waitFor();
        expect(await row.locator("[data-testid=asset-balance]").getAttribute("data-base-amount")).toBe(a.balance);
        expect(await row.locator("[data-testid=asset-weight]").textContent()).toMatch(/^\d+\.\d\d%$/);
      }
      // The controller's time-lock, read from REST's proto3 JSON duration.
      expect(await page.locator("[data-testid=pool-summary]").textContent()).toMatch(/time-lock\s*1 h/);
      // Spot prices of the three pairs, and their TWAPs once the oracle has a second of history.
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=spot-price]").length === 3);
      for (const raw of await page.locator("[data-testid=spot-price]").evaluateAll((els) => els.map((e) => e.getAttribute("data-raw")))) {
        expect(Number(raw)).toBeGreaterThan(0);
      }
      await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=twap]")].filter((e) => Number(e.getAttribute("data-raw")) > 0).length === 3);

      // The queued swap-fee change, its due time and a countdown.
      const change = page.locator(`[data-testid=pending-change][data-change-id="${seeded.pendingChangeId}"]`);
      await change.waitFor();
      expect(await change.textContent()).toContain("swap fee 0.30% → 1.00%");
      const dueIso = await change.locator("[data-testid=due-time]").getAttribute("data-due-iso");
      expect(Math.abs(Date.parse(dueIso!) - seeded.pendingDue.getTime())).toBeLessThan(1000);
      expect(await change.locator("[data-testid=countdown]").textContent()).toMatch(/^in (59|60)m \d+s$|^in 1h 0m \d+s$/);

      // The chart: a past and a projected line for every weight and for the price, and now.
      const chart = page.locator("[data-testid=chart]");
      await chart.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=chart] path[data-series=price][data-part=past]').length === 1, null, {
        timeout: 45_000,
      });
      for (const a of pool!.assets) {
        for (const part of ["past", "projected"]) {
          expect(await chart.locator(`path[data-series="weight:${a.denom}"][data-part=${part}]`).count(), `${a.denom} ${part}`).toBe(1);
        }
      }
      expect(await chart.locator("path[data-series=price][data-part=projected]").count()).toBe(1);
      expect(await chart.locator("[data-testid=now-marker]").count()).toBe(1);
      // The projected weights end at the schedule's targets: 20/50/30 of the chart's 0–100% scale.
      const ends = await chart.locator("path[data-part=projected][data-series^=weight]").evaluateAll((els) =>
        els.map((e) => (e as SVGPathElement).getAttribute("d")!.split(/[ML]/).filter(Boolean).at(-1)!.split(",").map(Number)[1]),
      );
      const y = (v: number) => 170 - v * (170 - 34);
      expect(ends.map((e) => Math.round(e))).toEqual([0.2, 0.5, 0.3].map((v) => Math.round(y(v))));

      await screenshotNotBlank("pool-detail.png", (path) => page.screenshot({ path, fullPage: true }));
      const chartImg = await screenshotNotBlank("chart.png", (path) => chart.screenshot({ path }), 0.97);
      // Lines drawn in the series' colours (ATOM blue, ETH amber, USDC green), not an empty frame.
      for (const colour of ["#2563eb", "#d97706", "#059669"]) {
        expect(pixelsNear(chartImg, colour), `chart pixels of ${colour}`).toBeGreaterThan(150);
      }
    });
  });
});
