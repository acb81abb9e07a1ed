import type { VectorData } from "../model/data.ts";
import type { MvMixtureModel } from "../model/models.ts";
import { mvMixtureLogDensity } from "../model/mvMixture.ts";
import { tryCholesky } from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { uniformInt } from "../sample/index.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertInteger, assertPositive, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";
import { GMM_DEFAULTS, normalizeLogRow, pickByWeight } from "./gmm.ts";

/** scikit-learn's `GaussianMixture(reg_covar=1e-6)`: added to every covariance's diagonal. */
export const GMM_VECTOR_REGULARIZATION = 1e-6;

/** Options of {@link gmmVector} (the d-dimensional `gmm`). */
export interface GmmVectorConstraints {
  /** Number of components k. @defaultValue 2 */
  components?: number;
  /** Maximum EM iterations (scikit-learn's `max_iter`). @defaultValue 200 */
  maxIterations?: number;
  /**
   * Stop when the mean log-likelihood changes by less than this in absolute value (scikit-learn's
   * `tol` on the same quantity, its default 1e-3; the peers' scripts use 1e-5). @defaultValue 1e-10
   */
  tolerance?: number;
  /**
   * EM runs from independent k-means++ starts; the fit whose final parameters give the data the
   * highest mean log-likelihood is kept, the first on ties (scikit-learn's `n_init`).
   * @defaultValue 1
   */
  restarts?: number;
  /**
   * Added to the diagonal of every covariance at each M-step (scikit-learn's `reg_covar`, an
   * absolute amount): keeps each Σ_j positive definite when a component collapses onto a few
   * points, off the unbounded maxima of the mixture likelihood. @defaultValue 1e-6
   */
  regularization?: number;
}

/** What one EM run needs besides the data. */
interface EmOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly regularization: number;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007) on rows: first centre uniform, then ∝ D². */
function seedCentres(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  stream: RandomStream,
): Float64Array {
  const centres = allocFloat64(k * d);
  const d2 = allocFloat64(n).fill(Number.POSITIVE_INFINITY);
  const first = uniformInt(stream, 0, n - 1);
  centres.set(x.subarray(first * d, first * d + d), 0);
  for (let j = 1; j < k; j++) {
    let total = 0;
    const prev = (j - 1) * d;
    for (let i = 0; i < n; i++) {
      let dist = 0;
      for (let r = 0; r < d; r++) dist += (x[i * d + r] - centres[prev + r]) ** 2;
      if (dist < d2[i]) d2[i] = dist;
      total += d2[i];
    }
    if (!(total > 0)) {
      centres.copyWithin(j * d, prev, prev + d);
      continue;
    }
    const pick = pickByWeight(stream, d2, n, total);
    centres.set(x.subarray(pick * d, pick * d + d), j * d);
  }
  return centres;
}

/**
 * The M-step of scikit-learn's `_estimate_gaussian_parameters` (full covariances) from
 * responsibilities resp (n × k): n_j = Σ_i r_ij + 10ε (ε = 2⁻⁵², so an emptied component stays
 * finite), μ_j = Σ_i r_ij x_i / n_j, Σ_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / n_j + reg·I, and
 * w_j = n_j / n normalised to sum 1. Σ_j is computed on the lower triangle and mirrored.
 */
function maximise(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  resp: Float64Array,
  regularization: number,
  model: { weights: Float64Array; means: Float64Array; covariances: Float64Array },
): void {
  const { weights, means, covariances } = model;
  let wsum = 0;
  for (let j = 0; j < k; j++) {
    let nj = 0;
    for (let r = 0; r < d; r++) means[j * d + r] = 0;
    for (let i = 0; i < n; i++) {
      const w = resp[i * k + j];
      nj += w;
      for (let r = 0; r < d; r++) means[j * d + r] += w * x[i * d + r];
    }
    nj += 10 * Number.EPSILON;
    for (let r = 0; r < d; r++) means[j * d + r] /= nj;
    const block = j * d * d;
    for (let r = 0; r < d * d; r++) covariances[block + r] = 0;
    for (let i = 0; i < n; i++) {
      const w = resp[i * k + j];
      if (w === 0) continue;
      for (let r = 0; r < d; r++) {
        const er = x[i * d + r] - means[j * d + r];
        for (let c = 0; c <= r; c++) {
          covariances[block + r * d + c] += w * er * (x[i * d + c] - means[j * d + c]);
        }
      }
    }
    for (let r = 0; r < d; r++) {
      for (let c = 0; c <= r; c++) {
        const v = covariances[block + r * d + c] / nj + (r === c ? regularization : 0);
        covariances[block + r * d + c] = v;
        covariances[block + c * d + r] = v;
      }
    }
    weights[j] = nj / n;
    wsum += weights[j];
  }
  for (let j = 0; j < k; j++) weights[j] /= wsum;
}

/**
 * The E-step: responsibilities r_ij = w_j N(x_i; μ_j, Σ_j) / Σ_l w_l N(x_i; μ_l, Σ_l) by
 * log-sum-exp into `resp`, and the mean log-likelihood (1/n) Σ_i ln Σ_j w_j N(x_i; μ_j, Σ_j).
 */
function expectation(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  model: { weights: Float64Array; means: Float64Array; covariances: Float64Array },
  resp: Float64Array,
  scratch: { chol: Float64Array; logNorm: Float64Array; y: Float64Array },
  regularization: number,
): number {
  const { chol, logNorm, y } = scratch;
  const d2 = d * d;
  const log2pi = Math.log(2 * Math.PI);
  for (let j = 0; j < k; j++) {
    const l = tryCholesky(model.covariances.subarray(j * d2, (j + 1) * d2), d);
    if (l === null) {
      throw new InvalidParameterError(
        "gmm",
        "data",
        `gives component ${j} a covariance that is not positive definite even after adding ${regularization} to its diagonal (use fewer components or rescale the data)`,
        model.covariances.subarray(j * d2, (j + 1) * d2),
      );
    }
    chol.set(l, j * d2);
    let logDet = 0;
    for (let r = 0; r < d; r++) logDet += 2 * Math.log(l[r * d + r]);
    logNorm[j] = Math.log(model.weights[j]) - 0.5 * (d * log2pi + logDet);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const L = j * d2;
      let quad = 0;
      for (let r = 0; r < d; r++) {
        let s = x[i * d + r] - model.means[j * d + r];
        for (let c = 0; c < r; c++) s -= chol[L + r * d + c] * y[c];
        const v = s / chol[L + r * d + r];
        y[r] = v;
        quad += v * v;
      }
      const term = logNorm[j] - 0.5 * quad;
      resp[i * k + j] = term;
      if (term > max) max = term;
    }
    total += normalizeLogRow(resp, i * k, k, max);
  }
  return total / n;
}

/**
 * One EM run from a k-means++ start on n rows of dimension d: the starting parameters are the
 * M-step of the hard assignment to the nearest centre (scikit-learn initialises from the labels
 * of a full k-means instead), then E- and M-steps until the mean log-likelihood changes by less
 * than the tolerance (|change| < tol, as scikit-learn) or maxIterations steps.
 */
export function runVectorEm(
  x: Float64Array,
  d: number,
  k: number,
  stream: RandomStream,
  options: EmOptions,
): MvMixtureModel {
  const n = x.length / d;
  const centres = seedCentres(x, n, d, k, stream);
  const resp = allocFloat64(n * k);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let dist = 0;
      for (let r = 0; r < d; r++) dist += (x[i * d + r] - centres[j * d + r]) ** 2;
      if (dist < bestDist) {
        bestDist = dist;
        best = j;
      }
    }
    resp[i * k + best] = 1;
  }
  return emFrom(x, d, k, resp, options);
}

/**
 * EM from starting responsibilities (n × k): the M-step of `resp`, then E- and M-steps until
 * |Δ mean log-likelihood| < tolerance or maxIterations. Exposed for the tests, which run it
 * against a numpy transcription of scikit-learn's loop from the same start.
 */
export function emFrom(
  x: Float64Array,
  d: number,
  k: number,
  resp: Float64Array,
  options: EmOptions,
): MvMixtureModel {
  const n = x.length / d;
  const model = {
    weights: allocFloat64(k),
    means: allocFloat64(k * d),
    covariances: allocFloat64(k * d * d),
  };
  maximise(x, n, d, k, resp, options.regularization, model);
  const scratch = {
    chol: allocFloat64(k * d * d),
    logNorm: allocFloat64(k),
    y: allocFloat64(d),
  };
  let previous = Number.NEGATIVE_INFINITY;
  for (let iter = 0; iter < options.maxIterations; iter++) {
    const meanLogLik = expectation(x, n, d, k, model, resp, scratch, options.regularization);
    maximise(x, n, d, k, resp, options.regularization, model);
    const change = meanLogLik - previous;
    previous = meanLogLik;
    if (Math.abs(change) < options.tolerance) break;
  }
  return { kind: "mv-mixture", dim: d, ...model };
}

/**
 * d-dimensional Gaussian mixture with full covariances fitted by expectation–maximisation
 * (Dempster, Laird & Rubin 1977) with scikit-learn's `GaussianMixture(covariance_type="full")`
 * conventions: reg_covar = 1e-6 added to every covariance's diagonal at each M-step, n_j + 10ε in
 * the M-step, tol on the change of the mean log-likelihood; k components seeded by k-means++ from
 * the stream (as the 1-D `gmm`), responsibilities by log-sum-exp.
 */
export function gmmVector(
  constraints: GmmVectorConstraints = {},
): Family<VectorData, MvMixtureModel> {
  const api = "gmm";
  const k = constraints.components ?? GMM_DEFAULTS.components;
  const maxIterations = constraints.maxIterations ?? GMM_DEFAULTS.maxIterations;
  const tolerance = constraints.tolerance ?? GMM_DEFAULTS.tolerance;
  const restarts = constraints.restarts ?? GMM_DEFAULTS.restarts;
  const regularization = constraints.regularization ?? GMM_VECTOR_REGULARIZATION;
  assertInteger(api, "components", k, 1, 1000);
  assertInteger(api, "maxIterations", maxIterations, 1);
  assertPositive(api, "tolerance", tolerance);
  assertInteger(api, "restarts", restarts, 1, 1000);
  assertPositive(api, "regularization", regularization);
  const options = { maxIterations, tolerance, regularization };
  return {
    id: "gmm",
    params: { components: k, maxIterations, tolerance, restarts, regularization },
    dataKind: "vector",
    modelKind: "mv-mixture",
    // Up to maxIterations EM sweeps, each k quadratic forms (d² operations and an exp) per point.
    fitCost: (n, dim) => restarts * maxIterations * k * n * (dim * dim + 20),
    modelSize: () => k,
    fit(data, stream) {
      const d = data.dim;
      const n = data.values.length / d;
      if (n < k) {
        throw new InvalidParameterError(api, "data.size", `must be >= components (${k})`, n);
      }
      const x = data.values;
      let best = runVectorEm(x, d, k, stream, options);
      if (restarts === 1) return best;
      const meanLogLik = (m: MvMixtureModel) => {
        const lf = mvMixtureLogDensity(m, data);
        let s = 0;
        for (let i = 0; i < lf.length; i++) s += lf[i];
        return s / lf.length;
      };
      let bestLogLik = meanLogLik(best);
      for (let r = 1; r < restarts; r++) {
        const next = runVectorEm(x, d, k, stream, options);
        const logLik = meanLogLik(next);
        if (logLik > bestLogLik) [best, bestLogLik] = [next, logLik];
      }
      return best;
    },
  };
}
