import fc from "fast-check";
import { assertPositive, InvalidParameterError } from "../../util/validate.ts";
import { uniformReal } from "./uniformReal.ts";

/** Options of {@link logUniformReal}. */
export interface LogUniformRealConstraints {
  /** Smallest value (inclusive), > 0. */
  min: number;
  /** Largest value (inclusive). */
  max: number;
  /** Where shrinking heads; in [min, max]. @defaultValue min */
  simplest?: number;
  /** Number of equal steps of ln x over [ln min, ln max]. @defaultValue 2^20 */
  steps?: number;
}

/**
 * A real whose logarithm is uniform on [ln min, ln max] — for scales spanning orders of
 * magnitude (sample sizes, rates, bandwidths), where a uniform draw would almost never visit the
 * small end. It is {@link uniformReal} on ln x, mapped back by exp (the range ends exactly);
 * shrinking moves toward `simplest`.
 */
export function logUniformReal(constraints: LogUniformRealConstraints): fc.Arbitrary<number> {
  const api = "logUniformReal";
  const { min, max } = constraints;
  assertPositive(api, "min", min);
  assertPositive(api, "max", max);
  if (!(max >= min)) throw new InvalidParameterError(api, "max", `must be >= min (${min})`, max);
  const simplest = constraints.simplest ?? min;
  if (!(simplest >= min && simplest <= max)) {
    throw new InvalidParameterError(api, "simplest", `must lie in [${min}, ${max}]`, simplest);
  }
  const steps = constraints.steps ?? 2 ** 20;
  if (!(Number.isSafeInteger(steps) && steps >= 1 && steps <= 2 ** 40)) {
    throw new InvalidParameterError(api, "steps", "must be an integer in [1, 2^40]", steps);
  }
  if (max === min) return fc.constant(min);
  const [lo, hi] = [Math.log(min), Math.log(max)];
  return uniformReal({ min: lo, max: hi, simplest: Math.log(simplest), steps }).map((y) =>
    y === lo ? min : y === hi ? max : Math.min(max, Math.max(min, Math.exp(y))),
  );
}
