import { describe, expect, it } from "vitest";
import { lgamma } from "../../src/numeric/index.ts";
import { gaussianW2Moments } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  t: number;
  mean: number;
  variance: number;
  scale: number;
}

describe("gaussianW2Moments vs the exact moment expansion (mpmath)", () => {
  /**
   * The moment factors E[R^k] and c_M are exp(lgamma differences): each carries
   * u = 8ε·(1 + |lnΓ(M/2)| + |lnΓ((M−1)/2)| + 2|ln(2/(M−1))|) relative error (lgamma within 6ε),
   * raised to the t-th power: (t + 1)u. The mean 2(1 − c_M^t) + t/M is then within 4(t + 1)u; the
   * variance is a difference of moments of size ≤ scale (fixture): 16(t + 1)u·scale.
   */
  it.each(section<Case>("gaussianW2Moments"))("M = $M, t = $t", (c) => {
    const m = gaussianW2Moments(c.M, c.t);
    const u =
      8 *
      EPS *
      (1 +
        Math.abs(lgamma(c.M / 2)) +
        Math.abs(lgamma((c.M - 1) / 2)) +
        2 * Math.abs(Math.log(2 / (c.M - 1))));
    expectWithin("gaussianW2Moments.mean", c, m.mean, c.mean, 4 * (c.t + 1) * u);
    expectWithin(
      "gaussianW2Moments.variance",
      c,
      m.variance,
      c.variance,
      16 * (c.t + 1) * u * c.scale,
    );
  });

  it("the mean is at least t/M and grows linearly", () => {
    for (const t of [1, 10, 100])
      expect(gaussianW2Moments(20, t).mean).toBeGreaterThanOrEqual(t / 20);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => gaussianW2Moments(1, 1)).toThrow(/gaussianW2Moments: M/);
    expect(() => gaussianW2Moments(8, -1)).toThrow(/gaussianW2Moments: t/);
  });
});
