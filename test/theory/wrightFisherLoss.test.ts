import { describe, expect, it } from "vitest";
import { wrightFisherLoss } from "../../src/theory/index.ts";
import { EPS, expectWithin, section } from "./continuousFixture.ts";

interface Case {
  M: number;
  w: number;
  T: number;
  loss: number[];
}

describe("wrightFisherLoss vs 40-digit dynamic programming (mpmath)", () => {
  // Each step sums M + 1 products of probabilities with binomialPmf's few-ε error: the state
  // vector's absolute error grows by ≤ 8(M + 2)ε per step (it sums to 1): allow 8(M + 2)tε.
  it.each(section<Case>("wrightFisherLoss"))("M = $M, w = $w, T = $T", (c) => {
    const actual = wrightFisherLoss(c.M, c.w, c.T);
    expect(actual.length).toBe(c.T);
    c.loss.forEach((expected, i) => {
      expectWithin(
        `wrightFisherLoss[t = ${i + 1}]`,
        c,
        actual[i],
        expected,
        8 * (c.M + 2) * (i + 1) * EPS,
      );
    });
  });

  it("increases toward 1 − w", () => {
    const L = wrightFisherLoss(12, 0.2, 400);
    for (let t = 1; t < L.length; t++) expect(L[t]).toBeGreaterThanOrEqual(L[t - 1] - 4 * EPS);
    expect(Math.abs(L[399] - 0.8)).toBeLessThan(1e-6);
  });

  it("rejects bad input, naming the parameter", () => {
    expect(() => wrightFisherLoss(0, 0.1, 3)).toThrow(/wrightFisherLoss: M/);
    expect(() => wrightFisherLoss(10, 1.5, 3)).toThrow(/wrightFisherLoss: w must be a probability/);
    expect(() => wrightFisherLoss(10, 0.1, 0)).toThrow(/wrightFisherLoss: T/);
  });
});
