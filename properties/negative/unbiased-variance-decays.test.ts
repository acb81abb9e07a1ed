/**
 * FALSE variant (must be refuted): "with the unbiased variance estimator, E[σ²_t] decays like
 * ((M−1)/M)^t σ² under replace".
 *
 * Why it is false (docs/theory.md#pitfall-mle-vs-unbiased; an estimator mix-up, Shumailov et al.'s
 *   theory is unbiased, their notebook MLE): with σ̂² = (1/(M−1))Σ(x − x̄)²,
 *   E[σ²_{t+1} | σ²_t] = σ²_t, so E[σ²_t] = σ² for every t (a martingale), although σ²_t → 0
 *   almost surely (gaussian-variance-vanishes); the decay holds for the MLE only.
 * Stated as refutable: E[σ²_t] = ((M−1)/M)^t σ² (gaussianMleVarianceMoments) for
 *   gaussian-unbiased, over the range of the true MLE claim.
 * Decision rule: meanEquals, one-sample t-test on replicates that each average σ²_t over B = 100
 *   chains (runReplicates, batch B); the true mean exceeds the claimed one by
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
  id: "negative-unbiased-variance-decays",
  title: "Gaussian-unbiased replace: E[σ²_t] = ((M−1)/M)^t σ² (false: it is constant)",
  citation: {
    source: "estimator mix-up in Shumailov et al., Nature 631 (2024)",
    where: "docs/theory.md#pitfall-mle-vs-unbiased",
  },
  statement:
    "Refitting a Gaussian with the unbiased variance estimator to M of its own samples multiplies the expected variance by (M−1)/M per generation.",
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
      family: "gaussian-unbiased",
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
    const m1 = gaussianMleVarianceMoments(s.samples, s.t).mean;
    return [meanEquals("variance", m1 * v, { precision: 0.5 * v * (1 - m1) })];
  },
});

verifyClaim(claim, { expect: "refuted" });
