import fc from "fast-check";
import { assertFinite, InvalidParameterError } from "../../util/validate.ts";

/** Options of {@link uniformReal}. */
export interface UniformRealConstraints {
  /** Smallest value (inclusive). */
  min: number;
  /** Largest value (inclusive). */
  max: number;
  /**
   * Where shrinking heads: the setting a counterexample is simplest at (often the cheapest to
   * simulate, or the textbook case). Must lie in [min, max]. @defaultValue min
   */
  simplest?: number;
  /** Number of equal steps the range is divided into (values lie on this grid). @defaultValue 2^20 */
  steps?: number;
}

/**
 * A real uniformly distributed on [min, max] — in value, not in fast-check's default sense,
 * which favours the range ends and tiny magnitudes (`fc.double` over [−10, 10] yields 1e-283).
 * Values lie on a grid of `steps` equal steps (≈ 1e-6 of the range by default), so every value
 * prints exactly and no denormal appears; shrinking moves toward `simplest`, not toward a range
 * end. Drawn as an unbiased integer offset k from `simplest`, x = simplest + k·(max − min)/steps.
 */
export function uniformReal(constraints: UniformRealConstraints): fc.Arbitrary<number> {
  const api = "uniformReal";
  const { min, max } = constraints;
  assertFinite(api, "min", min);
  assertFinite(api, "max", max);
  if (!(max >= min)) throw new InvalidParameterError(api, "max", `must be >= min (${min})`, max);
  const simplest = constraints.simplest ?? min;
  assertFinite(api, "simplest", simplest);
  if (!(simplest >= min && simplest <= max)) {
    throw new InvalidParameterError(api, "simplest", `must lie in [${min}, ${max}]`, simplest);
  }
  const steps = constraints.steps ?? 2 ** 20;
  if (!(Number.isSafeInteger(steps) && steps >= 1 && steps <= 2 ** 40)) {
    throw new InvalidParameterError(api, "steps", "must be an integer in [1, 2^40]", steps);
  }
  if (max === min) return fc.constant(min);
  const h = (max - min) / steps;
  // Grid index of `simplest` (rounded onto the grid), and the offsets that keep x in range.
  const s = Math.round((simplest - min) / h);
  return fc
    .noBias(fc.integer({ min: -s, max: steps - s }))
    .map((k) => (k + s === steps ? max : min + (k + s) * h));
}
