import type { RandomStream } from "../rng/index.ts";
import { PluginError, sameDefinition } from "../util/registry.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { BUILTIN_MODEL_KINDS } from "./builtinKinds.ts";
import { DATA_KINDS, type DataKind, type Dataset, type VectorData } from "./data.ts";

/**
 * Model kinds: what a model can do, declared once per kind in an operation table. Which metrics
 * and transforms apply to a kind is derived from the operations it has — there is no other list.
 * Built-in kinds are in `builtinKinds.ts` (a table the compiler checks covers every built-in
 * kind); plug-ins add kinds with {@link defineModelKind}.
 */

/** Any model: plain data with a `kind` naming its registered model kind. */
export interface AnyModel {
  readonly kind: string;
}

/** Monte Carlo resources for operations without a closed form (mixture entropy, …). */
export interface MonteCarlo {
  /** Sample size. */
  readonly samples: number;
  /** A fresh stream, derived per (chain, generation, metric): never the chain's own stream. */
  stream(): RandomStream;
}

/**
 * A model written as a finite Gaussian mixture Σ_j w_j N(μ_j, Σ_j) in `dim` dimensions, for the
 * closed forms between mixtures (the `l2` distance): k weights, the means row by row (k × dim)
 * and either one covariance per component (k × dim × dim, blocks row-major) or a single
 * covariance shared by every component (dim × dim: a kernel density estimate's kernel).
 */
export interface GaussianComponents {
  readonly dim: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/**
 * The operation table of a model kind. `sample` is required; every other operation is optional
 * and, when present, must be exact (or a documented Monte Carlo estimate) and never return NaN:
 * a quantity that does not exist for a model throws `UndefinedQuantityError`.
 */
export interface ModelOperations<M extends AnyModel = AnyModel> {
  /** The data kind `sample` produces (and the families of this kind are fitted to). */
  readonly dataKind: DataKind;
  /**
   * n samples from the model, in its data representation. `reuse`, when given, is an earlier
   * draw of this kind that nobody will read again: a kind may overwrite its arrays and return
   * them (the built-in univariate and categorical kinds do when the sizes fit) instead of
   * allocating new ones; the draws must be the same either way. Ignoring it is always correct.
   */
  sample(model: M, stream: RandomStream, n: number, reuse?: Dataset): Dataset;
  /** E[X] (univariate) or the mean vector. */
  mean?(model: M): number | Float64Array;
  /** Var[X], or the total variance tr Σ of a vector model. */
  variance?(model: M): number;
  /** ln det Σ (a 1-D Gaussian: ln σ²); −∞ for a singular covariance. */
  logDet?(model: M): number;
  /** Entropy in nats (Shannon for discrete, differential for continuous models). */
  entropy?(model: M, mc: MonteCarlo): number;
  /** The probability vector over symbols 0…k−1 of a categorical-type model. */
  probabilities?(model: M): Float64Array;
  /** Number of symbols (or vocabulary items) with non-zero probability. */
  support?(model: M): number;
  /** ln f(x) of a distribution on the real line. */
  logDensity?(model: M, x: number): number;
  /**
   * ln f(x_i) of a distribution on R^d (a density with respect to Lebesgue measure on R^d) at
   * every row x_i of d-dimensional data of the model's dimension, in order; −∞ where the density
   * is 0. Length = number of rows.
   */
  vectorLogDensity?(model: M, data: VectorData): Float64Array;
  /** The model as a finite Gaussian mixture (exact), for closed forms between mixtures. */
  gaussianMixture?(model: M): GaussianComponents;
  /** P(X ≤ x). */
  cdf?(model: M, x: number): number;
  /** P(X > x), computed directly so upper tails keep relative accuracy. */
  sf?(model: M, x: number): number;
  /** inf{x : P(X ≤ x) ≥ p}, p ∈ (0, 1). */
  quantile?(model: M, p: number): number;
  /** KL(truth ‖ model) between two models of this kind, in closed form. */
  kl?(truth: M, model: M): number;
  /** Squared 2-Wasserstein distance between two models of this kind, in closed form. */
  w2?(truth: M, model: M): number;
  /** Excess test error of a predictor against the truth's (both of this kind). */
  testError?(truth: M, model: M): number;
  /** Perplexity of held-out real data under the model. */
  perplexity?(model: M, heldOut: Dataset): number;
  /**
   * Language models: ln P(x_i | context_i) of every token of a sequence data set, in order, each
   * scored in its context under the kind's context rule (contexts restart at each sentence start
   * of `data.starts`); −∞ for a token of probability 0. Length = number of tokens.
   */
  tokenLogProbs?(model: M, data: Dataset): Float64Array;
  /**
   * Language models: the mean, over the token positions of `contexts` (a sequence data set), of the
   * probability the model gives to the next token being one of `symbols` (distinct symbol ids):
   * (1/N) Σ_i Σ_{s ∈ symbols} P(s | context_i).
   */
  symbolMass?(model: M, symbols: Int32Array, contexts: Dataset): number;
  /** The model sampled at temperature τ (density ∝ f^(1/τ), or the kind's stated analogue). */
  temperature?(model: M, tau: number): M;
  /** The model with every next-symbol probability vector p replaced by f(p) (top-k, top-p). */
  mapProbabilities?(model: M, f: (p: Float64Array) => Float64Array): M;
  /**
   * Log-likelihood score of each unit of `data` under the model (rows; for categorical counts,
   * one score per symbol), for quality filtering (`select`).
   */
  scores?(model: M, data: Dataset): Float64Array;
}

/** The name of an operation a metric or transform can require. */
export type OperationName = Exclude<keyof ModelOperations, "dataKind" | "sample">;

export const OPERATION_NAMES: readonly OperationName[] = [
  "mean",
  "variance",
  "logDet",
  "entropy",
  "probabilities",
  "support",
  "logDensity",
  "vectorLogDensity",
  "gaussianMixture",
  "cdf",
  "sf",
  "quantile",
  "kl",
  "w2",
  "testError",
  "perplexity",
  "tokenLogProbs",
  "symbolMass",
  "temperature",
  "mapProbabilities",
  "scores",
];

/** What {@link defineModelKind} takes. */
export interface ModelKindDefinition<M extends AnyModel = AnyModel> extends ModelOperations<M> {
  /** The kind's name, the `kind` field of its models, e.g. `exponential`. */
  readonly kind: M["kind"];
  /** One line: what the model is and how it is parameterised. */
  readonly description: string;
}

/** A registered model kind. */
export interface ModelKindEntry extends ModelKindDefinition<AnyModel> {
  readonly builtin: boolean;
}

const kinds = new Map<string, ModelKindEntry>();
/** Each plug-in kind's definition as given, to recognise the same definition registered again. */
const definitions = new Map<string, unknown>();
const KIND_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function checkKind(def: ModelKindDefinition, builtin: boolean): ModelKindEntry {
  const base = "defineModelKind";
  if (typeof def !== "object" || def === null) {
    throw new PluginError(base, "definition", "must be an object", def);
  }
  if (typeof def.kind !== "string" || !KIND_NAME.test(def.kind)) {
    throw new PluginError(base, "kind", "must be a kebab-case name", def.kind);
  }
  const api = `${base} "${def.kind}"`;
  if (typeof def.description !== "string" || def.description.trim() === "") {
    throw new PluginError(
      api,
      "description",
      "must be a non-empty one-line description",
      def.description,
    );
  }
  if (!(DATA_KINDS as readonly unknown[]).includes(def.dataKind)) {
    throw new PluginError(api, "dataKind", `must be one of ${DATA_KINDS.join(", ")}`, def.dataKind);
  }
  if (typeof def.sample !== "function") {
    throw new PluginError(
      api,
      "sample",
      "must be a function (model, stream, n) => data",
      def.sample,
    );
  }
  for (const [key, value] of Object.entries(def)) {
    if (key === "kind" || key === "description" || key === "dataKind" || key === "sample") continue;
    if (!(OPERATION_NAMES as readonly string[]).includes(key)) {
      throw new PluginError(
        api,
        key,
        `is not a model operation (known: sample, ${OPERATION_NAMES.join(", ")})`,
        key,
      );
    }
    if (value !== undefined && typeof value !== "function") {
      throw new PluginError(api, key, "must be a function", value);
    }
  }
  const existing = kinds.get(def.kind);
  // The same definition again (its module executed a second time) keeps the first registration.
  if (
    existing !== undefined &&
    !existing.builtin &&
    sameDefinition(definitions.get(def.kind), def)
  ) {
    return existing;
  }
  if (existing !== undefined) {
    throw new PluginError(
      api,
      "kind",
      `clashes with the ${kinds.get(def.kind)?.builtin ? "built-in" : "registered"} model kind of the same name`,
      def.kind,
    );
  }
  return { ...(def as ModelKindDefinition), builtin };
}

/** Registers a model kind (built-ins: `builtin` true). Named errors for a malformed table. */
export function registerModelKind<M extends AnyModel>(
  def: ModelKindDefinition<M>,
  builtin = false,
): ModelKindEntry {
  const entry = checkKind(def as unknown as ModelKindDefinition, builtin);
  if (kinds.get(entry.kind) === entry) return entry;
  kinds.set(entry.kind, entry);
  definitions.set(entry.kind, def);
  return entry;
}

/**
 * Declares a new model kind through its operation table:
 *
 * ```ts
 * defineModelKind<ExponentialModel>({
 *   kind: "exponential", description: "Exp(rate)", dataKind: "real",
 *   sample: (m, stream, n) => ({ kind: "real", values: fillExponential(stream, new Float64Array(n), 1 / m.rate) }),
 *   mean: (m) => 1 / m.rate, variance: (m) => 1 / m.rate ** 2,
 * });
 * ```
 *
 * Every metric and transform whose required operations the table has then applies to it.
 */
export function defineModelKind<M extends AnyModel>(def: ModelKindDefinition<M>): ModelKindEntry {
  return registerModelKind(def, false);
}

/** The operation table of a registered kind (named error for an unknown kind). */
export function modelKind(kind: string): ModelKindEntry {
  const entry = kinds.get(kind);
  if (entry === undefined) {
    throw new InvalidParameterError(
      "model kind",
      "kind",
      `must be a registered model kind (${[...kinds.keys()].join(", ")})`,
      kind,
    );
  }
  return entry;
}

/** Whether a kind is registered. */
export function hasModelKind(kind: string): boolean {
  return kinds.has(kind);
}

/** Every registered model kind. */
export function modelKinds(): ModelKindEntry[] {
  return [...kinds.values()];
}

/** Whether a kind has every named operation. */
export function hasOperations(kind: string, ops: readonly OperationName[]): boolean {
  const entry = kinds.get(kind);
  return entry !== undefined && ops.every((op) => typeof entry[op] === "function");
}

/** Removes a plug-in kind (tests). Built-ins stay. */
export function unregisterModelKind(kind: string): boolean {
  const entry = kinds.get(kind);
  if (entry === undefined || entry.builtin) return false;
  return kinds.delete(kind);
}

for (const def of Object.values(BUILTIN_MODEL_KINDS)) {
  registerModelKind(def as unknown as ModelKindDefinition, true);
}
