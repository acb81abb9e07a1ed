import { describe, expect, it } from "vitest";
import { wrightFisherSquaredErrorMoments } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  p0: number;
  n: number;
  t: number;
  mean: number;
  variance: number;
}

describe("wrightFisherSquaredErrorMoments vs a sum over the chain's n + 1 states", () => {
  // The fixture sums ≤ 51 states per step in float (fsum; binomial pmfs from scipy, ≈ 1e-15
  // relative each): ≈ t·1e-14 relative. The recursion adds ≈ 50 roundings per generation, and
  // the variance M₄ − M₂² cancels at most a factor 3 (M₄ ≤ 3M₂² + …).
  it.each(section<Case>("wrightFisherSquaredErrorMoments"))("p0 = $p0, n = $n, t = $t", (c) => {
    const m = wrightFisherSquaredErrorMoments(c.p0, c.n, c.t);
    const tol = (x: number) => (c.t + 1) * (1e-14 + 150 * EPS) * x;
    expectWithin("wrightFisherSquaredErrorMoments.mean", c, m.mean, c.mean, tol(c.mean));
    expectWithin(
      "wrightFisherSquaredErrorMoments.variance",
      c,
      m.variance,
      c.variance,
      tol(c.variance),
    );
  });

  it("is 0 at a fixed point (p0 = 0 or 1) and at t = 0", () => {
    expect(wrightFisherSquaredErrorMoments(0, 10, 5)).toEqual({ mean: 0, variance: 0 });
    expect(wrightFisherSquaredErrorMoments(1, 10, 5).mean).toBe(0);
    expect(wrightFisherSquaredErrorMoments(0.3, 10, 0)).toEqual({ mean: 0, variance: 0 });
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => wrightFisherSquaredErrorMoments(1.5, 10, 1)).toThrow(
      /wrightFisherSquaredErrorMoments: p0/,
    );
    expect(() => wrightFisherSquaredErrorMoments(0.5, 0, 1)).toThrow(
      /wrightFisherSquaredErrorMoments: n/,
    );
    expect(() => wrightFisherSquaredErrorMoments(0.5, 10, 1.5)).toThrow(
      /wrightFisherSquaredErrorMoments: t/,
    );
  });
});
