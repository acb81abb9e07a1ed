import { concatData } from "../model/data.ts";
import { linearModel, sampleLinear } from "../model/linear.ts";
import { derive } from "../rng/index.ts";
import { fillNormal } from "../sample/index.ts";
import {
  assertFinite,
  assertInteger,
  assertNonNegative,
  assertPositive,
  InvalidParameterError,
} from "../util/validate.ts";
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
 * Synthetic contamination of a regression truth's training data (Dohmatob, Feng, Subramonian &
 * Kempe, ICLR 2025; docs/theory.md#strong-model-collapse).
 */
export interface RegressionContamination {
  /**
   * Fraction p ∈ [0, 1] of every real training set labelled by the synthetic weights w_s instead
   * of w*: a draw of n points holds round(p·n) synthetic ones. @defaultValue 0
   */
  readonly synthetic?: number;
  /**
   * ‖w_s − w*‖ ≥ 0, the distance of the synthetic labeller from the truth. Its direction is a
   * unit vector uniform on the sphere drawn from derive(seed ?? 0, "truth", "regression",
   * "synthetic", d), so the truth is reproducible from its spec; with x ~ N(0, I_d) only the
   * norm enters the test error. Required when synthetic > 0, refused otherwise.
   */
  readonly shift?: number;
}

/**
 * The synthetic labeller w_s = w* + shift·u of a contaminated regression truth (u a unit vector
 * uniform on the sphere, drawn from derive(seed ?? 0, "truth", "regression", "synthetic", d)).
 */
export function syntheticRegressionWeights(
  wStar: Float64Array,
  shift: number,
  seed?: number,
): Float64Array {
  assertNonNegative("regression", "shift", shift);
  const d = wStar.length;
  const stream = derive(seed ?? 0, "truth", "regression", "synthetic", d);
  for (;;) {
    const z = fillNormal(stream, new Float64Array(d));
    let norm = 0;
    for (let j = 0; j < d; j++) norm += z[j] * z[j];
    // As in regressionWeights: z = 0 is practically impossible; a redraw keeps u defined.
    if (norm > 0) return wStar.map((w, j) => w + (shift * z[j]) / Math.sqrt(norm));
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
 * With `contamination.synthetic` = p > 0 the real data are a fixed mix (strong model collapse,
 * Dohmatob, Feng, Subramonian & Kempe, ICLR 2025; docs/theory.md#strong-model-collapse): a draw
 * of n points holds n_s = round(p·n) points labelled y = x·w_s + σε by the synthetic labeller
 * w_s = w* + shift·u ({@link syntheticRegressionWeights}) after n − n_s points labelled by w*,
 * every row x ~ N(0, I_d). OLS on n such points has
 *
 *   E‖ŵ − w*‖² = q²s² + q(1 − q)s²·((d + 1)n² − (d + 5)n + 2(d + 1))/((n − 1)(n + 2)(n − d − 1))
 *                + σ²d/(n − d − 1),        q = n_s/n, s = ‖w_s − w*‖
 *
 * (theory `strongCollapseTestError`): a floor q²s² that more data does not remove. The model
 * (generation 0) stays the clean law w*, against which `test-error` measures.
 *
 * Summaries are those of the clean label y, marginally N(0, ‖w*‖² + σ²) = N(0, 1 + σ²).
 * The truth has no tail set (`tail-mass` does not apply to linear models).
 *
 * @throws InvalidParameterError unless d is an integer ≥ 1, σ finite and > 0, the seed (when
 * given) an integer ≥ 0, synthetic in [0, 1], and shift finite and ≥ 0 — given exactly when
 * synthetic > 0.
 */
export function regressionTruth(
  d: number,
  sigma: number,
  seed?: number,
  contamination: RegressionContamination = {},
): Truth {
  assertInteger("regression", "d", d, 1, 1e6);
  assertPositive("regression", "sigma", sigma);
  const w = regressionWeights(d, seed);
  const model = linearModel(w, sigma * sigma);
  const variance = 1 + sigma * sigma;
  const { synthetic = 0, shift } = contamination;
  assertFinite("regression", "synthetic", synthetic);
  if (!(synthetic >= 0 && synthetic <= 1)) {
    throw new InvalidParameterError("regression", "synthetic", "must be in [0, 1]", synthetic);
  }
  if (synthetic > 0 && shift === undefined) {
    throw new InvalidParameterError(
      "regression",
      "shift",
      `must be given (‖w_s − w*‖ ≥ 0) when synthetic = ${synthetic} > 0`,
      shift,
    );
  }
  if (synthetic === 0 && shift !== undefined) {
    throw new InvalidParameterError(
      "regression",
      "shift",
      "has no effect without synthetic > 0 (give the synthetic fraction p)",
      shift,
    );
  }
  const params: Record<string, number> = seed === undefined ? { d, sigma } : { d, sigma, seed };
  let sampleReal = (stream: Parameters<Truth["sampleReal"]>[0], n: number) =>
    sampleLinear(model, stream, n);
  if (synthetic > 0 && shift !== undefined) {
    params.synthetic = synthetic;
    params.shift = shift;
    const labeller = linearModel(syntheticRegressionWeights(w, shift, seed), sigma * sigma);
    sampleReal = (stream, n) => {
      const nSynthetic = Math.round(synthetic * n);
      const real = sampleLinear(model, stream, n - nSynthetic);
      if (nSynthetic === 0) return real;
      return concatData(real, sampleLinear(labeller, stream, nSynthetic));
    };
  }
  return {
    id: "regression",
    params,
    model,
    dataKind: "regression",
    summaries: {
      mean: 0,
      variance,
      entropy: 0.5 * Math.log(2 * Math.PI * Math.E * variance),
    },
    sampleReal,
  };
}
