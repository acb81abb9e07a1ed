import { categoricalEntropy, categoricalTailSet, massOn } from "../model/categorical.ts";
import type { DataKind, Dataset } from "../model/data.ts";
import { type AnyModel, modelKind } from "../model/kinds.ts";
import { sampleModel } from "../model/sampleModel.ts";
import type { RandomStream } from "../rng/index.ts";
import { assertProbability, InvalidParameterError } from "../util/validate.ts";

/**
 * The truth's tail set at level q:
 * - a truth whose kind has `probabilities` (categorical): the lowest-probability symbols whose
 *   total mass is ≤ q (see categoricalTailSet);
 * - a truth whose kind has `quantile` (every distribution on the real line): the region beyond the
 *   truth's q and 1−q quantiles, (−∞, Q(q)) ∪ (Q(1−q), ∞), whose truth mass is exactly 2q.
 * Other truths (mv-gaussian, regression, text) have none: truthTailSet throws a named error, and
 * runChains asks for the tail set only when `tail-mass` is requested.
 */
export type TailSet =
  | { readonly kind: "symbols"; readonly q: number; readonly symbols: Int32Array }
  | {
      readonly kind: "interval";
      readonly q: number;
      readonly lower: number;
      readonly upper: number;
    };

/** Exact summaries a truth knows (absent where no closed form exists or the value is undefined). */
export interface TruthSummaries {
  readonly mean?: number;
  readonly variance?: number;
  /** Differential (continuous) or Shannon (categorical) entropy in nats. */
  readonly entropy?: number;
}

/** What real data is drawn from. */
export interface Truth {
  /** Id as used in specs, e.g. `zipf`. */
  readonly id: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** The generation-0 distribution. */
  readonly model: AnyModel;
  readonly dataKind: DataKind;
  readonly summaries: TruthSummaries;
  /** Where real data comes from, for reports (e.g. a file path and package for text). */
  readonly source?: string;
  /**
   * Real data that no chain ever trains on (text: the held-out sentences), for metrics that score
   * a model on unseen real data (`perplexity`).
   */
  readonly heldOut?: Dataset;
  /**
   * The fixed real data the generation-0 model was fitted to (text: the training part), for
   * metrics defined by the truth's own word frequencies (`rare-mass`, `head-mass`).
   */
  readonly training?: Dataset;
  /** n real samples. */
  sampleReal(stream: RandomStream, n: number): Dataset;
}

/** The tail set of a truth at level q (default 0.05). */
export function truthTailSet(truth: Truth, q = 0.05): TailSet {
  assertProbability("truthTailSet", "q", q);
  const m = truth.model;
  const ops = modelKind(m.kind);
  if (ops.probabilities !== undefined) {
    return { kind: "symbols", q, symbols: categoricalTailSet(ops.probabilities(m), q) };
  }
  if (ops.quantile !== undefined) {
    if (!(q > 0 && q < 0.5)) {
      throw new InvalidParameterError(
        "truthTailSet",
        "q",
        "must be in (0, 0.5) for a continuous truth",
        q,
      );
    }
    return {
      kind: "interval",
      q,
      lower: ops.quantile(m, q),
      upper: ops.quantile(m, 1 - q),
    };
  }
  throw new InvalidParameterError("truthTailSet", "truth.model.kind", "has no tail set", m.kind);
}

/**
 * The mass a model gives to a tail set: through its kind's `probabilities` (symbol sets) or
 * `cdf` and `sf` (intervals).
 */
export function tailMassOf(model: AnyModel, tail: TailSet): number {
  const ops = modelKind(model.kind);
  if (tail.kind === "symbols" && ops.probabilities !== undefined) {
    return massOn(ops.probabilities(model), tail.symbols);
  }
  if (tail.kind === "interval" && ops.cdf !== undefined && ops.sf !== undefined) {
    return ops.cdf(model, tail.lower) + ops.sf(model, tail.upper);
  }
  throw new InvalidParameterError(
    "tailMassOf",
    "model.kind",
    `cannot be measured on a ${tail.kind} tail set`,
    model.kind,
  );
}

/** A truth that samples from its own model (every truth but regression and text). */
export function modelTruth(
  id: string,
  params: Truth["params"],
  model: AnyModel,
  summaries: TruthSummaries,
): Truth {
  return {
    id,
    params,
    model,
    dataKind: modelKind(model.kind).dataKind,
    summaries,
    sampleReal: (stream, n) => sampleModel(model, stream, n),
  };
}

export { categoricalEntropy };
