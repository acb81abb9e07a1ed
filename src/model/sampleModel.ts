import type { RandomStream } from "../rng/index.ts";
import type { Dataset } from "./data.ts";
import { type AnyModel, modelKind } from "./kinds.ts";

/** n samples from a model, in the data representation of its kind (its `sample` operation). */
export function sampleModel(model: AnyModel, stream: RandomStream, n: number): Dataset {
  return modelKind(model.kind).sample(model, stream, n);
}
