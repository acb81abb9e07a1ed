import { describe, expect, it } from "vitest";
import { keepOriginalMeanError } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  k: number;
  T: number;
  meanError: number[];
}

describe("keepOriginalMeanError vs the exact moment expansion (mpmath)", () => {
  // Two moments of size ≤ 1, ≤ 16 roundings per step: 16tε absolute after t steps; the last line
  // 1/k + b_t − 2ρ^t/k cancels terms of size ≤ 3/k: allowance 16(t + 1)ε·(1 + 3/k).
  it.each(section<Case>("keepOriginalMeanError"))("M = $M, k = $k, T = $T", (c) => {
    const actual = keepOriginalMeanError(c.M, c.k, c.T);
    expect(actual.length).toBe(c.T);
    c.meanError.forEach((expected, i) => {
      const t = i + 1;
      const tol = 16 * (t + 1) * EPS * (1 + 3 / c.k);
      expectWithin(`keepOriginalMeanError[t = ${t}]`, c, actual[i], expected, tol);
    });
  });

  it("stays below 2/k", () => {
    for (const [M, k] of [
      [40, 4],
      [20, 6],
      [10, 3],
    ]) {
      for (const v of keepOriginalMeanError(M, k, 500)) expect(v).toBeLessThanOrEqual(2 / k);
    }
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => keepOriginalMeanError(2, 1, 5)).toThrow(/keepOriginalMeanError: M/);
    expect(() => keepOriginalMeanError(10, 10, 5)).toThrow(
      /keepOriginalMeanError: k must be an integer in \[2, 9\]/,
    );
    expect(() => keepOriginalMeanError(10, 3, 0)).toThrow(/keepOriginalMeanError: T/);
  });
});
