/**
 * FALSE variant (must be refuted): "a downstream learner's error depends only on its own data:
 * E‖ŵ − w*‖² = σ²d/(T − d − 1) whatever the t generations behind its labels" — the classical OLS
 * risk, read as if synthetic labels were as good as real ones.
 *
 * Why it is false (docs/theory.md#downstream-regression): each generator fit adds an independent
 *   weight error of mean square σ²d/(T₀ − d − 1) that the learner inherits, so the truth is
 *   σ²d/(T − d − 1) + tσ²d/(T₀ − d − 1) (Dohmatob, Feng & Kempe, NeurIPS 2024).
 * Decision rule: meanEquals, variance-bound interval with the exact variance/B of the claimed
 *   (clean) error as the bound, on
 *   replicates that each average B = 32 chains of generation t + 1 (regime downstream); precision
 *   10% of the claimed value. The truth exceeds it by tσ²d/(T₀ − d − 1) ≥ (T − d − 1)/(T₀ − d − 1)
 *   ≥ 0.28 of the claimed value (T ≥ T₀/2 here), over 10 standard errors at the first look
 *   (50 replicates: the claimed value's sd is ≤ 1.15 of it, se ≤ 1.15/√1600 ≈ 0.029 of it).
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
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
  id: "negative-downstream-ignores-generations",
  title: "Downstream OLS error is σ²d/(T − d − 1), independent of t (false: + tσ²d/(T₀ − d − 1))",
  citation: {
    source: "classical OLS risk misapplied to synthetic labels (Dohmatob, Feng & Kempe 2024)",
    where: "docs/theory.md#downstream-regression",
  },
  statement:
    "A downstream OLS learner fitted to T points labelled by the t-th generator of a synthetic chain has the clean expected test error σ²d/(T − d − 1), whatever t.",
  kind: "in-expectation",
  budget: { scenarios: 4, replicates: 50 },
  scenario: uniformInteger({ min: 2, max: 6 }).chain((d) =>
    uniformInteger({ min: d + 15, max: 50 }).chain((generatorSamples) =>
      fc.record({
        d: fc.constant(d),
        generatorSamples: fc.constant(generatorSamples),
        samples: uniformInteger({ min: Math.ceil(generatorSamples / 2), max: 200 }),
        t: uniformInteger({ min: 1, max: 5 }),
        sigma: uniformReal({ min: 0.3, max: 2, simplest: 1 }),
      }),
    ),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `regression:d=${s.d},sigma=${s.sigma}`,
        family: "ols:design=fresh",
        regime: `downstream:after=${s.t},size=${s.samples}`,
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
    const clean = olsTestErrorMoments(s.d, s.samples, s.sigma * s.sigma);
    return [
      meanEquals("error", clean.mean, {
        variance: clean.variance / B,
        precision: 0.1 * clean.mean,
      }),
    ];
  },
});

verifyClaim(claim, { expect: "refuted" });
