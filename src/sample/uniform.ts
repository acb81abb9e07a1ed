import type { RandomStream } from "../rng/randomStream.ts";
import { assertFinite, InvalidParameterError } from "../util/validate.ts";
import { checkOut } from "./exponential.ts";

function checkParameters(api: string, low: number, high: number): number {
  assertFinite(api, "low", low);
  assertFinite(api, "high", high);
  if (!(high > low)) {
    throw new InvalidParameterError(api, "high", `must be > low (low = ${low})`, high);
  }
  const width = high - low;
  if (!Number.isFinite(width)) {
    throw new InvalidParameterError(
      api,
      "high",
      `must satisfy high - low <= Number.MAX_VALUE (low = ${low})`,
      high,
    );
  }
  return width;
}

function uniformUnchecked(stream: RandomStream, low: number, high: number, width: number): number {
  for (;;) {
    const x = low + width * stream.nextDouble();
    if (x < high) return x;
  }
}

/**
 * One variate uniform on the half-open interval [low, high).
 *
 * Algorithm: low + (high − low)·U with U the stream's 53-bit uniform on [0, 1) (multiples of
 * 2^-53). Rounding can carry the largest values up to `high` itself (e.g. low = 1, high = 2,
 * U = 1 − 2^-53 gives 2); such draws are rejected and redrawn, so the result is always < high.
 * The rejection probability is about ulp(high)/(2·(high − low)): 2^-53 for [1, 2), larger only
 * for intervals a few doubles wide. Resolution is 2^-53·(high − low), or the spacing of doubles
 * near the result if coarser; in intervals only a few doubles wide, rounding to nearest makes the
 * representable values unequally likely (e.g. [1, 1 + 4ε): 1/7, 2/7, 2/7, 2/7).
 *
 * @throws InvalidParameterError unless `low` and `high` are finite, high > low and high − low
 * does not overflow.
 */
export function uniform(stream: RandomStream, low = 0, high = 1): number {
  const width = checkParameters("uniform", low, high);
  return uniformUnchecked(stream, low, high, width);
}

/**
 * Fills `out` with variates uniform on [low, high); identical to calling {@link uniform}
 * `out.length` times. Validates once. Returns `out`.
 *
 * @throws InvalidParameterError as {@link uniform}, or if `out` is not a Float64Array.
 */
export function fillUniform(
  stream: RandomStream,
  out: Float64Array,
  low = 0,
  high = 1,
): Float64Array {
  const api = "fillUniform";
  checkOut(api, out);
  const width = checkParameters(api, low, high);
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = uniformUnchecked(stream, low, high, width);
  return out;
}
