import { assertInteger, assertProbabilityVector } from "../util/validate.ts";
import { sureshGk } from "./sureshGk.ts";

/**
 * Suresh et al., Corollary 1: after k recursive MLE fits of a unigram (categorical) model to n
 * samples, the expected number of surviving symbols is at least
 *
 *   Σ_i (1 − exp(−n p_{0,i} g_k)),
 *
 * Theorem 1's lower bound ({@link sureshSurvivalBounds}) summed over symbols (g_k from
 * {@link sureshGk}). Tight to a few thousandths per symbol: compare it with the exact
 * {@link unigramExpectedSurvivors}. docs/theory.md#suresh-unigram-survivors.
 *
 * Reference: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 * AISTATS 2025 (PMLR 258), Corollary 1.
 *
 * @param p0 - the truth's probability vector
 * @param samples - n, samples per fit (an integer ≥ 1)
 * @param k - number of fits (an integer in [1, 1e8])
 */
export function sureshUnigramSurvivorBound(
  p0: ArrayLike<number>,
  samples: number,
  k: number,
): number {
  const api = "sureshUnigramSurvivorBound";
  assertProbabilityVector(api, "p0", p0);
  assertInteger(api, "samples", samples, 1);
  assertInteger(api, "k", k, 1, 1e8);
  const g = sureshGk(k);
  let bound = 0;
  for (let i = 0; i < p0.length; i++) bound += -Math.expm1(-samples * p0[i] * g);
  return bound;
}
