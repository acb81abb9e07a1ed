import type { RandomStream } from "../rng/randomStream.ts";
import { assertPositive } from "../util/validate.ts";
import { checkOut, standardExponentialUnchecked } from "./exponential.ts";

function checkParameters(api: string, shape: number, scale: number): void {
  assertPositive(api, "shape", shape);
  assertPositive(api, "scale", scale);
}

/**
 * One Pareto type I variate on [scale, ∞): P(X > x) = (scale/x)^shape for x ≥ scale; mean
 * shape·scale/(shape − 1) for shape > 1, variance scale²·shape/((shape − 1)²(shape − 2)) for
 * shape > 2.
 *
 * Algorithm: inversion, scale·U^(−1/shape) = scale·exp(E/shape) with E = −ln U a standard
 * exponential (with an exact unbounded tail, so large values are not truncated at
 * U = 2^-53). Results beyond the largest double are +Infinity.
 *
 * Note: numpy's `Generator.pareto(a)` is the Lomax (Pareto II) form, which equals this
 * distribution minus 1 with scale 1: `pareto(stream, a) − 1` matches `numpy pareto(a)`.
 *
 * @throws InvalidParameterError unless `shape` and `scale` are finite and > 0.
 */
export function pareto(stream: RandomStream, shape: number, scale = 1): number {
  checkParameters("pareto", shape, scale);
  return scale * Math.exp(standardExponentialUnchecked(stream) / shape);
}

/**
 * Fills `out` with Pareto type I (shape, scale) variates; identical to calling {@link pareto}
 * `out.length` times. Validates once. Returns `out`.
 *
 * @throws InvalidParameterError unless `shape` and `scale` are finite and > 0 and `out` is a
 * Float64Array.
 */
export function fillPareto(
  stream: RandomStream,
  out: Float64Array,
  shape: number,
  scale = 1,
): Float64Array {
  const api = "fillPareto";
  checkOut(api, out);
  checkParameters(api, shape, scale);
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] = scale * Math.exp(standardExponentialUnchecked(stream) / shape);
  return out;
}
