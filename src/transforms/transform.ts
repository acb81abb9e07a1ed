import { topKCategorical, topPCategorical } from "../model/categorical.ts";
import { type Dataset, keepBest } from "../model/data.ts";
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

/**
 * A sampling transform instance: its registered name as `kind` and its parameter values, e.g.
 * `{ kind: "temperature", tau: 0.8 }` (what `transformFromSpec("temperature:tau=0.8")` gives).
 */
export interface Transform {
  readonly kind: string;
  readonly [param: string]: unknown;
}

/** What {@link defineTransform} takes: a distribution-level map or a sample-level filter. */
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
  if (hasApply === hasFilter) {
    throw new PluginError(
      api,
      "apply",
      "exactly one of apply(model, params) or filter { fraction, keep } must be given",
      hasApply ? "both" : "neither",
    );
  }
  return transformRegistry.add({
    name: def.name,
    description: def.description,
    params: def.params ?? {},
    builtin,
    requires: def.requires,
    ...(hasApply ? { apply: def.apply as TransformEntry["apply"] } : {}),
    ...(hasFilter ? { filter: def.filter as TransformEntry["filter"] } : {}),
  });
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

/** Validates a transform eagerly against its schema (messages start with the transform name). */
export function checkTransform(t: Transform): Transform {
  const entry = transformRegistry.get(t.kind);
  resolveParams(t.kind, entry.params, paramsOf(t));
  if (entry.filter !== undefined) {
    const f = entry.filter.fraction(resolveParams(t.kind, entry.params, paramsOf(t)));
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

/** The share of drawn samples a filter transform keeps (1 for distribution-level transforms). */
export function transformFraction(t: Transform): number {
  const entry = transformRegistry.get(t.kind);
  if (entry.filter === undefined) return 1;
  return entry.filter.fraction(resolveParams(t.kind, entry.params, paramsOf(t)));
}

/** Whether a transform applies to a model kind: the kind has every operation it requires. */
export function transformSupports(t: Transform, kind: string): boolean {
  return hasOperations(kind, transformRegistry.get(t.kind).requires);
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
  return entry.apply === undefined
    ? model
    : entry.apply(model, resolveParams(t.kind, entry.params, paramsOf(t)));
}

/**
 * n synthetic samples from `model` under the transforms, applied in order: distribution-level
 * transforms change the sampled distribution; filters (`select`) oversample and keep n.
 */
export function synthesize(
  model: AnyModel,
  transforms: readonly Transform[],
  stream: RandomStream,
  n: number,
): Dataset {
  let sampler = model;
  const filters: { entry: TransformEntry; params: Record<string, unknown> }[] = [];
  let fraction: number | undefined;
  for (const t of transforms) {
    const entry = transformRegistry.get(t.kind);
    const params = resolveParams(t.kind, entry.params, paramsOf(t));
    if (entry.filter !== undefined) {
      fraction = (fraction ?? 1) * entry.filter.fraction(params);
      filters.push({ entry, params });
    } else sampler = transformModel(sampler, t);
  }
  if (fraction === undefined) return sampleModel(sampler, stream, n);
  let data = sampleModel(sampler, stream, Math.ceil(n / fraction));
  // Each filter keeps its share of what the ones before it left; the last leaves exactly n.
  let left = fraction;
  for (const [i, { entry, params }] of filters.entries()) {
    left /= entry.filter?.fraction(params) ?? 1;
    const keep = i === filters.length - 1 ? n : Math.ceil(n / left);
    data = entry.filter?.keep(sampler, data, keep, params) ?? data;
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
