/**
 * Claim (exact, in probability): a two-symbol categorical-MLE chain fixes on symbol 1 with
 * probability p_0, for every M — not only for multiples of 1/M.
 *
 * Derivation (docs/theory.md#categorical-fixation): p_t[1] is a bounded martingale absorbed at 0 or
 *   1 a.s. (from any state it fixes in one step with probability ≥ M^−M); optional stopping.
 * Estimator: the indicator that symbol 1 fixed, each chain run until absorption (no horizon, so no
 *   conditioning on fixation by T; mean time ≤ 1.39M, docs/theory.md#absorption-time). A chain
 *   still segregating after 10^6 generations (probability < e^−10^4 at M ≤ 60) is an error.
 * Rule: probabilityEquals(p_0, margin 0.05), exact two-sided binomial: refuted when it rejects
 *   P = p_0, supported when the interval lies within p_0 ± 0.05.
 * Budget: α' = 1e-6/(8 scenarios × 7 looks) ≈ 1.8e-8 gives a half-width h ≈ 5.63·√(p_0(1−p_0)/n):
 *   at n = 12800, h ≤ 0.025 and the slack 0.05 − h is ≥ 5.6 sd for every p_0 (2.4 sd at 6400):
 *   maxReplicates 12800, and M ≤ 60 for time.
 */

import {
  defineClaim,
  logUniformInteger,
  probabilityEquals,
  runReplicatesUntil,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, categoricalAbsorbed, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const MAX_GENERATIONS = 1_000_000;
const symbol1 = (m: AnyModel) => expectModel(m, "categorical").p[1];

export const claim = defineClaim({
  id: "categorical-fixation-probability",
  title: "Two-symbol categorical MLE fixes on a symbol with probability = its initial frequency",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Wright–Fisher (Kimura 1962)",
    where: "§Discrete distributions with exact approximation; docs/theory.md#categorical-fixation",
  },
  statement:
    "Refitting a two-symbol categorical by empirical frequencies to M of its own samples, the chain is absorbed in the delta on symbol 1 with probability exactly p_0, its initial frequency.",
  kind: "in-probability",
  assumptions: [
    "categorical-mle family, replace regime, two symbols",
    "p_0 ∈ [0.05, 0.95], M ∈ [2, 60]",
    "each chain is run until absorption (no horizon)",
  ],
  budget: { maxReplicates: 12800 },
  scenario: fc.record({
    p0: uniformReal({ min: 0.05, max: 0.95, simplest: 0.5 }),
    // M spans a decade and a half: log-uniform visits small populations as often as large ones.
    samples: logUniformInteger({ min: 2, max: 60 }),
  }),
  simulate: (s, range) => {
    const r = runReplicatesUntil(
      {
        truth: `categorical:p=${1 - s.p0}/${s.p0}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
      },
      range,
      { stop: categoricalAbsorbed, maxGenerations: MAX_GENERATIONS },
    );
    const running = r.stopped.indexOf(0);
    if (running >= 0) {
      throw new Error(
        `chain ${range.first + running} not absorbed after ${MAX_GENERATIONS} generations`,
      );
    }
    return { fixed: Float64Array.from(r.models, (m) => symbol1(m)) };
  },
  checks: (s) => [probabilityEquals("fixed", s.p0, { margin: 0.05 })],
});

verifyClaim(claim);
