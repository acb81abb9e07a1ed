import type { RealData } from "../model/data.ts";
import { empiricalModel } from "../model/empirical.ts";
import type { EmpiricalModel } from "../model/models.ts";
import { InvalidParameterError } from "../util/validate.ts";
import type { Family } from "./family.ts";

/**
 * The empirical (bootstrap) family: the fitted model is the training set itself, and the next
 * generation resamples it with replacement — a memorising generator, the limit of a KDE as its
 * bandwidth goes to 0. Under replace it is Wright–Fisher resampling of the first sample's values:
 * distinct values are only ever lost, and the population variance V_t = (1/M)Σ(x_i − x̄)² has
 * E[V_{t+1} | V_t] = (1 − 1/M)·V_t, so E[V_t] = (1 − 1/M)^t·σ² for a truth of variance σ²
 * (docs/theory.md#bootstrap-chain).
 */
export function bootstrap(): Family<RealData, EmpiricalModel> {
  return {
    id: "bootstrap",
    params: {},
    dataKind: "real",
    modelKind: "empirical",
    fit(data) {
      if (data.values.length === 0) {
        throw new InvalidParameterError("bootstrap", "data.size", "must be > 0", 0);
      }
      return empiricalModel(data.values);
    },
  };
}
