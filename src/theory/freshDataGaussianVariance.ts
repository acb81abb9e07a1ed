import { assertInteger, assertNonNegative } from "../util/validate.ts";

/**
 * a_t = E[σ²_t]/σ², t = 0…T, for a Gaussian refitted by maximum likelihood to r fresh real
 * samples plus s = M − r samples of the previous generation, started from a model with variance
 * a_0σ² and squared mean offset b_0σ², and the fixed point a_∞ of the recursion
 *
 *   a_{t+1} = (1 − 1/M)(r + s a_t)/M + (rs/M²) b_t,   b_{t+1} = (r + s a_t)/M² + (s/M)² b_t
 *
 * (b_t = E(μ_t − μ)²/σ²; a_∞ by 10⁴ iterations from (1, 0)). As M → ∞ with s/M → λ/(1 + λ) this is
 * Bertrand et al.'s contraction a_{t+1} − 1 = (λ/(1 + λ))(a_t − 1).
 * docs/theory.md#fresh-data-contraction (Bertrand et al., ICLR 2024).
 * @param M samples per generation, integer ≥ 2.
 * @param r fresh real samples per generation, integer in [1, M].
 * @param T horizon, integer ≥ 0.
 * @param start a_0 (finite, ≥ 0) and b_0 (finite, ≥ 0).
 */
export function freshDataGaussianVariance(
  M: number,
  r: number,
  T: number,
  start: { readonly variance: number; readonly meanError: number },
): { variance: number[]; fixedPoint: number } {
  const api = "freshDataGaussianVariance";
  assertInteger(api, "M", M, 2);
  assertInteger(api, "r", r, 1, M);
  assertInteger(api, "T", T, 0);
  assertNonNegative(api, "start.variance", start.variance);
  assertNonNegative(api, "start.meanError", start.meanError);
  const k = M - r;
  const step = ([a, b]: [number, number]): [number, number] => [
    ((1 - 1 / M) * (r + k * a)) / M + ((r * k) / (M * M)) * b,
    (r + k * a) / (M * M) + (k / M) ** 2 * b,
  ];
  let state: [number, number] = [start.variance, start.meanError];
  const variance = [state[0]];
  for (let t = 1; t <= T; t++) {
    state = step(state);
    variance.push(state[0]);
  }
  let fixed: [number, number] = [1, 0];
  for (let i = 0; i < 10_000; i++) fixed = step(fixed);
  return { variance, fixedPoint: fixed[0] };
}
