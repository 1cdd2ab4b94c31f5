/** HTTP transport of the generated REST queries, with typed errors. */
import { GrpcCode, QueryError } from "./errors.js";

export interface RestTransport {
  get(path: string, request: Record<string, unknown>, pathFields: readonly string[]): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export interface FetchTransportOptions {
  /** fetch to use (defaults to the global one). */
  fetch?: typeof fetch;
  /** Query state at this height (x-cosmos-block-height) instead of the latest. */
  height?: number;
}

/** Flattens a proto3-JSON request into query parameters, nested fields as a.b. */
export function queryParameters(request: Record<string, unknown>, skip: readonly string[], prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(request)) {
    if (!prefix && skip.includes(key)) continue;
    const name = prefix + key;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) out.push([name, String(v)]);
    } else if (typeof value === "object") {
      out.push(...queryParameters(value as Record<string, unknown>, skip, name + "."));
    } else {
      out.push([name, String(value)]);
    }
  }
  return out;
}

export class FetchRestTransport implements RestTransport {
  private readonly base: string;

  constructor(baseUrl: string, private readonly options: FetchTransportOptions = {}) {
    this.base = baseUrl.replace(/\/+$/, "");
  }

  async get(path: string, request: Record<string, unknown>, pathFields: readonly string[]): Promise<unknown> {
    const params = new URLSearchParams(queryParameters(request, pathFields));
    const qs = params.toString();
    return this.send(path + (qs ? `?${qs}` : ""), { method: "GET" });
  }

  async post(path: string, body: unknown): Promise<unknown> {
    return this.send(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  }

  private async send(path: string, init: RequestInit): Promise<unknown> {
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const headers = new Headers(init.headers);
    if (this.options.height !== undefined) headers.set("x-cosmos-block-height", String(this.options.height));
    let res: Response;
    try {
      res = await doFetch(this.base + path, { ...init, headers });
    } catch (e) {
      throw new QueryError(`node unreachable at ${this.base}: ${(e as Error).message}`, 0, GrpcCode.Unavailable, path);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const b = (body ?? {}) as { code?: number; message?: string };
      const code = typeof b.code === "number" ? (b.code as GrpcCode) : res.status === 404 ? GrpcCode.NotFound : GrpcCode.Unknown;
      throw new QueryError(b.message || text || res.statusText, res.status, code, path);
    }
    if (body === undefined) throw new QueryError(`not JSON: ${text.slice(0, 200)}`, res.status, GrpcCode.Internal, path);
    return body;
  }
}
