/**
 * The d-dimensional Gaussian mixture Σ_j w_j N(μ_j, Σ_j) with full covariances: validation,
 * sampling, exact moments, the log-density by log-sum-exp, a Monte Carlo entropy, and its
 * Gaussian-component form for the closed forms between mixtures (docs/theory.md#l2-distance).
 *
 * Each component's Cholesky factor L_j (Σ_j = L_j L_jᵀ) and log-normaliser
 * ln w_j − ½(d ln 2π + ln det Σ_j) are computed once per model object (models are immutable) and
 * cached beside it with a d-vector of scratch space, so sampling and log-densities allocate
 * nothing per point.
 */

import { PSD_TOLERANCE_PER_DIM, tryCholesky } from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { fillNormal, multinomial } from "../sample/index.ts";
import { standardNormalUnchecked } from "../sample/normal.ts";
import { uniformIndexUnchecked } from "../sample/uniformInt.ts";
import { allocFloat64, allocInt32 } from "../util/typedArrays.ts";
import {
  assertFinite,
  assertInteger,
  assertProbabilityVector,
  InvalidParameterError,
} from "../util/validate.ts";
import type { VectorData } from "./data.ts";
import type { GaussianComponents, MonteCarlo } from "./kinds.ts";
import type { MvMixtureModel } from "./models.ts";

const LOG_2PI = Math.log(2 * Math.PI);

/** What sampling and densities need, computed once per model. */
interface MixtureFactors {
  /** L_j, block j of k × d × d (lower triangular, zeros above the diagonal). */
  readonly chol: Float64Array;
  /** ln w_j − ½(d ln 2π + ln det Σ_j). */
  readonly logNorm: Float64Array;
  /** Whether every weight is the same (then each draw picks its component uniformly). */
  readonly equalWeights: boolean;
  /** d values of scratch space (a whitened point). */
  readonly scratch: Float64Array;
}

const factors = new WeakMap<MvMixtureModel, MixtureFactors>();

function factorsOf(model: MvMixtureModel): MixtureFactors {
  let f = factors.get(model);
  if (f !== undefined) return f;
  const d = model.dim;
  const k = model.weights.length;
  const d2 = d * d;
  const chol = new Float64Array(k * d2);
  const logNorm = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const l = tryCholesky(model.covariances.subarray(j * d2, (j + 1) * d2), d);
    if (l === null) {
      throw new InvalidParameterError(
        "mv-mixture",
        `covariances[${j}]`,
        "must be positive definite (its Cholesky factorisation breaks down)",
        model.covariances.subarray(j * d2, (j + 1) * d2),
      );
    }
    chol.set(l, j * d2);
    let logDet = 0;
    for (let r = 0; r < d; r++) logDet += 2 * Math.log(l[r * d + r]);
    logNorm[j] = Math.log(model.weights[j]) - 0.5 * (d * LOG_2PI + logDet);
  }
  let equalWeights = true;
  for (let j = 1; j < k; j++) if (model.weights[j] !== model.weights[0]) equalWeights = false;
  f = { chol, logNorm, equalWeights, scratch: new Float64Array(d) };
  factors.set(model, f);
  return f;
}

/**
 * Σ_j w_j N(μ_j, Σ_j) in `dim` dimensions, validated: weights a probability vector (k ≥ 1
 * entries summing to 1), means k × dim finite numbers (component j's mean is row j),
 * covariances k × dim × dim finite numbers (block j, row-major), each block symmetric (within
 * PSD_TOLERANCE_PER_DIM·d·max Σ_ii; the lower triangle is kept and mirrored) and positive
 * definite.
 */
export function mvMixtureModel(
  dim: number,
  weights: ArrayLike<number>,
  means: ArrayLike<number>,
  covariances: ArrayLike<number>,
): MvMixtureModel {
  const api = "mvMixtureModel";
  assertInteger(api, "dim", dim, 1, 1000);
  assertProbabilityVector(api, "weights", weights);
  const k = weights.length;
  const d = dim;
  if (means === null || typeof means !== "object" || means.length !== k * d) {
    throw new InvalidParameterError(
      api,
      "means.length",
      `must equal components × dim = ${k} × ${d} = ${k * d} (the means row by row)`,
      means?.length,
    );
  }
  if (covariances === null || typeof covariances !== "object" || covariances.length !== k * d * d) {
    throw new InvalidParameterError(
      api,
      "covariances.length",
      `must equal components × dim² = ${k} × ${d * d} = ${k * d * d} (one dim × dim block per component)`,
      covariances?.length,
    );
  }
  for (let i = 0; i < k * d; i++) assertFinite(api, `means[${i}]`, means[i]);
  const cov = allocFloat64(k * d * d);
  for (let j = 0; j < k; j++) {
    const base = j * d * d;
    let maxDiag = 0;
    for (let i = 0; i < d * d; i++)
      assertFinite(api, `covariances[${base + i}]`, covariances[base + i]);
    for (let i = 0; i < d; i++)
      maxDiag = Math.max(maxDiag, Math.abs(covariances[base + i * d + i]));
    const symTol = PSD_TOLERANCE_PER_DIM * d * maxDiag;
    for (let r = 0; r < d; r++) {
      for (let c = 0; c <= r; c++) {
        const lower = covariances[base + r * d + c];
        const upper = covariances[base + c * d + r];
        if (Math.abs(lower - upper) > symTol) {
          throw new InvalidParameterError(
            api,
            `covariances[${base + c * d + r}]`,
            `must equal covariances[${base + r * d + c}] = ${lower} (component ${j}'s covariance is symmetric)`,
            upper,
          );
        }
        cov[base + r * d + c] = lower;
        cov[base + c * d + r] = lower;
      }
    }
    if (tryCholesky(cov.subarray(base, base + d * d), d) === null) {
      throw new InvalidParameterError(
        api,
        `covariances (component ${j})`,
        "must be positive definite (its Cholesky factorisation breaks down)",
        cov.subarray(base, base + d * d),
      );
    }
  }
  return {
    kind: "mv-mixture",
    dim: d,
    weights: Float64Array.from(weights),
    means: Float64Array.from(means),
    covariances: cov,
  };
}

/** x ← μ + L z in place on values[at … at + d), L lower triangular (descending rows keep z). */
function transformInPlace(
  values: Float64Array,
  at: number,
  mean: Float64Array,
  meanAt: number,
  chol: Float64Array,
  cholAt: number,
  d: number,
): void {
  for (let r = d - 1; r >= 0; r--) {
    let s = mean[meanAt + r];
    const row = cholAt + r * d;
    for (let c = 0; c <= r; c++) s += chol[row + c] * values[at + c];
    values[at + r] = s;
  }
}

/**
 * n samples x = μ_j + L_j z, z ~ N(0, I_d). Equal weights: each draw picks its component
 * uniformly, then its d normals (i.i.d. draws in draw order). Other weights: the component counts
 * by one multinomial draw, then n·d normals by one fillNormal call, rows grouped by component
 * (the multiset is exact; its order is not shuffled — as the 1-D mixture and scikit-learn's
 * GaussianMixture.sample).
 */
export function sampleMvMixture(
  model: MvMixtureModel,
  stream: RandomStream,
  n: number,
): VectorData {
  const d = model.dim;
  assertInteger("sampleMvMixture", "n", n, 0, Math.floor((2 ** 31 - 1) / d));
  const k = model.weights.length;
  const f = factorsOf(model);
  const values = allocFloat64(n * d);
  const d2 = d * d;
  if (f.equalWeights) {
    for (let i = 0; i < n; i++) {
      const j = uniformIndexUnchecked(stream, k);
      const at = i * d;
      for (let r = 0; r < d; r++) values[at + r] = standardNormalUnchecked(stream);
      transformInPlace(values, at, model.means, j * d, f.chol, j * d2, d);
    }
    return { kind: "vector", dim: d, values };
  }
  const counts = multinomial(stream, n, model.weights, allocInt32(k));
  if (n > 0) fillNormal(stream, values);
  let row = 0;
  for (let j = 0; j < k; j++) {
    for (let c = 0; c < counts[j]; c++, row++) {
      transformInPlace(values, row * d, model.means, j * d, f.chol, j * d2, d);
    }
  }
  return { kind: "vector", dim: d, values };
}

/** The mean vector Σ_j w_j μ_j. */
export function mvMixtureMean(model: MvMixtureModel): Float64Array {
  const d = model.dim;
  const mean = new Float64Array(d);
  for (let j = 0; j < model.weights.length; j++) {
    for (let r = 0; r < d; r++) mean[r] += model.weights[j] * model.means[j * d + r];
  }
  return mean;
}

/**
 * The total variance tr Cov X = Σ_j w_j (tr Σ_j + ‖μ_j − μ̄‖²) (law of total variance), around
 * the mixture mean μ̄ to avoid cancellation.
 */
export function mvMixtureVariance(model: MvMixtureModel): number {
  const d = model.dim;
  const mean = mvMixtureMean(model);
  let v = 0;
  for (let j = 0; j < model.weights.length; j++) {
    let s = 0;
    for (let r = 0; r < d; r++) {
      s += model.covariances[j * d * d + r * d + r] + (model.means[j * d + r] - mean[r]) ** 2;
    }
    v += model.weights[j] * s;
  }
  return v;
}

/** Throws unless `data` holds points of the model's dimension. */
export function checkPointDim(api: string, modelDim: number, data: VectorData): number {
  if (data === null || typeof data !== "object" || data.kind !== "vector") {
    throw new InvalidParameterError(api, "data.kind", 'must be "vector"', data?.kind);
  }
  if (data.dim !== modelDim) {
    throw new InvalidParameterError(
      api,
      "data.dim",
      `must equal the model's dim (${modelDim})`,
      data.dim,
    );
  }
  return data.values.length / modelDim;
}

/**
 * ln f(x_i) = ln Σ_j exp(ln w_j − ½(d ln 2π + ln det Σ_j) − ½‖L_j⁻¹(x_i − μ_j)‖²) at every row,
 * by a streaming log-sum-exp over components (the whitened point by forward substitution into
 * the cached scratch vector: no allocation per point).
 */
export function mvMixtureLogDensity(model: MvMixtureModel, data: VectorData): Float64Array {
  const d = model.dim;
  const size = checkPointDim("mvMixtureLogDensity", d, data);
  const { chol, logNorm, scratch: y } = factorsOf(model);
  const k = model.weights.length;
  const { means } = model;
  const x = data.values;
  const out = new Float64Array(size);
  const d2 = d * d;
  for (let i = 0; i < size; i++) {
    const at = i * d;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      let quad = 0;
      const L = j * d2;
      for (let r = 0; r < d; r++) {
        let s = x[at + r] - means[j * d + r];
        for (let c = 0; c < r; c++) s -= chol[L + r * d + c] * y[c];
        const v = s / chol[L + r * d + r];
        y[r] = v;
        quad += v * v;
      }
      const term = logNorm[j] - 0.5 * quad;
      if (term === Number.NEGATIVE_INFINITY) continue;
      if (term <= max) {
        sum += Math.exp(term - max);
      } else {
        sum = sum * Math.exp(max - term) + 1;
        max = term;
      }
    }
    out[i] = max === Number.NEGATIVE_INFINITY ? max : max + Math.log(sum);
  }
  return out;
}

/**
 * Differential entropy −E[ln f(X)] by Monte Carlo: −(1/n) Σ ln f(X_i) over n = mc.samples draws
 * of the model on the metric's stream (standard error ≈ sd(ln f)/√n); no closed form exists for a
 * mixture.
 */
export function monteCarloEntropy(
  sample: (stream: RandomStream, n: number) => VectorData,
  logDensity: (data: VectorData) => Float64Array,
  mc: MonteCarlo,
): number {
  const lf = logDensity(sample(mc.stream(), mc.samples));
  let s = 0;
  for (let i = 0; i < lf.length; i++) s -= lf[i];
  return s / lf.length;
}

/** The mixture itself as Gaussian components (no copy: models are immutable). */
export function mvMixtureComponents(model: MvMixtureModel): GaussianComponents {
  return {
    dim: model.dim,
    weights: model.weights,
    means: model.means,
    covariances: model.covariances,
  };
}

/**
 * Temperature τ: every component covariance scaled by τ (the stated analogue of f^(1/τ), as the
 * 1-D mixture; exact for a single Gaussian).
 */
export function mvMixtureTemperature(model: MvMixtureModel, tau: number): MvMixtureModel {
  return { ...model, covariances: model.covariances.map((v) => v * tau) };
}
