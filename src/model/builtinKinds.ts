import { digamma, lbeta, trace } from "../numeric/index.ts";
import {
  categoricalEntropy,
  sampleCategorical,
  supportSize,
  temperatureCategorical,
} from "./categorical.ts";
import type { Dataset, SequenceData, VectorData } from "./data.ts";
import {
  empiricalCdf,
  empiricalMean,
  empiricalQuantile,
  empiricalSf,
  empiricalSupport,
  empiricalVariance,
  sampleEmpirical,
} from "./empirical.ts";
import type { ModelKindDefinition, MonteCarlo } from "./kinds.ts";
import { sampleLinear, weightError } from "./linear.ts";
import type { Model, UnivariateModel } from "./models.ts";
import {
  mvGaussianEntropy,
  mvGaussianKl,
  mvGaussianLogDensity,
  mvGaussianLogDet,
  mvGaussianTemperature,
  mvGaussianVectorLogDensity,
  mvGaussianW2,
  sampleMvGaussian,
} from "./mvGaussian.ts";
import {
  mvKdeComponents,
  mvKdeLogDensity,
  mvKdeMean,
  mvKdeTemperature,
  mvKdeVariance,
  sampleMvKde,
} from "./mvKde.ts";
import {
  monteCarloEntropy,
  mvMixtureComponents,
  mvMixtureLogDensity,
  mvMixtureMean,
  mvMixtureTemperature,
  mvMixtureVariance,
  sampleMvMixture,
} from "./mvMixture.ts";
import {
  mapNgram,
  ngramPerplexity,
  ngramSupport,
  ngramSymbolMass,
  ngramTokenLogProbs,
  ngramUnigramEntropy,
  sampleNgram,
} from "./ngram.ts";
import { sampleToyLaw, type ToyLaw, toyLawMean, toyLawVariance } from "./toyLaws.ts";
import {
  sampleUnivariate,
  univariateCdf,
  univariateLogPdf,
  univariateMean,
  univariateQuantile,
  univariateSf,
  univariateVariance,
} from "./univariate.ts";

/**
 * Differential entropy of a univariate model: closed forms for Gaussian (½ ln 2πeσ²), Student-t
 * (((ν+1)/2)(ψ((ν+1)/2) − ψ(ν/2)) + ln(√ν B(ν/2, ½)) + ln scale) and Pareto
 * (ln(scale/a) + 1/a + 1); Monte Carlo −(1/n) Σ ln f(X_i), X_i ~ model, for mixtures (standard
 * error ≈ sd(ln f)/√n).
 */

/** A sequence data set, or a TypeError naming the operation (language-model operations). */
function asSequence(operation: string, data: Dataset): SequenceData {
  if (data.kind !== "sequence") {
    throw new TypeError(`ngram ${operation}: data must be a sequence, got ${data.kind}`);
  }
  return data;
}

export function univariateEntropy(model: UnivariateModel, mc: MonteCarlo): number {
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
      const x = sampleUnivariate(model, mc.stream(), mc.samples).values;
      let s = 0;
      for (let i = 0; i < x.length; i++) s -= univariateLogPdf(model, x[i]);
      return s / x.length;
    }
  }
}

/** KL(p ‖ q) = Σ p_i ln(p_i/q_i) in nats; +∞ when q_i = 0 < p_i; 0·ln 0 = 0. */
export function categoricalKl(p: Float64Array, q: Float64Array): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    if (q[i] === 0) return Number.POSITIVE_INFINITY;
    kl += p[i] * Math.log(p[i] / q[i]);
  }
  return Math.max(0, kl);
}

/** Per-row log-densities of real data under a univariate model (the `select` score). */
function univariateScores(model: UnivariateModel, data: Dataset): Float64Array {
  const values = (data as { values: Float64Array }).values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = univariateLogPdf(model, values[i]);
  return out;
}

type Of<K extends Model["kind"]> = Extract<Model, { kind: K }>;

/** Vector data, or a TypeError naming the kind (the `select` score of vector kinds). */
function asVector(kind: string, data: Dataset): VectorData {
  if (data.kind !== "vector") {
    throw new TypeError(`${kind} scores: data must be vector data, got ${data.kind}`);
  }
  return data;
}

/** The operations of scikit-learn's toy laws: sampling and exact moments, no density. */
function toyLawOps<K extends ToyLaw["kind"]>() {
  return {
    dataKind: "vector",
    sample: (m: Of<K>, stream, n) => sampleToyLaw(m, stream, n),
    mean: (m: Of<K>) => toyLawMean(m),
    variance: (m: Of<K>) => toyLawVariance(m),
  } satisfies Omit<ModelKindDefinition<Of<K>>, "kind" | "description">;
}

/** The operations every distribution on the real line shares (the univariate dispatchers). */
function univariateOps<K extends UnivariateModel["kind"]>() {
  return {
    dataKind: "real",
    sample: (m: Of<K>, stream, n, reuse) => sampleUnivariate(m, stream, n, reuse),
    mean: (m: Of<K>) => univariateMean(m),
    variance: (m: Of<K>) => univariateVariance(m),
    entropy: (m: Of<K>, mc: MonteCarlo) => univariateEntropy(m, mc),
    logDensity: (m: Of<K>, x: number) => univariateLogPdf(m, x),
    cdf: (m: Of<K>, x: number) => univariateCdf(m, x),
    sf: (m: Of<K>, x: number) => univariateSf(m, x),
    quantile: (m: Of<K>, p: number) => univariateQuantile(m, p),
    scores: (m: Of<K>, data: Dataset) => univariateScores(m, data),
  } satisfies Omit<ModelKindDefinition<Of<K>>, "kind" | "description">;
}

/**
 * The operation table of every built-in model kind. Typed as a mapped type over the built-in
 * `Model` union, so a built-in kind without an entry does not compile.
 */
export const BUILTIN_MODEL_KINDS: { readonly [K in Model["kind"]]: ModelKindDefinition<Of<K>> } = {
  categorical: {
    kind: "categorical",
    description: "categorical law p over symbols 0…k−1",
    dataKind: "categorical",
    sample: (m, stream, n, reuse) => sampleCategorical(m, stream, n, reuse),
    entropy: (m) => categoricalEntropy(m.p),
    probabilities: (m) => m.p,
    support: (m) => supportSize(m.p),
    kl: (t, m) => categoricalKl(t.p, m.p),
    temperature: (m, tau) => ({ kind: "categorical", p: temperatureCategorical(m.p, tau) }),
    mapProbabilities: (m, f) => ({ kind: "categorical", p: f(m.p) }),
    scores: (m) => m.p.map(Math.log),
  },
  gaussian: {
    kind: "gaussian",
    description: "1-D Gaussian N(mean, variance)",
    ...univariateOps<"gaussian">(),
    logDet: (m) => Math.log(m.variance),
    kl: (t, m) => {
      if (m.variance === 0) return Number.POSITIVE_INFINITY;
      const d = t.mean - m.mean;
      return (
        0.5 * Math.log(m.variance / t.variance) + (t.variance + d * d) / (2 * m.variance) - 0.5
      );
    },
    w2: (t, m) => {
      const dm = m.mean - t.mean;
      const ds = Math.sqrt(m.variance) - Math.sqrt(t.variance);
      return dm * dm + ds * ds;
    },
    temperature: (m, tau) => ({ kind: "gaussian", mean: m.mean, variance: m.variance * tau }),
    gaussianMixture: (m) => ({
      dim: 1,
      weights: Float64Array.of(1),
      means: Float64Array.of(m.mean),
      covariances: Float64Array.of(m.variance),
    }),
  },
  mixture: {
    kind: "mixture",
    description: "1-D Gaussian mixture Σ w_j N(μ_j, σ_j²) (fitted GMM, Gaussian KDE, GMM truth)",
    ...univariateOps<"mixture">(),
    temperature: (m, tau) => ({ ...m, variances: m.variances.map((v) => v * tau) }),
    gaussianMixture: (m) => ({
      dim: 1,
      weights: m.weights,
      means: m.means,
      covariances: m.variances,
    }),
  },
  "student-t": {
    kind: "student-t",
    description: "location + scale·T_ν",
    ...univariateOps<"student-t">(),
  },
  pareto: {
    kind: "pareto",
    description: "Pareto type I on [scale, ∞): P(X > x) = (scale/x)^shape",
    ...univariateOps<"pareto">(),
  },
  empirical: {
    kind: "empirical",
    description: "empirical law of a sample: mass 1/n on each value (the bootstrap)",
    dataKind: "real",
    sample: (m, stream, n) => sampleEmpirical(m, stream, n),
    mean: (m) => empiricalMean(m),
    variance: (m) => empiricalVariance(m),
    support: (m) => empiricalSupport(m),
    cdf: (m, x) => empiricalCdf(m, x),
    sf: (m, x) => empiricalSf(m, x),
    quantile: (m, p) => empiricalQuantile(m, p),
  },
  "mv-gaussian": {
    kind: "mv-gaussian",
    description: "d-dimensional Gaussian N(mean, cov)",
    dataKind: "vector",
    sample: (m, stream, n) => sampleMvGaussian(m, stream, n),
    mean: (m) => m.mean,
    variance: (m) => trace(m.cov, m.dim),
    logDet: (m) => mvGaussianLogDet(m),
    entropy: (m) => mvGaussianEntropy(m),
    kl: (t, m) => mvGaussianKl(t, m),
    w2: (t, m) => mvGaussianW2(t, m),
    temperature: (m, tau) => mvGaussianTemperature(m, tau),
    vectorLogDensity: (m, data) => mvGaussianVectorLogDensity(m, data),
    gaussianMixture: (m) => ({
      dim: m.dim,
      weights: Float64Array.of(1),
      means: m.mean,
      covariances: m.cov,
    }),
    scores: (m, data) => {
      const v = data as { dim: number; values: Float64Array };
      const size = v.values.length / v.dim;
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        out[i] = mvGaussianLogDensity(m, v.values.subarray(i * v.dim, i * v.dim + v.dim));
      }
      return out;
    },
  },
  "mv-mixture": {
    kind: "mv-mixture",
    description:
      "d-dimensional Gaussian mixture Σ w_j N(μ_j, Σ_j), full covariances (gmm fitted to vector data, d-dimensional gmm truth, blobs)",
    dataKind: "vector",
    sample: (m, stream, n) => sampleMvMixture(m, stream, n),
    mean: (m) => mvMixtureMean(m),
    variance: (m) => mvMixtureVariance(m),
    entropy: (m, mc) =>
      monteCarloEntropy(
        (s, n) => sampleMvMixture(m, s, n),
        (x) => mvMixtureLogDensity(m, x),
        mc,
      ),
    vectorLogDensity: (m, data) => mvMixtureLogDensity(m, data),
    gaussianMixture: (m) => mvMixtureComponents(m),
    temperature: (m, tau) => mvMixtureTemperature(m, tau),
    scores: (m, data) => mvMixtureLogDensity(m, asVector("mv-mixture", data)),
  },
  "mv-kde": {
    kind: "mv-kde",
    description:
      "d-dimensional Gaussian KDE (1/n) Σ N(x_i, H), one kernel covariance H (kde fitted to vector data)",
    dataKind: "vector",
    sample: (m, stream, n) => sampleMvKde(m, stream, n),
    mean: (m) => mvKdeMean(m),
    variance: (m) => mvKdeVariance(m),
    entropy: (m, mc) =>
      monteCarloEntropy(
        (s, n) => sampleMvKde(m, s, n),
        (x) => mvKdeLogDensity(m, x),
        mc,
      ),
    vectorLogDensity: (m, data) => mvKdeLogDensity(m, data),
    gaussianMixture: (m) => mvKdeComponents(m),
    temperature: (m, tau) => mvKdeTemperature(m, tau),
    scores: (m, data) => mvKdeLogDensity(m, asVector("mv-kde", data)),
  },
  moons: {
    kind: "moons",
    description:
      "scikit-learn's make_moons as an i.i.d. law: two half circles, uniform angle, each with probability ½, plus N(0, noise²I₂); no density",
    ...toyLawOps<"moons">(),
  },
  circles: {
    kind: "circles",
    description:
      "scikit-learn's make_circles as an i.i.d. law: the unit circle or the circle of radius factor with probability ½ each, uniform angle, plus N(0, noise²I₂); no density",
    ...toyLawOps<"circles">(),
  },
  "swiss-roll": {
    kind: "swiss-roll",
    description:
      "scikit-learn's make_swiss_roll as an i.i.d. law: (t cos t, y, t sin t), t ~ U(1.5π, 4.5π), y ~ U(0, 21), plus N(0, noise²I) (dim 2: the (x, z) coordinates); no density",
    ...toyLawOps<"swiss-roll">(),
  },
  linear: {
    kind: "linear",
    description: "linear regression y = x·w + ε, ε ~ N(0, noiseVariance)",
    dataKind: "regression",
    sample: (m, stream, n) => sampleLinear(m, stream, n),
    testError: (t, m) => weightError(m, t),
  },
  ngram: {
    kind: "ngram",
    description: "n-gram language model over a vocabulary, </s> the sentence boundary",
    dataKind: "sequence",
    sample: (m, stream, n) => sampleNgram(m, stream, n),
    entropy: (m) => ngramUnigramEntropy(m),
    support: (m) => ngramSupport(m),
    perplexity: (m, heldOut) => {
      if (heldOut.kind !== "sequence") {
        throw new TypeError(
          `ngram perplexity: held-out data must be a sequence, got ${heldOut.kind}`,
        );
      }
      return ngramPerplexity(m, heldOut);
    },
    tokenLogProbs: (m, data) => ngramTokenLogProbs(m, asSequence("tokenLogProbs", data)),
    symbolMass: (m, symbols, contexts) =>
      ngramSymbolMass(m, symbols, asSequence("symbolMass", contexts)),
    temperature: (m, tau) => mapNgram(m, (p) => temperatureCategorical(p, tau)),
    mapProbabilities: (m, f) => mapNgram(m, f),
  },
};
