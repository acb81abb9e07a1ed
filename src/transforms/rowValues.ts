import type { Dataset } from "../model/data.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { InvalidParameterError } from "../util/validate.ts";

/**
 * The number v(x) that the `curate` reward and the `verify` correct set read off each row of a
 * data set: the value of real data, the first coordinate of vector data, the label y of
 * regression data (categorical transforms read the symbol index instead, per symbol).
 */
export function rowValues(api: string, data: Dataset): Float64Array {
  switch (data.kind) {
    case "real":
      return data.values;
    case "vector": {
      const n = data.values.length / data.dim;
      const v = allocFloat64(n);
      for (let i = 0; i < n; i++) v[i] = data.values[i * data.dim];
      return v;
    }
    case "regression":
      return data.y;
  }
  throw new InvalidParameterError(
    api,
    "data.kind",
    "must be categorical, real, vector or regression (a sample needs a value)",
    data.kind,
  );
}
