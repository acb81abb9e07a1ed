import type { RealData } from "../model/data.ts";
import type { MixtureModel } from "../model/models.ts";
import { quantiles, standardDeviation } from "../numeric/index.ts";
import { assertPositive, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";

/** Options of {@link kde}. */
export interface KdeConstraints {
  /**
   * Kernel standard deviation h, or `"silverman"` for Silverman's rule of thumb
   * h = 0.9·min(σ̂, IQR/1.34)·n^(−1/5) (Silverman 1986, eq. 3.31), recomputed at every fit.
   * @defaultValue "silverman"
   */
  bandwidth?: number | "silverman";
}

/** Silverman's rule: 0.9·min(σ̂, IQR/1.34)·n^(−1/5), with σ̂ the unbiased sample sd. */
export function silvermanBandwidth(values: Float64Array): number {
  const n = values.length;
  if (n < 2) {
    throw new InvalidParameterError("silvermanBandwidth", "values.length", "must be >= 2", n);
  }
  const sd = standardDeviation(values, 1);
  const [q1, q3] = quantiles(values, [0.25, 0.75]);
  const iqr = q3 - q1;
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  return 0.9 * spread * n ** -0.2;
}

/** Default bandwidth rule of {@link kde} (also the spec schema's). */
export const KDE_DEFAULT_BANDWIDTH = "silverman";

/**
 * Gaussian kernel density estimate: the mixture (1/n) Σ_i N(x_i, h²). Sampling from it is
 * resampling the data plus N(0, h²) noise, so each generation adds h² of variance (the opposite
 * drift to the MLE's shrinkage).
 */
export function kde(constraints: KdeConstraints = {}): Family<RealData, MixtureModel> {
  const bandwidth = constraints.bandwidth ?? KDE_DEFAULT_BANDWIDTH;
  if (bandwidth !== "silverman") assertPositive("kde", "bandwidth", bandwidth);
  return {
    id: "kde",
    params: { bandwidth },
    dataKind: "real",
    modelKind: "mixture",
    fit(data) {
      const n = data.values.length;
      if (n === 0) throw new InvalidParameterError("kde", "data.size", "must be > 0", n);
      const h = bandwidth === "silverman" ? silvermanBandwidth(data.values) : bandwidth;
      if (!(h * h > 0)) {
        throw new InvalidParameterError(
          "kde",
          "bandwidth",
          "must be > 0 (Silverman's rule gives 0 when all values are equal)",
          h,
        );
      }
      const weights = new Float64Array(n).fill(1 / n);
      return {
        kind: "mixture",
        weights,
        means: Float64Array.from(data.values),
        variances: new Float64Array(n).fill(h * h),
      };
    },
  };
}
