import { categoricalEntropy, heterozygosity, supportSize } from "../model/categorical.ts";
import type { RealData } from "../model/data.ts";
import { weightError } from "../model/linear.ts";
import {
  isUnivariate,
  type Model,
  type MvGaussianModel,
  type UnivariateModel,
} from "../model/models.ts";
import {
  mvGaussianEntropy,
  mvGaussianKl,
  mvGaussianLogDet,
  mvGaussianMeanError,
  mvGaussianW2,
} from "../model/mvGaussian.ts";
import { ngramPerplexity, ngramSupport, ngramUnigramEntropy } from "../model/ngram.ts";
import {
  sampleUnivariate,
  univariateLogPdf,
  univariateMean,
  univariateVariance,
} from "../model/univariate.ts";
import { digamma, lbeta, trace } from "../numeric/index.ts";
import type { RandomStream } from "../rng/index.ts";
import { type TailSet, type Truth, tailMassOf } from "../truths/truth.ts";
import { InvalidParameterError, UndefinedQuantityError } from "../util/validate.ts";

/** Metric ids, as used by the CLI and reports. */
export const METRIC_IDS = [
  "variance",
  "log-variance",
  "log-det",
  "mean-error",
  "tail-mass",
  "support",
  "entropy",
  "heterozygosity",
  "kl",
  "tv",
  "w2",
  "test-error",
  "perplexity",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** What a metric sees besides the model: the original truth, its tail set, a Monte Carlo stream. */
export interface MetricContext {
  readonly truth: Truth;
  readonly tail: TailSet;
  /** Monte Carlo sample size for metrics without a closed form. */
  readonly mcSamples: number;
  /** A stream for Monte Carlo estimates, derived per (chain, generation, metric). */
  mcStream(): RandomStream;
}

/** A per-generation measurement of the fitted model against the original truth. */
export interface Metric {
  readonly id: MetricId;
  readonly description: string;
  /** Whether the metric is defined for a model kind (paired with the truth's). */
  supports(model: Model["kind"]): boolean;
  compute(model: Model, ctx: MetricContext): number;
}

const univariateKinds = new Set<Model["kind"]>(["gaussian", "mixture", "student-t", "pareto"]);

function asUnivariate(id: string, model: Model): UnivariateModel {
  if (!isUnivariate(model)) {
    throw new InvalidParameterError(id, "model.kind", "must be a univariate model", model.kind);
  }
  return model;
}

function asCategoricalP(id: string, model: Model): Float64Array {
  if (model.kind !== "categorical") {
    throw new InvalidParameterError(id, "model.kind", "must be categorical", model.kind);
  }
  return model.p;
}

/**
 * Differential entropy: closed forms for Gaussian, Student-t and Pareto; Monte Carlo
 * −(1/n) Σ ln f(X_i), X_i ~ model, for mixtures (standard error ≈ sd(ln f)/√n).
 */
export function univariateEntropy(model: UnivariateModel, ctx: MetricContext): number {
  switch (model.kind) {
    case "gaussian":
      return model.variance === 0
        ? Number.NEGATIVE_INFINITY
        : 0.5 * Math.log(2 * Math.PI * Math.E * model.variance);
    case "student-t": {
      const nu = model.nu;
      return (
        ((nu + 1) / 2) * (digamma((nu + 1) / 2) - digamma(nu / 2)) +
        0.5 * Math.log(nu) +
        lbeta(nu / 2, 0.5) +
        Math.log(model.scale)
      );
    }
    case "pareto":
      return Math.log(model.scale / model.shape) + 1 / model.shape + 1;
    case "mixture": {
      const x = sampleUnivariate(model, ctx.mcStream(), ctx.mcSamples).values;
      let s = 0;
      for (let i = 0; i < x.length; i++) s -= univariateLogPdf(model, x[i]);
      return s / x.length;
    }
  }
}

function truthSample(ctx: MetricContext): RealData {
  return sampleUnivariate(asUnivariate("truth", ctx.truth.model), ctx.mcStream(), ctx.mcSamples);
}

/** The model with the truth's model, both d-dimensional Gaussians (named error otherwise). */
function mvPair(id: string, m: Model, ctx: MetricContext): [MvGaussianModel, MvGaussianModel] {
  const t = ctx.truth.model;
  if (m.kind !== "mv-gaussian" || t.kind !== "mv-gaussian") {
    throw new InvalidParameterError(
      id,
      "model.kind",
      `must be mv-gaussian with an mv-gaussian truth (truth is ${t.kind})`,
      m.kind,
    );
  }
  if (m.dim !== t.dim) {
    throw new InvalidParameterError(
      id,
      "model.dim",
      `must equal the truth's dim (${t.dim})`,
      m.dim,
    );
  }
  return [m, t];
}

const metrics: Record<MetricId, Metric> = {
  variance: {
    id: "variance",
    description: "Var of the fitted model (exact; mv-gaussian: total variance tr Σ)",
    supports: (k) => univariateKinds.has(k) || k === "mv-gaussian",
    compute: (m) =>
      m.kind === "mv-gaussian"
        ? trace(m.cov, m.dim)
        : univariateVariance(asUnivariate("variance", m)),
  },
  "log-variance": {
    id: "log-variance",
    description:
      "natural log of the fitted model's variance (exact; mv-gaussian: ln tr Σ; −∞ once collapsed to a point)",
    supports: (k) => univariateKinds.has(k) || k === "mv-gaussian",
    compute: (m) =>
      Math.log(
        m.kind === "mv-gaussian"
          ? trace(m.cov, m.dim)
          : univariateVariance(asUnivariate("log-variance", m)),
      ),
  },
  "log-det": {
    id: "log-det",
    description:
      "log det of the covariance (1-D Gaussian: ln σ²) (exact; −∞ for a singular covariance, e.g. an mv-gaussian fitted to M ≤ d samples)",
    supports: (k) => k === "gaussian" || k === "mv-gaussian",
    compute: (m) =>
      m.kind === "mv-gaussian"
        ? mvGaussianLogDet(m)
        : Math.log((m as { variance: number }).variance),
  },
  "mean-error": {
    id: "mean-error",
    description: "‖μ_t − μ_0‖², squared distance of the model mean from the truth mean (exact)",
    supports: (k) => univariateKinds.has(k) || k === "mv-gaussian",
    compute: (m, ctx) => {
      if (m.kind === "mv-gaussian" || ctx.truth.model.kind === "mv-gaussian") {
        return mvGaussianMeanError(...mvPair("mean-error", m, ctx));
      }
      const d =
        univariateMean(asUnivariate("mean-error", m)) -
        univariateMean(asUnivariate("mean-error", ctx.truth.model));
      return d * d;
    },
  },
  "tail-mass": {
    id: "tail-mass",
    description:
      "mass the model gives to the truth's tail set at level q (categorical: least-probable symbols covering ≤ q; continuous: beyond the q and 1−q quantiles) (exact)",
    supports: (k) => k === "categorical" || univariateKinds.has(k),
    compute: (m, ctx) => tailMassOf(m, ctx.tail),
  },
  support: {
    id: "support",
    description:
      "number of symbols with non-zero probability (exact; n-gram: surviving vocabulary, the words and <unk> with non-zero unigram probability, </s> not counted)",
    supports: (k) => k === "categorical" || k === "ngram",
    compute: (m) =>
      m.kind === "ngram" ? ngramSupport(m) : supportSize(asCategoricalP("support", m)),
  },
  entropy: {
    id: "entropy",
    description:
      "entropy in nats (exact for categorical, Gaussian, Student-t, Pareto; Monte Carlo for mixtures; n-gram: entropy of the fitted unigram law, </s> included — not the entropy rate)",
    supports: (k) =>
      k === "categorical" || k === "ngram" || k === "mv-gaussian" || univariateKinds.has(k),
    compute: (m, ctx) =>
      m.kind === "categorical"
        ? categoricalEntropy(m.p)
        : m.kind === "ngram"
          ? ngramUnigramEntropy(m)
          : m.kind === "mv-gaussian"
            ? mvGaussianEntropy(m)
            : univariateEntropy(asUnivariate("entropy", m), ctx),
  },
  heterozygosity: {
    id: "heterozygosity",
    description: "1 − Σ p_i² (exact)",
    supports: (k) => k === "categorical",
    compute: (m) => heterozygosity(asCategoricalP("heterozygosity", m)),
  },
  kl: {
    id: "kl",
    description:
      "KL(truth ‖ model) in nats: exact for categorical (+∞ when the model gives 0 to a symbol the truth has; 0·ln 0 = 0) and Gaussian pairs (mv-gaussian: closed form, +∞ for a singular model covariance), else Monte Carlo over truth samples",
    supports: (k) => k === "categorical" || k === "mv-gaussian" || univariateKinds.has(k),
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m.kind === "mv-gaussian" || t.kind === "mv-gaussian") {
        const [model, truth] = mvPair("kl", m, ctx);
        return mvGaussianKl(truth, model);
      }
      if (m.kind === "categorical" && t.kind === "categorical") {
        let kl = 0;
        for (let i = 0; i < t.p.length; i++) {
          if (t.p[i] === 0) continue;
          if (m.p[i] === 0) return Number.POSITIVE_INFINITY;
          kl += t.p[i] * Math.log(t.p[i] / m.p[i]);
        }
        return Math.max(0, kl);
      }
      if (m.kind === "gaussian" && t.kind === "gaussian") {
        if (m.variance === 0) return Number.POSITIVE_INFINITY;
        const d = t.mean - m.mean;
        return (
          0.5 * Math.log(m.variance / t.variance) + (t.variance + d * d) / (2 * m.variance) - 0.5
        );
      }
      const model = asUnivariate("kl", m);
      const truth = asUnivariate("kl", t);
      const x = truthSample(ctx).values;
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const lm = univariateLogPdf(model, x[i]);
        if (lm === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
        s += univariateLogPdf(truth, x[i]) - lm;
      }
      return s / x.length;
    },
  },
  tv: {
    id: "tv",
    description:
      "total variation distance: exact for categorical (½Σ|p−q|), else Monte Carlo E_truth[max(0, 1 − f_model/f_truth)]",
    supports: (k) => k === "categorical" || univariateKinds.has(k),
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m.kind === "categorical" && t.kind === "categorical") {
        let s = 0;
        for (let i = 0; i < t.p.length; i++) s += Math.abs(t.p[i] - m.p[i]);
        return 0.5 * s;
      }
      const model = asUnivariate("tv", m);
      const truth = asUnivariate("tv", t);
      const x = truthSample(ctx).values;
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const r = Math.exp(univariateLogPdf(model, x[i]) - univariateLogPdf(truth, x[i]));
        if (r < 1) s += 1 - r;
      }
      return s / x.length;
    },
  },
  w2: {
    id: "w2",
    description:
      "squared 2-Wasserstein distance W₂²: closed form (μ−μ₀)² + (σ−σ₀)² between Gaussians (mv-gaussian: the Bures form ‖μ−μ₀‖² + tr Σ + tr Σ₀ − 2 tr(Σ₀^½ Σ Σ₀^½)^½), else Monte Carlo from sorted samples of both",
    supports: (k) => univariateKinds.has(k) || k === "mv-gaussian",
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m.kind === "mv-gaussian" || t.kind === "mv-gaussian") {
        const [model, truth] = mvPair("w2", m, ctx);
        return mvGaussianW2(truth, model);
      }
      if (m.kind === "gaussian" && t.kind === "gaussian") {
        const dm = m.mean - t.mean;
        const ds = Math.sqrt(m.variance) - Math.sqrt(t.variance);
        return dm * dm + ds * ds;
      }
      const stream = ctx.mcStream();
      const a = sampleUnivariate(asUnivariate("w2", m), stream, ctx.mcSamples).values.sort();
      const b = sampleUnivariate(asUnivariate("w2", t), stream, ctx.mcSamples).values.sort();
      let s = 0;
      for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
      return s / a.length;
    },
  },
  "test-error": {
    id: "test-error",
    description:
      "‖w_t − w*‖², excess test error E[(x·w_t − x·w*)²] of a linear model for x ~ N(0, I) (exact)",
    supports: (k) => k === "linear",
    compute: (m, ctx) => {
      const t = ctx.truth.model;
      if (m.kind !== "linear" || t.kind !== "linear") {
        throw new InvalidParameterError(
          "test-error",
          "model.kind",
          "must be linear (with a linear truth)",
          m.kind,
        );
      }
      return weightError(m, t);
    },
  },
  perplexity: {
    id: "perplexity",
    description:
      "held-out perplexity exp(−(1/N) Σ ln P(x_i | context_i)) of the truth's held-out text (never trained on; every token, </s> included) under the n-gram model (exact); +∞ when the model gives probability 0 to a held-out token, which an MLE (k = 0) model does for any unseen n-gram or word — finite with add-k smoothing",
    supports: (k) => k === "ngram",
    compute: (m, ctx) => {
      const heldOut = ctx.truth.heldOut;
      if (m.kind !== "ngram") {
        throw new InvalidParameterError("perplexity", "model.kind", "must be ngram", m.kind);
      }
      if (heldOut?.kind !== "sequence") {
        throw new InvalidParameterError(
          "perplexity",
          "truth",
          "must have held-out text (a text truth)",
          ctx.truth.id,
        );
      }
      return ngramPerplexity(m, heldOut);
    },
  },
};

/** The metric with this id; an unknown id is a named error listing the valid ones. */
export function metricById(id: string): Metric {
  if (!(METRIC_IDS as readonly string[]).includes(id)) {
    throw new InvalidParameterError("metric", "id", `must be one of ${METRIC_IDS.join(", ")}`, id);
  }
  return metrics[id as MetricId];
}

export { UndefinedQuantityError };
