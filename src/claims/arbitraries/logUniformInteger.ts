import fc from "fast-check";
import { assertInteger, InvalidParameterError } from "../../util/validate.ts";
import { logUniformReal } from "./logUniformReal.ts";

/** Options of {@link logUniformInteger}. */
export interface LogUniformIntegerConstraints {
  /** Smallest value (inclusive), ≥ 1. */
  min: number;
  /** Largest value (inclusive). */
  max: number;
  /** Where shrinking heads; in [min, max]. @defaultValue min */
  simplest?: number;
}

/**
 * An integer whose logarithm is spread uniformly over [min, max] — for sizes spanning orders of
 * magnitude (sample sizes M, support sizes k), where a uniform draw would almost never visit the
 * small end: n is a log-uniform real on [min − ½, max + ½] rounded to the nearest integer, so
 * P(n) = ln((n + ½)/(n − ½)) / ln((max + ½)/(min − ½)), the range ends included at full weight
 * (rounding a log-uniform draw on [min, max] would give them half). Shrinks toward `simplest`.
 */
export function logUniformInteger(constraints: LogUniformIntegerConstraints): fc.Arbitrary<number> {
  const api = "logUniformInteger";
  const { min, max } = constraints;
  assertInteger(api, "min", min, 1);
  assertInteger(api, "max", max);
  if (!(max >= min)) throw new InvalidParameterError(api, "max", `must be >= min (${min})`, max);
  const simplest = constraints.simplest ?? min;
  assertInteger(api, "simplest", simplest, min, max);
  if (max === min) return fc.constant(min);
  return logUniformReal({ min: min - 0.5, max: max + 0.5, simplest }).map((x) =>
    Math.min(max, Math.max(min, Math.round(x))),
  );
}
