/**
 * Claim (bound): Suresh et al.'s Theorem 1 — a symbol of probability p_0, refitted by frequencies to
 * n samples, is alive after k fits with probability in [L_k, U_k] (`sureshSurvivalBounds`).
 *
 * Setting (docs/theory.md#suresh-bernoulli-survival): m = n p_0 ∈ [1, 15], n = max(100, ⌈c m²⌉),
 *   c ∈ [10, 100]; L_k at k_L ∈ [1, 100], U_k at k_U ≤ the largest k with 3n p_0² + 3k p_0 ≤ 0.9
 *   (elsewhere U_k ≥ 1). L_k is within 0.0035 of the exact chain.
 * Estimator: the indicator P_k ≠ 0, each chain stopped once P_j ∈ {0, 1} (absorbing).
 * Rules: probabilityAtLeast(L_{k_L}), probabilityAtMost(U_{k_U}), exact one-sided binomial: refuted
 *   when the test rejects the bound itself; supported within 0.03 of it (a margin is unavoidable).
 * Budget: α' = 1e-6/(8 × 2 × 8 looks) ≈ 7.8e-9 (z ≈ 5.8): at n = 25600 the half-width is ≤ 0.018,
 *   the remaining 0.012 ≥ 3.8 sd even at P = ½: maxReplicates 25600 (≤ 100 draws a chain).
 */

import {
  defineClaim,
  logUniformReal,
  probabilityAtLeast,
  probabilityAtMost,
  runReplicatesUntil,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import { categoricalAbsorbed, expectModel } from "collapse-harness/engine";
import { sureshSurvivalBounds } from "collapse-harness/theory";
import fc from "fast-check";

const scenario = fc
  .record({
    // m (an expected count) and c span a decade or more: log-uniform, shrinking to the smallest n.
    m: logUniformReal({ min: 1, max: 15 }),
    c: logUniformReal({ min: 10, max: 100 }),
  })
  .chain(({ m, c }) => {
    const n = Math.max(100, Math.ceil(c * m * m));
    const p0 = m / n;
    const kMax = Math.max(1, Math.floor((0.9 - 3 * n * p0 * p0) / (3 * p0)));
    return fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      kLower: uniformInteger({ min: 1, max: 100 }),
      kUpper: uniformInteger({ min: 1, max: kMax }),
    });
  });

export const claim = defineClaim({
  id: "suresh-bernoulli-survival",
  title: "Suresh et al. Theorem 1: L_k ≤ P(P_k ≠ 0) ≤ U_k for recursive Bernoulli fits",
  citation: {
    source: "Suresh, Thangaraj, Khandavally, AISTATS 2025 (Rate of model collapse)",
    where: "Theorem 1 (Bernoulli); docs/theory.md#suresh-bernoulli-survival",
  },
  statement:
    "Refitting a Bernoulli by its empirical frequency to n samples of the previous fit, P(P_k ≠ 0) ≥ 1 − exp(−n p_0 g_k) and ≤ 1 − (1 − 3n p_0² − 3k p_0) exp(−n p_0 g_k), g_k the k-fold iterate of 1 − e^{−x} from g_1 = 1.",
  kind: "bound",
  assumptions: [
    "categorical-mle family on two symbols (Bernoulli), replace regime, k = number of fits",
    "n p_0 ∈ [1, 15], n ≥ max(100, 10 (n p_0)²)",
    "margin 0.03 on support (the lower bound is exact to 0.0035)",
  ],
  budget: { maxReplicates: 25600 },
  scenario,
  simulate: (s, range) => {
    const p0 = s.m / s.n;
    const r = runReplicatesUntil(
      {
        truth: `categorical:p=${1 - p0}/${p0}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.n,
      },
      range,
      { stop: categoricalAbsorbed, maxGenerations: Math.max(s.kLower, s.kUpper) },
    );
    // Alive at k unless the chain was absorbed at 0 by fit k.
    const aliveAt = (k: number) =>
      Float64Array.from(r.models, (m, i) =>
        r.stopped[i] === 1 && r.generation[i] <= k && expectModel(m, "categorical").p[1] === 0
          ? 0
          : 1,
      );
    return { aliveLower: aliveAt(s.kLower), aliveUpper: aliveAt(s.kUpper) };
  },
  checks: (s) => {
    const bounds = (k: number) => sureshSurvivalBounds(s.n, s.m / s.n, k);
    return [
      probabilityAtLeast("aliveLower", bounds(s.kLower).lower, { margin: 0.03 }),
      probabilityAtMost("aliveUpper", Math.min(1, bounds(s.kUpper).upper), { margin: 0.03 }),
    ];
  },
});

verifyClaim(claim);
