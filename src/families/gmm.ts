import type { RealData } from "../model/data.ts";
import type { MixtureModel } from "../model/models.ts";
import { variance as sampleVariance } from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { uniformInt } from "../sample/index.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertInteger, assertPositive, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";

/**
 * An index i of weights[0 … n) drawn with probability weights[i]/total (one uniform, inverse
 * CDF; the last index if rounding leaves u ≥ 0): the D² draw of k-means++ (Arthur & Vassilvitskii
 * 2007), in 1-D and in d dimensions.
 */
export function pickByWeight(
  stream: RandomStream,
  weights: Float64Array,
  n: number,
  total: number,
): number {
  let u = stream.nextDouble() * total;
  for (let i = 0; i < n; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return n - 1;
}

/**
 * Turns one row of log-terms ℓ_j = ln(w_j f_j(x)) (resp[offset … offset + k), largest `max`) into
 * responsibilities r_j = e^{ℓ_j − max} / Σ_l e^{ℓ_l − max} in place, and returns the row's
 * log-likelihood ln Σ_j e^{ℓ_j} = max + ln Σ_j e^{ℓ_j − max} (log-sum-exp: no overflow). The
 * E-step of the 1-D and the d-dimensional mixture.
 */
export function normalizeLogRow(
  resp: Float64Array,
  offset: number,
  k: number,
  max: number,
): number {
  let s = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp(resp[offset + j] - max);
    resp[offset + j] = e;
    s += e;
  }
  for (let j = 0; j < k; j++) resp[offset + j] /= s;
  return max + Math.log(s);
}

/** Defaults of {@link gmm}, written once: the spec schema (`gmm:components=,iterations=`) reads them. */
export const GMM_DEFAULTS = {
  components: 2,
  maxIterations: 200,
  tolerance: 1e-10,
  restarts: 1,
} as const;

/** Options of {@link gmm}. */
export interface GmmConstraints {
  /** Number of components k. @defaultValue 2 */
  components?: number;
  /** Maximum EM iterations. @defaultValue 200 */
  maxIterations?: number;
  /**
   * Stop when the mean log-likelihood improves by less than this (scikit-learn's `tol` is 1e-3
   * on the same quantity; the peers' own EM code stops at 1e-5). @defaultValue 1e-10
   */
  tolerance?: number;
  /**
   * EM runs from independent k-means++ starts; the fit with the highest mean log-likelihood
   * (at its last E-step) is kept, the first on ties (scikit-learn's `n_init`). @defaultValue 1
   */
  restarts?: number;
  /**
   * Variance floor, relative to the data's variance: keeps EM off the degenerate
   * σ_j → 0 maxima of the unbounded mixture likelihood. @defaultValue 1e-6
   */
  varianceFloor?: number;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007): first centre uniform, then ∝ D². */
function seedCentres(x: Float64Array, k: number, stream: RandomStream): Float64Array {
  const n = x.length;
  const centres = allocFloat64(k);
  const d2 = allocFloat64(n).fill(Number.POSITIVE_INFINITY);
  centres[0] = x[uniformInt(stream, 0, n - 1)];
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - centres[j - 1];
      if (d * d < d2[i]) d2[i] = d * d;
      total += d2[i];
    }
    if (!(total > 0)) {
      centres[j] = centres[j - 1];
      continue;
    }
    centres[j] = x[pickByWeight(stream, d2, n, total)];
  }
  return centres;
}

/**
 * Mean log-likelihood (1/n)Σ ln Σ_j w_j N(x_i; μ_j, σ²_j) of the data under a mixture, by
 * log-sum-exp: how restarts pick their fit.
 */
function mixtureMeanLogLik(x: Float64Array, m: MixtureModel): number {
  const k = m.weights.length;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const d = x[i] - m.means[j];
      const l =
        Math.log(m.weights[j]) -
        0.5 * Math.log(2 * Math.PI * m.variances[j]) -
        (0.5 * d * d) / m.variances[j];
      if (l > max) max = l;
    }
    let s = 0;
    for (let j = 0; j < k; j++) {
      const d = x[i] - m.means[j];
      s += Math.exp(
        Math.log(m.weights[j]) -
          0.5 * Math.log(2 * Math.PI * m.variances[j]) -
          (0.5 * d * d) / m.variances[j] -
          max,
      );
    }
    total += max + Math.log(s);
  }
  return total / x.length;
}

/** One EM run from a k-means++ start: the fitted mixture and its mean log-likelihood at the last E-step. */
function runEm(
  x: Float64Array,
  k: number,
  stream: RandomStream,
  o: { maxIterations: number; tolerance: number; minVar: number; dataVar: number },
): { model: MixtureModel; meanLogLik: number } {
  const n = x.length;
  const { maxIterations, tolerance, minVar, dataVar } = o;
  const means = seedCentres(x, k, stream);
  const weights = allocFloat64(k);
  const variances = allocFloat64(k);
  // Hard assignment to the nearest centre for the starting weights and variances.
  const sums = allocFloat64(k);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) {
      if (Math.abs(x[i] - means[j]) < Math.abs(x[i] - means[best])) best = j;
    }
    weights[best] += 1;
    const d = x[i] - means[best];
    sums[best] += d * d;
  }
  for (let j = 0; j < k; j++) {
    variances[j] = Math.max(weights[j] > 0 ? sums[j] / weights[j] : dataVar, minVar);
    weights[j] = Math.max(weights[j], 1) / (n + k);
  }
  const resp = allocFloat64(n * k);
  const logTerm = allocFloat64(k);
  let previous = Number.NEGATIVE_INFINITY;
  for (let iter = 0; iter < maxIterations; iter++) {
    // E-step.
    let loglik = 0;
    for (let j = 0; j < k; j++) {
      logTerm[j] = Math.log(weights[j]) - 0.5 * Math.log(2 * Math.PI * variances[j]);
    }
    for (let i = 0; i < n; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const d = x[i] - means[j];
        const l = logTerm[j] - (0.5 * d * d) / variances[j];
        resp[i * k + j] = l;
        if (l > max) max = l;
      }
      loglik += normalizeLogRow(resp, i * k, k, max);
    }
    // M-step.
    for (let j = 0; j < k; j++) {
      let nj = 0;
      let sx = 0;
      for (let i = 0; i < n; i++) {
        nj += resp[i * k + j];
        sx += resp[i * k + j] * x[i];
      }
      if (nj < 1e-12) {
        // An emptied component keeps its parameters with negligible weight.
        weights[j] = 1e-12;
        continue;
      }
      const mu = sx / nj;
      let sv = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i] - mu;
        sv += resp[i * k + j] * d * d;
      }
      means[j] = mu;
      variances[j] = Math.max(sv / nj, minVar);
      weights[j] = nj / n;
    }
    let wsum = 0;
    for (let j = 0; j < k; j++) wsum += weights[j];
    for (let j = 0; j < k; j++) weights[j] /= wsum;
    const improvement = loglik / n - previous;
    previous = loglik / n;
    if (improvement < tolerance) break;
  }
  return { model: { kind: "mixture", weights, means, variances }, meanLogLik: previous };
}

/**
 * 1-D Gaussian mixture fitted by expectation–maximisation (Dempster, Laird & Rubin 1977), k
 * components initialised by k-means++ from the stream, all data assigned to the nearest centre
 * for the starting weights and variances. Responsibilities are computed with log-sum-exp.
 */
export function gmm(constraints: GmmConstraints = {}): Family<RealData, MixtureModel> {
  const api = "gmm";
  const k = constraints.components ?? GMM_DEFAULTS.components;
  const maxIterations = constraints.maxIterations ?? GMM_DEFAULTS.maxIterations;
  const tolerance = constraints.tolerance ?? GMM_DEFAULTS.tolerance;
  const restarts = constraints.restarts ?? GMM_DEFAULTS.restarts;
  const floor = constraints.varianceFloor ?? 1e-6;
  assertInteger(api, "components", k, 1, 1000);
  assertInteger(api, "maxIterations", maxIterations, 1);
  assertPositive(api, "tolerance", tolerance);
  assertInteger(api, "restarts", restarts, 1, 1000);
  assertPositive(api, "varianceFloor", floor);
  return {
    id: "gmm",
    params: { components: k, maxIterations, tolerance, restarts, varianceFloor: floor },
    dataKind: "real",
    modelKind: "mixture",
    // Up to maxIterations EM sweeps, each k densities (an exp) per point.
    fitCost: (n) => restarts * maxIterations * k * n * 20,
    modelSize: () => k,
    fit(data, stream) {
      const x = data.values;
      const n = x.length;
      if (n < k) {
        throw new InvalidParameterError(api, "data.size", `must be >= components (${k})`, n);
      }
      const dataVar = n > 1 ? sampleVariance(x, 0) : 0;
      const minVar = Math.max(dataVar * floor, Number.MIN_VALUE * 1e10);
      const o = { maxIterations, tolerance, minVar, dataVar };
      let best = runEm(x, k, stream, o).model;
      if (restarts === 1) return best;
      let bestLogLik = mixtureMeanLogLik(x, best);
      for (let r = 1; r < restarts; r++) {
        const next = runEm(x, k, stream, o).model;
        const logLik = mixtureMeanLogLik(x, next);
        if (logLik > bestLogLik) [best, bestLogLik] = [next, logLik];
      }
      return best;
    },
  };
}
