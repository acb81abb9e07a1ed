import { DATA_KINDS, type DataKind, type Dataset } from "../model/data.ts";
import { type AnyModel, hasModelKind, modelKind } from "../model/kinds.ts";
import type { WeightedPart } from "../model/weightedParts.ts";
import type { RandomStream } from "../rng/index.ts";
import type { Truth } from "../truths/truth.ts";
import type { ParamSchema, ParamValues } from "../util/params.ts";
import { PluginError, type Registered, Registry } from "../util/registry.ts";
import { BUILTIN_FAMILIES } from "./builtinFamilies.ts";
import type { AnyFamily } from "./family.ts";

/** The data set type of a data kind. */
export type DataOf<K extends DataKind> = Extract<Dataset, { kind: K }>;

/** What {@link defineFamily} takes. */
export interface FamilyDefinition<
  S extends ParamSchema = ParamSchema,
  K extends DataKind = DataKind,
  M extends AnyModel = AnyModel,
> {
  /** Name in specs, e.g. `exponential-mle`. */
  readonly name: string;
  /** One line for `collapse list` and `--help`. */
  readonly description: string;
  /** Parameters: types, ranges, defaults, descriptions. @defaultValue {} */
  readonly params?: S;
  /** The data kind the family is fitted to (one of the data kinds its truths produce). */
  readonly dataKind: K;
  /** The registered model kind a fit returns; its `sample` must produce `dataKind` data. */
  readonly modelKind: M["kind"];
  /**
   * Further data kinds the family fits under the same name, each with the registered model kind
   * its fit then returns (whose `sample` must produce that data kind), e.g. `gmm`:
   * `{ vector: "mv-mixture" }` beside real → mixture. A chain uses the kind of its truth's data;
   * `fit` receives that kind's data (dispatch on `data.kind`). @defaultValue {} (one data kind)
   */
  readonly alsoFits?: Readonly<Partial<Record<DataKind, string>>>;
  /**
   * Fits a model to a training set (`stream` for randomised fits such as EM starts). `previous`
   * is the chain's model of the generation before — the truth's model (or the chain's
   * `initialModel`) at generation 1 — for fits that start from an earlier model (fine-tuning a
   * base model carried along in the models, warm starts); a direct call may omit it.
   */
  fit(data: DataOf<K>, params: ParamValues<S>, stream: RandomStream, previous?: AnyModel): M;
  /**
   * Optional: the fit to a training set of weighted sources, which regimes that weight their
   * sources (`weighted-fresh`: the fresh real part and the synthetic part) hand over instead of
   * one data set. Fit each part on its own and average the parameters, θ = Σ_j w_j θ̂(part_j)
   * (He, Xu & Cheng 2025); the weights sum to 1, and a part of weight 0 need not be fitted.
   * Families without it are refused by name under such a regime, before any chain runs.
   */
  fitWeighted?(
    parts: readonly WeightedPart<DataOf<K>>[],
    params: ParamValues<S>,
    stream: RandomStream,
    previous?: AnyModel,
  ): M;
  /**
   * Optional eager check of the family against a truth and M, run before any chain (e.g. OLS
   * without ridge needs M ≥ d). Throws a named error.
   */
  check?(truth: Truth, samples: number, params: ParamValues<S>): void;
  /**
   * Optional: about how many arithmetic operations one fit on n points of dimension `dim`
   * costs beyond reading them (e.g. n·d² + d³ for a covariance). Run size guards sum it over
   * every fit of a run and refuse runs that would not end in about an hour.
   */
  fitCost?(n: number, dim: number, params: ParamValues<S>, dataKind: DataKind): number;
  /**
   * Optional: the number of components of the model fitted to n points of dimension `dim` (a
   * KDE's n centres, a k-component mixture's k), for the cost of metrics that visit every
   * component (`nll`, `l2`) in run size guards. @defaultValue 1
   */
  modelSize?(n: number, dim: number, params: ParamValues<S>, dataKind: DataKind): number;
  /**
   * Optional: true when `fit`'s model keeps no reference to the training data's arrays (it
   * copies what it needs into its parameters), so a chain may reuse a synthetic draw's arrays
   * for its next draw once fitted (results are the same, without an allocation per
   * generation). Leave it out when a model may hold the data (a KDE's centres). @defaultValue false
   */
  readonly releasesData?: boolean;
}

/** A registered family. */
export interface FamilyEntry extends Registered {
  readonly dataKind: DataKind;
  readonly modelKind: string;
  /** Further data kinds it fits, with their model kinds (see FamilyDefinition.alsoFits). */
  readonly alsoFits: Readonly<Partial<Record<DataKind, string>>>;
  fit(
    data: Dataset,
    params: Readonly<Record<string, unknown>>,
    stream: RandomStream,
    previous?: AnyModel,
  ): AnyModel;
  fitWeighted?(
    parts: readonly WeightedPart[],
    params: Readonly<Record<string, unknown>>,
    stream: RandomStream,
    previous?: AnyModel,
  ): AnyModel;
  check?(truth: Truth, samples: number, params: Readonly<Record<string, unknown>>): void;
  fitCost?(
    n: number,
    dim: number,
    params: Readonly<Record<string, unknown>>,
    dataKind: DataKind,
  ): number;
  modelSize?(
    n: number,
    dim: number,
    params: Readonly<Record<string, unknown>>,
    dataKind: DataKind,
  ): number;
  /** See FamilyDefinition.releasesData. */
  readonly releasesData: boolean;
}

export const familyRegistry = new Registry<FamilyEntry>("family", "defineFamily");

function register(def: FamilyDefinition, builtin: boolean): FamilyEntry {
  const api = familyRegistry.checkCommon(def);
  if (!(DATA_KINDS as readonly unknown[]).includes(def.dataKind)) {
    throw new PluginError(
      api,
      "dataKind",
      `must be a data kind some truth produces (${DATA_KINDS.join(", ")})`,
      def.dataKind,
    );
  }
  if (typeof def.modelKind !== "string" || !hasModelKind(def.modelKind)) {
    throw new PluginError(
      api,
      "modelKind",
      "must be a registered model kind (defineModelKind first)",
      def.modelKind,
    );
  }
  const sampled = modelKind(def.modelKind).dataKind;
  if (sampled !== def.dataKind) {
    throw new PluginError(
      api,
      "dataKind",
      `must equal the data kind its ${def.modelKind} models sample (${sampled}): a chain refits the family to its own samples`,
      def.dataKind,
    );
  }
  const alsoFits = def.alsoFits ?? {};
  if (typeof alsoFits !== "object" || alsoFits === null || Array.isArray(alsoFits)) {
    throw new PluginError(
      api,
      "alsoFits",
      "must be an object mapping data kinds to model kinds",
      alsoFits,
    );
  }
  for (const [kind, model] of Object.entries(alsoFits)) {
    if (!(DATA_KINDS as readonly string[]).includes(kind) || kind === def.dataKind) {
      throw new PluginError(
        api,
        "alsoFits",
        `keys must be data kinds other than dataKind (${DATA_KINDS.filter((k) => k !== def.dataKind).join(", ")})`,
        kind,
      );
    }
    if (typeof model !== "string" || !hasModelKind(model)) {
      throw new PluginError(
        api,
        `alsoFits.${kind}`,
        "must be a registered model kind (defineModelKind first)",
        model,
      );
    }
    if (modelKind(model).dataKind !== kind) {
      throw new PluginError(
        api,
        `alsoFits.${kind}`,
        `must be a model kind that samples ${kind} data (${model} samples ${modelKind(model).dataKind})`,
        model,
      );
    }
  }
  if (typeof def.fit !== "function") {
    throw new PluginError(
      api,
      "fit",
      "must be a function (data, params, stream, previous) => model",
      def.fit,
    );
  }
  if (def.fitWeighted !== undefined && typeof def.fitWeighted !== "function") {
    throw new PluginError(
      api,
      "fitWeighted",
      "must be a function (parts, params, stream, previous) => model when given",
      def.fitWeighted,
    );
  }
  if (def.check !== undefined && typeof def.check !== "function") {
    throw new PluginError(api, "check", "must be a function when given", def.check);
  }
  if (def.fitCost !== undefined && typeof def.fitCost !== "function") {
    throw new PluginError(api, "fitCost", "must be a function when given", def.fitCost);
  }
  if (def.modelSize !== undefined && typeof def.modelSize !== "function") {
    throw new PluginError(api, "modelSize", "must be a function when given", def.modelSize);
  }
  if (def.releasesData !== undefined && typeof def.releasesData !== "boolean") {
    throw new PluginError(api, "releasesData", "must be a boolean when given", def.releasesData);
  }
  return familyRegistry.add(
    {
      name: def.name,
      description: def.description,
      params: def.params ?? {},
      builtin,
      dataKind: def.dataKind,
      modelKind: def.modelKind,
      alsoFits: { ...alsoFits },
      releasesData: def.releasesData === true,
      fit: def.fit as FamilyEntry["fit"],
      ...(def.fitWeighted !== undefined
        ? { fitWeighted: def.fitWeighted as FamilyEntry["fitWeighted"] }
        : {}),
      ...(def.check !== undefined ? { check: def.check as FamilyEntry["check"] } : {}),
      ...(def.fitCost !== undefined ? { fitCost: def.fitCost as FamilyEntry["fitCost"] } : {}),
      ...(def.modelSize !== undefined
        ? { modelSize: def.modelSize as FamilyEntry["modelSize"] }
        : {}),
    },
    def,
  );
}

/**
 * Registers a model family: fit(training data, params) → model. Its name is then usable wherever
 * a built-in family's is (spec strings, runChains, runReplicates, `collapse simulate`, reports);
 * which metrics and transforms apply follows from its model kind's operations.
 */
export function defineFamily<const S extends ParamSchema, K extends DataKind, M extends AnyModel>(
  def: FamilyDefinition<S, K, M>,
): FamilyEntry {
  return register(def as unknown as FamilyDefinition, false);
}

/** Every data kind a registered family fits: its `dataKind`, then those of `alsoFits`. */
export function familyDataKinds(entry: FamilyEntry): DataKind[] {
  return [entry.dataKind, ...(Object.keys(entry.alsoFits) as DataKind[])];
}

/**
 * A family instance for validated parameters, fitting `dataKind` data (a truth's) when the
 * family fits that kind — its `dataKind` or one of `alsoFits` — else its main `dataKind` (the
 * chain check then names the incompatible pair).
 */
export function instantiateFamily(
  entry: FamilyEntry,
  params: Readonly<Record<string, unknown>>,
  dataKind?: DataKind,
): AnyFamily {
  const { check, fitCost, fitWeighted, modelSize } = entry;
  const other = dataKind === undefined ? undefined : entry.alsoFits[dataKind];
  const kind = other !== undefined ? (dataKind as DataKind) : entry.dataKind;
  const kinds = familyDataKinds(entry);
  return {
    id: entry.name,
    params: Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.join("/") : (v as number | string),
      ]),
    ),
    dataKind: kind,
    modelKind: other ?? entry.modelKind,
    ...(kinds.length > 1 ? { dataKinds: kinds } : {}),
    // Only for the main data kind: `alsoFits` kinds are fitted by another builder.
    ...(entry.releasesData && other === undefined ? { releasesData: true } : {}),
    fit: (data, stream, previous) => entry.fit(data, params, stream, previous),
    ...(fitWeighted !== undefined
      ? {
          fitWeighted: (
            parts: readonly WeightedPart[],
            stream: RandomStream,
            previous?: AnyModel,
          ) => fitWeighted(parts, params, stream, previous),
        }
      : {}),
    ...(check !== undefined ? { check: (truth: Truth, n: number) => check(truth, n, params) } : {}),
    ...(fitCost !== undefined
      ? { fitCost: (n: number, dim: number) => fitCost(n, dim, params, kind) }
      : {}),
    ...(modelSize !== undefined
      ? { modelSize: (n: number, dim: number) => modelSize(n, dim, params, kind) }
      : {}),
  };
}

for (const def of BUILTIN_FAMILIES) register(def as unknown as FamilyDefinition, true);
