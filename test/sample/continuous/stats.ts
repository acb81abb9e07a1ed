/**
 * Calibrated statistical checks shared by the continuous-sampler tests.
 *
 * Every check rejects with probability ALPHA = 1e-6 under the null hypothesis (the sampler is
 * exact), so a test file with m checks has false-alarm probability ≤ m·1e-6 (union bound).
 * - Moment checks use the normal approximation (CLT) to the sampling distribution of the mean or
 *   of the unbiased sample variance, with their exact variances from closed-form moments; the
 *   level is therefore asymptotic, accurate when n is large relative to the squared skewness of
 *   the summed terms (noted in the files where this is marginal).
 * - KS checks use `ksTest`'s exact/asymptotic distribution of D_n; chi-square checks use
 *   Pearson's statistic with cells pooled to expected counts ≥ 5 (Cochran's rule).
 */
import { expect } from "vitest";
import {
  chiSquareGofTest,
  ksTest,
  normalQuantile,
  poolSmallCells,
} from "../../../src/numeric/index.ts";
import { derive } from "../../../src/rng/derive.ts";
import type { RandomStream } from "../../../src/rng/randomStream.ts";

/** Per-check false-alarm probability. */
export const ALPHA = 1e-6;

/** Two-sided standard-normal critical value Φ⁻¹(1 − ALPHA/2) ≈ 4.8916. */
export const Z = normalQuantile(1 - ALPHA / 2);

/** The fixed stream for one check: `derive("test/sample/<sampler>", label)`, logged. */
export function seeded(sampler: string, label: string): RandomStream {
  const root = `test/sample/${sampler}`;
  console.log(`[seed] derive(${JSON.stringify(root)}, ${JSON.stringify(label)})`);
  return derive(root, label);
}

/** n, mean and unbiased variance (two-pass, compensated sums). */
export function summarize(x: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const n = x.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  const mean = (s + c) / n;
  let ss = 0;
  let cs = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const v = d * d;
    const t = ss + v;
    cs += ss >= v ? ss - t + v : v - t + ss;
    ss = t;
  }
  return { n, mean, variance: (ss + cs) / (n - 1) };
}

/** |x̄ − μ| ≤ Z·σ/√n. */
export function expectMean(x: ArrayLike<number>, mu: number, sigma2: number, label: string): void {
  const { n, mean } = summarize(x);
  const tol = Z * Math.sqrt(sigma2 / n) + 1e-12 * (Math.abs(mu) + Math.sqrt(sigma2));
  const dev = Math.abs(mean - mu);
  expect(dev, `${label}: mean ${mean} vs μ = ${mu}, |Δ| = ${dev} > tol ${tol}`).toBeLessThanOrEqual(
    tol,
  );
}

/**
 * |s² − σ²| ≤ Z·√Var(s²) with the exact Var(s²) = (μ₄ − σ⁴(n − 3)/(n − 1))/n of the unbiased
 * sample variance (μ₄ the fourth central moment).
 */
export function expectVariance(
  x: ArrayLike<number>,
  sigma2: number,
  mu4: number,
  label: string,
): void {
  const { n, variance } = summarize(x);
  const varS2 = (mu4 - (sigma2 * sigma2 * (n - 3)) / (n - 1)) / n;
  const tol = Z * Math.sqrt(varS2) + 1e-12 * sigma2;
  const dev = Math.abs(variance - sigma2);
  expect(
    dev,
    `${label}: variance ${variance} vs σ² = ${sigma2}, |Δ| = ${dev} > tol ${tol}`,
  ).toBeLessThanOrEqual(tol);
}

/**
 * Mean of bounded summands by Bernstein's inequality (non-asymptotic): if |Y − EY| ≤ M and
 * Var Y ≤ σ², then P(|Ȳ − EY| ≥ t) ≤ 2·exp(−n t²/(2σ² + 2Mt/3)); the tolerance t solves
 * that bound = ALPHA. Used for clipped heavy-tailed variates, where a CLT z-test of the plain
 * mean is miscalibrated (its false alarms come from single huge draws, not from the normal tail).
 */
export function expectBoundedMean(
  y: ArrayLike<number>,
  mu: number,
  sigma2Bound: number,
  rangeBound: number,
  label: string,
): void {
  const { n, mean } = summarize(y);
  const L = Math.log(2 / ALPHA);
  const b = (2 * rangeBound * L) / 3;
  const tol = (b + Math.sqrt(b * b + 8 * n * L * sigma2Bound)) / (2 * n) + 1e-12 * Math.abs(mu);
  const dev = Math.abs(mean - mu);
  expect(
    dev,
    `${label}: mean ${mean} vs ${mu}, |Δ| = ${dev} > Bernstein tol ${tol}`,
  ).toBeLessThanOrEqual(tol);
}

/** One-sample KS test against `cdf`, rejecting when p < ALPHA. */
export function expectKs(x: ArrayLike<number>, cdf: (x: number) => number, label: string): void {
  const r = ksTest(x, cdf);
  expect(
    r.pValue,
    `${label}: KS D = ${r.statistic} (n = ${r.n}), p = ${r.pValue} < ${ALPHA}`,
  ).toBeGreaterThanOrEqual(ALPHA);
}

/**
 * Pearson chi-square test of `observed` counts against cell probabilities `p` (summing to 1),
 * after pooling adjacent cells to expected counts ≥ 5; rejects when p < ALPHA. Returns the
 * pooled expected counts (for sanity checks on the cells' power).
 */
export function expectChiSquare(
  observed: ArrayLike<number>,
  p: ArrayLike<number>,
  label: string,
): { cells: number; statistic: number; pValue: number } {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += observed[i];
  let psum = 0;
  for (let i = 0; i < p.length; i++) psum += p[i];
  const expected = Float64Array.from(p, (q) => (q / psum) * total);
  const pooled = poolSmallCells(observed, expected, 5);
  const r = chiSquareGofTest(pooled.observed, pooled.expected);
  expect(
    r.pValue,
    `${label}: X² = ${r.statistic} on ${r.df} df, p = ${r.pValue} < ${ALPHA}; observed ${Array.from(
      pooled.observed,
    ).join(", ")}; expected ${Array.from(pooled.expected, (e) => e.toFixed(1)).join(", ")}`,
  ).toBeGreaterThanOrEqual(ALPHA);
  return { cells: pooled.observed.length, statistic: r.statistic, pValue: r.pValue };
}

/** Cell index of x for sorted, strictly increasing inner edges (cells = edges + 1). */
export function cellOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The fourth central moment from the variance and the excess kurtosis. */
export function mu4FromKurtosis(sigma2: number, excessKurtosis: number): number {
  return sigma2 * sigma2 * (3 + excessKurtosis);
}
