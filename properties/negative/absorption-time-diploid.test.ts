/**
 * Planted false claim: the Wright–Fisher mean absorption time is −4M[p ln p + (1 − p) ln(1 − p)]
 * — the diploid formula (population of N diploids = 2N gene copies) applied to M haploid samples,
 * a factor 2 too large. The true mean is within 2.14/M of half this value
 * (properties/wright-fisher-absorption-time.test.ts), so the band 5/M around it is missed by
 * ~50%: refuted at every scenario.
 * Rule and budget as in the true claim (meanWithin, α = 1e-6 per run).
 */

import {
  defineClaim,
  meanWithin,
  runReplicatesUntil,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { categoricalAbsorbed } from "collapse-harness/engine";
import { wrightFisherDiffusionAbsorptionTime } from "collapse-harness/theory";
import fc from "fast-check";

export const claim = defineClaim({
  id: "negative-absorption-time-diploid",
  title:
    "Wright–Fisher mean absorption time ≈ −4M[p ln p + (1−p) ln(1−p)] (false: diploid formula)",
  citation: {
    source: "planted misreading of Kimura & Ohta (1969)",
    where: "diploid 4N vs haploid 2M; docs/theory.md#absorption-time",
  },
  statement:
    "Refitting a two-symbol categorical to M of its own samples, the mean absorption time is within 5/M of −4M[p ln p + (1 − p) ln(1 − p)].",
  kind: "in-expectation",
  budget: { maxReplicates: 12800 },
  scenario: fc.record({
    p0: uniformReal({ min: 0.1, max: 0.9, simplest: 0.5 }),
    samples: uniformInteger({ min: 20, max: 60 }),
  }),
  simulate: (s, range) => {
    const spec = {
      truth: `categorical:p=${1 - s.p0}/${s.p0}`,
      family: "categorical-mle",
      regime: "replace",
      samples: s.samples,
    };
    const run = runReplicatesUntil(spec, range, {
      stop: categoricalAbsorbed,
      maxGenerations: 1_000_000,
    });
    return { absorptionTime: Float64Array.from(run.generation) };
  },
  checks: (s) => [
    meanWithin("absorptionTime", 2 * wrightFisherDiffusionAbsorptionTime(s.samples, s.p0), {
      relative: 5 / s.samples,
    }),
  ],
});

verifyClaim(claim, { expect: "refuted" });
