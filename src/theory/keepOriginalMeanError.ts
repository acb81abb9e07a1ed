import { assertInteger } from "../util/validate.ts";

/**
 * E[(μ_t − μ)²]/σ², t = 1…T (index t − 1), for a Gaussian refitted by maximum likelihood to a
 * fixed subset K of k points of the first real sample plus M − k samples of the previous
 * generation (keep-original), generation 1 fitted to M real samples. With e_t = μ_t − x̄_K,
 * a_t = E σ²_t/σ², b_t = E e_t²/σ² and ρ = (M − k)/M:
 *
 *   a_{t+1} = (k − 1 + (M − k − 1 + k/M)a_t + (k(M − k)/M)b_t)/M,   b_{t+1} = ρ²(b_t + a_t/(M − k)),
 *   E[(μ_t − μ)²]/σ² = 1/k + b_t − 2ρ^t/k,
 *
 * from a_1 = 1 − 1/M, b_1 = 1/k − 1/M; it stays ≤ 2/k for every t, whereas replace's
 * 1 − (1 − 1/M)^t → 1. docs/theory.md#keep-original (Shumailov et al., Nature 631 (2024)).
 * @param M samples per generation, integer ≥ 3.
 * @param k kept points, integer in [2, M − 1].
 * @param T horizon, integer ≥ 1.
 */
export function keepOriginalMeanError(M: number, k: number, T: number): number[] {
  assertInteger("keepOriginalMeanError", "M", M, 3);
  assertInteger("keepOriginalMeanError", "k", k, 2, M - 1);
  assertInteger("keepOriginalMeanError", "T", T, 1);
  const rho = (M - k) / M;
  let a = (M - 1) / M;
  let e = 1 / k - 1 / M;
  const out = [1 / M];
  for (let t = 2; t <= T; t++) {
    [a, e] = [
      (k - 1 + (M - k - 1 + k / M) * a + ((k * (M - k)) / M) * e) / M,
      rho * rho * (e + a / (M - k)),
    ];
    out.push(1 / k + e - (2 * rho ** t) / k);
  }
  return out;
}
