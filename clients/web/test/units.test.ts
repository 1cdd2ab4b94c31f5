// The page's pure parts, without a browser: amounts as typed and shown, the
// weight curve of a schedule, chart ticks and countdowns.
import { describe, expect, it } from "vitest";

import { timestampOf } from "../../ts/src/index.js";
import type { WeightSchedule } from "../../ts/src/types.js";
import { niceTicks } from "../src/chart.js";
import { InputError, denomUnit, displayPrice, formatUnits, parseAmount, parseSlippage } from "../src/denoms.js";
import { countdown } from "../src/pending.js";
import { normalize, scheduleCurve, spotPrice, weightsAt } from "../src/schedule.js";

describe("amounts", () => {
  it("converts what people type to base units exactly", () => {
    expect(parseAmount("1", 6)).toBe(1_000_000n);
    expect(parseAmount(" 1.5 ", 6)).toBe(1_500_000n);
    expect(parseAmount(".000001", 6)).toBe(1n);
    expect(parseAmount("123456789.123456", 6)).toBe(123_456_789_123_456n);
    expect(parseAmount("1", 18)).toBe(10n ** 18n);
    expect(parseAmount("0.1", 18) + parseAmount("0.2", 18)).toBe(parseAmount("0.3", 18));
  });

  it.each([
    ["", "enter an amount"],
    ["0", "more than zero"],
    ["0.000000", "more than zero"],
    ["-1", "must be positive"],
    ["abc", "not a number"],
    ["1e6", "not a number"],
    ["NaN", "not a number"],
    ["Infinity", "not a number"],
    ["1,5", "not a number"],
    ["1.0000001", "at most 6 decimal places"],
  ])("refuses %j", (text, message) => {
    expect(() => parseAmount(text, 6)).toThrow(InputError);
    expect(() => parseAmount(text, 6)).toThrow(message);
  });

  it("shows base units in display units", () => {
    expect(formatUnits(1_500_000n, 6)).toBe("1.5");
    expect(formatUnits("1000000000000", 6, { group: true })).toBe("1,000,000");
    expect(formatUnits(1n, 18, { maxFraction: 6 })).toBe("0");
    expect(formatUnits(-2_500_000n, 6)).toBe("-2.5");
    expect(denomUnit("smartpool/7")).toEqual({ denom: "smartpool/7", symbol: "SP7", decimals: 18 });
    expect(denomUnit("uatom")).toMatchObject({ symbol: "ATOM", decimals: 6 });
    expect(denomUnit("ibc/ABCDEF0123456789")).toMatchObject({ decimals: 0 });
    // Two IBC vouchers sharing a long prefix still read differently.
    const a = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2";
    const b = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E0000";
    expect(denomUnit(a).symbol).not.toBe(denomUnit(b).symbol);
  });

  it("reads the slippage tolerance in basis points", () => {
    expect(parseSlippage("1")).toBe(100n);
    expect(parseSlippage("0.5")).toBe(50n);
    expect(parseSlippage("0")).toBe(0n);
    expect(() => parseSlippage("51")).toThrow("above 50%");
    expect(() => parseSlippage("-1")).toThrow(InputError);
    expect(() => parseSlippage("0.001")).toThrow(InputError);
  });

  it("turns a chain price into display units", () => {
    // 1 uatom = 9.8 uusdc is 1 ATOM = 9.8 USDC; in shares (18 decimals) per uatom it scales.
    expect(displayPrice("9.800000000000000000", "uatom", "uusdc")).toBeCloseTo(9.8, 12);
    expect(displayPrice("1", "smartpool/1", "uusdc")).toBeCloseTo(1e12, 0);
  });
});

describe("weight schedules", () => {
  const t0 = new Date("2030-01-01T00:00:00Z");
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  const schedule: WeightSchedule = {
    startTime: timestampOf(t0),
    endTime: timestampOf(at(100)),
    startWeights: ["60", "20", "20"],
    targetWeights: ["2", "4", "4"], // 20/40/40: only ratios count
    waypoints: [{ time: timestampOf(at(200)), weights: ["1", "1", "2"] }],
  };
  const curve = scheduleCurve(schedule);
  const close = (a: number[], b: number[]) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 12));

  it("moves the normalized weights linearly between its points, as the chain's WeightsAt", () => {
    close(weightsAt(curve, at(-50).getTime()), [0.6, 0.2, 0.2]);
    close(weightsAt(curve, at(0).getTime()), [0.6, 0.2, 0.2]);
    close(weightsAt(curve, at(25).getTime()), [0.5, 0.25, 0.25]);
    close(weightsAt(curve, at(50).getTime()), [0.4, 0.3, 0.3]);
    close(weightsAt(curve, at(100).getTime()), [0.2, 0.4, 0.4]);
    close(weightsAt(curve, at(150).getTime()), [0.225, 0.325, 0.45]);
    close(weightsAt(curve, at(500).getTime()), [0.25, 0.25, 0.5]);
    for (const s of [0, 33, 77, 150]) expect(weightsAt(curve, at(s).getTime()).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("prices as Balancer does", () => {
    // 100 ATOM and 1000 USDC at 50/50: 10 USDC an ATOM; at 80/20 ATOM/USDC: 40.
    expect(spotPrice(100, 0.5, 1000, 0.5)).toBeCloseTo(10, 12);
    expect(spotPrice(100, 0.8, 1000, 0.2)).toBeCloseTo(40, 12);
    expect(normalize(["1", "3"])).toEqual([0.25, 0.75]);
  });
});

describe("chart and countdown", () => {
  it("puts ticks on round numbers", () => {
    expect(niceTicks(1.2, 9.7, 4)).toEqual([2.5, 5, 7.5]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(9.81, 9.83, 4)).toEqual([9.81, 9.815, 9.82, 9.825, 9.83]);
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });

  it("counts down to a due time", () => {
    const now = Date.UTC(2030, 0, 1);
    expect(countdown(now + 3_599_500, now)).toBe("in 1h 0m 0s");
    expect(countdown(now + 3_540_000, now)).toBe("in 59m 0s");
    expect(countdown(now + 9_000, now)).toBe("in 9s");
    expect(countdown(now + 2 * 86_400_000 + 3_600_000, now)).toBe("in 2d 1h 0m");
    expect(countdown(now - 1, now)).toBe("due: applies at the next block");
  });
});

describe("allPages", () => {
  it("follows next_key to the end, and stops a list that never ends", async () => {
    const { allPages } = await import("../src/paging.js");
    const pages = [[1, 2], [3], [4]];
    const got = await allPages(async (key) => {
      const i = key ? key[0] : 0;
      return { items: pages[i], nextKey: i + 1 < pages.length ? new Uint8Array([i + 1]) : new Uint8Array() };
    });
    expect(got).toEqual([1, 2, 3, 4]);
    await expect(allPages(async () => ({ items: [0], nextKey: new Uint8Array([1]) }), 5)).rejects.toThrow(/more than 5 pages/);
  });
});
