import type { RegressionData } from "../model/data.ts";
import { linearModel } from "../model/linear.ts";
import type { LinearModel } from "../model/models.ts";
import type { WeightedPart } from "../model/weightedParts.ts";
import { symmetricEigen, tryCholesky } from "../numeric/index.ts";
import type { Truth } from "../truths/truth.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertNonNegative, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";
import { fittedParts } from "./fittedParts.ts";

/** Options of {@link ols}. */
export interface OlsOptions {
  /**
   * Where synthetic data's design rows come from: `fixed` relabels the chain's original design,
   * the X of D₁ (the fit keeps `data.design`, which synthetic data of a fixed-design model carry,
   * else the training X: generation 1 is fitted to D₁), the papers' setting; `fresh` draws new
   * rows x ~ N(0, I_d). @defaultValue "fixed"
   */
  readonly design?: "fixed" | "fresh";
  /** Ridge penalty λ ≥ 0: ŵ = (XᵀX + λI)⁻¹Xᵀy. @defaultValue 0 (plain OLS) */
  readonly ridge?: number;
  /**
   * Label-noise variance of the fitted model's synthetic labels: `truth` reuses the variance the
   * training labels were drawn with (`data.noiseVariance`: the truth's σ², as in the papers);
   * `fitted` uses the residual variance RSS/(n − d) (unbiased for OLS). @defaultValue "truth"
   */
  readonly noise?: "truth" | "fitted";
}

/**
 * A Cholesky pivot L_jj² below this fraction of its diagonal entry G_jj counts as 0: XᵀX (+ λI)
 * is singular to working precision. L_jj²/G_jj = 1 − R_j², R_j the uncentred multiple
 * correlation of column j with the columns before it, so columns are declared dependent when
 * their residual after projection on the earlier ones is below 1e-6 of their norm. The rounding
 * noise of a pivot is far smaller: Cholesky's backward error on the diagonal is ≤ γ_{d+1}·G_jj
 * (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 10.3) and forming G from
 * n rows adds ≤ γ_n·G_jj (≈ √n·ε typically); 1e-12 ≈ 4500ε.
 */
const PIVOT_TOLERANCE = 1e-12;

/**
 * Solves G w = b for the symmetric positive definite d × d matrix G (row-major; lower triangle
 * read) by its Cholesky factor G = LLᵀ (`tryCholesky`, src/numeric/linalg.ts) and forward and
 * back substitution. Returns undefined when G is not positive definite or a pivot L_jj² is
 * ≤ PIVOT_TOLERANCE × G_jj.
 */
function choleskySolve(G: Float64Array, b: Float64Array, d: number): Float64Array | undefined {
  const L = tryCholesky(G, d);
  if (L === null) return undefined;
  for (let j = 0; j < d; j++) {
    const pivot = L[j * d + j] * L[j * d + j];
    if (!(pivot > PIVOT_TOLERANCE * G[j * d + j])) return undefined;
  }
  const z = allocFloat64(d);
  for (let i = 0; i < d; i++) {
    let t = b[i];
    for (let k = 0; k < i; k++) t -= L[i * d + k] * z[k];
    z[i] = t / L[i * d + i];
  }
  const w = allocFloat64(d);
  for (let i = d - 1; i >= 0; i--) {
    let t = z[i];
    for (let k = i + 1; k < d; k++) t -= L[k * d + i] * w[k];
    w[i] = t / L[i * d + i];
  }
  return w;
}

/**
 * The ordinary least squares (ridge when λ > 0) fit of labelled data:
 * ŵ = (XᵀX + λI)⁻¹Xᵀy by Cholesky of XᵀX + λI.
 *
 * @throws InvalidParameterError when λ = 0 and n < d (XᵀX has rank ≤ n < d), when XᵀX + λI is
 * singular to working precision (X without full column rank), for `noise: "fitted"` with
 * n ≤ d, and for `noise: "truth"` when the data carry no `noiseVariance`.
 */
export function fitOls(data: RegressionData, options: OlsOptions = {}): LinearModel {
  const api = "ols";
  const { design, ridge, noise } = checkOlsOptions(options);
  const d = data.dim;
  const n = data.y.length;
  const X = data.X;
  if (X.length !== n * d) {
    throw new InvalidParameterError(
      api,
      "data.X.length",
      `must equal rows × dim = ${n} × ${d} = ${n * d}`,
      X.length,
    );
  }
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new InvalidParameterError(api, `data.X[${i}]`, "must be a finite number", X[i]);
    }
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(data.y[i])) {
      throw new InvalidParameterError(api, `data.y[${i}]`, "must be a finite number", data.y[i]);
    }
  }
  if (noise === "fitted" && n <= d) {
    throw new InvalidParameterError(
      api,
      "data size",
      `must be > d = ${d} for noise=fitted (residual variance RSS/(n − d))`,
      n,
    );
  }
  let noiseVariance = 0;
  if (noise === "truth") {
    if (data.noiseVariance === undefined) {
      throw new InvalidParameterError(
        api,
        "data.noiseVariance",
        "must be known for noise=truth (data from the regression truth or a linear model carry it); use noise=fitted",
        data.noiseVariance,
      );
    }
    noiseVariance = data.noiseVariance;
  }
  if (ridge === 0 && n < d) {
    return linearModel(
      minimumNormSolution(X, data.y, n, d),
      noiseVariance,
      design === "fixed" ? (data.design ?? X) : undefined,
    );
  }
  const G = allocFloat64(d * d);
  const b = allocFloat64(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const yi = data.y[i];
    for (let j = 0; j < d; j++) {
      const xj = X[row + j];
      b[j] += xj * yi;
      const gj = j * d;
      for (let k = 0; k <= j; k++) G[gj + k] += xj * X[row + k];
    }
  }
  for (let j = 0; j < d; j++) G[j * d + j] += ridge;
  const w = choleskySolve(G, b, d);
  if (w === undefined) {
    throw new InvalidParameterError(
      api,
      "data.X",
      `must have full column rank d = ${d} (XᵀX${ridge > 0 ? " + λI" : ""} is singular to working precision, ${n} rows; use ridge > 0)`,
      X,
    );
  }
  if (noise === "fitted") {
    let rss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let r = data.y[i];
      for (let j = 0; j < d; j++) r -= X[row + j] * w[j];
      rss += r * r;
    }
    noiseVariance = rss / (n - d);
  }
  return linearModel(w, noiseVariance, design === "fixed" ? (data.design ?? X) : undefined);
}

/**
 * The minimum-norm least-squares solution w = X⁺y of n < d equations (numpy.linalg.lstsq /
 * pinv): through the n × n Gram matrix K = XXᵀ = VΛVᵀ, w = Xᵀ·V·Λ⁺·Vᵀ·y, where Λ⁺ inverts the
 * eigenvalues above rcond²·λ_max with rcond = max(n, d)·ε (singular values of X below
 * rcond·σ_max count as zero, numpy's lstsq default) and zeroes the rest. With full row rank it
 * interpolates the data (Xw = y) with the smallest ‖w‖ (Penrose 1955).
 */
function minimumNormSolution(X: Float64Array, y: Float64Array, n: number, d: number): Float64Array {
  const K = allocFloat64(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k <= i; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X[i * d + j] * X[k * d + j];
      K[i * n + k] = s;
      K[k * n + i] = s;
    }
  }
  const { values, vectors } = symmetricEigen(K, n);
  const rcond = Math.max(n, d) * Number.EPSILON;
  const cutoff = rcond * rcond * values[n - 1];
  // a = V·Λ⁺·Vᵀ·y.
  const a = allocFloat64(n);
  for (let c = 0; c < n; c++) {
    if (!(values[c] > cutoff)) continue;
    let proj = 0;
    for (let r = 0; r < n; r++) proj += vectors[r * n + c] * y[r];
    proj /= values[c];
    for (let r = 0; r < n; r++) a[r] += vectors[r * n + c] * proj;
  }
  const w = allocFloat64(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) w[j] += X[i * d + j] * a[i];
  }
  return w;
}

/** Defaults of {@link ols}, written once (the spec schema reads them). */
export const OLS_DEFAULTS = { design: "fixed", ridge: 0, noise: "truth" } as const;

/** Validates OLS options and fills in the defaults. */
export function checkOlsOptions(options: OlsOptions): Required<OlsOptions> {
  const api = "ols";
  const design = options.design ?? OLS_DEFAULTS.design;
  if (design !== "fixed" && design !== "fresh") {
    throw new InvalidParameterError(api, "design", 'must be "fixed" or "fresh"', design);
  }
  const ridge = options.ridge ?? OLS_DEFAULTS.ridge;
  assertNonNegative(api, "ridge", ridge);
  const noise = options.noise ?? OLS_DEFAULTS.noise;
  if (noise !== "truth" && noise !== "fitted") {
    throw new InvalidParameterError(api, "noise", 'must be "truth" or "fitted"', noise);
  }
  return { design, ridge, noise };
}

/**
 * The weighted fit of He, Xu & Cheng (2025) for linear regression: each part fitted by
 * {@link fitOls} on its own, then ŵ = Σ_j w_j ŵ_j and, for `noise: "fitted"`, σ̂² = Σ_j w_j σ̂²_j
 * (parts of weight 0 are not fitted). With `noise: "truth"` the noise variance is the data's, as
 * for an unweighted fit. A fixed design is the first one a part carries (synthetic rows of a
 * fixed-design model carry D₁'s), else the first part's rows: D₁'s design stays the chain's.
 */
export function fitOlsWeighted(
  parts: readonly WeightedPart<RegressionData>[],
  options: OlsOptions = {},
): LinearModel {
  const opts = checkOlsOptions(options);
  const fits = fittedParts(parts, (data) => fitOls(data, opts));
  const d = fits[0].model.dim;
  const w = allocFloat64(d);
  let noiseVariance = 0;
  for (const { weight, model } of fits) {
    for (let j = 0; j < d; j++) w[j] += weight * model.w[j];
    noiseVariance += weight * model.noiseVariance;
  }
  if (opts.design !== "fixed") return linearModel(w, noiseVariance);
  const carried = parts.find((p) => p.data.design !== undefined)?.data.design;
  return linearModel(w, noiseVariance, carried ?? parts[0].data.X);
}

/**
 * Linear regression by OLS (ridge when λ > 0), refitted to its own relabelled data: the family
 * of Gerstgrasser et al. 2024, Kazdan et al. 2024 and Dohmatob et al. 2024
 * (docs/theory.md#regression-replace, docs/theory.md#regression-accumulate).
 * The fitted model keeps what it needs to sample: the chain's original design X (D₁'s) for
 * `design: "fixed"` (synthetic rows relabel it, row i ↦ design row i mod rows), nothing for
 * `"fresh"`; and the label-noise variance (`noise`). With fixed design and label noise σ² (the
 * truth's), OLS gives E‖w_t − w*‖² = σ²d t/(M − d − 1) under replace and
 * (σ²d/(M − d − 1)) Σ_{i≤t} 1/i² under accumulate, whose training set is (X, y) concatenated over
 * generations (X repeated).
 */
export function ols(options: OlsOptions = {}): Family<RegressionData, LinearModel> {
  const opts = checkOlsOptions(options);
  return {
    id: "ols",
    params: { design: opts.design, ridge: opts.ridge, noise: opts.noise },
    dataKind: "regression",
    modelKind: "linear",
    fit: (data) => fitOls(data, opts),
    fitWeighted: (parts) => fitOlsWeighted(parts, opts),
    // XᵀX (n·d²) and its solve (d³).
    fitCost: (n, dim) => n * dim * dim + dim ** 3,
    check(truth: Truth, samples: number) {
      if (truth.model.kind !== "linear") return;
      const d = (truth.model as LinearModel).dim;
      if (opts.noise === "fitted" && samples <= d) {
        throw new InvalidParameterError(
          "ols",
          "samples",
          `must be > d = ${d} for noise=fitted (residual variance RSS/(M − d))`,
          samples,
        );
      }
    },
  };
}
