/**
 * FALSE variant (must be refuted): "both symbols are equally likely to take over" — reading
 * "the chain is absorbed in a delta with probability 1" as "in a uniformly random delta".
 *
 * Citation: a misreading of Shumailov et al., Nature 631 (2024), §"Discrete distributions with
 *   exact approximation"; docs/theory.md#categorical-fixation (fixation probability of symbol i
 *   equals p_{i,0}: a martingale; M = 100, p = 0.2: 0.200); the correct statement is
 *   properties/categorical-fixation-probability.test.ts.
 * Why it is false: the frequency X_t of symbol 1 is a bounded martingale absorbed at 0 or 1, so
 *   P(fixation on symbol 1) = E[X_∞] = X_0 = p_0, not ½; with p_0 ∈ [0.05, 0.3] the gap is ≥ 0.2.
 * Stated as refutable: P(fixation on symbol 1) = ½ for a two-symbol truth (1 − p_0, p_0).
 * Decision rule: probabilityEquals(½, margin 0.05), exact two-sided binomial; refuted when it
 *   rejects P = ½ (≈ 200 chains suffice for a gap of 0.2). Chains run until absorption.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  probabilityEquals,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { expectModel, synthesize } from "collapse-harness/engine";
import fc from "fast-check";

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
    p0: fc.double({ min: 0.05, max: 0.3, noNaN: true }),
    samples: fc.integer({ min: 2, max: 50 }),
  }),
  simulate: (s, range) => {
    const truth = truthFromSpec(`categorical:p=${1 - s.p0}/${s.p0}`);
    const family = familyFromSpec("categorical-mle");
    const fixed = new Float64Array(range.count);
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      let data = truth.sampleReal(stream, s.samples);
      for (let t = 1; t <= 1_000_000; t++) {
        const model = expectModel(family.fit(data, stream), "categorical");
        if (model.p[1] === 0 || model.p[1] === 1) {
          fixed[r] = model.p[1];
          break;
        }
        data = synthesize(model, [], stream, s.samples);
      }
    }
    return { fixed };
  },
  checks: () => [probabilityEquals("fixed", 0.5, { margin: 0.05 })],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
