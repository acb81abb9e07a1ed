import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import { bartlettLogMoment } from "./bartlettLogMoment.ts";
import { goldenSectionArgmin } from "./goldenSectionArgmin.ts";

/**
 * ln ε*: the smallest threshold whose Chernoff bound guarantees P(det Σ_T/det Σ_0 < ε*) ≥ p for a
 * d-dimensional Gaussian refitted with the MLE covariance to M > d of its own samples (replace).
 * From P(det Σ_T/det Σ_0 ≥ ε) ≤ m(λ)^T ε^−λ ({@link bartlettLogMoment} with D = M),
 *
 *   ln ε* = inf_λ (T ln m(λ) − ln(1 − p))/λ   over λ ∈ (0, min(40, (M − d)/2))
 *
 * (unimodal: the numerator is convex and positive at 0; golden-section search).
 * docs/theory.md#mv-gaussian (Kazdan et al. 2024; Shumailov et al., Nature 631 (2024)).
 * @param d dimension, integer ≥ 1.
 * @param M samples per generation, integer > d.
 * @param T generations, integer ≥ 1.
 * @param p target probability in (0, 1).
 */
export function mvGaussianDetThreshold(d: number, M: number, T: number, p: number): number {
  const api = "mvGaussianDetThreshold";
  assertInteger(api, "d", d, 1);
  assertInteger(api, "M", M, d + 1);
  assertInteger(api, "T", T, 1);
  if (!(p > 0 && p < 1)) throw new InvalidParameterError(api, "p", "must be in (0, 1)", p);
  const g = (l: number) => (T * bartlettLogMoment(d, M, M, l) - Math.log(1 - p)) / l;
  return g(goldenSectionArgmin(g, Math.min(40, (M - d) / 2) * (1 - 1e-9)));
}
