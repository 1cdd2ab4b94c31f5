// Exact conversions the client relies on: cosmos.Dec atomics, amino and
// proto3-JSON times, and request parameters.
import { describe, expect, it } from "vitest";

import { atomicsToDecimal, decimalToAtomics } from "../src/decimal.js";
import { queryParameters } from "../src/rest-transport.js";
import { durationToNanos, formatTimestamp, nanosToDuration, parseTimestamp } from "../src/time.js";
import { Duration } from "../src/generated/google/protobuf/duration.js";
import { QueryTwapRequest } from "../src/generated/smartpool/v1/query.js";
import { PendingChange } from "../src/generated/smartpool/v1/control.js";

describe("cosmos.Dec", () => {
  it.each([
    ["0.003", "3000000000000000", "0.003000000000000000"],
    ["1", "1000000000000000000", "1.000000000000000000"],
    ["-2.5", "-2500000000000000000", "-2.500000000000000000"],
    ["0.000000000000000001", "1", "0.000000000000000001"],
    ["123456789012345678901234567890.5", "123456789012345678901234567890500000000000000000", "123456789012345678901234567890.500000000000000000"],
  ])("%s ↔ %s", (decimal, atomics, printed) => {
    expect(decimalToAtomics(decimal)).toBe(atomics);
    expect(atomicsToDecimal(atomics)).toBe(printed);
    expect(decimalToAtomics(printed)).toBe(atomics);
  });

  it.each(["", "abc", "1.", ".5", "1e5", "0.0000000000000000001", "1,5", "NaN"])("refuses %j", (bad) => {
    expect(() => decimalToAtomics(bad)).toThrow();
  });

  it("refuses atomics that are not an integer", () => {
    expect(() => atomicsToDecimal("0.5")).toThrow(/atomics/);
  });
});

describe("times", () => {
  it.each([
    [{ seconds: 0n, nanos: 0 }, "1970-01-01T00:00:00Z"],
    [{ seconds: 1_700_000_000n, nanos: 5 }, "2023-11-14T22:13:20.000000005Z"],
    [{ seconds: 1_700_000_000n, nanos: 120_000_000 }, "2023-11-14T22:13:20.12Z"],
    [{ seconds: -62135596800n, nanos: 0 }, "0001-01-01T00:00:00Z"],
    [{ seconds: 253402300799n, nanos: 999_999_999 }, "9999-12-31T23:59:59.999999999Z"],
  ])("timestamp %o is %s, and back", (ts, text) => {
    expect(formatTimestamp(ts)).toBe(text);
    expect(parseTimestamp(text)).toEqual(ts);
  });

  it.each(["2023-02-30T00:00:00Z", "2023-11-14T24:00:00Z", "2023-11-14T23:60:00Z", "2023-11-14T23:00:60Z", "2023-13-01T00:00:00Z"])("refuses %s", (bad) => {
    expect(() => parseTimestamp(bad)).toThrow(/valid/);
  });

  it("reads times before 1970 with a fraction, as REST writes them", () => {
    const change = PendingChange.fromJSON({ queuedAt: "1969-12-31T23:59:59.5Z" });
    expect(change.queuedAt).toEqual({ seconds: -1n, nanos: 500_000_000 });
    expect((PendingChange.toJSON(change) as { queuedAt: string }).queuedAt).toBe("1969-12-31T23:59:59.5Z");
    const fine = PendingChange.fromJSON({ queuedAt: "1969-12-31T23:59:59.123456789Z" });
    expect(fine.queuedAt).toEqual({ seconds: -1n, nanos: 123_456_789 });
  });

  it("reads offsets", () => {
    expect(parseTimestamp("2023-11-14T23:13:20+01:00")).toEqual({ seconds: 1_700_000_000n, nanos: 0 });
  });

  it("writes amino durations as nanoseconds", () => {
    expect(durationToNanos({ seconds: 3600n, nanos: 1 })).toBe("3600000000001");
    expect(nanosToDuration("3600000000001")).toEqual({ seconds: 3600n, nanos: 1 });
  });

  it("reads and writes proto3 JSON durations, as REST does", () => {
    expect(Duration.fromJSON("3600s")).toEqual({ seconds: 3600n, nanos: 0 });
    expect(Duration.fromJSON("1.5s")).toEqual({ seconds: 1n, nanos: 500_000_000 });
    expect(Duration.fromJSON("-0.000000001s")).toEqual({ seconds: 0n, nanos: -1 });
    expect(Duration.toJSON({ seconds: 3600n, nanos: 0 })).toBe("3600s");
    expect(Duration.toJSON({ seconds: 1n, nanos: 500_000_000 })).toBe("1.5s");
    expect(() => Duration.fromJSON("an hour")).toThrow(/duration/);
  });

  it("keeps a timestamp's nanoseconds in JSON", () => {
    const change = PendingChange.fromPartial({ queuedAt: { seconds: 1_700_000_000n, nanos: 123_456_789 } });
    const json = PendingChange.toJSON(change) as { queuedAt: string };
    expect(json.queuedAt).toBe("2023-11-14T22:13:20.123456789Z");
    expect(PendingChange.fromJSON(json).queuedAt).toEqual({ seconds: 1_700_000_000n, nanos: 123_456_789 });
  });
});

describe("request parameters", () => {
  it("flattens a request as the gateway reads it", () => {
    const req = QueryTwapRequest.fromPartial({ poolId: 7n, baseAssetDenom: "uatom", window: { seconds: 600n, nanos: 0 } });
    const params = queryParameters(QueryTwapRequest.toJSON(req) as Record<string, unknown>, ["poolId"]);
    expect(params).toContainEqual(["window", "600s"]);
    expect(params).toContainEqual(["baseAssetDenom", "uatom"]);
    expect(params.find(([k]) => k === "poolId")).toBeUndefined();
    expect(queryParameters({ pagination: { limit: "1", countTotal: true }, ids: ["1", "2"] }, [])).toEqual([
      ["pagination.limit", "1"],
      ["pagination.countTotal", "true"],
      ["ids", "1"],
      ["ids", "2"],
    ]);
  });
});
