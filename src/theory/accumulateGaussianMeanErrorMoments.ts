import { assertInteger } from "../util/validate.ts";

/**
 * Mean and variance of δ²_t/σ², δ_t = μ_t − μ, for a Gaussian refitted by maximum likelihood to
 * accumulated data (n samples per generation, t counting fits; see
 * {@link accumulateGaussianMeanError} for the mean in closed form).
 *
 * With W ~ N(0, 1) and C ~ χ²_{n−1} independent, δ_{t+1} = δ_t + σ_t W/((t+1)√n) and
 * σ²_{t+1} = σ²_t R_t, R_t = (tn + C + W²t/(t+1))/((t+1)n); with c = 1/((t+1)²n) the moments obey
 *
 *   E δ⁴' = E δ⁴ + 6c E[δ²σ²] + 3c² E σ⁴,   E[δ²σ²]' = E R·E[δ²σ²] + c E[W²R] E σ⁴,
 *   E σ⁴' = E[R²] E σ⁴,   E δ²' = E δ² + c E σ²,   E σ²' = E R·E σ²,
 *
 * from δ_0 = 0, σ_0 = σ (docs/theory.md#accumulate-gaussian, "Exact second moments").
 * @param n samples per generation, integer ≥ 2.
 * @param t generations fitted, integer ≥ 0.
 */
export function accumulateGaussianMeanErrorMoments(
  n: number,
  t: number,
): { mean: number; variance: number } {
  assertInteger("accumulateGaussianMeanErrorMoments", "n", n, 2);
  assertInteger("accumulateGaussianMeanErrorMoments", "t", t, 0);
  let A = 0;
  let Q4 = 0;
  let X = 0;
  let V1 = 1;
  let V2 = 1;
  for (let i = 0; i < t; i++) {
    const a = i / (i + 1);
    const den = (i + 1) * n;
    const eR = (i * n + n - 1 + a) / den;
    const eR2 =
      ((i * n) ** 2 +
        2 * i * n * (n - 1) +
        2 * i * n * a +
        (n - 1) * (n + 1) +
        2 * a * (n - 1) +
        3 * a * a) /
      (den * den);
    const eW2R = (i * n + n - 1 + 3 * a) / den;
    const c = 1 / ((i + 1) ** 2 * n);
    [A, Q4, X, V1, V2] = [
      A + c * V1,
      Q4 + 6 * c * X + 3 * c * c * V2,
      X * eR + c * V2 * eW2R,
      V1 * eR,
      V2 * eR2,
    ];
  }
  return { mean: A, variance: Q4 - A * A };
}
