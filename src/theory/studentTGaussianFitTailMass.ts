import { normalSf, studentTQuantile } from "../numeric/index.ts";
import { InvalidParameterError } from "../util/validate.ts";

/**
 * h∞ = 2Φ(−U/s∞): the mass that the infinite-sample Gaussian fit to a Student-t truth (ν > 2,
 * variance matched, s∞ = √(ν/(ν − 2)) per unit scale) puts beyond the truth's q and 1 − q
 * quantiles, U = Q_ν(1 − q). The truth's own mass there is 2q; h∞ < 2q ⟺ U > s∞Φ⁻¹(1 − q), which
 * holds for small enough q (the fit cuts the tails in the first generation).
 * docs/theory.md#misspecification (Shumailov et al., Nature 631 (2024), functional expressivity
 * error).
 * @param nu degrees of freedom, finite and > 2.
 * @param q tail level in (0, ½).
 */
export function studentTGaussianFitTailMass(nu: number, q: number): number {
  const api = "studentTGaussianFitTailMass";
  if (!(nu > 2 && Number.isFinite(nu))) {
    throw new InvalidParameterError(api, "nu", "must be finite and > 2", nu);
  }
  if (!(q > 0 && q < 0.5)) throw new InvalidParameterError(api, "q", "must be in (0, 0.5)", q);
  // Upper quantiles by symmetry from the lower tail: 1 − q would round off q's last digits.
  const U = -studentTQuantile(q, nu);
  return 2 * normalSf(U / Math.sqrt(nu / (nu - 2)));
}
