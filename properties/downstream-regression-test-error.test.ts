/**
 * Claim: a downstream OLS learner fitted to T points labelled (noise σ²) by the t-th of a chain of
 * OLS generators (each refitted on T₀ points with fresh Gaussian rows, the first on real data,
 * label noise σ₀²) has excess test error E‖ŵ − w*‖² = σ²d/(T − d − 1) + tσ₀²d/(T₀ − d − 1): its
 * own sample size and noise enter only the first term (exact, in expectation).
 *
 * What is new here: properties/regression-replace-test-error already checks the case T = T₀
 *   (the learner is generation t + 1 of a replace chain, (t + 1)σ²d/(M − d − 1)); this claim
 *   checks the two-sample-size, two-noise form — T ≠ T₀ drawn independently, σ ≥ σ₀ — through the
 *   `downstream` regime (its `noise` adds N(0, σ² − σ₀²) to the learner's labels).
 * Derivation (docs/theory.md#downstream-regression): every fit adds an independent increment
 *   u ~ N(0, s²W⁻¹), W ~ Wishart_d(n, I), E‖u‖² = s²d/(n − d − 1); mean and exact variance from
 *   downstreamTestErrorMoments (exact fractions and a numpy Monte Carlo in
 *   test/fixtures/make_theory_regression_mix.py).
 * Observation: per replicate, the mean of test-error at generation t + 1 over B = 32 chains.
 * Decision rule: meanEquals with the variance-bound interval (exact variance/B as the bound; valid for any law); precision 15% (support only;
 *   refutation does not depend on it). One chain's sd is ≤ 1.15 of its mean (numpy, 2e5 chains at
 *   the corners d = 2, T, T₀ ∈ {17, 200}, t ∈ {1, 5}, σ/σ₀ ∈ {1, 2}), so the interval's
 *   half-width plus z_0.9 (≈ 8.0 standard errors at 100 replicates) needs
 *   ≤ (8.0·1.15/0.15)²/32 ≈ 118 replicates: the second look. One chain's skewness is ≤ 3.0
 *   (numpy, same corners); the interval needs no normal approximation, so the claim runs at the
 *   default α = 1e-6 (it ran at 3.5e-7 to absorb the z-test's skew error).
 * Budget: α = 3.5e-7 per run, Bonferroni over 8 scenarios × 1 check × 5 looks (100 to 1600
 *   replicates).
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  logUniformInteger,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { downstreamTestErrorMoments } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 32;

export const claim = defineClaim({
  id: "downstream-regression-test-error",
  title: "Downstream OLS after t generations: E_test = σ²d/(T−d−1) + tσ₀²d/(T₀−d−1)",
  citation: {
    source:
      "Dohmatob, Feng & Kempe, NeurIPS 2024 (Model collapse demystified: the case of regression)",
    where:
      "test error of the downstream learner, unregularized under-parametrized case; docs/theory.md#downstream-regression",
  },
  statement:
    "An OLS learner fitted to T points labelled with noise σ² by the t-th of a chain of OLS generators (each refitted on T₀ fresh Gaussian rows, the first on real data, label noise σ₀²) has expected excess test error σ²d/(T − d − 1) + tσ₀²d/(T₀ − d − 1).",
  kind: "in-expectation",
  assumptions: [
    "x ~ N(0, I_d), label noise σ₀² for the generators, σ² for the learner, OLS with fresh design rows (ols:design=fresh)",
    "regime downstream:after=t,size=T,noise=σ² with M = T₀ samples; the learner is generation t + 1",
    "d ∈ [2, 6], T₀ ∈ [d + 15, 50], T ∈ [d + 15, 200] (log-uniform), t ∈ [1, 5], σ₀ ∈ [0.3, 2], σ/σ₀ ∈ [1, 2]",
  ],
  budget: { replicates: 100, maxReplicates: 1600 },
  scenario: uniformInteger({ min: 2, max: 6 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      generatorSamples: uniformInteger({ min: d + 15, max: 50 }),
      samples: logUniformInteger({ min: d + 15, max: 200 }),
      t: uniformInteger({ min: 1, max: 5 }),
      sigma0: uniformReal({ min: 0.3, max: 2, simplest: 1 }),
      ratio: uniformReal({ min: 1, max: 2, simplest: 1 }),
      wSeed: uniformInteger({ min: 0, max: 10_000 }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `regression:d=${s.d},sigma=${s.sigma0},seed=${s.wSeed}`,
        family: "ols:design=fresh",
        regime: `downstream:after=${s.t},size=${s.samples},noise=${(s.sigma0 * s.ratio) ** 2}`,
        samples: s.generatorSamples,
        generations: s.t + 1,
        metrics: ["test-error"],
      },
      range,
      { batch: B },
    );
    return { error: batchMeans(generationValues(r, "test-error", s.t + 1), B) };
  },
  checks: (s) => {
    const m = downstreamTestErrorMoments(
      s.d,
      s.t,
      { samples: s.generatorSamples, noiseVariance: s.sigma0 ** 2 },
      { samples: s.samples, noiseVariance: (s.sigma0 * s.ratio) ** 2 },
    );
    return [meanEquals("error", m.mean, { variance: m.variance / B, precision: 0.15 * m.mean })];
  },
});

verifyClaim(claim);
