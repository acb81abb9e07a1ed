import { assertInteger, assertNonNegative } from "../util/validate.ts";

/**
 * Mean and variance of ‖e‖² for e ~ N(0, s²W⁻¹), W = XᵀX ~ Wishart_d(M, I): the excess test error
 * ‖w_t − w*‖² of OLS refitted on its own relabellings of a fixed Gaussian design (x ~ N(0, I_d))
 * with accumulated label-noise variance s² (s² = σ²t under replace, σ²Σ_{i≤t}1/i² under
 * accumulate). By the inverse-Wishart moments
 *
 *   E‖e‖² = s²d/(M − d − 1),   Var‖e‖² = 2s⁴d(M − 1)/((M − d − 1)²(M − d − 3)).
 *
 * docs/theory.md#regression-replace, docs/theory.md#regression-accumulate (Gerstgrasser et al.
 * 2024; Dohmatob, Feng & Kempe 2024).
 * @param d dimension, integer ≥ 1.
 * @param M samples (rows of the design), integer > d + 3.
 * @param s2 accumulated noise variance s², finite and ≥ 0.
 */
export function olsTestErrorMoments(
  d: number,
  M: number,
  s2: number,
): { mean: number; variance: number } {
  assertInteger("olsTestErrorMoments", "d", d, 1);
  assertInteger("olsTestErrorMoments", "M", M, d + 4);
  assertNonNegative("olsTestErrorMoments", "s2", s2);
  const a = M - d - 1;
  return {
    mean: (s2 * d) / a,
    variance: (2 * s2 * s2 * d * (M - 1)) / (a * a * (M - d - 3)),
  };
}
