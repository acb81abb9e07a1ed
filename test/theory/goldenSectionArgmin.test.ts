import { describe, expect, it } from "vitest";
import { goldenSectionArgmin } from "../../src/theory/index.ts";
import { EPS } from "./continuousFixture.ts";

describe("goldenSectionArgmin", () => {
  /**
   * Near a smooth minimum f(x*) + f″(x − x*)²/2 the comparisons are decided by rounding once
   * f″(x − x*)²/2 ≲ ε|f(x*)|, so the minimiser is located to √(2ε|f(x*)|/f″) (+ a few ulps of x*);
   * for f = (x − a)² + 1 that is √(2ε) + 4ε·a.
   */
  it.each([0.3, 1, 7.5, 39.9])("finds the minimiser a = %s of (x − a)² + 1 on (0, 40)", (a) => {
    const x = goldenSectionArgmin((v) => (v - a) ** 2 + 1, 40);
    const tol = Math.sqrt(2 * EPS) + 4 * EPS * a;
    expect(
      Math.abs(x - a),
      `argmin of (x − ${a})² + 1: actual ${x}, tolerance ${tol}`,
    ).toBeLessThanOrEqual(tol);
  });

  it("returns the boundary when the function decreases throughout", () => {
    const x = goldenSectionArgmin((v) => -v, 5);
    expect(5 - x).toBeLessThanOrEqual(4 * EPS * 5);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => goldenSectionArgmin((v) => v, 0)).toThrow(/goldenSectionArgmin: upper/);
    // @ts-expect-error: not a function
    expect(() => goldenSectionArgmin(3, 1)).toThrow(/goldenSectionArgmin: f must be a function/);
  });
});
