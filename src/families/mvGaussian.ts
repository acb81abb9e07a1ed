import type { VectorData } from "../model/data.ts";
import type { MvGaussianModel } from "../model/models.ts";
import type { WeightedPart } from "../model/weightedParts.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";
import { fittedParts } from "./fittedParts.ts";

/** Options of {@link mvGaussian}. */
export interface MvGaussianOptions {
  /**
   * Delta degrees of freedom of the covariance: Σ̂ = (1/(M − ddof)) Σ_i (x_i − x̄)(x_i − x̄)ᵀ.
   * 0 is the MLE (Kazdan et al.'s code); 1 the unbiased estimator. @defaultValue 0
   */
  readonly ddof?: number;
}

/**
 * The sample mean and covariance of d-dimensional data, (1/(n − ddof)) Σ (x_i − x̄)(x_i − x̄)ᵀ,
 * by the corrected two-pass algorithm (the residual sums r_j = Σ_i (x_ij − x̄_j), zero in exact
 * arithmetic, correct the scatter by −r_j r_k/n; Chan, Golub & LeVeque 1983, eq. 1.7, entrywise),
 * as numpy.cov(x, rowvar=False, ddof=ddof). The matrix is computed on the lower triangle and
 * mirrored, so it is exactly symmetric.
 *
 * With n ≤ d samples the covariance has rank ≤ n − 1 < d: it is returned as it is (a singular
 * model: ln det −∞, KL from the truth +∞, sampling confined to the samples' affine hull), not
 * an error.
 * @throws InvalidParameterError unless ddof ∈ {0, 1}, n > ddof, and every value is finite.
 */
export function fitMvGaussian(data: VectorData, ddof = 0, api = "mv-gaussian"): MvGaussianModel {
  assertInteger(api, "ddof", ddof, 0, 1);
  const d = data.dim;
  assertInteger(api, "data.dim", d, 1);
  if (data.values.length % d !== 0) {
    throw new InvalidParameterError(
      api,
      "data.values.length",
      `must be a multiple of data.dim (${d})`,
      data.values.length,
    );
  }
  const n = data.values.length / d;
  if (n <= ddof) throw new InvalidParameterError(api, "data.size", `must be > ${ddof}`, n);
  const x = data.values;
  const mean = allocFloat64(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) mean[j] += x[row + j];
  }
  for (let j = 0; j < d; j++) {
    mean[j] /= n;
    // A NaN or ±∞ value makes its column's mean non-finite: only then look for the culprit.
    if (!Number.isFinite(mean[j])) {
      for (let i = 0; i < n; i++) {
        const v = x[i * d + j];
        if (!Number.isFinite(v)) {
          throw new InvalidParameterError(api, `data.values[${i * d + j}]`, "must be finite", v);
        }
      }
      throw new InvalidParameterError(api, "data.values", "must have a finite sum per column", x);
    }
  }
  const scatter = allocFloat64(d * d);
  const resid = allocFloat64(d);
  const r = allocFloat64(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      r[j] = x[i * d + j] - mean[j];
      resid[j] += r[j];
    }
    for (let j = 0; j < d; j++) {
      const rj = r[j];
      const row = j * d;
      for (let k = 0; k <= j; k++) scatter[row + k] += rj * r[k];
    }
  }
  const cov = allocFloat64(d * d);
  const denom = n - ddof;
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) {
      const v = (scatter[j * d + k] - (resid[j] * resid[k]) / n) / denom;
      cov[j * d + k] = v;
      cov[k * d + j] = v;
    }
  }
  return { kind: "mv-gaussian", dim: d, mean, cov };
}

/**
 * Parameter averaging over weighted parts: μ = Σ_j w_j μ̂_j and Σ = Σ_j w_j Σ̂_j, each part fitted
 * alone by {@link fitMvGaussian} (docs/theory.md#weighted-fresh-mean). A convex combination of
 * covariances is one (symmetric, positive semi-definite), and entry (j, k) is summed exactly as
 * (k, j), so the result stays exactly symmetric.
 */
function fitMvGaussianWeighted(
  parts: readonly WeightedPart<VectorData>[],
  ddof: number,
): MvGaussianModel {
  const d = parts[0].data.dim;
  const mean = allocFloat64(d);
  const cov = allocFloat64(d * d);
  for (const { weight, model } of fittedParts(parts, (data) => fitMvGaussian(data, ddof))) {
    for (let j = 0; j < d; j++) mean[j] += weight * model.mean[j];
    for (let i = 0; i < d * d; i++) cov[i] += weight * model.cov[i];
  }
  return { kind: "mv-gaussian", dim: d, mean, cov };
}

/** Default ddof of {@link mvGaussian}: 0, the MLE (also the spec schema's). */
export const MV_GAUSSIAN_DEFAULT_DDOF = 0;

/**
 * Multivariate Gaussian fitted by the sample mean and covariance ({@link fitMvGaussian}); ddof 0
 * (default) is the MLE of Kazdan et al.'s code. Under replace, M·Σ_{t+1} | Σ_t ~
 * Wishart_d(M − 1, Σ_t), so E[Σ_{t+1} | Σ_t] = ((M − 1)/(M − ddof))·Σ_t: the MLE's trace decays
 * geometrically, the unbiased one's is a martingale, and ln det Σ_t drifts down by
 * Σ_{i=1}^{d} ψ((M − i)/2) + d·ln(2/(M − ddof)) per generation for both
 * (docs/theory.md#mv-gaussian).
 */
export function mvGaussian(options: MvGaussianOptions = {}): Family<VectorData, MvGaussianModel> {
  const ddof = options.ddof ?? MV_GAUSSIAN_DEFAULT_DDOF;
  assertInteger("mv-gaussian", "ddof", ddof, 0, 1);
  return {
    id: "mv-gaussian",
    params: { ddof },
    dataKind: "vector",
    modelKind: "mv-gaussian",
    fit: (data) => fitMvGaussian(data, ddof),
    fitWeighted: (parts) => fitMvGaussianWeighted(parts, ddof),
    // The covariance (n·d²), its factorisation (d³), and drawing the next n points through
    // the factor (n·d²).
    fitCost: (n, dim) => 2 * n * dim * dim + dim ** 3,
    check(_truth, samples) {
      if (samples <= ddof) {
        throw new InvalidParameterError(
          "mv-gaussian",
          "samples",
          `must be > ddof (${ddof}) to fit a covariance`,
          samples,
        );
      }
    },
  };
}
