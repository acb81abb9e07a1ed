/**
 * FALSE variant (must be refuted): "additive smoothing also loses support" — the careless
 * generalisation of the categorical-MLE result (properties/categorical-support-sure.test.ts) to
 * every categorical family.
 *
 * Citation: a misreading of Shumailov et al., Nature 631 (2024), §"Discrete distributions with
 *   exact approximation"; docs/theory.md#smoothing-keeps-support ("Smoothing (additive/Laplace)
 *   is a model family too: it puts mass back on lost symbols, so the support does not collapse —
 *   a family for which 'support shrinks' must fail").
 * Why it is false: categorical-smoothed fits p̂_i = (c_i + α)/(M + kα) ≥ α/(M + kα) > 0 for every
 *   symbol, whatever the counts, so |supp p_t| = k at every generation: the support never shrinks
 *   (the sure statement "never grows" holds trivially; "shrinks" fails surely).
 * Stated as refutable: P(|supp p_T| < k) ≥ ½ after T generations of categorical-smoothed replace.
 * Decision rule: probabilityAtLeast(½), exact one-sided binomial: every chain keeps all k symbols,
 *   so 0 of 200 successes has p = 2^−200 and the claim is refuted on the first look.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  probabilityAtLeast,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "negative-smoothing-loses-support",
  title: "Categorical-smoothed replace loses support with probability ≥ ½ (false)",
  citation: {
    source: "misreading of Shumailov et al., Nature 631 (2024)",
    where:
      "docs/theory.md#smoothing-keeps-support (a family for which 'support shrinks' must fail)",
  },
  statement:
    "Refitting an additively smoothed categorical to M samples of the previous fit, the support after T generations is smaller than k with probability at least ½.",
  kind: "in-probability",
  scenario: fc.record({
    k: fc.integer({ min: 2, max: 50 }),
    s: fc.double({ min: 0, max: 2, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 2, noNaN: true }),
    samples: fc.integer({ min: 5, max: 200 }),
    generations: fc.integer({ min: 1, max: 50 }),
  }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `zipf:k=${s.k},s=${s.s}`,
        family: `categorical-smoothed:alpha=${s.alpha}`,
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["support"],
      },
      range,
    );
    return { lost: generationValues(r, "support", s.generations).map((v) => (v < s.k ? 1 : 0)) };
  },
  checks: () => [probabilityAtLeast("lost", 0.5)],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
