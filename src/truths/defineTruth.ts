import type { Dataset } from "../model/data.ts";
import { type AnyModel, hasModelKind, modelKind } from "../model/kinds.ts";
import { sampleModel } from "../model/sampleModel.ts";
import type { RandomStream } from "../rng/index.ts";
import type { ParamSchema, ParamValues } from "../util/params.ts";
import { PluginError, type Registered, Registry } from "../util/registry.ts";
import { BUILTIN_TRUTHS } from "./builtinTruths.ts";
import { noteDataSource } from "./dataSources.ts";
import type { Truth, TruthSummaries } from "./truth.ts";

/** What a truth's `create` returns: its generation-0 model and how real data is drawn. */
export interface TruthParts {
  /** The generation-0 distribution; its kind must be registered. */
  readonly model: AnyModel;
  /** Exact summaries (mean, variance, entropy) where known. @defaultValue {} */
  readonly summaries?: TruthSummaries;
  /** n real samples. @defaultValue n samples of `model` */
  sampleReal?(stream: RandomStream, n: number): Dataset;
  /** Real data no chain trains on (for `perplexity`). */
  readonly heldOut?: Dataset;
  /** The fixed real data `model` was fitted to (for `rare-mass`, `head-mass`). */
  readonly training?: Dataset;
  /** Where real data comes from, for reports. */
  readonly source?: string;
}

/** What {@link defineTruth} takes. */
export interface TruthDefinition<S extends ParamSchema = ParamSchema> {
  /** Name in specs, e.g. `exponential` (`--truth exponential:rate=2`). */
  readonly name: string;
  /** One line for `collapse list` and `--help`. */
  readonly description: string;
  /** Parameters: types, ranges, defaults, descriptions. @defaultValue {} */
  readonly params?: S;
  /** Builds the truth from validated parameters (defaults filled in). */
  create(params: ParamValues<S>): TruthParts;
}

/** A registered truth. */
export interface TruthEntry extends Registered {
  create(params: Readonly<Record<string, unknown>>): TruthParts;
}

export const truthRegistry = new Registry<TruthEntry>("truth", "defineTruth");

function register<S extends ParamSchema>(def: TruthDefinition<S>, builtin: boolean): TruthEntry {
  const api = truthRegistry.checkCommon(def);
  if (typeof def.create !== "function") {
    throw new PluginError(api, "create", "must be a function (params) => { model, … }", def.create);
  }
  return truthRegistry.add(
    {
      name: def.name,
      description: def.description,
      params: def.params ?? {},
      builtin,
      create: def.create as TruthEntry["create"],
    },
    def,
  );
}

/**
 * Registers a truth: what real data is drawn from. Its name is then usable wherever a built-in
 * truth's is (spec strings, runChains, runReplicates, `collapse simulate`, reports).
 */
export function defineTruth<const S extends ParamSchema>(def: TruthDefinition<S>): TruthEntry {
  return register(def, false);
}

/** Builds a truth instance from a registered definition and validated parameters. */
export function instantiateTruth(
  entry: TruthEntry,
  params: Readonly<Record<string, unknown>>,
): Truth {
  const api = `truth "${entry.name}"`;
  const parts = entry.create(params);
  if (typeof parts !== "object" || parts === null || typeof parts.model?.kind !== "string") {
    throw new PluginError(api, "create()", "must return { model: { kind, … }, … }", parts);
  }
  if (!hasModelKind(parts.model.kind)) {
    throw new PluginError(api, "model.kind", "must be a registered model kind", parts.model.kind);
  }
  const model = parts.model;
  if (typeof parts.source === "string") noteDataSource(parts.source);
  const sampleReal =
    parts.sampleReal?.bind(parts) ?? ((s: RandomStream, n: number) => sampleModel(model, s, n));
  return {
    id: entry.name,
    params: Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.join("/") : (v as number | string),
      ]),
    ),
    model,
    dataKind: modelKind(model.kind).dataKind,
    summaries: parts.summaries ?? {},
    ...(parts.source !== undefined ? { source: parts.source } : {}),
    ...(parts.heldOut !== undefined ? { heldOut: parts.heldOut } : {}),
    ...(parts.training !== undefined ? { training: parts.training } : {}),
    sampleReal,
  };
}

for (const def of BUILTIN_TRUTHS) register(def as TruthDefinition, true);
