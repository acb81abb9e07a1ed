/**
 * Claim (in probability): the time to forget a symbol is linear in its count — the median of F,
 * the first fit at which a symbol seen m times in n samples has P_k = 0, is in (k_a, k_b] with
 * 1.5m ≤ k_a < k_b ≤ 3.6m (2 ≤ m ≤ 15, n ≥ 300m²).
 *
 * Which statement (docs/theory.md#suresh-forgetting-time): "P(lost by k) ≈ exp(−2m/k)" is
 *   asymptotic; Theorem 1 bounds P(F ≤ k) on both sides, and `sureshForgettingBand` takes k_a as
 *   the last k where the upper bound is ≤ 0.45 and k_b the first where the lower one is ≥ 0.55.
 *   checks() asserts the band's linearity; the 0.05 slack makes it decidable.
 * Estimator: F per chain, stopped at F, at fixation or at k_b (F > k_b recorded as k_b + 1).
 * Rules: quantileAtLeast(F, ½, k_a + 1) and quantileAtMost(F, ½, k_b), exact binomial, no margin.
 * Budget: the true probabilities are ≥ 0.05 from ½; at α' = 1e-6/(16 × 2 × 7 looks) ≈ 4.5e-9
 *   (z ≈ 5.8) that takes ≈ (5.8·0.5/0.05)² ≈ 3400 chains; maxReplicates 12800.
 */

import {
  defineClaim,
  quantileAtLeast,
  quantileAtMost,
  runReplicatesUntil,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { categoricalAbsorbed, expectModel } from "collapse-harness/engine";
import { sureshForgettingBand } from "collapse-harness/theory";
import fc from "fast-check";

export const claim = defineClaim({
  id: "suresh-forgetting-time",
  title: "Forgetting time is linear in the count: median of F in (k_a, k_b] ⊂ [1.5m, 3.6m]",
  citation: {
    source: "Suresh, Thangaraj, Khandavally, AISTATS 2025 (Rate of model collapse)",
    where:
      "Theorem 1 and its discussion (time to forget ≈ linear in the count); docs/theory.md#suresh-forgetting-time",
  },
  statement:
    "A symbol with count m among n samples (p_0 = m/n), refitted by empirical frequencies to n samples of the previous fit, is forgotten (P_k = 0) at a median generation in (k_a, k_b], where k_a, k_b follow from Theorem 1 and satisfy 1.5m ≤ k_a, k_b ≤ 3.6m for 2 ≤ m ≤ 15, n ≥ 300m².",
  kind: "in-probability",
  assumptions: [
    "categorical-mle family on two symbols (Bernoulli), replace regime, k = number of fits",
    "m ∈ {2, …, 15}, n = ⌈c m²⌉, c ∈ [300, 1000]",
  ],
  scenario: fc
    .record({
      m: uniformInteger({ min: 2, max: 15 }),
      c: uniformReal({ min: 300, max: 1000 }),
    })
    .map(({ m, c }) => ({ m, n: Math.ceil(c * m * m) })),
  simulate: (s, range) => {
    const p0 = s.m / s.n;
    const { kB } = sureshForgettingBand(s.m, s.n);
    const r = runReplicatesUntil(
      {
        truth: `categorical:p=${1 - p0}/${p0}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.n,
      },
      range,
      { stop: categoricalAbsorbed, maxGenerations: kB },
    );
    const forgotten = (i: number) =>
      r.stopped[i] === 1 && expectModel(r.models[i], "categorical").p[1] === 0;
    return {
      forgettingTime: Float64Array.from(r.generation, (k, i) => (forgotten(i) ? k : kB + 1)),
    };
  },
  budget: { scenarios: 16, maxReplicates: 12800 },
  checks: (s) => {
    const { kA, kB } = sureshForgettingBand(s.m, s.n);
    if (!(kA >= 1.5 * s.m && kB <= 3.6 * s.m && kA < kB)) {
      throw new Error(`band (${kA}, ${kB}] is not within [1.5m, 3.6m] for m = ${s.m}, n = ${s.n}`);
    }
    return [
      quantileAtLeast("forgettingTime", 0.5, kA + 1),
      quantileAtMost("forgettingTime", 0.5, kB),
    ];
  },
});

verifyClaim(claim);
