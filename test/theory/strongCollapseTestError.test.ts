import { describe, expect, it } from "vitest";
import { strongCollapseTestError } from "../../src/theory/index.ts";
import { EPS, expectWithin } from "./continuousFixture.ts";
import { regressionMixSection } from "./regressionMixFixture.ts";

interface Case {
  d: number;
  n: number;
  nSynthetic: number;
  shift: number;
  sigma: number;
  floor: number;
  spread: number;
  noise: number;
  mean: number;
  mc: { mean: number; se: number };
}

describe("strongCollapseTestError vs the Haar-moment derivation (exact fractions) and numpy MC", () => {
  // About 15 products and quotients of positive numbers, no cancellation ((d + 1)n² dominates the
  // spread's numerator for n ≥ d + 2): each term within 32ε relative.
  it.each(regressionMixSection<Case>("strongCollapseTestError"))(
    "d = $d, n = $n, n_s = $nSynthetic, ‖Δ‖ = $shift, σ = $sigma",
    (c) => {
      const r = strongCollapseTestError(c.d, c.n, c.nSynthetic, c.shift, c.sigma);
      for (const key of ["floor", "spread", "noise", "mean"] as const) {
        expectWithin(`strongCollapseTestError.${key}`, c, r[key], c[key], 32 * EPS * c[key]);
      }
      // The script asserted |MC − exact| ≤ 5 se; the stored MC must still agree with this code.
      expectWithin("Monte Carlo (5 se)", c, c.mc.mean, r.mean, 5 * c.mc.se);
    },
  );

  it("d = 10, p = 0.1, ‖Δ‖ = 1: the floor is 0.0100 and the error tends to it as n grows", () => {
    const floor = strongCollapseTestError(10, 1000, 100, 1, 0).floor;
    expectWithin("floor", { d: 10, p: 0.1 }, floor, 0.01, 4 * EPS);
    const big = strongCollapseTestError(10, 1_000_000, 100_000, 1, 1);
    // spread + noise ≈ (0.09·11 + 10)/n ≈ 1.1e-5 at n = 10⁶.
    expect(big.mean - big.floor).toBeLessThan(1.2e-5);
    expect(big.mean - big.floor).toBeGreaterThan(1.0e-5);
  });

  it("p = 0 and p = 1: no floor; plain OLS around w* or w_s", () => {
    const clean = strongCollapseTestError(4, 30, 0, 2, 1);
    expect(clean.floor + clean.spread).toBe(0);
    expectWithin("p = 0", { d: 4, n: 30 }, clean.mean, 4 / 25, 4 * EPS);
    const all = strongCollapseTestError(4, 30, 30, 2, 1);
    expect(all.spread).toBe(0);
    expectWithin("p = 1", { d: 4, n: 30 }, all.mean, 4 + 4 / 25, 8 * EPS * 4);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => strongCollapseTestError(0, 10, 1, 1, 1)).toThrow(/strongCollapseTestError: d/);
    expect(() => strongCollapseTestError(3, 4, 1, 1, 1)).toThrow(
      /strongCollapseTestError: n must be an integer >= 5/,
    );
    expect(() => strongCollapseTestError(3, 10, 11, 1, 1)).toThrow(
      /strongCollapseTestError: nSynthetic must be an integer in \[0, 10\]/,
    );
    expect(() => strongCollapseTestError(3, 10, 1, -1, 1)).toThrow(
      /strongCollapseTestError: shift/,
    );
    expect(() => strongCollapseTestError(3, 10, 1, 1, Number.NaN)).toThrow(
      /strongCollapseTestError: sigma/,
    );
  });
});
