/**
 * Claim: a learner trained on top-k-truncated data has a test-error floor at the lost tail mass —
 * its error is ≥ Σ_{i>k} p_i on every draw, for every training size T, and tends to exactly that
 * plateau as T grows, while a learner on untruncated data goes below it.
 *
 * Citation: Dohmatob, Feng, Yang, Charton, Kempe, "A tale of tails: model collapse as a change of
 *   scaling laws", ICML 2024, §5 (tail cutting: E_test ≍ T^{−(β−1)/β} + k^{−(β−1)}, a plateau at
 *   the lost tail); docs/theory.md#tale-of-tails (memorising learner E_test(T) = Σ p_i(1−p_i)^T;
 *   β = 2, k = 100: plateau 0.00605).
 * Setting: truth p = bounded Zipf over K symbols, p_i ∝ i^{−β}. Synthetic data: T samples of the
 *   top-k truncation q (q_i = p_i/P_k for the k most probable symbols, P_k = Σ_{i≤k} p_i, else 0;
 *   the engine's `top-k` transform). Learner: memorises the symbols it saw; on a test symbol
 *   X ~ p it errs iff X was not seen. Per training set the error is exactly
 *   err = Σ_i p_i·1[symbol i unseen] (the expectation over the test point; no test sampling noise).
 * Precise, testable version of the §5 asymptotics (exact, by independence of the draws):
 *   E[err_T] = Σ_{i≤k} p_i (1 − q_i)^T + Σ_{i>k} p_i,
 *   so (a) sure: err_T ≥ tail_k := Σ_{i>k} p_i on every draw and every T (symbols beyond k are never
 *   drawn); (b) in expectation: E[err_T] equals the formula at T_1 := the smallest T whose excess
 *   Σ_{i≤k} p_i (1 − q_i)^T is ≤ ρ·tail_k (ρ ∈ [0.5, 4]: on the way down) and at T_2 := the smallest
 *   T with excess ≤ 0.1·tail_k (the plateau, reached); (c) ordering at T_3 := the smallest T ≥ T_2
 *   at which an untruncated learner's exact error Σ_i p_i (1 − p_i)^T is ≤ 0.8·tail_k: there the
 *   truncated learner errs more — the plateau is caused by the truncation, not by the sample size
 *   (at T_2 itself an untruncated learner can still err more for heavy tails, β ≈ 1.2: it spreads
 *   its samples over the tail).
 * Scenarios: β ∈ [1.2, 2.5], K ∈ [50, 1000], k ∈ [5, min(100, K/2)], ρ ∈ [0.5, 4]. Horizons are
 *   defined by the exact excess, not drawn directly, so that err has spread at T_1 (a t-test on a
 *   sample without spread refutes any expectation it does not hit exactly).
 * Decision rules: (a) `sure` on every replicate; (b) meanEquals, one-sample t-test, precision 10% of
 *   the expected error at T_1 and 5% at T_2 (err is a bounded weighted sum of negatively correlated
 *   indicators; ≤ 1600 replicates in practice, cap 3200); (c) greaterThan, paired t-test (both
 *   learners of a replicate draw from the same stream), supported when the lower bound of
 *   E[err_trunc − err_plain] is > 0 (the gap is ≥ 0.2·tail_k).
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks (the sure check spends none).
 */

import {
  defineClaim,
  derive,
  greaterThan,
  meanEquals,
  sure,
  transformFromSpec,
  truthFromSpec,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { expectModel, synthesize } from "collapse-harness/engine";
import fc from "fast-check";

interface Setting {
  readonly beta: number;
  readonly K: number;
  readonly k: number;
  /** T_1 is the smallest T whose excess over the plateau is ≤ ρ·tail_k. */
  readonly rho: number;
}

const zipfCache = new Map<string, Float64Array>();
function zipfP(s: Setting): Float64Array {
  const key = `zipf:k=${s.K},s=${s.beta}`;
  let p = zipfCache.get(key);
  if (p === undefined) {
    const m = expectModel(truthFromSpec(key).model, "categorical");
    p = m.p;
    zipfCache.set(key, p);
  }
  return p;
}

/** tail_k and the exact expected error of the truncated learner at T (symbols sorted by rank). */
function exact(s: Setting, T: number): { tail: number; error: number; excess: number } {
  const p = zipfP(s);
  let head = 0;
  for (let i = 0; i < s.k; i++) head += p[i];
  const tail = Math.max(0, 1 - head);
  let excess = 0;
  for (let i = 0; i < s.k; i++) excess += p[i] * (1 - p[i] / head) ** T;
  return { tail, error: excess + tail, excess };
}

/** The smallest T ≥ 1 with ok(T), ok monotone (doubling, then bisection). */
function smallestT(ok: (T: number) => boolean): number {
  let hi = 1;
  while (!ok(hi)) hi *= 2;
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** E[err] of a memorising learner on T samples of p itself: Σ p_i (1 − p_i)^T. */
function plainError(s: Setting, T: number): number {
  const p = zipfP(s);
  let e = 0;
  for (let i = 0; i < p.length; i++) e += p[i] * (1 - p[i]) ** T;
  return e;
}

/** T_1 (excess ≤ ρ·tail_k), T_2 (excess ≤ 0.1·tail_k), T_3 (also plain error ≤ 0.8·tail_k). */
function horizons(s: Setting): { T1: number; T2: number; T3: number } {
  const tail = exact(s, 1).tail;
  const T1 = smallestT((T) => exact(s, T).excess <= s.rho * tail);
  const T2 = smallestT((T) => exact(s, T).excess <= 0.1 * tail);
  const T3 = Math.max(
    T2,
    smallestT((T) => plainError(s, T) <= 0.8 * tail),
  );
  return { T1, T2, T3 };
}

function memorisedError(p: Float64Array, counts: Int32Array): number {
  let e = 0;
  for (let i = 0; i < p.length; i++) if (counts[i] === 0) e += p[i];
  return e;
}

export const claim = defineClaim({
  id: "tale-of-tails-truncation-plateau",
  title: "Top-k truncated data: the memorising learner's error plateaus at the lost tail mass",
  citation: {
    source: "Dohmatob, Feng, Yang, Charton, Kempe, ICML 2024 (A tale of tails)",
    where: "§5 tail cutting; docs/theory.md#tale-of-tails",
  },
  statement:
    "Training a memorising learner on T samples of a top-k-truncated Zipf law, its test error is ≥ Σ_{i>k} p_i on every draw, has expectation Σ_{i≤k} p_i(1 − q_i)^T + Σ_{i>k} p_i, and so plateaus at the lost tail mass, above an untruncated learner's error at large T.",
  kind: "bound",
  assumptions: [
    "truth bounded Zipf p_i ∝ i^−β, β ∈ [1.2, 2.5], K ∈ [50, 1000] symbols",
    "top-k truncation k ∈ [5, min(100, K/2)] (the engine's top-k transform)",
    "T_1: excess ≤ ρ·tail_k, ρ ∈ [0.5, 4]; T_2: excess ≤ 0.1·tail_k; T_3: untruncated error ≤ 0.8·tail_k",
  ],
  scenario: fc.integer({ min: 50, max: 1000 }).chain((K) =>
    fc.record({
      beta: fc.double({ min: 1.2, max: 2.5, noNaN: true }),
      K: fc.constant(K),
      k: fc.integer({ min: 5, max: Math.min(100, Math.floor(K / 2)) }),
      rho: fc.double({ min: 0.5, max: 4, noNaN: true }),
    }),
  ),
  simulate: (s, range) => {
    const truth = truthFromSpec(`zipf:k=${s.K},s=${s.beta}`);
    const p = zipfP(s);
    const topK = [transformFromSpec(`top-k:k=${s.k}`)];
    const { T1, T2, T3 } = horizons(s);
    const { tail } = exact(s, T2);
    const truncT1 = new Float64Array(range.count);
    const truncT2 = new Float64Array(range.count);
    const truncT3 = new Float64Array(range.count);
    const plainT3 = new Float64Array(range.count);
    const violations: Violation[] = [];
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      const errors = [
        synthesize(truth.model, topK, stream, T1),
        synthesize(truth.model, topK, stream, T2),
        synthesize(truth.model, topK, stream, T3),
        synthesize(truth.model, [], stream, T3),
      ].map((d) => {
        if (d.kind !== "categorical") throw new Error("categorical data expected");
        return memorisedError(p, d.counts);
      });
      [truncT1[r], truncT2[r], truncT3[r], plainT3[r]] = errors;
      for (const [T, e] of [
        [T1, truncT1[r]],
        [T2, truncT2[r]],
        [T3, truncT3[r]],
      ] as const) {
        if (e < tail - 1e-12 && violations.length < 10) {
          violations.push({
            replicate: range.first + r,
            detail: `T = ${T}: error ${e} < tail ${tail}`,
          });
        }
      }
    }
    return { truncT1, truncT2, truncT3, plainT3, floor: violations };
  },
  checks: (s) => {
    const { T1, T2 } = horizons(s);
    const e1 = exact(s, T1).error;
    const e2 = exact(s, T2).error;
    return [
      sure("floor", "test error ≥ Σ_{i>k} p_i"),
      meanEquals("truncT1", e1, { precision: 0.1 * e1 }),
      meanEquals("truncT2", e2, { precision: 0.05 * e2 }),
      greaterThan("truncT3", "plainT3", { method: "paired-t" }),
    ];
  },
});

verifyClaim(claim);
