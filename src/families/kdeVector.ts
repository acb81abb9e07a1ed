import type { VectorData } from "../model/data.ts";
import type { MvKdeModel } from "../model/models.ts";
import { tryCholesky } from "../numeric/index.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";
import {
  checkKdeBandwidth,
  type KdeBandwidthRule,
  type KdeConstraints,
  silvermanBandwidth,
} from "./kde.ts";
import { fitMvGaussian } from "./mvGaussian.ts";

/** The scipy rules, which scale the training set's covariance (the others are isotropic). */
const SCIPY_RULES: readonly KdeBandwidthRule[] = ["scott", "scipy-silverman"];

/**
 * The kernel covariance H of a d-dimensional Gaussian KDE (1/n) Σ N(x_i, H) on n training rows,
 * recomputed at every fit:
 * - a number h: H = h²·I (scikit-learn's `KernelDensity(bandwidth=h)`, an isotropic kernel on the
 *   unscaled data);
 * - `sklearn-scott`: h = n^(−1/(d+4)) and `sklearn-silverman`: h = (n(d + 2)/4)^(−1/(d+4)), H = h²·I
 *   — scikit-learn's `KernelDensity(bandwidth="scott" | "silverman")` (the factor alone, as if the
 *   data were standardised);
 * - `scott`: H = n^(−2/(d+4))·Σ̂ and `scipy-silverman`: H = (n(d + 2)/4)^(−2/(d+4))·Σ̂, with Σ̂ the
 *   unbiased (ddof 1) covariance of the rows — `scipy.stats.gaussian_kde(bw_method="scott" |
 *   "silverman")`, whose kernel follows the data's covariance (not isotropic);
 * - `silverman` (R's bw.nrd0, 0.9·min(σ̂, IQR/1.34)·n^(−1/5)) is one-dimensional: d = 1 only.
 * At d = 1 each rule is the 1-D `kde`'s h² (src/families/kde.ts).
 * @throws InvalidParameterError for `silverman` with d ≥ 2, or when H is not positive definite
 * (a scipy rule on a training set whose covariance is singular: fewer than d + 1 distinct rows
 * in general position).
 */
export function kernelCovariance(
  bandwidth: number | KdeBandwidthRule,
  data: VectorData,
): Float64Array {
  const d = data.dim;
  const n = data.values.length / d;
  const H = allocFloat64(d * d);
  const isotropic = (h: number) => {
    for (let r = 0; r < d; r++) H[r * d + r] = h * h;
    return H;
  };
  if (typeof bandwidth === "number") return isotropic(bandwidth);
  switch (bandwidth) {
    case "sklearn-scott":
      return isotropic(n ** (-1 / (d + 4)));
    case "sklearn-silverman":
      return isotropic(((n * (d + 2)) / 4) ** (-1 / (d + 4)));
    case "silverman": {
      if (d !== 1) {
        throw new InvalidParameterError(
          "kde",
          "bandwidth",
          `"silverman" (R's bw.nrd0) is one-dimensional; on ${d}-dimensional data use sklearn-scott, sklearn-silverman, scott or scipy-silverman`,
          bandwidth,
        );
      }
      return isotropic(silvermanBandwidth(data.values));
    }
    case "scott":
    case "scipy-silverman": {
      if (n < 2) {
        throw new InvalidParameterError("kde", "data.size", "must be >= 2 for a scipy rule", n);
      }
      const factor =
        bandwidth === "scott" ? n ** (-1 / (d + 4)) : ((n * (d + 2)) / 4) ** (-1 / (d + 4));
      const cov = fitMvGaussian(data, 1, "kde").cov;
      for (let i = 0; i < d * d; i++) H[i] = cov[i] * factor * factor;
      return H;
    }
  }
}

/**
 * d-dimensional Gaussian kernel density estimate (1/n) Σ_i N(x_i, H), H from the bandwidth (a
 * number h, H = h²I, or a rule recomputed on each training set: {@link kernelCovariance}).
 * Sampling picks a training row uniformly and adds N(0, H) noise, so each generation adds tr H of
 * total variance, as in one dimension.
 */
export function kdeVector(constraints: KdeConstraints = {}): Family<VectorData, MvKdeModel> {
  const { bandwidth, rule } = checkKdeBandwidth(constraints);
  return {
    id: "kde",
    params: { bandwidth },
    dataKind: "vector",
    modelKind: "mv-kde",
    // Copying the rows, and for a scipy rule their covariance (n·d²).
    fitCost: (n, dim) => n * dim * dim,
    // One kernel per training point.
    modelSize: (n) => n,
    check(truth, samples) {
      const dim = (truth.model as { readonly dim?: unknown }).dim;
      if (typeof dim !== "number") return;
      if (rule === "silverman" && dim > 1) {
        throw new InvalidParameterError(
          "kde",
          "bandwidth",
          `"silverman" (R's bw.nrd0) is one-dimensional; the truth "${truth.id}" is ${dim}-dimensional (use sklearn-scott, sklearn-silverman, scott or scipy-silverman)`,
          rule,
        );
      }
      if (rule !== undefined && SCIPY_RULES.includes(rule) && samples <= dim) {
        throw new InvalidParameterError(
          "kde",
          "samples",
          `must be > dim (${dim}) for the ${rule} rule, whose kernel is the training set's covariance (singular below d + 1 points)`,
          samples,
        );
      }
    },
    fit(data) {
      const d = data.dim;
      const n = data.values.length / d;
      if (n === 0) throw new InvalidParameterError("kde", "data.size", "must be > 0", n);
      const H = kernelCovariance(bandwidth, data);
      if (tryCholesky(H, d) === null) {
        throw new InvalidParameterError(
          "kde",
          "bandwidth",
          `must give a positive definite kernel covariance (the ${rule ?? "given"} rule gives a singular one: the training set's covariance is singular)`,
          H,
        );
      }
      const centres = allocFloat64(n * d);
      centres.set(data.values);
      return { kind: "mv-kde", dim: d, centres, kernelCovariance: H };
    },
  };
}
