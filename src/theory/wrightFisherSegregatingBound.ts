import { assertInteger, assertProbability } from "../util/validate.ts";

/**
 * A bound on the probability that a two-type Wright–Fisher chain (X_{t+1} = Binomial(M, X_t)/M,
 * X_0 = x_0; generation 1 already sampled from x_0) is still segregating after T generations:
 *
 *   P(0 < X_T < 1)  ≤  δ_T := M x_0(1 − x_0)(1 − 1/M)^{T−1}.
 *
 * Why: E[2X_T(1 − X_T)] = (1 − 1/M)^T·2x_0(1 − x_0) (docs/theory.md#heterozygosity) and
 * 2x(1 − x) ≥ 2(1/M)(1 − 1/M) on the interior states x ∈ {1/M, …, (M−1)/M}; Markov's
 * inequality. Tighter by 2(1 − 1/M) than Seddik et al.'s upper bound
 * ({@link seddikSegregatingBounds}). For the tail mass of a categorical chain (the lumped chain
 * of the tail symbols) this gives P(tail mass_T = 0) ≥ 1 − τ_0 − δ_T:
 * docs/theory.md#categorical-tail-mass.
 *
 * Reference: the Wright–Fisher heterozygosity identity; Seddik et al., arXiv:2404.05090 (2024).
 *
 * @param samples - M, the population (sample) size (an integer ≥ 2)
 * @param x0 - the initial frequency, in [0, 1]
 * @param T - generations (an integer ≥ 1)
 */
export function wrightFisherSegregatingBound(samples: number, x0: number, T: number): number {
  const api = "wrightFisherSegregatingBound";
  assertInteger(api, "samples", samples, 2);
  assertProbability(api, "x0", x0);
  assertInteger(api, "T", T, 1);
  return samples * x0 * (1 - x0) * (1 - 1 / samples) ** (T - 1);
}
