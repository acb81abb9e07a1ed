import { categoricalEntropy, categoricalTailSet, massOn } from "../model/categorical.ts";
import type { Dataset } from "../model/data.ts";
import { isUnivariate, type Model } from "../model/models.ts";
import { sampleModel } from "../model/sampleModel.ts";
import { univariateCdf, univariateQuantile, univariateSf } from "../model/univariate.ts";
import type { RandomStream } from "../rng/index.ts";
import { assertProbability, InvalidParameterError } from "../util/validate.ts";

/**
 * The truth's tail set at level q:
 * - categorical: the lowest-probability symbols whose total mass is ≤ q (see categoricalTailSet);
 * - univariate: the region beyond the truth's q and 1−q quantiles, (−∞, Q(q)) ∪ (Q(1−q), ∞),
 *   whose truth mass is exactly 2q.
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
  readonly model: Model;
  readonly dataKind: Dataset["kind"];
  readonly summaries: TruthSummaries;
  /** Where real data comes from, for reports (e.g. a file path and package for text). */
  readonly source?: string;
  /**
   * Real data that no chain ever trains on (text: the held-out sentences), for metrics that score
   * a model on unseen real data (`perplexity`).
   */
  readonly heldOut?: Dataset;
  /** n real samples. */
  sampleReal(stream: RandomStream, n: number): Dataset;
}

/** The tail set of a truth at level q (default 0.05). */
export function truthTailSet(truth: Truth, q = 0.05): TailSet {
  assertProbability("truthTailSet", "q", q);
  const m = truth.model;
  if (m.kind === "categorical") {
    return { kind: "symbols", q, symbols: categoricalTailSet(m.p, q) };
  }
  if (isUnivariate(m)) {
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
      lower: univariateQuantile(m, q),
      upper: univariateQuantile(m, 1 - q),
    };
  }
  throw new InvalidParameterError("truthTailSet", "truth.model.kind", "has no tail set", m.kind);
}

/** The mass a model gives to a tail set. */
export function tailMassOf(model: Model, tail: TailSet): number {
  if (tail.kind === "symbols" && model.kind === "categorical") return massOn(model.p, tail.symbols);
  if (tail.kind === "interval" && isUnivariate(model)) {
    return univariateCdf(model, tail.lower) + univariateSf(model, tail.upper);
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
  model: Model,
  summaries: TruthSummaries,
): Truth {
  return {
    id,
    params,
    model,
    dataKind:
      model.kind === "categorical"
        ? "categorical"
        : model.kind === "mv-gaussian"
          ? "vector"
          : "real",
    summaries,
    sampleReal: (stream, n) => sampleModel(model, stream, n),
  };
}

export { categoricalEntropy };
