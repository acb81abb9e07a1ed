import type { RealData } from "../model/data.ts";
import type { MixtureModel } from "../model/models.ts";
import { quantiles, standardDeviation } from "../numeric/index.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertPositive, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";

/**
 * Bandwidth rules a KDE can refit at every generation, on the current training set (n points,
 * σ̂ the unbiased sample sd, d = 1):
 * - `silverman`: 0.9·min(σ̂, IQR/1.34)·n^(−1/5) (Silverman 1986, eq. 3.31; R's `bw.nrd0`);
 * - `scott`: σ̂·n^(−1/5) (Scott 1992, eq. 6.42 with its factor dropped as scipy does;
 *   `scipy.stats.gaussian_kde`'s default, covariance σ̂²·factor²);
 * - `scipy-silverman`: σ̂·(3n/4)^(−1/5) (`gaussian_kde(bw_method="silverman")`:
 *   factor (n(d + 2)/4)^(−1/(d + 4)));
 * - `sklearn-scott`: n^(−1/5) and `sklearn-silverman`: (3n/4)^(−1/5) — scikit-learn's
 *   `KernelDensity(bandwidth="scott" | "silverman")`, which use the factor alone as h (they assume
 *   standardised data; no σ̂).
 */
export const KDE_BANDWIDTH_RULES = [
  "silverman",
  "scott",
  "scipy-silverman",
  "sklearn-scott",
  "sklearn-silverman",
] as const;
export type KdeBandwidthRule = (typeof KDE_BANDWIDTH_RULES)[number];

/** Options of {@link kde}. */
export interface KdeConstraints {
  /**
   * Kernel standard deviation h, or a rule recomputed at every fit from the training set (see
   * {@link KDE_BANDWIDTH_RULES}).
   * @defaultValue "silverman"
   */
  bandwidth?: number | KdeBandwidthRule;
}

/** The bandwidth a rule gives for these values (n ≥ 2). */
export function ruleBandwidth(rule: KdeBandwidthRule, values: Float64Array): number {
  const n = values.length;
  if (n < 2) {
    throw new InvalidParameterError("ruleBandwidth", "values.length", "must be >= 2", n);
  }
  switch (rule) {
    case "silverman":
      return silvermanBandwidth(values);
    case "scott":
      return standardDeviation(values, 1) * n ** -0.2;
    case "scipy-silverman":
      return standardDeviation(values, 1) * ((3 * n) / 4) ** -0.2;
    case "sklearn-scott":
      return n ** -0.2;
    case "sklearn-silverman":
      return ((3 * n) / 4) ** -0.2;
  }
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
 * The bandwidth of {@link KdeConstraints}, validated (a number > 0 or a rule's name; default
 * {@link KDE_DEFAULT_BANDWIDTH}), and the rule when it is one — shared by the 1-D and the
 * d-dimensional `kde`.
 */
export function checkKdeBandwidth(constraints: KdeConstraints): {
  bandwidth: number | KdeBandwidthRule;
  rule: KdeBandwidthRule | undefined;
} {
  const bandwidth = constraints.bandwidth ?? KDE_DEFAULT_BANDWIDTH;
  const rule = typeof bandwidth === "string" ? bandwidth : undefined;
  if (rule !== undefined && !(KDE_BANDWIDTH_RULES as readonly string[]).includes(rule)) {
    throw new InvalidParameterError(
      "kde",
      "bandwidth",
      `must be a number > 0 or one of ${KDE_BANDWIDTH_RULES.join(", ")}`,
      bandwidth,
    );
  }
  if (rule === undefined) assertPositive("kde", "bandwidth", bandwidth as number);
  return { bandwidth, rule };
}

/**
 * Gaussian kernel density estimate: the mixture (1/n) Σ_i N(x_i, h²). Sampling from it is
 * resampling the data plus N(0, h²) noise, so each generation adds h² of variance (the opposite
 * drift to the MLE's shrinkage).
 */
export function kde(constraints: KdeConstraints = {}): Family<RealData, MixtureModel> {
  const { bandwidth, rule } = checkKdeBandwidth(constraints);
  return {
    id: "kde",
    params: { bandwidth },
    dataKind: "real",
    modelKind: "mixture",
    // One kernel per training point.
    modelSize: (n) => n,
    fit(data) {
      const n = data.values.length;
      if (n === 0) throw new InvalidParameterError("kde", "data.size", "must be > 0", n);
      const h = rule !== undefined ? ruleBandwidth(rule, data.values) : (bandwidth as number);
      if (!(h * h > 0)) {
        throw new InvalidParameterError(
          "kde",
          "bandwidth",
          `must be > 0 (the ${rule} rule gives 0 when all values are equal)`,
          h,
        );
      }
      const means = allocFloat64(n);
      means.set(data.values);
      return {
        kind: "mixture",
        weights: allocFloat64(n).fill(1 / n),
        means,
        variances: allocFloat64(n).fill(h * h),
      };
    },
  };
}
