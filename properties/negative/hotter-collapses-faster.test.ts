/**
 * FALSE variant (must be refuted): "a hotter sampler (τ > 1) loses entropy faster than plain
 * sampling" — reading "heat death" as heat driving the collapse.
 *
 * Why it is false (docs/theory.md#heat-death): τ > 1 flattens the law each generation,
 *   H(p^(τ)) > H(p), and keeps the expected entropy above the plain chain's (the ordering checked
 *   by properties/heat-death-entropy.test.ts); the collapse toward a delta is the τ < 1 end.
 * Rule: greaterThan(Hplain, Hhot), paired t (common random numbers); refuted when the upper
 *   bound of E[Hplain − Hhot] is below 0.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  logUniformInteger,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "negative-hotter-collapses-faster",
  title: "Sampling at τ > 1 lowers E[H_T] below plain sampling (false: it keeps it higher)",
  citation: {
    source: "misreading of Marchi, Soatto, Chaudhari, Tabuada 2024 (Heat death)",
    where: "docs/theory.md#heat-death",
  },
  statement:
    "Refitting a categorical to M draws at temperature τ > 1 gives a lower expected entropy after T generations than refitting to plain draws.",
  kind: "ordering",
  scenario: fc.record({
    k: uniformInteger({ min: 3, max: 10 }),
    s: uniformReal({ min: 0.5, max: 1.5 }),
    hot: uniformReal({ min: 1.5, max: 2 }),
    samples: logUniformInteger({ min: 10, max: 60 }),
    generations: uniformInteger({ min: 2, max: 10 }),
  }),
  simulate: (s, range) => {
    const truth = `zipf:k=${s.k},s=${s.s}`;
    const at = (transforms: string[]) =>
      runReplicates(
        {
          truth,
          family: "categorical-mle",
          regime: "replace",
          transforms,
          samples: s.samples,
          generations: s.generations,
          metrics: ["entropy"],
        },
        range,
        { initialModel: truthFromSpec(truth).model },
      );
    return {
      Hplain: generationValues(at([]), "entropy", s.generations),
      Hhot: generationValues(at([`temperature:tau=${s.hot}`]), "entropy", s.generations),
    };
  },
  checks: () => [greaterThan("Hplain", "Hhot")],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
