import type { RandomStream } from "../rng/index.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { sampleCategorical } from "./categorical.ts";
import type { Dataset } from "./data.ts";
import { sampleLinear } from "./linear.ts";
import { isUnivariate, type Model } from "./models.ts";
import { sampleMvGaussian } from "./mvGaussian.ts";
import { sampleNgram } from "./ngram.ts";
import { sampleUnivariate } from "./univariate.ts";

/** n samples from a model, in the data representation its families consume. */
export function sampleModel(model: Model, stream: RandomStream, n: number): Dataset {
  if (model.kind === "categorical") return sampleCategorical(model, stream, n);
  if (isUnivariate(model)) return sampleUnivariate(model, stream, n);
  if (model.kind === "mv-gaussian") return sampleMvGaussian(model, stream, n);
  if (model.kind === "linear") return sampleLinear(model, stream, n);
  if (model.kind === "ngram") return sampleNgram(model, stream, n);
  throw new InvalidParameterError(
    "sampleModel",
    "model.kind",
    "must be a model that samples on its own (categorical, univariate, mv-gaussian, linear or ngram)",
    (model as { kind: unknown }).kind,
  );
}
