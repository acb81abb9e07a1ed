/**
 * Uniform integers on an inclusive range, without modulo bias.
 *
 * - Ranges of at most 2^32 values: Lemire's multiply-and-reject ("Fast random integer generation
 *   in an interval", ACM TOMACS 29(1), 2019): one 32-bit word `x`, the 64-bit product `x · s`
 *   (computed exactly in 16-bit limbs); its high word is the result unless its low word falls
 *   below `2^32 mod s`, in which case the word is redrawn. Expected words per draw < 2.
 * - Larger ranges (up to 2^53 values): a 53-bit integer `u` from {@link RandomStream.nextDouble}
 *   (exactly `nextDouble() · 2^53`), rejected when `u ≥ 2^53 − (2^53 mod s)`, then `u mod s`.
 *   The rejection probability is below 1/2 and exactly zero for s = 2^53.
 */
import type { RandomStream } from "../rng/randomStream.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

const TWO_POW_16 = 65536;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const INV_TWO_POW_16 = 1 / 65536;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Largest number of values an inclusive range may hold: 2^53. */
export const UNIFORM_INT_MAX_RANGE = TWO_POW_53;

/**
 * Lemire's method for a range of `s` values, 1 ≤ s < 2^32: returns an integer uniform on [0, s).
 * `t = 2^32 mod s` is only computed on the rare slow path.
 */
function lemire32(stream: RandomStream, s: number): number {
  let x = stream.nextUint32();
  // Exact 64-bit product x·s = hi·2^32 + lo from 16-bit limbs of x (each partial product < 2^48).
  let xl = x & 0xffff;
  let t = xl * s;
  let tHi = Math.floor(t * INV_TWO_POW_16);
  let u = (x >>> 16) * s + tHi;
  let hi = Math.floor(u * INV_TWO_POW_16);
  let lo = (u - hi * TWO_POW_16) * TWO_POW_16 + (t - tHi * TWO_POW_16);
  if (lo < s) {
    const threshold = (TWO_POW_32 - s) % s;
    while (lo < threshold) {
      x = stream.nextUint32();
      xl = x & 0xffff;
      t = xl * s;
      tHi = Math.floor(t * INV_TWO_POW_16);
      u = (x >>> 16) * s + tHi;
      hi = Math.floor(u * INV_TWO_POW_16);
      lo = (u - hi * TWO_POW_16) * TWO_POW_16 + (t - tHi * TWO_POW_16);
    }
  }
  return hi;
}

/** Uniform on [0, s) for 2^32 < s ≤ 2^53 by 53-bit rejection. */
function wide53(stream: RandomStream, s: number): number {
  const limit = TWO_POW_53 - (TWO_POW_53 % s);
  let u = stream.nextDouble() * TWO_POW_53;
  while (u >= limit) u = stream.nextDouble() * TWO_POW_53;
  return u % s;
}

/** Uniform on [0, s) for 1 ≤ s ≤ 2^53 (s an integer; no validation). */
function offset(stream: RandomStream, s: number): number {
  if (s < TWO_POW_32) return s === 1 ? 0 : lemire32(stream, s);
  if (s === TWO_POW_32) return stream.nextUint32();
  return wide53(stream, s);
}

/**
 * A uniform integer in [0, s) without validation (s an integer in [1, 2^53]): exactly
 * `uniformInt(stream, 0, s − 1)`, same words.
 *
 * @internal For hot loops of the samplers and models (a KDE's component index); not public API.
 */
export function uniformIndexUnchecked(stream: RandomStream, s: number): number {
  return offset(stream, s);
}

function checkRange(api: string, low: number, high: number, min: number, max: number): void {
  assertInteger(api, "low", low, min, max);
  assertInteger(api, "high", high, min, max);
  if (low > high) {
    throw new InvalidParameterError(api, "high", `must be >= low (${low})`, high);
  }
  if (high - low >= TWO_POW_53) {
    throw new InvalidParameterError(
      api,
      "high",
      `must satisfy high - low + 1 <= 2^53 (low is ${low})`,
      high,
    );
  }
}

/**
 * A uniform integer on `[low, high]` (both inclusive). `low` and `high` are safe integers with at
 * most 2^53 values between them (`high − low < 2^53`). Consumes one 32-bit word per attempt for
 * ranges of at most 2^32 values (none when `low === high`), two words per attempt above.
 */
export function uniformInt(stream: RandomStream, low: number, high: number): number {
  checkRange("uniformInt", low, high, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  return low + offset(stream, high - low + 1);
}

/**
 * Fills `out` with independent uniform integers on `[low, high]`, exactly the values that
 * `out.length` successive {@link uniformInt} calls would return. Both bounds must be int32.
 */
export function fillUniformInt(
  stream: RandomStream,
  out: Int32Array,
  low: number,
  high: number,
): Int32Array {
  const api = "fillUniformInt";
  if (!(out instanceof Int32Array)) {
    throw new InvalidParameterError(api, "out", "must be an Int32Array", out);
  }
  checkRange(api, low, high, INT32_MIN, INT32_MAX);
  const s = high - low + 1;
  const len = out.length;
  if (s === 1) {
    out.fill(low);
  } else if (s < TWO_POW_32) {
    for (let i = 0; i < len; i++) out[i] = low + lemire32(stream, s);
  } else {
    for (let i = 0; i < len; i++) out[i] = low + stream.nextUint32();
  }
  return out;
}
