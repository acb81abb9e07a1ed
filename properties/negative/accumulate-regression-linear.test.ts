/**
 * FALSE variant (must be refuted): "under accumulate, the OLS test error still grows linearly in
 * t: E‖w_t − w*‖² = σ²dt/(M − d − 1)", i.e. accumulating data would not help.
 *
 * Why it is false (docs/theory.md#regression-accumulate): stacking the fixed design t times
 *   averages the relabellings, e_t = e_{t−1} + Aε_t/t, so E‖e_t‖² = (σ²d/(M−d−1))Σ_{i≤t} 1/i²,
 *   bounded by (π²/6)σ²d/(M−d−1) (regression-accumulate-test-error); σ²dt/(M−d−1) is replace's
 *   law (Gerstgrasser et al. 2024; Dohmatob, Feng & Kempe 2024), misapplied.
 * Decision rule: meanEquals, one-sample t-test on replicates that each average B = 16 chains
 *   (runReplicates, batch B), precision 15% of the claimed value; the truth is below the claim by
 *   a factor Σ1/i²/T ≤ 0.63, over 20 standard errors at the first look.
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
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 16;

export const claim = defineClaim({
  id: "negative-accumulate-regression-linear",
  title: "OLS accumulate: E‖w_T − w*‖² = σ²dT/(M−d−1) (false: Σ1/i² replaces T)",
  citation: {
    source: "replace law of Gerstgrasser et al. 2024 misapplied to accumulate",
    where: "docs/theory.md#regression-accumulate",
  },
  statement:
    "Refitting OLS to all data so far, the excess test error still grows linearly in the number of fits, σ²dT/(M − d − 1).",
  kind: "in-expectation",
  budget: { scenarios: 4 },
  scenario: uniformInteger({ min: 3, max: 6 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      samples: uniformInteger({ min: d + 15, max: 40 }),
      T: uniformInteger({ min: 2, max: 5 }),
      sigma: uniformReal({ min: 0.3, max: 2, simplest: 1 }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `regression:d=${s.d},sigma=${s.sigma}`,
        family: "ols",
        regime: "accumulate",
        samples: s.samples,
        generations: s.T,
        metrics: ["test-error"],
      },
      range,
      { batch: B },
    );
    return { error: batchMeans(generationValues(r, "test-error", s.T), B) };
  },
  checks: (s) => {
    const expected = (s.sigma * s.sigma * s.d * s.T) / (s.samples - s.d - 1);
    return [meanEquals("error", expected, { precision: 0.15 * expected })];
  },
});

verifyClaim(claim, { expect: "refuted" });
