/**
 * Models (and truths) as plain data: what a fit produces, what generates the next generation's
 * samples, and what metrics measure. Plain objects keep them serialisable into reports.
 */

import { InvalidParameterError } from "../util/validate.ts";

/** A categorical distribution over symbols 0…k−1. */
export interface CategoricalModel {
  readonly kind: "categorical";
  /** Probabilities, length k, summing to 1. */
  readonly p: Float64Array;
}

/** A 1-D Gaussian N(mean, variance). */
export interface GaussianModel {
  readonly kind: "gaussian";
  readonly mean: number;
  readonly variance: number;
}

/**
 * A 1-D Gaussian mixture Σ_j w_j N(μ_j, σ_j²): a fitted GMM, a Gaussian KDE (w_j = 1/n,
 * μ_j = data, σ_j = bandwidth) or a mixture truth.
 */
export interface MixtureModel {
  readonly kind: "mixture";
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly variances: Float64Array;
}

/** Student-t with ν degrees of freedom, location and scale: location + scale·T_ν. */
export interface StudentTModel {
  readonly kind: "student-t";
  readonly nu: number;
  readonly location: number;
  readonly scale: number;
}

/** Classic (type I) Pareto on [scale, ∞): P(X > x) = (scale/x)^shape. */
export interface ParetoModel {
  readonly kind: "pareto";
  readonly shape: number;
  readonly scale: number;
}

/** A d-dimensional Gaussian N(mean, cov), cov row-major d × d. */
export interface MvGaussianModel {
  readonly kind: "mv-gaussian";
  readonly dim: number;
  readonly mean: Float64Array;
  readonly cov: Float64Array;
}

/**
 * A d-dimensional Gaussian mixture Σ_j w_j N(μ_j, Σ_j) with full covariances: a `gmm` fitted to
 * vector data, a d-dimensional `gmm` truth, `blobs`. Component j's mean is row j of `means`
 * (k × dim, row-major) and its covariance block j of `covariances` (k × dim × dim, each block
 * row-major, symmetric positive definite).
 */
export interface MvMixtureModel {
  readonly kind: "mv-mixture";
  readonly dim: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/**
 * A d-dimensional Gaussian kernel density estimate (1/n) Σ_i N(x_i, H): the training points
 * x_i (`centres`, n × dim, row-major) and one kernel covariance H (dim × dim, symmetric positive
 * definite; h²·I for a scalar bandwidth h, as scikit-learn's KernelDensity).
 */
export interface MvKdeModel {
  readonly kind: "mv-kde";
  readonly dim: number;
  readonly centres: Float64Array;
  readonly kernelCovariance: Float64Array;
}

/**
 * scikit-learn's `make_moons` as a law: with probability ½ the upper moon (cos θ, sin θ), else the
 * lower one (1 − cos θ, ½ − sin θ), θ ~ U(0, π), plus N(0, noise²·I₂).
 */
export interface MoonsModel {
  readonly kind: "moons";
  readonly dim: 2;
  readonly noise: number;
}

/**
 * scikit-learn's `make_circles` as a law: with probability ½ the unit circle, else the circle of
 * radius `factor`, at angle θ ~ U(0, 2π), plus N(0, noise²·I₂).
 */
export interface CirclesModel {
  readonly kind: "circles";
  readonly dim: 2;
  readonly factor: number;
  readonly noise: number;
}

/**
 * scikit-learn's `make_swiss_roll` as a law: t ~ U(1.5π, 4.5π), height y ~ U(0, 21), the point
 * (t cos t, y, t sin t) plus N(0, noise²·I₃) — or, with dim 2, its (x, z) coordinates.
 */
export interface SwissRollModel {
  readonly kind: "swiss-roll";
  readonly dim: 2 | 3;
  readonly noise: number;
}

/** y = x·w + ε, ε ~ N(0, noiseVariance). */
export interface LinearModel {
  readonly kind: "linear";
  readonly dim: number;
  readonly w: Float64Array;
  readonly noiseVariance: number;
  /**
   * How the model draws design rows when it samples (src/model/linear.ts): absent, fresh rows
   * x ~ N(0, I_dim); present, a fixed design (row-major, dim columns) whose rows are relabelled
   * with y = x·w + ε (row i of a sample is design row i mod rows).
   */
  readonly design?: Float64Array;
}

/**
 * One context's next-token distribution over the symbols 0…V−1 of an n-gram model, stored
 * sparsely: probability `probs[j]` on symbol `symbols[j]` (ascending), and `rest` on each of the
 * V − symbols.length symbols not listed (add-k smoothing: k/(count + kV); MLE: 0).
 */
export interface NgramDistribution {
  readonly symbols: Int32Array;
  readonly probs: Float64Array;
  readonly rest: number;
}

/**
 * An n-gram language model over symbols 0…V−1, symbol 0 the sentence boundary `</s>` (see
 * src/model/ngram.ts for the context, restart and sampling rules).
 */
export interface NgramModel {
  readonly kind: "ngram";
  /** n ∈ {2, 3}: a token depends on the n − 1 tokens before it in its sentence. */
  readonly order: number;
  /** V: number of symbols, boundary included. */
  readonly vocabSize: number;
  /** Context id (the n − 1 previous tokens in base V, see `contextId`) → next-token law. */
  readonly contexts: ReadonlyMap<number, NgramDistribution>;
  /** The law used at a context with no entry (add-k: uniform; MLE: a sentence end). */
  readonly unseen: NgramDistribution;
  /** The fitted unigram law over the V symbols: (count + k)/(tokens + kV). */
  readonly unigram: Float64Array;
}

export type UnivariateModel = GaussianModel | MixtureModel | StudentTModel | ParetoModel;
/** The empirical law of a sample: mass 1/n on each value (what the bootstrap family fits). */
export interface EmpiricalModel {
  readonly kind: "empirical";
  /** The values, sorted ascending (ties repeated). */
  readonly values: Float64Array;
}

export type Model =
  | CategoricalModel
  | UnivariateModel
  | MvGaussianModel
  | MvMixtureModel
  | MvKdeModel
  | MoonsModel
  | CirclesModel
  | SwissRollModel
  | LinearModel
  | NgramModel
  | EmpiricalModel;
export type ModelKind = Model["kind"];

/** Whether a model is a distribution on the real line. */
export function isUnivariate(model: Model): model is UnivariateModel {
  return (
    model.kind === "gaussian" ||
    model.kind === "mixture" ||
    model.kind === "student-t" ||
    model.kind === "pareto"
  );
}

/** The built-in model of a kind, e.g. `ModelOf<"categorical">` is {@link CategoricalModel}. */
export type ModelOf<K extends ModelKind> = Extract<Model, { kind: K }>;

/**
 * Narrows a model (a fitted model, a truth's model) to a built-in kind, or throws a named error:
 * `expectModel(truth.model, "categorical").p`.
 */
export function expectModel<K extends ModelKind>(
  model: { readonly kind: string },
  kind: K,
  where = "model",
): ModelOf<K> {
  if (model?.kind !== kind) {
    throw new InvalidParameterError(where, "kind", `must be "${kind}"`, model?.kind);
  }
  return model as ModelOf<K>;
}
