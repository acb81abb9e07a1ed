import { describe, expect, it } from "vitest";
import { olsTestErrorMoments } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  d: number;
  M: number;
  s2: number;
  mean: number;
  variance: number;
}

describe("olsTestErrorMoments vs the inverse-Wishart covariance formula (mpmath)", () => {
  // A handful of positive products and quotients: 8ε relative.
  it.each(section<Case>("olsTestErrorMoments"))("d = $d, M = $M, s² = $s2", (c) => {
    const m = olsTestErrorMoments(c.d, c.M, c.s2);
    expectWithin("olsTestErrorMoments.mean", c, m.mean, c.mean, 8 * EPS * c.mean);
    expectWithin("olsTestErrorMoments.variance", c, m.variance, c.variance, 8 * EPS * c.variance);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => olsTestErrorMoments(0, 10, 1)).toThrow(/olsTestErrorMoments: d/);
    expect(() => olsTestErrorMoments(3, 6, 1)).toThrow(
      /olsTestErrorMoments: M must be an integer >= 7/,
    );
    expect(() => olsTestErrorMoments(3, 20, -1)).toThrow(/olsTestErrorMoments: s2/);
  });
});
