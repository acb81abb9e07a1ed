import { assertInteger, assertProbability } from "../util/validate.ts";
import type { ProbabilityBounds } from "./sureshSurvivalBounds.ts";

/**
 * Seddik et al.'s bounds on the probability that the Bernoulli chain P_0 = p_0,
 * P_j = Binomial(n, P_{j−1})/n is still segregating (neither symbol lost) after k fits:
 *
 *   4 p_0(1 − p_0)(1 − 1/n)^k  ≤  P(P_k ∉ {0, 1})  ≤  2n p_0(1 − p_0)(1 − 1/n)^k.
 *
 * Why: H_k = 2P_k(1 − P_k) has E[H_k] = (1 − 1/n)^k·2p_0(1 − p_0) (Wright–Fisher,
 * docs/theory.md#heterozygosity); H_k ≤ ½ everywhere and H_k ≥ 1/n on the segregating states
 * (n ≥ 2), so E[H_k]/(½) ≤ P(segregating) ≤ n·E[H_k]. Equality is reached at n = 2.
 * docs/theory.md#seddik-segregating.
 *
 * Reference: Seddik, Chen, Hayou, Youssef, Debbah, "How bad is training on synthetic data? A
 * statistical analysis of language model collapse", arXiv:2404.05090 (2024), fully synthetic
 * setting.
 *
 * @param samples - n, samples per fit (an integer ≥ 2)
 * @param p0 - the initial frequency, in [0, 1]
 * @param k - number of fits (an integer ≥ 0)
 * @returns the bounds; `upper` is not clipped at 1
 */
export function seddikSegregatingBounds(samples: number, p0: number, k: number): ProbabilityBounds {
  const api = "seddikSegregatingBounds";
  assertInteger(api, "samples", samples, 2);
  assertProbability(api, "p0", p0);
  assertInteger(api, "k", k, 0);
  const h = p0 * (1 - p0) * (1 - 1 / samples) ** k;
  return { lower: 4 * h, upper: 2 * samples * h };
}
