import { InvalidParameterError } from "../util/validate.ts";
import { type Dataset, dataSize, sameShape } from "./data.ts";

/** One source of a weighted training set: its samples and the weight its fit gets. */
export interface WeightedPart<D extends Dataset = Dataset> {
  /** Where the samples come from, for messages and observers, e.g. `real` or `synthetic`. */
  readonly source: string;
  readonly data: D;
  /** w_j ∈ [0, 1]; the weights of one training set sum to 1. */
  readonly weight: number;
}

/**
 * A training set of several sources whose fits are averaged instead of pooled: a family fits
 * each part on its own and returns θ = Σ_j w_j θ̂(part_j) (parameter averaging, He, Xu & Cheng
 * 2025). The `weighted-fresh` regime builds one per generation ([real, synthetic]); only families
 * with `fitWeighted` accept it. Not a {@link Dataset}: its `kind` is `"weighted"`, so a regime's
 * training set is told apart from plain data by `kind` alone.
 */
export interface WeightedParts<D extends Dataset = Dataset> {
  readonly kind: "weighted";
  readonly parts: readonly WeightedPart<D>[];
}

/**
 * Weights that sum to 1 up to this many units of rounding per part: the complement 1 − w is
 * computed, so w + (1 − w) is within an ulp of 1, and a sum of p weights within p ulps.
 */
const SUM_ULPS = 4;

/**
 * A weighted training set from its parts, validated: at least one part; every weight a number
 * in [0, 1]; the weights summing to 1 (within 4 ulps per part); every part non-empty and of the
 * first part's kind and shape (categories, dimension, vocabulary).
 * @throws InvalidParameterError naming the part and the value otherwise.
 */
export function weightedParts<D extends Dataset>(
  parts: readonly WeightedPart<D>[],
): WeightedParts<D> {
  const api = "weightedParts";
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new InvalidParameterError(api, "parts", "must be a non-empty array", parts);
  }
  let sum = 0;
  for (const [j, part] of parts.entries()) {
    const w = part?.weight;
    if (typeof w !== "number" || !(w >= 0 && w <= 1)) {
      throw new InvalidParameterError(api, `parts[${j}].weight`, "must be a number in [0, 1]", w);
    }
    sum += w;
    sameShape(`${api} (parts[${j}].data against parts[0].data)`, parts[0].data, part.data);
    if (dataSize(part.data) === 0) {
      throw new InvalidParameterError(
        api,
        `parts[${j}].data`,
        `must hold at least one sample (source ${JSON.stringify(part.source)})`,
        0,
      );
    }
  }
  if (!(Math.abs(sum - 1) <= SUM_ULPS * parts.length * Number.EPSILON)) {
    throw new InvalidParameterError(
      api,
      "parts",
      "must have weights summing to 1",
      parts.map((p) => p.weight),
    );
  }
  return { kind: "weighted", parts };
}
