import { describe, expect, it } from "vitest";
import { exponentialMeanRatioVariance } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  n: number;
  t: number;
  expected: number;
}

describe("exponentialMeanRatioVariance vs mpmath", () => {
  // 1 + 1/n carries 2ε, its t-th power (t + 2)ε relative; subtracting 1 makes that absolute on a
  // value of size (1 + 1/n)^t: (t + 2)ε·(1 + 1/n)^t + ε.
  it.each(section<Case>("exponentialMeanRatioVariance"))("n = $n, t = $t", (c) => {
    const tol = (c.t + 2) * EPS * (1 + 1 / c.n) ** c.t + EPS;
    expectWithin(
      "exponentialMeanRatioVariance",
      c,
      exponentialMeanRatioVariance(c.n, c.t),
      c.expected,
      tol,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => exponentialMeanRatioVariance(0, 1)).toThrow(/exponentialMeanRatioVariance: n/);
    expect(() => exponentialMeanRatioVariance(10, -1)).toThrow(/exponentialMeanRatioVariance: t/);
  });
});
