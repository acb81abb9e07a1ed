/**
 * Claim: Suresh, Thangaraj & Khandavally, Theorem 1 (Bernoulli) — the probability that a symbol
 * of initial probability p_0 is still alive after k recursive fits to n samples lies between
 *   L_k = 1 − exp(−n p_0 g_k)   and   U_k = 1 − (1 − 3n p_0² − 3k p_0)·exp(−n p_0 g_k),
 * with g_1 = 1, g_{j+1} = 1 − e^{−g_j} (g = 1 − e^{−x} iterated from g(∞) = 1; g_k ~ 2/k).
 *
 * Citation: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 *   AISTATS 2025 (PMLR 258), Theorem 1; docs/theory.md#suresh-bernoulli-survival (n = 1000,
 *   p_0 = 0.01, k = 50: L = 0.3187, MC 0.3232).
 * Setting: P_0 = p_0; P_j = Binomial(n, P_{j−1})/n, i.e. a two-symbol categorical (1 − p_0, p_0)
 *   refitted by empirical frequencies to n samples of the previous fit (replace); generation 1 is
 *   fitted to n real samples, so k counts fits (k = 1: P(P_1 ≠ 0) = 1 − (1 − p_0)^n ≥ L_1).
 *   Checked against the exact Markov-chain probabilities (numpy, n ∈ {200…2000}, n p_0 ∈ [1, 20],
 *   k ≤ 100): L_k ≤ P(P_k ≠ 0) ≤ U_k always, with P − L_k ≤ 0.0035 — the lower bound is nearly
 *   exact, the upper one informative only while 3n p_0² + 3k p_0 < 1.
 * Scenarios: m = n p_0 ∈ [1, 15], n = ⌈c m²⌉ ∨ 100 with c ∈ [10, 100] (so 3n p_0² = 3/c ≤ 0.3);
 *   the lower bound at a random k_L ∈ [1, 100], the upper bound at a random
 *   k_U ∈ [1, k_max], k_max the largest k with 3n p_0² + 3k p_0 ≤ 0.9 (where U_k < 1).
 * Estimator: the indicator P_k ≠ 0 per replicate chain (a chain is stopped once P_j ∈ {0, 1}: both
 *   are absorbing).
 * Decision rules: probabilityAtLeast(L_{k_L}) and probabilityAtMost(U_{k_U}), exact one-sided
 *   binomial (Clopper–Pearson). Refuted when the exact test rejects the bound itself at α';
 *   supported once the one-sided interval is within a margin of 0.03 of the bound. A margin is
 *   unavoidable: L_k is exact to 0.0035, far below any Monte Carlo resolution here. With
 *   α' = 1e-6/(8 × 2 × 8 looks) ≈ 7.8e-9 (z ≈ 5.8) the interval half-width at n = 25600 is ≤ 0.018
 *   and the remaining 0.012 is ≥ 3.8 sd of the estimate even at P = ½, hence
 *   maxReplicates = 25600 (a chain costs ≤ 100 binomial draws, so this stays fast).
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  probabilityAtLeast,
  probabilityAtMost,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { expectModel, synthesize } from "collapse-harness/engine";
import fc from "fast-check";

/** g_k: g_1 = 1, g_{j+1} = 1 − e^{−g_j}. */
function gK(k: number): number {
  let g = 1;
  for (let j = 1; j < k; j++) g = -Math.expm1(-g);
  return g;
}

interface Setting {
  readonly m: number;
  readonly n: number;
  readonly kLower: number;
  readonly kUpper: number;
}

const lower = (s: Setting, k: number) => -Math.expm1(-s.m * gK(k));
const upper = (s: Setting, k: number) => {
  const p0 = s.m / s.n;
  return 1 - (1 - 3 * s.n * p0 * p0 - 3 * k * p0) * Math.exp(-s.m * gK(k));
};

const scenario = fc
  .record({
    m: fc.double({ min: 1, max: 15, noNaN: true }),
    c: fc.double({ min: 10, max: 100, noNaN: true }),
  })
  .chain(({ m, c }) => {
    const n = Math.max(100, Math.ceil(c * m * m));
    const p0 = m / n;
    const kMax = Math.max(1, Math.floor((0.9 - 3 * n * p0 * p0) / (3 * p0)));
    return fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      kLower: fc.integer({ min: 1, max: 100 }),
      kUpper: fc.integer({ min: 1, max: kMax }),
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
    const truth = truthFromSpec(`categorical:p=${1 - p0}/${p0}`);
    const family = familyFromSpec("categorical-mle");
    const K = Math.max(s.kLower, s.kUpper);
    const aliveLower = new Float64Array(range.count);
    const aliveUpper = new Float64Array(range.count);
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      let data = truth.sampleReal(stream, s.n);
      let p = 0;
      for (let k = 1; k <= K; k++) {
        const model = expectModel(family.fit(data, stream), "categorical");
        p = model.p[1];
        if (k === s.kLower) aliveLower[r] = p > 0 ? 1 : 0;
        if (k === s.kUpper) aliveUpper[r] = p > 0 ? 1 : 0;
        if (p === 0 || p === 1) {
          // Absorbed: the indicator keeps its value at every later k.
          if (k < s.kLower) aliveLower[r] = p > 0 ? 1 : 0;
          if (k < s.kUpper) aliveUpper[r] = p > 0 ? 1 : 0;
          break;
        }
        data = synthesize(model, [], stream, s.n);
      }
    }
    return { aliveLower, aliveUpper };
  },
  checks: (s) => [
    probabilityAtLeast("aliveLower", lower(s, s.kLower), { margin: 0.03 }),
    probabilityAtMost("aliveUpper", Math.min(1, upper(s, s.kUpper)), { margin: 0.03 }),
  ],
});

verifyClaim(claim);
