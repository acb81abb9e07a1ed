import type { RandomStream } from "../rng/index.ts";
import type { Dataset } from "./data.ts";
import { type AnyModel, modelKind } from "./kinds.ts";

/**
 * n samples from a model, in the data representation of its kind (its `sample` operation).
 * `reuse`: an earlier draw nobody will read again, whose arrays the kind may overwrite.
 */
export function sampleModel(
  model: AnyModel,
  stream: RandomStream,
  n: number,
  reuse?: Dataset,
): Dataset {
  return modelKind(model.kind).sample(model, stream, n, reuse);
}
