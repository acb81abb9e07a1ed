/**
 * FALSE variant (must be refuted): "with the MLE variance, E[σ²_t] = σ² stays constant under
 * replace".
 *
 * Why it is false (docs/theory.md#pitfall-mle-vs-unbiased): the unbiased-estimator martingale of
 *   Shumailov et al.'s Theorem 3.1 does not carry over to the MLE (as Kazdan et al.'s code fits
 *   it): σ̂² = (1/M)Σ(x − x̄)² has E[σ²_{t+1} | σ²_t] = ((M−1)/M)σ²_t, so E[σ²_t] = ((M−1)/M)^t σ²
 *   decays geometrically (gaussian-mle-variance-decay, gaussianMleVarianceMoments).
 * Decision rule: meanEquals, one-sample t-test on replicates that each average σ²_t over B = 100
 *   chains (runReplicates, batch B); the true mean is below the claimed one by
 *   σ²(1 − ((M−1)/M)^t) ≥ σ²/40, over 12 standard errors at the first look.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  logUniformReal,
  meanEquals,
  runReplicates,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import { gaussianMleVarianceMoments } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 100;

export const claim = defineClaim({
  id: "negative-mle-variance-constant",
  title: "Gaussian-MLE replace: E[σ²_t] = σ² (false: it decays as ((M−1)/M)^t)",
  citation: {
    source: "Theorem 3.1 of Shumailov et al., Nature 631 (2024), misapplied to the MLE",
    where: "docs/theory.md#pitfall-mle-vs-unbiased",
  },
  statement:
    "Refitting a Gaussian by maximum likelihood to M of its own samples keeps the expected variance equal to σ².",
  kind: "in-expectation",
  budget: { scenarios: 4 },
  scenario: uniformInteger({ min: 8, max: 40 }).chain((samples) =>
    fc.record({
      samples: fc.constant(samples),
      t: uniformInteger({ min: 1, max: Math.max(1, Math.floor(0.15 * samples)) }),
      // σ spans more than a decade: log-uniform, shrinking to the standard normal.
      sd: logUniformReal({ min: 0.25, max: 4, simplest: 1 }),
    }),
  ),
  simulate: (s, range) => {
    const spec = {
      truth: `gaussian:mean=0,sd=${s.sd}`,
      family: "gaussian-mle",
      regime: "replace",
      samples: s.samples,
    };
    const r = runReplicates(
      { ...spec, generations: s.t, metrics: ["variance"], recordAt: [s.t] },
      range,
      { batch: B },
    );
    return { variance: batchMeans(generationValues(r, "variance", s.t), B) };
  },
  checks: (s) => {
    const v = s.sd * s.sd;
    const gap = 1 - gaussianMleVarianceMoments(s.samples, s.t).mean;
    return [meanEquals("variance", v, { precision: 0.5 * v * gap })];
  },
});

verifyClaim(claim, { expect: "refuted" });
