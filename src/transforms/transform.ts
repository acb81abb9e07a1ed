import { temperatureCategorical, topKCategorical, topPCategorical } from "../model/categorical.ts";
import type { CategoricalData, Dataset, RealData, VectorData } from "../model/data.ts";
import type { Model } from "../model/models.ts";
import { isUnivariate } from "../model/models.ts";
import { mvGaussianLogDensity, mvGaussianTemperature } from "../model/mvGaussian.ts";
import { mapNgram } from "../model/ngram.ts";
import { sampleModel } from "../model/sampleModel.ts";
import { univariateLogPdf } from "../model/univariate.ts";
import type { RandomStream } from "../rng/index.ts";
import {
  assertInteger,
  assertPositive,
  assertProbability,
  InvalidParameterError,
} from "../util/validate.ts";

/**
 * A sampling transform, applied when a model generates its synthetic data.
 * - `temperature` τ: categorical p ∝ p^(1/τ); Gaussian and Gaussian-mixture components get
 *   variance τσ² (a Gaussian density raised to 1/τ is exactly N(μ, τσ²); this is the MAD paper's
 *   λ, Alemohammad et al. 2023); a multivariate Gaussian gets covariance τΣ.
 * - `top-k` / `top-p`: categorical truncation to the k most probable symbols / the nucleus of
 *   mass p (Holtzman et al. 2020).
 * - On an n-gram model, temperature, top-k and top-p apply to each context's next-token law
 *   (as decoding does in a language model); `select` does not apply.
 * - `select`: draw ⌈n/fraction⌉ samples and keep the n with the highest model log-likelihood
 *   (quality filtering: keep the best fraction under a score). For an mv-gaussian the score is
 *   the log-density on the model's support (see mvGaussianLogDensity): the smallest Mahalanobis
 *   distances are kept.
 */
export type Transform =
  | { readonly kind: "temperature"; readonly tau: number }
  | { readonly kind: "top-k"; readonly k: number }
  | { readonly kind: "top-p"; readonly p: number }
  | { readonly kind: "select"; readonly fraction: number };

/** Validates a transform eagerly (messages start with the transform name). */
export function checkTransform(t: Transform): Transform {
  switch (t.kind) {
    case "temperature":
      assertPositive("temperature", "tau", t.tau);
      return t;
    case "top-k":
      assertInteger("top-k", "k", t.k, 1);
      return t;
    case "top-p":
      assertProbability("top-p", "p", t.p);
      if (t.p === 0) throw new InvalidParameterError("top-p", "p", "must be > 0", t.p);
      return t;
    case "select":
      assertProbability("select", "fraction", t.fraction);
      if (t.fraction === 0) {
        throw new InvalidParameterError("select", "fraction", "must be > 0", t.fraction);
      }
      return t;
  }
}

/** Whether a transform applies to a model kind (used to reject incompatible pairs early). */
export function transformSupports(t: Transform, kind: Model["kind"]): boolean {
  switch (t.kind) {
    case "temperature":
      return (
        kind === "categorical" ||
        kind === "gaussian" ||
        kind === "mixture" ||
        kind === "ngram" ||
        kind === "mv-gaussian"
      );
    case "top-k":
    case "top-p":
      return kind === "categorical" || kind === "ngram";
    case "select":
      return (
        kind === "categorical" ||
        kind === "gaussian" ||
        kind === "mixture" ||
        kind === "student-t" ||
        kind === "pareto" ||
        kind === "mv-gaussian"
      );
  }
}

/** The distribution a model samples from under a distribution-level transform. */
export function transformModel(model: Model, t: Transform): Model {
  if (!transformSupports(t, model.kind)) {
    throw new InvalidParameterError(
      t.kind,
      "model.kind",
      "is not supported by this transform",
      model.kind,
    );
  }
  if (t.kind === "select") return model;
  if (model.kind === "categorical") {
    const p =
      t.kind === "temperature"
        ? temperatureCategorical(model.p, t.tau)
        : t.kind === "top-k"
          ? topKCategorical(model.p, t.k)
          : topPCategorical(model.p, t.p);
    return { kind: "categorical", p };
  }
  if (model.kind === "ngram") {
    // Per context: every context's next-token law (and the unseen-context law) is transformed.
    return mapNgram(model, (p) =>
      t.kind === "temperature"
        ? temperatureCategorical(p, t.tau)
        : t.kind === "top-k"
          ? topKCategorical(p, t.k)
          : topPCategorical(p, t.p),
    );
  }
  if (t.kind === "temperature" && model.kind === "gaussian") {
    return { kind: "gaussian", mean: model.mean, variance: model.variance * t.tau };
  }
  if (t.kind === "temperature" && model.kind === "mixture") {
    return { ...model, variances: model.variances.map((v) => v * t.tau) };
  }
  if (t.kind === "temperature" && model.kind === "mv-gaussian") {
    return mvGaussianTemperature(model, t.tau);
  }
  throw new InvalidParameterError(
    t.kind,
    "model.kind",
    "is not supported by this transform",
    model.kind,
  );
}

/** Keeps the n most likely of the drawn samples under `model`. */
function selectBest(model: Model, data: Dataset, n: number): Dataset {
  if (data.kind === "categorical" && model.kind === "categorical") {
    // Most likely samples = samples of the most probable symbols.
    const order = Array.from({ length: model.p.length }, (_, i) => i).sort(
      (a, b) => model.p[b] - model.p[a] || a - b,
    );
    const counts = new Int32Array(model.p.length);
    let left = n;
    for (const i of order) {
      const take = Math.min(left, data.counts[i]);
      counts[i] = take;
      left -= take;
      if (left === 0) break;
    }
    return { kind: "categorical", counts, size: n } satisfies CategoricalData;
  }
  if (data.kind === "real" && isUnivariate(model)) {
    const scored = Array.from(data.values, (x) => [univariateLogPdf(model, x), x] as const);
    scored.sort((a, b) => b[0] - a[0]);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = scored[i][1];
    return { kind: "real", values } satisfies RealData;
  }
  if (data.kind === "vector" && model.kind === "mv-gaussian") {
    const d = data.dim;
    const size = data.values.length / d;
    const score = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      score[i] = mvGaussianLogDensity(model, data.values.subarray(i * d, i * d + d));
    }
    const order = Array.from({ length: size }, (_, i) => i).sort(
      (a, b) => score[b] - score[a] || a - b,
    );
    const values = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      values.set(data.values.subarray(order[i] * d, order[i] * d + d), i * d);
    }
    return { kind: "vector", dim: d, values } satisfies VectorData;
  }
  throw new InvalidParameterError(
    "select",
    "model.kind",
    "is not supported by this transform",
    model.kind,
  );
}

/**
 * n synthetic samples from `model` under the transforms, applied in order: distribution-level
 * transforms change the sampled distribution; `select` oversamples and filters.
 */
export function synthesize(
  model: Model,
  transforms: readonly Transform[],
  stream: RandomStream,
  n: number,
): Dataset {
  let sampler = model;
  let select: number | undefined;
  for (const t of transforms) {
    if (t.kind === "select") select = (select ?? 1) * t.fraction;
    else sampler = transformModel(sampler, t);
  }
  if (select === undefined) return sampleModel(sampler, stream, n);
  const drawn = sampleModel(sampler, stream, Math.ceil(n / select));
  return selectBest(sampler, drawn, n);
}
