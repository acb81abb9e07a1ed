/**
 * The weighted fresh-data Gaussian chain (docs/theory.md#weighted-fresh-mean) against the
 * fixture test/fixtures/theory-weighted.json, written by test/fixtures/make_theory_weighted.py
 * independently of the recursion here: the chain unrolled and integrated exactly by sympy (each
 * case also checked there against a numpy Monte Carlo of the procedure), the limit summed at
 * t = 4000 in mpmath, the optimal weight found by a root finder on the derivative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  weightedFreshGaussianMeanError,
  weightedFreshOptimalWeight,
} from "../../src/theory/index.ts";
import { EPS, expectWithin } from "./continuousFixture.ts";

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/theory-weighted.json", import.meta.url), "utf8"),
) as Record<string, unknown[]>;

interface MomentCase {
  n: number;
  m: number;
  w: number;
  ddof: 0 | 1;
  first: number;
  T: number;
  meanError: number[];
  meanErrorVariance: number[];
  meanErrorScale: number[];
  variance: number[];
}

interface LimitCase {
  n: number;
  m: number;
  w: number;
  ddof: 0 | 1;
  first?: number;
  limit: number;
  varianceLimit?: number;
}

interface WeightCase {
  k: number;
  weight: number;
  limitTimesN: number;
  unweightedTimesN: number;
}

describe("weightedFreshGaussianMeanError vs the unrolled chain (sympy, exact)", () => {
  /**
   * Each generation updates five positive moments with ≤ 30 roundings, from coefficients with
   * ≤ 6 roundings each (w itself is the double nearest 1/φ in one case, and the fixture uses
   * that double), so every moment carries ≤ 40(t + 1)ε relative error; the variance
   * E δ⁴ − (E δ²)² cancels, so its absolute error is that times scale = E δ⁴ + (E δ²)².
   */
  it.each(fixture.weightedFreshMoments as MomentCase[])(
    "n = $n, m = $m, w = $w, ddof = $ddof, n₀ = $first",
    (c) => {
      const r = weightedFreshGaussianMeanError(c.n, c.m, c.w, c.T, {
        ddof: c.ddof,
        first: c.first,
      });
      expect(r.meanError).toHaveLength(c.T);
      for (let t = 1; t <= c.T; t++) {
        const unit = 40 * (t + 1) * EPS;
        const at = { ...c, t, meanError: undefined, meanErrorVariance: undefined };
        const i = t - 1;
        expectWithin("meanError", at, r.meanError[i], c.meanError[i], unit * c.meanError[i]);
        expectWithin("variance", at, r.variance[i], c.variance[i], unit * c.variance[i]);
        expectWithin(
          "meanErrorVariance",
          at,
          r.meanErrorVariance[i],
          c.meanErrorVariance[i],
          unit * c.meanErrorScale[i],
        );
      }
    },
  );

  it("w = n/M, known variance: one step from the truth averages the means as pooling does", () => {
    // μ_2 − μ = (n x̄_r + m x̄_s)/M − μ has variance σ²/M when model 1 is the truth's
    // (δ_1 = 0 is not a start here, so check the increment): e_2 − a²e_1 = w²/n + a²/m = 1/M.
    const n = 3;
    const m = 7;
    const r = weightedFreshGaussianMeanError(n, m, n / (n + m), 2, { ddof: 1 });
    const a = m / (n + m);
    expectWithin(
      "increment",
      { n, m },
      r.meanError[1] - a * a * r.meanError[0],
      1 / (n + m),
      8 * EPS,
    );
  });
});

describe("weightedFreshGaussianMeanError's limit vs the summed series (mpmath, t = 4000)", () => {
  /** The fixed point is a few operations on exact inputs: 16ε relative. */
  it.each(fixture.weightedFreshLimit as LimitCase[])(
    "n = $n, m = $m, w = $w, ddof = $ddof",
    (c) => {
      const r = weightedFreshGaussianMeanError(c.n, c.m, c.w, 1, {
        ddof: c.ddof,
        ...(c.first !== undefined ? { first: c.first } : {}),
      });
      expectWithin("limit", c, r.limit, c.limit, 16 * EPS * c.limit);
      if (c.varianceLimit !== undefined) {
        expectWithin("varianceLimit", c, r.varianceLimit, c.varianceLimit, 16 * EPS);
      }
    },
  );

  it("is reached by the recursion itself (n = 20, m = 30, w = 0.4, ddof 0, 400 generations)", () => {
    const r = weightedFreshGaussianMeanError(20, 30, 0.4, 400);
    // Contraction (1 − w)² = 0.36 per generation for e, 0.6·(29/30) for v: both are at their
    // limits to rounding after 400 steps; the sum of 400 rounded steps is within 400·8ε.
    expectWithin("limit", { t: 400 }, r.meanError[399], r.limit, 3200 * EPS * r.limit);
    expectWithin("varianceLimit", { t: 400 }, r.variance[399], r.varianceLimit, 3200 * EPS);
  });

  it("diverges for w = 0 with a martingale variance (ddof 1): the random walk of replace", () => {
    const r = weightedFreshGaussianMeanError(5, 5, 0, 4, { ddof: 1, first: 5 });
    expect(r.limit).toBe(Number.POSITIVE_INFINITY);
    expect(r.varianceLimit).toBe(1);
    // e_t = 1/n₀ + (t − 1)/m exactly in this case.
    expect(r.meanError).toEqual([0.2, 0.4, 0.6000000000000001, 0.8]);
  });
});

describe("weightedFreshOptimalWeight vs the root of the limit's derivative (mpmath)", () => {
  /** Three roundings in 2/(1 + √(1 + 4k)), and the fixture's value is at 40 digits: 4ε relative. */
  it.each(fixture.weightedFreshOptimalWeight as WeightCase[])("k = $k", (c) => {
    const w = weightedFreshOptimalWeight(c.k);
    expectWithin("weight", c, w, c.weight, 4 * EPS * c.weight);
    // The least limit equals w* (n·e_∞(w*) = w*), below the unweighted mix's (1 + k)/(1 + 2k).
    expectWithin("limitTimesN", c, c.limitTimesN, w, 4 * EPS * w);
    expect(c.limitTimesN).toBeLessThan(c.unweightedTimesN);
    expectWithin("unweighted", c, (1 + c.k) / (1 + 2 * c.k), c.unweightedTimesN, 4 * EPS);
  });

  it("is 1/φ at k = 1 and 1 at k = 0; the recursion's limit at w* is w*·σ²/n (known variance)", () => {
    expect(weightedFreshOptimalWeight(1)).toBe(2 / (1 + Math.sqrt(5)));
    expect(weightedFreshOptimalWeight(0)).toBe(1);
    for (const [n, m] of [
      [50, 50],
      [10, 40],
      [40, 10],
    ]) {
      const w = weightedFreshOptimalWeight(m / n);
      const { limit } = weightedFreshGaussianMeanError(n, m, w, 1, { ddof: 1 });
      expectWithin("limit at w*", { n, m, w }, limit, w / n, 16 * EPS * (w / n));
    }
  });

  it("rejects bad input, naming the parameter and the value", () => {
    expect(() => weightedFreshOptimalWeight(-1)).toThrow(/weightedFreshOptimalWeight: k .*got -1/);
    expect(() => weightedFreshOptimalWeight(Number.NaN)).toThrow(/k must be a finite number.*NaN/);
    expect(() => weightedFreshGaussianMeanError(5, 5, 1.5, 3)).toThrow(
      /weightedFreshGaussianMeanError: w must be a probability in \[0, 1\], got 1\.5/,
    );
    expect(() => weightedFreshGaussianMeanError(1, 5, 0.5, 3, { ddof: 1 })).toThrow(
      /: n must be an integer >= 2, got 1/,
    );
    expect(() => weightedFreshGaussianMeanError(5, 1, 0.5, 3, { ddof: 1 })).toThrow(
      /: m must be an integer >= 2, got 1/,
    );
    // A part of weight 0 is not fitted, so its size only has to be ≥ 1.
    expect(() => weightedFreshGaussianMeanError(5, 1, 1, 3, { ddof: 1 })).not.toThrow();
    expect(() => weightedFreshGaussianMeanError(5, 5, 0.5, 0)).toThrow(
      /T must be an integer >= 1, got 0/,
    );
    expect(() => weightedFreshGaussianMeanError(5, 5, 0.5, 2, { ddof: 2 as 0 })).toThrow(
      /constraints\.ddof must be 0 or 1, got 2/,
    );
    expect(() => weightedFreshGaussianMeanError(5, 5, 0.5, 2, { first: 0 })).toThrow(
      /constraints\.first must be an integer >= 1, got 0/,
    );
  });
});
