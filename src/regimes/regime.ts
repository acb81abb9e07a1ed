import { concatData, type Dataset, dataSize, subsampleData } from "../model/data.ts";
import { DataPool } from "../model/dataPool.ts";
import { type WeightedParts, weightedParts } from "../model/weightedParts.ts";
import type { RandomStream } from "../rng/index.ts";
import { fillNormal } from "../sample/index.ts";
import { type ParamSchema, type ParamValues, resolveParams } from "../util/params.ts";
import { PluginError, type Registered, Registry } from "../util/registry.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * How generation t+1's training set is formed from generation t's samples. Generation 1 is
 * always fitted to M real samples D₁ (generation 0 is the truth itself). A regime instance is its
 * registered name as `kind` plus its parameter values, e.g. `{ kind: "fresh", lambda: 1 }`.
 *
 * Built-ins:
 * - `replace`: M synthetic samples from model t only.
 * - `accumulate`: everything so far, D₁ included (Gerstgrasser et al. 2024).
 * - `accumulate-subsample`: a uniform subsample without replacement, of fixed size (default M),
 *   of the accumulated pool (Kazdan et al. 2024).
 * - `fresh`: n_real fresh real samples plus M − n_real synthetic each generation. Give either
 *   `real` (n_real) or `lambda`, the synthetic-to-real ratio of Bertrand et al. (ICLR 2024):
 *   n_real = round(M/(1 + λ)). `first` sets the size of D₁ (default M): He, Xu & Cheng (2025)
 *   fit the first model to the n real samples of one generation, `first` = `real`.
 * - `weighted-fresh`: `fresh`'s two parts (n fresh real samples, m = M − n synthetic ones, D₁ of
 *   size `first`), not pooled but fitted apart and averaged with weight w on the real part,
 *   θ = w·θ̂(real) + (1 − w)·θ̂(synthetic) — He, Xu & Cheng's (2025) weighted estimator, with the
 *   smallest limiting mean error at w* = (√(1 + 4k) − 1)/(2k), k = m/n (1/φ at k = 1;
 *   docs/theory.md#weighted-fresh-mean). Only families with `fitWeighted` run under it.
 * - `keep-original`: a fixed random fraction of D₁ (chosen once per chain) reused every
 *   generation, plus synthetic samples to make M (Shumailov et al.'s 10% experiment).
 * - `downstream`: replace with M samples for the generator fits 1…`after` (t), then every later
 *   generation fitted to `size` (T) samples of the one before: generation t + 1 is the
 *   downstream learner of Dohmatob, Feng & Kempe (NeurIPS 2024) trained on the t-th generator's
 *   data (docs/theory.md#downstream-regression). With OLS its rows should be fresh
 *   (`ols:design=fresh`): a fixed design relabels D₁'s M rows, cyclically when T > M. `noise`
 *   (regression only) sets the learner's label-noise variance σ² ≥ the generators' σ₀² by adding
 *   independent N(0, σ² − σ₀²) to its labels.
 */
export interface Regime {
  readonly kind: string;
  readonly [param: string]: unknown;
}

/** One chain's regime state. */
export interface RegimeRun {
  /**
   * Training set for the next generation, given samplers of the current model (synthetic,
   * transforms applied) and of the truth (fresh real data): one data set, or — for a regime
   * declared `weighted` — weighted parts the family fits apart and averages (its `fitWeighted`).
   */
  next(synthetic: (n: number) => Dataset, real: (n: number) => Dataset): Dataset | WeightedParts;
}

/** What {@link defineRegime} takes. */
export interface RegimeDefinition<S extends ParamSchema = ParamSchema> {
  /** Name in specs, e.g. `weighted-mix`. */
  readonly name: string;
  /** One line for `collapse list` and `--help`. */
  readonly description: string;
  /** Parameters: types, ranges, defaults, descriptions. @defaultValue {} */
  readonly params?: S;
  /**
   * Whether next() returns weighted parts ({@link WeightedParts}: sources the family fits apart
   * and averages, θ = Σ_j w_j θ̂(part_j)) instead of one data set. Such a regime runs only with
   * families that define `fitWeighted`; any other is refused by name before a chain starts.
   * @defaultValue false
   */
  readonly weighted?: boolean;
  /** Optional eager check against M (samples per generation); throws a named error. */
  check?(params: ParamValues<S>, samples: number): void;
  /**
   * How many real samples D₁ holds, the training set of generation 1 (given M, samples per
   * generation). @defaultValue M
   */
  firstSize?(params: ParamValues<S>, samples: number): number;
  /**
   * Starts one chain from D₁ (the M real samples generation 1 was fitted to). `stream` is the
   * chain's own stream, for random choices the regime makes (which samples to keep).
   */
  start(first: Dataset, samples: number, stream: RandomStream, params: ParamValues<S>): RegimeRun;
}

/** A registered regime. */
export interface RegimeEntry extends Registered {
  /** Whether its training sets are weighted parts (see {@link RegimeDefinition.weighted}). */
  readonly weighted: boolean;
  check?(params: Readonly<Record<string, unknown>>, samples: number): void;
  firstSize?(params: Readonly<Record<string, unknown>>, samples: number): number;
  start(
    first: Dataset,
    samples: number,
    stream: RandomStream,
    params: Readonly<Record<string, unknown>>,
  ): RegimeRun;
}

export const regimeRegistry = new Registry<RegimeEntry>("regime", "defineRegime");

function register(def: RegimeDefinition, builtin: boolean): RegimeEntry {
  const api = regimeRegistry.checkCommon(def);
  if (typeof def.start !== "function") {
    throw new PluginError(
      api,
      "start",
      "must be a function (first, samples, stream, params) => { next }",
      def.start,
    );
  }
  if (def.check !== undefined && typeof def.check !== "function") {
    throw new PluginError(api, "check", "must be a function when given", def.check);
  }
  if (def.firstSize !== undefined && typeof def.firstSize !== "function") {
    throw new PluginError(api, "firstSize", "must be a function when given", def.firstSize);
  }
  if (def.weighted !== undefined && typeof def.weighted !== "boolean") {
    throw new PluginError(api, "weighted", "must be a boolean when given", def.weighted);
  }
  return regimeRegistry.add(
    {
      name: def.name,
      description: def.description,
      params: def.params ?? {},
      builtin,
      weighted: def.weighted ?? false,
      start: def.start as RegimeEntry["start"],
      ...(def.check !== undefined ? { check: def.check as RegimeEntry["check"] } : {}),
      ...(def.firstSize !== undefined
        ? { firstSize: def.firstSize as RegimeEntry["firstSize"] }
        : {}),
    },
    def,
  );
}

/** Registers a regime: how each generation's training set is formed. */
export function defineRegime<const S extends ParamSchema>(def: RegimeDefinition<S>): RegimeEntry {
  return register(def as unknown as RegimeDefinition, false);
}

/**
 * A regime's entry and validated parameters, resolved once per regime object (a run resolves its
 * regime for every chain; regime specs are read-only values, a new object resolves anew).
 */
const resolvedRegimes = new WeakMap<Regime, [RegimeEntry, Readonly<Record<string, unknown>>]>();

function resolved(regime: Regime): [RegimeEntry, Readonly<Record<string, unknown>>] {
  const cached =
    typeof regime === "object" && regime !== null ? resolvedRegimes.get(regime) : undefined;
  if (cached !== undefined) return cached;
  const entry = regimeRegistry.get(regime.kind);
  const { kind: _, ...given } = regime;
  // Frozen: every call shares it, so a plug-in cannot change what the next one reads.
  const result: [RegimeEntry, Readonly<Record<string, unknown>>] = [
    entry,
    Object.freeze(resolveParams(regime.kind, entry.params, given)),
  ];
  resolvedRegimes.set(regime, result);
  return result;
}

/**
 * Number of fresh real samples per generation of a `fresh` regime with M samples: `real`, or
 * round(M/(1 + λ)) from `lambda`, or round(M/2). `api` names the regime in errors.
 */
export function freshRealCount(
  regime: { readonly kind?: string; readonly real?: number; readonly lambda?: number },
  samples: number,
  api = "fresh",
): number {
  if (regime.real !== undefined && regime.lambda !== undefined) {
    throw new InvalidParameterError(
      api,
      "real",
      "cannot be given together with lambda",
      regime.real,
    );
  }
  if (regime.lambda !== undefined) return Math.round(samples / (1 + regime.lambda));
  const real = regime.real ?? Math.round(samples / 2);
  assertInteger(api, "real", real, 0, samples);
  return real;
}

/**
 * Fresh real samples n per generation of `weighted-fresh` with M samples, as for `fresh`
 * ({@link freshRealCount}) but in [1, M − 1]: both parts must hold samples to be fitted.
 */
function weightedRealCount(p: Readonly<Record<string, unknown>>, samples: number): number {
  const api = "weighted-fresh";
  // `real` alone is range-checked here, against [1, M − 1]; with lambda, freshRealCount also
  // refuses the two together.
  const real =
    p.lambda === undefined
      ? ((p.real as number | undefined) ?? Math.round(samples / 2))
      : freshRealCount(p, samples, api);
  if (!(Number.isInteger(real) && real >= 1 && real <= samples - 1)) {
    const given = p.lambda !== undefined ? "lambda" : "real";
    throw new InvalidParameterError(
      api,
      given,
      given === "lambda"
        ? `must leave both parts non-empty: n = round(M/(1 + lambda)) = ${real} real samples of M = ${samples}, and n must be in [1, M − 1]`
        : `must be an integer in [1, M − 1] = [1, ${samples - 1}] so that both parts hold samples (n real, M − n synthetic; M = ${samples})`,
      p[given] ?? real,
    );
  }
  return real;
}

/**
 * Regression data relabelled at label-noise variance `noise` ≥ the variance v it was drawn with:
 * y + N(0, noise − v) per label. A sum of independent Gaussians, so the labels have exactly the
 * law of labels drawn at variance `noise` (the `downstream` regime's learner noise σ²).
 */
function withLabelNoise(data: Dataset, noise: number, stream: RandomStream): Dataset {
  const api = "downstream";
  if (data.kind !== "regression") {
    throw new InvalidParameterError(api, "noise", "applies to regression data only", data.kind);
  }
  const drawn = data.noiseVariance;
  if (drawn === undefined) {
    throw new InvalidParameterError(
      api,
      "noise",
      "needs the label-noise variance the generator's data were drawn with (data.noiseVariance)",
      noise,
    );
  }
  if (!(noise >= drawn)) {
    throw new InvalidParameterError(
      api,
      "noise",
      `must be >= the generators' label-noise variance ${drawn} (noise can be added, not removed)`,
      noise,
    );
  }
  if (noise === drawn) return data;
  const y = fillNormal(stream, allocFloat64(data.y.length), 0, Math.sqrt(noise - drawn));
  for (let i = 0; i < y.length; i++) y[i] += data.y[i];
  return { ...data, y, noiseVariance: noise };
}

/**
 * Size of D₁, the real samples generation 1 is fitted to: the regime's `firstSize` (validated
 * as an integer in [1, M]), else M.
 */
export function firstRealCount(regime: Regime, samples: number): number {
  const [entry, params] = resolved(regime);
  entry.check?.(params, samples);
  if (entry.firstSize === undefined) return samples;
  const n = entry.firstSize(params, samples);
  assertInteger(`regime "${regime.kind}"`, "firstSize()", n, 1, samples);
  return n;
}

/** Whether a regime's training sets are weighted parts (its definition's `weighted`). */
export function weightsSources(regime: Regime): boolean {
  return regimeRegistry.get(regime.kind).weighted;
}

/** Validates a regime (its schema, then its own check against M). */
export function checkRegime(regime: Regime, samples: number): Regime {
  const [entry, params] = resolved(regime);
  entry.check?.(params, samples);
  return regime;
}

/** Starts a chain's regime from D₁ (the M real samples generation 1 is fitted to). */
export function startRegime(
  regime: Regime,
  first: Dataset,
  samples: number,
  stream: RandomStream,
): RegimeRun {
  const [entry, params] = resolved(regime);
  entry.check?.(params, samples);
  return entry.start(first, samples, stream, params);
}

const BUILTIN_REGIMES: readonly RegimeDefinition[] = [
  {
    name: "replace",
    description: "synthetic only",
    start: (_first, samples) => ({ next: (synthetic) => synthetic(samples) }),
  },
  {
    name: "accumulate",
    description: "all data so far",
    start(first, samples) {
      const pool = new DataPool(first);
      return { next: (synthetic) => pool.append(synthetic(samples)) };
    },
  },
  {
    name: "accumulate-subsample",
    description: "fixed-size subsample of the pool",
    params: { size: { type: "integer", min: 1, description: "subsample size, default M" } },
    start(first, samples, stream, p) {
      const size = (p.size as number | undefined) ?? samples;
      const pool = new DataPool(first);
      return {
        next(synthetic) {
          const all = pool.append(synthetic(samples));
          return subsampleData(all, Math.min(size, dataSize(all)), stream);
        },
      };
    },
  },
  {
    name: "fresh",
    description: "fresh real + synthetic each generation",
    params: {
      real: {
        type: "integer",
        min: 0,
        description: "fresh real samples per generation, default M/2",
      },
      lambda: { type: "number", min: 0, description: "synthetic:real ratio (Bertrand et al.)" },
      first: {
        type: "integer",
        min: 1,
        description: "real samples generation 1 is fitted to (at most M), default M",
      },
    },
    check: (p, samples) => {
      freshRealCount(p, samples);
      if (p.first !== undefined) assertInteger("fresh", "first", p.first as number, 1, samples);
    },
    firstSize: (p, samples) => (p.first as number | undefined) ?? samples,
    start(_first, samples, _stream, p) {
      const nReal = freshRealCount(p, samples);
      return {
        next(synthetic, real) {
          if (nReal === 0) return synthetic(samples);
          if (nReal === samples) return real(samples);
          return concatData(real(nReal), synthetic(samples - nReal));
        },
      };
    },
  },
  {
    name: "weighted-fresh",
    description:
      "fresh's real and synthetic parts fitted apart and averaged: θ = w·θ̂(real) + (1 − w)·θ̂(synthetic) (He, Xu & Cheng 2025); for families with per-source weights",
    weighted: true,
    params: {
      weight: {
        type: "number",
        required: true,
        min: 0,
        max: 1,
        description:
          "w, the real part's weight; w = n/M averages the means as pooling does; least limiting mean error at (√(1 + 4k) − 1)/(2k), k = m/n (0.618 at k = 1)",
      },
      real: {
        type: "integer",
        min: 1,
        description: "fresh real samples n per generation (at most M − 1), default M/2",
      },
      lambda: {
        type: "number",
        min: 0,
        description: "synthetic:real ratio k = m/n instead of real",
      },
      first: {
        type: "integer",
        min: 1,
        description: "real samples generation 1 is fitted to (at most M), default M",
      },
    },
    check: (p, samples) => {
      weightedRealCount(p, samples);
      if (p.first !== undefined) {
        assertInteger("weighted-fresh", "first", p.first as number, 1, samples);
      }
    },
    firstSize: (p, samples) => (p.first as number | undefined) ?? samples,
    start(_first, samples, _stream, p) {
      const nReal = weightedRealCount(p, samples);
      const w = p.weight as number;
      // Drawn as `fresh` draws them (real first, then synthetic), so at a fixed seed both
      // regimes see the same samples until their fits differ.
      return {
        next: (synthetic, real) =>
          weightedParts([
            { source: "real", data: real(nReal), weight: w },
            { source: "synthetic", data: synthetic(samples - nReal), weight: 1 - w },
          ]),
      };
    },
  },
  {
    name: "keep-original",
    description:
      "a fixed fraction of the original real data reused; with lambda, plus λ·|kept| synthetic samples (Bertrand et al.'s loop at fraction 1)",
    params: {
      fraction: {
        type: "number",
        default: 0.1,
        min: 0,
        max: 1,
        description: "fraction of D₁ kept",
      },
      lambda: {
        type: "number",
        min: 0,
        description:
          "synthetic samples per kept real one: training sets of (1 + λ)·|kept| (default: synthetic samples fill up to M)",
      },
    },
    check: (p, samples) => {
      if (p.lambda !== undefined && Math.round((p.fraction as number) * samples) === 0) {
        throw new InvalidParameterError(
          "keep-original",
          "fraction",
          `keeps no real sample of M = ${samples} (fraction·M rounds to 0), and with lambda the training sets would be empty`,
          p.fraction,
        );
      }
    },
    start(first, samples, stream, p) {
      const kept = subsampleData(
        first,
        Math.round((p.fraction as number) * dataSize(first)),
        stream,
      );
      const nKept = dataSize(kept);
      const lambda = p.lambda as number | undefined;
      if (lambda !== undefined) {
        // Bertrand et al.'s finite-sample loop (fraction 1): D₁ whole plus λ·|D₁| synthetic.
        const nSynthetic = Math.round(lambda * nKept);
        return {
          next: (synthetic) =>
            nSynthetic === 0
              ? kept
              : nKept === 0
                ? synthetic(nSynthetic)
                : concatData(kept, synthetic(nSynthetic)),
        };
      }
      return {
        next(synthetic) {
          if (nKept === 0) return synthetic(samples);
          if (nKept >= samples) return kept;
          return concatData(kept, synthetic(samples - nKept));
        },
      };
    },
  },
  {
    name: "downstream",
    description: "replace; from fit after + 1 on, size samples (a downstream learner)",
    params: {
      after: {
        type: "integer",
        required: true,
        min: 1,
        description: "generator fits t before the downstream learner (>= 1)",
      },
      size: {
        type: "integer",
        required: true,
        min: 1,
        description: "samples T the downstream learner is fitted to",
      },
      noise: {
        type: "number",
        min: 0,
        description:
          "label-noise variance σ² of the learner's data (regression; >= the generators'), default theirs",
      },
    },
    start(_first, samples, stream, p) {
      const after = p.after as number;
      const size = p.size as number;
      const noise = p.noise as number | undefined;
      // Generation 1 is fitted to D₁; next() builds generation 2, 3, …
      let generation = 1;
      return {
        next(synthetic) {
          generation++;
          if (generation <= after) return synthetic(samples);
          const data = synthetic(size);
          return noise === undefined ? data : withLabelNoise(data, noise, stream);
        },
      };
    },
  },
];

for (const def of BUILTIN_REGIMES) register(def, true);
