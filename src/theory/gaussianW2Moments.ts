import { lgamma } from "../numeric/index.ts";
import { assertInteger } from "../util/validate.ts";
import { bartlettLogMoment } from "./bartlettLogMoment.ts";

/**
 * Mean and variance of W₂²_t/σ², W₂²_t = W₂²(N(μ_t, σ²_t), N(μ, σ²)) = (μ_t − μ)² + (σ_t − σ)², for
 * a Gaussian refitted with the unbiased variance to M of its own samples (replace), t counting
 * fits:
 *
 *   E[W₂²_t]/σ² = t/M + 2(1 − c_M^t),   c_M = √(2/(M−1)) Γ(M/2)/Γ((M−1)/2) = E[σ_{t+1}/σ_t].
 *
 * The variance comes from the linear recursion of the joint moments of s = σ_t and δ = μ_t − μ
 * (R = √S, S = χ²_{M−1}/(M−1) independent of the mean's noise Z):
 * E[s^k]' = E[R^k]E[s^k], E[δ²s^k]' = E[R^k](E[δ²s^k] + E[s^{k+2}]/M) (k = 0, 1, 2),
 * E[δ⁴]' = E[δ⁴] + 6E[δ²s²]/M + 3E[s⁴]/M², expanded in E[W²] = E δ⁴ + 2E[δ²(s − σ)²] + E(s − σ)⁴.
 * docs/theory.md#gaussian-w2 (Shumailov et al., Nature 631 (2024), Theorem 3.1, SI eq. 6).
 * @param M samples per generation, integer ≥ 2.
 * @param t generations fitted, integer ≥ 0.
 */
export function gaussianW2Moments(M: number, t: number): { mean: number; variance: number } {
  assertInteger("gaussianW2Moments", "M", M, 2);
  assertInteger("gaussianW2Moments", "t", t, 0);
  const R = [0, 1, 2, 3, 4].map((k) => Math.exp(bartlettLogMoment(1, M, M - 1, k / 2)));
  let s = [1, 1, 1, 1, 1]; // E[s^k], k = 0…4
  let ds = [0, 0, 0]; // E[δ² s^k], k = 0…2
  let d4 = 0;
  for (let i = 0; i < t; i++) {
    d4 = d4 + (6 * ds[2]) / M + (3 * s[4]) / (M * M);
    ds = ds.map((v, k) => R[k] * (v + s[k + 2] / M));
    s = s.map((v, k) => v * R[k]);
  }
  const recursionMean = ds[0] + s[2] - 2 * s[1] + 1;
  const centred4 = s[4] - 4 * s[3] + 6 * s[2] - 4 * s[1] + 1;
  const cross = ds[2] - 2 * ds[1] + ds[0];
  const cM = Math.sqrt(2 / (M - 1)) * Math.exp(lgamma(M / 2) - lgamma((M - 1) / 2));
  return {
    mean: t / M + 2 * (1 - cM ** t),
    variance: d4 + 2 * cross + centred4 - recursionMean * recursionMean,
  };
}
