/**
 * Calibrated statistical checks shared by the discrete-sampler tests.
 *
 * Every check rejects with probability at most ALPHA = 1e-6 under the null hypothesis (the sampler
 * is exact), so a file with m checks has false-alarm probability ≤ m·1e-6 (union bound); each file
 * states its m.
 * - Moment checks: normal approximation (CLT) to the sample mean and to the unbiased sample
 *   variance, with their exact standard errors from closed-form moments:
 *   |x̄ − μ| ≤ z·σ/√N and |s² − σ²| ≤ z·√((μ₄ − σ⁴(N − 3)/(N − 1))/N), z = Φ⁻¹(1 − ALPHA/2).
 * - Chi-square checks: Pearson's statistic against the exact pmf, cells pooled left to right
 *   until every expected count is ≥ 5 (Cochran's rule, `poolSmallCells`), rejecting when
 *   p < ALPHA.
 */
import { expect } from "vitest";
import { chiSquareGofTest, normalQuantile, poolSmallCells } from "../../../src/numeric/index.ts";
import { derive } from "../../../src/rng/derive.ts";
import type { RandomStream } from "../../../src/rng/randomStream.ts";

/** Per-check false-alarm probability. */
export const ALPHA = 1e-6;

/** Two-sided standard-normal critical value Φ⁻¹(1 − ALPHA/2) ≈ 4.8916. */
export const Z = normalQuantile(1 - ALPHA / 2);

/** The fixed stream of one check: `derive("test/sample/discrete/<sampler>", label)`, logged. */
export function seeded(sampler: string, label: string): RandomStream {
  const root = `test/sample/discrete/${sampler}`;
  console.log(`[seed] derive(${JSON.stringify(root)}, ${JSON.stringify(label)})`);
  return derive(root, label);
}

/** Sample mean and unbiased variance (two passes; integer data, so plain sums are exact enough). */
export function summarize(x: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    ss += d * d;
  }
  return { n, mean, variance: ss / (n - 1) };
}

/** |x̄ − μ| ≤ Z·σ/√N. */
export function expectMean(x: ArrayLike<number>, mu: number, sigma2: number, label: string): void {
  const { n, mean } = summarize(x);
  const tol = Z * Math.sqrt(sigma2 / n) + 1e-12 * Math.abs(mu);
  const dev = Math.abs(mean - mu);
  expect(dev, `${label}: mean ${mean} vs μ = ${mu}, |Δ| = ${dev} > tol ${tol}`).toBeLessThanOrEqual(
    tol,
  );
}

/** |s² − σ²| ≤ Z·√Var(s²), Var(s²) = (μ₄ − σ⁴(N − 3)/(N − 1))/N exactly. */
export function expectVariance(
  x: ArrayLike<number>,
  sigma2: number,
  mu4: number,
  label: string,
): void {
  const { n, variance } = summarize(x);
  const varS2 = (mu4 - (sigma2 * sigma2 * (n - 3)) / (n - 1)) / n;
  const tol = Z * Math.sqrt(varS2) + 1e-9 * sigma2;
  const dev = Math.abs(variance - sigma2);
  expect(
    dev,
    `${label}: variance ${variance} vs σ² = ${sigma2}, |Δ| = ${dev} > tol ${tol}`,
  ).toBeLessThanOrEqual(tol);
}

/**
 * Pearson chi-square of observed counts against cell probabilities `prob` (which must sum to 1
 * within 1e-9: they come from exact pmfs and tails, so a larger gap is a bug, not rounding),
 * pooled to expected counts ≥ 5; rejects when p < ALPHA. Returns the number of pooled cells.
 */
export function expectChiSquare(
  observed: ArrayLike<number>,
  prob: ArrayLike<number>,
  label: string,
): { cells: number; pValue: number } {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += observed[i];
  let psum = 0;
  for (let i = 0; i < prob.length; i++) psum += prob[i];
  expect(Math.abs(psum - 1), `${label}: cell probabilities sum to ${psum}`).toBeLessThanOrEqual(
    1e-9,
  );
  const expected = Float64Array.from(prob, (q) => (q / psum) * total);
  const pooled = poolSmallCells(observed, expected, 5);
  const r = chiSquareGofTest(pooled.observed, pooled.expected);
  expect(
    r.pValue,
    `${label}: X² = ${r.statistic} on ${r.df} df, p = ${r.pValue} < ${ALPHA}`,
  ).toBeGreaterThanOrEqual(ALPHA);
  return { cells: pooled.observed.length, pValue: r.pValue };
}

/**
 * Chi-square of integer draws against a pmf on the window [lo, hi] plus the two tails
 * P(X < lo) and P(X > hi) as cells of their own (so nothing is truncated).
 */
export function expectIntegerChiSquare(
  x: ArrayLike<number>,
  pmf: (k: number) => number,
  lo: number,
  hi: number,
  below: number,
  above: number,
  label: string,
): { cells: number; pValue: number } {
  const w = hi - lo + 1;
  const observed = new Float64Array(w + 2);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < lo) observed[0]++;
    else if (v > hi) observed[w + 1]++;
    else observed[v - lo + 1]++;
  }
  const prob = new Float64Array(w + 2);
  prob[0] = below;
  for (let k = lo; k <= hi; k++) prob[k - lo + 1] = pmf(k);
  prob[w + 1] = above;
  return expectChiSquare(observed, prob, label);
}

/**
 * Chi-square of integer draws in bins [edges[j], edges[j + 1]) (integer edges, increasing),
 * plus the two tails, with bin probabilities from the cdf and survival function:
 * P(edges[0] ≤ X < edges[m]) pieces as cdf(e₁ − 1) − cdf(e₀ − 1), the lower tail cdf(e₀ − 1) and
 * the upper tail sf(e_m − 1) = P(X ≥ e_m). For distributions too wide for one cell per value.
 */
export function expectBinnedChiSquare(
  x: ArrayLike<number>,
  cdf: (k: number) => number,
  sf: (k: number) => number,
  edges: readonly number[],
  label: string,
): { cells: number; pValue: number } {
  const m = edges.length - 1;
  const observed = new Float64Array(m + 2);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    observed[lo]++;
  }
  const prob = new Float64Array(m + 2);
  prob[0] = cdf(edges[0] - 1);
  for (let j = 0; j < m; j++) prob[j + 1] = cdf(edges[j + 1] - 1) - cdf(edges[j] - 1);
  prob[m + 1] = sf(edges[m] - 1);
  return expectChiSquare(observed, prob, label);
}

/** Integer bin edges μ + σ·t for t = −6, −5.75, …, 6 (duplicates removed). */
export function normalGridEdges(mu: number, sigma: number): number[] {
  const edges: number[] = [];
  for (let t = -24; t <= 24; t++) {
    const e = Math.round(mu + (sigma * t) / 4);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}
