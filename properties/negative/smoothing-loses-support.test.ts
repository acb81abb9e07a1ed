/**
 * FALSE variant (must be refuted): "additive smoothing also loses support" — carrying the
 * categorical-MLE result (properties/categorical-support-sure.test.ts) over to every family.
 *
 * Why it is false (docs/theory.md#smoothing-keeps-support): categorical-smoothed fits
 *   p̂_i = (c_i + α)/(M + kα) ≥ α/(M + kα) > 0 whatever the counts, so |supp p_t| = k surely.
 * Rule: probabilityAtLeast(½) on the indicator |supp p_T| < k, exact one-sided binomial: no chain
 *   ever loses a symbol, so 0 successes of 200 has p = 2^−200: refuted on the first look.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  logUniformInteger,
  logUniformReal,
  probabilityAtLeast,
  runReplicates,
  uniformInteger,
  uniformReal,
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
    k: uniformInteger({ min: 2, max: 50 }),
    s: uniformReal({ min: 0, max: 2 }), // s = 0: the uniform truth
    // α and M span two decades: log-uniform; α shrinks to Laplace's add-one.
    alpha: logUniformReal({ min: 0.01, max: 2, simplest: 1 }),
    samples: logUniformInteger({ min: 5, max: 200 }),
    generations: uniformInteger({ min: 1, max: 50 }),
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
