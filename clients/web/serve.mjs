// Serves the built pools page (web/dist) on loopback and proxies the chain:
//   /rest/...  → REST_URL/...   (the node's REST API, default http://127.0.0.1:1317)
//   /rpc[/...] → RPC_URL[/...]  (CometBFT RPC, default http://127.0.0.1:26657; POST and GET)
// so the page is same-origin with both and the node needs no CORS settings.
// Usage (from clients/): node web/build.mjs && PORT=8080 node web/serve.mjs
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HOST = "127.0.0.1";
const PORT = Number(process.env.PORT ?? 8080);
const DIST = fileURLToPath(new URL("./dist/", import.meta.url));
const MAX_BODY = 1 << 20; // bytes of a proxied request body (a signed tx is a few KiB)
const UPSTREAM_TIMEOUT_MS = 30_000;

function upstream(name, fallback) {
  const raw = process.env[name] || fallback;
  let url;
  try {
    url = new URL(raw);
  } catch {
    console.error(`${name}: not a URL: ${raw}`);
    process.exit(2);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    console.error(`${name}: only http and https: ${raw}`);
    process.exit(2);
  }
  return url;
}
const REST_URL = upstream("REST_URL", "http://127.0.0.1:1317");
const RPC_URL = upstream("RPC_URL", "http://127.0.0.1:26657");

if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
  console.error(`PORT: not a port: ${process.env.PORT}`);
  process.exit(2);
}
try {
  statSync(join(DIST, "index.html"));
} catch {
  console.error(`no ${join(DIST, "index.html")}: run node web/build.mjs first`);
  process.exit(1);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};
// Request headers passed to the node, and response headers passed back.
// grpc-status and grpc-message carry a gRPC-web call's status (clients/ts grpcWebQueries).
const PASS_REQUEST = ["accept", "content-type", "content-length", "x-cosmos-block-height", "x-grpc-web", "x-user-agent"];
const PASS_RESPONSE = ["content-type", "content-length", "x-cosmos-block-height", "grpc-metadata-x-cosmos-block-height", "grpc-status", "grpc-message"];

function sendJson(res, status, body) {
  if (res.headersSent) return res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...SECURITY_HEADERS });
  res.end(text);
}

function proxy(req, res, base, rest, search) {
  if (req.method !== "GET" && req.method !== "POST" && req.method !== "HEAD") {
    return sendJson(res, 405, { code: 12, message: `${req.method} is not proxied` });
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY) return sendJson(res, 413, { code: 8, message: `request body over ${MAX_BODY} bytes` });

  const target = new URL(base.href);
  target.pathname = (base.pathname.replace(/\/+$/, "") + rest) || "/";
  target.search = search;
  const headers = {};
  for (const k of PASS_REQUEST) if (req.headers[k] !== undefined) headers[k] = req.headers[k];

  const client = target.protocol === "https:" ? https : http;
  const up = client.request(target, { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (upRes) => {
    const out = { ...SECURITY_HEADERS, "cache-control": "no-store" };
    for (const k of PASS_RESPONSE) if (upRes.headers[k] !== undefined) out[k] = upRes.headers[k];
    res.writeHead(upRes.statusCode ?? 502, out);
    upRes.pipe(res);
    upRes.on("error", () => res.destroy());
  });
  up.on("timeout", () => up.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS} ms`)));
  up.on("error", (e) => {
    // Code 14 (Unavailable) is what the page's REST client expects of a node it cannot reach.
    sendJson(res, 502, { code: 14, message: `${target.origin} unreachable: ${e.message}` });
  });
  res.on("close", () => up.destroy());

  let seen = 0;
  req.on("data", (chunk) => {
    seen += chunk.length;
    if (seen > MAX_BODY) {
      up.destroy();
      sendJson(res, 413, { code: 8, message: `request body over ${MAX_BODY} bytes` });
      req.destroy();
    }
  });
  req.pipe(up);
}

function serveStatic(req, res, pathname) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", ...SECURITY_HEADERS });
    return res.end();
  }
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, SECURITY_HEADERS);
    return res.end("bad path");
  }
  if (rel.endsWith("/")) rel += "index.html";
  const file = normalize(join(DIST, rel));
  if (!file.startsWith(DIST.endsWith(sep) ? DIST : DIST + sep) || rel.includes("\0")) {
    res.writeHead(403, SECURITY_HEADERS);
    return res.end("forbidden");
  }
  let st;
  try {
    st = statSync(file);
  } catch {
    st = undefined;
  }
  if (!st?.isFile()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
    return res.end("not found");
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": st.size,
    "cache-control": "no-cache",
    ...SECURITY_HEADERS,
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

// Only the page's own origin may use the server: a Host of another name
// (DNS rebinding) or a cross-site Origin is refused.
function ownOrigin(req) {
  const port = server.address()?.port;
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? "")) return false;
  const origin = req.headers.origin;
  return origin === undefined || hosts.some((h) => origin === `http://${h}`);
}

// A proxied path stays under its target's base: no dot segments, no encoded
// slashes or backslashes that the node could decode into them.
const UNSAFE_PATH = /(^|\/)\.\.?(\/|$)|%2f|%5c|\\/i;

const server = http.createServer((req, res) => {
  let url;
  try {
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    res.writeHead(400);
    return res.end();
  }
  if (!ownOrigin(req)) return sendJson(res, 403, { code: 7, message: "only the page's own origin may use this server" });
  const p = url.pathname;
  if ((p.startsWith("/rest") || p.startsWith("/rpc")) && UNSAFE_PATH.test((req.url ?? "").split("?")[0])) {
    return sendJson(res, 400, { code: 3, message: "path not allowed" });
  }
  if (p === "/rest" || p.startsWith("/rest/")) return proxy(req, res, REST_URL, p.slice("/rest".length) || "/", url.search);
  if (p === "/rpc" || p.startsWith("/rpc/")) return proxy(req, res, RPC_URL, p.slice("/rpc".length) || "/", url.search);
  return serveStatic(req, res, p);
});
server.requestTimeout = 60_000;
server.headersTimeout = 20_000;
server.keepAliveTimeout = 5_000;
server.maxConnections = 256;

server.on("error", (e) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${e.message}`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`poold web page: http://${HOST}:${port}/  (REST → ${REST_URL.origin}${REST_URL.pathname.replace(/\/$/, "")}, RPC → ${RPC_URL.origin}${RPC_URL.pathname.replace(/\/$/, "")})`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
