/**
 * Exact binomial variates, following numpy's `Generator.binomial` (`random_binomial` in
 * numpy/random/src/distributions/distributions.c):
 *
 * - with p' = min(p, 1 − p) (the draw is flipped, X ↦ n − X, when p > 1/2);
 * - **inversion** (sequential search from 0, `random_binomial_inversion`) when n·p' ≤ 30;
 * - **BTPE** (Kachitvichyanukul & Schmeiser, "Binomial random variate generation",
 *   CACM 31(2), 1988; `random_binomial_btpe`) when n·p' > 30.
 *
 * The switch is numpy's (`p·n <= 30.0` inverts), so n·p' = 30 exactly uses inversion.
 *
 * Differences from numpy, all in floating-point evaluation only (the algorithms, their switch
 * and the uniforms they consume are the same):
 * - the inversion start (1 − p')^n is exp(n·log(1 − p')) evaluated by table-driven kernels
 *   ({@link log1pNegHalf}, {@link expNegSmall}; a few ulps, no cancellation for tiny p') instead
 *   of libm's exp(n·log(1 − p')), where forming 1 − p' first loses p''s low digits;
 * - the inversion guard, which restarts a search that rounding let run past the plausible range,
 *   is at n·p' + 5·(n·p'·q + 2) + 10 ({@link inversionBound}) instead of numpy's
 *   n·p' + 10·√(n·p'·q + 1): it is never lower, needs no square root, and the mass beyond it is
 *   below 1e-25 for every n·p' ≤ 30 (numpy's truncates up to ~1e-14);
 * - BTPE's final acceptance test evaluates its two logarithms of ratios close to 1 with `log1p`
 *   (the ratios minus 1 are exact integer quotients), keeping it accurate for n near 2^31.
 *
 * Limits: n is an integer in [0, 2^31 − 1] ({@link BINOMIAL_MAX_N}), so every result fits an
 * `Int32Array`. BTPE forms candidates as floor(xm − p1·v + u) in doubles, whose rounding is at the
 * scale of ulp(n) (≤ 2^-22 below 2^31, a negligible perturbation); it would grow beyond.
 *
 * Uniforms: 53-bit doubles from {@link RandomStream.nextDouble}. Inversion consumes one per
 * attempt, BTPE two per attempt.
 */
import type { RandomStream } from "../rng/randomStream.ts";
import { assertInteger, assertProbability, InvalidParameterError } from "../util/validate.ts";

/** Largest supported number of trials: 2^31 − 1. */
export const BINOMIAL_MAX_N = 2147483647;

/** numpy's switch: inversion when n·min(p, 1 − p) ≤ 30, BTPE above. */
export const BINOMIAL_INVERSION_MAX_MEAN = 30;

/** Per-(n, r) constants of BTPE (r = min(p, 1 − p) ≤ 1/2, n·r > 30). */
class BtpeSetup {
  n = -1;
  r = -1;
  q = 0;
  nrq = 0;
  fm = 0;
  m = 0;
  p1 = 0;
  xm = 0;
  xl = 0;
  xr = 0;
  c = 0;
  laml = 0;
  lamr = 0;
  p2 = 0;
  p3 = 0;
  p4 = 0;
  /** r / q, for the explicit pmf-ratio recursion. */
  s = 0;
  /** (n + 1)·r / q. */
  a = 0;
}

/** Fills `st` with the BTPE constants for (n, r), exactly as numpy's setup block. */
function btpeInit(st: BtpeSetup, n: number, r: number): void {
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const nrq = n * r * q;
  const p1 = Math.floor(2.195 * Math.sqrt(nrq) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  st.n = n;
  st.r = r;
  st.q = q;
  st.nrq = nrq;
  st.fm = fm;
  st.m = m;
  st.p1 = p1;
  st.xm = xm;
  st.xl = xl;
  st.xr = xr;
  st.c = c;
  st.laml = laml;
  st.lamr = lamr;
  st.p2 = p2;
  st.p3 = p3;
  st.p4 = p4;
  st.s = r / q;
  st.a = (n + 1) * st.s;
}

/** Stirling-series remainder used by BTPE's final test (numpy's inline polynomial). */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return (13680 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}

/** One BTPE draw of Binomial(st.n, st.r) (not flipped). */
function btpeSample(stream: RandomStream, st: BtpeSetup): number {
  const n = st.n;
  const r = st.r;
  const q = st.q;
  const nrq = st.nrq;
  const m = st.m;
  const p1 = st.p1;
  const xm = st.xm;
  const xl = st.xl;
  const xr = st.xr;
  const c = st.c;
  const laml = st.laml;
  const lamr = st.lamr;
  const p2 = st.p2;
  const p3 = st.p3;
  const p4 = st.p4;
  for (;;) {
    // Step 10: triangular region.
    const u = stream.nextDouble() * p4;
    let v = stream.nextDouble();
    let y: number;
    if (u <= p1) {
      return Math.floor(xm - p1 * v + u);
    }
    if (u <= p2) {
      // Step 20: parallelograms.
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // Step 30: left exponential tail.
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Step 40: right exponential tail.
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    // Step 50: acceptance test.
    const k = Math.abs(y - m);
    if (!(k > 20 && k < nrq / 2 - 1)) {
      // Explicit evaluation of f(y)/f(m) by the pmf-ratio recursion.
      const s = st.s;
      const a = st.a;
      let F = 1;
      if (m < y) {
        for (let i = m + 1; i <= y; i++) F *= a / i - s;
      } else if (m > y) {
        for (let i = y + 1; i <= m; i++) F /= a / i - s;
      }
      if (v > F) continue;
      return y;
    }
    // Step 52: squeeze on log f(y)/f(m), then the Stirling-based bound.
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const A = Math.log(v);
    if (A < t - rho) return y;
    if (A > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    // xm·log(f1/x1) and (n − m + 0.5)·log(z/w) with log1p: f1/x1 − 1 = (m − y)/x1 and
    // z/w − 1 = (y − m)/w exactly.
    const bound =
      xm * Math.log1p((m - y) / x1) +
      (n - m + 0.5) * Math.log1p((y - m) / w) +
      (y - m) * Math.log((w * r) / (x1 * q)) +
      stirlingTail(f1) +
      stirlingTail(z) +
      stirlingTail(x1) +
      stirlingTail(w);
    if (A > bound) continue;
    return y;
  }
}

/**
 * One inversion draw of Binomial(n, p) for p ≤ 1/2 given its constants: `qn` = (1 − p)^n,
 * `s` = p/(1 − p), `a` = (n + 1)·s, `bound` = the restart guard.
 */
function inversionSample(
  stream: RandomStream,
  qn: number,
  s: number,
  a: number,
  bound: number,
): number {
  let x = 0;
  let px = qn;
  let u = stream.nextDouble();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = stream.nextDouble();
    } else {
      u -= px;
      px *= a / x - s;
    }
  }
  return x;
}

/**
 * The inversion restart guard for (n, p) with mean np = n·p and q = 1 − p:
 * `np + 5·(np·q + 2) + 10`, which is at least numpy's `np + 10·√(np·q + 1)` plus 10 (as
 * 10·√y ≤ 5·(y + 1)) without a square root. The mass beyond it is below 1e-25 for every
 * np ≤ 30: it only bounds the work of a search that rounding would otherwise let run on.
 */
function inversionBound(n: number, np: number, q: number): number {
  return Math.min(n, Math.floor(np + 5 * (np * q + 2) + 10));
}

const LOG1P_TABLE_STEPS = 64;
/** log1p(−j/64) for j = 0…32. */
const LOG1P_NEG_TABLE = Float64Array.from({ length: 33 }, (_, j) => Math.log1p(-j / 64));

/**
 * log(1 − r) for 0 ≤ r ≤ 1/2, to a few ulps, without a libm call: with d = j/64 the nearest
 * table point, log(1 − r) = log(1 − d) + log1p(t), t = (d − r)/(1 − d), and
 * log1p(t) = 2·atanh(z) with z = t/(2 + t) = (d − r)/(2 − d − r), |z| ≤ 1/127 (five series
 * terms reach 1e-19). Exact in the sense of {@link Math.log1p}: no cancellation for tiny r.
 * @internal
 */
export function log1pNegHalf(r: number): number {
  const j = (r * LOG1P_TABLE_STEPS + 0.5) | 0;
  const d = j / LOG1P_TABLE_STEPS;
  const z = (d - r) / (2 - d - r);
  const z2 = z * z;
  return (
    LOG1P_NEG_TABLE[j] + 2 * z * (1 + z2 * (1 / 3 + z2 * (1 / 5 + z2 * (1 / 7 + z2 * (1 / 9)))))
  );
}

/** exp(−a) for a = 0…64. */
const EXP_TABLE_HI = Float64Array.from({ length: 65 }, (_, a) => Math.exp(-a));
/** exp(−b/64) for b = 0…63. */
const EXP_TABLE_MID = Float64Array.from({ length: 64 }, (_, b) => Math.exp(-b / 64));
/** exp(−c/4096) for c = 0…63. */
const EXP_TABLE_LO = Float64Array.from({ length: 64 }, (_, c) => Math.exp(-c / 4096));

/**
 * exp(y) for −64 ≤ y ≤ 0, to a few ulps (measured ≤ 2.5), without a libm call and with a short
 * dependency chain (it sits on the critical path of the multinomial loop): with
 * j = round(−4096·y) = 4096·a + 64·b + c and ρ = y + j/4096 (exact, |ρ| ≤ 2^-13),
 * exp(y) = e^−a · e^(−b/64) · e^(−c/4096) · e^ρ, the last by a degree-5 Taylor polynomial
 * (truncation below 1e-22 relative) in Estrin form.
 * @internal
 */
export function expNegSmall(y: number): number {
  const j = (0.5 - y * 4096) | 0;
  const rho = y + j * (1 / 4096);
  const r2 = rho * rho;
  const e = 1 + rho + r2 * (0.5 + rho * (1 / 6)) + r2 * r2 * (1 / 24 + rho * (1 / 120));
  return EXP_TABLE_HI[j >> 12] * EXP_TABLE_MID[(j >> 6) & 63] * (EXP_TABLE_LO[j & 63] * e);
}

const SCRATCH = new BtpeSetup();

/**
 * Binomial(n, r) for 0 < r ≤ 1/2 without validation (n ≥ 1 an integer). BTPE constants are
 * recomputed only when (n, r) differs from the previous BTPE call.
 */
function drawHalf(stream: RandomStream, n: number, r: number): number {
  const np = n * r;
  if (np <= BINOMIAL_INVERSION_MAX_MEAN) {
    const q = 1 - r;
    const s = r / q;
    return inversionSample(
      stream,
      expNegSmall(n * log1pNegHalf(r)),
      s,
      (n + 1) * s,
      inversionBound(n, np, q),
    );
  }
  const st = SCRATCH;
  if (st.n !== n || st.r !== r) btpeInit(st, n, r);
  return btpeSample(stream, st);
}

const MULTINOMIAL_SCRATCH = new BtpeSetup();

/**
 * The multinomial kernel, used by `multinomial.ts`. It lives here, next to the binomial code and
 * the exp/log tables it inlines, so that the hot loop reads no imported binding: under module
 * transforms that turn imports into property reads (tsx on CommonJS scripts, vitest's module
 * runner), importing those tables and constants measured ~1.5 µs slower per k = 100 draw; under
 * native ESM the placement makes no difference.
 *
 * Conditional binomials into `out[offset … offset + w.length)`: `w` holds finite non-negative
 * weights summing to `total`, n is an integer in [0, 2^31 − 1]. Cell i receives
 * Binomial(m, π) with m the trials left and π = w_i / (mass of the cells not yet visited); zero
 * weights are skipped without consuming randomness; the loop stops once m = 0; the last positive
 * cell gets the remainder, and so does a cell whose π rounding pushed to ≥ 1. Each binomial is
 * exactly {@link binomialUnchecked}'s algorithm (same uniforms).
 *
 * For speed, the quantities of the next positive cell that do not depend on the current count
 * (π, r = min(π, 1 − π), log(1 − r)) are computed before the current cell's search, off the
 * critical path; inversion is inlined; nothing is allocated.
 *
 * `out` may be `w` itself: each weight is read before its cell is written, and cells ahead of the
 * scan are only written when their weight is 0 or after the last read.
 *
 * Returns false (writing nothing) when n > 0 and no weight is positive.
 * @internal
 */
export function multinomialKernel(
  stream: RandomStream,
  n: number,
  w: ArrayLike<number>,
  total: number,
  out: Int32Array,
  offset: number,
): boolean {
  const k = w.length;
  let last = k - 1;
  while (last >= 0 && !(w[last] > 0)) last--;
  if (n === 0) {
    out.fill(0, offset, offset + k);
    return true;
  }
  if (last < 0) return false;
  // When `out` is not `w`, clear it at once (a memset) instead of cell by cell.
  const aliased = (out as ArrayLike<number>) === w;
  if (!aliased) out.fill(0, offset, offset + k);
  let i = 0;
  while (!(w[i] > 0)) {
    if (aliased) out[offset + i] = 0;
    i++;
  }
  let wi = w[i];
  let remaining = n;
  let mass = total;
  let pN = wi / mass;
  let rN = pN > 0.5 ? 1 - pN : pN;
  if (!(rN >= 0)) rN = 0;
  let lN = log1pNegHalf(rN);
  while (i < last) {
    if (!(wi < mass)) break;
    const p = pN;
    const r = rN;
    const logQ = lN;
    const m = remaining;
    // The next positive cell (one exists: w[last] > 0) and its count-independent quantities.
    const massNext = mass - wi;
    let j = i + 1;
    while (!(w[j] > 0)) j++;
    const wj = w[j];
    if (aliased) for (let z = i + 1; z < j; z++) out[offset + z] = 0;
    pN = wj / massNext;
    rN = pN > 0.5 ? 1 - pN : pN;
    if (!(rN >= 0)) rN = 0;
    lN = log1pNegHalf(rN);

    const np = m * r;
    let x: number;
    if (np <= 30) {
      // Inversion ({@link inversionSample}) inlined; the bound is {@link inversionBound}.
      const q = 1 - r;
      const s = r / q;
      const a = (m + 1) * s;
      const qn = expNegSmall(m * logQ);
      const guard = np + 5 * (np * q + 2) + 10;
      const bound = Math.min(guard, m);
      x = 0;
      let px = qn;
      let u = stream.nextDouble();
      while (u > px) {
        x++;
        if (x > bound) {
          x = 0;
          px = qn;
          u = stream.nextDouble();
        } else {
          u -= px;
          px *= a / x - s;
        }
      }
    } else {
      const st = MULTINOMIAL_SCRATCH;
      if (st.n !== m || st.r !== r) btpeInit(st, m, r);
      x = btpeSample(stream, st);
    }
    if (p > 0.5) x = m - x;
    out[offset + i] = x;
    remaining = m - x;
    if (remaining === 0) {
      if (aliased) out.fill(0, offset + i + 1, offset + k);
      return true;
    }
    mass = massNext;
    i = j;
    wi = wj;
  }
  out[offset + i] = remaining;
  if (aliased) out.fill(0, offset + i + 1, offset + k);
  return true;
}

/**
 * Binomial(n, p) without validation: the caller guarantees n an integer in [0, 2^31 − 1] and p in
 * [0, 1]. Same draws as {@link binomial}.
 */
export function binomialUnchecked(stream: RandomStream, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p <= 0.5) return drawHalf(stream, n, p);
  return n - drawHalf(stream, n, 1 - p);
}

function checkArgs(api: string, n: number, p: number): void {
  assertInteger(api, "n", n, 0, BINOMIAL_MAX_N);
  assertProbability(api, "p", p);
}

/**
 * A Binomial(n, p) variate: the number of successes in n independent trials of probability p.
 * n is an integer in [0, 2^31 − 1], p in [0, 1]; n = 0, p = 0 and p = 1 return 0, 0 and n
 * without consuming randomness.
 */
export function binomial(stream: RandomStream, n: number, p: number): number {
  checkArgs("binomial", n, p);
  return binomialUnchecked(stream, n, p);
}

/**
 * Fills `out` with independent Binomial(n, p) variates: exactly the values `out.length`
 * successive {@link binomial} calls would return, with the per-(n, p) setup computed once.
 */
export function fillBinomial(
  stream: RandomStream,
  out: Int32Array,
  n: number,
  p: number,
): Int32Array {
  const api = "fillBinomial";
  if (!(out instanceof Int32Array)) {
    throw new InvalidParameterError(api, "out", "must be an Int32Array", out);
  }
  checkArgs(api, n, p);
  const len = out.length;
  if (n === 0 || p === 0) return out.fill(0);
  if (p === 1) return out.fill(n);
  const flip = p > 0.5;
  const r = flip ? 1 - p : p;
  const np = n * r;
  if (np <= BINOMIAL_INVERSION_MAX_MEAN) {
    const q = 1 - r;
    const qn = expNegSmall(n * log1pNegHalf(r));
    const s = r / q;
    const a = (n + 1) * s;
    const bound = inversionBound(n, np, q);
    if (flip) {
      for (let i = 0; i < len; i++) out[i] = n - inversionSample(stream, qn, s, a, bound);
    } else {
      for (let i = 0; i < len; i++) out[i] = inversionSample(stream, qn, s, a, bound);
    }
  } else {
    const st = new BtpeSetup();
    btpeInit(st, n, r);
    if (flip) {
      for (let i = 0; i < len; i++) out[i] = n - btpeSample(stream, st);
    } else {
      for (let i = 0; i < len; i++) out[i] = btpeSample(stream, st);
    }
  }
  return out;
}
