/**
 * Claim: the time to forget a symbol is about linear in its original count — the median
 * forgetting time of a symbol seen m times in n samples lies in (k_a, k_b], two explicit
 * generations with 1.5m ≤ k_a and k_b ≤ 3.6m (for 2 ≤ m ≤ 15, n ≥ 300m²).
 *
 * Citation: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 *   AISTATS 2025 (PMLR 258), Theorem 1 and the discussion after it ("the time to forget a word is
 *   approximately linearly dependent on the number of times it occurred in the original corpus");
 *   docs/theory.md#suresh-forgetting-time (P(lost by k) ≈ exp(−2m/k), median ≈ 2.9m).
 * Which statement, and why: the "≈ exp(−2m/k)" form uses g_k ≈ 2/k and is asymptotic, so it is not
 *   encoded. What Theorem 1 proves, with F the first generation k at which P_k = 0 (k counts fits;
 *   P_0 = m/n; F = ∞ if the symbol fixes) and P(F ≤ k) = P(P_k = 0):
 *     P(F ≤ k) ≤ exp(−m g_k)                                   (lower bound on survival),
 *     P(F ≤ k) ≥ (1 − 3m²/n − 3km/n)·exp(−m g_k)                (upper bound on survival),
 *   with g_1 = 1, g_{j+1} = 1 − e^{−g_j}. Let k_a = the largest k with exp(−m g_k) ≤ 0.45 and
 *   k_b = the smallest k with (1 − 3m²/n − 3km/n) exp(−m g_k) ≥ 0.55. Then P(F ≤ k_a) ≤ 0.45 < ½
 *   and P(F ≤ k_b) ≥ 0.55 > ½, so the median of F is in (k_a, k_b]. Computed for every m = 2…15
 *   and c ∈ [300, 1000]: k_a/m ∈ [1.5, 2.4] and k_b/m ∈ [3.0, 3.54] (e.g. m = 10: (23, 35]; the
 *   asymptotic median 2m/ln 2 ≈ 2.89m lies inside): linear in m (checks() asserts the band). The
 *   slack 0.05 around ½ is what makes the band decidable.
 * Scenarios: m ∈ {2, …, 15} (an integer count), n = ⌈c m²⌉ with c ∈ [300, 1000].
 * Estimator: F per replicate chain (a chain stops at F, or at fixation, recorded as F = ∞ → a
 *   number above every threshold).
 * Decision rules: quantileAtLeast(F, ½, k_a + 1), i.e. P(F ≤ k_a) ≤ ½, and quantileAtMost(F, ½,
 *   k_b), i.e. P(F ≤ k_b) ≥ ½ — exact binomial (Clopper–Pearson), no margin. The true
 *   probabilities are ≥ 0.05 away from ½; at α' = 1e-6/(16 × 2 × 7 looks) ≈ 4.5e-9 (z ≈ 5.8)
 *   that is detected with ≈ (5.8·0.5/0.05)² ≈ 3400 chains;
 *   maxReplicates 12800 (a chain costs ≤ k_b binomial draws).
 * Budget: α = 1e-6 per run, Bonferroni over 16 scenarios × checks × looks.
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  quantileAtLeast,
  quantileAtMost,
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
}

/** The largest k with exp(−m g_k) ≤ 0.45 (g_k decreases in k, so the set is an initial run). */
function kA(s: Setting): number {
  let k = 1;
  while (Math.exp(-s.m * gK(k + 1)) <= 0.45) k++;
  return k;
}

/** The smallest k with (1 − 3m²/n − 3km/n) exp(−m g_k) ≥ 0.55. */
function kB(s: Setting): number {
  for (let k = 1; k < 100 * s.m; k++) {
    if ((1 - (3 * s.m * s.m) / s.n - (3 * k * s.m) / s.n) * Math.exp(-s.m * gK(k)) >= 0.55)
      return k;
  }
  throw new Error(`no k_b for m = ${s.m}, n = ${s.n}`);
}

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
      m: fc.integer({ min: 2, max: 15 }),
      c: fc.double({ min: 300, max: 1000, noNaN: true }),
    })
    .map(({ m, c }) => ({ m, n: Math.ceil(c * m * m) })),
  simulate: (s, range) => {
    const p0 = s.m / s.n;
    const truth = truthFromSpec(`categorical:p=${1 - p0}/${p0}`);
    const family = familyFromSpec("categorical-mle");
    const horizon = kB(s);
    const forgotten = new Float64Array(range.count);
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      let data = truth.sampleReal(stream, s.n);
      // Only whether F ≤ k_b matters beyond k_b: stop there (F > k_b is recorded as k_b + 1).
      let f = horizon + 1;
      for (let k = 1; k <= horizon; k++) {
        const model = expectModel(family.fit(data, stream), "categorical");
        if (model.p[1] === 0) {
          f = k;
          break;
        }
        if (model.p[1] === 1) break; // fixed: never forgotten
        data = synthesize(model, [], stream, s.n);
      }
      forgotten[r] = f;
    }
    return { forgettingTime: forgotten };
  },
  budget: { scenarios: 16, maxReplicates: 12800 },
  checks: (s) => {
    const a = kA(s);
    const b = kB(s);
    if (!(a >= 1.5 * s.m && b <= 3.6 * s.m && a < b)) {
      throw new Error(`band (${a}, ${b}] is not within [1.5m, 3.6m] for m = ${s.m}, n = ${s.n}`);
    }
    return [
      quantileAtLeast("forgettingTime", 0.5, a + 1),
      quantileAtMost("forgettingTime", 0.5, b),
    ];
  },
});

verifyClaim(claim);
