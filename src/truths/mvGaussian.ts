import { isSingularCovariance, mvGaussianModel } from "../model/mvGaussian.ts";
import {
  assertFinite,
  assertInteger,
  assertScale,
  InvalidParameterError,
} from "../util/validate.ts";
import { modelTruth, type Truth } from "./truth.ts";

/** Largest dimension accepted (a d × d covariance is refitted every generation). */
export const MV_GAUSSIAN_MAX_DIM = 1000;

/**
 * N(0, Σ) in d dimensions with the equicorrelation covariance Σ = sd²·[(1 − ρ)I + ρ·11ᵀ]
 * (identity by default). Its eigenvalues are sd²(1 + (d − 1)ρ) once and sd²(1 − ρ) d − 1 times,
 * so Σ is positive definite exactly when −1/(d − 1) < ρ < 1 (any ρ < 1 when d = 1, where ρ has
 * no effect). Exact summaries: `variance` = tr Σ = d·sd², `entropy` = ½[d ln(2πe) + ln det Σ]
 * with ln det Σ = 2d ln sd + (d − 1) ln(1 − ρ) + ln(1 + (d − 1)ρ). There is no scalar `mean`
 * summary (the mean is the zero vector) and no tail set.
 */
export function mvGaussianTruth(dim: number, rho = 0, sd = 1): Truth {
  const api = "mv-gaussian";
  assertInteger(api, "dim", dim, 1, MV_GAUSSIAN_MAX_DIM);
  assertFinite(api, "rho", rho);
  assertScale(api, "sd", sd);
  const lower = dim === 1 ? Number.NEGATIVE_INFINITY : -1 / (dim - 1);
  if (!(rho > lower && rho < 1)) {
    throw new InvalidParameterError(
      api,
      "rho",
      `must be in (${dim === 1 ? "-Infinity" : lower}, 1) for dim = ${dim} (the equicorrelation matrix is positive definite only there)`,
      rho,
    );
  }
  const v = sd * sd;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) cov[i * dim + j] = i === j ? v : v * rho;
  }
  const model = mvGaussianModel(new Float64Array(dim), cov);
  if (isSingularCovariance(model)) {
    throw new InvalidParameterError(
      api,
      "rho",
      `must keep the covariance numerically positive definite for dim = ${dim} (too close to the bounds)`,
      rho,
    );
  }
  const logDet =
    2 * dim * Math.log(sd) + (dim - 1) * Math.log1p(-rho) + Math.log1p((dim - 1) * rho);
  return modelTruth("mv-gaussian", { dim, rho, sd }, model, {
    variance: dim * v,
    entropy: 0.5 * (dim * Math.log(2 * Math.PI * Math.E) + logDet),
  });
}
