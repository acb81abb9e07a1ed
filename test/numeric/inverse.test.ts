import { describe, expect, it } from "vitest";
import {
  betaCdf,
  betaInverseSf,
  betaQuantile,
  studentTCdf,
  studentTQuantile,
  studentTSf,
} from "../../src/numeric/index.ts";
import { EPS, loadFixture } from "./accuracy.ts";

interface InverseCase {
  p: number;
  scipy: number;
  kappa: number;
  nu?: number;
  a?: number;
  b?: number;
}
const fx = loadFixture<{ studentT: InverseCase[]; beta: InverseCase[] }>("inverse.json");

/**
 * The quantiles invert our own distribution functions to adjacent doubles, so their relative
 * error is the cdf's relative error times the condition number κ = p/(|x| f(x)) (computed by the
 * fixture script), plus the final rounding. The cdfs are accurate to ≤ 18·max(1, |ln p|)·ε
 * (see incomplete.test.ts / distributions.test.ts); scipy's ppf carries its own error of the
 * same kind, so the allowance is doubled: 2·18·max(1, |ln p|)·κ·ε + 4ε.
 */
function tolerance(c: InverseCase): number {
  const tail = Math.min(c.p, 1 - c.p);
  return (2 * 18 * Math.max(1, Math.abs(Math.log(tail))) * c.kappa + 4) * EPS;
}

/**
 * The error allowed is relative to the tail value y the solver works with (x, or 1 − x for a
 * Beta upper quantile), plus the rounding of x itself: |x − x̂| ≤ tol·y + 2ε·|x|.
 */
function check(label: string, c: InverseCase, actual: number, y = Math.abs(c.scipy)) {
  const err = Math.abs(actual - c.scipy);
  const allowed = tolerance(c) * y + 2 * EPS * Math.abs(c.scipy);
  expect(
    err,
    `${label}: input ${JSON.stringify(c)}, expected ${c.scipy}, actual ${actual}, |err| ${err} > tol ${allowed}`,
  ).toBeLessThanOrEqual(allowed);
}

describe("Student t far tail (|t| > 1.3e154, where t² overflows)", () => {
  it("matches the mpmath value (40 digits) of ½·I_{ν/(ν+t²)}(ν/2, ½)", () => {
    // mpmath: 0.5*betainc(0.25, 0.5, 0, 0.5/(0.5 + 1e400), regularized=True)
    const expected = 3.207009754142229e-101;
    const actual = studentTCdf(-1e200, 0.5);
    // Computed as exp(≈ −231.4): the exponent's rounding gives ≈ ε·|ln v| relative, times a few
    // operations: allow 4·ε·|ln v|.
    const tol = 4 * EPS * Math.abs(Math.log(expected));
    expect(Math.abs(actual - expected) / expected, `actual ${actual}`).toBeLessThanOrEqual(tol);
    expect(studentTSf(1e200, 0.5)).toBe(actual);
  });
});

describe("inverse distribution functions vs scipy (fixture inverse.json)", () => {
  it("studentTQuantile", () => {
    for (const c of fx.studentT)
      check("studentTQuantile", c, studentTQuantile(c.p, c.nu as number));
  });

  it("betaQuantile", () => {
    for (const c of fx.beta) {
      const x = betaQuantile(c.p, c.a as number, c.b as number);
      check("betaQuantile", c, x, c.p > 0.5 ? 1 - c.scipy : c.scipy);
    }
  });

  it("round trips: cdf(quantile(p)) = p to the cdf's accuracy", () => {
    for (const p of [1e-12, 1e-4, 0.05, 0.5, 0.95, 1 - 1e-4]) {
      for (const nu of [1, 4.5, 50]) {
        const t = studentTQuantile(p, nu);
        const back = p > 0.5 ? 1 - studentTSf(t, nu) : studentTCdf(t, nu);
        expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThanOrEqual(1e-12);
      }
      for (const [a, b] of [
        [1, 1],
        [3, 40],
        [0.4, 0.6],
      ]) {
        const x = betaQuantile(p, a, b);
        if (p > 0.5) {
          // 1 − p is exact here (Sterbenz), so the inverse sf must agree to the bit.
          expect(betaInverseSf(1 - p, a, b)).toBe(x);
          // Upper quantiles come from the symmetry 1 − X ~ Beta(b, a); near 1 the double x itself
          // cannot resolve the root finer than its ulp, so check the identity instead.
          expect(x).toBe(1 - betaQuantile(1 - p, b, a));
        } else {
          expect(Math.abs(betaCdf(x, a, b) - p) / p).toBeLessThanOrEqual(1e-12);
        }
      }
    }
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0.25, 2)).toBe(-studentTQuantile(0.75, 2));
    // ν = 0.5: P(T < t) ~ C·|t|^(−1/2), so the 1e-300 quantile is beyond the largest double.
    expect(studentTQuantile(1e-300, 0.5)).toBe(Number.NEGATIVE_INFINITY);
  });
});
