// Where the page talks to the chain: the REST API and CometBFT RPC, by
// default through the page's own server (serve.mjs proxies /rest and /rpc),
// so the page is same-origin and the node needs no CORS settings.
import { FetchRestTransport, QueryError, parseTimestamp, restQueries, timestampToDate, type SmartpoolRestQueries } from "../../ts/src/index.js";
import type { Coin } from "../../ts/src/types.js";

export const endpoints = {
  rest: `${location.origin}/rest`,
  rpc: `${location.origin}/rpc`,
};

/** Every smartpool query at the latest height. */
export const rest: SmartpoolRestQueries = restQueries(endpoints.rest);

/** Smartpool queries against the state at a past height. */
export function restAt(height: number): SmartpoolRestQueries {
  return restQueries(endpoints.rest, { height });
}

const raw = new FetchRestTransport(endpoints.rest);

/** A GET of any REST path (bank, blocks), with QueryError on failure. */
export function getJson<T>(path: string, params: Record<string, unknown> = {}): Promise<T> {
  return raw.get(path, params, []) as Promise<T>;
}

export interface BlockInfo {
  height: number;
  time: Date;
  chainId: string;
}

interface BlockResponse {
  block?: { header?: { height?: string; time?: string; chain_id?: string } };
}

function blockInfo(b: BlockResponse): BlockInfo {
  const header = b.block?.header;
  if (!header?.height || !header.time) throw new QueryError("block without a header", 200, 13, "blocks");
  return { height: Number(header.height), time: timestampToDate(parseTimestamp(header.time)), chainId: header.chain_id ?? "" };
}

export async function latestBlock(): Promise<BlockInfo> {
  return blockInfo(await getJson<BlockResponse>("/cosmos/base/tendermint/v1beta1/blocks/latest"));
}

export async function blockAt(height: number): Promise<BlockInfo> {
  return blockInfo(await getJson<BlockResponse>(`/cosmos/base/tendermint/v1beta1/blocks/${height}`));
}

/** All balances of an address (bank). */
export async function balances(address: string): Promise<Coin[]> {
  const r = await getJson<{ balances?: Coin[] }>(`/cosmos/bank/v1beta1/balances/${encodeURIComponent(address)}`, {
    "pagination.limit": "500",
  });
  return r.balances ?? [];
}

/** Runs fn over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

