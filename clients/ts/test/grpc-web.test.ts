// gRPC-web framing against answers a proxy or a broken node could give.
import { describe, expect, it } from "vitest";

import { GrpcCode, QueryError } from "../src/errors.js";
import { GrpcWebRpc } from "../src/grpc-web.js";

function frame(flag: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + payload.length);
  out[0] = flag;
  new DataView(out.buffer).setUint32(1, payload.length, false);
  out.set(payload, 5);
  return out;
}
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function rpcAnswering(body: Uint8Array, headers: Record<string, string> = {}, status = 200): GrpcWebRpc {
  const fetchFn = (async () => new Response(body as unknown as BodyInit, { status, headers })) as unknown as typeof fetch;
  return new GrpcWebRpc("http://node", fetchFn);
}

async function failure(rpc: GrpcWebRpc): Promise<QueryError> {
  const e = await rpc.request("smartpool.v1.Query", "Pool", new Uint8Array()).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(QueryError);
  return e as QueryError;
}

const message = new Uint8Array([8, 7]);
const ok = frame(0x80, text("grpc-status: 0\r\n"));

describe("gRPC-web answers", () => {
  it("gives the one message of a whole answer", async () => {
    expect(await rpcAnswering(concat(frame(0, message), ok)).request("s", "m", new Uint8Array())).toEqual(message);
  });

  it("takes the status of a trailers-only answer from the headers", async () => {
    const e = await failure(rpcAnswering(new Uint8Array(), { "grpc-status": "5", "grpc-message": "pool%20not%20found" }));
    expect([e.code, e.message]).toEqual([GrpcCode.NotFound, "pool not found"]);
  });

  it("refuses a frame cut short, even with no trailer", async () => {
    const whole = frame(0, new Uint8Array(44));
    expect((await failure(rpcAnswering(whole.subarray(0, 9)))).code).toBe(GrpcCode.DataLoss);
    expect((await failure(rpcAnswering(whole.subarray(0, 3)))).code).toBe(GrpcCode.DataLoss);
  });

  it("refuses an answer with no status", async () => {
    expect((await failure(rpcAnswering(frame(0, message)))).code).toBe(GrpcCode.DataLoss);
  });

  it("refuses two messages for a unary call", async () => {
    expect((await failure(rpcAnswering(concat(frame(0, message), frame(0, message), ok)))).code).toBe(GrpcCode.Internal);
  });

  it("keeps a malformed grpc-message and refuses a non-numeric status", async () => {
    const e = await failure(rpcAnswering(new Uint8Array(), { "grpc-status": "3", "grpc-message": "100%" }));
    expect([e.code, e.message]).toEqual([GrpcCode.InvalidArgument, "100%"]);
    expect((await failure(rpcAnswering(new Uint8Array(), { "grpc-status": "five" }))).code).toBe(GrpcCode.DataLoss);
  });

  it("reports an HTTP error without gRPC status as unavailable", async () => {
    const e = await failure(rpcAnswering(text("bad gateway"), {}, 502));
    expect([e.code, e.httpStatus, e.isUnavailable]).toEqual([GrpcCode.Unavailable, 502, true]);
  });
});
