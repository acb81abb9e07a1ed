/**
 * Exponential distributions as a plug-in: a model kind, a truth and an MLE family, written
 * only against the public API (`collapse-harness/engine`) — the way a user adds a family.
 * Registered for the whole project by one line in package.json (`collapse.plugins`).
 *
 * Model: Exp with mean θ > 0, density f(x) = θ⁻¹ e^{−x/θ} on x ≥ 0.
 * Fit (MLE): θ̂ = x̄, the sample mean (the MLE of the rate is 1/x̄).
 * Theory of the recursive fit: docs/theory.md#exponential-mle-chain.
 */
import {
  defineFamily,
  defineModelKind,
  defineTruth,
  fillExponential,
  InvalidParameterError,
  type RealData,
} from "collapse-harness/engine";

/** An exponential distribution with mean θ > 0 (rate 1/θ). */
export interface ExponentialModel {
  readonly kind: "exponential";
  readonly mean: number;
}

/** Exp(mean θ), θ > 0. */
export function exponentialModel(mean: number): ExponentialModel {
  if (!(Number.isFinite(mean) && mean > 0)) {
    throw new InvalidParameterError(
      "exponentialModel",
      "mean",
      "must be a finite number > 0",
      mean,
    );
  }
  return { kind: "exponential", mean };
}

defineModelKind<ExponentialModel>({
  kind: "exponential",
  description: "Exp with mean θ: f(x) = e^{−x/θ}/θ on x ≥ 0",
  dataKind: "real",
  sample: (m, stream, n): RealData => ({
    kind: "real",
    values: fillExponential(stream, new Float64Array(n), 1 / m.mean),
  }),
  mean: (m) => m.mean,
  variance: (m) => m.mean * m.mean,
  // h = 1 + ln θ nats.
  entropy: (m) => 1 + Math.log(m.mean),
  logDensity: (m, x) => (x < 0 ? Number.NEGATIVE_INFINITY : -Math.log(m.mean) - x / m.mean),
  cdf: (m, x) => (x <= 0 ? 0 : -Math.expm1(-x / m.mean)),
  sf: (m, x) => (x <= 0 ? 1 : Math.exp(-x / m.mean)),
  quantile: (m, p) => -m.mean * Math.log1p(-p),
  // KL(Exp(θ₀) ‖ Exp(θ)) = ln(θ/θ₀) + θ₀/θ − 1 (metrics call it only for two exponentials).
  kl: (truth, m) => {
    const r = truth.mean / m.mean;
    return r - Math.log(r) - 1;
  },
  // Quantiles are θ·(−ln(1−u)), so W₂² = (θ₀ − θ)²·E[E²] = 2(θ₀ − θ)² for E ~ Exp(1).
  w2: (truth, m) => 2 * (truth.mean - m.mean) ** 2,
  // f^{1/τ} ∝ e^{−x/(τθ)}: the exponential with mean τθ.
  temperature: (m, tau) => exponentialModel(m.mean * tau),
});

defineTruth({
  name: "exponential",
  description: "Exp with mean θ (rate 1/θ)",
  params: {
    mean: { type: "number", default: 1, min: 0, exclusiveMin: true, description: "mean θ > 0" },
  },
  create: ({ mean }) => ({
    model: exponentialModel(mean),
    summaries: { mean, variance: mean * mean, entropy: 1 + Math.log(mean) },
  }),
});

defineFamily({
  name: "exponential-mle",
  description: "exponential by maximum likelihood: θ̂ = sample mean",
  dataKind: "real",
  modelKind: "exponential",
  fit: (data: RealData): ExponentialModel => {
    let sum = 0;
    for (let i = 0; i < data.values.length; i++) sum += data.values[i];
    return exponentialModel(sum / data.values.length);
  },
});
