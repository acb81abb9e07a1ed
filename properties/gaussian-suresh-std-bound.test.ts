/**
 * Claim: under replace with the unbiased variance, P(σ_k > ε) ≤ (σ_0/ε)·exp(−k/(4M−1)) for every
 * generation k (bound).
 *
 * Derivation: Markov's inequality on E[σ_k] = σ_0 c_M^k gives the bound whenever
 *   c_M ≤ exp(−1/(4M−1)), true for every M ∈ [2, 2000] (sureshStdBound;
 *   docs/theory.md#suresh-std-bound). Each scenario takes k, the first generation at which the
 *   bound is ≤ the target level b, so the bound is informative (k ≤ 490).
 * Observation: the indicator σ_k > ε per replicate chain (`log-variance` at k against 2 ln ε).
 * Decision rule: probabilityAtMost, exact one-sided binomial (Clopper–Pearson): refuted when the
 *   lower confidence bound exceeds the theorem's bound, supported when the upper one is below it.
 *   The true probability is at most 0.22 of the bound over this range (numpy, 2e5 chains on a
 *   grid of M, σ_0/ε and b), so the upper confidence bound (≈ 0.11 at 200 chains with 4
 *   successes) falls below it at the first or second look.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  defineClaim,
  generationValues,
  logUniformReal,
  probabilityAtMost,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { sureshStdBound } from "collapse-harness/theory";
import fc from "fast-check";

/** The first generation k at which (σ_0/ε)·exp(−k/(4M−1)) ≤ b. */
const generation = (M: number, ratio: number, b: number) =>
  Math.max(1, Math.ceil((4 * M - 1) * Math.log(ratio / b)));

export const claim = defineClaim({
  id: "gaussian-suresh-std-bound",
  title: "Gaussian-unbiased replace: P(σ_k > ε) ≤ (σ_0/ε) exp(−k/(4M−1))",
  citation: {
    source: "Suresh, Thangaraj & Khandavally, AISTATS 2025",
    where: "Theorem 3; docs/theory.md#suresh-std-bound",
  },
  statement:
    "Refitting a Gaussian (unbiased variance) to M of its own samples, the probability that its standard deviation at generation k still exceeds ε is at most (σ_0/ε) exp(−k/(4M−1)).",
  kind: "bound",
  assumptions: [
    "truth N(μ, σ_0²), gaussian-unbiased, replace",
    "M ∈ [3, 25], σ_0/ε ∈ [2, 20], k where the bound is in [0.15, 0.6]",
  ],
  scenario: fc.record({
    samples: uniformInteger({ min: 3, max: 25 }),
    // σ spans a decade: log-uniform, shrinking to the standard normal.
    sd: logUniformReal({ min: 0.3, max: 3, simplest: 1 }),
    mean: uniformReal({ min: -5, max: 5, simplest: 0 }),
    logRatio: uniformReal({ min: Math.log(2), max: Math.log(20) }),
    // The highest level is reached first (smallest k): the cheapest chain.
    level: uniformReal({ min: 0.15, max: 0.6, simplest: 0.6 }),
  }),
  simulate: (s, range) => {
    const ratio = Math.exp(s.logRatio);
    const k = generation(s.samples, ratio, s.level);
    const r = runReplicates(
      {
        truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
        family: "gaussian-unbiased",
        regime: "replace",
        samples: s.samples,
        generations: k,
        metrics: ["log-variance"],
      },
      range,
    );
    const logEps2 = 2 * Math.log(s.sd / ratio);
    return { above: generationValues(r, "log-variance", k).map((v) => (v > logEps2 ? 1 : 0)) };
  },
  checks: (s) => {
    const ratio = Math.exp(s.logRatio);
    const k = generation(s.samples, ratio, s.level);
    return [probabilityAtMost("above", sureshStdBound(ratio, s.samples, k))];
  },
});

verifyClaim(claim);
