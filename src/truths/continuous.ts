import { gaussianModel, mixtureModel, paretoModel, studentTModel } from "../model/univariate.ts";
import { digamma, lbeta } from "../numeric/index.ts";
import { assertFinite, assertScale, InvalidParameterError } from "../util/validate.ts";
import { modelTruth, type Truth } from "./truth.ts";

/** N(mean, sd²). Entropy ½ ln(2πe σ²). */
export function gaussianTruth(mean = 0, sd = 1): Truth {
  assertFinite("gaussian", "mean", mean);
  assertScale("gaussian", "sd", sd);
  const model = gaussianModel(mean, sd * sd);
  return modelTruth("gaussian", { mean, sd }, model, {
    mean,
    variance: sd * sd,
    entropy: 0.5 * Math.log(2 * Math.PI * Math.E * sd * sd),
  });
}

/**
 * 1-D Gaussian mixture Σ w_j N(μ_j, σ_j²) — e.g. a rare component: weights [0.95, 0.05].
 * Mean and variance exact; the entropy has no closed form (metrics estimate it by Monte Carlo).
 */
export function gmmTruth(
  weights: ArrayLike<number>,
  means: ArrayLike<number>,
  sds: ArrayLike<number>,
): Truth {
  if (sds.length !== weights.length) {
    throw new InvalidParameterError(
      "gmm",
      "sds.length",
      `must equal weights.length (${weights.length})`,
      sds.length,
    );
  }
  for (let j = 0; j < sds.length; j++) assertScale("gmm", `sds[${j}]`, sds[j]);
  const model = mixtureModel(
    weights,
    means,
    Array.from(sds, (s) => s * s),
  );
  let m = 0;
  for (let j = 0; j < model.weights.length; j++) m += model.weights[j] * model.means[j];
  let v = 0;
  for (let j = 0; j < model.weights.length; j++) {
    v += model.weights[j] * (model.variances[j] + (model.means[j] - m) ** 2);
  }
  return modelTruth(
    "gmm",
    {
      weights: Array.from(model.weights).join(" "),
      means: Array.from(model.means).join(" "),
      sds: Array.from(sds).join(" "),
    },
    model,
    { mean: m, variance: v },
  );
}

/**
 * location + scale·T_ν. Variance scale²ν/(ν−2) for ν > 2 (+∞ for 1 < ν ≤ 2). Entropy
 * ((ν+1)/2)(ψ((ν+1)/2) − ψ(ν/2)) + ln(√ν B(ν/2, 1/2)) + ln scale.
 */
export function studentTTruth(nu: number, location = 0, scale = 1): Truth {
  const model = studentTModel(nu, location, scale);
  const entropy =
    ((nu + 1) / 2) * (digamma((nu + 1) / 2) - digamma(nu / 2)) +
    0.5 * Math.log(nu) +
    lbeta(nu / 2, 0.5) +
    Math.log(scale);
  return modelTruth("student-t", { nu, location, scale }, model, {
    ...(nu > 1 ? { mean: location } : {}),
    ...(nu > 1 ? { variance: nu > 2 ? (scale * scale * nu) / (nu - 2) : Infinity } : {}),
    entropy,
  });
}

/** Pareto type I on [scale, ∞). Entropy ln(scale/shape) + 1/shape + 1. */
export function paretoTruth(shape: number, scale = 1): Truth {
  const model = paretoModel(shape, scale);
  const a = shape;
  return modelTruth("pareto", { shape, scale }, model, {
    mean: a > 1 ? (scale * a) / (a - 1) : Infinity,
    variance: a > 2 ? (scale * scale * a) / ((a - 1) * (a - 1) * (a - 2)) : Infinity,
    entropy: Math.log(scale / a) + 1 / a + 1,
  });
}
