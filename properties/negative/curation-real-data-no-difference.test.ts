/**
 * FALSE variant (must be refuted): "fresh real data makes no difference to a curated loop" — the
 * expected reward after T generations is the same with a fraction λ of real data as without.
 *
 * Why it is false (docs/theory.md#curation-map): with real data E[p_{t+1} | p_t] =
 *   λ q + (1 − λ) p'_t, which pulls the reward back toward R(q) every generation, while the fully
 *   curated chain's expected reward keeps rising (a submartingale); with λ ≥ 0.3, β ≥ 0.4 and
 *   T ≥ 4 the gap is well above 5% of R(p_0) (properties/curation-real-data.test.ts checks its sign).
 * Rule: meanEquals(Rfull − Rmixed, 0, precision 5% of R(p_0)), paired differences, t-test;
 *   refuted when p < α'.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  logUniformInteger,
  meanEquals,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const truthSpec = (k: number, s: number) => `zipf:k=${k},s=${s}`;
const reward = (beta: number) => (m: AnyModel) =>
  expectModel(m, "categorical").p.reduce((sum, v, i) => sum + v * Math.exp(beta * i), 0);

export const claim = defineClaim({
  id: "negative-curation-real-data-no-difference",
  title:
    "Real data makes no difference to a curated loop's reward (false: it holds the reward back)",
  citation: {
    source: "misreading of Ferbach, Bertrand, Bose, Gidel, NeurIPS 2024",
    where: "docs/theory.md#curation-map",
  },
  statement:
    "With a fraction λ of fresh real samples in each generation, a curated categorical chain's expected reward after T generations equals that of the fully curated chain.",
  kind: "in-expectation",
  scenario: fc
    .record({
      k: uniformInteger({ min: 3, max: 6 }),
      s: uniformReal({ min: 0, max: 1.5 }),
      beta: uniformReal({ min: 0.4, max: 0.6 }),
      choices: uniformInteger({ min: 2, max: 4 }),
      samples: logUniformInteger({ min: 20, max: 200 }),
      lambda: uniformReal({ min: 0.3, max: 0.5 }),
      generations: uniformInteger({ min: 4, max: 10 }),
    })
    .map(({ lambda, ...b }) => ({ ...b, real: Math.round(lambda * b.samples) })),
  simulate: (s, range) => {
    const run = (regime: string) =>
      runReplicates(
        {
          truth: truthSpec(s.k, s.s),
          family: "categorical-mle",
          regime,
          transforms: [`curate:k=${s.choices},beta=${s.beta}`],
          samples: s.samples,
          generations: s.generations,
          metrics: [],
        },
        range,
        {
          observe: { R: reward(s.beta) },
          initialModel: truthFromSpec(truthSpec(s.k, s.s)).model,
        },
      );
    const full = generationValues(run("replace"), "R", s.generations);
    const mixed = generationValues(run(`fresh:real=${s.real}`), "R", s.generations);
    return { gap: full.map((v, i) => v - mixed[i]) };
  },
  checks: (s) => [
    meanEquals("gap", 0, {
      precision: 0.05 * reward(s.beta)(truthFromSpec(truthSpec(s.k, s.s)).model),
    }),
  ],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
