import fc from "fast-check";
import { assertInteger, InvalidParameterError } from "../../util/validate.ts";

/** Options of {@link uniformInteger}. */
export interface UniformIntegerConstraints {
  /** Smallest value (inclusive). */
  min: number;
  /** Largest value (inclusive). */
  max: number;
  /** Where shrinking heads; in [min, max]. @defaultValue min */
  simplest?: number;
}

/**
 * An integer uniformly distributed on [min, max] (fast-check's `fc.integer` favours small
 * values and the range ends), shrinking toward `simplest`.
 */
export function uniformInteger(constraints: UniformIntegerConstraints): fc.Arbitrary<number> {
  const api = "uniformInteger";
  const { min, max } = constraints;
  assertInteger(api, "min", min);
  assertInteger(api, "max", max);
  if (!(max >= min)) throw new InvalidParameterError(api, "max", `must be >= min (${min})`, max);
  const simplest = constraints.simplest ?? min;
  assertInteger(api, "simplest", simplest, min, max);
  return fc
    .noBias(fc.integer({ min: min - simplest, max: max - simplest }))
    .map((k) => k + simplest);
}
