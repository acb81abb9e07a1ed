import { assertProbabilityVector } from "../util/validate.ts";

/**
 * Simpson's index of a categorical distribution, the probability that two independent draws
 * agree:
 *
 *   S(p) = Σ_i p_i²        (heterozygosity H = 1 − S).
 *
 * Under categorical-MLE replace E[S_t] = 1 − (1 − 1/M)^t (1 − S_0) (docs/theory.md#heterozygosity);
 * with fresh data it follows {@link freshDataSimpsonRecursion}.
 *
 * Reference: Simpson, "Measurement of diversity", Nature 163, 688 (1949).
 *
 * @param p - a probability vector
 */
export function simpsonIndex(p: ArrayLike<number>): number {
  assertProbabilityVector("simpsonIndex", "p", p);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * p[i];
  return s;
}
