import { assertInteger, assertProbabilityVector, InvalidParameterError } from "../util/validate.ts";
import { truncatedMemorizerTestError } from "./truncatedMemorizerTestError.ts";

/**
 * The training size at which a memorising learner's expected error has come down to a level: the
 * smallest T ≥ 1 with
 *
 *   excess(T) = Σ_{i≤k} p_i (1 − q_i)^T ≤ level,
 *
 * q the top-k truncation of p (k = p.length: untruncated, excess = Σ p_i(1 − p_i)^T, the whole
 * error; otherwise the error above its floor Σ_{i>k} p_i, see {@link truncatedMemorizerTestError}).
 * excess(T) decreases in T, so doubling then bisection finds it in O(log T) evaluations.
 * docs/theory.md#tale-of-tails.
 *
 * Reference: Dohmatob, Feng, Yang, Charton, Kempe, "A tale of tails: model collapse as a change of
 * scaling laws", ICML 2024 (PMLR 235), §5.
 *
 * @param p - the test distribution, sorted non-increasing
 * @param level - the target excess, > 0
 * @param k - symbols kept by the truncation (an integer in [1, p.length]) @defaultValue p.length
 */
export function memorizerHorizon(p: ArrayLike<number>, level: number, k = p.length): number {
  const api = "memorizerHorizon";
  assertProbabilityVector(api, "p", p);
  if (!(level > 0) || !Number.isFinite(level)) {
    throw new InvalidParameterError(api, "level", "must be finite and > 0", level);
  }
  assertInteger(api, "k", k, 1, p.length);
  const ok = (T: number) => truncatedMemorizerTestError(p, k, T).excess <= level;
  let hi = 1;
  while (!ok(hi)) {
    hi *= 2;
    if (hi > 2 ** 52)
      throw new InvalidParameterError(api, "level", "is not reached by T ≤ 2^52", level);
  }
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
