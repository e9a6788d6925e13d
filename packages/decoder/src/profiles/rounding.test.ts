import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundTo } from "./rounding";

const exact = (x: number, decimals: number) => {
  const r = Number(x.toFixed(decimals));
  return r === 0 ? 0 : r;
};

describe("roundTo", () => {
  it("rounds the binary value, as the IoTC examples require", () => {
    expect(roundTo(0.08499999999999996, 2)).toBe(0.08);
    expect(roundTo(-0.9749999999999999, 2)).toBe(-0.97);
    expect(roundTo(-2.5 + 491 * (5 / 1000), 2)).toBe(-0.04);
    expect(roundTo(80 * (2000 / 255), 2)).toBe(627.45);
  });

  it("rounds exact binary ties away from zero like toFixed", () => {
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(roundTo(2.5, 0)).toBe(3);
  });

  it("never returns -0", () => {
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundTo(-0, 2), 0)).toBe(true);
  });

  it("equals Number(x.toFixed(d)) for any double and 0..6 decimals", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        expect(roundTo(x, d)).toBe(exact(x, d));
      }),
      { numRuns: 20_000 },
    );
  });

  it("equals Number(x.toFixed(2)) for every linear EEP value of 10-bit raw ranges", () => {
    for (const [smin, smax] of [
      [-40, 60],
      [-2.5, 2.5],
      [-10, 41.2],
      [-40, 62.3],
      [0, 100],
    ] as const) {
      const slope = (smax - smin) / 1000;
      for (let raw = 0; raw <= 1000; raw++) {
        const x = smin + raw * slope;
        expect(roundTo(x, 2)).toBe(exact(x, 2));
      }
    }
  });
});
