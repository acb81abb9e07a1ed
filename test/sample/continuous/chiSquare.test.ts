/**
 * Chi-square sampler (2·Gamma(k/2)). Seeds: derive("test/sample/chiSquare", <label>), labels in
 * the test names and logged.
 *
 * Statistical checks, each at α = 1e-6 and two-sided: 3 means, 3 variances (CLT; two-sided, so
 * the skewness term cancels; for k = 0.5 the squared deviations are skewed enough that the
 * O(1/n) Edgeworth terms lift that check's level to ≈ 1.3e-6), 3 KS tests — 9 checks, file
 * false-alarm probability ≤ 1e-5.
 */
import { describe, expect, it } from "vitest";
import { chiSquareCdf } from "../../../src/numeric/index.ts";
import { chiSquare, fillChiSquare } from "../../../src/sample/chiSquare.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectKs, expectMean, expectVariance, seeded } from "../stats.ts";

describe("chiSquare: moments and KS", () => {
  for (const k of [0.5, 3, 50]) {
    const label = `k-${k}`;
    it(`χ²(${k}), n = 2e5 [seed test/sample/chiSquare ${label}]`, () => {
      const n = 200_000;
      const x = fillChiSquare(seeded("chiSquare", label), new Float64Array(n), k);
      expectMean(x, k, 2 * k, label);
      // μ₄ = 12k(k + 4) (Gamma(k/2, 2): 3·(k/2)(k/2 + 2)·2⁴).
      expectVariance(x, 2 * k, 12 * k * (k + 4), label);
      expectKs(x, (v) => chiSquareCdf(v, k), label);
    });
  }
});

describe("chiSquare: extreme k", () => {
  it("k = Number.MIN_VALUE gives 0 (the true variate is below 2^-1074), never NaN", () => {
    const x = fillChiSquare(seeded("chiSquare", "min-k"), new Float64Array(1000), Number.MIN_VALUE);
    for (const v of x) expect(v).toBe(0);
  });
});

describe("chiSquare: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [chiSquare(s, 1), chiSquare(s, 7.3)]);
    assertSameOutputGivenSameSeed((s) => fillChiSquare(s, new Float64Array(200), 0.5));
  });

  it("fill equals repeated single draws", () => {
    for (const k of [0.5, 2, 9]) {
      assertFillMatchesSingle(
        (s, out: Float64Array) => fillChiSquare(s, out, k),
        (s) => chiSquare(s, k),
        (n) => new Float64Array(n),
        { numRuns: 10 },
      );
    }
  });
});

describe("chiSquare: validation", () => {
  const s = seeded("chiSquare", "validation");
  it("rejects non-positive or non-finite k", () => {
    for (const k of [0, -0, -3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectInvalidParameter(() => chiSquare(s, k), "chiSquare", "k", k);
      expectInvalidParameter(
        () => fillChiSquare(s, new Float64Array(1), k),
        "fillChiSquare",
        "k",
        k,
      );
    }
    const notArray = new Int32Array(1) as unknown as Float64Array;
    expectInvalidParameter(() => fillChiSquare(s, notArray, 2), "fillChiSquare", "out", notArray);
  });
});
