import { topKCategorical, topPCategorical } from "../model/categorical.ts";
import { DATA_KINDS, type DataKind, type Dataset, dataSize, keepBest } from "../model/data.ts";
import {
  type AnyModel,
  hasOperations,
  modelKind,
  OPERATION_NAMES,
  type OperationName,
} from "../model/kinds.ts";
import { sampleModel } from "../model/sampleModel.ts";
import type { RandomStream } from "../rng/index.ts";
import { type ParamSchema, type ParamValues, resolveParams } from "../util/params.ts";
import { PluginError, type Registered, Registry } from "../util/registry.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { curateTransform } from "./curateTransform.ts";
import { verifyTransform } from "./verifyTransform.ts";

/**
 * A sampling transform instance: its registered name as `kind` and its parameter values, e.g.
 * `{ kind: "temperature", tau: 0.8 }` (what `transformFromSpec("temperature:tau=0.8")` gives).
 */
export interface Transform {
  readonly kind: string;
  readonly [param: string]: unknown;
}

/**
 * What {@link defineTransform} takes: a distribution-level map (`apply`), a sample-level filter
 * (`filter`), or a sample-level procedure with its own randomness (`sample`).
 */
export interface TransformDefinition<S extends ParamSchema = ParamSchema> {
  /** Name in specs, e.g. `temperature` (`--transform temperature:tau=0.8`). */
  readonly name: string;
  /** One line for `collapse list` and `--help`. */
  readonly description: string;
  /** Parameters: types, ranges, defaults, descriptions. @defaultValue {} */
  readonly params?: S;
  /** Operations a model kind needs for the transform to apply (its applicability). */
  readonly requires: readonly OperationName[];
  /** Distribution level: the model sampled from instead of `model`. */
  apply?(model: AnyModel, params: ParamValues<S>): AnyModel;
  /**
   * Sample level: keeps `fraction(params)` of what is drawn — the chain draws ⌈n/fraction⌉ and
   * `keep` returns n of them (quality filtering).
   */
  readonly filter?: {
    fraction(params: ParamValues<S>): number;
    keep(model: AnyModel, data: Dataset, n: number, params: ParamValues<S>): Dataset;
  };
  /**
   * Sample level, with randomness: n samples built from fresh i.i.d. draws of the model —
   * `draw(count)` returns `count` more (as many calls as needed), `stream` is the chain's stream
   * for the transform's own choices. K-wise curation and a verifier's rejection loop are of this
   * form: the number of draws may be random.
   */
  sample?(
    draw: (count: number) => Dataset,
    n: number,
    params: ParamValues<S>,
    stream: RandomStream,
  ): Dataset;
  /**
   * Data kinds the transform can handle (of the model kind's `dataKind`); every kind when absent.
   * @defaultValue every data kind
   */
  readonly dataKinds?: readonly DataKind[];
  /** Checks the parameters jointly (e.g. low ≤ high); throws InvalidParameterError. */
  check?(params: ParamValues<S>): void;
  /**
   * A `sample` procedure's expected draws per kept sample (or a lower estimate when it depends on
   * the model), for run-size estimates. @defaultValue 1
   */
  drawsPerSample?(params: ParamValues<S>): number;
}

/** A registered transform. */
export interface TransformEntry extends Registered {
  readonly requires: readonly OperationName[];
  apply?(model: AnyModel, params: Readonly<Record<string, unknown>>): AnyModel;
  readonly filter?: {
    fraction(params: Readonly<Record<string, unknown>>): number;
    keep(
      model: AnyModel,
      data: Dataset,
      n: number,
      params: Readonly<Record<string, unknown>>,
    ): Dataset;
  };
  sample?(
    draw: (count: number) => Dataset,
    n: number,
    params: Readonly<Record<string, unknown>>,
    stream: RandomStream,
  ): Dataset;
  readonly dataKinds?: readonly DataKind[];
  check?(params: Readonly<Record<string, unknown>>): void;
  drawsPerSample?(params: Readonly<Record<string, unknown>>): number;
}

export const transformRegistry = new Registry<TransformEntry>("transform", "defineTransform");

function register(def: TransformDefinition, builtin: boolean): TransformEntry {
  const api = transformRegistry.checkCommon(def);
  if (!Array.isArray(def.requires) || def.requires.some((o) => !OPERATION_NAMES.includes(o))) {
    throw new PluginError(
      api,
      "requires",
      `must list model operations (${OPERATION_NAMES.join(", ")})`,
      def.requires,
    );
  }
  const hasApply = typeof def.apply === "function";
  const hasFilter =
    typeof def.filter === "object" &&
    def.filter !== null &&
    typeof def.filter.fraction === "function" &&
    typeof def.filter.keep === "function";
  const hasSample = typeof def.sample === "function";
  const given = Number(hasApply) + Number(hasFilter) + Number(hasSample);
  if (given !== 1) {
    throw new PluginError(
      api,
      "apply",
      "exactly one of apply(model, params), filter { fraction, keep } or sample(draw, n, params, stream) must be given",
      given === 0 ? "none" : `${given} of them`,
    );
  }
  if (
    def.dataKinds !== undefined &&
    (!Array.isArray(def.dataKinds) ||
      def.dataKinds.length === 0 ||
      def.dataKinds.some((k) => !(DATA_KINDS as readonly unknown[]).includes(k)))
  ) {
    throw new PluginError(
      api,
      "dataKinds",
      `must list data kinds (${DATA_KINDS.join(", ")})`,
      def.dataKinds,
    );
  }
  return transformRegistry.add(
    {
      name: def.name,
      description: def.description,
      params: def.params ?? {},
      builtin,
      requires: def.requires,
      ...(hasApply ? { apply: def.apply as TransformEntry["apply"] } : {}),
      ...(hasFilter ? { filter: def.filter as TransformEntry["filter"] } : {}),
      ...(hasSample ? { sample: def.sample as TransformEntry["sample"] } : {}),
      ...(def.dataKinds !== undefined ? { dataKinds: [...def.dataKinds] } : {}),
      ...(typeof def.check === "function" ? { check: def.check as TransformEntry["check"] } : {}),
      ...(typeof def.drawsPerSample === "function"
        ? { drawsPerSample: def.drawsPerSample as TransformEntry["drawsPerSample"] }
        : {}),
    },
    def,
  );
}

/**
 * Registers a sampling transform, applied when a model generates synthetic data. It applies to
 * every model kind whose operation table has what `requires` names.
 */
export function defineTransform<const S extends ParamSchema>(
  def: TransformDefinition<S>,
): TransformEntry {
  return register(def as unknown as TransformDefinition, false);
}

function paramsOf(t: Transform): Record<string, unknown> {
  const { kind: _, ...params } = t;
  return params;
}

/**
 * A transform's validated parameters with defaults filled, resolved once per transform object:
 * a chain applies the same transforms every generation, and resolving the schema each time cost
 * ≈ 1% of a catalog run. Transform specs are read-only values; a new object resolves anew.
 * (Keyed by the object: a spec is an object by the time its registry entry was found.)
 */
const resolvedParams = new WeakMap<Transform, Record<string, unknown>>();

function paramsFor(t: Transform, entry: TransformEntry): Record<string, unknown> {
  let params = resolvedParams.get(t);
  if (params === undefined) {
    // Frozen: every call shares it, so a plug-in cannot change what the next one reads.
    params = Object.freeze(resolveParams(t.kind, entry.params, paramsOf(t)));
    resolvedParams.set(t, params);
  }
  return params;
}

/** Validates a transform eagerly against its schema (messages start with the transform name). */
export function checkTransform(t: Transform): Transform {
  const entry = transformRegistry.get(t.kind);
  const params = paramsFor(t, entry);
  entry.check?.(params);
  if (entry.filter !== undefined) {
    const f = entry.filter.fraction(paramsFor(t, entry));
    if (!(f > 0 && f <= 1)) {
      throw new PluginError(
        `transform "${t.kind}"`,
        "filter.fraction()",
        "must return a number in (0, 1]",
        f,
      );
    }
  }
  return t;
}

/**
 * The share of drawn samples a transform keeps: a filter's fraction, 1/drawsPerSample of a
 * sample-level procedure (K-wise curation keeps 1 in K), 1 for distribution-level transforms.
 */
export function transformFraction(t: Transform): number {
  const entry = transformRegistry.get(t.kind);
  const params = paramsFor(t, entry);
  if (entry.filter !== undefined) return entry.filter.fraction(params);
  const draws = entry.drawsPerSample?.(params) ?? 1;
  return draws >= 1 && Number.isFinite(draws) ? 1 / draws : 1;
}

/**
 * Whether a transform applies to a model kind: the kind has every operation it requires and
 * samples a data kind the transform handles.
 */
export function transformSupports(t: Transform, kind: string): boolean {
  const entry = transformRegistry.get(t.kind);
  return (
    hasOperations(kind, entry.requires) &&
    (entry.dataKinds === undefined || entry.dataKinds.includes(modelKind(kind).dataKind))
  );
}

/** The distribution a model samples from under a distribution-level transform. */
export function transformModel(model: AnyModel, t: Transform): AnyModel {
  const entry = transformRegistry.get(t.kind);
  if (!transformSupports(t, model.kind)) {
    throw new InvalidParameterError(
      t.kind,
      "model.kind",
      "is not supported by this transform",
      model.kind,
    );
  }
  return entry.apply === undefined ? model : entry.apply(model, paramsFor(t, entry));
}

/**
 * n synthetic samples from `model` under the transforms: distribution-level transforms change the
 * sampled distribution (in order); sample-level procedures (`curate`, `verify`) then build their
 * samples from draws of it, each from the draws of the one before (in order); filters (`select`)
 * last oversample that and keep n. `reuse`: an earlier draw nobody will read again, whose arrays
 * plain sampling (no transform) may overwrite (see the `sample` operation).
 */
export function synthesize(
  model: AnyModel,
  transforms: readonly Transform[],
  stream: RandomStream,
  n: number,
  reuse?: Dataset,
): Dataset {
  // Plain sampling (no transform), the common case: no bookkeeping per generation.
  if (transforms.length === 0) return sampleModel(model, stream, n, reuse);
  let sampler = model;
  const filters: { entry: TransformEntry; params: Record<string, unknown> }[] = [];
  const procedures: { entry: TransformEntry; params: Record<string, unknown> }[] = [];
  let fraction: number | undefined;
  for (const t of transforms) {
    const entry = transformRegistry.get(t.kind);
    const params = paramsFor(t, entry);
    if (entry.filter !== undefined) {
      fraction = (fraction ?? 1) * entry.filter.fraction(params);
      filters.push({ entry, params });
    } else if (entry.sample !== undefined) {
      if (!transformSupports(t, model.kind)) {
        throw new InvalidParameterError(
          t.kind,
          "model.kind",
          "is not supported by this transform",
          model.kind,
        );
      }
      procedures.push({ entry, params });
    } else sampler = transformModel(sampler, t);
  }
  const base = sampler;
  let draw = (count: number): Dataset => sampleModel(base, stream, count);
  for (const { entry, params } of procedures) {
    const inner = draw;
    draw = (count) => checkDrawn(entry, entry.sample?.(inner, count, params, stream), count);
  }
  if (fraction === undefined) return draw(n);
  let data = draw(Math.ceil(n / fraction));
  // Each filter keeps its share of what the ones before it left; the last leaves exactly n.
  let left = fraction;
  for (const [i, { entry, params }] of filters.entries()) {
    left /= entry.filter?.fraction(params) ?? 1;
    const keep = i === filters.length - 1 ? n : Math.ceil(n / left);
    data = entry.filter?.keep(sampler, data, keep, params) ?? data;
  }
  return data;
}

/** A sample-level procedure must return exactly the number of samples asked for. */
function checkDrawn(entry: TransformEntry, data: Dataset | undefined, count: number): Dataset {
  if (data === undefined || dataSize(data) !== count) {
    throw new PluginError(
      `transform "${entry.name}"`,
      "sample()",
      `must return exactly the ${count} samples asked for`,
      data === undefined ? data : dataSize(data),
    );
  }
  return data;
}

const categoricalMap =
  (f: (p: Float64Array) => Float64Array) =>
  (model: AnyModel): AnyModel => {
    const map = modelKind(model.kind).mapProbabilities;
    if (map === undefined) {
      throw new InvalidParameterError(
        "transform",
        "model.kind",
        "has no mapProbabilities",
        model.kind,
      );
    }
    return map(model, f);
  };

/**
 * The built-in transforms:
 * - `temperature` τ: the kind's `temperature` (categorical p ∝ p^(1/τ); a Gaussian density raised
 *   to 1/τ is exactly N(μ, τσ²), so Gaussian and mixture components get variance τσ² — the MAD
 *   paper's λ, Alemohammad et al. 2023; mv-gaussian τΣ; n-gram: each context's law);
 * - `top-k` / `top-p`: truncation of every next-symbol law to the k most probable symbols / the
 *   nucleus of mass p (Holtzman et al. 2020), through the kind's `mapProbabilities`;
 * - `select`: draw ⌈n/fraction⌉ samples and keep the n with the highest score under the model
 *   (quality filtering; the kind's `scores`: log-likelihood, mv-gaussian log-density on the
 *   model's support, i.e. the smallest Mahalanobis distances).
 */
const BUILTIN_TRANSFORMS: readonly TransformDefinition[] = [
  {
    name: "temperature",
    description: "sample at temperature tau (categorical p^(1/tau); Gaussian variance × tau)",
    params: {
      tau: {
        type: "number",
        required: true,
        min: 0,
        exclusiveMin: true,
        description: "temperature > 0",
      },
    },
    requires: ["temperature"],
    apply: (model, p) => {
      const f = modelKind(model.kind).temperature;
      if (f === undefined) {
        throw new InvalidParameterError(
          "temperature",
          "model.kind",
          "has no temperature",
          model.kind,
        );
      }
      return f(model, p.tau as number);
    },
  },
  {
    name: "top-k",
    description: "keep the k most probable symbols",
    params: { k: { type: "integer", required: true, min: 1, description: "k >= 1" } },
    requires: ["mapProbabilities"],
    apply: (model, p) => categoricalMap((q) => topKCategorical(q, p.k as number))(model),
  },
  {
    name: "top-p",
    description: "nucleus of mass p",
    params: {
      p: {
        type: "number",
        required: true,
        min: 0,
        exclusiveMin: true,
        max: 1,
        description: "mass in (0, 1]",
      },
    },
    requires: ["mapProbabilities"],
    apply: (model, p) => categoricalMap((q) => topPCategorical(q, p.p as number))(model),
  },
  {
    name: "select",
    description: "keep the most likely fraction of oversampled draws",
    params: {
      fraction: {
        type: "number",
        required: true,
        min: 0,
        exclusiveMin: true,
        max: 1,
        description: "in (0, 1]",
      },
    },
    requires: ["scores"],
    filter: {
      fraction: (p) => p.fraction as number,
      keep: (model, data, n) => {
        const scores = modelKind(model.kind).scores;
        if (scores === undefined) {
          throw new InvalidParameterError("select", "model.kind", "has no scores", model.kind);
        }
        return keepBest(data, scores(model, data), n);
      },
    },
  },
];

for (const def of BUILTIN_TRANSFORMS) register(def, true);
// Sample-level procedures with their own randomness, written as any plug-in would write them.
register(curateTransform as unknown as TransformDefinition, true);
register(verifyTransform as unknown as TransformDefinition, true);
