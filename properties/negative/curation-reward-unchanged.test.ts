/**
 * FALSE variant (must be refuted): "curation leaves the expected reward unchanged" — the
 * martingale of plain refitting (E[p_{t+1} | p_t] = p_t) carried over to curated refits.
 *
 * Why it is false (docs/theory.md#curation-map): the refit is unbiased for the curated law p', and
 *   E_{p'}[e^r] ≥ E_p[e^r] with equality only for a reward constant on the support, so
 *   E[R(p_T)] > R(p_0) for T ≥ 1; with β ≥ 0.4, K ≥ 2 and T ≥ 2 the rise is well above 5% of R(p_0).
 * Rule: meanEquals(R(p_T), R(p_0), precision 5% of R(p_0)), t-test; refuted when p < α'.
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
import { expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const truthSpec = (k: number, s: number) => `zipf:k=${k},s=${s}`;
const reward = (beta: number, p: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i] * Math.exp(beta * i);
  return sum;
};
const r0 = (k: number, s: number, beta: number) =>
  reward(beta, expectModel(truthFromSpec(truthSpec(k, s)).model, "categorical").p);

export const claim = defineClaim({
  id: "negative-curation-reward-unchanged",
  title: "Curation leaves E[R(p_T)] = R(p_0) (false: the expected reward rises)",
  citation: {
    source: "misreading of Ferbach, Bertrand, Bose, Gidel, NeurIPS 2024",
    where: "docs/theory.md#curation-map",
  },
  statement:
    "Refitting a categorical to K-wise curated samples keeps the expected reward E_p[e^r] at its initial value.",
  kind: "in-expectation",
  scenario: fc.record({
    k: uniformInteger({ min: 3, max: 6 }),
    s: uniformReal({ min: 0, max: 1.5 }),
    beta: uniformReal({ min: 0.4, max: 0.6 }),
    choices: uniformInteger({ min: 2, max: 4 }),
    samples: logUniformInteger({ min: 20, max: 200 }),
    generations: uniformInteger({ min: 2, max: 10 }),
  }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: truthSpec(s.k, s.s),
        family: "categorical-mle",
        regime: "replace",
        transforms: [`curate:k=${s.choices},beta=${s.beta}`],
        samples: s.samples,
        generations: s.generations,
        metrics: [],
      },
      range,
      {
        observe: { R: (m) => reward(s.beta, expectModel(m, "categorical").p) },
        initialModel: truthFromSpec(truthSpec(s.k, s.s)).model,
      },
    );
    return { R: generationValues(r, "R", s.generations) };
  },
  checks: (s) => [
    meanEquals("R", r0(s.k, s.s, s.beta), { precision: 0.05 * r0(s.k, s.s, s.beta) }),
  ],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
