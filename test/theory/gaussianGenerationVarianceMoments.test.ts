import { describe, expect, it } from "vitest";
import { gaussianGenerationVarianceMoments } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  D: number;
  t: number;
  mean: number;
  variance: number;
  scale: number;
}

describe("gaussianGenerationVarianceMoments vs the exact moment expansion (mpmath)", () => {
  // Five positive moments, ≤ 16 roundings per step: 16(t + 1)ε relative; the variance cancels
  // against the squared mean, so its allowance is relative to scale = E Y² + (E Y)².
  it.each(section<Case>("gaussianGenerationVarianceMoments"))("M = $M, D = $D, t = $t", (c) => {
    const m = gaussianGenerationVarianceMoments(c.M, c.D, c.t);
    const unit = 16 * (c.t + 1) * EPS;
    expectWithin("gaussianGenerationVarianceMoments.mean", c, m.mean, c.mean, unit * c.mean);
    expectWithin(
      "gaussianGenerationVarianceMoments.variance",
      c,
      m.variance,
      c.variance,
      unit * c.scale,
    );
  });

  it("E Y_t is σ²(1 + t/M) (unbiased) and σ² (MLE) to rounding", () => {
    for (const M of [8, 40]) {
      for (const t of [1, 6]) {
        expectWithin(
          "unbiased",
          { M, t },
          gaussianGenerationVarianceMoments(M, M - 1, t).mean,
          1 + t / M,
          16 * (t + 1) * EPS,
        );
        expectWithin(
          "mle",
          { M, t },
          gaussianGenerationVarianceMoments(M, M, t).mean,
          1,
          16 * (t + 1) * EPS,
        );
      }
    }
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => gaussianGenerationVarianceMoments(1, 1, 1)).toThrow(
      /gaussianGenerationVarianceMoments: M/,
    );
    expect(() => gaussianGenerationVarianceMoments(10, 8, 1)).toThrow(
      /D must be an integer in \[9, 10\]/,
    );
    expect(() => gaussianGenerationVarianceMoments(10, 10, -2)).toThrow(/t must be/);
  });
});
