import type { DataKind, Dataset } from "../model/data.ts";
import type { AnyModel } from "../model/kinds.ts";
import type { WeightedPart } from "../model/weightedParts.ts";
import type { RandomStream } from "../rng/index.ts";
import type { Truth } from "../truths/truth.ts";

/**
 * A model family: fit(training data) → a model that can sample. `stream` is for families whose
 * fit is randomised (EM initialisation); deterministic fits ignore it. `previous` is the chain's
 * model of the generation before (the truth's model, or the chain's `initialModel`, at generation
 * 1): families that start training from an earlier model (fine-tuning a base model, warm starts)
 * read it; the others ignore it.
 */
export interface Family<D extends Dataset = Dataset, M extends AnyModel = AnyModel> {
  /** Id as used in specs and reports, e.g. `categorical-smoothed`. */
  readonly id: string;
  /** Parameters, as given (for reports). */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** The data kind this family is fitted to. */
  readonly dataKind: D["kind"];
  /** The kind of model a fit returns. */
  readonly modelKind: M["kind"];
  /**
   * Every data kind the family's name fits, when it fits several (`gmm`, `kde`: real and
   * vector); this instance fits `dataKind`. Absent: `dataKind` only.
   */
  readonly dataKinds?: readonly DataKind[];
  fit(data: D, stream: RandomStream, previous?: AnyModel): M;
  /**
   * Optional: the fit to a training set of weighted sources (the `weighted-fresh` regime's real
   * and synthetic parts): each part fitted on its own, the parameters averaged,
   * θ = Σ_j w_j θ̂(part_j) (He, Xu & Cheng 2025). Parts of weight 0 are not fitted. A family
   * without it cannot run under a regime that weights its sources (a named error before any chain).
   */
  fitWeighted?(parts: readonly WeightedPart<D>[], stream: RandomStream, previous?: AnyModel): M;
  /**
   * Optional eager check against the truth and M (samples per generation), run by
   * checkChainConfig before any chain, e.g. OLS without ridge needs M ≥ d. Throws a named error.
   */
  check?(truth: Truth, samples: number): void;
  /**
   * Optional: about how many arithmetic operations one fit on a training set of n points of
   * dimension `dim` costs, when that exceeds reading the data (a d × d covariance, EM). The
   * run's work estimate (estimateRun) sums it over every fit, so a run that would not end in
   * an hour is refused up front.
   */
  fitCost?(n: number, dim: number): number;
  /**
   * Optional: how many components the model fitted to n points of dimension `dim` has — a KDE's
   * kernel centres (n), a k-component mixture's k. Metrics whose cost grows with the components
   * (`nll`, `l2`: every held-out point or pair of components visits each) are costed with it in
   * the run's work estimate. @defaultValue 1
   */
  modelSize?(n: number, dim: number): number;
  /**
   * True when a fit's model holds no reference to the training data's arrays (it copies what it
   * keeps, as parameters): a chain may then reuse a synthetic draw's arrays for its next draw
   * once fitted. Absent: the fit may keep them (a KDE's centres), and every draw gets new ones.
   */
  readonly releasesData?: boolean;
}

/** Any family, with its data and model types erased (what registries and chains hold). */
export type AnyFamily = Family<Dataset, AnyModel>;

/** Erases a family's precise types; the chain runner checks data kinds at run time. */
export function eraseFamily<D extends Dataset, M extends AnyModel>(
  family: Family<D, M>,
): AnyFamily {
  return family as unknown as AnyFamily;
}

export type { DataKind };
