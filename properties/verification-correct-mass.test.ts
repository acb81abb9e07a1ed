/**
 * Claim (exact one-step expectation + ordering of expectations): a categorical-MLE chain refitted
 * to verified synthetic data — a draw is kept with probability a when it is correct (symbol ≥ c)
 * and b otherwise, until M are kept — has E[p_{t+1}(C) | p_t] = g(p_t(C)),
 * g(m) = a·m/(a·m + b·(1 − m)); with a > b the correct mass rises in expectation each generation,
 * with a = b it is a martingale (plain collapse).
 *
 * Derivation (docs/theory.md#verification-map): rejection sampling keeps draws from p reweighted
 *   by a on C and b off it; the refit is unbiased for that law, and p(C) is linear in p.
 * Observations: chains start from the truth (initialModel), so generation t + 1 is fitted to
 *   verified draws of generation t for every t ≥ 0. step = p_{t+1}(C) − g(p_t(C)) (a martingale
 *   difference, mean 0 exactly); now/next = p_t(C), p_{t+1}(C); massT = p_T(C).
 * Rules: a > b — meanEquals(step, 0, precision 0.02) (t-test) and greaterThan(next, now) (paired
 *   t on E[p_{t+1}(C) − p_t(C)] > 0); a = b — meanEquals(massT, p_0(C), precision 0.035), with
 *   the exact variance m_0(1 − m_0)(1 − (1 − 1/M)^T) of the two-type Wright–Fisher chain as the
 *   bound of the variance-bound interval (valid for any law).
 * Budget: step has sd ≤ ½/√M ≤ 0.11 (M ≥ 20): (z + 1.28)·0.11/√n ≤ 0.02 at n ≈ 1600 for
 *   z ≈ 6 (α' = 1e-6/(8·2·6)); the drift g(m) − m = m(1 − m)(a − b)/(am + b(1 − m)) is ≥ 0.02 for
 *   a − b ≥ 0.2 while chains segregate, hence t ≤ 2 (most chains are still segregating) and
 *   maxReplicates 6400. The neutral check's variance is ≤ ¼(1 − (1 − 1/20)^10) ≤ 0.1 (T ≤ 10),
 *   so (6.5 + 1.28)·√(0.1/6400) = 0.031 ≤ 0.035 at the cap: precision 0.035 (0.03 before the
 *   variance-bound interval, whose half-width is ≈ 13% wider than z's). α = 1e-6 per run,
 *   Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  logUniformInteger,
  meanEquals,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

interface Setting {
  readonly k: number;
  readonly s: number;
  /** First correct symbol: C = {c, …, k − 1}. */
  readonly c: number;
  readonly a: number;
  readonly b: number;
  readonly samples: number;
  readonly t: number;
}

const truthSpec = (s: Setting) => `zipf:k=${s.k},s=${s.s}`;
const massOnC = (c: number) => (m: AnyModel) =>
  expectModel(m, "categorical").p.reduce((sum, v, i) => (i >= c ? sum + v : sum), 0);
const m0 = (s: Setting) => massOnC(s.c)(truthFromSpec(truthSpec(s)).model);
/**
 * a = b: p_t(C) is a two-type Wright–Fisher chain, so E[m_T(1 − m_T)] = (1 − 1/M)^T m_0(1 − m_0)
 * (docs/theory.md#heterozygosity) and Var[m_T] = m_0(1 − m_0)(1 − (1 − 1/M)^T) exactly.
 */
const neutralVariance = (s: Setting) => m0(s) * (1 - m0(s)) * (1 - (1 - 1 / s.samples) ** s.t);
const g = (s: Setting, m: number) => (s.a * m) / (s.a * m + s.b * (1 - m));

export const claim = defineClaim({
  id: "verification-correct-mass",
  title:
    "Verified synthetic data: the correct mass rises in expectation when a > b, is a martingale when a = b",
  citation: {
    source: "Feng, Dohmatob, Yang, Charton, Kempe 2024 (Beyond model collapse: verification)",
    where: "verifier as a reweighting of the generator's law; docs/theory.md#verification-map",
  },
  statement:
    "Refitting a categorical to M synthetic samples a verifier keeps (probability a if correct, b if not), E[p_{t+1}(C) | p_t] = a·p_t(C)/(a·p_t(C) + b·(1 − p_t(C))): with a > b the expected correct mass strictly rises from t to t + 1; with a = b, E[p_T(C)] = p_0(C).",
  kind: "in-expectation",
  assumptions: [
    "categorical-mle family, replace regime, chains start from the truth (initialModel)",
    "truth bounded Zipf, k ∈ [3, 12], s ∈ [0, 1.5]; correct set C = {c, …, k − 1}, 1 ≤ c ≤ k − 1",
    "a ∈ [0.5, 1]; b ∈ [0.05, a − 0.2] (informative) or b = a (neutral)",
    "M ∈ [20, 200]; t ∈ [0, 2] for the one-step checks, T ∈ [1, 10] for the neutral martingale",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc
    .record({
      k: uniformInteger({ min: 3, max: 12 }),
      s: uniformReal({ min: 0, max: 1.5, simplest: 1 }),
      a: uniformReal({ min: 0.5, max: 1, simplest: 1 }),
      neutral: fc.boolean(),
      samples: logUniformInteger({ min: 20, max: 200 }),
    })
    .chain((b) =>
      fc.record({
        k: fc.constant(b.k),
        s: fc.constant(b.s),
        c: uniformInteger({ min: 1, max: b.k - 1 }),
        a: fc.constant(b.a),
        b: b.neutral ? fc.constant(b.a) : uniformReal({ min: 0.05, max: b.a - 0.2 }),
        samples: fc.constant(b.samples),
        t: b.neutral ? uniformInteger({ min: 1, max: 10 }) : uniformInteger({ min: 0, max: 2 }),
      }),
    ),
  simulate: (s: Setting, range): Record<string, Float64Array> => {
    const generations = s.a === s.b ? s.t : s.t + 1;
    const r = runReplicates(
      {
        truth: truthSpec(s),
        family: "categorical-mle",
        regime: "replace",
        transforms: [`verify:a=${s.a},b=${s.b},low=${s.c}`],
        samples: s.samples,
        generations,
        metrics: [],
      },
      range,
      { observe: { massC: massOnC(s.c) }, initialModel: truthFromSpec(truthSpec(s)).model },
    );
    if (s.a === s.b) return { massT: generationValues(r, "massC", s.t) };
    const now = generationValues(r, "massC", s.t);
    const next = generationValues(r, "massC", s.t + 1);
    return { now, next, step: next.map((v, i) => v - g(s, now[i])) };
  },
  checks: (s: Setting) =>
    s.a === s.b
      ? [meanEquals("massT", m0(s), { variance: neutralVariance(s), precision: 0.035 })]
      : [meanEquals("step", 0, { precision: 0.02 }), greaterThan("next", "now")],
});

verifyClaim(claim);
