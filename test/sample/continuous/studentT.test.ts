/**
 * Student-t sampler (Z/√(χ²_ν/ν)). Seeds: derive("test/sample/studentT", <label>), labels in the
 * test names and logged.
 *
 * Moments: the mean exists only for ν > 1 and the variance for ν > 2. A CLT z-test of the plain
 * mean is calibrated only when single huge draws cannot cross the tolerance: for ν = 2.5 that
 * probability is n·P(|T| > zσ√n) = 2e5·P(|T| > 4892) ≈ 1.7e-4, far above α, so the plain mean is
 * not z-tested there. Instead, for ν = 1 and 2.5 the clipped mean E[clip(T, −50, 50)] = 0 (by
 * symmetry) is checked with Bernstein's inequality (bounded summands, rigorous level α), with
 * Var ≤ E[T²] = 5 for ν = 2.5 and the exact E[min(T², 2500)] = (2/π)(50 − atan 50) +
 * 2500·(1 − (2/π)·atan 50) for the Cauchy. ν = 30: plain mean and variance (CLT; the big-jump
 * probability is negligible, P(|T| > 59) ≈ 1e-32). ν = 0.3: KS only.
 *
 * Statistical checks, each at α = 1e-6 and two-sided: 2 clipped means, 1 mean, 1 variance, 4 KS
 * tests — 8 checks, file false-alarm probability ≤ 8e-6.
 */
import { describe, expect, it } from "vitest";
import { studentTCdf } from "../../../src/numeric/index.ts";
import { fillStudentT, studentT } from "../../../src/sample/studentT.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import {
  expectBoundedMean,
  expectKs,
  expectMean,
  expectVariance,
  mu4FromKurtosis,
  seeded,
} from "../stats.ts";

describe("studentT: moments and KS", () => {
  const C = 50;
  for (const nu of [0.3, 1, 2.5, 30]) {
    const label = `nu-${nu}`;
    it(`t(${nu}), n = 2e5 [seed test/sample/studentT ${label}]`, () => {
      const n = 200_000;
      const x = fillStudentT(seeded("studentT", label), new Float64Array(n), nu);
      if (nu === 1 || nu === 2.5) {
        const clipped = x.map((v) => Math.min(C, Math.max(-C, v)));
        const second =
          nu === 1
            ? (2 / Math.PI) * (C - Math.atan(C)) + C * C * (1 - (2 / Math.PI) * Math.atan(C))
            : nu / (nu - 2);
        expectBoundedMean(clipped, 0, second, C, `${label} clipped to ±${C}`);
      }
      if (nu === 30) {
        const sigma2 = nu / (nu - 2);
        expectMean(x, 0, sigma2, label);
        expectVariance(x, sigma2, mu4FromKurtosis(sigma2, 6 / (nu - 4)), label);
      }
      expectKs(x, (v) => studentTCdf(v, nu), label);
    });
  }
});

describe("studentT: extreme ν", () => {
  it("ν = Number.MIN_VALUE gives ±Infinity (|T| beyond the largest double), never NaN", () => {
    const x = fillStudentT(seeded("studentT", "min-nu"), new Float64Array(1000), Number.MIN_VALUE);
    for (const v of x) expect(Number.isNaN(v)).toBe(false);
  });
});

describe("studentT: laws", () => {
  it("same seed, same output", () => {
    assertSameOutputGivenSameSeed((s) => [studentT(s, 1), studentT(s, 2.5), studentT(s, 1e6)]);
    assertSameOutputGivenSameSeed((s) => fillStudentT(s, new Float64Array(200), 0.3));
  });

  it("fill equals repeated single draws (ν < 2 and ν ≥ 2)", () => {
    for (const nu of [0.3, 1, 2, 30]) {
      assertFillMatchesSingle(
        (s, out: Float64Array) => fillStudentT(s, out, nu),
        (s) => studentT(s, nu),
        (n) => new Float64Array(n),
        { numRuns: 10 },
      );
    }
  });
});

describe("studentT: validation", () => {
  const s = seeded("studentT", "validation");
  it("rejects non-positive or non-finite ν", () => {
    for (const nu of [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectInvalidParameter(() => studentT(s, nu), "studentT", "nu", nu);
      expectInvalidParameter(
        () => fillStudentT(s, new Float64Array(1), nu),
        "fillStudentT",
        "nu",
        nu,
      );
    }
    const notArray = [1] as unknown as Float64Array;
    expectInvalidParameter(() => fillStudentT(s, notArray, 3), "fillStudentT", "out", notArray);
  });
});
