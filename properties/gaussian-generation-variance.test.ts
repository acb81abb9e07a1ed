/**
 * Claim: a draw X_t from generation t's model has Var(X_t) = σ²(1 + t/M) when the variance is
 * refitted with the unbiased estimator, and Var(X_t) = σ² with the MLE (exact, in expectation).
 *
 * Citation: Shumailov et al., Nature 631 (2024), Theorem 3.1 setting and its exact 1-D forms
 *   (unbiased: Var(X_t) = E[(μ_t − μ)²] + E[σ²_t] = σ²(1 + t/M));
 *   docs/theory.md#gaussian-exact-unbiased. The MLE identity is derived here:
 *   E[(μ_t − μ)²] = σ²(1 − r^t) and E[σ²_t] = σ²r^t, r = (M−1)/M
 *   (docs/theory.md#gaussian-exact-mle), which sum to σ².
 * Setting: truth N(μ, σ²), replace; generation 1 is fitted to M real samples (t counts fits).
 *   Given model t, X_t ~ N(μ_t, σ²_t), so Var(X_t) = E[σ²_t] + Var(μ_t) and the per-chain
 *   observation Y_t = (μ_t − μ)² + σ²_t (the mean-error and variance of the fit) has
 *   E[Y_t] = Var(X_t): it is the conditional expectation of (X_t − μ)² given the model (a
 *   Rao–Blackwellised draw).
 * Exact variance of Y_t (derived here; checked against a numpy Monte Carlo of 4e5 chains): with
 *   δ = μ_t − μ, S = χ²_{M−1}/D (D = M − 1 unbiased, M MLE) independent of the new mean's noise Z,
 *   δ_{t+1} = δ_t + σ_t Z/√M and σ²_{t+1} = σ²_t S, the moments obey the linear recursion
 *   E δ⁴' = E δ⁴ + 6E[δ²σ²]/M + 3E σ⁴/M², E[δ²σ²]' = E S·(E[δ²σ²] + E σ⁴/M),
 *   E σ⁴' = E[S²]·E σ⁴, E δ²' = E δ² + E σ²/M, E σ²' = E S·E σ²,
 *   with E S = (M−1)/D, E S² = (M−1)(M+1)/D², from δ = 0, σ² fixed;
 *   Var Y = E δ⁴ + 2E[δ²σ²] + E σ⁴ − (E Y)².
 * Scenarios: estimator, M ∈ [8, 40], t ∈ [1, max(1, ⌊0.15M⌋)], μ ∈ [−10, 10], σ ∈ [0.25, 4]
 *   (t/M ≤ 0.15 keeps the heavy tails of σ²_t mild, docs/theory.md#pitfall-heavy-tails).
 * Observation: each replicate is the mean of Y_t = mean-error + variance at generation t over
 *   B = 100 chains (runReplicates with batch B: chains [i·B, (i+1)·B)), so looks reuse replicates.
 * Decision rule: meanEquals, z-test with the exact variance Var(Y_t)/B; precision 0.5σ²t/M, half
 *   the gap between the two estimators' values, so a supported verdict tells them apart.
 *   Replicates needed ((6.85·sd/precision)²/B, α' = 2.5e-8) are ≤ 160 in every scenario: decided
 *   at the first look. Normal approximation: 20,000 chains at the first look, one chain's
 *   skewness ≤ 1.8 (numpy, 4e5 chains at the corners of the range), so the mean's skewness is
 *   ≤ 0.013 and Cramér's factor exp(±z³γ/6) at z = 5.57 keeps the two-sided false-alarm
 *   probability within 1.1× its nominal level.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 100;

/** Exact E[Y_t] and Var(Y_t) for σ = 1 (Y scales with σ², its variance with σ⁴). */
function momentsY(M: number, D: number, t: number): { mean: number; variance: number } {
  const eS = (M - 1) / D;
  const eS2 = ((M - 1) * (M + 1)) / (D * D);
  let d2 = 0;
  let d4 = 0;
  let v1 = 1;
  let v2 = 1;
  let dv = 0;
  for (let i = 0; i < t; i++) {
    d4 = d4 + (6 * dv) / M + (3 * v2) / (M * M);
    dv = eS * (dv + v2 / M);
    d2 = d2 + v1 / M;
    v1 *= eS;
    v2 *= eS2;
  }
  const mean = d2 + v1;
  return { mean, variance: d4 + 2 * dv + v2 - mean * mean };
}

export const claim = defineClaim({
  id: "gaussian-generation-variance",
  title: "Gaussian replace: Var(X_t) = σ²(1 + t/M) (unbiased), σ² (MLE)",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where:
      "Theorem 3.1 exact 1-D forms; docs/theory.md#gaussian-exact-unbiased, docs/theory.md#gaussian-exact-mle",
  },
  statement:
    "A sample from generation t of a Gaussian refitted to M of its own samples has variance σ²(1 + t/M) with the unbiased variance estimator and exactly σ² with the MLE.",
  kind: "in-expectation",
  assumptions: [
    "truth N(μ, σ²), replace regime",
    "gaussian-unbiased or gaussian-mle, named by the scenario",
    "M ∈ [8, 40], t ≤ max(1, 0.15M)",
  ],
  scenario: fc.integer({ min: 8, max: 40 }).chain((samples) =>
    fc.record({
      family: fc.constantFrom("gaussian-unbiased", "gaussian-mle"),
      samples: fc.constant(samples),
      t: fc.integer({ min: 1, max: Math.max(1, Math.floor(0.15 * samples)) }),
      mean: fc.double({ min: -10, max: 10, noNaN: true }),
      sd: fc.double({ min: 0.25, max: 4, noNaN: true }),
    }),
  ),
  simulate: (s, range) => {
    // B chains per replicate (chains [i·B, (i+1)·B) of the scenario's streams), averaged.
    const spec = {
      truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
      family: s.family,
      regime: "replace",
      samples: s.samples,
    };
    const r = runReplicates(
      { ...spec, generations: s.t, metrics: ["variance", "mean-error"], recordAt: [s.t] },
      range,
      { batch: B },
    );
    const variance = generationValues(r, "variance", s.t);
    const meanError = generationValues(r, "mean-error", s.t);
    return {
      y: batchMeans(
        variance.map((v, i) => v + meanError[i]),
        B,
      ),
    };
  },
  checks: (s) => {
    const M = s.samples;
    const D = s.family === "gaussian-unbiased" ? M - 1 : M;
    const v = s.sd * s.sd;
    const m = momentsY(M, D, s.t);
    const expected = s.family === "gaussian-unbiased" ? v * (1 + s.t / M) : v;
    if (Math.abs(m.mean * v - expected) > 1e-12 * expected) {
      throw new Error(`moment recursion ${m.mean * v} disagrees with the closed form ${expected}`);
    }
    return [
      meanEquals("y", expected, {
        variance: (m.variance * v * v) / B,
        precision: (0.5 * v * s.t) / M,
      }),
    ];
  },
});

verifyClaim(claim);
