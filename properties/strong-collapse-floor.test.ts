/**
 * Claim: with a fixed synthetic fraction p labelled by w_s ≠ w*, the OLS test error does not
 * vanish as n grows: at a sample size n_L large enough that the exact excess over the floor is
 * ≤ 1/8 of it, E‖ŵ − w*‖² lies within ±25% of the floor q²‖w_s − w*‖² (q = round(p·n_L)/n_L),
 * while with p = 0 the error at the same n_L is below a quarter of that floor and still falling
 * (it is smaller at n_L than at n_L/8). Exact in expectation; the floor is the n → ∞ limit.
 *
 * Derivation (docs/theory.md#strong-model-collapse): E‖ŵ − w*‖² = floor + spread + noise with
 *   spread + noise = O(1/n) (strongCollapseTestError); n_L is the smallest n ≥ d + 15 with
 *   spread + noise ≤ floor/8, so the true mean lies in [floor, 1.125·floor], ≥ floor/8 inside the
 *   band's edges; the p = 0 error σ²d/(n − d − 1) ≤ noise ≤ floor/8 there.
 * Observations per replicate (means over B = 8 chains, runReplicates, batch B; the three runs use
 *   the same chain streams, so they are paired): mixLarge (p > 0, n_L), cleanLarge (p = 0, n_L),
 *   cleanSmall (p = 0, n_S = max(d + 15, round(n_L/8))).
 * Decision rules: (1) meanWithin(mixLarge, floor, ±25%), two one-sided t tests; (2) meanAtMost
 *   (cleanLarge, floor/4), one-sided t bound; (3) greaterThan(cleanSmall, cleanLarge), paired t.
 *   (1): one chain's sd at n_L is ≤ 0.6·floor (numpy, 4000 fits at the corners d ∈ {2, 5},
 *   p = 0.2, ‖Δ‖ = 1, σ ∈ {0.3, 1}), a replicate's ≤ 0.21·floor; support needs the interval's
 *   half-width z·0.21·floor/√R ≤ floor/8 (z ≈ 5.9), R ≥ 98: the third look (200) at worst.
 *   Refutation needs the whole interval outside the band, a deviation ≥ floor/8 plus the
 *   half-width, ≥ 10 standard errors at every look. (2): the clean error is ≤ floor/8 with sd ≤ its
 *   mean (d ≥ 2), ≥ 20 standard errors below floor/4 at the first look. (3): the clean error at
 *   n_S is ≥ 1.6 times that at n_L (n_L ≥ 26 over the ranges), ≥ 7 standard errors apart at the
 *   first look. So the false-alarm probability is far below the nominal α.
 * Budget: α = 1e-6 per run, Bonferroni over 6 scenarios × 3 checks × 5 looks; 50 replicates at
 *   the first look, doubling to 800.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  greaterThan,
  meanAtMost,
  meanWithin,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { strongCollapseTestError } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 8;

interface Scenario {
  readonly d: number;
  readonly p: number;
  readonly shift: number;
  readonly sigma: number;
  readonly wSeed: number;
}

/** The exact error of the mix at n (the truth draws round(p·n) synthetic points). */
const exact = (s: Scenario, n: number) =>
  strongCollapseTestError(s.d, n, Math.round(s.p * n), s.shift, s.sigma);

/** n_L: the smallest n ≥ d + 15 whose exact excess over the floor is ≤ floor/8. */
function largeSize(s: Scenario): number {
  for (let n = s.d + 15; ; n++) {
    const m = exact(s, n);
    if (m.spread + m.noise <= m.floor / 8) return n;
  }
}

export const claim = defineClaim({
  id: "strong-collapse-floor",
  title:
    "Strong collapse: with synthetic fraction p the OLS error stays at p²‖Δ‖²; with p = 0 it falls",
  citation: {
    source: "Dohmatob, Feng, Subramonian & Kempe, ICLR 2025 (Strong model collapse)",
    where:
      "error floor p²‖w_s − w*‖²_Σ of OLS on a real/synthetic mix; docs/theory.md#strong-model-collapse",
  },
  statement:
    "With a fixed fraction p of the training set labelled by w_s ≠ w*, more data does not remove the OLS test error: at large n it is within 25% of the floor p²‖w_s − w*‖², while without synthetic data (p = 0) it is below a quarter of that floor at the same n and still decreasing.",
  kind: "in-expectation",
  assumptions: [
    "x ~ N(0, I_d), label noise σ², OLS (no ridge); n_L set from the exact form so the excess over the floor is ≤ floor/8",
    "d ∈ [2, 5], p ∈ [0.2, 0.5], ‖Δ‖ ∈ [1, 2], σ ∈ [0.3, 1]",
  ],
  budget: { scenarios: 6, replicates: 50, maxReplicates: 800 },
  scenario: fc.record({
    d: uniformInteger({ min: 2, max: 5 }),
    p: uniformReal({ min: 0.2, max: 0.5, simplest: 0.2 }),
    shift: uniformReal({ min: 1, max: 2, simplest: 1 }),
    sigma: uniformReal({ min: 0.3, max: 1, simplest: 1 }),
    wSeed: uniformInteger({ min: 0, max: 10_000 }),
  }),
  simulate: (s, range) => {
    const nLarge = largeSize(s);
    const nSmall = Math.max(s.d + 15, Math.round(nLarge / 8));
    const base = `regression:d=${s.d},sigma=${s.sigma},seed=${s.wSeed}`;
    const error = (truth: string, samples: number) =>
      batchMeans(
        generationValues(
          runReplicates(
            {
              truth,
              family: "ols",
              regime: "replace",
              samples,
              generations: 1,
              metrics: ["test-error"],
            },
            range,
            { batch: B },
          ),
          "test-error",
          1,
        ),
        B,
      );
    return {
      mixLarge: error(`${base},synthetic=${s.p},shift=${s.shift}`, nLarge),
      cleanLarge: error(base, nLarge),
      cleanSmall: error(base, nSmall),
    };
  },
  checks: (s) => {
    const { floor } = exact(s, largeSize(s));
    return [
      meanWithin("mixLarge", floor, { relative: 0.25 }),
      meanAtMost("cleanLarge", floor / 4),
      greaterThan("cleanSmall", "cleanLarge"),
    ];
  },
});

verifyClaim(claim);
