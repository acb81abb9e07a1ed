import { describe, expect, it } from "vitest";
import { gaussianVarianceVanishingBound } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  D: number;
  T: number;
  eps: number;
  expected: number;
  logBound: number;
  scale: number;
}

describe("gaussianVarianceVanishingBound vs mpmath (root of the first-order condition)", () => {
  /**
   * The exponent f(λ) is evaluated to η = 8ε·scale (lgamma terms, see bartlettLogMoment.test.ts;
   * scale from the fixture at the optimum). Golden-section search on a noisy convex function stops
   * within O(η) of the minimum value: allow 4η on ln(1 − p), i.e. 4η·(1 − p) on p, plus 2ε.
   */
  it.each(section<Case>("gaussianVarianceVanishingBound"))(
    "M = $M, D = $D, T = $T, ε = $eps",
    (c) => {
      const tol = 4 * 8 * EPS * c.scale * Math.exp(c.logBound) + 2 * EPS;
      const actual = gaussianVarianceVanishingBound(c.M, c.D, c.T, c.eps);
      expectWithin("gaussianVarianceVanishingBound", c, actual, c.expected, tol);
    },
  );

  it("increases to 1 with the horizon", () => {
    const p = [10, 100, 1000].map((T) => gaussianVarianceVanishingBound(10, 9, T, 0.1));
    expect(p[0]).toBeLessThan(p[1]);
    expect(p[1]).toBeLessThan(p[2]);
    expect(p[2]).toBeGreaterThan(0.999);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => gaussianVarianceVanishingBound(1, 1, 1, 0.1)).toThrow(
      /gaussianVarianceVanishingBound: M/,
    );
    expect(() => gaussianVarianceVanishingBound(10, 0, 1, 0.1)).toThrow(/: D must be/);
    expect(() => gaussianVarianceVanishingBound(10, 9, -1, 0.1)).toThrow(/: T must be/);
    expect(() => gaussianVarianceVanishingBound(10, 9, 5, 1)).toThrow(
      /: eps must be in \(0, 1\), got 1/,
    );
  });
});
