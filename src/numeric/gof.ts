/**
 * Goodness-of-fit tests: one-sample Kolmogorov–Smirnov (with the exact/asymptotic distribution of
 * D_n) and Pearson's chi-square test, plus cell pooling for discrete samplers with long tails.
 */

import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import { chiSquareSf } from "./distributions.ts";
import { dbinomRaw, subtractProduct } from "./loader.ts";

// ---------------------------------------------------------------------------------------------
// Distribution of the two-sided KS statistic D_n
// ---------------------------------------------------------------------------------------------

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

/** x·2^e without intermediate overflow/underflow of 2^e. */
function ldexp(x: number, e: number): number {
  let v = x;
  let k = e;
  while (k > 1000) {
    v *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    v *= 2 ** -1000;
    k += 1000;
  }
  return v * 2 ** k;
}

/** C = A·B for m×m row-major matrices. */
function matMul(A: Float64Array, B: Float64Array, m: number): Float64Array {
  const C = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const ci = i * m;
    for (let l = 0; l < m; l++) {
      const a = A[ci + l];
      if (a === 0) continue;
      const bl = l * m;
      for (let j = 0; j < m; j++) C[ci + j] += a * B[bl + j];
    }
  }
  return C;
}

/**
 * P(D_n < d) by the Durbin matrix method as programmed by Marsaglia, Tsang & Wang,
 * "Evaluating Kolmogorov's distribution", J. Stat. Softw. 8(18), 2003: with d = (k − h)/n,
 * 0 ≤ h < 1, m = 2k − 1, P = n!/n^n · (H^n)_{kk} for the m×m matrix H of their eq. (2)
 * (power by squaring, with exponent scaling by 2^128). Exact up to rounding (~m·log₂n ulp).
 */
function kolmogorovCdfDurbin(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  // v[j] = (1 − h^{j+1})/(j+1)!, w[j] = 1/j!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    // H[i-1:, i] = w[: m - i + 1]
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let P: Float64Array | null = null; // running power (null = identity)
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  while (nn > 0) {
    if (nn % 2 === 1) {
      P = P === null ? H.slice() : matMul(P, H, m);
      expnt += hExpnt;
    }
    nn = Math.floor(nn / 2);
    if (nn === 0) break;
    H = matMul(H, H, m);
    hExpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] *= EM128;
      hExpnt += E128;
    }
  }
  let p = (P as Float64Array)[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  return Math.min(1, Math.max(0, ldexp(p, expnt)));
}

/**
 * Exact one-sided Smirnov tail P(D_n⁺ ≥ d) by the Birnbaum–Tingey (1951) formula
 * d·Σ_{j=0}^{⌊n(1−d)⌋} C(n, j)(d + j/n)^{j−1}(1 − d − j/n)^{n−j}. Each term is written as a
 * binomial probability b(j; n, d + j/n)/(d + j/n) and evaluated with Loader's saddle-point form, so
 * every term is relatively accurate; all terms are positive.
 */
function smirnovSf(n: number, d: number): number {
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const jmax = Math.floor(n * (1 - d));
  const nd = n * d;
  let sum = 0;
  for (let j = 0; j <= jmax; j++) {
    const p = d + j / n;
    const q = subtractProduct(n - j, n, d) / n; // 1 − d − j/n without cancellation
    if (q <= 0) continue;
    // j − n·p = −n·d exactly in real arithmetic.
    sum += dbinomRaw(j, n, p, q, -nd) / p;
  }
  return Math.min(1, d * sum);
}

/** ln(n!/nⁿ) by Stirling's series with n ln n removed analytically (scipy's _ksstats). */
function logFactorialOverPower(n: number): number {
  const r = 1 / n;
  const r2 = r * r;
  const s =
    r *
    (1 / 12 -
      r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
  return 0.5 * Math.log(n) - n + 0.9189385332046728 + s;
}

/**
 * P(D_n ≤ d) by the Pelz–Good (1976) asymptotic series
 * K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^{3/2}, z = d√n, in the theta-function form for small z
 * (as in Simard & L'Ecuyer 2011 and scipy's _kolmogn_PelzGood).
 */
function kolmogorovCdfPelzGood(n: number, d: number): number {
  const PI2 = Math.PI * Math.PI;
  const PI4 = PI2 * PI2;
  const PI6 = PI4 * PI2;
  const SQRT2PI = 2.5066282746310002;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -745) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  let K0 = 0;
  let K1 = 0;
  let K2 = 0;
  let K3 = 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    K0 = K0 * qp + 1;
    K1 = K1 * qp + (k1a + k1b * m2);
    K2 = K2 * qp + (k2a + k2b * m2 + k2c * m4);
    K3 = K3 * qp + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  K0 *= q * SQRT2PI;
  K1 *= q * SQRT2PI;
  K2 *= q * SQRT2PI;
  K3 *= q * SQRT2PI;
  K0 /= z;
  K1 /= 6 * z4;
  K2 /= 72 * z4 * z3;
  K3 /= 6480 * z4 * z6;
  q = Math.exp(-PI2 / 2 / z2);
  let s2 = 0;
  let s3 = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    const kpi = Math.PI * k;
    s2 += k2 * qk;
    s3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K2 += (s2 * PI2 * SQRT2PI) / (-36 * z3);
  K3 += (s3 * PI2 * SQRT2PI) / (216 * z6);
  const sn = Math.sqrt(n);
  return K0 + K1 / sn + K2 / n + K3 / (n * sn);
}

/**
 * Survival function P(D_n ≥ d) of the two-sided one-sample Kolmogorov–Smirnov statistic
 * D_n = sup|F_n − F| for a continuous F (scipy's `kstwo.sf`).
 *
 * Following Simard & L'Ecuyer, "Computing the two-sided Kolmogorov–Smirnov distribution",
 * J. Stat. Softw. 39(11), 2011 (and scipy's implementation of it), with t = nd:
 * - t ≤ 1 and t ≥ n − 1: the exact Ruben–Gambino formulas (P(D_n < d) = n!/nⁿ(2t − 1)ⁿ for
 *   ½ ≤ t ≤ 1; P(D_n ≥ d) = 2(1 − d)ⁿ for t ≥ n − 1);
 * - d ≥ ½: exactly 2·P(D_n⁺ ≥ d) (the two one-sided events are disjoint), Birnbaum–Tingey sum;
 * - n ≤ 140: exact Durbin matrix (Marsaglia–Tsang–Wang 2003) for nd² ≤ 4, where the tail is
 *   ≥ 6e-4; beyond, Miller's 2·P(D_n⁺ ≥ d), whose relative error (the probability of crossing
 *   both bands) is below e^{−6nd²} < 4e-11;
 * - n > 140: 0 for nd² ≥ 370, Miller for nd² ≥ 2.2, otherwise 1 − cdf with the Durbin matrix
 *   when n ≤ 1e5 and nd^{3/2} ≤ 1.4, and the Pelz–Good asymptotic series otherwise (about 5–7
 *   significant digits there, per Simard & L'Ecuyer).
 * @param d the statistic (any number except NaN; d ≤ 0 gives 1, d ≥ 1 gives 0).
 * @param n the sample size, an integer ≥ 1.
 */
export function kolmogorovSmirnovSf(d: number, n: number): number {
  if (typeof d !== "number" || Number.isNaN(d)) {
    throw new InvalidParameterError("kolmogorovSmirnovSf", "d", "must be a number (not NaN)", d);
  }
  assertInteger("kolmogorovSmirnovSf", "n", n, 1);
  return kolmogorovSmirnovSfUnchecked(d, n);
}

function kolmogorovSmirnovSfUnchecked(d: number, n: number): number {
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben–Gambino: P(D_n < d) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) ≤ d ≤ 1/n.
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return 1 - cdf;
  }
  if (t >= n - 1) return 2 * (1 - d) ** n;
  if (d >= 0.5) return Math.min(1, 2 * smirnovSf(n, d));
  const nxx = t * d;
  if (n <= 140) {
    if (nxx <= 4) return 1 - kolmogorovCdfDurbin(n, d);
    return Math.min(1, 2 * smirnovSf(n, d));
  }
  if (nxx >= 370) return 0;
  if (nxx >= 2.2) return Math.min(1, 2 * smirnovSf(n, d));
  const cdf =
    n <= 100_000 && n * d ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, d) : kolmogorovCdfPelzGood(n, d);
  return Math.min(1, Math.max(0, 1 - cdf));
}

/** Result of a one-sample Kolmogorov–Smirnov test. */
export interface KsTestResult {
  /** D_n = sup_x |F_n(x) − F(x)|. */
  statistic: number;
  /** Sample size. */
  n: number;
  /** P(D_n ≥ statistic) under the null (exact distribution, see {@link kolmogorovSmirnovSf}). */
  pValue: number;
}

/**
 * Two-sided one-sample Kolmogorov–Smirnov test of `sample` against the continuous cdf `cdf`:
 * D_n = max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n) over the sorted sample
 * (e.g. Conover, Practical Nonparametric Statistics, 3rd ed., §6.1), p = P(D_n ≥ D_n(obs)) from
 * {@link kolmogorovSmirnovSf} (scipy.stats.kstest with method="exact" semantics).
 * Sorts a copy; the input is never mutated.
 * @param sample non-empty, finite values (ties are allowed but violate the continuity assumption).
 * @param cdf the hypothesised cdf; must return a probability in [0, 1] at every sample point.
 */
export function ksTest(sample: ArrayLike<number>, cdf: (x: number) => number): KsTestResult {
  const api = "ksTest";
  if (sample === null || typeof sample !== "object" || typeof sample.length !== "number") {
    throw new InvalidParameterError(api, "sample", "must be an array-like of numbers", sample);
  }
  const n = sample.length;
  if (n === 0) throw new InvalidParameterError(api, "sample", "must be non-empty", sample);
  if (typeof cdf !== "function") {
    throw new InvalidParameterError(api, "cdf", "must be a function", cdf);
  }
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = sample[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidParameterError(api, `sample[${i}]`, "must be a finite number", v);
    }
    xs[i] = v;
  }
  xs.sort();
  let dMax = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    if (typeof f !== "number" || !(f >= 0 && f <= 1)) {
      throw new InvalidParameterError(
        api,
        `cdf(${xs[i]})`,
        "must return a probability in [0, 1]",
        f,
      );
    }
    const dPlus = (i + 1) / n - f;
    const dMinus = f - i / n;
    if (dPlus > dMax) dMax = dPlus;
    if (dMinus > dMax) dMax = dMinus;
  }
  return { statistic: dMax, n, pValue: kolmogorovSmirnovSfUnchecked(dMax, n) };
}

// ---------------------------------------------------------------------------------------------
// Pearson chi-square
// ---------------------------------------------------------------------------------------------

/** Result of Pearson's chi-square goodness-of-fit test. */
export interface ChiSquareGofResult {
  /** X² = Σ (O_i − E_i)²/E_i. */
  statistic: number;
  /** Degrees of freedom: cells − 1 − ddof. */
  df: number;
  /** P(χ²_df ≥ X²). */
  pValue: number;
}

/** Relative tolerance for Σ expected = Σ observed. */
const SUM_TOLERANCE = 1e-9;

function toCounts(
  api: string,
  name: string,
  values: ArrayLike<number>,
  strictlyPositive: boolean,
): Float64Array {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new InvalidParameterError(api, name, "must be an array-like of numbers", values);
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const ok = typeof v === "number" && Number.isFinite(v) && (strictlyPositive ? v > 0 : v >= 0);
    if (!ok) {
      throw new InvalidParameterError(
        api,
        `${name}[${i}]`,
        strictlyPositive ? "must be finite and > 0" : "must be finite and >= 0",
        v,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Pearson's chi-square goodness-of-fit test (Pearson 1900; e.g. Agresti, Categorical Data
 * Analysis, §1.5): X² = Σ_i (O_i − E_i)²/E_i, compared with χ² on cells − 1 − ddof degrees of
 * freedom; p = Q(df/2, X²/2) ({@link chiSquareSf}). Matches scipy.stats.chisquare.
 * The χ² approximation needs every E_i ≳ 5: pool sparse tails first with {@link poolSmallCells}.
 * @param observed counts, finite and ≥ 0.
 * @param expected expected counts (not probabilities), finite and > 0, same length, summing to
 *   Σ observed within 1e-9 relative.
 * @param options.ddof extra fitted parameters to subtract from df (integer ≥ 0, default 0);
 *   df must stay ≥ 1.
 */
export function chiSquareGofTest(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
  options?: { ddof?: number },
): ChiSquareGofResult {
  const api = "chiSquareGofTest";
  const o = toCounts(api, "observed", observed, false);
  const e = toCounts(api, "expected", expected, true);
  if (e.length !== o.length) {
    throw new InvalidParameterError(
      api,
      "expected",
      `must have the same length as observed (${o.length})`,
      expected,
    );
  }
  const ddof = options?.ddof ?? 0;
  assertInteger(api, "ddof", ddof);
  const df = o.length - 1 - ddof;
  if (df < 1) {
    throw new InvalidParameterError(
      api,
      "ddof",
      `must leave df = cells - 1 - ddof >= 1 (cells = ${o.length})`,
      ddof,
    );
  }
  let sumO = 0;
  let sumE = 0;
  for (let i = 0; i < o.length; i++) {
    sumO += o[i];
    sumE += e[i];
  }
  if (!(Math.abs(sumE - sumO) <= SUM_TOLERANCE * Math.max(sumO, sumE))) {
    throw new InvalidParameterError(
      api,
      "expected",
      `must sum to the observed total ${sumO} within ${SUM_TOLERANCE} relative (sum is ${sumE})`,
      expected,
    );
  }
  let stat = 0;
  for (let i = 0; i < o.length; i++) {
    const diff = o[i] - e[i];
    stat += (diff * diff) / e[i];
  }
  return { statistic: stat, df, pValue: chiSquareSf(stat, df) };
}

/**
 * Merges adjacent cells, in order, until every expected count is ≥ `minExpected` (Cochran's
 * rule for the chi-square approximation; Cochran, "Some methods for strengthening the common χ²
 * tests", Biometrics 10, 1954). Greedy left to right: a group is closed as soon as its expected
 * count reaches the threshold; a short remainder at the right end joins the last group. Totals
 * are preserved. If the grand total is below `minExpected` a single cell is returned.
 * @param observed counts, finite and ≥ 0.
 * @param expected expected counts, finite and ≥ 0 (zero-mass cells are merged away), same length,
 *   non-empty.
 * @param minExpected threshold, finite and > 0 (default 5).
 */
export function poolSmallCells(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
  minExpected = 5,
): { observed: Float64Array; expected: Float64Array } {
  const api = "poolSmallCells";
  const o = toCounts(api, "observed", observed, false);
  const e = toCounts(api, "expected", expected, false);
  if (e.length !== o.length) {
    throw new InvalidParameterError(
      api,
      "expected",
      `must have the same length as observed (${o.length})`,
      expected,
    );
  }
  if (o.length === 0)
    throw new InvalidParameterError(api, "observed", "must be non-empty", observed);
  if (typeof minExpected !== "number" || !Number.isFinite(minExpected) || !(minExpected > 0)) {
    throw new InvalidParameterError(api, "minExpected", "must be finite and > 0", minExpected);
  }
  const outO: number[] = [];
  const outE: number[] = [];
  let accO = 0;
  let accE = 0;
  for (let i = 0; i < o.length; i++) {
    accO += o[i];
    accE += e[i];
    if (accE >= minExpected) {
      outO.push(accO);
      outE.push(accE);
      accO = 0;
      accE = 0;
    }
  }
  if (accE > 0 || accO > 0 || outO.length === 0) {
    if (outO.length === 0) {
      outO.push(accO);
      outE.push(accE);
    } else {
      outO[outO.length - 1] += accO;
      outE[outE.length - 1] += accE;
    }
  }
  return { observed: Float64Array.from(outO), expected: Float64Array.from(outE) };
}
