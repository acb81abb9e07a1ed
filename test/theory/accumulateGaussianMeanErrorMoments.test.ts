import { describe, expect, it } from "vitest";
import { accumulateGaussianMeanErrorMoments } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  n: number;
  t: number;
  mean: number;
  variance: number;
  scale: number;
}

describe("accumulateGaussianMeanErrorMoments vs the exact moment expansion (mpmath)", () => {
  /**
   * Each step updates five positive moments with ≤ 16 roundings (the coefficients E R, E R²,
   * E[W²R] included), so each carries ≤ 16(t + 1)ε relative error; the variance E δ⁴ − (E δ²)²
   * cancels, so its absolute error is that times scale = E δ⁴ + (E δ²)² (from the fixture).
   */
  it.each(section<Case>("accumulateGaussianMeanError"))("n = $n, t = $t", (c) => {
    const m = accumulateGaussianMeanErrorMoments(c.n, c.t);
    const unit = 16 * (c.t + 1) * EPS;
    expectWithin("accumulateGaussianMeanErrorMoments.mean", c, m.mean, c.mean, unit * c.mean);
    expectWithin(
      "accumulateGaussianMeanErrorMoments.variance",
      c,
      m.variance,
      c.variance,
      unit * c.scale,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => accumulateGaussianMeanErrorMoments(0, 1)).toThrow(
      /accumulateGaussianMeanErrorMoments: n/,
    );
    expect(() => accumulateGaussianMeanErrorMoments(5, Number.NaN)).toThrow(
      /t must be an integer.*NaN/,
    );
  });
});
