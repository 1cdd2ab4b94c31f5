// Makes the generated JSON of two well-known types proto3 JSON, as the
// node's REST gateway reads and writes it (run by scripts/protocgen-ts.sh):
//   - google.protobuf.Duration as "3600s" / "1.5s" (ts-proto writes {seconds, nanos});
//   - google.protobuf.Timestamp in toJSON with its nanoseconds (ts-proto goes
//     through Date and keeps milliseconds).
// Each replacement must match exactly once where expected, so a ts-proto
// release that changes its output fails the generation instead of
// silently skipping the fix.
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
if (!out) throw new Error("usage: proto3-json.mjs <generated folder>");

function replaceOnce(text, from, to, file) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`${file}: expected exactly one of:\n${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// Duration.
const durationFile = join(out, "google/protobuf/duration.ts");
let duration = readFileSync(durationFile, "utf8");
duration = replaceOnce(
  duration,
  `  fromJSON(object: any): Duration {
    return {
      seconds: isSet(object.seconds) ? BigInt(object.seconds) : 0n,
      nanos: isSet(object.nanos) ? globalThis.Number(object.nanos) : 0,
    };
  },`,
  `  fromJSON(object: any): Duration {
    if (typeof object === "string") {
      // proto3 JSON: seconds with up to nine fractional digits and an "s".
      const m = /^(-?)(\\d+)(?:\\.(\\d{1,9}))?s$/.exec(object);
      if (!m) throw new globalThis.Error(\`not a proto3 JSON duration: \${object}\`);
      const sign = m[1] === "-" ? -1 : 1;
      return { seconds: BigInt(sign) * BigInt(m[2]), nanos: sign * globalThis.Number((m[3] ?? "").padEnd(9, "0")) };
    }
    return {
      seconds: isSet(object.seconds) ? BigInt(object.seconds) : 0n,
      nanos: isSet(object.nanos) ? globalThis.Number(object.nanos) : 0,
    };
  },`,
  durationFile,
);
duration = replaceOnce(
  duration,
  `  toJSON(message: Duration): unknown {
    const obj: any = {};
    if (message.seconds !== 0n) {
      obj.seconds = message.seconds.toString();
    }
    if (message.nanos !== 0) {
      obj.nanos = Math.round(message.nanos);
    }
    return obj;
  },`,
  `  toJSON(message: Duration): unknown {
    // proto3 JSON: "3600s", "1.5s", "-0.000000001s".
    const negative = message.seconds < 0n || message.nanos < 0;
    const seconds = message.seconds < 0n ? -message.seconds : message.seconds;
    const nanos = Math.abs(Math.round(message.nanos));
    const fraction = nanos === 0 ? "" : "." + String(nanos).padStart(9, "0").replace(/0+$/, "");
    return \`\${negative ? "-" : ""}\${seconds}\${fraction}s\`;
  },`,
  durationFile,
);
writeFileSync(durationFile, duration);

// Timestamp from a Date: seconds rounded down, so that a time before 1970
// with a fraction keeps its nanos non-negative (ts-proto truncates towards
// zero: "1969-12-31T23:59:59.5Z" would read as 0 s and -0.5e9 ns).
const truncating = `function toTimestamp(date: Date): Timestamp {
  const seconds = BigInt(Math.trunc(date.getTime() / 1_000));
  const nanos = (date.getTime() % 1_000) * 1_000_000;
  return { seconds, nanos };
}`;
const flooring = `function toTimestamp(date: Date): Timestamp {
  const millis = date.getTime();
  const seconds = Math.floor(millis / 1_000);
  return { seconds: BigInt(seconds), nanos: (millis - seconds * 1_000) * 1_000_000 };
}`;

// Timestamp in toJSON: every generated file that writes one.
const helper = `
function toJsonTimestamp(t: Timestamp): string {
  // RFC 3339 with the timestamp's own nanoseconds (Date keeps only milliseconds).
  const iso = fromTimestamp({ seconds: t.seconds, nanos: 0 }).toISOString();
  const nanos = t.nanos || 0;
  if (nanos === 0) return iso.replace(".000Z", "Z");
  return iso.replace(/\\.\\d{3}Z$/, "." + String(nanos).padStart(9, "0").replace(/0+$/, "") + "Z");
}
`;
const call = /fromTimestamp\(([^()]+)\)\.toISOString\(\)/g;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith(".ts")) {
      let text = readFileSync(path, "utf8");
      if (text.includes("function toTimestamp(")) {
        text = replaceOnce(text, truncating, flooring, path);
        writeFileSync(path, text);
      }
      if (!call.test(text)) continue;
      call.lastIndex = 0;
      writeFileSync(path, text.replace(call, "toJsonTimestamp($1)") + helper);
    }
  }
}
walk(out);
