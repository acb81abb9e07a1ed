/**
 * Claim: keeping a fixed fraction f of the original data in every generation keeps a Gaussian
 * near the truth: E[(μ_t − μ)²] ≤ 2σ²/k for every t (k = round(fM) kept points), below replace's
 * σ²(1 − (1−1/M)^t) once replace has drifted, and the variance stays ≥ σ²χ²_{k−1}/M in law
 * (bound, ordering, in probability).
 *
 * Derivation (docs/theory.md#keep-original): the exact E[(μ_t − μ)²] follows a two-moment linear
 *   recursion (keepOriginalMeanError) that stays ≤ 2σ²/k; Mσ²_t ≥ Σ_K (x − x̄_K)² ~ σ²χ²_{k−1}
 *   surely. T ∈ [T₀, 1.5T₀], T₀ the first t at which replace's exact mean error is twice
 *   keep-original's (before that replace has not drifted: at t = 1 both fit D₁).
 * Observations per replicate chain (runReplicates; chain c of both regimes shares D₁): (μ_T − μ)²
 *   under keep-original and replace; the indicator σ²_T ≥ c under keep-original.
 * Decision rules: (1) meanAtMost 2σ²/k, one-sided t bound (the exact value is ≤ 0.75 of the bound;
 *   one chain's sd ≤ 1.5 of its mean, so ≤ 800 chains decide it; a false refutation needs the
 *   lower confidence bound 1/3 above the truth, and for right-skewed data the t statistic's upper
 *   tail is lighter than Student's); (2) greaterThan replace > keep-original at T, paired t-test
 *   (E[diff] ≥ half of replace's value); (3) probabilityAtLeast p, exact Clopper–Pearson (the
 *   bound is conservative: σ²_T stays near (k−1)σ²/(k+1) or above).
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 3 checks × 5 looks.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  logUniformReal,
  meanAtMost,
  probabilityAtLeast,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { chiSquareQuantile, keepOriginalMeanError } from "collapse-harness/theory";
import fc from "fast-check";

interface Setting {
  readonly fraction: number;
  readonly samples: number;
  readonly u: number;
  readonly mean: number;
  readonly sd: number;
  readonly p: number;
}

/** k, T = ⌈u·T₀⌉ (T₀: replace's exact error ≥ 2× keep-original's) and the exact error at T. */
function derived(s: Setting): { k: number; T: number; keep: number } {
  const M = s.samples;
  const k = Math.round(s.fraction * M);
  const keep = keepOriginalMeanError(M, k, 2000);
  let t0 = 1;
  while (1 - ((M - 1) / M) ** t0 < 2 * keep[t0 - 1]) t0++;
  const T = Math.ceil(s.u * t0);
  return { k, T, keep: keep[T - 1] };
}

export const claim = defineClaim({
  id: "gaussian-keep-original",
  title: "Keeping a fraction of the original data: E[(μ_t − μ)²] ≤ 2σ²/k < replace; no collapse",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "LM experiment keeping 10% of the original data; docs/theory.md#keep-original",
  },
  statement:
    "Refitting a Gaussian (MLE) to k = fM kept original points plus M − k synthetic ones, the mean error stays ≤ 2σ²/k at every generation, below replace's once replace has drifted, and the variance stays ≥ σ²χ²_{k−1}/M in law.",
  kind: "bound",
  assumptions: [
    "truth N(μ, σ²), gaussian-mle, keep-original:fraction=f vs replace",
    "f ∈ [0.1, 0.3], M ∈ [4/f, 40] (k ≥ 4)",
  ],
  // f = 10%: the share of original data Shumailov et al. keep.
  scenario: uniformReal({ min: 0.1, max: 0.3, simplest: 0.1 }).chain((fraction) =>
    fc.record({
      fraction: fc.constant(fraction),
      samples: uniformInteger({ min: Math.ceil(4 / fraction), max: 40 }),
      u: uniformReal({ min: 1, max: 1.5 }),
      mean: uniformReal({ min: -5, max: 5, simplest: 0 }),
      // σ spans a decade: log-uniform, shrinking to the standard normal.
      sd: logUniformReal({ min: 0.3, max: 3, simplest: 1 }),
      p: uniformReal({ min: 0.5, max: 0.9 }),
    }),
  ),
  simulate: (s, range) => {
    const { k, T } = derived(s);
    const run = (regime: string) =>
      runReplicates(
        {
          truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
          family: "gaussian-mle",
          regime,
          samples: s.samples,
          generations: T,
          metrics: ["mean-error", "variance"],
        },
        range,
      );
    const keep = run(`keep-original:fraction=${s.fraction}`);
    const replace = run("replace");
    const c = (s.sd * s.sd * chiSquareQuantile(1 - s.p, k - 1)) / s.samples;
    return {
      keepError: generationValues(keep, "mean-error", T),
      replaceError: generationValues(replace, "mean-error", T),
      varianceKept: generationValues(keep, "variance", T).map((v) => (v >= c ? 1 : 0)),
    };
  },
  checks: (s) => {
    const { k, keep } = derived(s);
    const v = s.sd * s.sd;
    if (!(keep <= 0.75 * (2 / k))) throw new Error(`exact keep error ${keep} above 0.75·2/k`);
    return [
      meanAtMost("keepError", (2 * v) / k),
      greaterThan("replaceError", "keepError"),
      probabilityAtLeast("varianceKept", s.p),
    ];
  },
});

verifyClaim(claim);
