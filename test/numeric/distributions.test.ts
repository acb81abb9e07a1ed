import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  betaCdf,
  betaSf,
  binomialCdf,
  binomialPmf,
  binomialSf,
  chiSquareCdf,
  chiSquareSf,
  gammaCdf,
  gammaSf,
  normalCdf,
  poissonCdf,
  poissonPmf,
  poissonSf,
  studentTCdf,
  studentTSf,
} from "../../src/numeric/index.ts";
import { AccuracyCheck, type FixtureNumber, loadFixture, num, type Tolerance } from "./accuracy.ts";

type Row = { args: number[] } & Record<string, FixtureNumber | number[]>;
const fx = loadFixture<Record<string, Row[]>>("distributions.json");

/** Compares f against the mpmath column `mpKey` of every row that has one. */
function run(
  name: string,
  rows: Row[],
  mpKey: string,
  f: (...a: number[]) => number,
  tol: Tolerance,
): AccuracyCheck {
  const chk = new AccuracyCheck(name);
  let compared = 0;
  for (const r of rows) {
    const ref = r[mpKey] as FixtureNumber;
    if (ref === null || ref === undefined) continue;
    chk.check(r.args, f(...r.args), num(ref), tol);
    compared++;
  }
  expect(chk.failures).toEqual([]);
  expect(compared).toBeGreaterThan(10);
  return chk;
}

/**
 * pmfs (Loader's saddle point): the Stirling remainders are tabulated or series-evaluated to
 * ~1e-18, bd0 is a cancellation-free series, so what is left is the rounding of the exponent,
 * ~ε·|ln v|, plus a few ulp: 8 ε·max(1, |ln v|). The reference sums exact pmf terms in 40-digit
 * arithmetic (n up to 1e9).
 */
const PMF_TOL: Tolerance = { rel: 8, logScaled: true };
/** cdfs/sfs inherit the incomplete gamma/beta tolerances (see incomplete.test.ts). */
const GAMMA_TOL: Tolerance = { rel: 16, logScaled: true };
const BETA_TOL: Tolerance = { rel: 32, logScaled: true };
/**
 * Binomial cdf/sf with n up to 1e9: near the mean the continued fraction BFRAC needs O(√n)
 * iterations (≈ 4000 at n = 1e9), whose roundings add up like a random walk (√4000 ≈ 63 ulp):
 * seen 46 ε at n = 1e9, k = np. 64 ε·max(1, |ln v|).
 */
const BINOMIAL_TOL: Tolerance = { rel: 64, logScaled: true };

describe("binomial vs exact 40-digit sums (fixture distributions.json, n ≤ 1e9)", () => {
  it("binomialPmf", () => run("binomialPmf", fx.binomial, "mpPmf", binomialPmf, PMF_TOL));
  it("binomialCdf", () => run("binomialCdf", fx.binomial, "mpCdf", binomialCdf, BINOMIAL_TOL));
  it("binomialSf (P(X > k))", () =>
    run("binomialSf", fx.binomial, "mpSf", binomialSf, BINOMIAL_TOL));
  it("cdf + sf = 1 and cdf(k) − cdf(k − 1) = pmf(k)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p, u) => {
          const k = Math.min(n, Math.floor(u * (n + 1)));
          const c = binomialCdf(k, n, p);
          const s = binomialSf(k, n, p);
          expect(Math.abs(c + s - 1)).toBeLessThanOrEqual(64 * Number.EPSILON);
          if (k >= 1) {
            const diff = c - binomialCdf(k - 1, n, p);
            const pmf = binomialPmf(k, n, p);
            // The difference of two cdfs carries their absolute error (~32 ε·c).
            expect(Math.abs(diff - pmf)).toBeLessThanOrEqual(128 * Number.EPSILON * c);
          }
        },
      ),
      { seed: 31, numRuns: 1000 },
    );
  });
  it("degenerate and out-of-support cases", () => {
    expect(binomialPmf(0, 0, 0.3)).toBe(1);
    expect(binomialPmf(-1, 5, 0.3)).toBe(0);
    expect(binomialPmf(6, 5, 0.3)).toBe(0);
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialPmf(3, 5, 1)).toBe(0);
    expect(binomialCdf(-1, 5, 0.3)).toBe(0);
    expect(binomialCdf(5, 5, 0.3)).toBe(1);
    expect(binomialSf(5, 5, 0.3)).toBe(0);
    expect(binomialSf(-1, 5, 0.3)).toBe(1);
    expect(binomialCdf(2, 5, 0)).toBe(1);
    expect(binomialSf(2, 5, 1)).toBe(1);
    // n = 1e9 is exact in log space: the pmf at the mode matches the normal density to O(1/n).
    const n = 1e9;
    expect(Math.abs(binomialPmf(5e8, n, 0.5) * Math.sqrt((Math.PI * n) / 2) - 1)).toBeLessThan(
      1e-8,
    );
  });
});

describe("Poisson vs exact 40-digit sums (λ ≤ 1e9)", () => {
  it("poissonPmf", () => run("poissonPmf", fx.poisson, "mpPmf", poissonPmf, PMF_TOL));
  it("poissonCdf", () => run("poissonCdf", fx.poisson, "mpCdf", poissonCdf, GAMMA_TOL));
  it("poissonSf (P(X > k))", () => run("poissonSf", fx.poisson, "mpSf", poissonSf, GAMMA_TOL));
  it("cdf + sf = 1, λ = 0 and k < 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (lambda, r) => {
          const k = Math.floor(lambda * r);
          expect(Math.abs(poissonCdf(k, lambda) + poissonSf(k, lambda) - 1)).toBeLessThanOrEqual(
            32 * Number.EPSILON,
          );
        },
      ),
      { seed: 32, numRuns: 1000 },
    );
    expect(poissonPmf(0, 0)).toBe(1);
    expect(poissonPmf(3, 0)).toBe(0);
    expect(poissonCdf(0, 0)).toBe(1);
    expect(poissonSf(0, 0)).toBe(0);
    expect(poissonCdf(-1, 2)).toBe(0);
    expect(poissonSf(-1, 2)).toBe(1);
    expect(poissonPmf(0, 2)).toBe(Math.exp(-2));
  });
});

describe("Student t vs mpmath (ν from 0.3 to 1e10)", () => {
  it("studentTCdf", () => run("studentTCdf", fx.studentT, "mpCdf", studentTCdf, BETA_TOL));
  it("studentTSf", () => run("studentTSf", fx.studentT, "mpSf", studentTSf, BETA_TOL));
  it("symmetry F(−t) = 1 − F(t) = sf(t), F(0) = ½, and ν → ∞ tends to Φ", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.1, max: 1e6, noNaN: true }),
        (t, nu) => {
          expect(studentTCdf(-t, nu)).toBe(studentTSf(t, nu));
          const c = studentTCdf(t, nu);
          expect(Math.abs(c + studentTSf(t, nu) - 1)).toBeLessThanOrEqual(64 * Number.EPSILON);
        },
      ),
      { seed: 33, numRuns: 1000 },
    );
    expect(studentTCdf(0, 3)).toBe(0.5);
    // Cauchy (ν = 1): F(t) = ½ + atan(t)/π.
    for (const t of [-50, -1, 0.3, 7]) {
      expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThanOrEqual(
        8 * Number.EPSILON,
      );
    }
    expect(Math.abs(studentTCdf(-2, 1e12) / normalCdf(-2) - 1)).toBeLessThan(1e-11);
  });
});

describe("chi-square, gamma and beta wrappers vs mpmath", () => {
  it("chiSquareCdf", () => run("chiSquareCdf", fx.chiSquare, "mpCdf", chiSquareCdf, GAMMA_TOL));
  it("chiSquareSf", () => run("chiSquareSf", fx.chiSquare, "mpSf", chiSquareSf, GAMMA_TOL));
  it("gammaCdf (with scale)", () => run("gammaCdf", fx.gamma, "mpCdf", gammaCdf, GAMMA_TOL));
  it("betaCdf", () => run("betaCdf", fx.beta, "mpCdf", betaCdf, BETA_TOL));
  it("sf = 1 − cdf, out-of-support x", () => {
    expect(Math.abs(gammaSf(3, 2, 1.5) + gammaCdf(3, 2, 1.5) - 1)).toBeLessThanOrEqual(
      4 * Number.EPSILON,
    );
    expect(Math.abs(betaSf(0.3, 2, 5) + betaCdf(0.3, 2, 5) - 1)).toBeLessThanOrEqual(
      4 * Number.EPSILON,
    );
    expect(gammaCdf(-1, 2)).toBe(0);
    expect(gammaSf(0, 2)).toBe(1);
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(chiSquareSf(-5, 3)).toBe(1);
    expect(betaCdf(-0.1, 2, 2)).toBe(0);
    expect(betaCdf(1.5, 2, 2)).toBe(1);
    expect(betaSf(1, 2, 2)).toBe(0);
    // χ²₂ is exponential with mean 2.
    expect(Math.abs(chiSquareSf(10, 2) / Math.exp(-5) - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });
});
