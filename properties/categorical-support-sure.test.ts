/**
 * Claim (sure): under categorical-MLE refits, with or without a temperature, top-k or top-p
 * sampler, (a) |supp p_{t+1}| ≤ |supp p_t| and (b) p_{t,i} = 0 ⇒ p_{t+1,i} = 0, for t = 0…T−1.
 *
 * Why sure (docs/theory.md#categorical-absorbing): p_{t+1,i} = c_i/M, and every transform here maps
 *   probability 0 to 0, so p_{t,i} = 0 ⇒ c_i = 0 ⇒ p_{t+1,i} = 0 for every draw.
 * Rule: `sure` on every chain and generation (the engine's `support` metric for (a), each symbol's
 *   p_{t,i} > 0 for (b)); a sure check is never inconclusive: one look of 400 chains per scenario.
 * Budget: α = 1e-6 per run; a sure check spends none.
 */

import {
  categoricalTruthArbitrary,
  defineClaim,
  generationValues,
  logUniformInteger,
  logUniformReal,
  runReplicates,
  sure,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const truthSpec = categoricalTruthArbitrary({
  symbols: { min: 2, max: 60 },
  zipfExponent: { min: 0, max: 2 },
  dirichletAlpha: { min: 0.1, max: 5 },
});

const transform = fc.oneof(
  fc.constant<string[]>([]),
  logUniformReal({ min: 0.3, max: 3, simplest: 1 }).map((tau) => [`temperature:tau=${tau}`]),
  uniformInteger({ min: 1, max: 60 }).map((k) => [`top-k:k=${k}`]),
  uniformReal({ min: 0.5, max: 1, simplest: 1 }).map((p) => [`top-p:p=${p}`]),
);

export const claim = defineClaim({
  id: "categorical-support-sure",
  title: "Categorical MLE: the support never grows and a lost symbol never returns",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Wright–Fisher resampling",
    where: "§Discrete distributions with exact approximation; docs/theory.md#categorical-absorbing",
  },
  statement:
    "Refitting empirical frequencies to M samples of the previous fit, with or without a temperature, top-k or top-p sampling transform, |supp p_{t+1}| ≤ |supp p_t| and p_{t,i} = 0 ⇒ p_{t+1,i} = 0 on every trajectory.",
  kind: "sure",
  assumptions: [
    "categorical-mle family (empirical frequencies), replace regime",
    "truth: bounded Zipf (k ≤ 60, s ∈ [0, 2]) or a Dirichlet(α ∈ [0.1, 5]) draw",
    "optional transform: temperature τ ∈ [0.3, 3], top-k, top-p ∈ [0.5, 1]",
  ],
  budget: { scenarios: 16, replicates: 400, maxReplicates: 400 },
  scenario: fc.record({
    truth: truthSpec,
    transforms: transform,
    samples: logUniformInteger({ min: 5, max: 200 }),
    generations: uniformInteger({ min: 1, max: 60 }),
  }),
  simulate: (s, range) => {
    const k = expectModel(truthFromSpec(s.truth).model, "categorical").p.length;
    const alive = (i: number) => (m: AnyModel) => (expectModel(m, "categorical").p[i] > 0 ? 1 : 0);
    const r = runReplicates(
      {
        truth: s.truth,
        family: "categorical-mle",
        regime: "replace",
        transforms: s.transforms,
        samples: s.samples,
        generations: s.generations,
        metrics: ["support"],
      },
      range,
      { observe: Object.fromEntries(Array.from({ length: k }, (_, i) => [`alive${i}`, alive(i)])) },
    );
    const at = (name: string, t: number) => generationValues(r, name, t);
    const support: Violation[] = [];
    const returns: Violation[] = [];
    for (let t = 1; t <= s.generations; t++) {
      const [before, after] = [at("support", t - 1), at("support", t)];
      for (let c = 0; c < range.count; c++) {
        if (after[c] > before[c] && support.length < 10) {
          support.push({
            replicate: range.first + c,
            detail: `generation ${t}: support ${after[c]} > ${before[c]} at generation ${t - 1}`,
          });
        }
      }
      for (let i = 0; i < k; i++) {
        const [was, is] = [at(`alive${i}`, t - 1), at(`alive${i}`, t)];
        for (let c = 0; c < range.count; c++) {
          if (was[c] === 0 && is[c] === 1 && returns.length < 10) {
            returns.push({
              replicate: range.first + c,
              detail: `generation ${t}: symbol ${i} back after p = 0 at ${t - 1}`,
            });
          }
        }
      }
    }
    return { supportGrows: support, symbolReturns: returns };
  },
  checks: () => [
    sure("supportGrows", "|supp p_{t+1}| ≤ |supp p_t|"),
    sure("symbolReturns", "p_{t,i} = 0 ⇒ p_{t+1,i} = 0"),
  ],
});

verifyClaim(claim);
