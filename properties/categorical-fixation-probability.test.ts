/**
 * Claim: a two-symbol categorical-MLE chain fixes on a symbol with probability equal to that
 * symbol's initial frequency (exact, in probability).
 *
 * Citation: Shumailov et al., Nature 631 (2024), §"Discrete distributions with exact
 *   approximation" (absorption in a delta with probability 1); Wright–Fisher fixation
 *   probability (Kimura 1962); docs/theory.md#categorical-fixation (M = 100, p = 0.2: 0.200,
 *   MC 0.198).
 * Setting: truth (1 − p_0, p_0) over two symbols; generation 1 is the MLE of M real samples,
 *   generation t+1 the MLE of M samples of generation t (replace). The frequency X_t of symbol 1
 *   is a bounded martingale (E[X_{t+1} | X_t] = X_t, X_0 = p_0) absorbed at 0 or 1 in finite time
 *   a.s. (from any interior state it fixes in one step with probability ≥ M^−M), so by optional
 *   stopping P(X_∞ = 1) = E[X_∞] = p_0, exactly, for every M ≥ 1 and p_0 (not only multiples of
 *   1/M).
 * Estimator: each replicate chain is run until absorption (no horizon, so no conditioning on
 *   fixation by T); the observation is the indicator that symbol 1 fixed. Mean absorption time is
 *   ≈ −2M[p ln p + (1−p) ln(1−p)] ≤ 1.39M generations; a chain still segregating after 10^6
 *   generations (probability ≤ M p_0(1−p_0)(1−1/M)^{10^6−1} < e^−10^4 at M ≤ 60, the
 *   heterozygosity bound of properties/categorical-tail-mass-vanishes.test.ts) is reported as an
 *   error, not a verdict.
 * Decision rule: probabilityEquals, exact two-sided binomial test (Clopper–Pearson) against p_0:
 *   refuted when it rejects P = p_0; supported when the whole interval lies within p_0 ± 0.05 (the
 *   stated margin). At the per-test level α' = 1e-6/(8 scenarios × 1 check × 7 looks) ≈ 1.8e-8
 *   the half-width is h ≈ 5.63·sd with sd = √(p_0(1−p_0)/n), and the interval sits inside the
 *   margin when |p̂ − p_0| ≤ 0.05 − h: at n = 12800, h ≤ 0.025 and the slack 0.025 is ≥ 5.6 sd
 *   for every p_0, so a true claim is decided by the cap (p_0 near ½ needs it; at 6400 the slack
 *   would be only 2.4 sd). Hence maxReplicates = 12800 and M ≤ 60 (≤ 83 generations per chain on
 *   average) to stay within the time budget.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  probabilityEquals,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { expectModel, synthesize } from "collapse-harness/engine";
import fc from "fast-check";

const MAX_GENERATIONS = 1_000_000;

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
    p0: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    samples: fc.integer({ min: 2, max: 60 }),
  }),
  simulate: (s, range) => {
    const truth = truthFromSpec(`categorical:p=${1 - s.p0}/${s.p0}`);
    const family = familyFromSpec("categorical-mle");
    const fixed = new Float64Array(range.count);
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      let data = truth.sampleReal(stream, s.samples);
      for (let t = 1; ; t++) {
        const model = expectModel(family.fit(data, stream), "categorical");
        if (model.p[1] === 0 || model.p[1] === 1) {
          fixed[r] = model.p[1];
          break;
        }
        if (t === MAX_GENERATIONS) {
          throw new Error(`chain ${range.first + r} not absorbed after ${t} generations`);
        }
        data = synthesize(model, [], stream, s.samples);
      }
    }
    return { fixed };
  },
  checks: (s) => [probabilityEquals("fixed", s.p0, { margin: 0.05 })],
});

verifyClaim(claim);
