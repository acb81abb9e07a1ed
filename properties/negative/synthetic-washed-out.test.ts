/**
 * FALSE variant (must be refuted): "enough data washes out any synthetic fraction": once n is so
 * large that clean data (p = 0) would give an OLS test error below ε = p²‖w_s − w*‖²/4, the
 * contaminated training set gives an error ≤ ε too.
 *
 * Why it is false (docs/theory.md#strong-model-collapse): the synthetic labels shift the
 * estimator's mean, ŵ → w* + qΔ, so E‖ŵ − w*‖² ≥ q²‖Δ‖² = 4ε at every n (the exact form adds
 *   positive spread and noise terms; strongCollapseTestError); properties/strong-collapse-floor
 *   shows the clean error below ε at the same n_L.
 * Decision rule: meanAtMost(mixLarge, ε), one-sided t bound on replicates that each average B = 8
 *   chains at n_L (the smallest n ≥ d + 15 whose exact excess over the floor is ≤ floor/8); the
 *   truth is ≥ 4ε, over 100 standard errors above ε at the first look.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  meanAtMost,
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
  id: "negative-synthetic-washed-out",
  title: "Enough data washes out a synthetic fraction: E‖ŵ − w*‖² ≤ p²‖Δ‖²/4 at large n (false)",
  citation: {
    source: "a careless reading of scaling laws, refuted by Dohmatob et al., ICLR 2025",
    where: "docs/theory.md#strong-model-collapse",
  },
  statement:
    "With enough training data the OLS test error falls below a quarter of p²‖w_s − w*‖², whatever the synthetic fraction p.",
  kind: "in-expectation",
  budget: { scenarios: 4, replicates: 50, maxReplicates: 800 },
  scenario: fc.record({
    d: uniformInteger({ min: 2, max: 5 }),
    p: uniformReal({ min: 0.2, max: 0.5, simplest: 0.2 }),
    shift: uniformReal({ min: 1, max: 2, simplest: 1 }),
    sigma: uniformReal({ min: 0.3, max: 1, simplest: 1 }),
  }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `regression:d=${s.d},sigma=${s.sigma},synthetic=${s.p},shift=${s.shift}`,
        family: "ols",
        regime: "replace",
        samples: largeSize(s),
        generations: 1,
        metrics: ["test-error"],
      },
      range,
      { batch: B },
    );
    return { mixLarge: batchMeans(generationValues(r, "test-error", 1), B) };
  },
  checks: (s) => [meanAtMost("mixLarge", exact(s, largeSize(s)).floor / 4)],
});

verifyClaim(claim, { expect: "refuted" });
