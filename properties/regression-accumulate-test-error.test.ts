/**
 * Claim: linear regression refitted by OLS on accumulated data has excess test error
 * E‖w_t − w*‖² = (σ²d/(M − d − 1))·Σ_{i≤t} 1/i² ≤ (π²/6)σ²d/(M − d − 1) for every t, below the
 * replace error σ²dt/(M − d − 1) at every t ≥ 2 (exact in expectation, bound, ordering).
 *
 * Derivation (docs/theory.md#regression-accumulate): stacking the fixed design t times averages
 *   the relabellings, so ‖w_t − w*‖² has the law of replace's with s² = σ²Σ_{i≤t} 1/i²
 *   (inverseSquareSum) instead of σ²t; moments from olsTestErrorMoments. Both regimes run chain c
 *   on the same stream (D₁, the first fit and every noise draw coincide): strongly paired.
 * Observations: per replicate, means over B = 16 chains (runReplicates, batch B) of both regimes'
 *   errors at t = 2…T (6 scenarios: accumulate refits pools of up to 5M rows).
 * Decision rules: (1) meanEquals at T with the variance-bound interval (exact variance/B as the bound; valid for any law), precision 15% (the
 *   linear-in-t alternative is ≥ 36% larger; one chain's sd ≤ 0.97 of its mean for d ≥ 3, so
 *   ≤ (8.0·0.97/0.15)²/16 ≈ 170 replicates: second look); (2) meanAtMost the π²/6 bound, same
 *   interval (the exact value is ≤ 0.89 of it, ≥ 7 standard errors below at the first look, so
 *   supported at the first or second look); (3) greaterThan replace_t > accumulate_t for
 *   t ∈ [2, T] (E[diff] ≥ 0.75σ²d/(M−d−1)), on the variance-bound interval of the paired
 *   differences with the bound (sd_replace + sd_accumulate)²/B from the two exact variances
 *   (valid whatever the pairing's correlation). All three hold for any law, with no normal
 *   approximation, so the claim runs at the default α = 1e-6 (it ran at 4e-7 to absorb the
 *   z-tests' skew error).
 * Budget: α = 1e-6 per run, Bonferroni over 6 scenarios × (T + 1) checks × 5 looks.
 */

import {
  batchMeans,
  type Check,
  defineClaim,
  generationValues,
  greaterThan,
  meanAtMost,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { inverseSquareSum, olsTestErrorMoments } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 16;

export const claim = defineClaim({
  id: "regression-accumulate-test-error",
  title: "OLS accumulate: E‖w_t − w*‖² = (σ²d/(M−d−1))Σ1/i² ≤ π²/6·σ²d/(M−d−1) < replace",
  citation: {
    source: "Gerstgrasser et al. 2024; Kazdan et al. 2024; Dey & Donoho 2024",
    where: "linear regression, accumulate vs replace; docs/theory.md#regression-accumulate",
  },
  statement:
    "Refitting OLS to all data so far (real and synthetic, fixed design), the excess test error after t fits is (σ²d/(M−d−1))Σ_{i≤t}1/i², never above (π²/6)σ²d/(M−d−1), and strictly below replace's σ²dt/(M−d−1) at every t ≥ 2.",
  kind: "in-expectation",
  assumptions: [
    "x ~ N(0, I_d), label noise σ², OLS with fixed design",
    "d ∈ [3, 6], M ∈ [d + 15, 40], T ∈ [2, 5]",
  ],
  budget: { scenarios: 6 },
  scenario: uniformInteger({ min: 3, max: 6 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      samples: uniformInteger({ min: d + 15, max: 40 }),
      T: uniformInteger({ min: 2, max: 5 }),
      sigma: uniformReal({ min: 0.3, max: 2, simplest: 1 }),
      wSeed: uniformInteger({ min: 0, max: 10_000 }),
    }),
  ),
  simulate: (s, range) => {
    const run = (regime: string) =>
      runReplicates(
        {
          truth: `regression:d=${s.d},sigma=${s.sigma},seed=${s.wSeed}`,
          family: "ols",
          regime,
          samples: s.samples,
          generations: s.T,
          metrics: ["test-error"],
        },
        range,
        { batch: B },
      );
    const acc = run("accumulate");
    const rep = run("replace");
    const obs: Record<string, Float64Array> = {};
    for (let t = 2; t <= s.T; t++) {
      obs[`accumulate${t}`] = batchMeans(generationValues(acc, "test-error", t), B);
      obs[`replace${t}`] = batchMeans(generationValues(rep, "test-error", t), B);
    }
    return obs;
  },
  checks: (s) => {
    const m = olsTestErrorMoments(s.d, s.samples, s.sigma * s.sigma * inverseSquareSum(s.T));
    const bound = olsTestErrorMoments(s.d, s.samples, (Math.PI ** 2 / 6) * s.sigma * s.sigma);
    const variance = m.variance / B;
    const checks: Check[] = [
      meanEquals(`accumulate${s.T}`, m.mean, { variance, precision: 0.15 * m.mean }),
      meanAtMost(`accumulate${s.T}`, bound.mean, { variance }),
    ];
    const sigma2 = s.sigma * s.sigma;
    for (let t = 2; t <= s.T; t++) {
      // Var(a − b) ≤ (sd_a + sd_b)² whatever the pairing: a bound from the two exact variances.
      const sdReplace = Math.sqrt(olsTestErrorMoments(s.d, s.samples, sigma2 * t).variance);
      const sdAccumulate = Math.sqrt(
        olsTestErrorMoments(s.d, s.samples, sigma2 * inverseSquareSum(t)).variance,
      );
      checks.push(
        greaterThan(`replace${t}`, `accumulate${t}`, {
          variance: (sdReplace + sdAccumulate) ** 2 / B,
        }),
      );
    }
    return checks;
  },
});

verifyClaim(claim);
