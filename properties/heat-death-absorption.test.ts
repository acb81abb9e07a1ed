/**
 * Claim (empirical ordering of expectations): the time a categorical-MLE chain sampled at
 * temperature τ takes to be absorbed in a delta is ordered by τ — shorter at τ < 1 than at τ = 1,
 * and (censored at a horizon of 5M generations) longer at τ > 1.
 *
 * Why (docs/theory.md#heat-death): τ < 1 moves mass toward the mode at every step on top of the
 *   neutral drift, τ > 1 pulls toward the uniform law on the surviving support (a balancing
 *   force, so absorption times grow fast with M). Not derived here as a theorem: stated and tested
 *   as an ordering of expectations between paired chains (common random numbers).
 * Observations: T_cold, T_plain — the absorption generation (every chain is run to absorption;
 *   mean ≲ 2M·ln k generations at τ = 1, docs/theory.md#absorption-time; a chain still
 *   segregating after 10^6 generations is an error); Tplain5M, Thot5M — min(T, 5M).
 * Rules: greaterThan(Tplain, Tcold) and greaterThan(Thot5M, Tplain5M), paired t.
 * Budget: absorption times have sd ≈ their mean, and the effects are ≳ 20% of it at these τ, so
 *   ≈ (7·1/0.2)² ≈ 1200 pairs decide; maxReplicates 3200; α = 1e-6 per run, Bonferroni over
 *   scenarios × checks × looks.
 */

import {
  defineClaim,
  greaterThan,
  logUniformInteger,
  runReplicatesUntil,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { categoricalAbsorbed } from "collapse-harness/engine";
import fc from "fast-check";

const MAX_GENERATIONS = 1_000_000;

interface Setting {
  readonly k: number;
  readonly s: number;
  readonly cold: number;
  readonly hot: number;
  readonly samples: number;
}

export const claim = defineClaim({
  id: "heat-death-absorption",
  title: "Temperature in the loop: absorption is faster at τ < 1 and slower at τ > 1",
  citation: {
    source: "Marchi, Soatto, Chaudhari, Tabuada 2024 (Heat death of generative models)",
    where: "arXiv:2404.02325, collapse to a few outputs or to uniform; docs/theory.md#heat-death",
  },
  statement:
    "Refitting a categorical to M draws at temperature τ, the expected time to absorption in a delta is shorter at τ < 1 than at τ = 1, and min(T, 5M) is larger in expectation at τ > 1 than at τ = 1.",
  kind: "ordering",
  assumptions: [
    "categorical-mle family, replace regime, temperature transform, chains start from the truth",
    "truth bounded Zipf, k ∈ [2, 6], s ∈ [0.3, 1.5]",
    "τ_cold ∈ [0.5, 0.8], τ_hot ∈ [1.25, 2]; M ∈ [5, 40]",
    "an empirical ordering, not a theorem (docs/theory.md#heat-death)",
  ],
  budget: { maxReplicates: 3200 },
  scenario: fc.record({
    k: uniformInteger({ min: 2, max: 6 }),
    s: uniformReal({ min: 0.3, max: 1.5, simplest: 1 }),
    cold: uniformReal({ min: 0.5, max: 0.8 }),
    hot: uniformReal({ min: 1.25, max: 2 }),
    samples: logUniformInteger({ min: 5, max: 40 }),
  }),
  simulate: (s: Setting, range) => {
    const truth = `zipf:k=${s.k},s=${s.s}`;
    const until = (transforms: string[], maxGenerations: number) =>
      runReplicatesUntil(
        { truth, family: "categorical-mle", regime: "replace", transforms, samples: s.samples },
        range,
        {
          stop: categoricalAbsorbed,
          maxGenerations,
          initialModel: truthFromSpec(truth).model,
        },
      );
    const horizon = 5 * s.samples;
    const cold = until([`temperature:tau=${s.cold}`], MAX_GENERATIONS);
    const plain = until([], MAX_GENERATIONS);
    for (const r of [cold, plain]) {
      const running = r.stopped.indexOf(0);
      if (running >= 0) {
        throw new Error(`chain ${range.first + running} not absorbed after ${MAX_GENERATIONS}`);
      }
    }
    const hot = until([`temperature:tau=${s.hot}`], horizon);
    const time = (g: Int32Array) => Float64Array.from(g);
    return {
      Tcold: time(cold.generation),
      Tplain: time(plain.generation),
      Tplain5M: Float64Array.from(plain.generation, (g) => Math.min(g, horizon)),
      Thot5M: time(hot.generation),
    };
  },
  checks: () => [greaterThan("Tplain", "Tcold"), greaterThan("Thot5M", "Tplain5M")],
});

verifyClaim(claim);
