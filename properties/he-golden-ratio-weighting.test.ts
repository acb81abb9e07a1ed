/**
 * Claim: with n fresh real and m = n synthetic samples per generation (k = 1), He, Xu & Cheng's
 * weighted Gaussian fit θ = w·θ̂(real) + (1 − w)·θ̂(synthetic) at the golden weight w = 1/φ has
 * the exact mean error of weightedFreshGaussianMeanError — which by T ≥ 6 is its limit, σ²/(φn)
 * for the unbiased fit (the known-variance case; ≈ 0.61σ²/n with the MLE variance) — and it is
 * below the unweighted (pooled) mix's, whose limit is ≈ 2σ²/(3n).
 *
 * Derivation (docs/theory.md#weighted-fresh-mean): e_{t+1} = w²/n + (1 − w)²(v_t/m + e_t) with
 *   v_t = E σ²_t/σ² from its own recursion, and the variance of (μ_t − μ)² from the fourth
 *   moments; n·e_∞ = (w² + (1 − w)²/k)/(w(2 − w)) is least at w* = 2/(1 + √(1 + 4k)), with value
 *   w* (1/φ at k = 1), against (1 + k)/(1 + 2k) = 2/3 for w = 1/(1 + k). e_T is within a relative
 *   0.4^T of the limit (contraction (1 − w)² for e, (1 − w)c_m for v).
 * Observations: per regime, replicate i averages (μ_T − μ)² (`mean-error`) over B = 32 chains;
 *   the two regimes run chain c on the same stream, so both draw the same standard normals (the
 *   same D₁, then the same real and synthetic noise every generation): the paired differences
 *   are tight.
 * Decision rules: (1) meanEquals for the golden weight with its exact variance/B as the bound of
 *   the variance-bound interval (valid for any law), precision 15% (the pooled mix's error is
 *   ≥ 7% larger, so rule (2) separates them; one chain's sd ≤ 1.5 of its mean: ≤ 200 replicates,
 *   the first or second look); (2) greaterThan pooled > golden, a paired t-test on the batch
 *   means (asymptotic: no exact variance of the pooled chain's squared error is derived; one
 *   chain's difference has sd ≈ 7 of its mean, a batch's ≈ 1.3, so 200 replicates put the mean
 *   ≈ 11 standard errors above 0 at the first look).
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 2 checks × 5 looks.
 */

import {
  batchMeans,
  choiceOf,
  defineClaim,
  generationValues,
  greaterThan,
  logUniformReal,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import {
  weightedFreshGaussianMeanError,
  weightedFreshOptimalWeight,
} from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 32;

/** The golden weight 1/φ: the optimum at k = m/n = 1. */
const GOLDEN = weightedFreshOptimalWeight(1);

export const claim = defineClaim({
  id: "he-golden-ratio-weighting",
  title:
    "Weighted fresh data, k = 1: at w = 1/φ, E(μ_T − μ)² = the exact weighted recursion (→ σ²/(φn)), below the unweighted mix's",
  citation: {
    source: "He, Xu & Cheng 2025, Golden ratio weighting prevents model collapse",
    where: "optimal weight of the Gaussian mean; docs/theory.md#weighted-fresh-mean",
  },
  statement:
    "Fitting n fresh real and n synthetic samples apart and averaging the Gaussian fits with weight 1/φ on the real part gives the mean error of the exact weighted recursion, whose limit σ²/(φn) (known variance) is the least over all weights and below the pooled mix's ≈ 2σ²/(3n).",
  kind: "in-expectation",
  assumptions: [
    "truth N(μ, σ²); weighted-fresh:real=n,weight=1/φ,first=n against fresh:real=n,first=n, M = 2n",
    "gaussian-mle or gaussian-unbiased (the weighted fit averages mean and variance), named by the scenario",
    "n ∈ [5, 30], T ∈ [6, 12]",
    "the ordering against the pooled mix is decided by an asymptotic paired t-test",
  ],
  scenario: fc.record({
    family: choiceOf(["gaussian-unbiased", "gaussian-mle"] as const),
    n: uniformInteger({ min: 5, max: 30 }),
    T: uniformInteger({ min: 6, max: 12 }),
    mean: uniformReal({ min: -5, max: 5, simplest: 0 }),
    // σ spans a decade: log-uniform, shrinking to the standard normal.
    sd: logUniformReal({ min: 0.3, max: 3, simplest: 1 }),
  }),
  simulate: (s, range) => {
    const errorAtT = (regime: string) => {
      const r = runReplicates(
        {
          truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
          family: s.family,
          regime,
          samples: 2 * s.n,
          generations: s.T,
          metrics: ["mean-error"],
          recordAt: [s.T],
        },
        range,
        { batch: B },
      );
      return batchMeans(generationValues(r, "mean-error", s.T), B);
    };
    return {
      golden: errorAtT(`weighted-fresh:real=${s.n},weight=${GOLDEN},first=${s.n}`),
      pooled: errorAtT(`fresh:real=${s.n},first=${s.n}`),
    };
  },
  checks: (s) => {
    const v = s.sd * s.sd;
    const ddof = s.family === "gaussian-mle" ? 0 : 1;
    const th = weightedFreshGaussianMeanError(s.n, s.n, GOLDEN, s.T, { ddof, first: s.n });
    const exact = th.meanError[s.T - 1] * v;
    const variance = (th.meanErrorVariance[s.T - 1] * v * v) / B;
    return [
      meanEquals("golden", exact, { variance, precision: 0.15 * exact }),
      greaterThan("pooled", "golden"),
    ];
  },
});

verifyClaim(claim);
