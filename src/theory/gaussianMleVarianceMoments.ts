import { assertInteger } from "../util/validate.ts";

/**
 * Mean and variance of σ²_t/σ² for a Gaussian refitted by maximum likelihood
 * (σ̂² = (1/M)Σ(x − x̄)²) to M of its own samples (replace), t counting fits: σ²_t = σ²Π_{i≤t} S_i
 * with S_i i.i.d. χ²_{M−1}/M, so
 *
 *   E[σ²_t]/σ² = ((M−1)/M)^t,   E[σ⁴_t]/σ⁴ = ((M−1)(M+1)/M²)^t.
 *
 * docs/theory.md#gaussian-exact-mle (Shumailov et al., Nature 631 (2024), exact 1-D forms).
 * @param M samples per generation, integer ≥ 2.
 * @param t generations fitted, integer ≥ 0.
 */
export function gaussianMleVarianceMoments(
  M: number,
  t: number,
): { mean: number; variance: number } {
  assertInteger("gaussianMleVarianceMoments", "M", M, 2);
  assertInteger("gaussianMleVarianceMoments", "t", t, 0);
  const m1 = ((M - 1) / M) ** t;
  const m2 = (((M - 1) * (M + 1)) / (M * M)) ** t;
  return { mean: m1, variance: m2 - m1 * m1 };
}
