import type { CategoricalData } from "../model/data.ts";
import type { CategoricalModel } from "../model/models.ts";
import type { WeightedPart } from "../model/weightedParts.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { assertNonNegative, InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";
import { fittedParts } from "./fittedParts.ts";

function checkSize(api: string, data: CategoricalData): void {
  if (data.size <= 0) {
    throw new InvalidParameterError(api, "data.size", "must be > 0 (sample size 0)", data.size);
  }
}

/** p = Σ_j w_j p̂_j, the parts' probability vectors averaged with their weights. */
function averageFits(
  parts: readonly WeightedPart<CategoricalData>[],
  fit: (data: CategoricalData) => CategoricalModel,
): CategoricalModel {
  const p = allocFloat64(parts[0].data.counts.length);
  for (const { weight, model } of fittedParts(parts, fit)) {
    for (let i = 0; i < p.length; i++) p[i] += weight * model.p[i];
  }
  return { kind: "categorical", p };
}

/**
 * Categorical maximum likelihood: p̂_i = c_i / M (empirical frequencies). A symbol with count 0
 * gets probability 0 and can never return: the absorbing behaviour of Wright–Fisher resampling.
 */
export function categoricalMle(): Family<CategoricalData, CategoricalModel> {
  const fit = (data: CategoricalData): CategoricalModel => {
    checkSize("categorical-mle", data);
    const p = allocFloat64(data.counts.length);
    for (let i = 0; i < p.length; i++) p[i] = data.counts[i] / data.size;
    return { kind: "categorical", p };
  };
  return {
    id: "categorical-mle",
    params: {},
    dataKind: "categorical",
    modelKind: "categorical",
    fit,
    fitWeighted: (parts) => averageFits(parts, fit),
  };
}

/** Options of {@link categoricalSmoothed}. */
export interface CategoricalSmoothedConstraints {
  /**
   * Pseudo-count added to every symbol (α = 1: Laplace; α = 0.5: Jeffreys–Krichevsky–Trofimov).
   * @defaultValue 1
   */
  alpha?: number;
}

/** Default pseudo-count of {@link categoricalSmoothed} (also the spec schema's). */
export const SMOOTHING_DEFAULT_ALPHA = 1;

/**
 * Additive (Lidstone) smoothing: p̂_i = (c_i + α)/(M + kα). Every symbol keeps mass ≥ α/(M + kα),
 * so the support cannot collapse (the family for which "support shrinks" must fail).
 */
export function categoricalSmoothed(
  constraints: CategoricalSmoothedConstraints = {},
): Family<CategoricalData, CategoricalModel> {
  const alpha = constraints.alpha ?? SMOOTHING_DEFAULT_ALPHA;
  assertNonNegative("categoricalSmoothed", "alpha", alpha);
  const fit = (data: CategoricalData): CategoricalModel => {
    const k = data.counts.length;
    const denom = data.size + k * alpha;
    if (!(denom > 0)) {
      throw new InvalidParameterError(
        "categorical-smoothed",
        "data.size",
        "must be > 0 when alpha = 0 (sample size 0)",
        data.size,
      );
    }
    const p = allocFloat64(k);
    for (let i = 0; i < k; i++) p[i] = (data.counts[i] + alpha) / denom;
    return { kind: "categorical", p };
  };
  return {
    id: "categorical-smoothed",
    params: { alpha },
    dataKind: "categorical",
    modelKind: "categorical",
    fit,
    fitWeighted: (parts) => averageFits(parts, fit),
  };
}
