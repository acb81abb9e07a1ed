/**
 * Claim: under categorical-MLE refits the support never grows and a lost symbol never returns
 * (sure: on every trajectory, at every generation).
 *
 * Citation: Shumailov et al., Nature 631 (2024), §"Discrete distributions with exact
 *   approximation" (the chain is absorbing; only deltas are absorbing states); Wright–Fisher
 *   resampling; docs/theory.md#categorical-absorbing.
 * Setting: a categorical truth p_0 over k symbols (a bounded Zipf or a Dirichlet draw); generation
 *   1 is the MLE (empirical frequencies) of M real samples, generation t+1 the MLE of M samples of
 *   generation t (replace), optionally drawn through a sampling transform (temperature, top-k or
 *   top-p). Why sure: the MLE gives p_{t+1,i} = c_i/M with c_i the count of symbol i in samples
 *   of p_t (transformed); every transform here maps p_{t,i} = 0 to 0, so p_{t,i} = 0 ⇒ c_i = 0 ⇒
 *   p_{t+1,i} = 0. Hence supp(p_{t+1}) ⊆ supp(p_t) ⊆ … ⊆ supp(p_0), for every draw.
 * Statement (sure): (a) |supp p_{t+1}| ≤ |supp p_t| for t = 0…T−1 (generation 0 is the truth);
 *   (b) p_{t,i} = 0 ⇒ p_{s,i} = 0 for every s > t (checked step by step, which implies it).
 * Decision rule: `sure` on every replicate chain and generation; one violation refutes, none
 *   supports; a sure check is never inconclusive, so one look of 400 chains in each of 16
 *   scenarios.
 * Budget: α = 1e-6 per run (a sure check spends none: it cannot err on a true claim).
 */

import {
  defineClaim,
  runChains,
  sure,
  truthFromSpec,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { configFromSpec, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const truthSpec = fc.oneof(
  fc
    .record({ k: fc.integer({ min: 2, max: 60 }), s: fc.double({ min: 0, max: 2, noNaN: true }) })
    .map(({ k, s }) => `zipf:k=${k},s=${s}`),
  fc
    .record({
      k: fc.integer({ min: 2, max: 60 }),
      alpha: fc.double({ min: 0.1, max: 5, noNaN: true }),
      seed: fc.nat({ max: 1_000_000 }),
    })
    .map(({ k, alpha, seed }) => `dirichlet:k=${k},alpha=${alpha},seed=${seed}`),
);

const transform = fc.oneof(
  fc.constant<string[]>([]),
  fc.double({ min: 0.3, max: 3, noNaN: true }).map((tau) => [`temperature:tau=${tau}`]),
  fc.integer({ min: 1, max: 60 }).map((k) => [`top-k:k=${k}`]),
  fc.double({ min: 0.5, max: 1, noNaN: true }).map((p) => [`top-p:p=${p}`]),
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
    samples: fc.integer({ min: 5, max: 200 }),
    generations: fc.integer({ min: 1, max: 60 }),
  }),
  simulate: (s, range) => {
    const p0 = expectModel(truthFromSpec(s.truth).model, "categorical");
    const support: Violation[] = [];
    const absorbed: Violation[] = [];
    let prev = p0.p;
    runChains({
      ...configFromSpec({
        truth: s.truth,
        family: "categorical-mle",
        regime: "replace",
        transforms: s.transforms,
        samples: s.samples,
        generations: s.generations,
        metrics: [],
        seed: range.seed,
        firstChain: range.first,
        chains: range.count,
      }),
      onFit: (chain, t, fitted) => {
        const model = expectModel(fitted, "categorical");
        if (t === 1) prev = p0.p;
        let before = 0;
        let after = 0;
        for (let i = 0; i < prev.length; i++) {
          if (prev[i] > 0) before++;
          if (model.p[i] > 0) after++;
          if (prev[i] === 0 && model.p[i] > 0 && absorbed.length < 10) {
            absorbed.push({
              replicate: chain,
              detail: `generation ${t}: symbol ${i} back with p = ${model.p[i]} after p = 0 at ${t - 1}`,
            });
          }
        }
        if (after > before && support.length < 10) {
          support.push({
            replicate: chain,
            detail: `generation ${t}: support ${after} > ${before} at generation ${t - 1}`,
          });
        }
        prev = model.p;
      },
    });
    return { supportGrows: support, symbolReturns: absorbed };
  },
  checks: () => [
    sure("supportGrows", "|supp p_{t+1}| ≤ |supp p_t|"),
    sure("symbolReturns", "p_{t,i} = 0 ⇒ p_{t+1,i} = 0"),
  ],
});

verifyClaim(claim);
