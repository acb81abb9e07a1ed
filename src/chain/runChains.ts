import { METRIC_IDS, type MetricContext, type MetricId, metricById } from "../metrics/metric.ts";
import { type Dataset, dataSize } from "../model/data.ts";
import { type AnyModel, modelKind } from "../model/kinds.ts";
import { checkRegime, weightsSources } from "../regimes/regime.ts";
import { derive, type RootSeed, type StreamKey } from "../rng/index.ts";
import {
  checkTransform,
  type Transform,
  transformFraction,
  transformSupports,
} from "../transforms/transform.ts";
import { type TailSet, truthTailSet } from "../truths/truth.ts";
import { PluginError } from "../util/registry.ts";
import { assertInteger, InvalidParameterError, UndefinedQuantityError } from "../util/validate.ts";
import { type ChainProcedure, ChainStepper } from "./chainStepper.ts";
import { unweightedFamilyError } from "./unweightedFamilyError.ts";

/** What to simulate: K chains × T generations × M samples per generation. */
export interface ChainConfig extends ChainProcedure {
  /** Sampling transforms applied when a model generates synthetic data. @defaultValue [] */
  readonly transforms?: readonly Transform[];
  /** M: samples per generation. */
  readonly samples: number;
  /** T: generations fitted (generation 0 is the truth). */
  readonly generations: number;
  /** K: number of chains. */
  readonly chains: number;
  readonly seed: RootSeed;
  /** Key path prefix for every stream (claim, scenario…). @defaultValue [] */
  readonly streamKeys?: readonly StreamKey[];
  readonly metrics: readonly MetricId[];
  /** Tail level q for `tail-mass`. @defaultValue 0.05 */
  readonly tailQ?: number;
  /** Monte Carlo sample size for metrics without a closed form. @defaultValue 4000 */
  readonly mcSamples?: number;
  /**
   * Index of the first chain: chains [firstChain, firstChain + chains) are run, each on its own
   * derived stream, so any slicing of the chain range gives the same values. @defaultValue 0
   */
  readonly firstChain?: number;
  /**
   * Generations at which metrics are computed (others stay NaN, "not recorded"); claims that
   * read only a few generations save the metric cost of the rest. @defaultValue every generation
   */
  readonly recordAt?: readonly number[];
  /** Called after each chain with (chains done, chains in this run); for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called after every fit with the chain index (absolute, firstChain included), the generation
   * t ≥ 1, the fitted model and the training set it was fitted to — for claims that need more than
   * the metrics (per-symbol trajectories, which symbols a training set holds). Observers must not
   * mutate the model or the data; the chain's values do not depend on whether one is given.
   */
  readonly onFit?: (chain: number, generation: number, model: AnyModel, data: Dataset) => void;
  /**
   * Named per-generation observations of the fitted model beyond the registered metrics (e.g.
   * the weight a mixture puts beyond a threshold): each is computed where metrics are (every
   * generation, or `recordAt`) and stored in `values[name]` like a metric, so
   * {@link generationValues} reads it. Must return a number (NaN is refused); names must not
   * be metric ids. In-process only: functions do not cross to worker threads. @defaultValue {}
   */
  readonly observe?: Readonly<Record<string, (model: AnyModel, generation: number) => number>>;
  /**
   * Run even when the estimated memory or work exceeds {@link RUN_LIMITS} (CLI `--allow-large`).
   * @defaultValue false
   */
  readonly allowLarge?: boolean;
}

/**
 * Limits a run must stay under unless `allowLarge` is set: the bytes of the per-chain ×
 * generation value arrays it returns, the values a single training set can hold (accumulate
 * pools grow by M per generation; sampling filters oversample by 1/fraction; d values per
 * point of d-dimensional data), the draws of the whole run (K·T·M·d, oversampling included,
 * plus K·(T+1)·mcSamples per Monte Carlo metric) — about an hour at numpy's speed — and the
 * arithmetic of its fits beyond reading the data (the families' `fitCost`, e.g. n·d² + d³ for
 * a covariance) — about an hour at 10⁹ operations per second — and likewise the arithmetic of
 * its metric values that grows with the models (the metrics' `cost`, e.g. a held-out likelihood
 * under a KDE of n centres: N·n per value).
 */
export const RUN_LIMITS = {
  resultBytes: 2 ** 31,
  trainingSetValues: 2 ** 28,
  draws: 1e11,
  fitOperations: 4e12,
  metricOperations: 4e12,
} as const;

/** The dimension of a truth's data points: a model's `dim` (mv-gaussian, linear), else 1. */
function pointDimension(config: ChainConfig): number {
  const dim = (config.truth.model as { readonly dim?: unknown }).dim;
  return typeof dim === "number" && dim >= 1 ? dim : 1;
}

/** Components of a model for metric costs: a mixture's weights, a KDE's centres, else 1. */
function modelComponents(model: AnyModel): number {
  const m = model as { readonly weights?: unknown; readonly centres?: unknown; dim?: unknown };
  if (m.weights instanceof Float64Array || Array.isArray(m.weights)) return m.weights.length;
  if (m.centres instanceof Float64Array && typeof m.dim === "number" && m.dim >= 1) {
    return m.centres.length / m.dim;
  }
  return 1;
}

/** Built-in metrics that fall back to Monte Carlo where a kind has no closed form. */
const MONTE_CARLO_METRICS = new Set(["kl", "tv", "w2", "entropy"]);

/** The estimates {@link checkChainConfig} compares with {@link RUN_LIMITS}. */
export function estimateRun(config: ChainConfig): {
  resultBytes: number;
  trainingSetValues: number;
  draws: number;
  fitOperations: number;
  metricOperations: number;
} {
  const { samples: M, generations: T, chains: K } = config;
  const d = pointDimension(config);
  const series = config.metrics.length + Object.keys(config.observe ?? {}).length;
  let oversampling = 1;
  for (const t of config.transforms ?? []) oversampling /= transformFraction(t);
  const pooled = config.regime.kind === "accumulate" ? T : 1;
  // keep-original with lambda: training sets of (1 + λ)·|kept|, λ·|kept| of them drawn.
  const regime = config.regime as { kind: string; fraction?: unknown; lambda?: unknown };
  const bertrand =
    regime.kind === "keep-original" && typeof regime.lambda === "number"
      ? Math.round((typeof regime.fraction === "number" ? regime.fraction : 0.1) * M)
      : undefined;
  const setSize = bertrand === undefined ? M : bertrand * (1 + (regime.lambda as number));
  const drawnPerGeneration = bertrand === undefined ? M : bertrand * (regime.lambda as number);
  // Metrics that may fall back to Monte Carlo draw mcSamples points per chain and generation.
  const monteCarlo = config.metrics.filter((m) => MONTE_CARLO_METRICS.has(m)).length;
  // Fits see M points (transforms keep M of the oversampled draws); an accumulating pool grows
  // to T·M, (T + 1)·M/2 on average — exact for a cost linear in n.
  const meanFitPoints = config.regime.kind === "accumulate" ? (M * (T + 1)) / 2 : setSize;
  // Metric values grow with the fitted model where a metric visits every component (a KDE's
  // centres: the training set), at each recorded generation (generation 0 included).
  const recorded = config.recordAt === undefined ? T + 1 : new Set(config.recordAt).size;
  const costInput = {
    components: config.family.modelSize?.(meanFitPoints, d) ?? 1,
    truthComponents: modelComponents(config.truth.model),
    dim: d,
    heldOutPoints:
      config.truth.heldOut === undefined
        ? (config.mcSamples ?? 4000)
        : dataSize(config.truth.heldOut),
  };
  let perValue = 0;
  for (const id of config.metrics) perValue += metricById(id).cost?.(costInput) ?? 0;
  return {
    resultBytes: 8 * K * (T + 1) * series,
    trainingSetValues: Math.max(setSize, M) * d * Math.max(pooled, oversampling),
    draws:
      K * T * Math.max(drawnPerGeneration, M) * d * oversampling +
      K * (T + 1) * (config.mcSamples ?? 4000) * monteCarlo,
    fitOperations: K * T * (config.family.fitCost?.(meanFitPoints, d) ?? 0),
    metricOperations: K * recorded * perValue,
  };
}

/** Where a metric value is undefined (recorded as NaN in `values`), and why. */
export interface UndefinedValue {
  readonly metric: MetricId;
  readonly chain: number;
  readonly generation: number;
  readonly reason: string;
}

/** Per chain × generation × metric values. */
export interface ChainResult {
  readonly chains: number;
  readonly generations: number;
  readonly firstChain: number;
  readonly metrics: readonly MetricId[];
  /** Names of the `observe` functions, also keys of `values`. */
  readonly observed?: readonly string[];
  /** values[id][c·(T+1) + t]: metric (or observation) `id` of chain c (relative to firstChain) at generation t. */
  readonly values: Readonly<Record<string, Float64Array>>;
  readonly undefinedValues: readonly UndefinedValue[];
}

/** Validates a chain configuration: sizes, and that truth, family, transforms and metrics fit. */
export function checkChainConfig(config: ChainConfig): void {
  const api = "runChains";
  assertInteger(api, "samples", config.samples, 1, 2 ** 31 - 1);
  assertInteger(api, "generations", config.generations, 0, 1e7);
  assertInteger(api, "chains", config.chains, 0, 1e9);
  assertInteger(api, "firstChain", config.firstChain ?? 0);
  assertInteger(api, "mcSamples", config.mcSamples ?? 4000, 1);
  const tailQ = config.tailQ ?? 0.05;
  if (typeof tailQ !== "number" || !(tailQ > 0 && tailQ < 0.5)) {
    throw new InvalidParameterError(
      api,
      "tailQ",
      "must be in (0, 0.5): the tail level q of tail-mass",
      tailQ,
    );
  }
  for (const [i, t] of (config.recordAt ?? []).entries()) {
    assertInteger(api, `recordAt[${i}]`, t, 0, config.generations);
  }
  if (!config.allowLarge) {
    const estimate = estimateRun(config);
    const over = (
      [
        ["resultBytes", "chains × (generations + 1) × metrics × 8 bytes of results", "chains"],
        ["trainingSetValues", "values in one training set", "samples"],
        ["draws", "random draws in the whole run (Monte Carlo metrics included)", "samples"],
        ["fitOperations", "arithmetic operations of the run's fits", "samples"],
        ["metricOperations", "arithmetic operations of the run's metric values", "samples"],
      ] as const
    ).find(([key]) => estimate[key] > RUN_LIMITS[key]);
    if (over !== undefined) {
      const [key, what, parameter] = over;
      throw new InvalidParameterError(
        api,
        parameter,
        `gives an estimated ${estimate[key].toExponential(2)} ${what}, above the limit ${RUN_LIMITS[key].toExponential(2)} (samples ${config.samples}, generations ${config.generations}, chains ${config.chains}${pointDimension(config) > 1 ? `, dimension ${pointDimension(config)}` : ""}); pass allowLarge: true (CLI --allow-large) to run it anyway`,
        (config as unknown as Record<string, number>)[parameter],
      );
    }
  }
  for (const name of Object.keys(config.observe ?? {})) {
    if (
      (METRIC_IDS as readonly string[]).includes(name) ||
      (config.metrics as readonly string[]).includes(name)
    ) {
      throw new InvalidParameterError(api, "observe", "names must not be metric ids", name);
    }
    if (typeof config.observe?.[name] !== "function") {
      throw new InvalidParameterError(
        api,
        `observe.${name}`,
        "must be a function of (model, generation)",
        config.observe?.[name],
      );
    }
  }
  const { truth, family } = config;
  if (family.dataKind !== truth.dataKind) {
    throw new InvalidParameterError(
      api,
      "family",
      `fits ${(family.dataKinds ?? [family.dataKind]).join(" or ")} data but truth "${truth.id}" gives ${truth.dataKind} data (incompatible pair)`,
      family.id,
    );
  }
  family.check?.(truth, config.samples);
  if (config.initialModel !== undefined) {
    const start = modelKind(config.initialModel.kind);
    if (start.dataKind !== family.dataKind) {
      throw new InvalidParameterError(
        api,
        "initialModel",
        `draws ${start.dataKind} data but family "${family.id}" fits ${family.dataKind} data`,
        config.initialModel.kind,
      );
    }
  }
  checkRegime(config.regime, config.samples);
  if (weightsSources(config.regime) && family.fitWeighted === undefined) {
    throw unweightedFamilyError(family, config.regime);
  }
  for (const t of config.transforms ?? []) {
    checkTransform(t);
    if (!transformSupports(t, family.modelKind)) {
      throw new InvalidParameterError(
        api,
        "transforms",
        `"${t.kind}" does not apply to ${family.modelKind} models (family "${family.id}")`,
        t.kind,
      );
    }
  }
  for (const id of config.metrics) {
    const m = metricById(id);
    for (const [kind, applies] of [
      [truth.model.kind, m.supportsTruth(truth.model.kind)],
      [family.modelKind, m.supports(family.modelKind)],
    ] as const) {
      if (!applies) {
        throw new InvalidParameterError(
          api,
          "metrics",
          `"${id}" is not defined for ${kind} models (truth "${truth.id}", family "${family.id}")`,
          id,
        );
      }
    }
  }
}

/**
 * Runs K independent chains for T generations: generation 0 is the truth, generation 1 the model
 * fitted to M real samples, generation t+1 the model fitted to the training set the regime
 * builds from generation t's samples. Always the real procedure: draw the samples, refit.
 *
 * Chain c uses the stream derive(seed, ...streamKeys, "chain", c) for data and fits, and
 * derive(seed, ...streamKeys, "chain", c, "metric", id, t) for Monte Carlo metrics, so neither
 * the metric selection nor the chain slicing changes any value.
 */
export function runChains(config: ChainConfig): ChainResult {
  checkChainConfig(config);
  const { truth, generations: T, chains: K, seed } = config;
  const keys = config.streamKeys ?? [];
  const firstChain = config.firstChain ?? 0;
  const mcSamples = config.mcSamples ?? 4000;
  const metrics = config.metrics.map(metricById);
  // Only categorical and univariate truths have a tail set: it is computed up front when
  // `tail-mass` is requested, otherwise only if a metric reads it.
  let tailSet = config.metrics.includes("tail-mass")
    ? truthTailSet(truth, config.tailQ ?? 0.05)
    : undefined;
  const tail = (): TailSet => {
    if (tailSet === undefined) tailSet = truthTailSet(truth, config.tailQ ?? 0.05);
    return tailSet;
  };
  const values: Record<string, Float64Array> = {};
  const recorded = config.recordAt === undefined ? undefined : new Set(config.recordAt);
  const observations = Object.entries(config.observe ?? {});
  for (const id of [...metrics.map((m) => m.id), ...observations.map(([name]) => name)]) {
    values[id] = new Float64Array(K * (T + 1));
    if (recorded !== undefined) values[id].fill(Number.NaN);
  }
  const undefinedValues: UndefinedValue[] = [];
  // Held-out real data for metrics such as nll: drawn on first use, once per run, from a stream
  // of its own (so it is the same for every chain, generation and worker).
  let heldOutData: Dataset | undefined = truth.heldOut;
  const heldOut = (): Dataset => {
    if (heldOutData === undefined) {
      heldOutData = truth.sampleReal(derive(seed, ...keys, "held-out"), mcSamples);
    }
    return heldOutData;
  };

  for (let c = 0; c < K; c++) {
    const chainIndex = firstChain + c;
    const stream = derive(seed, ...keys, "chain", chainIndex);
    // One metric context per chain (not one per metric and generation): `at` names the metric
    // and generation being computed, which is all its Monte Carlo stream depends on.
    const at = { metric: "", t: 0 };
    // Values the metrics of one model share (ctx.once), cleared when the next model is recorded.
    const perModel = new Map<string, unknown>();
    let firstFit: AnyModel | undefined;
    const ctx: MetricContext = {
      truth,
      get tail() {
        return tail();
      },
      mcSamples,
      mcStream: (shared) =>
        derive(seed, ...keys, "chain", chainIndex, "metric", shared ?? at.metric, at.t),
      once: <V>(key: string, compute: () => V): V => {
        if (!perModel.has(key)) perModel.set(key, compute());
        return perModel.get(key) as V;
      },
      heldOut,
      get firstFit() {
        return firstFit;
      },
    };
    const record = (model: AnyModel, t: number) => {
      if (recorded !== undefined && !recorded.has(t)) return;
      at.t = t;
      if (perModel.size > 0) perModel.clear();
      for (const metric of metrics) {
        // By name: the instances of one parametrised metric (seq-ppl:q=0.5, seq-ppl:q=0.95) share
        // their Monte Carlo draws; for every other metric the name is the id.
        at.metric = metric.name;
        let v: number;
        try {
          v = metric.compute(model, ctx);
        } catch (e) {
          if (!(e instanceof UndefinedQuantityError)) throw e;
          undefinedValues.push({
            metric: metric.id,
            chain: chainIndex,
            generation: t,
            reason: e.message,
          });
          values[metric.id][c * (T + 1) + t] = Number.NaN;
          continue;
        }
        if (Number.isNaN(v)) {
          throw new PluginError(
            `metric "${metric.id}"`,
            "compute()",
            `must not return NaN (throw UndefinedQuantityError where the quantity does not exist) — on a ${model.kind} model at chain ${chainIndex}, generation ${t}`,
            v,
          );
        }
        values[metric.id][c * (T + 1) + t] = v;
      }
      for (const [name, observe] of observations) {
        const v = observe(model, t);
        if (typeof v !== "number" || Number.isNaN(v)) {
          throw new InvalidParameterError(
            "runChains",
            `observe.${name}`,
            `must return a number, not NaN — on a ${model.kind} model at chain ${chainIndex}, generation ${t}`,
            v,
          );
        }
        values[name][c * (T + 1) + t] = v;
      }
    };
    // A draw's arrays may take the next draw unless onFit is given (it receives the data).
    const chain = new ChainStepper(config, stream, { reuseDraws: config.onFit === undefined });
    record(chain.model, 0);
    for (let t = 1; t <= T; t++) {
      const model = chain.step();
      if (t === 1) firstFit = model;
      record(model, t);
      config.onFit?.(chainIndex, t, model, chain.data as Dataset);
    }
    config.onProgress?.(c + 1, K);
  }
  return {
    chains: K,
    generations: T,
    firstChain,
    metrics: metrics.map((m) => m.id),
    ...(observations.length > 0 ? { observed: observations.map(([name]) => name) } : {}),
    values,
    undefinedValues,
  };
}

/** Joins results of consecutive chain ranges (same config) into one, in chain order. */
export function concatChainResults(parts: readonly ChainResult[]): ChainResult {
  if (parts.length === 0) {
    throw new InvalidParameterError("concatChainResults", "parts", "must be non-empty", parts);
  }
  const sorted = [...parts].sort((a, b) => a.firstChain - b.firstChain);
  const T = sorted[0].generations;
  const metrics = sorted[0].metrics;
  let next = sorted[0].firstChain;
  for (const p of sorted) {
    if (p.firstChain !== next || p.generations !== T || p.metrics.join() !== metrics.join()) {
      throw new InvalidParameterError(
        "concatChainResults",
        "parts",
        "must be consecutive chain ranges of the same configuration",
        p.firstChain,
      );
    }
    next += p.chains;
  }
  const K = next - sorted[0].firstChain;
  const values: Record<string, Float64Array> = {};
  const observed = sorted[0].observed;
  for (const id of [...metrics, ...(observed ?? [])]) {
    const out = new Float64Array(K * (T + 1));
    let offset = 0;
    for (const p of sorted) {
      out.set(p.values[id], offset);
      offset += p.values[id].length;
    }
    values[id] = out;
  }
  return {
    chains: K,
    generations: T,
    firstChain: sorted[0].firstChain,
    metrics,
    ...(observed === undefined ? {} : { observed }),
    values,
    undefinedValues: sorted.flatMap((p) => p.undefinedValues),
  };
}
