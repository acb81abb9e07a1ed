/**
 * Gamma sampler (Marsaglia–Tsang; boost in log space for shape < 1). Seeds:
 * derive("test/sample/gamma", <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6 and two-sided: 5 means, 5 variances, 5 KS tests, and for
 * shape 0.001 a zero-rate check and a KS test of the non-zero draws — 17 checks. The moment checks
 * use the CLT; being two-sided, the O(n^-1/2) skewness term of the Edgeworth expansion cancels,
 * and the O(1/n) terms matter only for the shape-0.05 variance check (the squared deviations have
 * skewness ≈ 37 and excess kurtosis ≈ 2900 there), lifting its level to ≈ 2.1e-6. File
 * false-alarm probability ≤ 1.8e-5.
 */
import { describe, expect, it } from "vitest";
import { gammaCdf } from "../../../src/numeric/index.ts";
import { fillGamma, gamma } from "../../../src/sample/gamma.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectKs, expectMean, expectVariance, seeded, Z } from "../stats.ts";

describe("gamma: moments and KS", () => {
  const settings: [shape: number, scale: number][] = [
    [0.05, 1],
    [0.5, 2],
    [1, 1],
    [7.5, 0.1],
    [1e3, 1],
  ];
  for (const [shape, scale] of settings) {
    const label = `shape-${shape}-scale-${scale}`;
    it(`Gamma(${shape}, ${scale}), n = 2e5 [seed test/sample/gamma ${label}]`, () => {
      const n = 200_000;
      const x = fillGamma(seeded("gamma", label), new Float64Array(n), shape, scale);
      const sigma2 = shape * scale * scale;
      expectMean(x, shape * scale, sigma2, label);
      // μ₄ = 3k(k + 2)θ⁴ (excess kurtosis 6/k).
      expectVariance(x, sigma2, 3 * shape * (shape + 2) * scale ** 4, label);
      expectKs(x, (v) => gammaCdf(v, shape, scale), label);
    });
  }
});

describe("gamma: extremely small shape", () => {
  it("shape 0.001: zeros at the rate of underflow, the rest fits [seed test/sample/gamma shape-0.001]", () => {
    const shape = 0.001;
    const n = 100_000;
    const x = fillGamma(seeded("gamma", "shape-0.001"), new Float64Array(n), shape);
    // A draw is 0 exactly when the true variate rounds to 0, i.e. is ≤ 2^-1075 (half the smallest
    // subnormal, ties to even). F(x) ∝ x^shape that far out, so F(2^-1075) = F(2^-1074)·2^-shape.
    const p0 = gammaCdf(2 ** -1074, shape) * 2 ** -shape;
    expect(p0).toBeGreaterThan(0.4);
    let zeros = 0;
    const positive: number[] = [];
    for (const v of x) {
      expect(Number.isNaN(v) || v < 0 || v === Number.POSITIVE_INFINITY).toBe(false);
      if (v === 0) zeros++;
      else positive.push(v);
    }
    const tol = Z * Math.sqrt(n * p0 * (1 - p0));
    expect(Math.abs(zeros - n * p0), `zeros ${zeros} vs ${n * p0}`).toBeLessThanOrEqual(tol);
    // Non-zero draws follow F conditioned on X > 2^-1075.
    expectKs(
      positive,
      (v) => Math.min(1, Math.max(0, (gammaCdf(v, shape) - p0) / (1 - p0))),
      "shape 0.001, non-zero part",
    );
  });
});

describe("gamma: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [gamma(s, 0.3), gamma(s, 2, 5), gamma(s, 1e4)]);
    assertSameOutputGivenSameSeed((s) => fillGamma(s, new Float64Array(200), 0.05, 3));
  });

  it("fill equals repeated single draws (shape < 1, = 1, > 1)", () => {
    for (const shape of [0.05, 1, 2, 40]) {
      assertFillMatchesSingle(
        (s, out: Float64Array) => fillGamma(s, out, shape, 1.5),
        (s) => gamma(s, shape, 1.5),
        (n) => new Float64Array(n),
        { numRuns: 10 },
      );
    }
  });
});

describe("gamma: validation", () => {
  const s = seeded("gamma", "validation");
  it("rejects non-positive or non-finite shape and scale", () => {
    const bad = [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const v of bad) {
      expectInvalidParameter(() => gamma(s, v), "gamma", "shape", v);
      expectInvalidParameter(() => gamma(s, 2, v), "gamma", "scale", v);
      expectInvalidParameter(() => fillGamma(s, new Float64Array(1), v), "fillGamma", "shape", v);
      expectInvalidParameter(
        () => fillGamma(s, new Float64Array(1), 2, v),
        "fillGamma",
        "scale",
        v,
      );
    }
    const notArray = [0] as unknown as Float64Array;
    expectInvalidParameter(() => fillGamma(s, notArray, 1), "fillGamma", "out", notArray);
  });
});
