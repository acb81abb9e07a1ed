import type { RealData } from "../model/data.ts";
import type { GaussianModel } from "../model/models.ts";
import type { WeightedPart } from "../model/weightedParts.ts";
import { meanVariance } from "../numeric/index.ts";
import { InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";
import { fittedParts } from "./fittedParts.ts";

function fitGaussian(api: string, data: RealData, ddof: 0 | 1): GaussianModel {
  const n = data.values.length;
  if (n <= ddof) {
    throw new InvalidParameterError(api, "data.size", `must be > ${ddof}`, n);
  }
  const fit = meanVariance(data.values, ddof, api);
  return { kind: "gaussian", mean: fit.mean, variance: fit.variance };
}

/**
 * Parameter averaging over weighted parts: μ = Σ_j w_j μ̂_j and σ² = Σ_j w_j σ̂²_j, each part
 * fitted alone with the family's divisor (docs/theory.md#weighted-fresh-mean). Not the pooled
 * fit: the pooled variance also holds the spread between the parts' means.
 */
function fitGaussianWeighted(
  api: string,
  parts: readonly WeightedPart<RealData>[],
  ddof: 0 | 1,
): GaussianModel {
  let mean = 0;
  let variance = 0;
  for (const { weight, model } of fittedParts(parts, (d) => fitGaussian(api, d, ddof))) {
    mean += weight * model.mean;
    variance += weight * model.variance;
  }
  return { kind: "gaussian", mean, variance };
}

/**
 * Gaussian maximum likelihood: μ̂ = x̄, σ̂² = (1/M) Σ (x_i − x̄)². Under replace,
 * E[σ²_t] = ((M−1)/M)^t σ² decays geometrically (docs/theory.md#gaussian-exact-mle).
 */
export function gaussianMle(): Family<RealData, GaussianModel> {
  return {
    id: "gaussian-mle",
    params: {},
    dataKind: "real",
    modelKind: "gaussian",
    fit: (data) => fitGaussian("gaussian-mle", data, 0),
    fitWeighted: (parts) => fitGaussianWeighted("gaussian-mle", parts, 0),
  };
}

/**
 * Gaussian with the unbiased variance σ̂² = (1/(M−1)) Σ (x_i − x̄)² (Shumailov Thm 3.1, Suresh).
 * Under replace E[σ²_t] = σ² for every t (a martingale) while σ²_t → 0 almost surely.
 */
export function gaussianUnbiased(): Family<RealData, GaussianModel> {
  return {
    id: "gaussian-unbiased",
    params: {},
    dataKind: "real",
    modelKind: "gaussian",
    fit: (data) => fitGaussian("gaussian-unbiased", data, 1),
    fitWeighted: (parts) => fitGaussianWeighted("gaussian-unbiased", parts, 1),
  };
}
