/**
 * Beta sampler (Jöhnk in log space for a, b ≤ 1; gamma ratio otherwise). Seeds:
 * derive("test/sample/beta", <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6 and two-sided: 4 means, 4 variances (CLT on bounded
 * summands), 3 KS tests, 1 binomial check of P(X < 1/2) for Beta(0.01, 0.02) — 12 checks — plus
 * a ±6σ binomial check for Beta(ε, ε) (level ≈ 2e-9): file false-alarm probability ≤ 1.3e-5.
 *
 * Beta(0.01, 0.02) gets no KS test: about 16 % of its draws lie within 2^-53 of 1 and round to
 * exactly 1.0 (and ~0.04 % round to 0), so the sample has large ties that the continuous KS
 * statistic misreads; its moments and P(X < 1/2) are checked instead, and no draw may be NaN.
 */
import { describe, expect, it } from "vitest";
import { betaCdf } from "../../../src/numeric/index.ts";
import { beta, fillBeta } from "../../../src/sample/beta.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectKs, expectMean, expectVariance, mu4FromKurtosis, seeded, Z } from "../stats.ts";

function betaMoments(a: number, b: number): { mean: number; variance: number; mu4: number } {
  const s = a + b;
  const variance = (a * b) / (s * s * (s + 1));
  const excess = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
  return { mean: a / s, variance, mu4: mu4FromKurtosis(variance, excess) };
}

describe("beta: moments and KS", () => {
  const settings: [a: number, b: number, ks: boolean][] = [
    [0.3, 0.4, true],
    [2, 5, true],
    [0.5, 30, true],
    [0.01, 0.02, false],
  ];
  for (const [a, b, ks] of settings) {
    const label = `a-${a}-b-${b}`;
    it(`Beta(${a}, ${b}), n = 2e5 [seed test/sample/beta ${label}]`, () => {
      const n = 200_000;
      const x = fillBeta(seeded("beta", label), new Float64Array(n), a, b);
      for (const v of x) {
        if (!(v >= 0 && v <= 1)) expect(v, `${label}: draw outside [0, 1]`).toBe(0.5);
      }
      const m = betaMoments(a, b);
      expectMean(x, m.mean, m.variance, label);
      expectVariance(x, m.variance, m.mu4, label);
      if (ks) {
        expectKs(x, (v) => betaCdf(v, a, b), label);
      } else {
        const p = betaCdf(0.5, a, b);
        let below = 0;
        for (const v of x) if (v < 0.5) below++;
        const tol = Z * Math.sqrt(n * p * (1 - p));
        expect(
          Math.abs(below - n * p),
          `${label}: #(X < 1/2) = ${below} vs ${n * p}`,
        ).toBeLessThanOrEqual(tol);
      }
    });
  }
});

describe("beta: extreme parameters", () => {
  it("subnormal a and b terminate, stay in [0, 1] and keep E[X] = a/(a + b) roughly", () => {
    const s = seeded("beta", "subnormal");
    const min = Number.MIN_VALUE;
    const x = fillBeta(s, new Float64Array(2000), min, min);
    let sum = 0;
    for (const v of x) {
      expect(v === 0 || v === 1).toBe(true);
      sum += v;
    }
    // Beta(ε, ε) → Bernoulli(1/2): the count of ones is Binomial(2000, 1/2); ±6σ ≈ ±134.
    expect(Math.abs(sum - 1000)).toBeLessThanOrEqual(134);
    const y = fillBeta(s, new Float64Array(2000), 1e-300, 1e-300);
    for (const v of y) expect(v >= 0 && v <= 1).toBe(true);
  });
});

describe("beta: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [beta(s, 0.3, 0.4), beta(s, 2, 5), beta(s, 1e-3, 1e-3)]);
    assertSameOutputGivenSameSeed((s) => fillBeta(s, new Float64Array(200), 0.5, 30));
  });

  it("fill equals repeated single draws (both regimes)", () => {
    for (const [a, b] of [
      [0.3, 0.4],
      [0.01, 0.02],
      [2, 5],
      [0.5, 30],
    ]) {
      assertFillMatchesSingle(
        (s, out: Float64Array) => fillBeta(s, out, a, b),
        (s) => beta(s, a, b),
        (n) => new Float64Array(n),
        { numRuns: 10 },
      );
    }
  });
});

describe("beta: validation", () => {
  const s = seeded("beta", "validation");
  it("rejects non-positive or non-finite a and b", () => {
    const bad = [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const v of bad) {
      expectInvalidParameter(() => beta(s, v, 1), "beta", "a", v);
      expectInvalidParameter(() => beta(s, 1, v), "beta", "b", v);
      expectInvalidParameter(() => fillBeta(s, new Float64Array(1), v, 1), "fillBeta", "a", v);
      expectInvalidParameter(() => fillBeta(s, new Float64Array(1), 1, v), "fillBeta", "b", v);
    }
    const notArray = {} as unknown as Float64Array;
    expectInvalidParameter(() => fillBeta(s, notArray, 1, 1), "fillBeta", "out", notArray);
  });
});
