import { linearModel, sampleLinear } from "../model/linear.ts";
import { derive } from "../rng/index.ts";
import { fillNormal } from "../sample/index.ts";
import { assertInteger, assertPositive } from "../util/validate.ts";
import type { Truth } from "./truth.ts";

/**
 * The true weights w* of a d-dimensional regression truth, always a unit vector (‖w*‖ = 1):
 * - no seed: (1, …, 1)/√d;
 * - a seed: uniform on the unit sphere, z/‖z‖ with z ~ N(0, I_d) drawn from
 *   derive(seed, "truth", "regression", d), so the truth is reproducible from its spec.
 */
export function regressionWeights(d: number, seed?: number): Float64Array {
  assertInteger("regression", "d", d, 1, 1e6);
  if (seed === undefined) return new Float64Array(d).fill(1 / Math.sqrt(d));
  assertInteger("regression", "seed", seed);
  const stream = derive(seed, "truth", "regression", d);
  for (;;) {
    const z = fillNormal(stream, new Float64Array(d));
    let norm = 0;
    for (let j = 0; j < d; j++) norm += z[j] * z[j];
    // z = 0 (every draw exactly 0) is practically impossible; a redraw keeps the result defined.
    if (norm > 0) return z.map((v) => v / Math.sqrt(norm));
  }
}

/**
 * Linear regression truth (Gerstgrasser et al. 2024, Kazdan et al. 2024, Dohmatob et al. 2024;
 * docs/theory.md#regression-replace): design rows x ~ N(0, I_d), labels y = x·w* + σε,
 * ε ~ N(0, 1), with ‖w*‖ = 1
 * (see {@link regressionWeights}). Its model (generation 0) is the linear model w = w*,
 * noiseVariance σ², fresh design; real data carries `noiseVariance` σ². Because Σ = I, the
 * excess test error of weights w is exactly ‖w − w*‖² (metric `test-error`).
 *
 * Summaries are those of the label y, marginally N(0, ‖w*‖² + σ²) = N(0, 1 + σ²).
 * The truth has no tail set (`tail-mass` does not apply to linear models).
 *
 * @throws InvalidParameterError unless d is an integer ≥ 1, σ finite and > 0, and the seed (when
 * given) an integer ≥ 0.
 */
export function regressionTruth(d: number, sigma: number, seed?: number): Truth {
  assertInteger("regression", "d", d, 1, 1e6);
  assertPositive("regression", "sigma", sigma);
  const w = regressionWeights(d, seed);
  const model = linearModel(w, sigma * sigma);
  const variance = 1 + sigma * sigma;
  return {
    id: "regression",
    params: seed === undefined ? { d, sigma } : { d, sigma, seed },
    model,
    dataKind: "regression",
    summaries: {
      mean: 0,
      variance,
      entropy: 0.5 * Math.log(2 * Math.PI * Math.E * variance),
    },
    sampleReal: (stream, n) => sampleLinear(model, stream, n),
  };
}
