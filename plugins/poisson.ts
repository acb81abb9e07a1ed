/**
 * Poisson distributions as a plug-in (not registered project-wide: load it with
 * `--plugin plugins/poisson.ts`): a model kind, a truth and an MLE family, written only against
 * the public API (`collapse-harness/engine`). It runs Suresh, Thangaraj & Khandavally's Poisson
 * experiment (AISTATS 2025, Theorem 2) as one `collapse simulate` line (docs/peers.md).
 *
 * Model: Poisson with rate λ ≥ 0, pmf λ^k e^{−λ}/k! on k = 0, 1, …; λ = 0 is the point mass at
 * 0, which the MLE chain reaches and never leaves.
 * Fit (MLE): λ̂ = x̄, the sample mean.
 * Theory of the recursive fit: docs/theory.md#poisson-mle-chain; nΛ_k is a Galton–Watson
 * process with Poisson(1) offspring, so P(Λ_k ≠ 0) = 1 − exp(−nλ₀g_k) exactly (g_k of
 * docs/theory.md#suresh-bernoulli-survival).
 */
import {
  defineFamily,
  defineModelKind,
  defineTruth,
  fillPoisson,
  InvalidParameterError,
  type RealData,
} from "collapse-harness/engine";

/** A Poisson distribution with rate λ ≥ 0. */
export interface PoissonModel {
  readonly kind: "poisson";
  readonly rate: number;
}

/** Poisson(λ), λ finite and ≥ 0 (and at most 2^30, the exact sampler's limit). */
export function poissonModel(rate: number): PoissonModel {
  if (!(Number.isFinite(rate) && rate >= 0 && rate <= 2 ** 30)) {
    throw new InvalidParameterError("poissonModel", "rate", "must be a number in [0, 2^30]", rate);
  }
  return { kind: "poisson", rate };
}

defineModelKind<PoissonModel>({
  kind: "poisson",
  description: "Poisson with rate λ ≥ 0: pmf λ^k e^{−λ}/k! (λ = 0: the point mass at 0)",
  dataKind: "real",
  sample: (m, stream, n): RealData => ({
    kind: "real",
    values: Float64Array.from(fillPoisson(stream, new Int32Array(n), m.rate)),
  }),
  mean: (m) => m.rate,
  variance: (m) => m.rate,
  // KL(Pois(a) ‖ Pois(b)) = a ln(a/b) − a + b (a = 0: b; b = 0 < a: +∞).
  kl: (truth, m) => {
    const a = truth.rate;
    const b = m.rate;
    if (a === 0) return b;
    if (b === 0) return Number.POSITIVE_INFINITY;
    return a * Math.log(a / b) - a + b;
  },
});

defineTruth({
  name: "poisson",
  description: "Poisson with rate λ",
  params: {
    rate: { type: "number", required: true, min: 0, exclusiveMin: true, description: "λ > 0" },
  },
  create: ({ rate }) => ({
    model: poissonModel(rate),
    summaries: { mean: rate, variance: rate },
  }),
});

defineFamily({
  name: "poisson-mle",
  description: "Poisson by maximum likelihood: λ̂ = sample mean",
  dataKind: "real",
  modelKind: "poisson",
  fit: (data: RealData): PoissonModel => {
    let sum = 0;
    for (let i = 0; i < data.values.length; i++) sum += data.values[i];
    return poissonModel(sum / data.values.length);
  },
});
