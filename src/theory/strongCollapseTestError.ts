import { assertInteger, assertNonNegative } from "../util/validate.ts";

/**
 * Exact expected excess test error of OLS fitted to n points of which n_s are labelled by a
 * synthetic w_s (the rest by w*), all rows x ~ N(0, I_d), label noise σ² (strong model collapse;
 * docs/theory.md#strong-model-collapse). With q = n_s/n and s² = ‖w_s − w*‖²:
 *
 *   E‖ŵ − w*‖² = q²s²                                                        (floor)
 *              + q(1 − q)s²·((d + 1)n² − (d + 5)n + 2(d + 1))/((n − 1)(n + 2)(n − d − 1))  (spread)
 *              + σ²d/(n − d − 1)                                              (noise)
 *
 * ŵ − w* = G⁻¹G_s Δ + G⁻¹Xᵀε with G = XᵀX, G_s the synthetic rows' Gram matrix; writing
 * X = QG^{1/2} (Q Haar on the Stiefel manifold, independent of G), G⁻¹G_s = G^{−1/2}UG^{1/2}
 * with U = Q_sᵀQ_s, E U = qI, and the fourth moments of Haar columns plus
 * E[tr G⁻¹·tr G] = d(nd − 2)/(n − d − 1) give the spread. Only the floor survives n → ∞
 * (Dohmatob, Feng, Subramonian & Kempe, "Strong model collapse", ICLR 2025, classical regime).
 * @param d dimension, integer ≥ 1.
 * @param n training points, integer ≥ d + 2.
 * @param nSynthetic synthetic points n_s, integer in [0, n].
 * @param shift ‖w_s − w*‖ ≥ 0.
 * @param sigma label-noise sd σ ≥ 0.
 * @returns the floor q²s², the spread and noise terms, and their sum `mean`.
 */
export function strongCollapseTestError(
  d: number,
  n: number,
  nSynthetic: number,
  shift: number,
  sigma: number,
): { floor: number; spread: number; noise: number; mean: number } {
  const api = "strongCollapseTestError";
  assertInteger(api, "d", d, 1);
  assertInteger(api, "n", n, d + 2);
  assertInteger(api, "nSynthetic", nSynthetic, 0, n);
  assertNonNegative(api, "shift", shift);
  assertNonNegative(api, "sigma", sigma);
  const q = nSynthetic / n;
  const s2 = shift * shift;
  const floor = q * q * s2;
  const spread =
    (q * (1 - q) * s2 * ((d + 1) * n * n - (d + 5) * n + 2 * (d + 1))) /
    ((n - 1) * (n + 2) * (n - d - 1));
  const noise = (sigma * sigma * d) / (n - d - 1);
  return { floor, spread, noise, mean: floor + spread + noise };
}
