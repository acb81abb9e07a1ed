/**
 * The d-dimensional Gaussian kernel density estimate f(x) = (1/n) Σ_i N(x; x_i, H): validation,
 * sampling, exact moments, the log-density by log-sum-exp and its Gaussian-component form.
 *
 * The kernel's Cholesky factor L (H = LLᵀ), the whitened centres w_i = L⁻¹x_i and the constant
 * −ln n − ½(d ln 2π + ln det H) are computed once per model object and cached beside it, so
 * ln f(x) = const + ln Σ_i exp(−½‖L⁻¹x − w_i‖²) costs O(n·d) per point (O(N·n·d) for N points
 * against n centres) and allocates nothing per point; a draw picks a centre uniformly and adds
 * L z, z ~ N(0, I_d), in place.
 */

import { PSD_TOLERANCE_PER_DIM, tryCholesky } from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { standardNormalUnchecked } from "../sample/normal.ts";
import { uniformIndexUnchecked } from "../sample/uniformInt.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertFinite, assertInteger, InvalidParameterError } from "../util/validate.ts";
import type { VectorData } from "./data.ts";
import type { GaussianComponents } from "./kinds.ts";
import type { MvKdeModel } from "./models.ts";
import { checkPointDim } from "./mvMixture.ts";

const LOG_2PI = Math.log(2 * Math.PI);

interface KdeFactors {
  /** L, lower triangular, H = LLᵀ. */
  readonly chol: Float64Array;
  /** w_i = L⁻¹x_i, n × d. */
  readonly whitened: Float64Array;
  /** −ln n − ½(d ln 2π + ln det H). */
  readonly logNorm: number;
  /** d values of scratch space (a whitened query point). */
  readonly scratch: Float64Array;
}

const factors = new WeakMap<MvKdeModel, KdeFactors>();

/** Solves L y = x[at … at + d) into y (forward substitution). */
function whiten(
  chol: Float64Array,
  x: Float64Array,
  at: number,
  y: Float64Array,
  yAt: number,
  d: number,
): void {
  for (let r = 0; r < d; r++) {
    let s = x[at + r];
    for (let c = 0; c < r; c++) s -= chol[r * d + c] * y[yAt + c];
    y[yAt + r] = s / chol[r * d + r];
  }
}

function factorsOf(model: MvKdeModel): KdeFactors {
  let f = factors.get(model);
  if (f !== undefined) return f;
  const d = model.dim;
  const chol = tryCholesky(model.kernelCovariance, d);
  if (chol === null) {
    throw new InvalidParameterError(
      "mv-kde",
      "kernelCovariance",
      "must be positive definite (its Cholesky factorisation breaks down)",
      model.kernelCovariance,
    );
  }
  const n = model.centres.length / d;
  const whitened = new Float64Array(n * d);
  for (let i = 0; i < n; i++) whiten(chol, model.centres, i * d, whitened, i * d, d);
  let logDet = 0;
  for (let r = 0; r < d; r++) logDet += 2 * Math.log(chol[r * d + r]);
  f = {
    chol,
    whitened,
    logNorm: -Math.log(n) - 0.5 * (d * LOG_2PI + logDet),
    scratch: new Float64Array(d),
  };
  factors.set(model, f);
  return f;
}

/**
 * (1/n) Σ_i N(x_i, H) in `dim` dimensions, validated: centres n ≥ 1 rows of dim finite numbers,
 * H dim × dim finite, symmetric (within PSD_TOLERANCE_PER_DIM·d·max H_ii; the lower triangle is
 * kept and mirrored) and positive definite.
 */
export function mvKdeModel(
  dim: number,
  centres: ArrayLike<number>,
  kernelCovariance: ArrayLike<number>,
): MvKdeModel {
  const api = "mvKdeModel";
  assertInteger(api, "dim", dim, 1, 1000);
  const d = dim;
  if (
    centres === null ||
    typeof centres !== "object" ||
    centres.length === 0 ||
    centres.length % d !== 0
  ) {
    throw new InvalidParameterError(
      api,
      "centres.length",
      `must be a positive multiple of dim (${d}): the points row by row`,
      centres?.length,
    );
  }
  for (let i = 0; i < centres.length; i++) assertFinite(api, `centres[${i}]`, centres[i]);
  if (
    kernelCovariance === null ||
    typeof kernelCovariance !== "object" ||
    kernelCovariance.length !== d * d
  ) {
    throw new InvalidParameterError(
      api,
      "kernelCovariance.length",
      `must equal dim² (${d * d})`,
      kernelCovariance?.length,
    );
  }
  let maxDiag = 0;
  for (let i = 0; i < d * d; i++) {
    assertFinite(api, `kernelCovariance[${i}]`, kernelCovariance[i]);
  }
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(kernelCovariance[i * d + i]));
  const symTol = PSD_TOLERANCE_PER_DIM * d * maxDiag;
  const H = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c <= r; c++) {
      const lower = kernelCovariance[r * d + c];
      const upper = kernelCovariance[c * d + r];
      if (Math.abs(lower - upper) > symTol) {
        throw new InvalidParameterError(
          api,
          `kernelCovariance[${c * d + r}]`,
          `must equal kernelCovariance[${r * d + c}] = ${lower} (symmetric)`,
          upper,
        );
      }
      H[r * d + c] = lower;
      H[c * d + r] = lower;
    }
  }
  if (tryCholesky(H, d) === null) {
    throw new InvalidParameterError(
      api,
      "kernelCovariance",
      "must be positive definite (its Cholesky factorisation breaks down)",
      H,
    );
  }
  return { kind: "mv-kde", dim: d, centres: Float64Array.from(centres), kernelCovariance: H };
}

/**
 * n samples: for each draw a centre x_i uniformly (i.i.d. index), then x_i + L z with d standard
 * normals z, written in place (no allocation per draw).
 */
export function sampleMvKde(model: MvKdeModel, stream: RandomStream, n: number): VectorData {
  const d = model.dim;
  assertInteger("sampleMvKde", "n", n, 0, Math.floor((2 ** 31 - 1) / d));
  const { chol } = factorsOf(model);
  const size = model.centres.length / d;
  const centres = model.centres;
  const values = allocFloat64(n * d);
  for (let i = 0; i < n; i++) {
    const at = i * d;
    const centre = uniformIndexUnchecked(stream, size) * d;
    for (let r = 0; r < d; r++) values[at + r] = standardNormalUnchecked(stream);
    for (let r = d - 1; r >= 0; r--) {
      let s = centres[centre + r];
      for (let c = 0; c <= r; c++) s += chol[r * d + c] * values[at + c];
      values[at + r] = s;
    }
  }
  return { kind: "vector", dim: d, values };
}

/** The mean vector: the centres' mean (1/n) Σ x_i (the kernel has mean 0). */
export function mvKdeMean(model: MvKdeModel): Float64Array {
  const d = model.dim;
  const n = model.centres.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let r = 0; r < d; r++) mean[r] += model.centres[i * d + r];
  for (let r = 0; r < d; r++) mean[r] /= n;
  return mean;
}

/**
 * The total variance tr Cov X = (1/n) Σ_i ‖x_i − x̄‖² + tr H: the centres' population variance
 * (two passes around their mean) plus the kernel's — each generation of a KDE chain adds tr H.
 */
export function mvKdeVariance(model: MvKdeModel): number {
  const d = model.dim;
  const n = model.centres.length / d;
  const mean = mvKdeMean(model);
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < d; r++) s += (model.centres[i * d + r] - mean[r]) ** 2;
  }
  let tr = 0;
  for (let r = 0; r < d; r++) tr += model.kernelCovariance[r * d + r];
  return s / n + tr;
}

/**
 * ln f(x) = −ln n − ½(d ln 2π + ln det H) + ln Σ_i exp(−½‖L⁻¹x − w_i‖²) at every row x, by a
 * streaming log-sum-exp over the n centres (O(n·d) per row after one O(d²) whitening).
 */
export function mvKdeLogDensity(model: MvKdeModel, data: VectorData): Float64Array {
  const d = model.dim;
  const size = checkPointDim("mvKdeLogDensity", d, data);
  const { chol, whitened, logNorm, scratch: y } = factorsOf(model);
  const n = whitened.length / d;
  const out = new Float64Array(size);
  for (let p = 0; p < size; p++) {
    whiten(chol, data.values, p * d, y, 0, d);
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let r = 0; r < d; r++) {
        const e = y[r] - whitened[i * d + r];
        q += e * e;
      }
      const term = -0.5 * q;
      if (term <= max) {
        sum += Math.exp(term - max);
      } else {
        sum = sum * Math.exp(max - term) + 1;
        max = term;
      }
    }
    out[p] = max === Number.NEGATIVE_INFINITY ? max : logNorm + max + Math.log(sum);
  }
  return out;
}

/** The KDE as Gaussian components: weights 1/n, means the centres, one shared covariance H. */
export function mvKdeComponents(model: MvKdeModel): GaussianComponents {
  const n = model.centres.length / model.dim;
  return {
    dim: model.dim,
    weights: new Float64Array(n).fill(1 / n),
    means: model.centres,
    covariances: model.kernelCovariance,
  };
}

/** Temperature τ: the kernel covariance scaled by τ (as the 1-D KDE's bandwidth² is). */
export function mvKdeTemperature(model: MvKdeModel, tau: number): MvKdeModel {
  return { ...model, kernelCovariance: model.kernelCovariance.map((v) => v * tau) };
}
