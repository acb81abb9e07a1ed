import { assertInteger } from "../util/validate.ts";

/**
 * Mean and variance of Y_t/σ², Y_t = (μ_t − μ)² + σ²_t, for a Gaussian refitted to M of its own
 * samples (replace) with variance divisor D (M − 1 unbiased, M MLE), t counting fits. E[Y_t] is
 * Var(X_t) of a draw X_t from generation t's model: σ²(1 + t/M) (unbiased), σ² (MLE).
 *
 * With S = χ²_{M−1}/D independent of the new mean's noise Z, δ_{t+1} = δ_t + σ_t Z/√M and
 * σ²_{t+1} = σ²_t S, so
 *
 *   E δ⁴' = E δ⁴ + 6E[δ²σ²]/M + 3E σ⁴/M²,   E[δ²σ²]' = E S·(E[δ²σ²] + E σ⁴/M),
 *   E σ⁴' = E[S²]·E σ⁴,   E δ²' = E δ² + E σ²/M,   E σ²' = E S·E σ²,
 *
 * E S = (M−1)/D, E S² = (M−1)(M+1)/D², from δ = 0, σ² = 1; Var Y = E δ⁴ + 2E[δ²σ²] + E σ⁴ − (E Y)²
 * (docs/theory.md#gaussian-exact-unbiased, docs/theory.md#gaussian-exact-mle; Shumailov et al.,
 * Nature 631 (2024), Theorem 3.1 setting).
 * @param M samples per generation, integer ≥ 2.
 * @param D variance divisor, M − 1 or M.
 * @param t generations fitted, integer ≥ 0.
 */
export function gaussianGenerationVarianceMoments(
  M: number,
  D: number,
  t: number,
): { mean: number; variance: number } {
  assertInteger("gaussianGenerationVarianceMoments", "M", M, 2);
  assertInteger("gaussianGenerationVarianceMoments", "D", D, M - 1, M);
  assertInteger("gaussianGenerationVarianceMoments", "t", t, 0);
  const eS = (M - 1) / D;
  const eS2 = ((M - 1) * (M + 1)) / (D * D);
  let d2 = 0;
  let d4 = 0;
  let v1 = 1;
  let v2 = 1;
  let dv = 0;
  for (let i = 0; i < t; i++) {
    d4 = d4 + (6 * dv) / M + (3 * v2) / (M * M);
    dv = eS * (dv + v2 / M);
    d2 = d2 + v1 / M;
    v1 *= eS;
    v2 *= eS2;
  }
  const mean = d2 + v1;
  return { mean, variance: d4 + 2 * dv + v2 - mean * mean };
}
