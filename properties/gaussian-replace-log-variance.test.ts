/**
 * Claim: under replace, E[ln σ²_t] is exact for both variance estimators (in expectation).
 *
 * Derivation: σ²_{t+1} = σ²_t·S_t with S ~ χ²_{M−1}/(M−1) (unbiased) or χ²_{M−1}/M (MLE), so
 *   ln σ²_t is a random walk with i.i.d. steps of mean gaussianLogVarianceDrift and variance
 *   ψ′((M−1)/2) (docs/theory.md#gaussian-log-variance).
 * Decision rule: meanEquals over replicate chains with the exact variance t·ψ′((M−1)/2) as the
 *   bound of the variance-bound interval (valid for any law: ln σ²_t is left-skewed); supported
 *   once a deviation of half the drift would be detected with power 0.9 (enough to tell the
 *   estimators apart: the MLE drifts about twice as fast), doubling replicates up to the cap.
 *   That needs ≈ 490·M/t replicates (380·M/t for a z-test, ×1.29), so scenarios keep t ≥ M/25.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  choiceOf,
  defineClaim,
  generationValues,
  logUniformInteger,
  meanEquals,
  runReplicates,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import {
  gaussianLogVarianceDrift,
  gaussianLogVarianceDriftVariance,
} from "collapse-harness/theory";
import fc from "fast-check";

export const claim = defineClaim({
  id: "gaussian-replace-log-variance",
  title: "E[ln σ²_t] under replace is exact (unbiased and MLE)",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "Theorem 3.1; docs/theory.md#gaussian-log-variance",
  },
  statement:
    "Refitting a Gaussian to M of its own samples, E[ln σ²_t] drifts by ψ((M−1)/2) − ln((M−1)/2) (unbiased) or ψ((M−1)/2) + ln(2/M) (MLE) per generation.",
  kind: "in-expectation",
  assumptions: ["truth N(0, 1)", "replace regime", "M ≥ 4"],
  budget: { maxReplicates: 12800 },
  // M spans 1.7 decades: log-uniform, so small (cheap) sizes are drawn as often as large ones.
  scenario: logUniformInteger({ min: 4, max: 200 }).chain((samples) =>
    fc.record({
      family: choiceOf(["gaussian-unbiased", "gaussian-mle"] as const),
      samples: fc.constant(samples),
      generations: uniformInteger({ min: Math.ceil(samples / 25), max: 60 }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: "gaussian:mean=0,sd=1",
        family: s.family,
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["log-variance"],
      },
      range,
    );
    return { logVariance: generationValues(r, "log-variance", s.generations) };
  },
  checks: (s) => {
    const estimator = s.family === "gaussian-unbiased" ? "unbiased" : "mle";
    const expected = s.generations * gaussianLogVarianceDrift(s.samples, estimator);
    return [
      meanEquals("logVariance", expected, {
        variance: s.generations * gaussianLogVarianceDriftVariance(s.samples),
        precision: 0.5 * Math.abs(expected),
      }),
    ];
  },
});

verifyClaim(claim);
