import { heterozygosity } from "../model/categorical.ts";
import type { Dataset, RealData, SequenceData } from "../model/data.ts";
import {
  type AnyModel,
  hasOperations,
  type ModelKindEntry,
  modelKind,
  OPERATION_NAMES,
  type OperationName,
} from "../model/kinds.ts";
import type { GaussianModel, MvGaussianModel } from "../model/models.ts";
import { BOUNDARY } from "../model/ngram.ts";
import type { RandomStream } from "../rng/index.ts";
import { UNKNOWN } from "../truths/text.ts";
import { type TailSet, type Truth, tailMassOf } from "../truths/truth.ts";
import { type ParamSchema, parseSpec, resolveParams, specSignature } from "../util/params.ts";
import { PluginError, type Registered, Registry } from "../util/registry.ts";
import { InvalidParameterError, UndefinedQuantityError } from "../util/validate.ts";
import { l2Distance } from "./l2Distance.ts";

/** A metric's id as used by the CLI and reports (a registered metric's name). */
export type MetricId = string;

/** What a metric sees besides the model: the original truth, its tail set, a Monte Carlo stream. */
export interface MetricContext {
  readonly truth: Truth;
  readonly tail: TailSet;
  /** Monte Carlo sample size for metrics without a closed form. */
  readonly mcSamples: number;
  /**
   * A stream for Monte Carlo estimates, derived per (chain, generation, metric name). Metrics
   * that share their draws name the same stream: `seq-ppl-count` draws on `mcStream("seq-ppl")`,
   * so both score the same sentences. @defaultValue the metric's own name
   */
  mcStream(shared?: string): RandomStream;
  /**
   * A value shared by the metrics of one fitted model (one chain and generation): `compute` runs
   * on the first call with this key and its result is returned to every later call until the
   * next model is recorded — e.g. the per-sentence perplexities behind every `seq-ppl` quantile.
   */
  once<T>(key: string, compute: () => T): T;
  /**
   * Real data no chain trains on: the truth's held-out part (text), else `mcSamples` points
   * drawn once per run from the truth on a stream of their own — the same set for every chain
   * and generation (and any worker count), so per-generation values are comparable.
   */
  heldOut(): Dataset;
  /**
   * The chain's generation-1 model, its fit to the real samples D₁ (undefined at generation 0),
   * for distances from the first fit instead of from the truth — the drift Shumailov et al. plot
   * for their Gaussian mixture.
   */
  readonly firstFit?: AnyModel;
}

/** What {@link defineMetric} takes. */
export interface MetricDefinition {
  /** Name in `--metrics` and reports, e.g. `mean-abs-deviation`. */
  readonly name: string;
  /**
   * What is measured, per model kind where it differs, and whether it is exact or Monte Carlo
   * (shown by `collapse list --metrics` and `collapse simulate --help`).
   */
  readonly description: string;
  /**
   * Operations the model kind of both the fitted model and the truth must have for the metric to
   * apply (e.g. `["variance"]`). Applicability is derived from the operation tables, never listed.
   * @defaultValue []
   */
  readonly requires?: readonly OperationName[];
  /**
   * Applicability beyond a plain list of operations (e.g. "has `probabilities`, or `cdf` and
   * `sf`"); when given it replaces `requires`.
   */
  supports?(kind: ModelKindEntry): boolean;
  /**
   * Applicability to the truth's model kind, when it differs from the fitted model's (e.g. `nll`
   * scores the model on the truth's samples: any truth that samples the data will do, its own
   * generation-0 value being undefined when it has no density). @defaultValue as the model's
   */
  supportsTruth?(kind: ModelKindEntry): boolean;
  /**
   * Parameters, named in metric specs like other specs: `seq-ppl:q=0.95` (one parameter per spec
   * keeps `--metrics` comma-separated). The spec text is the metric's id in results.
   * @defaultValue {} (no parameters)
   */
  readonly params?: ParamSchema;
  /**
   * The value for a fitted model; throw UndefinedQuantityError where it does not exist. `params`
   * holds the spec's values, defaults filled in.
   */
  compute(model: AnyModel, ctx: MetricContext, params: Readonly<Record<string, unknown>>): number;
  /**
   * Optional: about how many arithmetic operations one value costs when that grows with the
   * models (a held-out likelihood visits every component for every point). Run size guards sum
   * it over every recorded generation of every chain (`estimateRun`), like a family's
   * `fitCost`, and refuse runs that would not end in about an hour. @defaultValue 0
   */
  cost?(size: MetricCostInput): number;
}

/** What a metric's cost depends on, known before a run (see MetricDefinition.cost). */
export interface MetricCostInput {
  /** Components of a fitted model (the family's `modelSize`: a KDE's n centres, a GMM's k). */
  readonly components: number;
  /** Components of the truth's model (a mixture's weights, a KDE's centres; else 1). */
  readonly truthComponents: number;
  /** Dimension of a data point (1 for real data). */
  readonly dim: number;
  /** Real points a held-out metric scores (the truth's held-out set, else `mcSamples`). */
  readonly heldOutPoints: number;
}

/** A registered metric, or one instance of a parametrised metric (`seq-ppl:q=0.95`). */
export interface Metric extends Registered {
  /** The name, or for an instance with parameters the spec text (`seq-ppl:q=0.95`). */
  readonly id: MetricId;
  /** Whether the metric applies to a model kind of fitted models (and of the truth by default). */
  supports(kind: string): boolean;
  /** Whether the metric applies to a truth whose model is of this kind. */
  supportsTruth(kind: string): boolean;
  compute(model: AnyModel, ctx: MetricContext): number;
  /** See MetricDefinition.cost. */
  cost?(size: MetricCostInput): number;
}

export const metricRegistry = new Registry<Metric>("metric", "defineMetric");

/** Definitions by name, to build instances with parameters. */
const definitions = new Map<string, MetricDefinition>();

function register(def: MetricDefinition, builtin: boolean): Metric {
  const api = metricRegistry.checkCommon({ ...def, params: def.params ?? {} });
  const requires: readonly OperationName[] = def.requires ?? [];
  if (!Array.isArray(requires)) {
    throw new PluginError(api, "requires", "must be a list of operation names", requires);
  }
  for (const op of requires) {
    if (!OPERATION_NAMES.includes(op)) {
      throw new PluginError(
        api,
        "requires",
        `must list model operations (${OPERATION_NAMES.join(", ")})`,
        op,
      );
    }
  }
  if (def.supports !== undefined && typeof def.supports !== "function") {
    throw new PluginError(api, "supports", "must be a function (kind) => boolean", def.supports);
  }
  if (def.supportsTruth !== undefined && typeof def.supportsTruth !== "function") {
    throw new PluginError(
      api,
      "supportsTruth",
      "must be a function (kind) => boolean",
      def.supportsTruth,
    );
  }
  if (typeof def.compute !== "function") {
    throw new PluginError(api, "compute", "must be a function (model, ctx) => number", def.compute);
  }
  if (def.cost !== undefined && typeof def.cost !== "function") {
    throw new PluginError(api, "cost", "must be a function (size) => number when given", def.cost);
  }
  const custom = def.supports;
  const customTruth = def.supportsTruth;
  const params = def.params ?? {};
  const defaults = resolveParams(api, params, {});
  const compute = def.compute;
  const metric = metricRegistry.add(
    {
      name: def.name,
      id: def.name,
      description: def.description,
      params,
      builtin,
      supports: (kind) => {
        const entry = modelKind(kind);
        return custom !== undefined ? custom(entry) : hasOperations(kind, requires);
      },
      supportsTruth: (kind) => {
        if (customTruth === undefined) return metric.supports(kind);
        return customTruth(modelKind(kind));
      },
      compute: (model, ctx) => compute(model, ctx, defaults),
      ...(def.cost !== undefined ? { cost: def.cost } : {}),
    },
    def,
  );
  definitions.set(def.name, def);
  return metric;
}

/**
 * Registers a per-generation metric. It applies to every model kind whose operation table has
 * what `requires` names (or what `supports` accepts); `--metrics <name>` then works everywhere.
 */
export function defineMetric(def: MetricDefinition): Metric {
  return register(def, false);
}

/**
 * The operation `name` of a model's kind (applicability was checked before), guarded: a number
 * result that is NaN is the operation's fault, reported as a PluginError naming the kind and the
 * operation (an undefined quantity must throw UndefinedQuantityError instead).
 */
function op<K extends OperationName>(model: AnyModel, name: K): NonNullable<ModelKindEntry[K]> {
  const kind = modelKind(model.kind);
  const f = kind[name] as ((...args: unknown[]) => unknown) | undefined;
  if (f === undefined) {
    throw new InvalidParameterError(name, "model.kind", `has no ${name} operation`, model.kind);
  }
  return ((...args: unknown[]) => {
    const v = f(...args);
    if (typeof v === "number" && Number.isNaN(v)) {
      throw new PluginError(
        `model kind "${model.kind}"`,
        name,
        "must not return NaN (throw UndefinedQuantityError where the quantity does not exist)",
        v,
      );
    }
    return v;
  }) as NonNullable<ModelKindEntry[K]>;
}

/** The fitted model and the truth's, for closed forms defined between two models of one kind. */
function sameKind(id: string, model: AnyModel, truth: AnyModel): boolean {
  if (model.kind === truth.kind) {
    // Vector kinds carry their dimension: a closed form between different dimensions is a bug.
    const dim = (m: AnyModel) => (m as { readonly dim?: unknown }).dim;
    if (typeof dim(truth) === "number" && dim(model) !== dim(truth)) {
      throw new InvalidParameterError(
        id,
        "model.dim",
        `must equal the truth's dim (${dim(truth)})`,
        dim(model),
      );
    }
    return true;
  }
  if (modelKind(truth.kind).dataKind !== "real" || modelKind(model.kind).dataKind !== "real") {
    throw new InvalidParameterError(
      id,
      "model.kind",
      `must match the truth's kind (${truth.kind}) for a closed form`,
      model.kind,
    );
  }
  return false;
}

/** n real values of a distribution on the line (a Monte Carlo sample). */
function realSample(model: AnyModel, stream: RandomStream, n: number): Float64Array {
  return (modelKind(model.kind).sample(model, stream, n) as RealData).values;
}

const oneDimensional = (k: ModelKindEntry) => k.dataKind === "real" && k.logDensity !== undefined;

/**
 * Whether E[X²] < ∞, from the kind's variance (∞ or undefined — e.g. a Student-t with ν ≤ 2,
 * a Pareto with shape ≤ 2 — means no); undefined when the kind has no variance operation.
 */
function finiteSecondMoment(model: AnyModel): boolean | undefined {
  const variance = modelKind(model.kind).variance;
  if (variance === undefined) return undefined;
  try {
    return Number.isFinite(variance(model));
  } catch (e) {
    if (e instanceof UndefinedQuantityError) return false;
    throw e;
  }
}

/** Kinds `nll` scores: categorical probabilities, 1-D densities, densities on R^d. */
function nllSupports(k: ModelKindEntry): boolean {
  return (
    k.probabilities !== undefined ||
    (k.dataKind === "real" && k.logDensity !== undefined) ||
    (k.dataKind === "vector" && k.vectorLogDensity !== undefined)
  );
}

/** Kinds whose log-density falls like −x²/(2σ²) in the tails (Gaussian and Gaussian mixtures). */
const GAUSSIAN_TAILS = new Set(["gaussian", "mixture"]);

/** The truth's held-out text, for language-model metrics (named error for a truth without). */
function heldOutText(id: string, truth: Truth): SequenceData {
  const data = truth.heldOut;
  if (data === undefined || data.kind !== "sequence") {
    throw new InvalidParameterError(
      id,
      "truth",
      "must have held-out text (a text truth)",
      truth.id,
    );
  }
  return data;
}

/**
 * The truth's word set at level q (`rare`: R_q, `head`: H_q; definitions in the `rare-mass` and
 * `head-mass` descriptions): words are symbols ≥ 2 (0 is `</s>`, 1 is `<unk>`), ranked by their
 * count c(w) in the truth's training text, N = Σ_w c(w).
 */
function truthWordSet(id: string, truth: Truth, which: "rare" | "head", q: number): Int32Array {
  const training = truth.training;
  if (training === undefined || training.kind !== "sequence") {
    throw new InvalidParameterError(
      id,
      "truth",
      "must have fixed training text (a text truth)",
      truth.id,
    );
  }
  const counts = new Float64Array(training.vocabSize);
  for (const x of training.tokens) counts[x]++;
  let total = 0;
  const words: number[] = [];
  for (let w = UNKNOWN + 1; w < counts.length; w++) {
    if (counts[w] > 0) {
      words.push(w);
      total += counts[w];
    }
  }
  // Rare: least frequent first; head: most frequent first; ties by symbol index either way.
  const sign = which === "rare" ? 1 : -1;
  words.sort((a, b) => sign * (counts[a] - counts[b]) || a - b);
  const set: number[] = [];
  let cumulative = 0;
  for (const w of words) {
    if (which === "rare" ? cumulative + counts[w] > q * total : cumulative >= q * total) break;
    cumulative += counts[w];
    set.push(w);
  }
  if (set.length === 0) {
    throw new InvalidParameterError(
      id,
      "q",
      `must cover the truth's rarest word (share ${counts[words[0]] ?? 0}/${total})`,
      q,
    );
  }
  return Int32Array.from(set.sort((a, b) => a - b));
}

/** Sets by truth and level, built once per run (the truth's training counts are fixed). */
const wordSets = new WeakMap<Truth, Map<string, Int32Array>>();

function cachedWordSet(id: string, truth: Truth, which: "rare" | "head", q: number): Int32Array {
  let byLevel = wordSets.get(truth);
  if (byLevel === undefined) {
    byLevel = new Map();
    wordSets.set(truth, byLevel);
  }
  const key = `${which}\u0000${q}`;
  let set = byLevel.get(key);
  if (set === undefined) {
    set = truthWordSet(id, truth, which, q);
    byLevel.set(key, set);
  }
  return set;
}

/**
 * The q-quantile of ascending values, linearly interpolated between order statistics (numpy's
 * default, Hyndman–Fan type 7): h = (n − 1)q, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋); +∞ values
 * stay +∞ (never ∞ − ∞).
 */
function sortedQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const j = Math.floor(h);
  const lo = sorted[j];
  if (j + 1 >= sorted.length || h === j) return lo;
  const hi = sorted[j + 1];
  if (hi === lo) return lo;
  if (hi === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return lo + (h - j) * (hi - lo);
}

/**
 * Per-sentence perplexities, ascending, of `tokens` tokens sampled from `model` on `stream`, scored
 * under the truth's model through its `tokenLogProbs`: each complete sentence (its words and the
 * `</s>` that ends it; tokens after the last `</s>` are dropped) gets
 * exp(−(1/L) Σ ln P₀(x_i | context_i)), contexts restarting at its start.
 */
function sentencePerplexities(
  model: AnyModel,
  truthModel: AnyModel,
  stream: RandomStream,
  tokens: number,
): Float64Array {
  const sample = modelKind(model.kind).sample(model, stream, tokens);
  if (sample.kind !== "sequence") {
    throw new InvalidParameterError("seq-ppl", "model.kind", "must sample sequences", model.kind);
  }
  let end = sample.tokens.length;
  while (end > 0 && sample.tokens[end - 1] !== BOUNDARY) end--;
  const starts: number[] = [];
  for (let i = 0; i < end; i++) if (i === 0 || sample.tokens[i - 1] === BOUNDARY) starts.push(i);
  if (starts.length === 0) {
    throw new UndefinedQuantityError(
      "seq-ppl",
      `no sentence ends within the ${tokens} sampled tokens (raise --mc-samples)`,
    );
  }
  const sentences: SequenceData = {
    kind: "sequence",
    vocabSize: sample.vocabSize,
    tokens: sample.tokens.subarray(0, end),
    starts: Int32Array.from(starts),
  };
  const logProbs = op(truthModel, "tokenLogProbs")(truthModel, sentences);
  const out = new Float64Array(starts.length);
  for (let s = 0; s < starts.length; s++) {
    const stop = s + 1 < starts.length ? starts[s + 1] : end;
    let sum = 0;
    for (let i = starts[s]; i < stop; i++) sum += logProbs[i];
    out[s] = Math.exp(-sum / (stop - starts[s]));
  }
  return out.sort();
}

/**
 * The per-sentence perplexities of one fitted model's text, computed once per model and shared by
 * every `seq-ppl` quantile and `seq-ppl-count` bound, on the stream named "seq-ppl".
 */
function sharedSentencePerplexities(m: AnyModel, ctx: MetricContext): Float64Array {
  return ctx.once("seq-ppl", () =>
    sentencePerplexities(m, ctx.truth.model, ctx.mcStream("seq-ppl"), ctx.mcSamples),
  );
}

/** The built-in metrics; each applies where its kind's operations allow (src/model/builtinKinds.ts). */
/** The chain's generation-1 model; at generation 0 there is none yet (an undefined value). */
function firstFitOf(metric: string, ctx: MetricContext): AnyModel {
  if (ctx.firstFit === undefined) {
    throw new UndefinedQuantityError(metric, "generation 0 comes before the first fit");
  }
  return ctx.firstFit;
}

const BUILTIN_METRICS: readonly MetricDefinition[] = [
  {
    name: "variance",
    description:
      "Var of the fitted model (exact; the kind's `variance`: a mixture's is Σw(σ²+μ²) − μ̄², so a KDE's is s² + h²; vector kinds: the total variance tr Cov — mv-gaussian tr Σ, a d-dimensional KDE's the centres' variance + tr H)",
    requires: ["variance"],
    compute: (m) => op(m, "variance")(m),
  },
  {
    name: "log-variance",
    description:
      "natural log of the fitted model's variance (exact; mv-gaussian: ln tr Σ; −∞ once collapsed to a point)",
    requires: ["variance"],
    compute: (m) => Math.log(op(m, "variance")(m)),
  },
  {
    name: "sd",
    description:
      "standard deviation √Var of the fitted model (exact; mv-gaussian: √tr Σ, the root of the total variance)",
    requires: ["variance"],
    compute: (m) => Math.sqrt(op(m, "variance")(m)),
  },
  {
    name: "cov-error",
    description:
      "‖Σ_t − Σ_0‖_F, Frobenius distance of the model covariance from the truth's (exact; 1-D Gaussian: |σ²_t − σ²_0|)",
    supports: (k) => k.kind === "gaussian" || k.kind === "mv-gaussian",
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m.kind === "gaussian" && t.kind === "gaussian") {
        return Math.abs((m as GaussianModel).variance - (t as GaussianModel).variance);
      }
      if (m.kind === "mv-gaussian" && t.kind === "mv-gaussian") {
        const a = (m as MvGaussianModel).cov;
        const b = (t as MvGaussianModel).cov;
        if (a.length !== b.length) {
          throw new InvalidParameterError(
            "cov-error",
            "model covariance",
            `must have the truth covariance's size (${b.length} entries)`,
            a.length,
          );
        }
        let s = 0;
        for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
        return Math.sqrt(s);
      }
      throw new UndefinedQuantityError(
        "cov-error",
        `a ${m.kind} model and a ${t.kind} truth have no common covariance form`,
      );
    },
  },
  {
    name: "nll",
    description:
      "held-out negative log-likelihood −(1/N) Σ ln f_model(x_i) of N real points no chain trains on (the truth's held-out data, else --mc-samples points drawn once per run from the truth, the same for every chain and generation): categorical probabilities, 1-D densities, or densities on R^d for vector data (mv-gaussian, mv-mixture, mv-kde; a singular mv-gaussian has none: +∞); +∞ when the model gives a held-out point zero density or probability; any truth that draws the data will do (a truth without a density — moons, circles, swiss-roll — has no value at generation 0)",
    supports: nllSupports,
    supportsTruth: (k) => nllSupports(k) || k.dataKind === "real" || k.dataKind === "vector",
    // Every held-out point against every component: a quadratic form in d dimensions each.
    cost: ({ heldOutPoints, components, dim }) => heldOutPoints * components * (dim + 1) ** 2,
    compute: (m, ctx) => {
      const data = ctx.heldOut();
      if (data.kind === "categorical") {
        const p = op(m, "probabilities")(m);
        let total = 0;
        for (let i = 0; i < data.counts.length; i++) {
          const c = data.counts[i];
          if (c === 0) continue;
          if (!(p[i] > 0)) return Number.POSITIVE_INFINITY;
          total -= c * Math.log(p[i]);
        }
        return total / data.size;
      }
      const kind = modelKind(m.kind);
      const noDensity = () =>
        new UndefinedQuantityError(
          "nll",
          m === ctx.truth.model
            ? `the truth "${ctx.truth.id}" (${m.kind}) has no density`
            : `a ${m.kind} model has no density for ${data.kind} data`,
        );
      if (data.kind === "real") {
        if (kind.logDensity === undefined) throw noDensity();
        const logDensity = op(m, "logDensity");
        let total = 0;
        for (let i = 0; i < data.values.length; i++) total -= logDensity(m, data.values[i]);
        return total / data.values.length;
      }
      if (data.kind === "vector") {
        if (kind.vectorLogDensity === undefined) throw noDensity();
        const lf = op(m, "vectorLogDensity")(m, data);
        let total = 0;
        for (let i = 0; i < lf.length; i++) {
          if (Number.isNaN(lf[i])) {
            throw new PluginError(
              `model kind "${m.kind}"`,
              "vectorLogDensity",
              "must not return NaN (−∞ where the density is 0)",
              lf[i],
            );
          }
          total -= lf[i];
        }
        return total / lf.length;
      }
      throw new UndefinedQuantityError(
        "nll",
        `held-out ${data.kind} data have no per-point density under a ${m.kind} model`,
      );
    },
  },
  {
    name: "log-det",
    description:
      "log det of the covariance (1-D Gaussian: ln σ²) (exact; −∞ for a singular covariance, e.g. an mv-gaussian fitted to M ≤ d samples)",
    requires: ["logDet"],
    compute: (m) => op(m, "logDet")(m),
  },
  {
    name: "mean-error",
    description:
      "‖μ_t − μ_0‖², squared distance of the model mean from the truth mean (exact); exactly 0 for the truth against itself, +∞ when exactly one of the two means is infinite (a Pareto with shape ≤ 1), undefined when both are",
    requires: ["mean"],
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      // A law against itself (generation 0): exactly 0, even where its mean is infinite.
      if (m === t) return 0;
      const a = op(m, "mean")(m);
      const b = op(t, "mean")(t);
      if (typeof a === "number" && typeof b === "number") {
        if (!Number.isFinite(a) || !Number.isFinite(b)) {
          if (Number.isFinite(a) || Number.isFinite(b)) return Number.POSITIVE_INFINITY;
          throw new UndefinedQuantityError(
            "mean-error",
            `the ${t.kind} truth and the ${m.kind} model both have infinite means`,
          );
        }
        const d = a - b;
        return d * d;
      }
      if (typeof a === "number" || typeof b === "number" || a.length !== b.length) {
        throw new InvalidParameterError(
          "mean-error",
          "model mean",
          `must have the truth mean's dimension (${typeof b === "number" ? 1 : b.length})`,
          typeof a === "number" ? 1 : a.length,
        );
      }
      let s = 0;
      for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
      return s;
    },
  },
  {
    name: "tail-mass",
    description:
      "mass the model gives to the truth's tail set at level q (categorical: least-probable symbols covering ≤ q; continuous: beyond the q and 1−q quantiles) (exact)",
    supports: (k) =>
      k.probabilities !== undefined ||
      (k.cdf !== undefined && k.sf !== undefined && k.quantile !== undefined),
    compute: (m, ctx) => tailMassOf(m, ctx.tail),
  },
  {
    name: "missing-mass",
    description:
      "the truth's mass on symbols the model gives probability 0 (Good–Turing's missing mass; for categorical-mle, the unseen mass of a memorising learner): Σ_{i: p̂_i = 0} p_i (exact)",
    requires: ["probabilities"],
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      const p = op(t, "probabilities")(t);
      const q = op(m, "probabilities")(m);
      if (q.length !== p.length) {
        throw new InvalidParameterError(
          "missing-mass",
          "model symbols",
          `must be the truth's ${p.length} symbols`,
          q.length,
        );
      }
      let missing = 0;
      for (let i = 0; i < p.length; i++) if (q[i] === 0) missing += p[i];
      return missing;
    },
  },
  {
    name: "support",
    description:
      "number of symbols with non-zero probability (exact; n-gram: surviving vocabulary, the words and <unk> with non-zero unigram probability, </s> not counted; empirical: distinct values)",
    requires: ["support"],
    compute: (m) => op(m, "support")(m),
  },
  {
    name: "entropy",
    description:
      "entropy in nats (exact for categorical, Gaussian, Student-t, Pareto, mv-gaussian; Monte Carlo for mixtures and KDEs, 1-D and d-dimensional; n-gram: entropy of the fitted unigram law, </s> included — not the entropy rate)",
    requires: ["entropy"],
    compute: (m, ctx) =>
      op(m, "entropy")(m, { samples: ctx.mcSamples, stream: () => ctx.mcStream() }),
  },
  {
    name: "heterozygosity",
    description: "1 − Σ p_i² (exact)",
    requires: ["probabilities"],
    compute: (m) => heterozygosity(op(m, "probabilities")(m)),
  },
  {
    name: "kl",
    description:
      "KL(truth ‖ model) in nats: closed form between two models of a kind with `kl` (categorical: +∞ when the model gives 0 to a symbol the truth has; Gaussian; mv-gaussian: +∞ for a singular model covariance), else Monte Carlo over truth samples (−∞ log-density → +∞); exactly 0 for the truth against itself (generation 0), +∞ for a Gaussian or mixture model of a truth without a finite second moment",
    supports: (k) => k.kl !== undefined || oneDimensional(k),
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      // A law against itself (generation 0): exactly 0, never a Monte Carlo estimate.
      if (m === t) return 0;
      if (sameKind("kl", m, t) && modelKind(m.kind).kl !== undefined) return op(m, "kl")(t, m);
      // −ln f_model grows like x² for Gaussian tails, so E_truth[−ln f_model] = ∞ exactly when
      // the truth has no finite second moment: KL = +∞ (a Monte Carlo mean would be finite).
      if (GAUSSIAN_TAILS.has(m.kind) && finiteSecondMoment(t) === false) {
        return Number.POSITIVE_INFINITY;
      }
      const logModel = op(m, "logDensity");
      const logTruth = op(t, "logDensity");
      const x = realSample(t, ctx.mcStream(), ctx.mcSamples);
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const lm = logModel(m, x[i]);
        if (lm === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
        s += logTruth(t, x[i]) - lm;
      }
      return s / x.length;
    },
  },
  {
    name: "tv",
    description:
      "total variation distance: exact for categorical (½Σ|p−q|), else Monte Carlo E_truth[max(0, 1 − f_model/f_truth)]; exactly 0 for the truth against itself",
    supports: (k) => k.probabilities !== undefined || oneDimensional(k),
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m === t) return 0;
      const kind = modelKind(m.kind);
      if (kind.probabilities !== undefined && modelKind(t.kind).probabilities !== undefined) {
        const p = op(t, "probabilities")(t);
        const q = kind.probabilities(m);
        let s = 0;
        for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
        return 0.5 * s;
      }
      const logModel = op(m, "logDensity");
      const logTruth = op(t, "logDensity");
      const x = realSample(t, ctx.mcStream(), ctx.mcSamples);
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const r = Math.exp(logModel(m, x[i]) - logTruth(t, x[i]));
        if (r < 1) s += 1 - r;
      }
      return s / x.length;
    },
  },
  {
    name: "w2",
    description:
      "squared 2-Wasserstein distance W₂²: closed form between two models of a kind with `w2` (Gaussians: (μ−μ₀)² + (σ−σ₀)²; mv-gaussian: the Bures form ‖μ−μ₀‖² + tr Σ + tr Σ₀ − 2 tr(Σ₀^½ Σ Σ₀^½)^½), else Monte Carlo from sorted samples of both; exactly 0 for the truth against itself, +∞ when exactly one of the two has no finite second moment, undefined when neither has",
    supports: (k) => k.w2 !== undefined || oneDimensional(k),
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m === t) return 0;
      if (sameKind("w2", m, t) && modelKind(m.kind).w2 !== undefined) return op(m, "w2")(t, m);
      // W₂ needs finite second moments: one law without and one with is at distance +∞; two
      // without have no Monte Carlo estimate (sample second moments diverge).
      const finiteTruth = finiteSecondMoment(t);
      const finiteModel = finiteSecondMoment(m);
      if (finiteTruth === false || finiteModel === false) {
        if (finiteTruth === true || finiteModel === true) return Number.POSITIVE_INFINITY;
        throw new UndefinedQuantityError(
          "w2",
          `neither ${t.kind} truth nor ${m.kind} model has a finite second moment`,
        );
      }
      const stream = ctx.mcStream();
      const a = realSample(m, stream, ctx.mcSamples).sort();
      const b = realSample(t, stream, ctx.mcSamples).sort();
      let s = 0;
      for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
      return s / a.length;
    },
  },
  {
    name: "kl-gen1",
    description:
      "KL(generation 1 ‖ model) in nats: divergence of the model from the chain's first fit (to the real samples D₁) instead of from the truth, closed form for kinds with `kl` (categorical: +∞ once a symbol of generation 1 is lost; Gaussian; mv-gaussian); exactly 0 at generation 1, undefined at generation 0",
    requires: ["kl"],
    compute: (m, ctx) => {
      const first = firstFitOf("kl-gen1", ctx);
      return m === first ? 0 : op(m, "kl")(first, m);
    },
  },
  {
    name: "w2-gen1",
    description:
      "squared 2-Wasserstein distance W₂² of the model from the chain's first fit (to the real samples D₁) instead of from the truth, closed form for kinds with `w2` (Gaussian: (μ−μ₁)² + (σ−σ₁)²; mv-gaussian: the Bures form); exactly 0 at generation 1, undefined at generation 0",
    requires: ["w2"],
    compute: (m, ctx) => {
      const first = firstFitOf("w2-gen1", ctx);
      return m === first ? 0 : op(m, "w2")(first, m);
    },
  },
  {
    name: "l2",
    description:
      "L2 distance ∫(f_model − f_truth)² between the two densities (the squared L2 norm of their difference, Shumailov et al.'s GMM measure), closed form between Gaussian mixtures — Gaussian, mixture (1-D GMM and KDE), mv-gaussian, mv-mixture, mv-kde — from ∫N(x; a, A)N(x; b, B)dx = N(a; b, A + B) over every pair of components (k_model·k_truth Cholesky factors of d × d); exactly 0 for the truth against itself; undefined when a covariance is singular (no square-integrable density)",
    requires: ["gaussianMixture"],
    // Every pair of components of f and g (∫f², ∫fg, ∫g²): a Cholesky factor of d × d at most.
    cost: ({ components, truthComponents, dim }) =>
      (components + truthComponents) ** 2 * (dim + 1) ** 3,
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m === t) return 0;
      return l2Distance(op(m, "gaussianMixture")(m), op(t, "gaussianMixture")(t));
    },
  },
  {
    name: "l2-gen1",
    description:
      "L2 distance ∫(f_model − f₁)² of the model's density from the chain's first fit (to the real samples D₁) instead of from the truth — Shumailov et al.'s plot of the GMM fitted to the real data against each evolution's fit — closed form as l2 for Gaussian-mixture kinds; exactly 0 at generation 1, undefined at generation 0; any truth",
    requires: ["gaussianMixture"],
    supportsTruth: () => true,
    compute: (m, ctx) => {
      const first = firstFitOf("l2-gen1", ctx);
      return m === first
        ? 0
        : l2Distance(op(m, "gaussianMixture")(m), op(first, "gaussianMixture")(first));
    },
  },
  {
    name: "test-error",
    description:
      "‖w_t − w*‖², excess test error E[(x·w_t − x·w*)²] of a linear model for x ~ N(0, I) (exact)",
    requires: ["testError"],
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m.kind !== t.kind) {
        throw new InvalidParameterError(
          "test-error",
          "model.kind",
          `must equal the truth's (${t.kind})`,
          m.kind,
        );
      }
      return op(m, "testError")(t, m);
    },
  },
  {
    name: "perplexity",
    description:
      "held-out perplexity exp(−(1/N) Σ ln P(x_i | context_i)) of the truth's held-out text (never trained on; every token, </s> included) under the n-gram model (exact); +∞ when the model gives probability 0 to a held-out token, which an MLE (k = 0) model does for any unseen n-gram or word — finite with add-k smoothing",
    requires: ["perplexity"],
    compute: (m, ctx) => {
      const heldOut = ctx.truth.heldOut;
      if (heldOut === undefined) {
        throw new InvalidParameterError(
          "perplexity",
          "truth",
          "must have held-out data (a text truth)",
          ctx.truth.id,
        );
      }
      return op(m, "perplexity")(m, heldOut);
    },
  },
  {
    name: "seq-ppl",
    description:
      "q-quantile of the per-sentence perplexities of the model's own text under the generation-0 model (Shumailov et al.'s histograms): --mc-samples tokens sampled from the model on the metric's stream, cut into complete sentences (each ending with </s>; a trailing partial one dropped), each scored exp(−(1/L) Σ ln P₀(x_i | context_i)) over its L tokens (</s> included) with the truth model's tokenLogProbs; quantile linearly interpolated (numpy's default); +∞ for a sentence P₀ gives probability 0 (an MLE truth; give the truth k > 0); every q of one chain and generation scores the same sentences",
    requires: ["tokenLogProbs"],
    params: {
      q: {
        type: "number",
        default: 0.5,
        min: 0,
        max: 1,
        description: "quantile level of the per-sentence perplexities, e.g. 0.5 or 0.95",
      },
    },
    compute: (m, ctx, params) =>
      sortedQuantile(sharedSentencePerplexities(m, ctx), params.q as number),
  },
  {
    name: "seq-ppl-count",
    description:
      "number of complete sentences in --mc-samples tokens of the model's own text whose perplexity under the generation-0 model is below `below` (all of them when `below` is not given): the same sentences as seq-ppl, so counts at several `below` values are the model's per-sentence perplexity histogram (Shumailov et al., Fig. 1) — bin [a, b) holds count(below=b) − count(below=a)",
    requires: ["tokenLogProbs"],
    params: {
      below: {
        type: "number",
        min: 0,
        exclusiveMin: true,
        description: "count sentences of perplexity < below (default: every complete sentence)",
      },
    },
    compute: (m, ctx, params) => {
      const ppl = sharedSentencePerplexities(m, ctx);
      const below = params.below as number | undefined;
      if (below === undefined) return ppl.length;
      // ppl is ascending: the count below b is the first index whose value is ≥ b.
      let lo = 0;
      let hi = ppl.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ppl[mid] < below) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  },
  {
    name: "rare-mass",
    description:
      "mass the model puts on the truth's rarest words R_q, (1/N) Σ_i Σ_{w ∈ R_q} P(w | context_i) over the N held-out token positions (symbolMass; exact): words ranked by their count c(w) in the truth's training text (</s> and <unk> are not words; ties by symbol index), R_q the least frequent words taken while their total count stays ≤ q·Σc (the tail-set rule of tail-mass)",
    requires: ["symbolMass"],
    params: {
      q: {
        type: "number",
        default: 0.1,
        min: 0,
        max: 1,
        exclusiveMin: true,
        description: "share of the training word count the rare set may hold",
      },
    },
    compute: (m, ctx, params) => {
      const set = cachedWordSet("rare-mass", ctx.truth, "rare", params.q as number);
      return op(m, "symbolMass")(m, set, heldOutText("rare-mass", ctx.truth));
    },
  },
  {
    name: "head-mass",
    description:
      "mass the model puts on the truth's most frequent words H_q, (1/N) Σ_i Σ_{w ∈ H_q} P(w | context_i) over the N held-out token positions (symbolMass; exact): words ranked by training count as for rare-mass, H_q the fewest most frequent words whose total count reaches q·Σc (e.g. q = 0.1 on Brown: the, of)",
    requires: ["symbolMass"],
    params: {
      q: {
        type: "number",
        default: 0.1,
        min: 0,
        max: 1,
        exclusiveMin: true,
        description: "share of the training word count the head set reaches",
      },
    },
    compute: (m, ctx, params) => {
      const set = cachedWordSet("head-mass", ctx.truth, "head", params.q as number);
      return op(m, "symbolMass")(m, set, heldOutText("head-mass", ctx.truth));
    },
  },
];

for (const def of BUILTIN_METRICS) register(def, true);

/** The built-in metric ids. */
export const METRIC_IDS: readonly string[] = BUILTIN_METRICS.map((m) => m.name);

/**
 * The metric with this id: a registered name (`perplexity`, parameters at their defaults) or a
 * spec with parameters (`seq-ppl:q=0.95`, whose id is that text). An unknown name or parameter is
 * a named error listing the valid ones.
 */
export function metricById(id: string): Metric {
  if (typeof id === "string" && id.includes(":")) {
    const spec = parseSpec("metric", id);
    const base = metricById(spec.name);
    const def = definitions.get(base.name);
    if (def === undefined) throw new InvalidParameterError("metric", "id", "is not registered", id);
    const values = resolveParams(`metric "${base.name}"`, base.params, spec.params, true);
    return { ...base, id: id.trim(), compute: (model, ctx) => def.compute(model, ctx, values) };
  }
  if (!metricRegistry.has(id)) {
    throw new InvalidParameterError(
      "metric",
      "id",
      `must be one of ${metricRegistry
        .list()
        .map((m) => specSignature(m.id, m.params))
        .join(", ")}`,
      id,
    );
  }
  return metricRegistry.get(id);
}

export { UndefinedQuantityError };
