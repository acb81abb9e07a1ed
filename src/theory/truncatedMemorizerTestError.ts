import { assertInteger, assertProbabilityVector, InvalidParameterError } from "../util/validate.ts";

/** The expected test error of a learner trained on truncated data, split at its floor. */
export interface TruncatedError {
  /** Σ_{i>k} p_i: the lost tail, an error floor on every draw and every T. */
  readonly floor: number;
  /** Σ_{i≤k} p_i (1 − q_i)^T: the part that vanishes as T grows. */
  readonly excess: number;
  /** floor + excess. */
  readonly error: number;
}

/**
 * The expected test error on p of a memorising learner trained on T samples of the top-k
 * truncation q of p (q_i = p_i/P_k for the k most probable symbols, P_k = Σ_{i≤k} p_i, else 0):
 *
 *   E[err_T] = Σ_{i≤k} p_i (1 − q_i)^T + Σ_{i>k} p_i,
 *
 * and err_T ≥ Σ_{i>k} p_i surely (symbols beyond k are never drawn): the error plateaus at the
 * lost tail mass. docs/theory.md#tale-of-tails.
 *
 * Reference: Dohmatob, Feng, Yang, Charton, Kempe, "A tale of tails: model collapse as a change of
 * scaling laws", ICML 2024 (PMLR 235), §5 (tail cutting).
 *
 * @param p - the test distribution, sorted non-increasing (rank order, as a Zipf law)
 * @param k - symbols kept (an integer in [1, p.length])
 * @param T - training samples (an integer ≥ 0)
 */
export function truncatedMemorizerTestError(
  p: ArrayLike<number>,
  k: number,
  T: number,
): TruncatedError {
  const api = "truncatedMemorizerTestError";
  assertProbabilityVector(api, "p", p);
  for (let i = 1; i < p.length; i++) {
    if (p[i] > p[i - 1]) {
      throw new InvalidParameterError(
        api,
        `p[${i}]`,
        `must be ≤ p[${i - 1}] = ${p[i - 1]} (p sorted non-increasing)`,
        p[i],
      );
    }
  }
  assertInteger(api, "k", k, 1, p.length);
  assertInteger(api, "T", T, 0);
  let head = 0;
  for (let i = 0; i < k; i++) head += p[i];
  const floor = Math.max(0, 1 - head);
  let excess = 0;
  for (let i = 0; i < k; i++) excess += p[i] * (1 - p[i] / head) ** T;
  return { floor, excess, error: excess + floor };
}
