import { normalQuantile, studentTQuantile } from "../numeric/index.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * β(M): a Chebyshev–Cantelli bound on P(tail mass ≥ 2q) for the Gaussian MLE fitted to M samples
 * of a Student-t truth (ν > 4), the tail mass taken beyond the truth's q and 1 − q quantiles.
 * Per unit scale, with U = Q_ν(1 − q), s∞ = √(ν/(ν − 2)), z = Φ⁻¹(1 − q) and Δ = U − s∞z > 0, the
 * fit's mass is < 2q as soon as |x̄ − location| < θΔ and σ̂ < s∞ + (1 − θ)Δ/z. Chebyshev bounds
 * the first failure by s∞²/(Mθ²Δ²), Cantelli the second by V/(V + k²) with
 * k = (s∞ + (1 − θ)Δ/z)² − E σ̂², E σ̂² = ((M − 1)/M)s∞², V = Var σ̂² =
 * ((M − 1)/M)²(μ₄ − s∞⁴(M − 3)/(M − 1))/M, μ₄ = 3ν²/((ν − 2)(ν − 4)); β(M) is the sum minimised
 * over θ ∈ {0.01, …, 0.99}. docs/theory.md#misspecification.
 * @param nu degrees of freedom, finite and > 4.
 * @param q tail level in (0, ½) with Δ > 0.
 * @param M samples, integer ≥ 4.
 */
export function studentTGaussianFitTailBound(nu: number, q: number, M: number): number {
  const api = "studentTGaussianFitTailBound";
  if (!(nu > 4 && Number.isFinite(nu))) {
    throw new InvalidParameterError(api, "nu", "must be finite and > 4", nu);
  }
  if (!(q > 0 && q < 0.5)) throw new InvalidParameterError(api, "q", "must be in (0, 0.5)", q);
  assertInteger(api, "M", M, 4);
  // Upper quantiles by symmetry from the lower tail: 1 − q would round off q's last digits.
  const U = -studentTQuantile(q, nu);
  const sInf = Math.sqrt(nu / (nu - 2));
  const z = -normalQuantile(q);
  const delta = U - sInf * z;
  if (!(delta > 0)) {
    throw new InvalidParameterError(
      api,
      "q",
      "must put the truth's quantile beyond s∞Φ⁻¹(1 − q)",
      q,
    );
  }
  const mu4 = (3 * nu * nu) / ((nu - 2) * (nu - 4));
  const s2 = sInf * sInf;
  const mean = ((M - 1) / M) * s2;
  const V = ((M - 1) / M) ** 2 * ((mu4 - (s2 * s2 * (M - 3)) / (M - 1)) / M);
  let best = 1;
  for (let i = 1; i < 100; i++) {
    const theta = i / 100;
    const k = (sInf + ((1 - theta) * delta) / z) ** 2 - mean;
    best = Math.min(best, s2 / (M * theta * theta * delta * delta) + V / (V + k * k));
  }
  return best;
}
