import type { Dataset } from "../model/data.ts";
import type { WeightedPart } from "../model/weightedParts.ts";

/**
 * The fits of the parts of a weighted training set that carry weight (w_j > 0), each with its
 * weight: the terms of the parameter average θ = Σ_j w_j θ̂(part_j) (He, Xu & Cheng 2025). A part
 * of weight 0 is not fitted, so one too small to fit (a single point, for an unbiased variance)
 * does no harm where it counts for nothing, and 0·∞ never enters the average.
 */
export function fittedParts<D extends Dataset, M>(
  parts: readonly WeightedPart<D>[],
  fitPart: (data: D) => M,
): { readonly weight: number; readonly model: M }[] {
  return parts
    .filter((p) => p.weight > 0)
    .map((p) => ({ weight: p.weight, model: fitPart(p.data) }));
}
