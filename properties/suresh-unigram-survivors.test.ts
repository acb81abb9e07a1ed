/**
 * Claim (in expectation): Suresh et al.'s Corollary 1 — after k MLE refits of a unigram model to n
 * samples, E[S_k] ≥ Σ_i (1 − exp(−n p_{0,i} g_k)), S_k the number of symbols alive (`support`).
 *
 * What is encoded (docs/theory.md#suresh-unigram-survivors): the bound is within 0.0035 per symbol
 *   of the exact E_k (`unigramExpectedSurvivors`: per-symbol Bernoulli chains), too tight for a
 *   Monte Carlo test, so (a) in expectation E[S_k] = E_k and (b) sure, exactly, E_k ≥ the bound
 *   (`sureshUnigramSurvivorBound`); together E[S_k] ≥ bound − precision(a). Only settings with
 *   E_k ≤ K − ½, so S_k varies across chains.
 * Rules: (a) meanEquals, t-test, precision max(0.25, 3% of E_k): sd(S_k) ≤ 2.5 symbols, so
 *   (5.7 + 1.3)·sd/√n ≤ 0.25 by 4900 chains; maxReplicates 6400; (b) `sure`.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks (the sure check spends none).
 */

import {
  categoricalTruthArbitrary,
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  sure,
  truthFromSpec,
  uniformInteger,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { expectModel } from "collapse-harness/engine";
import { sureshUnigramSurvivorBound, unigramExpectedSurvivors } from "collapse-harness/theory";
import fc from "fast-check";

const truthSpec = categoricalTruthArbitrary({
  symbols: { min: 10, max: 25 },
  zipfExponent: { min: 0.5, max: 1.5 },
  dirichletAlpha: { min: 0.2, max: 2 },
});

const cache = new Map<string, { symbols: number; exact: number; bound: number }>();
function exactAndBound(truth: string, n: number, k: number) {
  const key = `${truth}|${n}|${k}`;
  let v = cache.get(key);
  if (v === undefined) {
    const p0 = expectModel(truthFromSpec(truth).model, "categorical").p;
    v = {
      symbols: p0.length,
      exact: unigramExpectedSurvivors(p0, n, k),
      bound: sureshUnigramSurvivorBound(p0, n, k),
    };
    cache.set(key, v);
  }
  return v;
}

export const claim = defineClaim({
  id: "suresh-unigram-survivors",
  title: "Suresh et al. Corollary 1: E[#surviving symbols at k] ≥ Σ_i (1 − exp(−n p_i g_k))",
  citation: {
    source: "Suresh, Thangaraj, Khandavally, AISTATS 2025 (Rate of model collapse)",
    where: "Corollary 1 (unigram); docs/theory.md#suresh-unigram-survivors",
  },
  statement:
    "Refitting a unigram (categorical) model by empirical frequencies to n samples of the previous fit, the expected number of symbols still alive after k fits equals Σ_i f(n, p_i, k) (per-symbol Bernoulli chains) and is at least Σ_i (1 − exp(−n p_{0,i} g_k)).",
  kind: "in-expectation",
  budget: { maxReplicates: 6400 },
  assumptions: [
    "categorical-mle family, replace regime, k = number of fits",
    "truth: bounded Zipf (K ∈ [10, 25], s ∈ [0.5, 1.5]) or a Dirichlet(α ∈ [0.2, 2]) draw",
    "n ∈ [50, 200], k ∈ [1, 30], E_k ≤ K − ½",
  ],
  scenario: fc
    .record({
      truth: truthSpec,
      samples: uniformInteger({ min: 50, max: 200 }),
      k: uniformInteger({ min: 1, max: 30 }),
    })
    .filter((s) => {
      const { symbols, exact } = exactAndBound(s.truth, s.samples, s.k);
      return exact <= symbols - 0.5;
    }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: s.truth,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
        generations: s.k,
        metrics: ["support"],
      },
      range,
    );
    const { exact, bound } = exactAndBound(s.truth, s.samples, s.k);
    const violations: Violation[] =
      exact >= bound - 1e-9
        ? []
        : [{ replicate: range.first, detail: `exact E[S_k] = ${exact} < bound ${bound}` }];
    return { survivors: generationValues(r, "support", s.k), corollary: violations };
  },
  checks: (s) => {
    const { exact } = exactAndBound(s.truth, s.samples, s.k);
    return [
      meanEquals("survivors", exact, { precision: Math.max(0.25, 0.03 * exact) }),
      sure("corollary", "exact E[S_k] ≥ Σ_i (1 − exp(−n p_{0,i} g_k))"),
    ];
  },
});

verifyClaim(claim);
