import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * E[Σ_i p_{t,i}²] for t = 0…T under categorical-MLE refits with n_r fresh real and n_s = M − n_r
 * synthetic samples per generation (p_{t+1} = (X + Y)/M, X ~ Multinomial(n_r, p_0),
 * Y ~ Multinomial(n_s, p_t)); generation 1 is fitted to M real samples:
 *
 *   a_0 = s_0 = Σ p_{0,i}²,   a_1 = 1/M + (1 − 1/M) s_0,
 *   a_{t+1} = [M + n_r(n_r + 2n_s − 1) s_0 + n_s(n_s − 1) a_t] / M²,
 *
 * a contraction (factor n_s(n_s − 1)/M²) to a_∞ = [M + n_r(n_r + 2n_s − 1) s_0]/[M² − n_s(n_s − 1)],
 * which is < 1 when n_r ≥ 1 and > s_0 when n_s ≥ 1; n_r = 0 is the Wright–Fisher identity.
 * Derivation: docs/theory.md#fresh-data-simpson-recursion.
 *
 * Reference: the fresh-data loop of Alemohammad et al., "Self-consuming generative models go
 * MAD", ICLR 2024; Bertrand et al., ICLR 2024.
 *
 * @param s0 - Σ p_{0,i}² of the truth, in (0, 1]
 * @param samples - M, training-set size (an integer ≥ 1)
 * @param real - n_r, fresh real samples per generation (an integer in [0, M])
 * @param T - last generation (an integer ≥ 0)
 * @returns a_0 … a_T (index t)
 */
export function freshDataSimpsonRecursion(
  s0: number,
  samples: number,
  real: number,
  T: number,
): Float64Array {
  const api = "freshDataSimpsonRecursion";
  if (!(s0 > 0 && s0 <= 1)) throw new InvalidParameterError(api, "s0", "must be in (0, 1]", s0);
  assertInteger(api, "samples", samples, 1);
  assertInteger(api, "real", real, 0, samples);
  assertInteger(api, "T", T, 0, 1e8);
  const M = samples;
  const nr = real;
  const ns = M - nr;
  const a = new Float64Array(T + 1);
  a[0] = s0;
  if (T >= 1) a[1] = 1 / M + (1 - 1 / M) * s0;
  for (let t = 1; t < T; t++) {
    a[t + 1] = (M + nr * (nr + 2 * ns - 1) * s0 + ns * (ns - 1) * a[t]) / (M * M);
  }
  return a;
}
