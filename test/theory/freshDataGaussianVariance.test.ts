import { describe, expect, it } from "vitest";
import { freshDataGaussianVariance } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  r: number;
  T: number;
  variance0: number;
  meanError0: number;
  variance: number[];
  fixedPoint: number;
}

describe("freshDataGaussianVariance vs the exact moment expansion (mpmath)", () => {
  /**
   * a_t: two positive moments, ≤ 12 roundings per step: 16(t + 1)ε relative. The fixed point
   * iterates a contraction whose factor is ≤ ρ = (M − r)/M: the rounding of each step (≤ 16ε)
   * accumulates to ≤ 16ε/(1 − ρ) relative (the reference runs the engine 400 steps from (1, 0)).
   */
  it.each(section<Case>("freshDataGaussianVariance"))("M = $M, r = $r", (c) => {
    const actual = freshDataGaussianVariance(c.M, c.r, c.T, {
      variance: c.variance0,
      meanError: c.meanError0,
    });
    c.variance.forEach((expected, t) => {
      expectWithin(
        `freshDataGaussianVariance.variance[${t}]`,
        c,
        actual.variance[t],
        expected,
        16 * (t + 1) * EPS * expected,
      );
    });
    const rho = (c.M - c.r) / c.M;
    expectWithin(
      "freshDataGaussianVariance.fixedPoint",
      c,
      actual.fixedPoint,
      c.fixedPoint,
      (16 * EPS * c.fixedPoint) / (1 - rho),
    );
  });

  it("rejects bad input, naming the parameter", () => {
    const start = { variance: 0.1, meanError: 0 };
    expect(() => freshDataGaussianVariance(1, 1, 2, start)).toThrow(/freshDataGaussianVariance: M/);
    expect(() => freshDataGaussianVariance(20, 0, 2, start)).toThrow(
      /freshDataGaussianVariance: r must be an integer in \[1, 20\]/,
    );
    expect(() => freshDataGaussianVariance(20, 5, -1, start)).toThrow(/: T must be/);
    expect(() => freshDataGaussianVariance(20, 5, 2, { variance: -1, meanError: 0 })).toThrow(
      /start.variance/,
    );
    expect(() =>
      freshDataGaussianVariance(20, 5, 2, { variance: 1, meanError: Number.NaN }),
    ).toThrow(/start.meanError/);
  });
});
