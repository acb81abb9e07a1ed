import { describe, expect, it } from "vitest";
import { gaussianMleVarianceMoments } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  t: number;
  mean: number;
  variance: number;
  scale: number;
}

describe("gaussianMleVarianceMoments vs the exact moment expansion (mpmath)", () => {
  // The base (M−1)/M carries ε, raised to the t-th power: (t + 2)ε relative for each moment; the
  // variance m₂ − m₁² cancels: 2(t + 2)ε relative to scale = m₂ + m₁².
  it.each(section<Case>("gaussianMleVarianceMoments"))("M = $M, t = $t", (c) => {
    const m = gaussianMleVarianceMoments(c.M, c.t);
    expectWithin("gaussianMleVarianceMoments.mean", c, m.mean, c.mean, (c.t + 2) * EPS * c.mean);
    expectWithin(
      "gaussianMleVarianceMoments.variance",
      c,
      m.variance,
      c.variance,
      2 * (c.t + 2) * EPS * c.scale,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => gaussianMleVarianceMoments(1, 1)).toThrow(/gaussianMleVarianceMoments: M/);
    expect(() => gaussianMleVarianceMoments(8, 0.5)).toThrow(/gaussianMleVarianceMoments: t/);
  });
});
