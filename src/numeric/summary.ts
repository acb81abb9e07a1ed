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

/** A Float64Array copy of a sample, refusing NaN and non-numbers (named by `api`). */
function copyChecked(api: string, x: ArrayLike<number>): Float64Array {
  assertSample(api, x);
  const s = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new InvalidParameterError(api, `x[${i}]`, "must be a number (not NaN)", v);
    }
    s[i] = v;
  }
  return s;
}

function sortedCopy(api: string, x: ArrayLike<number>): Float64Array {
  return copyChecked(api, x).sort();
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
  const out = new Float64Array(qs.length);
  if (qs.length <= SELECT_MAX_QUANTILES && x.length >= SELECT_MIN_LENGTH) {
    // A few quantiles of a long sample (a KDE's interquartile range at every fit): the order
    // statistics they need by selection, O(n) instead of the sort's O(n log n).
    const s = copyChecked("quantiles", x);
    // In increasing q, each selection within the part right of the previous one.
    const order = Array.from({ length: qs.length }, (_, i) => i).sort((a, b) => qs[a] - qs[b]);
    let from = 0;
    for (const i of order) {
      const [value, lo] = selectedQuantile(s, qs[i], from);
      out[i] = value;
      from = lo;
    }
    return out;
  }
  const s = sortedCopy("quantiles", x);
  for (let i = 0; i < qs.length; i++) out[i] = sortedQuantile(s, qs[i]);
  return out;
}

/** {@link quantiles} selects instead of sorting for at most this many quantiles… */
const SELECT_MAX_QUANTILES = 5;
/** …of a sample at least this long. */
const SELECT_MIN_LENGTH = 64;

/**
 * {@link sortedQuantile} on unsorted data, by selecting the two order statistics it reads
 * (x₍⌊h⌋₎, then the smallest value above it): the same values, so the same result, except that a
 * zero order statistic may come out as −0 where the sort gives +0 or vice versa (they compare
 * equal; the sort orders −0 first). `s` must be partitioned at `from` (nothing right of it
 * smaller than anything left of it; true of any array for from = 0); the selection permutes
 * s[from…] and leaves s partitioned at the returned index ⌊h⌋ (returned with the quantile), so
 * a larger q continues from there.
 */
function selectedQuantile(s: Float64Array, q: number, from: number): [number, number] {
  const n = s.length;
  const h = (n - 1) * q;
  const lo = Math.min(Math.floor(h), n - 1);
  const a = selectInPlace(s, lo, from);
  let b = a;
  if (lo + 1 < n) {
    // After selection everything right of lo is ≥ s[lo]: the next order statistic is their min.
    b = s[lo + 1];
    for (let i = lo + 2; i < n; i++) if (s[i] < b) b = s[i];
  }
  const t = h - lo;
  if (t === 0 || a === b) return [a, lo];
  const diff = b - a;
  return [t >= 0.5 ? b - diff * (1 - t) : a + diff * t, lo];
}

/**
 * Rearranges s[from…] (which must hold the values of ranks from…, e.g. from = 0) so that s[k]
 * is the k-th smallest value of s (0-based, k ≥ from), everything before it ≤ s[k] and
 * everything after ≥ s[k], and returns s[k]: Hoare's FIND (CACM 4(7), 1961) with a
 * median-of-three pivot, in expected O(n); after 2·log₂n + 8 rounds without converging (an
 * adversarial order) it sorts the remaining range, so the worst case stays O(n log n). No NaN.
 */
function selectInPlace(s: Float64Array, k: number, from: number): number {
  let lo = from;
  let hi = s.length - 1;
  let rounds = 2 * Math.ceil(Math.log2(s.length + 1)) + 8;
  while (hi > lo) {
    if (rounds-- === 0) {
      s.subarray(lo, hi + 1).sort();
      return s[k];
    }
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot.
    let a = s[lo];
    let b = s[mid];
    let c = s[hi];
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    const pivot = b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (s[i] < pivot) i++;
      while (s[j] > pivot) j--;
      if (i <= j) {
        const t = s[i];
        s[i] = s[j];
        s[j] = t;
        i++;
        j--;
      }
    }
    // Now s[lo..j] ≤ pivot ≤ s[i..hi], and s[j+1..i−1] (if any) equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return s[k];
  }
  return s[k];
}
