import {
  lgamma,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTSf,
} from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { fillNormal, fillPareto, fillStudentT, multinomial } from "../sample/index.ts";
import { fillNormalByCounts, standardNormalUnchecked } from "../sample/normal.ts";
import { uniformIndexUnchecked } from "../sample/uniformInt.ts";
import { allocFloat64, allocInt32 } from "../util/typedArrays.ts";
import {
  assertFinite,
  assertInteger,
  assertNonNegative,
  assertPositive,
  assertProbability,
  assertProbabilityVector,
  InvalidParameterError,
  UndefinedQuantityError,
} from "../util/validate.ts";
import type { Dataset, RealData } from "./data.ts";
import type {
  GaussianModel,
  MixtureModel,
  ParetoModel,
  StudentTModel,
  UnivariateModel,
} from "./models.ts";

/**
 * N(mean, variance), validated. variance = 0 is allowed: it is the point mass a replace chain
 * reaches when σ² underflows, and its log-variance is honestly −∞.
 */
export function gaussianModel(mean: number, variance: number): GaussianModel {
  assertFinite("gaussianModel", "mean", mean);
  assertNonNegative("gaussianModel", "variance", variance);
  return { kind: "gaussian", mean, variance };
}

/** Σ w_j N(μ_j, σ_j²), validated (weights a probability vector, variances > 0). */
export function mixtureModel(
  weights: ArrayLike<number>,
  means: ArrayLike<number>,
  variances: ArrayLike<number>,
): MixtureModel {
  const api = "mixtureModel";
  assertProbabilityVector(api, "weights", weights);
  if (means.length !== weights.length) {
    throw new InvalidParameterError(
      api,
      "means.length",
      `must equal weights.length (${weights.length})`,
      means.length,
    );
  }
  if (variances.length !== weights.length) {
    throw new InvalidParameterError(
      api,
      "variances.length",
      `must equal weights.length (${weights.length})`,
      variances.length,
    );
  }
  for (let j = 0; j < weights.length; j++) {
    assertFinite(api, `means[${j}]`, means[j]);
    assertPositive(api, `variances[${j}]`, variances[j]);
  }
  return {
    kind: "mixture",
    weights: Float64Array.from(weights),
    means: Float64Array.from(means),
    variances: Float64Array.from(variances),
  };
}

/** location + scale·T_ν, validated. */
export function studentTModel(nu: number, location = 0, scale = 1): StudentTModel {
  assertPositive("studentTModel", "nu", nu);
  assertFinite("studentTModel", "location", location);
  assertPositive("studentTModel", "scale", scale);
  return { kind: "student-t", nu, location, scale };
}

/** Pareto type I (shape, scale), validated. */
export function paretoModel(shape: number, scale = 1): ParetoModel {
  assertPositive("paretoModel", "shape", shape);
  assertPositive("paretoModel", "scale", scale);
  return { kind: "pareto", shape, scale };
}

/** E[X]; +∞ for Pareto with shape ≤ 1; throws UndefinedQuantityError for Student-t with ν ≤ 1. */
export function univariateMean(model: UnivariateModel): number {
  switch (model.kind) {
    case "gaussian":
      return model.mean;
    case "mixture": {
      let m = 0;
      for (let j = 0; j < model.weights.length; j++) m += model.weights[j] * model.means[j];
      return m;
    }
    case "student-t":
      if (model.nu <= 1) {
        throw new UndefinedQuantityError("mean", `Student-t with nu = ${model.nu} <= 1`);
      }
      return model.location;
    case "pareto":
      return model.shape > 1 ? (model.scale * model.shape) / (model.shape - 1) : Infinity;
  }
}

/**
 * Var[X]. Mixture: Σ w_j(σ_j² + μ_j²) − (Σ w_j μ_j)², computed around the mixture mean to avoid
 * cancellation. Student-t: scale²·ν/(ν−2) (ν > 2), +∞ for 1 < ν ≤ 2, undefined for ν ≤ 1.
 * Pareto: scale²·a/((a−1)²(a−2)) (a > 2), +∞ for a ≤ 2.
 */
export function univariateVariance(model: UnivariateModel): number {
  switch (model.kind) {
    case "gaussian":
      return model.variance;
    case "mixture": {
      const m = univariateMean(model);
      let v = 0;
      for (let j = 0; j < model.weights.length; j++) {
        const d = model.means[j] - m;
        v += model.weights[j] * (model.variances[j] + d * d);
      }
      return v;
    }
    case "student-t":
      if (model.nu <= 1) {
        throw new UndefinedQuantityError("variance", `Student-t with nu = ${model.nu} <= 1`);
      }
      return model.nu > 2 ? (model.scale * model.scale * model.nu) / (model.nu - 2) : Infinity;
    case "pareto": {
      const a = model.shape;
      return a > 2 ? (model.scale * model.scale * a) / ((a - 1) * (a - 1) * (a - 2)) : Infinity;
    }
  }
}

/** P(X ≤ x). */
export function univariateCdf(model: UnivariateModel, x: number): number {
  switch (model.kind) {
    case "gaussian":
      if (model.variance === 0) return x >= model.mean ? 1 : 0;
      return normalCdf(x, model.mean, Math.sqrt(model.variance));
    case "mixture": {
      let c = 0;
      for (let j = 0; j < model.weights.length; j++) {
        c += model.weights[j] * normalCdf(x, model.means[j], Math.sqrt(model.variances[j]));
      }
      return Math.min(1, c);
    }
    case "student-t":
      return studentTCdf((x - model.location) / model.scale, model.nu);
    case "pareto":
      return x <= model.scale ? 0 : -Math.expm1(model.shape * Math.log(model.scale / x));
  }
}

/** P(X > x), computed directly (not 1 − cdf) so upper tails keep their relative accuracy. */
export function univariateSf(model: UnivariateModel, x: number): number {
  switch (model.kind) {
    case "gaussian":
      if (model.variance === 0) return x < model.mean ? 1 : 0;
      return normalSf(x, model.mean, Math.sqrt(model.variance));
    case "mixture": {
      let s = 0;
      for (let j = 0; j < model.weights.length; j++) {
        s += model.weights[j] * normalSf(x, model.means[j], Math.sqrt(model.variances[j]));
      }
      return Math.min(1, s);
    }
    case "student-t":
      return studentTSf((x - model.location) / model.scale, model.nu);
    case "pareto":
      return x <= model.scale ? 1 : Math.exp(model.shape * Math.log(model.scale / x));
  }
}

/** ln f(x). */
export function univariateLogPdf(model: UnivariateModel, x: number): number {
  switch (model.kind) {
    case "gaussian": {
      const d = x - model.mean;
      if (model.variance === 0)
        return d === 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      return -0.5 * (Math.log(2 * Math.PI * model.variance) + (d * d) / model.variance);
    }
    case "mixture": {
      // Streaming log-sum-exp over components (one pass, no allocation: this runs once per
      // Monte Carlo point): keep the running maximum m and Σ exp(term − m), rescaled when m grows.
      let max = Number.NEGATIVE_INFINITY;
      let sum = 0;
      for (let j = 0; j < model.weights.length; j++) {
        const d = x - model.means[j];
        const v = model.variances[j];
        const term = Math.log(model.weights[j]) - 0.5 * (Math.log(2 * Math.PI * v) + (d * d) / v);
        if (term === Number.NEGATIVE_INFINITY) continue;
        if (term <= max) {
          sum += Math.exp(term - max);
        } else {
          sum = sum * Math.exp(max - term) + 1;
          max = term;
        }
      }
      return max === Number.NEGATIVE_INFINITY ? max : max + Math.log(sum);
    }
    case "student-t": {
      const nu = model.nu;
      const z = (x - model.location) / model.scale;
      return (
        lgamma((nu + 1) / 2) -
        lgamma(nu / 2) -
        0.5 * Math.log(nu * Math.PI) -
        Math.log(model.scale) -
        ((nu + 1) / 2) * Math.log1p((z * z) / nu)
      );
    }
    case "pareto":
      return x < model.scale
        ? Number.NEGATIVE_INFINITY
        : Math.log(model.shape) +
            model.shape * Math.log(model.scale) -
            (model.shape + 1) * Math.log(x);
  }
}

/**
 * Solves cdf(x) = p for a continuous, increasing cdf by bisection to adjacent doubles, working on
 * the sf side when p > 1/2 so upper quantiles keep their accuracy.
 */
function invertCdf(model: UnivariateModel, p: number, lo: number, hi: number): number {
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  const below = (x: number) =>
    upper ? univariateSf(model, x) > target : univariateCdf(model, x) < target;
  while (below(lo) === false) lo -= Math.max(1, Math.abs(lo));
  while (below(hi)) hi += Math.max(1, Math.abs(hi));
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

/** The p-quantile: inf{x : P(X ≤ x) ≥ p}, p in (0, 1). Closed form where one exists. */
export function univariateQuantile(model: UnivariateModel, p: number): number {
  assertProbability("univariateQuantile", "p", p);
  if (p === 0 || p === 1) {
    throw new InvalidParameterError("univariateQuantile", "p", "must be in (0, 1)", p);
  }
  switch (model.kind) {
    case "gaussian":
      if (model.variance === 0) return model.mean;
      return normalQuantile(p, model.mean, Math.sqrt(model.variance));
    case "pareto":
      // (1 − p)^(−1/a)·scale, with log1p for small p.
      return model.scale * Math.exp(-Math.log1p(-p) / model.shape);
    case "student-t": {
      const z = normalQuantile(p);
      return invertCdf(
        model,
        p,
        model.location + model.scale * (z - 1),
        model.location + model.scale * (z + 1),
      );
    }
    case "mixture": {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      const z = Math.abs(normalQuantile(Math.min(p, 1 - p)));
      for (let j = 0; j < model.weights.length; j++) {
        const s = Math.sqrt(model.variances[j]);
        lo = Math.min(lo, model.means[j] - (z + 1) * s);
        hi = Math.max(hi, model.means[j] + (z + 1) * s);
      }
      return invertCdf(model, p, lo, hi);
    }
  }
}

function hasEqualWeights(w: Float64Array): boolean {
  for (let j = 1; j < w.length; j++) if (w[j] !== w[0]) return false;
  return true;
}

/**
 * n samples. A mixture with equal weights (a KDE) draws each sample's component uniformly, then
 * its normal: i.i.d. draws in draw order. Any other mixture's samples come grouped by component
 * (component counts by one multinomial draw, then normals per component): the multiset is exact;
 * its order is not shuffled.
 */
export function sampleUnivariate(
  model: UnivariateModel,
  stream: RandomStream,
  n: number,
  reuse?: Dataset,
): RealData {
  assertInteger("sampleUnivariate", "n", n, 0, 2 ** 31 - 1);
  // Every case below writes all n values, so an earlier draw's array can be filled again.
  const values =
    reuse?.kind === "real" && reuse.values.length === n ? reuse.values : allocFloat64(n);
  switch (model.kind) {
    case "gaussian":
      if (model.variance > 0) fillNormal(stream, values, model.mean, Math.sqrt(model.variance));
      else values.fill(model.mean);
      break;
    case "mixture": {
      const k = model.weights.length;
      if (hasEqualWeights(model.weights)) {
        // Equal weights (a KDE): each draw's component uniformly, then its normal — O(n) at the
        // cost of a normal draw plus an index draw, instead of a multinomial over all k
        // components, O(k) binomials.
        const { means, variances } = model;
        for (let i = 0; i < n; i++) {
          const j = uniformIndexUnchecked(stream, k);
          // 0 + 1·Z: normal(stream)'s arithmetic, without its per-call validation.
          values[i] =
            means[j] + Math.sqrt(variances[j]) * (0 + 1 * standardNormalUnchecked(stream));
        }
        break;
      }
      const counts = multinomial(stream, n, model.weights, allocInt32(k));
      fillNormalByCounts(stream, values, counts, model.means, model.variances);
      break;
    }
    case "student-t": {
      fillStudentT(stream, values, model.nu);
      for (let i = 0; i < n; i++) values[i] = model.location + model.scale * values[i];
      break;
    }
    case "pareto":
      fillPareto(stream, values, model.shape, model.scale);
      break;
  }
  return { kind: "real", values };
}
