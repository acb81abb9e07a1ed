import { assertInteger } from "../util/validate.ts";

/**
 * Suresh et al.'s g_k, the k-fold iterate of g(x) = 1 − e^{−x} applied to ∞:
 *
 *   g_1 = 1,   g_{j+1} = 1 − e^{−g_j}        (g_2 = 0.632…, g_k ∈ [1/k, 3/k], g_k ~ 2/k).
 *
 * A symbol of initial probability p_0 survives k recursive fits to n samples with probability
 * about 1 − exp(−n p_0 g_k): see {@link sureshSurvivalBounds} and
 * docs/theory.md#suresh-bernoulli-survival.
 *
 * Reference: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 * AISTATS 2025 (PMLR 258), Theorem 1.
 *
 * @param k - number of fits, an integer in [1, 1e8] (the cost is k steps)
 */
export function sureshGk(k: number): number {
  assertInteger("sureshGk", "k", k, 1, 1e8);
  let g = 1;
  // expm1 keeps full relative accuracy as g_k → 0 (1 − e^{−g} would cancel).
  for (let j = 1; j < k; j++) g = -Math.expm1(-g);
  return g;
}
