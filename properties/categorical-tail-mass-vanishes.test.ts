/**
 * Claim: under categorical-MLE replace the tail mass X_t = p_t(A) of most chains hits 0 — (a) bound:
 * P(X_T = 0) ≥ 1 − τ_0 − δ_T, δ_T = Mτ_0(1−τ_0)(1−1/M)^{T−1} — while (b) in expectation it is kept:
 * E[X_T] = τ_0 (A: the engine's `tail-mass` set at level q; τ_0 = p_0(A)).
 *
 * Derivation (docs/theory.md#categorical-tail-mass): X_t is a two-type Wright–Fisher chain, so it
 *   is a martingale, P(0 < X_T < 1) ≤ δ_T (`wrightFisherSegregatingBound`) and P(X_T = 1) ≤ τ_0.
 *   T is the first generation with δ_T ≤ δ (`wrightFisherSegregatingHorizon`); a chain stops once
 *   X_t ∈ {0, 1} (absorbing: X_T = X_t).
 * Rules: (a) probabilityAtLeast, exact one-sided binomial, no margin: the bound is loose by
 *   ≈ δ_T(1 − 6/M) ≥ 0.07, detected with ≈ (5.6·0.5/0.07)² ≈ 1600 chains; (b) meanEquals, t-test,
 *   precision 0.35·τ_0, so a halving (properties/negative/tail-mean-shrinks.test.ts) is detected
 *   with power > 0.99: sd ≤ √(τ_0(1−τ_0)), τ_0 ≥ 0.1, (5.6 + 1.3)·0.3/√n ≤ 0.035 by n = 3600.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks; maxReplicates 6400.
 */

import {
  defineClaim,
  meanEquals,
  probabilityAtLeast,
  runReplicatesUntil,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { tailMassOf, truthTailSet } from "collapse-harness/engine";
import {
  wrightFisherSegregatingBound,
  wrightFisherSegregatingHorizon,
} from "collapse-harness/theory";
import fc from "fast-check";

interface Setting {
  readonly k: number;
  readonly s: number;
  readonly q: number;
  readonly samples: number;
  readonly delta: number;
}

function tailOf(s: Setting) {
  const truth = truthFromSpec(`zipf:k=${s.k},s=${s.s}`);
  const set = truthTailSet(truth, s.q);
  return { set, tau0: tailMassOf(truth.model, set) };
}

const horizon = (s: Setting) => wrightFisherSegregatingHorizon(s.samples, tailOf(s).tau0, s.delta);

export const claim = defineClaim({
  id: "categorical-tail-mass-vanishes",
  title: "Categorical MLE: the tail of most chains hits 0, yet E[tail mass] = tail mass_0",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Wright–Fisher; Seddik et al. 2024",
    where: "§Discrete distributions with exact approximation; docs/theory.md#categorical-tail-mass",
  },
  statement:
    "With τ_0 the truth's tail mass and δ_T = Mτ_0(1−τ_0)(1−1/M)^{T−1}: P(tail mass_T = 0) ≥ 1 − τ_0 − δ_T (the tail vanishes in almost every chain as T grows, in a fraction → 1 − τ_0), while E[tail mass_T] = τ_0 exactly at every T.",
  kind: "bound",
  assumptions: [
    "categorical-mle family, replace regime",
    "truth: bounded Zipf, k ∈ [5, 30], s ∈ [0.5, 1.5]; tail level q ∈ [0.15, 0.35] with τ_0 ≥ 0.1",
    "M ∈ [20, 50]; T the smallest horizon with δ_T ≤ δ, δ ∈ [0.1, 0.3]",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc
    .record({
      k: uniformInteger({ min: 5, max: 30 }),
      s: uniformReal({ min: 0.5, max: 1.5, simplest: 1 }),
      q: uniformReal({ min: 0.15, max: 0.35 }),
      samples: uniformInteger({ min: 20, max: 50 }),
      // The largest δ gives the shortest horizon T, the cheapest chain.
      delta: uniformReal({ min: 0.1, max: 0.3, simplest: 0.3 }),
    })
    .filter((s) => tailOf(s).tau0 >= 0.1),
  simulate: (s, range) => {
    const { set } = tailOf(s);
    const r = runReplicatesUntil(
      {
        truth: `zipf:k=${s.k},s=${s.s}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
      },
      range,
      {
        stop: (m) => tailMassOf(m, set) === 0 || tailMassOf(m, set) >= 1 - 1e-12,
        maxGenerations: horizon(s),
      },
    );
    const mass = Float64Array.from(r.models, (m) => tailMassOf(m, set));
    return { tailGone: mass.map((x) => (x === 0 ? 1 : 0)), tailMass: mass };
  },
  checks: (s) => {
    const { tau0 } = tailOf(s);
    const bound = 1 - tau0 - wrightFisherSegregatingBound(s.samples, tau0, horizon(s));
    return [
      probabilityAtLeast("tailGone", Math.max(0, bound)),
      meanEquals("tailMass", tau0, { precision: 0.35 * tau0 }),
    ];
  },
});

verifyClaim(claim);
