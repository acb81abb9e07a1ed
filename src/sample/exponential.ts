import type { RandomStream } from "../rng/randomStream.ts";
import { assertPositive, InvalidParameterError } from "../util/validate.ts";

/*
 * Ziggurats with 256 layers on doubles (Marsaglia & Tsang, "The Ziggurat Method for Generating
 * Random Variables", J. Stat. Softw. 5(8), 2000), shared by `exponential` and `normal`.
 *
 * For a decreasing unnormalised density f on [0, ∞) with f(0) = 1 the layers are
 * x_0 = 0 < x_1 < … < x_255 = r: layer i ≥ 1 is the rectangle [0, x_i) × [f(x_i), f(x_{i−1})),
 * layer 0 is the base strip [0, r) × [0, f(r)) plus the tail x ≥ r, drawn as a rectangle of
 * pseudo-width q = v/f(r). Every layer has area v = r·f(r) + ∫_r^∞ f, and r is the root of the
 * closure condition that the recurrence x_{i−1} = f⁻¹(f(x_i) + v/x_i) reaches x_0 = 0 after 255
 * steps, found here by bisection down to adjacent doubles.
 *
 * A draw uses two 32-bit words a, b (the layout of numpy Generator's 64-bit draws): layer
 * i = a & 0xff and a 53-bit integer m = (a >>> 11)·2^32 + b, so x = m·x_i/2^53 is uniform on [0, x_i). If
 * m < k_i = ⌊2^53·x_{i−1}/x_i⌋ the point lies under the curve and x is returned (about 99 % of
 * draws; k_1 = 0 because layer 1 is the cap). Otherwise: layer 0 returns x if x < r and a tail
 * variate if not; layer i ≥ 1 accepts x iff f(x_i) + U·(f(x_{i−1}) − f(x_i)) < f(x), evaluated
 * with the exact density; a rejected point starts over with fresh words.
 */

const LAYERS = 256;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_MINUS_53 = 1 / TWO_POW_53;

/** The constants and tables of a 256-layer ziggurat (see the comment at the top of the file). */
export interface ZigguratTables {
  /** Start of the tail, x_255. */
  readonly r: number;
  /** Common area of every layer under the unnormalised density (f(0) = 1). */
  readonly v: number;
  /** Pseudo-width of the base layer, v/f(r). */
  readonly q: number;
  /** Layer edges x_0 = 0 < … < x_255 = r. */
  readonly x: Float64Array;
  /** Acceptance thresholds on the 53-bit magnitude: ⌊2^53·x_{i−1}/x_i⌋, index 0: ⌊2^53·r/q⌋. */
  readonly ki: Float64Array;
  /** Layer widths scaled by 2^-53: x_i·2^-53, index 0: q·2^-53. */
  readonly wi: Float64Array;
  /** f(x_i), index 0: f(x_0) = 1. */
  readonly fi: Float64Array;
  /** f(x_1) + v/x_1 − 1 for the chosen r: how exactly the cap closes at x_0 = 0. */
  readonly closureResidual: number;
}

/**
 * Builds a 256-layer ziggurat from its defining equations: `f` the unnormalised density with
 * f(0) = 1, `fInverse` its inverse on (0, 1], `layerArea(r)` = r·f(r) + ∫_r^∞ f, and a bracket
 * [rLow, rHigh] of the tail start.
 *
 * @internal Used by the exponential and normal samplers and their tests.
 */
export function buildZiggurat(
  f: (x: number) => number,
  fInverse: (y: number) => number,
  layerArea: (r: number) => number,
  rLow: number,
  rHigh: number,
): ZigguratTables {
  // > 0 (or +1 when a layer overshoots the mode early) means r is too small, < 0 too large.
  const residual = (r: number): number => {
    const v = layerArea(r);
    let x = r;
    for (let i = LAYERS - 1; i >= 2; i--) {
      const y = f(x) + v / x;
      if (!(y < 1)) return 1;
      x = fInverse(y);
    }
    return f(x) + v / x - 1;
  };
  let lo = rLow;
  let hi = rHigh;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (residual(mid) > 0) lo = mid;
    else hi = mid;
  }
  const r = Math.abs(residual(lo)) <= Math.abs(residual(hi)) ? lo : hi;
  const v = layerArea(r);
  const q = v / f(r);
  const x = new Float64Array(LAYERS);
  const ki = new Float64Array(LAYERS);
  const wi = new Float64Array(LAYERS);
  const fi = new Float64Array(LAYERS);
  x[LAYERS - 1] = r;
  for (let i = LAYERS - 1; i >= 2; i--) x[i - 1] = fInverse(f(x[i]) + v / x[i]);
  x[0] = 0;
  for (let i = 1; i < LAYERS; i++) {
    ki[i] = Math.floor((TWO_POW_53 * x[i - 1]) / x[i]);
    wi[i] = x[i] * TWO_POW_MINUS_53;
    fi[i] = f(x[i]);
  }
  ki[0] = Math.floor((TWO_POW_53 * r) / q);
  wi[0] = q * TWO_POW_MINUS_53;
  fi[0] = 1;
  return { r, v, q, x, ki, wi, fi, closureResidual: residual(r) };
}

/** Copies of a ziggurat's tables, so tests cannot corrupt the live ones. */
export function copyZigguratTables(t: ZigguratTables): ZigguratTables {
  return { ...t, x: t.x.slice(), ki: t.ki.slice(), wi: t.wi.slice(), fi: t.fi.slice() };
}

/** Exponential ziggurat: f(x) = e^(−x), v = e^(−r)·(r + 1); r ≈ 7.69711747013105. */
const EXP_ZIGGURAT = buildZiggurat(
  (x) => Math.exp(-x),
  (y) => -Math.log(y),
  (r) => Math.exp(-r) * (r + 1),
  6,
  9,
);
const RE = EXP_ZIGGURAT.r;
const KE = EXP_ZIGGURAT.ki;
const WE = EXP_ZIGGURAT.wi;
const FE = EXP_ZIGGURAT.fi;

/**
 * The exponential ziggurat's constants, generated at module load from the defining equations.
 *
 * @internal For tests; the returned arrays are copies.
 */
export function exponentialZigguratTables(): ZigguratTables {
  return copyZigguratTables(EXP_ZIGGURAT);
}

/**
 * Continues an exponential ziggurat draw whose fast test failed (layer `idx0`, magnitude `m0`),
 * drawing fresh words until a point is accepted. The tail x ≥ r is r plus a fresh exponential
 * (memorylessness), accumulated in `shift`, so the tail is exact and unbounded.
 */
function exponentialSlow(stream: RandomStream, idx0: number, m0: number): number {
  let idx = idx0;
  let m = m0;
  let shift = 0;
  for (;;) {
    const x = m * WE[idx];
    if (m < KE[idx]) return shift + x;
    if (idx === 0) {
      if (x < RE) return shift + x;
      shift += RE;
    } else if (FE[idx] + stream.nextDouble() * (FE[idx - 1] - FE[idx]) < Math.exp(-x)) {
      return shift + x;
    }
    const a = stream.nextInt32();
    m = (a >>> 11) * TWO_POW_32 + (stream.nextInt32() >>> 0);
    idx = a & 0xff;
  }
}

/**
 * A standard exponential variate (rate 1) without validation: the building block of the other
 * continuous samplers. Ziggurat, see {@link exponential}.
 *
 * @internal Exported for the other samplers in `src/sample`; not part of the public API.
 */
export function standardExponentialUnchecked(stream: RandomStream): number {
  const a = stream.nextInt32();
  const m = (a >>> 11) * TWO_POW_32 + (stream.nextInt32() >>> 0);
  const idx = a & 0xff;
  if (m < KE[idx]) return m * WE[idx];
  return exponentialSlow(stream, idx, m);
}

function checkRate(api: string, rate: number): void {
  assertPositive(api, "rate", rate);
}

/**
 * One Exponential(rate) variate (mean 1/rate, density rate·e^(−rate·x) on [0, ∞)).
 *
 * Algorithm: Marsaglia & Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) for e^(−x) with 256
 * layers, r ≈ 7.69711747013105, tables generated at module load from the defining equations;
 * a 53-bit magnitude from two 32-bit words (as numpy's Generator), exact wedge
 * rejection against e^(−x), and an exact unbounded tail r + Exp(1) by memorylessness. About
 * 2.02 words per variate on average. The result is E/rate.
 *
 * @throws InvalidParameterError unless `rate` is finite and > 0.
 */
export function exponential(stream: RandomStream, rate = 1): number {
  checkRate("exponential", rate);
  return standardExponentialUnchecked(stream) / rate;
}

/**
 * Fills `out` with Exponential(rate) variates; identical to calling {@link exponential}
 * `out.length` times. Validates once. Returns `out`.
 *
 * @throws InvalidParameterError unless `rate` is finite and > 0 and `out` is a Float64Array.
 */
export function fillExponential(stream: RandomStream, out: Float64Array, rate = 1): Float64Array {
  const api = "fillExponential";
  checkOut(api, out);
  checkRate(api, rate);
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = standardExponentialUnchecked(stream) / rate;
  return out;
}

/**
 * Checks that a fill target is a Float64Array.
 *
 * @internal Shared by the samplers in `src/sample`.
 */
export function checkOut(api: string, out: unknown): void {
  if (!(out instanceof Float64Array)) {
    throw new InvalidParameterError(api, "out", "must be a Float64Array", out);
  }
}
