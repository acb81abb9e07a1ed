import fc from "fast-check";
import { InvalidParameterError } from "../../util/validate.ts";

/**
 * One of `values`, each with probability 1/n, shrinking toward the first (list the simplest
 * first). fast-check's `constantFrom` also shrinks to the first; this one states uniformity.
 */
export function choiceOf<T>(values: readonly T[]): fc.Arbitrary<T> {
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidParameterError("choiceOf", "values", "must be a non-empty array", values);
  }
  const copy = [...values];
  return fc.noBias(fc.integer({ min: 0, max: copy.length - 1 })).map((i) => copy[i]);
}
