import type { AnyFamily } from "../families/family.ts";
import { concatData, type Dataset } from "../model/data.ts";
import type { AnyModel } from "../model/kinds.ts";
import type { WeightedParts } from "../model/weightedParts.ts";
import { firstRealCount, type Regime, type RegimeRun, startRegime } from "../regimes/regime.ts";
import type { RandomStream } from "../rng/index.ts";
import { synthesize, type Transform } from "../transforms/transform.ts";
import type { Truth } from "../truths/truth.ts";
import { PluginError } from "../util/registry.ts";
import { unweightedFamilyError } from "./unweightedFamilyError.ts";

/** Options of a {@link ChainStepper}. */
export interface ChainStepperOptions {
  /**
   * Let a synthetic draw's arrays be overwritten by the next draw once fitted, where that cannot
   * change a result (regime `replace`, no transform, a family with `releasesData`): saves an
   * allocation per generation. The caller must then not keep `data` across steps (it is
   * overwritten in place). Results are the same either way. @defaultValue false
   */
  readonly reuseDraws?: boolean;
}

/** What one chain needs: the parts of a chain configuration that drive the fits. */
export interface ChainProcedure {
  readonly truth: Truth;
  readonly family: AnyFamily;
  readonly regime: Regime;
  readonly transforms?: readonly Transform[];
  readonly samples: number;
  /**
   * Where the chain starts instead of the truth: generation 1 is fitted to the training set the
   * regime builds from this model's samples (real data enters only through the regime, e.g.
   * `fresh`). For chains started away from the truth, as in contraction results. @defaultValue
   * the truth (generation 1 is fitted to M real samples)
   */
  readonly initialModel?: AnyModel;
}

/**
 * One chain, advanced a generation at a time — the procedure {@link runChains} runs for every
 * chain: generation 1 is fitted to M real samples (as many as the regime's `firstSize` when it
 * has one; or to the regime's training set from `initialModel`), generation t + 1 to the
 * training set the regime builds from generation t's samples (weighted parts, from a regime
 * such as `weighted-fresh`, go to the family's `fitWeighted`). Draws happen only when a
 * generation is fitted, so stopping early consumes the stream exactly as far as a shorter chain
 * would.
 */
export class ChainStepper {
  /** The last fitted generation (0 before the first {@link step}). */
  generation = 0;
  /** The model at {@link generation}: the truth's (or `initialModel`) at 0. */
  model: AnyModel;
  /**
   * The training set the current model was fitted to (undefined at generation 0); for weighted
   * parts, their union (the parts in order) — what was drawn, whatever the weights. The union is
   * built on first read (most runs never read it).
   */
  get data(): Dataset | undefined {
    if (this.fitted === undefined && this.parts !== undefined) {
      this.fitted = this.parts.parts.map((p) => p.data).reduce((a, b) => concatData(a, b));
    }
    return this.fitted;
  }
  private fitted: Dataset | undefined;
  /** The weighted parts the current model was fitted to, when the regime weights its sources. */
  parts: WeightedParts | undefined;
  private run: RegimeRun | undefined;
  /** What the regime draws from: n samples of the current model, n real samples. Made once. */
  private readonly synthetic: (n: number) => Dataset;
  private readonly real: (n: number) => Dataset;

  /** The last synthetic draw, when its arrays may be reused once it has been fitted. */
  private lastDraw: Dataset | undefined;

  constructor(
    private readonly procedure: ChainProcedure,
    private readonly stream: RandomStream,
    options: ChainStepperOptions = {},
  ) {
    this.model = procedure.initialModel ?? procedure.truth.model;
    const transforms = procedure.transforms ?? [];
    // Reuse is safe only where nothing can hold a fitted draw: `replace` (each training set is
    // exactly the last draw), no transform, a family whose models copy what they keep, and a
    // caller that does not hand `data` out (options.reuseDraws).
    const reuse =
      options.reuseDraws === true &&
      procedure.family.releasesData === true &&
      procedure.regime.kind === "replace" &&
      transforms.length === 0;
    this.synthetic = reuse
      ? (n) => {
          // The draw the current model was fitted to is spent: its arrays take the next draw.
          // Never a real set (a data truth may hand out its own arrays).
          const spent = this.fitted !== undefined && this.fitted === this.lastDraw;
          this.lastDraw = synthesize(
            this.model,
            transforms,
            stream,
            n,
            spent ? this.fitted : undefined,
          );
          return this.lastDraw;
        }
      : (n) => synthesize(this.model, transforms, stream, n);
    this.real = (n) => procedure.truth.sampleReal(stream, n);
  }

  /** Fits the next generation and returns its model. */
  step(): AnyModel {
    const { truth, family, regime, samples: M } = this.procedure;
    const stream = this.stream;
    let data: Dataset | WeightedParts;
    if (this.run === undefined) {
      if (this.procedure.initialModel === undefined) {
        // D₁ holds M real samples unless the regime sizes it (e.g. `fresh:first=`).
        data = truth.sampleReal(stream, firstRealCount(regime, M));
        this.run = startRegime(regime, data, M, stream);
      } else {
        // The regime starts from an empty real set: every point comes through next(), the first
        // ones drawn from the start model (this.model until the first fit).
        this.run = startRegime(regime, synthesize(this.model, [], stream, 0), M, stream);
        data = this.nextData();
      }
    } else {
      data = this.nextData();
    }
    // The model fitted before (the start model at generation 1): fine-tuning families read it.
    let model: AnyModel;
    if (data.kind === "weighted") {
      if (family.fitWeighted === undefined) throw unweightedFamilyError(family, regime);
      model = family.fitWeighted(data.parts, stream, this.model);
    } else {
      model = family.fit(data, stream, this.model);
    }
    if (model?.kind !== family.modelKind) {
      throw new PluginError(
        `family "${family.id}"`,
        "fit()",
        `must return a ${family.modelKind} model (its declared modelKind)`,
        model?.kind,
      );
    }
    this.generation++;
    this.model = model;
    if (data.kind === "weighted") {
      this.parts = data;
      this.fitted = undefined;
    } else {
      this.parts = undefined;
      this.fitted = data;
    }
    return model;
  }

  /** The next training set: the regime's, from the current model's samples. */
  private nextData(): Dataset | WeightedParts {
    const { family, regime } = this.procedure;
    const data = (this.run as RegimeRun).next(this.synthetic, this.real);
    // The common case (one data set of the family's kind) without building a list of kinds.
    if (data?.kind === family.dataKind) return data;
    const kinds = data?.kind === "weighted" ? data.parts.map((p) => p.data?.kind) : [data?.kind];
    for (const kind of kinds) {
      if (kind !== family.dataKind) {
        throw new PluginError(
          `regime "${regime.kind}"`,
          "next()",
          `must return ${family.dataKind} data (what family "${family.id}" fits)${data?.kind === "weighted" ? " in every weighted part" : ""}`,
          kind,
        );
      }
    }
    return data;
  }
}
