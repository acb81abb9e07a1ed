import type { RandomStream } from "../rng/index.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { sampleCategorical } from "./categorical.ts";
import type { Dataset } from "./data.ts";
import { isUnivariate, type Model } from "./models.ts";
import { sampleUnivariate } from "./univariate.ts";

/** n samples from a model, in the data representation its families consume. */
export function sampleModel(model: Model, stream: RandomStream, n: number): Dataset {
  if (model.kind === "categorical") return sampleCategorical(model, stream, n);
  if (isUnivariate(model)) return sampleUnivariate(model, stream, n);
  throw new InvalidParameterError(
    "sampleModel",
    "model.kind",
    "must be a model that samples on its own (categorical or univariate)",
    model.kind,
  );
}
