/**
 * Bounded Zipf (power-law) variates on {1, …, k} with P(i) ∝ i^−s, s ≥ 0 (s = 0 is uniform).
 *
 * Algorithm: rejection-inversion of W. Hörmann & G. Derflinger, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6(3), 169–184 (1996), in the form of
 * Apache Commons RNG's `RejectionInversionZipfSampler`: the hat is the integral H of
 * h(x) = x^−s over [i − ½, i + ½] cells; one 53-bit uniform u on (H(1.5) − 1, H(k + ½)] is
 * inverted to x = H⁻¹(u), rounded to i, and accepted when i − x ≤ c (a constant squeeze) or
 * u ≥ H(i + ½) − h(i). O(1) memory, O(1) setup, expected O(1) uniforms per draw uniformly in k
 * and s (acceptance is bounded below for all s ≥ 0).
 *
 * H(x) = ((x^(1−s) − 1)/(1 − s)), written as log(x)·expm1r((1 − s)·log x) with
 * expm1r(t) = (e^t − 1)/t, and H⁻¹(y) = exp(log1pr(y·(1 − s))·y) with log1pr(t) = log(1 + t)/t,
 * both with series near t = 0 so that s = 1 (and its neighbourhood) is exact.
 */
import type { RandomStream } from "../rng/randomStream.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/** Largest supported support size: 2^31 − 1 (results are stored in Int32Array). */
export const ZIPF_MAX_K = 2147483647;

/** Largest k accepted by {@link zipfProbabilities} (the table is a Float64Array of k entries). */
export const ZIPF_PROBABILITIES_MAX_K = 67108864;

/** (e^t − 1)/t, continuous at 0. */
function expm1r(t: number): number {
  if (Math.abs(t) > 1e-8) return Math.expm1(t) / t;
  return 1 + t * 0.5 * (1 + t * (1 / 3) * (1 + 0.25 * t));
}

/** log(1 + t)/t, continuous at 0. */
function log1pr(t: number): number {
  if (Math.abs(t) > 1e-8) return Math.log1p(t) / t;
  return 1 - t * (0.5 - t * (1 / 3 - 0.25 * t));
}

/** Per-(k, s) constants of the rejection-inversion sampler. */
class ZipfSetup {
  k = 0;
  s = 0;
  /** H(1.5) − 1. */
  hX1 = 0;
  /** H(k + ½). */
  hK = 0;
  /** The squeeze constant 2 − H⁻¹(H(2.5) − h(2)). */
  squeeze = 0;
}

function hIntegral(x: number, s: number): number {
  const logX = Math.log(x);
  return expm1r((1 - s) * logX) * logX;
}

function h(x: number, s: number): number {
  return Math.exp(-s * Math.log(x));
}

function hIntegralInverse(y: number, s: number): number {
  let t = y * (1 - s);
  if (t < -1) t = -1;
  return Math.exp(log1pr(t) * y);
}

/** Fills `st` with the constants for (k, s). */
function zipfInit(st: ZipfSetup, k: number, s: number): void {
  st.k = k;
  st.s = s;
  st.hX1 = hIntegral(1.5, s) - 1;
  st.hK = hIntegral(k + 0.5, s);
  st.squeeze = 2 - hIntegralInverse(hIntegral(2.5, s) - h(2, s), s);
}

/** One rejection-inversion draw in {1, …, st.k}. */
function zipfSample(stream: RandomStream, st: ZipfSetup): number {
  const k = st.k;
  const s = st.s;
  const hK = st.hK;
  const span = st.hX1 - hK;
  for (;;) {
    // u is uniform on (H(1.5) − 1, H(k + ½)].
    const u = hK + stream.nextDouble() * span;
    const x = hIntegralInverse(u, s);
    let i = Math.floor(x + 0.5);
    if (i < 1) i = 1;
    else if (i > k) i = k;
    if (i - x <= st.squeeze || u >= hIntegral(i + 0.5, s) - h(i, s)) return i;
  }
}

const SCRATCH = new ZipfSetup();

function checkArgs(api: string, k: number, s: number, maxK: number): void {
  assertInteger(api, "k", k, 1, maxK);
  if (typeof s !== "number" || !Number.isFinite(s) || !(s >= 0)) {
    throw new InvalidParameterError(api, "s", "must be finite and >= 0", s);
  }
}

/**
 * A Zipf(k, s) variate: i in {1, …, k} with probability i^−s / Σ_{j ≤ k} j^−s. k is an integer in
 * [1, 2^31 − 1], s ≥ 0 finite. Constants are recomputed only when (k, s) changes.
 */
export function zipf(stream: RandomStream, k: number, s: number): number {
  checkArgs("zipf", k, s, ZIPF_MAX_K);
  const st = SCRATCH;
  if (st.k !== k || st.s !== s) zipfInit(st, k, s);
  return zipfSample(stream, st);
}

/**
 * Fills `out` with independent Zipf(k, s) variates: exactly the values `out.length` successive
 * {@link zipf} calls would return, with the setup computed once.
 */
export function fillZipf(stream: RandomStream, out: Int32Array, k: number, s: number): Int32Array {
  const api = "fillZipf";
  if (!(out instanceof Int32Array)) {
    throw new InvalidParameterError(api, "out", "must be an Int32Array", out);
  }
  checkArgs(api, k, s, ZIPF_MAX_K);
  const st = new ZipfSetup();
  zipfInit(st, k, s);
  for (let i = 0; i < out.length; i++) out[i] = zipfSample(stream, st);
  return out;
}

/**
 * The exact Zipf(k, s) pmf as a Float64Array: entry i − 1 is i^−s / Σ_{j ≤ k} j^−s. The
 * normalising sum is accumulated from the smallest term up with Neumaier's compensated summation,
 * so it is correct to about one rounding for any k; each entry is then correctly rounded up to
 * that one division. k is an integer in [1, 2^26], s ≥ 0 finite.
 */
export function zipfProbabilities(k: number, s: number): Float64Array {
  checkArgs("zipfProbabilities", k, s, ZIPF_PROBABILITIES_MAX_K);
  const p = new Float64Array(k);
  for (let i = 0; i < k; i++) p[i] = s === 0 ? 1 : (i + 1) ** -s;
  let sum = 0;
  let comp = 0;
  for (let i = k - 1; i >= 0; i--) {
    const v = p[i];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) comp += sum - t + v;
    else comp += v - t + sum;
    sum = t;
  }
  const total = sum + comp;
  for (let i = 0; i < k; i++) p[i] /= total;
  return p;
}
