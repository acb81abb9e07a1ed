/**
 * Claim (exact one-step expectation + sure inequality + ordering of expectations): refitting a
 * categorical to M curated samples — each the K-wise Bradley–Terry choice among K draws, kept
 * with probability ∝ e^{r(x)} — makes the expected reward R(p) = E_p[e^r] a submartingale:
 * E[R(p_{t+1}) | p_t] = R(p'_t) ≥ R(p_t), p' the curated law.
 *
 * Derivation (docs/theory.md#curation-map): the kept law is
 *   p'(x) = K p(x) E[e^{r(x)}/(e^{r(x)} + Σ_{j<K} e^{r(Y_j)})] (`curatedCategorical`, exact);
 *   the refit is unbiased for it and R is linear, so E[R(p_{t+1}) | p_t] = R(p'_t); Cauchy–Schwarz
 *   on the K draws gives R(p') ≥ R(p).
 * Observations (chains start from the truth, so generation t + 1 is fitted to curated draws of
 *   generation t): step = R(p_{t+1}) − R(p'_t), mean 0 exactly; now/next = R(p_t), R(p_{t+1});
 *   `gain`: states of the first 400 chains where R(p') < R(p) beyond rounding (relative 1e-12).
 * Rules: meanEquals(step, 0, precision 5% of R(p_0)), t-test; greaterThan(next, now), paired t;
 *   sure(gain).
 * Budget: r(i) = β·i with β ∈ [0.2, 0.6] and k ≤ 6 keeps e^r ≤ e³, so the per-chain sd of step is
 *   ≤ ≈ 0.25·R(p_0) at M ≥ 20 and n ≈ (7.3·0.25/0.05)² ≈ 1300 replicates decide it; the drift
 *   R(p') − R(p) is a few % of R for K ≥ 2 while chains segregate (t ≤ 3). maxReplicates 6400;
 *   α = 1e-6 per run, Bonferroni over scenarios × checks × looks (the sure check spends none).
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  logUniformInteger,
  meanEquals,
  type ReplicateRange,
  runReplicates,
  sure,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import { curatedCategorical } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains whose visited states get the sure check R(p') ≥ R(p). */
const SURE_CHAINS = 400;

interface Setting {
  readonly k: number;
  readonly s: number;
  readonly beta: number;
  readonly choices: number;
  readonly samples: number;
  readonly t: number;
}

const truthSpec = (s: Setting) => `zipf:k=${s.k},s=${s.s}`;
const rewards = (s: Setting) => Float64Array.from({ length: s.k }, (_, i) => s.beta * i);
const reward = (s: Setting, p: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i] * Math.exp(s.beta * i);
  return sum;
};
const probabilities = (m: AnyModel) => expectModel(m, "categorical").p;
const curatedReward = (s: Setting) => (m: AnyModel) =>
  reward(s, curatedCategorical(probabilities(m), rewards(s), s.choices));

function run(s: Setting, range: ReplicateRange) {
  return runReplicates(
    {
      truth: truthSpec(s),
      family: "categorical-mle",
      regime: "replace",
      transforms: [`curate:k=${s.choices},beta=${s.beta}`],
      samples: s.samples,
      generations: s.t + 1,
      metrics: [],
    },
    range,
    {
      observe: { R: (m) => reward(s, probabilities(m)), curatedR: curatedReward(s) },
      initialModel: truthFromSpec(truthSpec(s)).model,
    },
  );
}

export const claim = defineClaim({
  id: "curation-reward-submartingale",
  title: "Curated refits: the expected reward E_p[e^r] is a submartingale",
  citation: {
    source:
      "Ferbach, Bertrand, Bose, Gidel, NeurIPS 2024 (self-consuming models with curated data)",
    where: "arXiv:2407.09499 §2 (kept law, reward increases); docs/theory.md#curation-map",
  },
  statement:
    "Refitting a categorical to M samples each kept by a K-wise choice with probability ∝ e^{r(x)}, E[R(p_{t+1}) | p_t] = R(p'_t) ≥ R(p_t) for R(p) = E_p[e^r], so the expected reward strictly rises from t to t + 1 while chains segregate.",
  kind: "ordering",
  assumptions: [
    "categorical-mle family, replace regime, curate transform, chains start from the truth",
    "truth bounded Zipf, k ∈ [3, 6], s ∈ [0, 1.5]; reward r(i) = β·i, β ∈ [0.2, 0.6]",
    "K ∈ [2, 4] draws per kept sample; M ∈ [20, 200]; t ∈ [0, 3]",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc.record({
    k: uniformInteger({ min: 3, max: 6 }),
    s: uniformReal({ min: 0, max: 1.5, simplest: 1 }),
    beta: uniformReal({ min: 0.2, max: 0.6, simplest: 0.5 }),
    choices: uniformInteger({ min: 2, max: 4 }),
    samples: logUniformInteger({ min: 20, max: 200 }),
    t: uniformInteger({ min: 0, max: 3 }),
  }),
  simulate: (s: Setting, range) => {
    const r = run(s, range);
    const now = generationValues(r, "R", s.t);
    const next = generationValues(r, "R", s.t + 1);
    const expected = generationValues(r, "curatedR", s.t);
    const gain: Violation[] = [];
    const sureCount = Math.min(range.count, SURE_CHAINS - range.first);
    for (let g = 0; g <= s.t + 1 && sureCount > 0; g++) {
      const before = generationValues(r, "R", g);
      const after = generationValues(r, "curatedR", g);
      for (let i = 0; i < sureCount && gain.length < 10; i++) {
        if (after[i] < before[i] * (1 - 1e-12)) {
          gain.push({
            replicate: range.first + i,
            detail: `generation ${g}: R(p') = ${after[i]} < R(p) = ${before[i]}`,
          });
        }
      }
    }
    return { now, next, step: next.map((v, i) => v - expected[i]), gain };
  },
  checks: (s: Setting) => [
    meanEquals("step", 0, {
      precision: 0.05 * reward(s, probabilities(truthFromSpec(truthSpec(s)).model)),
    }),
    greaterThan("next", "now"),
    sure("gain", "R(p') ≥ R(p) at every visited state"),
  ],
});

verifyClaim(claim);
