/**
 * gRPC-web transport for the generated QueryClientImpl. The node serves
 * gRPC-web on its API port (app.toml [grpc-web], on by default), so a browser
 * can use the binary queries with the same status codes as gRPC.
 */
import { GrpcCode, QueryError } from "./errors.js";
import { QueryClientImpl } from "./generated/smartpool/v1/query.js";

const DATA_FRAME = 0x00;
const TRAILER_FRAME = 0x80;

/** The Rpc interface ts-proto's QueryClientImpl calls. */
export interface ProtobufRpc {
  request(service: string, method: string, data: Uint8Array): Promise<Uint8Array>;
}

function frame(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(5 + data.length));
  out[0] = DATA_FRAME;
  new DataView(out.buffer).setUint32(1, data.length, false);
  out.set(data, 5);
  return out;
}

function parseTrailers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

export class GrpcWebRpc implements ProtobufRpc {
  private readonly base: string;

  constructor(apiUrl: string, private readonly fetchFn: typeof fetch = globalThis.fetch) {
    this.base = apiUrl.replace(/\/+$/, "");
  }

  async request(service: string, method: string, data: Uint8Array): Promise<Uint8Array> {
    const path = `/${service}/${method}`;
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, {
        method: "POST",
        headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1" },
        body: frame(data),
      });
    } catch (e) {
      throw new QueryError(`node unreachable at ${this.base}: ${(e as Error).message}`, 0, GrpcCode.Unavailable, path);
    }
    const body = new Uint8Array(await res.arrayBuffer());
    const fail = (message: string, code: GrpcCode) => new QueryError(message, res.status, code, path);
    const messages: Uint8Array[] = [];
    // A trailers-only answer carries the status in the HTTP headers.
    let status = res.headers.get("grpc-status");
    // An HTTP error with no gRPC status came from something in between (a proxy, a server that is down).
    if (!res.ok && status === null) throw fail(`HTTP ${res.status} without a gRPC status`, GrpcCode.Unavailable);
    let statusMessage = res.headers.get("grpc-message") ?? "";
    let at = 0;
    while (at < body.length) {
      if (at + 5 > body.length) throw fail("gRPC-web answer cut inside a frame header", GrpcCode.DataLoss);
      const flag = body[at];
      const length = new DataView(body.buffer, body.byteOffset + at + 1, 4).getUint32(0, false);
      if (at + 5 + length > body.length) throw fail("gRPC-web answer cut inside a frame", GrpcCode.DataLoss);
      const payload = body.subarray(at + 5, at + 5 + length);
      at += 5 + length;
      if (flag === DATA_FRAME) {
        messages.push(payload);
      } else if (flag & TRAILER_FRAME) {
        const trailers = parseTrailers(new TextDecoder().decode(payload));
        status = trailers.get("grpc-status") ?? status;
        statusMessage = trailers.get("grpc-message") ?? statusMessage;
      } else {
        throw fail(`gRPC-web frame of unknown kind ${flag}`, GrpcCode.Internal);
      }
    }
    if (status === null || !/^\d+$/.test(status)) {
      // No status at all: the answer did not come from a gRPC-web server, or was cut.
      throw fail("gRPC-web answer without a status", GrpcCode.DataLoss);
    }
    const code = Number(status) as GrpcCode;
    if (code !== GrpcCode.OK) throw fail(percentDecode(statusMessage) || `gRPC status ${code}`, code);
    if (messages.length !== 1) throw fail(`gRPC-web answer with ${messages.length} messages for a unary call`, GrpcCode.Internal);
    return messages[0];
  }
}

/** grpc-message is percent-encoded; a malformed escape is kept as it came. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every smartpool query over gRPC-web at a node's API URL (port 1317 on the localnet). */
export function grpcWebQueries(apiUrl: string, fetchFn?: typeof fetch): QueryClientImpl {
  return new QueryClientImpl(new GrpcWebRpc(apiUrl, fetchFn));
}
