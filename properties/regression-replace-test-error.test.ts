/**
 * Claim: linear regression refitted by OLS on its own relabelled data (replace) has excess test
 * error E‖w_t − w*‖² = σ²dt/(M − d − 1): it grows linearly in the number of fits (exact, in
 * expectation).
 *
 * Derivation (docs/theory.md#regression-replace): with a fixed design X, e_t = w_t − w* =
 *   (XᵀX)⁻¹Xᵀ Σ_{i≤t} ε_i ~ N(0, σ²t·W⁻¹) given W = XᵀX ~ Wishart_d(M, I); mean and variance of
 *   ‖e_t‖² from the inverse-Wishart moments (olsTestErrorMoments), whatever w*.
 * Observation: per replicate, the mean of `test-error` over B = 32 chains (runReplicates, batch B).
 * Decision rule: meanEquals with the variance-bound interval (exact variance/B as the bound; valid for any law); precision 10% (consecutive t differ
 *   by ≥ 17%). One chain's sd is √(2(M−1)/(d(M−d−3))) ≤ 1.15 of its mean, so
 *   ≤ (8.0·1.15/0.1)²/32 ≈ 265 replicates: second or third look. One chain's skewness is ≤ 3.0
 *   (numpy, d = 2, M = 17); the interval needs no normal approximation, so the claim runs at the
 *   default α = 1e-6 (it ran at 4e-7 to absorb the z-test's skew error).
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { olsTestErrorMoments } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 32;

export const claim = defineClaim({
  id: "regression-replace-test-error",
  title: "OLS replace: E‖w_t − w*‖² = σ²dt/(M − d − 1)",
  citation: {
    source: "Gerstgrasser et al. 2024; Dohmatob, Feng & Kempe 2024",
    where: "linear regression, replace/discard; docs/theory.md#regression-replace",
  },
  statement:
    "Refitting OLS to its own relabelled fixed design (replace), the excess test error after t fits is σ²dt/(M − d − 1): it grows linearly without bound.",
  kind: "in-expectation",
  assumptions: [
    "x ~ N(0, I_d), label noise σ², OLS with fixed design, replace",
    "d ∈ [2, 8], M ∈ [d + 15, 60], t ∈ [1, 6]",
  ],
  budget: {},
  scenario: uniformInteger({ min: 2, max: 8 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      samples: uniformInteger({ min: d + 15, max: 60 }),
      t: uniformInteger({ min: 1, max: 6 }),
      sigma: uniformReal({ min: 0.3, max: 2, simplest: 1 }),
      wSeed: uniformInteger({ min: 0, max: 10_000 }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `regression:d=${s.d},sigma=${s.sigma},seed=${s.wSeed}`,
        family: "ols",
        regime: "replace",
        samples: s.samples,
        generations: s.t,
        metrics: ["test-error"],
      },
      range,
      { batch: B },
    );
    return { error: batchMeans(generationValues(r, "test-error", s.t), B) };
  },
  checks: (s) => {
    const m = olsTestErrorMoments(s.d, s.samples, s.sigma * s.sigma * s.t);
    return [meanEquals("error", m.mean, { variance: m.variance / B, precision: 0.1 * m.mean })];
  },
});

verifyClaim(claim);
