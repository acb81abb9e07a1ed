import { assertFinite, InvalidParameterError } from "../util/validate.ts";

/**
 * The weight w* on the real part that minimises the limiting mean error of He, Xu & Cheng's
 * weighted fresh-data Gaussian chain with k = m/n synthetic samples per real one (known
 * variance): n·e_∞(w) = (w² + (1 − w)²/k)/(w(2 − w)) has its minimum where k w² + w − 1 = 0,
 *
 *   w* = (√(1 + 4k) − 1)/(2k) = 2/(1 + √(1 + 4k)),      n·e_∞(w*) = w*,
 *
 * 1/φ = (√5 − 1)/2 ≈ 0.618 at k = 1 (the golden ratio), → 1 as k → 0 (few synthetic samples are
 * noisy: trust the real ones) and ≈ 1/√k as k → ∞ (many synthetic samples carry the previous
 * estimate almost without noise: a long moving average). The second form has no cancellation.
 * In ρ = n/m = 1/k it reads (√(ρ² + 4ρ) − ρ)/2, the form in which the paper's optimum is quoted;
 * read with k = m/n instead, that form is not this minimiser except at k = 1. The unweighted
 * mix, w = n/(n + m) = 1/(1 + k), gives n·e_∞ = (1 + k)/(1 + 2k) > w* for every k > 0.
 * docs/theory.md#weighted-fresh-mean.
 *
 * Reference: He, Xu, Cheng, "Golden ratio weighting prevents model collapse", arXiv:2502.18049
 * (2025), the optimal weight of the Gaussian mean.
 *
 * @param k - m/n, synthetic samples per real sample (finite, ≥ 0; k = 0 gives w* = 1)
 */
export function weightedFreshOptimalWeight(k: number): number {
  const api = "weightedFreshOptimalWeight";
  assertFinite(api, "k", k);
  if (!(k >= 0)) throw new InvalidParameterError(api, "k", "must be >= 0 (m/n)", k);
  return 2 / (1 + Math.sqrt(1 + 4 * k));
}
