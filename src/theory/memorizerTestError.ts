import { assertInteger, assertProbabilityVector } from "../util/validate.ts";

/**
 * The expected test error of a memorising learner trained on T samples of p (it errs on a test
 * symbol X ~ p iff X was not among its training samples):
 *
 *   E_test(T) = Σ_i p_i (1 − p_i)^T    (≍ T^{−(1 − 1/β)} for Zipf p_i ∝ i^{−β}).
 *
 * docs/theory.md#tale-of-tails; with truncated training data see
 * {@link truncatedMemorizerTestError}.
 *
 * Reference: Dohmatob, Feng, Yang, Charton, Kempe, "A tale of tails: model collapse as a change of
 * scaling laws", ICML 2024 (PMLR 235), §5.
 *
 * @param p - the test distribution
 * @param T - training samples (an integer ≥ 0)
 */
export function memorizerTestError(p: ArrayLike<number>, T: number): number {
  const api = "memorizerTestError";
  assertProbabilityVector(api, "p", p);
  assertInteger(api, "T", T, 0);
  let e = 0;
  for (let i = 0; i < p.length; i++) e += p[i] * (1 - p[i]) ** T;
  return e;
}
