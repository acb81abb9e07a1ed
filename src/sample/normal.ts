import type { RandomStream } from "../rng/randomStream.ts";
import { assertFinite, assertPositive } from "../util/validate.ts";
import {
  buildZiggurat,
  checkOut,
  copyZigguratTables,
  standardExponentialUnchecked,
  type ZigguratTables,
} from "./exponential.ts";

/*
 * Ziggurat for the standard normal (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000), 256 layers on
 * the unnormalised density f(x) = exp(−x²/2), built by `buildZiggurat` (see exponential.ts for
 * the layer layout and the 53-bit construction). Here the first word also supplies the sign
 * (bit 8), and the tail beyond r is Marsaglia's exact method (Technometrics 6, 1964):
 * x = E₁/r, y = E₂ with E standard exponentials, accept when 2y > x², return r + x.
 */

const TWO_POW_32 = 4294967296;

function density(x: number): number {
  return Math.exp(-0.5 * x * x);
}

/**
 * Common layer area v = r·f(r) + ∫_r^∞ f for f(x) = exp(−x²/2). The tail integral is
 * exp(−r²/2)·R(r) with Mills' ratio R from Laplace's continued fraction
 * R(r) = 1/(r + 1/(r + 2/(r + 3/(r + …)))), evaluated backwards from 400 terms (converged to double
 * precision for r ≥ 2; the bisection stays in [3, 4.5]).
 */
function layerArea(r: number): number {
  let t = r;
  for (let k = 400; k >= 1; k--) t = r + k / t;
  return density(r) * (r + 1 / t);
}

const ZIGGURAT = buildZiggurat(density, (y) => Math.sqrt(-2 * Math.log(y)), layerArea, 3, 4.5);
const R = ZIGGURAT.r;
const KI = ZIGGURAT.ki;
const WI = ZIGGURAT.wi;
const FI = ZIGGURAT.fi;
/**
 * Signed widths indexed by the low 9 bits of the first word (layer | sign << 8):
 * WS[j] = ±WI[j & 0xff].
 * Applying the sign by table lookup instead of a branch on a random bit avoids a 50 % branch
 * misprediction per draw (about 3 ns on the reference machine).
 */
const WS = new Float64Array(512);
for (let j = 0; j < 512; j++) WS[j] = j < 256 ? WI[j] : -WI[j - 256];

/**
 * The normal ziggurat's constants, generated at module load from the defining equations.
 *
 * @internal For tests; the returned arrays are copies.
 */
export function normalZigguratTables(): ZigguratTables {
  return copyZigguratTables(ZIGGURAT);
}

/**
 * Continues a ziggurat draw whose fast test failed: layer `a & 0xff`, sign bit `a & 0x100`,
 * 53-bit magnitude `m`. Loops with fresh words until a point is accepted.
 */
function normalSlow(stream: RandomStream, a0: number, m0: number): number {
  let a = a0;
  let m = m0;
  for (;;) {
    const idx = a & 0xff;
    const negative = (a & 0x100) !== 0;
    const x = m * WI[idx];
    if (m < KI[idx]) return negative ? -x : x;
    if (idx === 0) {
      if (x < R) return negative ? -x : x;
      for (;;) {
        const xx = standardExponentialUnchecked(stream) / R;
        const yy = standardExponentialUnchecked(stream);
        if (yy + yy > xx * xx) return negative ? -(R + xx) : R + xx;
      }
    }
    if (FI[idx] + stream.nextDouble() * (FI[idx - 1] - FI[idx]) < Math.exp(-0.5 * x * x)) {
      return negative ? -x : x;
    }
    a = stream.nextInt32();
    m = (a >>> 11) * TWO_POW_32 + (stream.nextInt32() >>> 0);
  }
}

/**
 * A standard normal variate without validation (ziggurat, see {@link normal}).
 *
 * @internal Exported for the other samplers in `src/sample`; not part of the public API.
 */
export function standardNormalUnchecked(stream: RandomStream): number {
  const a = stream.nextInt32();
  const m = (a >>> 11) * TWO_POW_32 + (stream.nextInt32() >>> 0);
  if (m < KI[a & 0xff]) return m * WS[a & 0x1ff];
  return normalSlow(stream, a, m);
}

function checkParameters(api: string, mean: number, sd: number): void {
  assertFinite(api, "mean", mean);
  assertPositive(api, "sd", sd);
}

/**
 * One Normal(mean, sd²) variate: mean + sd·Z.
 *
 * Algorithm: Marsaglia & Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) with 256 layers,
 * r = 3.6541528853610088, tables generated at module load from the defining equations; two
 * 32-bit words give the layer, the sign and a 53-bit magnitude (numpy's Generator uses the same
 * layout on one 64-bit word, with 52 bits); exact wedge rejection against exp(−x²/2) and
 * Marsaglia's exact tail method beyond r. About 2.03 words per variate on average.
 *
 * @throws InvalidParameterError unless `mean` is finite and `sd` finite and > 0.
 */
export function normal(stream: RandomStream, mean = 0, sd = 1): number {
  checkParameters("normal", mean, sd);
  return mean + sd * standardNormalUnchecked(stream);
}

/**
 * Fills `out` with Normal(mean, sd²) variates; identical to calling {@link normal} `out.length`
 * times. Validates once; the ziggurat's fast path is inlined. Returns `out`.
 *
 * @throws InvalidParameterError unless `mean` is finite, `sd` finite and > 0, and `out` a
 * Float64Array.
 */
export function fillNormal(
  stream: RandomStream,
  out: Float64Array,
  mean = 0,
  sd = 1,
): Float64Array {
  const api = "fillNormal";
  checkOut(api, out);
  checkParameters(api, mean, sd);
  const ki = KI;
  const ws = WS;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = stream.nextInt32();
    const m = (a >>> 11) * TWO_POW_32 + (stream.nextInt32() >>> 0);
    let z: number;
    if (m < ki[a & 0xff]) z = m * ws[a & 0x1ff];
    else z = normalSlow(stream, a, m);
    out[i] = mean + sd * z;
  }
  return out;
}

/**
 * Fills `out` with a normal mixture's draws grouped by component, given how many come from each:
 * counts[j] variates Normal(means[j], variances[j]) for j = 0, 1, …, in that order — exactly what
 * successive {@link fillNormal} calls on consecutive slices of `out` would write (same words, same
 * arithmetic mean + sd·Z with sd = √variance), without a slice and a call per component: a
 * kernel density estimate has as many components as points. Σ counts must equal `out.length`.
 *
 * @internal For the mixture sampler (`sampleUnivariate`); not part of the public API.
 * @throws InvalidParameterError, as {@link fillNormal}, for a drawn component whose mean is not
 * finite or whose variance is not finite and > 0.
 */
export function fillNormalByCounts(
  stream: RandomStream,
  out: Float64Array,
  counts: Int32Array,
  means: ArrayLike<number>,
  variances: ArrayLike<number>,
): Float64Array {
  const ki = KI;
  const ws = WS;
  let pos = 0;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j];
    if (c === 0) continue;
    const mean = means[j];
    const sd = Math.sqrt(variances[j]);
    if (!(sd > 0 && sd < Infinity && Math.abs(mean) < Infinity)) {
      checkParameters("fillNormal", mean, sd);
    }
    const end = pos + c;
    for (; pos < end; pos++) {
      const a = stream.nextInt32();
      const m = (a >>> 11) * TWO_POW_32 + (stream.nextInt32() >>> 0);
      let z: number;
      if (m < ki[a & 0xff]) z = m * ws[a & 0x1ff];
      else z = normalSlow(stream, a, m);
      out[pos] = mean + sd * z;
    }
  }
  return out;
}
