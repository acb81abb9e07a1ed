/**
 * Claim: under replace with the unbiased variance, E[W₂²(N(μ_t, σ²_t), N(μ, σ²))] =
 * tσ²/M + 2σ²(1 − c_M^t) ≥ tσ²/M, c_M = E[σ_{t+1}/σ_t]: it grows without bound (exact, in
 * expectation; only the expectation diverges, docs/theory.md#pitfall-mean-vs-typical).
 *
 * Derivation (docs/theory.md#gaussian-w2): W₂² = (μ_t − μ)² + (σ_t − σ)², E[(μ_t − μ)²] = tσ²/M,
 *   E[σ_t] = σc_M^t; the variance from the joint moment recursion (gaussianW2Moments). t/M ≤ 0.15
 *   keeps the heavy tails mild (docs/theory.md#pitfall-heavy-tails).
 * Observation: per replicate, the mean of `w2` at t over B = 100 chains (runReplicates, batch B).
 * Decision rules: (1) meanEquals with the variance-bound interval (exact variance/B as the bound; valid for any law), precision 10% (one
 *   chain's sd ≤ 1.16× its mean, numpy: ≤ 90 replicates, first look); (2) meanAtLeast tσ²/M, same
 *   interval (the mean exceeds it by ≈ tσ²/(2M), over 20 standard errors at the first look). No
 *   normal approximation (one chain's skewness is ≤ 3.3, numpy).
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 2 checks × 5 looks.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  logUniformReal,
  meanAtLeast,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { gaussianW2Moments } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 100;

export const claim = defineClaim({
  id: "gaussian-w2-diverges",
  title: "Gaussian-unbiased replace: E[W₂²_t] = tσ²/M + 2σ²(1 − c_M^t) ≥ tσ²/M → ∞",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "Theorem 3.1 (E[W₂²] → ∞), SI eq. 6; docs/theory.md#gaussian-w2",
  },
  statement:
    "The expected squared 2-Wasserstein distance from the truth of a Gaussian refitted (unbiased variance) to M of its own samples is tσ²/M + 2σ²(1 − c_M^t), at least tσ²/M, so it diverges linearly in t.",
  kind: "in-expectation",
  assumptions: ["truth N(μ, σ²), gaussian-unbiased, replace", "M ∈ [8, 40], t ≤ max(1, 0.15M)"],
  scenario: uniformInteger({ min: 8, max: 40 }).chain((samples) =>
    fc.record({
      samples: fc.constant(samples),
      t: uniformInteger({ min: 1, max: Math.max(1, Math.floor(0.15 * samples)) }),
      mean: uniformReal({ min: -10, max: 10, simplest: 0 }),
      // σ spans more than a decade: log-uniform, shrinking to the standard normal.
      sd: logUniformReal({ min: 0.25, max: 4, simplest: 1 }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
        family: "gaussian-unbiased",
        regime: "replace",
        samples: s.samples,
        generations: s.t,
        metrics: ["w2"],
        recordAt: [s.t],
      },
      range,
      { batch: B },
    );
    return { w2: batchMeans(generationValues(r, "w2", s.t), B) };
  },
  checks: (s) => {
    const v = s.sd * s.sd;
    const m = gaussianW2Moments(s.samples, s.t);
    const expected = m.mean * v;
    const variance = (m.variance * v * v) / B;
    return [
      meanEquals("w2", expected, { variance, precision: 0.1 * expected }),
      meanAtLeast("w2", (s.t * v) / s.samples, { variance }),
    ];
  },
});

verifyClaim(claim);
