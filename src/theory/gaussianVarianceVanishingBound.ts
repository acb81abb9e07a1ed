import { assertInteger, assertPositive, InvalidParameterError } from "../util/validate.ts";
import { bartlettLogMoment } from "./bartlettLogMoment.ts";
import { goldenSectionArgmin } from "./goldenSectionArgmin.ts";

/**
 * p_T(ε), a rigorous lower bound on P(σ²_T/σ²_0 < ε) for a Gaussian refitted to M of its own
 * samples (replace) with variance divisor D: σ²_T/σ²_0 = Π_{t≤T} S_t, S = χ²_{M−1}/D i.i.d., and
 * Markov's inequality on (σ²_T/σ²_0)^λ gives the Chernoff bound
 *
 *   p_T(ε) = 1 − inf_{λ ∈ (0, 40]} E[S^λ]^T ε^−λ
 *
 * (the exponent is convex in λ: golden-section search; the bound is clipped at 0). It tends to 1
 * geometrically in T: σ²_t → 0 almost surely (Borel–Cantelli).
 * docs/theory.md#gaussian-variance-vanishes (Shumailov et al., Nature 631 (2024), Theorem 3.1;
 * the rate is derived there).
 * @param M samples per generation, integer ≥ 2.
 * @param D variance divisor, finite and > 0.
 * @param T generations, integer ≥ 0.
 * @param eps threshold ε in (0, 1).
 */
export function gaussianVarianceVanishingBound(
  M: number,
  D: number,
  T: number,
  eps: number,
): number {
  const api = "gaussianVarianceVanishingBound";
  assertInteger(api, "M", M, 2);
  assertPositive(api, "D", D);
  assertInteger(api, "T", T, 0);
  if (!(eps > 0 && eps < 1)) {
    throw new InvalidParameterError(api, "eps", "must be in (0, 1)", eps);
  }
  const f = (l: number) => T * bartlettLogMoment(1, M, D, l) - l * Math.log(eps);
  return 1 - Math.exp(Math.min(0, f(goldenSectionArgmin(f, 40))));
}
