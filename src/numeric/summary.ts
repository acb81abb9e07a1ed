/**
 * Summary statistics of a sample: mean, variance, standard deviation and quantiles, for any
 * `ArrayLike<number>` (number[], Float64Array, Int32Array, …). Plain loops, no allocation except
 * the sorted copy that quantiles need.
 */

import { assertInteger, InvalidParameterError } from "../util/validate.ts";

function assertSample(api: string, x: ArrayLike<number>): void {
  if (x === null || typeof x !== "object" || typeof x.length !== "number") {
    throw new InvalidParameterError(api, "x", "must be an array-like of numbers", x);
  }
  if (x.length === 0) throw new InvalidParameterError(api, "x", "must be non-empty", x);
}

/** Neumaier-compensated sum of x (error ~2ε·Σ|x_i| instead of nε·Σ|x_i|); throws on NaN. */
function checkedSum(api: string, x: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new InvalidParameterError(api, `x[${i}]`, "must be a number (not NaN)", v);
    }
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Arithmetic mean x̄ = (1/n)Σ x_i, with a Neumaier-compensated sum (Neumaier 1974; Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., §4.3).
 * @param x non-empty, no NaN (±∞ propagate per IEEE 754).
 */
export function mean(x: ArrayLike<number>): number {
  assertSample("mean", x);
  return checkedSum("mean", x) / x.length;
}

function assertDdof(api: string, ddof: number, n: number): void {
  assertInteger(api, "ddof", ddof);
  if (ddof >= n) {
    throw new InvalidParameterError(api, "ddof", `must be < the sample size ${n}`, ddof);
  }
}

/**
 * Variance Σ(x_i − x̄)²/(n − ddof) by the corrected two-pass algorithm
 * s = [Σ(x_i − x̄)² − (Σ(x_i − x̄))²/n]/(n − ddof) (Chan, Golub & LeVeque, "Algorithms for
 * computing the sample variance", Am. Stat. 37, 1983, eq. 1.7), which is stable even when the
 * mean is large relative to the spread. ddof = 0: population (numpy default, mathjs
 * 'uncorrected'); ddof = 1: unbiased sample variance (mathjs 'unbiased').
 * @param x non-empty, no NaN.
 * @param ddof delta degrees of freedom, an integer in [0, n − 1] (default 0).
 */
export function variance(x: ArrayLike<number>, ddof = 0): number {
  return meanVariance(x, ddof, "variance").variance;
}

/**
 * Mean and variance in two passes (the mean pass is shared): the same values as {@link mean}
 * and {@link variance}, for fits that need both (one pass fewer than calling each).
 * @param x non-empty, no NaN.
 * @param ddof delta degrees of freedom, an integer in [0, n − 1] (default 0).
 */
export function meanVariance(
  x: ArrayLike<number>,
  ddof = 0,
  api = "meanVariance",
): { mean: number; variance: number } {
  assertSample(api, x);
  const n = x.length;
  assertDdof(api, ddof, n);
  const m = checkedSum(api, x) / n;
  let ss = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
    s += d;
  }
  const v = (ss - (s * s) / n) / (n - ddof);
  return { mean: m, variance: Math.max(v, 0) };
}

/**
 * Standard deviation √variance(x, ddof) (see {@link variance}).
 * @param x non-empty, no NaN.
 * @param ddof delta degrees of freedom, an integer in [0, n − 1] (default 0).
 */
export function standardDeviation(x: ArrayLike<number>, ddof = 0): number {
  assertSample("standardDeviation", x);
  assertDdof("standardDeviation", ddof, x.length);
  return Math.sqrt(variance(x, ddof));
}

function sortedCopy(api: string, x: ArrayLike<number>): Float64Array {
  assertSample(api, x);
  const s = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new InvalidParameterError(api, `x[${i}]`, "must be a number (not NaN)", v);
    }
    s[i] = v;
  }
  return s.sort();
}

function assertQ(api: string, name: string, q: number): void {
  if (typeof q !== "number" || !(q >= 0 && q <= 1)) {
    throw new InvalidParameterError(api, name, "must be a probability in [0, 1]", q);
  }
}

/**
 * Type-7 quantile of sorted data (Hyndman & Fan, "Sample quantiles in statistical packages",
 * Am. Stat. 50, 1996, definition 7; numpy's default `method="linear"`): h = (n − 1)q,
 * Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), with numpy's two-sided lerp (b − (b − a)(1 − t) for
 * t ≥ ½) so results match numpy bit for bit in the usual case.
 */
function sortedQuantile(s: Float64Array, q: number): number {
  const n = s.length;
  const h = (n - 1) * q;
  const lo = Math.min(Math.floor(h), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = s[lo];
  const b = s[hi];
  if (t === 0 || a === b) return a;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The q-quantile of x by linear interpolation between order statistics (Hyndman & Fan
 * definition 7, numpy's default). Sorts a copy; the input is not mutated.
 * @param x non-empty, no NaN.
 * @param q probability in [0, 1].
 */
export function quantile(x: ArrayLike<number>, q: number): number {
  assertQ("quantile", "q", q);
  return sortedQuantile(sortedCopy("quantile", x), q);
}

/**
 * Several type-7 quantiles of x at once (one sort). See {@link quantile}.
 * @param x non-empty, no NaN.
 * @param qs probabilities in [0, 1].
 * @returns a Float64Array with one entry per element of qs.
 */
export function quantiles(x: ArrayLike<number>, qs: ArrayLike<number>): Float64Array {
  if (qs === null || typeof qs !== "object" || typeof qs.length !== "number") {
    throw new InvalidParameterError("quantiles", "qs", "must be an array-like of numbers", qs);
  }
  for (let i = 0; i < qs.length; i++) assertQ("quantiles", `qs[${i}]`, qs[i]);
  const s = sortedCopy("quantiles", x);
  const out = new Float64Array(qs.length);
  for (let i = 0; i < qs.length; i++) out[i] = sortedQuantile(s, qs[i]);
  return out;
}
