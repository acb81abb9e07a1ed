/**
 * Calibrated statistical checks shared by the sampler tests (`continuous/` and `discrete/`).
 *
 * Every check rejects with probability at most ALPHA = 1e-6 under the null hypothesis (the sampler
 * is exact), so a test file with m checks has false-alarm probability ≤ m·1e-6 (union bound); each
 * file states its m.
 * - Moment checks use the normal approximation (CLT) to the sampling distribution of the mean or
 *   of the unbiased sample variance, with their exact standard errors from closed-form moments:
 *   |x̄ − μ| ≤ Z·σ/√n and |s² − σ²| ≤ Z·√((μ₄ − σ⁴(n − 3)/(n − 1))/n), Z = Φ⁻¹(1 − ALPHA/2). The
 *   level is therefore asymptotic, accurate when n is large relative to the squared skewness of
 *   the summed terms (noted in the files where this is marginal).
 * - Bounded means (`expectBoundedMean`) use Bernstein's inequality: rigorous, non-asymptotic.
 * - KS checks use `ksTest`'s exact/asymptotic distribution of D_n.
 * - Chi-square checks use Pearson's statistic against exact cell probabilities, cells pooled left
 *   to right until every expected count is ≥ 5 (Cochran's rule, `poolSmallCells`), rejecting
 *   when p < ALPHA.
 *
 * The small floors added to the moment tolerances only absorb floating-point rounding (where the
 * statistical term is 0, i.e. σ² = 0); `expectMean` and `expectVariance` justify their size.
 */
import { expect } from "vitest";
import {
  chiSquareGofTest,
  ksTest,
  normalQuantile,
  poolSmallCells,
} from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/derive.ts";
import type { RandomStream } from "../../src/rng/randomStream.ts";

/** Per-check false-alarm probability. */
export const ALPHA = 1e-6;

/** Two-sided standard-normal critical value Φ⁻¹(1 − ALPHA/2) ≈ 4.8916. */
export const Z = normalQuantile(1 - ALPHA / 2);

/**
 * The fixed stream of one check: `derive("test/sample/<stream>", label)`, logged. `stream` is the
 * sampler's root below `test/sample/`: the bare sampler name for the continuous samplers
 * (`"beta"` → `test/sample/beta`) and `"discrete/<sampler>"` for the discrete ones
 * (`test/sample/discrete/binomial`) — the roots each family has always used, so every seed is
 * unchanged.
 */
export function seeded(stream: string, label: string): RandomStream {
  const root = `test/sample/${stream}`;
  console.log(`[seed] derive(${JSON.stringify(root)}, ${JSON.stringify(label)})`);
  return derive(root, label);
}

/**
 * n, mean and unbiased variance: two passes, each a Neumaier-compensated sum, so the result is
 * within a few ulps of the exact mean and variance of the data whatever its size or offset (e.g.
 * U[1e6, 1e6 + 0.5), where a plain sum of 2e5 terms loses digits). On integer data whose partial
 * sums stay below 2^53 the first pass is exact and its compensation term stays 0, so the mean is
 * the same as a plain sum's.
 */
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

/**
 * |x̄ − μ| ≤ Z·σ/√n + 1e-12·|μ|.
 *
 * The floor 1e-12·|μ| absorbs rounding where the statistical term cannot: when σ² = 0 (a
 * degenerate law) x̄ must equal μ up to the rounding of the closed-form μ and of the compensated
 * sum, a few ulps of |μ|. A σ-proportional floor (1e-12·σ) is not needed: the compensated mean's
 * rounding error beyond ulps of |x̄| is O(n·ε²·σ), and 1e-12·σ is below Z·σ/√n for every
 * n < (Z/1e-12)² ≈ 2.4e25, so such a term could never change an outcome.
 */
export function expectMean(x: ArrayLike<number>, mu: number, sigma2: number, label: string): void {
  const { n, mean } = summarize(x);
  const tol = Z * Math.sqrt(sigma2 / n) + 1e-12 * Math.abs(mu);
  const dev = Math.abs(mean - mu);
  expect(dev, `${label}: mean ${mean} vs μ = ${mu}, |Δ| = ${dev} > tol ${tol}`).toBeLessThanOrEqual(
    tol,
  );
}

/**
 * |s² − σ²| ≤ Z·√Var(s²) + 1e-12·σ², with the exact Var(s²) = (μ₄ − σ⁴(n − 3)/(n − 1))/n of the
 * unbiased sample variance (μ₄ the fourth central moment).
 *
 * The floor 1e-12·σ² covers the rounding of `summarize`'s compensated two-pass variance (a few ulps
 * of σ², relative error ~1e-15) and of the closed-form σ², with a wide margin. A floor of 1e-9·σ²
 * would be the worst-case relative error (n − 1)·ε of a *plain* running sum of n ≈ 9e6 squares;
 * `summarize` does not use one, so 1e-12 is the justified floor. (For σ² > 0 either floor is in
 * any case dwarfed by the statistical term: μ₄ ≥ σ⁴ gives Z·√Var(s²) ≥ Z·√2·σ²/n.)
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
 * that bound = ALPHA (plus the same 1e-12·|μ| rounding floor as `expectMean`). Used for clipped
 * heavy-tailed variates, where a CLT z-test of the plain mean is miscalibrated (its false alarms
 * come from single huge draws, not from the normal tail).
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

/** The fourth central moment from the variance and the excess kurtosis. */
export function mu4FromKurtosis(sigma2: number, excessKurtosis: number): number {
  return sigma2 * sigma2 * (3 + excessKurtosis);
}

/** One-sample KS test against `cdf`, rejecting when p < ALPHA. */
export function expectKs(x: ArrayLike<number>, cdf: (x: number) => number, label: string): void {
  const r = ksTest(x, cdf);
  expect(
    r.pValue,
    `${label}: KS D = ${r.statistic} (n = ${r.n}), p = ${r.pValue} < ${ALPHA}`,
  ).toBeGreaterThanOrEqual(ALPHA);
}

/** Result of a chi-square check: pooled cell count, Pearson's X² and its p-value. */
export interface ChiSquareResult {
  readonly cells: number;
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * Pearson chi-square test of `observed` counts against cell probabilities `prob`, after pooling
 * adjacent cells to expected counts ≥ 5; rejects when p < ALPHA. Returns the number of pooled
 * cells (for sanity checks on the cells' power), X² and p.
 *
 * `prob` must sum to 1 within 1e-9 (asserted): every caller builds it from an exact pmf or from
 * cdf/survival-function differences that telescope to 1, so a larger gap is a bug in the cells,
 * not rounding. The expected counts are then `prob / Σprob · total`, which absorbs the rounding.
 */
export function expectChiSquare(
  observed: ArrayLike<number>,
  prob: ArrayLike<number>,
  label: string,
): ChiSquareResult {
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
    `${label}: X² = ${r.statistic} on ${r.df} df, p = ${r.pValue} < ${ALPHA}; observed ${Array.from(
      pooled.observed,
    ).join(", ")}; expected ${Array.from(pooled.expected, (e) => e.toFixed(1)).join(", ")}`,
  ).toBeGreaterThanOrEqual(ALPHA);
  return { cells: pooled.observed.length, statistic: r.statistic, pValue: r.pValue };
}

/**
 * Cell index of x for sorted, strictly increasing inner edges (cells = edges + 1): the number of
 * edges ≤ x, so cell j is [edges[j − 1], edges[j]).
 */
export function cellOf(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Chi-square of integer draws against a pmf on the window [lo, hi], one cell per value, plus the
 * two tails P(X < lo) = `below` and P(X > hi) = `above` as cells of their own (so nothing is
 * truncated).
 */
export function expectIntegerChiSquare(
  x: ArrayLike<number>,
  pmf: (k: number) => number,
  lo: number,
  hi: number,
  below: number,
  above: number,
  label: string,
): ChiSquareResult {
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
): ChiSquareResult {
  const m = edges.length - 1;
  const observed = new Float64Array(m + 2);
  for (let i = 0; i < x.length; i++) observed[cellOf(edges, x[i])]++;
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
