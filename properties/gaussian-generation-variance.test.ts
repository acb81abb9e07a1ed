/**
 * Claim: a draw X_t from generation t's model has Var(X_t) = σ²(1 + t/M) when the variance is
 * refitted with the unbiased estimator, and σ² with the MLE (exact, in expectation).
 *
 * Derivation (docs/theory.md#gaussian-exact-unbiased): Var(X_t) = E[Y_t] for the Rao–Blackwellised
 *   draw Y_t = (μ_t − μ)² + σ²_t; Var(Y_t): gaussianGenerationVarianceMoments; t/M ≤ 0.15.
 * Decision rule: meanEquals on means of Y_t over B = 100 chains (runReplicates, batch B), with
 *   the variance-bound interval (exact variance/B as the bound; valid for any law); precision 0.5σ²t/M, half the gap between the estimators:
 *   ≤ 210 replicates ((7.8·sd/precision)²/B, α' = 2.5e-8), first or second look. No normal
 *   approximation (one chain's skewness is ≤ 1.8, numpy).
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  batchMeans,
  choiceOf,
  defineClaim,
  generationValues,
  logUniformReal,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { gaussianGenerationVarianceMoments } from "collapse-harness/theory";
import fc from "fast-check";

const B = 100; // chains averaged into one replicate

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
  scenario: uniformInteger({ min: 8, max: 40 }).chain((samples) =>
    fc.record({
      family: choiceOf(["gaussian-unbiased", "gaussian-mle"] as const),
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
        family: s.family,
        regime: "replace",
        samples: s.samples,
        generations: s.t,
        metrics: ["variance", "mean-error"],
        recordAt: [s.t],
      },
      range,
      { batch: B },
    );
    const meanError = generationValues(r, "mean-error", s.t);
    const y = generationValues(r, "variance", s.t).map((v, i) => v + meanError[i]);
    return { y: batchMeans(y, B) };
  },
  checks: (s) => {
    const [M, v, unbiased] = [s.samples, s.sd * s.sd, s.family === "gaussian-unbiased"];
    const m = gaussianGenerationVarianceMoments(M, unbiased ? M - 1 : M, s.t);
    const expected = unbiased ? v * (1 + s.t / M) : v;
    const variance = (m.variance * v * v) / B;
    return [meanEquals("y", expected, { variance, precision: (0.5 * v * s.t) / M })];
  },
});

verifyClaim(claim);
