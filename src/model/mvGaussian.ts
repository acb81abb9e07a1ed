/**
 * The d-dimensional Gaussian N(μ, Σ): validation, sampling, and the closed forms the metrics use
 * (log-determinant, entropy, KL divergence, Bures–Wasserstein distance).
 *
 * Singular covariances are first-class: a replace chain fitted to M ≤ d samples, or a covariance
 * that has collapsed, is a legitimate model. Σ counts as (numerically) singular when its Cholesky
 * factorisation breaks down or its smallest eigenvalue is ≤ RANK_TOLERANCE_PER_DIM·d·λ_max =
 * d·ε·λ_max (numpy.linalg.matrix_rank's tolerance; see src/numeric/linalg.ts); then
 * ln det Σ = −∞, the entropy is −∞, KL(N0 ‖ N(μ, Σ)) = +∞, and sampling uses the eigen-based
 * factor V·diag(√λ) with the eigenvalues under that level set to 0, so samples stay on the
 * support μ + range Σ.
 *
 * Long replace chains reach that level too: the eigenvalues of Σ_t drift apart geometrically,
 * so the condition number passes 1/(d·ε), where the smallest eigenvalue is no longer resolved
 * (seen with the MLE fit, seed 3, 100 chains: d = 10, M = 32 — 46 % of chains numerically
 * singular at generation 75, all at 100; d = 3, M = 10 — 34 % at 100; d = 10, M = 100 — none
 * by 100). Their log-det is then reported as −∞, not as a rounding-dominated finite number.
 */

import {
  lowerTriangularInverse,
  matMul,
  PSD_TOLERANCE_PER_DIM,
  RANK_TOLERANCE_PER_DIM,
  type SymmetricEigen,
  symmetricEigen,
  symmetricEigenvalues,
  tryCholesky,
} from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { fillNormal } from "../sample/index.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import type { VectorData } from "./data.ts";
import type { MvGaussianModel } from "./models.ts";

/** What every closed form needs from Σ, computed once per model object (models are immutable). */
interface CovarianceFactor {
  /** Numerically singular (Cholesky breakdown, or λ_min ≤ RANK_TOLERANCE_PER_DIM·d·λ_max). */
  readonly singular: boolean;
  /** ln det Σ; −∞ when singular. */
  readonly logDet: number;
  /** Cholesky factor L (Σ = LLᵀ) and L⁻¹; null when singular. */
  readonly chol: Float64Array | null;
  readonly cholInv: Float64Array | null;
  /** B with BBᵀ = Σ for sampling: L when non-singular, else V·diag(√λ⁺) (full). */
  readonly root: Float64Array;
  /** Eigen-decomposition, when it was needed (always for singular Σ); filled lazily otherwise. */
  eigen: SymmetricEigen | null;
  /** Symmetric PSD square root Σ^½ (for W₂), filled lazily. */
  sqrt: Float64Array | null;
}

const factors = new WeakMap<MvGaussianModel, CovarianceFactor>();

/** Eigenvalues at or below this count as 0 (numerical rank). */
function rankNoise(values: Float64Array, d: number): number {
  const scale = Math.max(Math.abs(values[0]), Math.abs(values[d - 1]));
  return RANK_TOLERANCE_PER_DIM * d * scale;
}

/**
 * Analyses Σ: a Cholesky factor certified non-singular by λ_min ≥ 1/‖L⁻¹‖_F² and λ_max ≤ tr Σ
 * (cheap, and enough for any reasonably conditioned Σ); otherwise the eigenvalues decide.
 */
function analyze(cov: Float64Array, d: number): CovarianceFactor {
  const chol = tryCholesky(cov, d);
  let inv: Float64Array | null = null;
  if (chol !== null) {
    inv = lowerTriangularInverse(chol, d);
    let f2 = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) f2 += inv[i * d + j] ** 2;
    let tr = 0;
    for (let i = 0; i < d; i++) tr += cov[i * d + i];
    if (1 / (f2 * tr) > RANK_TOLERANCE_PER_DIM * d) return nonSingular(chol, inv, d, null);
  }
  const eigen = symmetricEigen(cov, d);
  const lmax = eigen.values[d - 1];
  const singular =
    chol === null || !(lmax > 0) || eigen.values[0] <= RANK_TOLERANCE_PER_DIM * d * lmax;
  if (!singular && chol !== null && inv !== null) return nonSingular(chol, inv, d, eigen);
  const noise = rankNoise(eigen.values, d);
  const root = allocFloat64(d * d);
  for (let k = 0; k < d; k++) {
    const lambda = eigen.values[k];
    if (!(lambda > noise)) continue;
    const r = Math.sqrt(lambda);
    for (let i = 0; i < d; i++) root[i * d + k] = eigen.vectors[i * d + k] * r;
  }
  return {
    singular: true,
    logDet: Number.NEGATIVE_INFINITY,
    chol: null,
    cholInv: null,
    root,
    eigen,
    sqrt: null,
  };
}

function nonSingular(
  chol: Float64Array,
  inv: Float64Array,
  d: number,
  eigen: SymmetricEigen | null,
): CovarianceFactor {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(chol[i * d + i]);
  return {
    singular: false,
    logDet: 2 * s,
    chol,
    cholInv: inv,
    root: chol,
    eigen,
    sqrt: null,
  };
}

function checkShape(api: string, name: string, model: MvGaussianModel): number {
  if (model === null || typeof model !== "object" || model.kind !== "mv-gaussian") {
    throw new InvalidParameterError(
      api,
      `${name}.kind`,
      'must be "mv-gaussian"',
      (model as { kind?: unknown } | null)?.kind,
    );
  }
  const d = model.dim;
  if (!Number.isSafeInteger(d) || d < 1) {
    throw new InvalidParameterError(api, `${name}.dim`, "must be an integer >= 1", d);
  }
  if (model.mean.length !== d) {
    throw new InvalidParameterError(
      api,
      `${name}.mean.length`,
      `must equal dim (${d})`,
      model.mean.length,
    );
  }
  if (model.cov.length !== d * d) {
    throw new InvalidParameterError(
      api,
      `${name}.cov.length`,
      `must equal dim² (${d * d})`,
      model.cov.length,
    );
  }
  return d;
}

function factorOf(model: MvGaussianModel): CovarianceFactor {
  let f = factors.get(model);
  if (f === undefined) {
    f = analyze(model.cov, model.dim);
    factors.set(model, f);
  }
  return f;
}

function eigenOf(model: MvGaussianModel): SymmetricEigen {
  const f = factorOf(model);
  if (f.eigen === null) f.eigen = symmetricEigen(model.cov, model.dim);
  return f.eigen;
}

/**
 * N(mean, cov), validated: dim = mean.length ≥ 1, cov d × d row-major, finite, symmetric (within
 * PSD_TOLERANCE_PER_DIM·d·max Σ_ii; the stored matrix is the lower triangle mirrored) and positive
 * semi-definite (smallest eigenvalue ≥ −PSD_TOLERANCE_PER_DIM·d·max|λ|). A singular covariance
 * is allowed (see the module comment).
 */
export function mvGaussianModel(mean: ArrayLike<number>, cov: ArrayLike<number>): MvGaussianModel {
  const api = "mvGaussianModel";
  if (mean === null || typeof mean !== "object" || typeof mean.length !== "number") {
    throw new InvalidParameterError(api, "mean", "must be an array-like of numbers", mean);
  }
  const d = mean.length;
  if (d < 1) throw new InvalidParameterError(api, "mean.length", "must be >= 1 (dimension)", d);
  if (cov === null || typeof cov !== "object" || cov.length !== d * d) {
    throw new InvalidParameterError(
      api,
      "cov.length",
      `must equal dim² = ${d * d} (mean has dim ${d})`,
      cov?.length,
    );
  }
  for (let i = 0; i < d; i++) {
    if (typeof mean[i] !== "number" || !Number.isFinite(mean[i])) {
      throw new InvalidParameterError(api, `mean[${i}]`, "must be a finite number", mean[i]);
    }
  }
  let maxDiag = 0;
  for (let i = 0; i < d * d; i++) {
    if (typeof cov[i] !== "number" || !Number.isFinite(cov[i])) {
      throw new InvalidParameterError(api, `cov[${i}]`, "must be a finite number", cov[i]);
    }
  }
  for (let i = 0; i < d; i++) {
    const v = cov[i * d + i];
    if (v < 0) {
      throw new InvalidParameterError(
        api,
        `cov[${i * d + i}]`,
        "must be >= 0 (a variance on the diagonal)",
        v,
      );
    }
    maxDiag = Math.max(maxDiag, v);
  }
  const symTol = PSD_TOLERANCE_PER_DIM * d * maxDiag;
  const c = allocFloat64(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const lower = cov[i * d + j];
      const upper = cov[j * d + i];
      if (Math.abs(lower - upper) > symTol) {
        throw new InvalidParameterError(
          api,
          `cov[${j * d + i}]`,
          `must equal cov[${i * d + j}] = ${lower} (symmetric)`,
          upper,
        );
      }
      c[i * d + j] = lower;
      c[j * d + i] = lower;
    }
  }
  const model: MvGaussianModel = {
    kind: "mv-gaussian",
    dim: d,
    mean: Float64Array.from(mean),
    cov: c,
  };
  const f = factorOf(model);
  if (f.singular && f.eigen !== null) {
    const lo = f.eigen.values[0];
    const scale = Math.max(Math.abs(lo), Math.abs(f.eigen.values[d - 1]));
    const noise = PSD_TOLERANCE_PER_DIM * d * scale;
    if (lo < -noise) {
      throw new InvalidParameterError(
        api,
        "cov",
        `must be positive semi-definite (smallest eigenvalue ${lo} < −${noise})`,
        cov,
      );
    }
  }
  return model;
}

/** Whether Σ is numerically singular (see the module comment for the criterion). */
export function isSingularCovariance(model: MvGaussianModel): boolean {
  checkShape("isSingularCovariance", "model", model);
  return factorOf(model).singular;
}

/**
 * n samples x_i = μ + B z_i, z_i ~ N(0, I_d) (n·d standard normals from one fillNormal call,
 * row by row), with B the Cholesky factor of Σ, or V·diag(√λ) from the eigen-decomposition when
 * Σ is singular (eigenvalues at rounding level set to 0, so samples stay on μ + range Σ).
 */
export function sampleMvGaussian(
  model: MvGaussianModel,
  stream: RandomStream,
  n: number,
): VectorData {
  const api = "sampleMvGaussian";
  const d = checkShape(api, "model", model);
  assertInteger(api, "n", n, 0, Math.floor((2 ** 31 - 1) / d));
  const values = allocFloat64(n * d);
  if (n === 0) return { kind: "vector", dim: d, values };
  fillNormal(stream, values);
  const f = factorOf(model);
  const B = f.root;
  const mu = model.mean;
  const z = allocFloat64(d);
  const lower = !f.singular;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) z[j] = values[row + j];
    for (let k = 0; k < d; k++) {
      const end = lower ? k + 1 : d;
      let s = mu[k];
      for (let j = 0; j < end; j++) s += B[k * d + j] * z[j];
      values[row + k] = s;
    }
  }
  return { kind: "vector", dim: d, values };
}

/** ln det Σ (−∞ when Σ is singular). */
export function mvGaussianLogDet(model: MvGaussianModel): number {
  checkShape("mvGaussianLogDet", "model", model);
  return factorOf(model).logDet;
}

/** Differential entropy ½ ln((2πe)^d det Σ) in nats (−∞ when Σ is singular). */
export function mvGaussianEntropy(model: MvGaussianModel): number {
  const d = checkShape("mvGaussianEntropy", "model", model);
  const ld = factorOf(model).logDet;
  return ld === Number.NEGATIVE_INFINITY ? ld : 0.5 * (d * Math.log(2 * Math.PI * Math.E) + ld);
}

function checkPair(api: string, p: MvGaussianModel, q: MvGaussianModel): number {
  const d = checkShape(api, "p", p);
  const dq = checkShape(api, "q", q);
  if (dq !== d) throw new InvalidParameterError(api, "q.dim", `must equal p.dim (${d})`, dq);
  return d;
}

/** ‖μ_p − μ_q‖². */
export function mvGaussianMeanError(p: MvGaussianModel, q: MvGaussianModel): number {
  const d = checkPair("mvGaussianMeanError", p, q);
  let s = 0;
  for (let i = 0; i < d; i++) s += (p.mean[i] - q.mean[i]) ** 2;
  return s;
}

/**
 * KL(p ‖ q) = ½[tr(Σq⁻¹Σp) + (μq − μp)ᵀΣq⁻¹(μq − μp) − d + ln det Σq − ln det Σp] in nats, with
 * tr(Σq⁻¹Σp) = ‖Lq⁻¹Lp‖_F² and the quadratic form ‖Lq⁻¹(μq − μp)‖² from the Cholesky factors.
 * +∞ when exactly one of Σp, Σq is singular (p is then not absolutely continuous w.r.t. q: a
 * singular q misses a set of positive p-mass; a singular p puts all its mass on a q-null set).
 * @throws InvalidParameterError when both are singular: the divergence is then finite only if
 * the two degenerate supports coincide, which a rounding-level rank test cannot decide.
 */
export function mvGaussianKl(p: MvGaussianModel, q: MvGaussianModel): number {
  const api = "mvGaussianKl";
  const d = checkPair(api, p, q);
  const fp = factorOf(p);
  const fq = factorOf(q);
  if (fp.singular && fq.singular) {
    throw new InvalidParameterError(
      api,
      "p.cov",
      "must be non-singular when q.cov is singular (KL between two degenerate Gaussians depends on whether their supports coincide)",
      p.cov,
    );
  }
  if (fp.singular || fq.singular) return Number.POSITIVE_INFINITY;
  const qi = fq.cholInv as Float64Array;
  const lp = fp.chol as Float64Array;
  // Lq⁻¹·Lp is lower triangular: entry (i, j), j ≤ i, sums k from j to i.
  let tr = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = j; k <= i; k++) s += qi[i * d + k] * lp[k * d + j];
      tr += s * s;
    }
  }
  let quad = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += qi[i * d + k] * (q.mean[k] - p.mean[k]);
    quad += s * s;
  }
  const kl = 0.5 * (tr + quad - d + fq.logDet - fp.logDet);
  return Math.max(0, kl);
}

/** Σ^½ (PSD square root, eigenvalues at rounding level taken as 0), cached per model. */
function sqrtOf(model: MvGaussianModel): Float64Array {
  const f = factorOf(model);
  if (f.sqrt !== null) return f.sqrt;
  const d = model.dim;
  const eig = eigenOf(model);
  const noise = rankNoise(eig.values, d);
  const r = eig.values.map((v) => (v > noise ? Math.sqrt(v) : 0));
  const V = eig.vectors;
  const s = allocFloat64(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += V[i * d + k] * r[k] * V[j * d + k];
      s[i * d + j] = acc;
      s[j * d + i] = acc;
    }
  }
  f.sqrt = s;
  return s;
}

/**
 * Squared 2-Wasserstein distance between Gaussians (the Bures metric; Dowson & Landau 1982,
 * Olkin & Pukelsheim 1982):
 * W₂² = ‖μp − μq‖² + tr Σp + tr Σq − 2 tr (Σp^½ Σq Σp^½)^½,
 * the last trace as Σ √λ_i over the eigenvalues of the PSD matrix Σp^½ Σq Σp^½ (negative
 * rounding-level eigenvalues count as 0). Defined for singular covariances too; rounded below at
 * 0. In one dimension it is (μp − μq)² + (σp − σq)².
 */
export function mvGaussianW2(p: MvGaussianModel, q: MvGaussianModel): number {
  const d = checkPair("mvGaussianW2", p, q);
  const sp = sqrtOf(p);
  const prod = matMul(sp, matMul(q.cov, sp, d), d);
  const lambda = symmetricEigenvalues(prod, d);
  let cross = 0;
  for (let i = 0; i < d; i++) if (lambda[i] > 0) cross += Math.sqrt(lambda[i]);
  let trP = 0;
  let trQ = 0;
  for (let i = 0; i < d; i++) {
    trP += p.cov[i * d + i];
    trQ += q.cov[i * d + i];
  }
  return Math.max(0, mvGaussianMeanError(p, q) + trP + trQ - 2 * cross);
}

/**
 * ln of the density of N(μ, Σ) at x (length d), with respect to Lebesgue measure on the model's
 * support μ + range Σ, of dimension r = rank Σ (all of R^d when Σ is non-singular):
 * −½[r ln 2π + Σ_{λ>0} ln λ_i + Σ_{λ>0} (v_iᵀ(x − μ))²/λ_i]. For a singular Σ the component of
 * x − μ outside range Σ is ignored: samples of the model lie on its support up to rounding.
 * Used by the `select` transform to rank samples.
 */
export function mvGaussianLogDensity(model: MvGaussianModel, x: ArrayLike<number>): number {
  const api = "mvGaussianLogDensity";
  const d = checkShape(api, "model", model);
  if (x === null || typeof x !== "object" || x.length !== d) {
    throw new InvalidParameterError(api, "x.length", `must equal model.dim (${d})`, x?.length);
  }
  const f = factorOf(model);
  const mu = model.mean;
  if (!f.singular) {
    const inv = f.cholInv as Float64Array;
    let quad = 0;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += inv[i * d + k] * (x[k] - mu[k]);
      quad += s * s;
    }
    return -0.5 * (d * Math.log(2 * Math.PI) + f.logDet + quad);
  }
  const eig = f.eigen as SymmetricEigen;
  const noise = rankNoise(eig.values, d);
  let r = 0;
  let acc = 0;
  for (let k = 0; k < d; k++) {
    const lambda = eig.values[k];
    if (!(lambda > noise)) continue;
    let proj = 0;
    for (let i = 0; i < d; i++) proj += eig.vectors[i * d + k] * (x[i] - mu[i]);
    r++;
    acc += Math.log(lambda) + (proj * proj) / lambda;
  }
  return -0.5 * (r * Math.log(2 * Math.PI) + acc);
}

/** N(μ, τΣ): the Gaussian density raised to 1/τ and renormalised (temperature τ > 0). */
export function mvGaussianTemperature(model: MvGaussianModel, tau: number): MvGaussianModel {
  checkShape("mvGaussianTemperature", "model", model);
  return {
    kind: "mv-gaussian",
    dim: model.dim,
    mean: model.mean,
    cov: model.cov.map((v) => v * tau),
  };
}

/**
 * ln f(x_i) of N(μ, Σ) at every row x_i of d-dimensional data, as a density on R^d:
 * −½[d ln 2π + ln det Σ + ‖L⁻¹(x_i − μ)‖²] (no allocation per row). A singular Σ has no density
 * on R^d (its law lives on the lower-dimensional μ + range Σ): every row gets −∞, so a held-out
 * negative log-likelihood is +∞, as KL(truth ‖ model) is.
 */
export function mvGaussianVectorLogDensity(model: MvGaussianModel, data: VectorData): Float64Array {
  const api = "mvGaussianVectorLogDensity";
  const d = checkShape(api, "model", model);
  if (data === null || typeof data !== "object" || data.kind !== "vector" || data.dim !== d) {
    throw new InvalidParameterError(api, "data.dim", `must equal model.dim (${d})`, data?.dim);
  }
  const size = data.values.length / d;
  const out = new Float64Array(size);
  const f = factorOf(model);
  if (f.singular) return out.fill(Number.NEGATIVE_INFINITY);
  const inv = f.cholInv as Float64Array;
  const mu = model.mean;
  const x = data.values;
  const constant = d * Math.log(2 * Math.PI) + f.logDet;
  for (let p = 0; p < size; p++) {
    const at = p * d;
    let quad = 0;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += inv[i * d + k] * (x[at + k] - mu[k]);
      quad += s * s;
    }
    out[p] = -0.5 * (constant + quad);
  }
  return out;
}
