import type { RandomStream } from "../rng/index.ts";
import { fillNormal } from "../sample/index.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import {
  assertFinite,
  assertInteger,
  assertNonNegative,
  InvalidParameterError,
} from "../util/validate.ts";
import type { RegressionData } from "./data.ts";
import type { LinearModel } from "./models.ts";

/**
 * A linear model y = x·w + ε, ε ~ N(0, noiseVariance), validated. Without `design` it samples
 * fresh rows x ~ N(0, I_d); with one it relabels that fixed design (see {@link sampleLinear}).
 * Arrays are kept by reference (models and data are treated as immutable).
 */
export function linearModel(
  w: Float64Array,
  noiseVariance: number,
  design?: Float64Array,
): LinearModel {
  const api = "linearModel";
  const dim = w.length;
  assertInteger(api, "w.length", dim, 1);
  for (let j = 0; j < dim; j++) assertFinite(api, `w[${j}]`, w[j]);
  assertNonNegative(api, "noiseVariance", noiseVariance);
  if (design === undefined) return { kind: "linear", dim, w, noiseVariance };
  if (design.length % dim !== 0) {
    throw new InvalidParameterError(
      api,
      "design.length",
      `must be a multiple of dim = ${dim} (row-major rows)`,
      design.length,
    );
  }
  return { kind: "linear", dim, w, noiseVariance, design };
}

/**
 * n labelled samples from a linear model: design rows first, then labels y_i = x_i·w + ε_i with
 * ε_i ~ N(0, noiseVariance) (exactly x_i·w when the variance is 0).
 * - fresh design (`model.design` absent): x_i ~ N(0, I_d), n·d standard normals in row order;
 * - fixed design: row i is design row i mod R (R = design rows), so n ≤ R relabels the first n
 *   rows, a view on the design (no copy).
 * The data carries `noiseVariance` (the label noise it was drawn with) and, for a fixed design,
 * `design` (so a model fitted to it relabels the same design).
 */
export function sampleLinear(model: LinearModel, stream: RandomStream, n: number): RegressionData {
  const api = "sampleLinear";
  assertInteger(api, "n", n, 0, 2 ** 31 - 1);
  const d = model.dim;
  let X: Float64Array;
  if (model.design === undefined) {
    X = fillNormal(stream, allocFloat64(n * d));
  } else {
    const design = model.design;
    const rows = design.length / d;
    if (n <= rows) {
      X = design.subarray(0, n * d);
    } else {
      if (rows === 0) {
        throw new InvalidParameterError(api, "model.design", "must have rows to relabel", design);
      }
      X = allocFloat64(n * d);
      for (let i = 0; i < n; i++) {
        const r = (i % rows) * d;
        X.set(design.subarray(r, r + d), i * d);
      }
    }
  }
  const y = allocFloat64(n);
  if (model.noiseVariance > 0) fillNormal(stream, y, 0, Math.sqrt(model.noiseVariance));
  const w = model.w;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += X[row + j] * w[j];
    y[i] += s;
  }
  const noiseVariance = model.noiseVariance;
  if (model.design === undefined) return { kind: "regression", dim: d, X, y, noiseVariance };
  return { kind: "regression", dim: d, X, y, noiseVariance, design: model.design };
}

/**
 * ‖w − w*‖², the excess test error E[(x·w − x·w*)²] of a linear model for x ~ N(0, I_d)
 * (for design covariance Σ it would be ‖w − w*‖²_Σ; the regression truth has Σ = I).
 */
export function weightError(model: LinearModel, truth: LinearModel): number {
  if (model.dim !== truth.dim) {
    throw new InvalidParameterError(
      "test-error",
      "model.dim",
      `must equal the truth's dimension ${truth.dim}`,
      model.dim,
    );
  }
  let s = 0;
  for (let j = 0; j < model.dim; j++) {
    const e = model.w[j] - truth.w[j];
    s += e * e;
  }
  return s;
}
