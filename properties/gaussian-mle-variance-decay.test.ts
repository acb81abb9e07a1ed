/**
 * Claim: under replace with the MLE variance, E[σ²_t] = ((M−1)/M)^t σ² (exact, in expectation).
 *
 * Derivation: σ²_t = σ²Π_{i≤t} S_i with S_i i.i.d. χ²_{M−1}/M, so E[σ²_t] and E[σ⁴_t] are t-th
 *   powers (gaussianMleVarianceMoments; docs/theory.md#gaussian-exact-mle); t/M ≤ 0.15 keeps the
 *   right tail of σ²_t mild, one chain's skewness ≤ 1.9 (docs/theory.md#pitfall-heavy-tails).
 * Observation: per replicate, the mean of σ²_t over B = 100 chains (runReplicates, batch B).
 * Decision rule: meanEquals with the variance-bound interval (exact variance/B as the bound; valid for any law); precision
 *   0.5σ²(1 − ((M−1)/M)^t), half the gap to the unbiased estimator's constant σ², so a supported
 *   verdict also tells the estimators apart. ((h + z_0.9)·sd/precision)²/B with the interval's
 *   half-width h ≈ 6.5 standard errors (α' = 2.5e-8) is ≤ 190 replicates (t = 1, M = 40): first
 *   or second look. No normal approximation.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  logUniformReal,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { gaussianMleVarianceMoments } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 100;

export const claim = defineClaim({
  id: "gaussian-mle-variance-decay",
  title: "Gaussian-MLE replace: E[σ²_t] = ((M−1)/M)^t σ²",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Kazdan et al. 2024",
    where: "Gaussian exact 1-D forms (MLE); docs/theory.md#gaussian-exact-mle",
  },
  statement:
    "Refitting a Gaussian by maximum likelihood to M of its own samples multiplies the expected variance by (M−1)/M per generation.",
  kind: "in-expectation",
  assumptions: ["truth N(μ, σ²)", "gaussian-mle, replace", "M ∈ [8, 40], t ≤ max(1, 0.15M)"],
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
        family: "gaussian-mle",
        regime: "replace",
        samples: s.samples,
        generations: s.t,
        metrics: ["variance"],
        recordAt: [s.t],
      },
      range,
      { batch: B },
    );
    return { variance: batchMeans(generationValues(r, "variance", s.t), B) };
  },
  checks: (s) => {
    const v = s.sd * s.sd;
    const m = gaussianMleVarianceMoments(s.samples, s.t);
    return [
      meanEquals("variance", m.mean * v, {
        variance: (m.variance * v * v) / B,
        precision: 0.5 * v * (1 - m.mean),
      }),
    ];
  },
});

verifyClaim(claim);
