import { describe, expect, it } from "vitest";
import { chiSquareQuantile } from "../../src/theory/index.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  q: number;
  k: number;
  expected: number;
  kappa: number;
}

describe("chiSquareQuantile vs the mpmath root of the regularized gamma function", () => {
  /**
   * Bisection ends on adjacent doubles (2ε relative); the cdf it inverts is accurate to
   * 18·max(1, |ln q|)·ε relative (test/numeric/distributions.test.ts), which moves the root by that
   * times the condition number κ = q/(x f(x)) (from the fixture).
   */
  it.each(section<Case>("chiSquareQuantile"))("q = $q, k = $k", (c) => {
    const tol = (18 * Math.max(1, Math.abs(Math.log(c.q))) * c.kappa + 2) * EPS * c.expected;
    expectWithin("chiSquareQuantile", c, chiSquareQuantile(c.q, c.k), c.expected, tol);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => chiSquareQuantile(0, 3)).toThrow(InvalidParameterError);
    expect(() => chiSquareQuantile(1, 3)).toThrow(/chiSquareQuantile: q must be/);
    expect(() => chiSquareQuantile(0.5, 0)).toThrow(/chiSquareQuantile: k must be finite and > 0/);
    expect(() => chiSquareQuantile(Number.NaN, 2)).toThrow(/q must be.*got NaN/);
  });
});
