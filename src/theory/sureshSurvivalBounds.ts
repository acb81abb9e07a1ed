import { assertInteger, assertProbability } from "../util/validate.ts";
import { sureshGk } from "./sureshGk.ts";

/** Lower and upper bounds on a probability. */
export interface ProbabilityBounds {
  readonly lower: number;
  /** Not clipped at 1: callers decide whether a bound above 1 is worth stating. */
  readonly upper: number;
}

/**
 * Suresh et al., Theorem 1: for the Bernoulli chain P_0 = p_0, P_j = Binomial(n, P_{j−1})/n (a
 * two-symbol categorical refitted by frequencies to n samples; k counts fits),
 *
 *   L_k = 1 − exp(−n p_0 g_k)  ≤  P(P_k ≠ 0)  ≤  U_k = 1 − (1 − 3n p_0² − 3k p_0)·exp(−n p_0 g_k),
 *
 * with g_k from {@link sureshGk}. L_k is within 0.0035 of the exact chain over n ∈ [200, 2000],
 * n p_0 ∈ [1, 20], k ≤ 100; U_k is informative only while 3n p_0² + 3k p_0 < 1.
 * docs/theory.md#suresh-bernoulli-survival.
 *
 * Reference: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 * AISTATS 2025 (PMLR 258), Theorem 1.
 *
 * @param samples - n, samples per fit (an integer ≥ 1)
 * @param p0 - the symbol's initial probability, in [0, 1]
 * @param k - number of fits (an integer ≥ 1)
 */
export function sureshSurvivalBounds(samples: number, p0: number, k: number): ProbabilityBounds {
  const api = "sureshSurvivalBounds";
  assertInteger(api, "samples", samples, 1);
  assertProbability(api, "p0", p0);
  assertInteger(api, "k", k, 1, 1e8);
  const m = samples * p0;
  const g = sureshGk(k);
  return {
    lower: -Math.expm1(-m * g),
    upper: 1 - (1 - 3 * samples * p0 * p0 - 3 * k * p0) * Math.exp(-m * g),
  };
}
