/**
 * Claim: under replace, E[ln σ²_t/σ²] is exact for both variance estimators.
 *
 * Citation: Shumailov et al., Nature 631 (2024), Theorem 3.1 and its exact 1-D forms
 *   (docs/theory.md#gaussian-log-variance).
 * Setting: truth N(0, 1); each generation refits mean and variance to M samples of the previous
 *   fit (replace); σ²_{t+1} = σ²_t·S_t with S ~ χ²_{M−1}/(M−1) (unbiased) or χ²_{M−1}/M (MLE).
 * Statement (exact, in expectation):
 *   unbiased: E[ln σ²_t] = t[ψ((M−1)/2) − ln((M−1)/2)];  MLE: E[ln σ²_t] = t[ψ((M−1)/2) + ln(2/M)];
 *   both with Var[ln σ²_t] = t·ψ′((M−1)/2).
 * Decision rule: z-test of the mean over replicate chains with the exact variance; supported once
 *   a deviation of half the claimed drift would be detected with power 0.9 (enough to tell the
 *   two estimators apart: the MLE's drift is about twice the unbiased one's), doubling replicates
 *   up to the cap. That needs ≈ 380·M/t replicates, so scenarios keep t ≥ M/25.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import { digamma, trigamma } from "collapse-harness/theory";
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
  scenario: fc.integer({ min: 4, max: 200 }).chain((samples) =>
    fc.record({
      family: fc.constantFrom("gaussian-unbiased", "gaussian-mle"),
      samples: fc.constant(samples),
      generations: fc.integer({ min: Math.ceil(samples / 25), max: 60 }),
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
    const h = (s.samples - 1) / 2;
    const drift =
      s.family === "gaussian-unbiased"
        ? digamma(h) - Math.log(h)
        : digamma(h) + Math.log(2 / s.samples);
    const expected = s.generations * drift;
    return [
      meanEquals("logVariance", expected, {
        variance: s.generations * trigamma(h),
        precision: 0.5 * Math.abs(expected),
      }),
    ];
  },
});

verifyClaim(claim);
