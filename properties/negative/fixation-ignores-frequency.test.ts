/**
 * FALSE variant (must be refuted): "both symbols are equally likely to take over" — reading "the
 * chain is absorbed in a delta with probability 1" as "in a uniformly random delta".
 *
 * Why it is false: the frequency of symbol 1 is a bounded martingale absorbed at 0 or 1, so it
 *   fixes with probability p_0, not ½ (docs/theory.md#categorical-fixation; the true statement is
 *   properties/categorical-fixation-probability.test.ts); with p_0 ≤ 0.3 the gap is ≥ 0.2.
 * Rule: probabilityEquals(½, margin 0.05), exact two-sided binomial on the indicator that symbol 1
 *   fixed, each chain run until absorption; refuted when it rejects P = ½ (≈ 200 chains suffice
 *   for a gap of 0.2).
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  logUniformInteger,
  probabilityEquals,
  runReplicatesUntil,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, categoricalAbsorbed, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const symbol1 = (m: AnyModel) => expectModel(m, "categorical").p[1];

export const claim = defineClaim({
  id: "negative-fixation-ignores-frequency",
  title: "Two-symbol categorical MLE fixes on either symbol with probability ½ (false: p_0)",
  citation: {
    source: "misreading of Shumailov et al., Nature 631 (2024)",
    where: "docs/theory.md#categorical-fixation (fixation probability = initial frequency)",
  },
  statement:
    "Refitting a two-symbol categorical by empirical frequencies, the chain ends in the delta on symbol 1 with probability ½ whatever the initial frequency.",
  kind: "in-probability",
  scenario: fc.record({
    p0: uniformReal({ min: 0.05, max: 0.3 }),
    // M spans more than a decade: log-uniform, shrinking to the smallest population.
    samples: logUniformInteger({ min: 2, max: 50 }),
  }),
  simulate: (s, range) => {
    const r = runReplicatesUntil(
      {
        truth: `categorical:p=${1 - s.p0}/${s.p0}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
      },
      range,
      { stop: categoricalAbsorbed, maxGenerations: 1_000_000 },
    );
    return { fixed: Float64Array.from(r.models, (m) => symbol1(m)) };
  },
  checks: () => [probabilityEquals("fixed", 0.5, { margin: 0.05 })],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
