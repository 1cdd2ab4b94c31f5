/** Timestamps and durations as the generated types hold them and as amino JSON writes them. */
export interface Timestamp {
  seconds: bigint;
  nanos: number;
}
export interface Duration {
  seconds: bigint;
  nanos: number;
}

const NANOS = 1_000_000_000n;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** RFC 3339 in UTC with trailing zeros of the fraction cut, as Go's time.RFC3339Nano. */
export function formatTimestamp(ts: Timestamp): string {
  if (ts.nanos < 0) throw new Error("timestamp nanos must not be negative");
  // Go normalises nanos past a second into the seconds; so do we.
  const total = BigInt(ts.seconds) * NANOS + BigInt(ts.nanos);
  let seconds = total / NANOS;
  let nanos = total % NANOS;
  if (nanos < 0n) {
    seconds -= 1n;
    nanos += NANOS;
  }
  const d = new Date(Number(seconds) * 1000);
  if (Number.isNaN(d.getTime())) throw new Error(`timestamp out of range: ${seconds}s`);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new Error(`timestamp year ${year} is outside RFC 3339`);
  let s = `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (nanos !== 0n) s += "." + nanos.toString().padStart(9, "0").replace(/0+$/, "");
  return s + "Z";
}

/** Parses RFC 3339 (UTC or with an offset) into seconds and nanos. */
export function parseTimestamp(text: string): Timestamp {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) throw new Error(`not an RFC 3339 time: ${JSON.stringify(text)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  // Date rolls 30 February into March and 24:00 into the next day: refuse them.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`not a valid RFC 3339 time: ${JSON.stringify(text)}`);
  }
  let seconds = BigInt(d.getTime() / 1000);
  if (m[9]) {
    const offset = BigInt(Number(m[10]) * 3600 + Number(m[11]) * 60);
    seconds += m[9] === "+" ? -offset : offset;
  }
  return { seconds, nanos: Number((m[7] ?? "").padEnd(9, "0")) };
}

/** A duration as amino JSON writes it: whole nanoseconds, as a string. */
export function durationToNanos(d: Duration): string {
  return (BigInt(d.seconds) * NANOS + BigInt(d.nanos)).toString();
}

export function nanosToDuration(nanos: string | bigint): Duration {
  const n = BigInt(nanos);
  // Truncation keeps seconds and nanos of the same sign, as protobuf requires.
  return { seconds: n / NANOS, nanos: Number(n % NANOS) };
}

/** Seconds as a Duration: durationOf(3600) is an hour. */
export function durationOf(seconds: number | bigint): Duration {
  return { seconds: BigInt(seconds), nanos: 0 };
}

/** A JavaScript Date as a Timestamp (millisecond precision). */
export function timestampOf(date: Date): Timestamp {
  const ms = BigInt(date.getTime());
  let seconds = ms / 1000n;
  let rest = ms % 1000n;
  if (rest < 0n) {
    seconds -= 1n;
    rest += 1000n;
  }
  return { seconds, nanos: Number(rest) * 1_000_000 };
}

export function timestampToDate(ts: Timestamp): Date {
  return new Date(Number(BigInt(ts.seconds)) * 1000 + Math.floor(ts.nanos / 1_000_000));
}
