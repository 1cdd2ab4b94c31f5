// A real single-validator poold chain for the client and browser tests,
// started with scripts/localnet.sh on its own home and loopback ports and
// stopped by its PID (the script's `down`).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const REPO = resolve(new URL("../../../..", import.meta.url).pathname);

export interface Localnet {
  home: string;
  rpc: string;
  rest: string;
  chainId: string;
  stop(): Promise<void>;
}

/** Ports are base+offset so that two suites (client, browser) never share one. */
export async function startLocalnet(base: number): Promise<Localnet> {
  const poold = join(REPO, "build", "poold");
  if (!existsSync(poold)) throw new Error(`no ${poold}: run make build first`);
  const home = mkdtempSync(join(tmpdir(), "poold-client-test-"));
  const env = {
    ...process.env,
    POOLD: poold,
    LOCALNET_HOME: home,
    RPC_PORT: String(base),
    P2P_PORT: String(base + 1),
    API_PORT: String(base + 2),
    GRPC_PORT: String(base + 3),
    PROM_PORT: String(base + 4),
    PPROF_PORT: String(base + 5),
  };
  const script = join(REPO, "scripts", "localnet.sh");
  const net: Localnet = {
    home,
    rpc: `http://127.0.0.1:${base}`,
    rest: `http://127.0.0.1:${base + 2}`,
    chainId: "poolnet-1",
    async stop() {
      await run(script, ["down"], { env }).catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
  try {
    await run(script, ["up"], { env, timeout: 120_000 });
    await waitFor(async () => {
      const r = await fetch(`${net.rest}/cosmos/base/tendermint/v1beta1/blocks/latest`);
      const b = (await r.json()) as { block?: { header?: { height?: string } } };
      return Number(b.block?.header?.height ?? 0) >= 2;
    }, 90_000);
  } catch (e) {
    await net.stop();
    throw e;
  }
  return net;
}

/** Polls cond every 250 ms until it holds or the deadline passes. */
export async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await cond()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}
