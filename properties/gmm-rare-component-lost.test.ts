/**
 * Claim: refitting a two-component Gaussian mixture (EM) to its own samples loses a rare,
 * well-separated component with a probability that approaches one minus its weight — the
 * Wright–Fisher loss curve L_T ↑ 1 − w — and shrinks the component variances.
 *
 * Citation: Shumailov et al., Nature 631 (2024), §"Gaussian mixture" experiment (GMM refitted to
 *   its own samples, tails vanish); the loss law is the Wright–Fisher/fixation argument of
 *   docs/theory.md#categorical-fixation applied to the mixture weight (derived here;
 *   docs/theory.md#gaussian-mixture).
 * Setting: truth (1 − w)N(0, 1) + wN(μ_r, s_r²), μ_r = D·max(1, s_r); family gmm (2 components,
 *   EM, k-means++ start), replace; generation 1 is fitted to M real samples. "Lost" at generation
 *   T: the fitted mixture's mass beyond the midpoint μ_r/2 (the rare side) is < 1/(2M), i.e. below
 *   one sample's worth.
 * What is exact and what is not. With separation D ≥ 10 (the truth's mass on the wrong side of the
 *   midpoint is < 3e-7) EM assigns every sample to its side's component, so the rare side's weight
 *   is N_t/M, N_t the rare-side count of generation t's training set: N_1 ~ Bin(M, w),
 *   N_{t+1} ~ Bin(M, N_t/M) — a Wright–Fisher chain, whose loss probability L_T = P(N_T = 0) is
 *   computed exactly here by dynamic programming over {0, …, M}; L_T increases to 1 − w (the weight
 *   is a bounded martingale absorbed at 0 or 1, and P(fixation) = w). The rare-side mass m_T is
 *   then a martingale with E[m_T] = w, so Markov's inequality on 1 − m_T gives
 *   P(m_T < δ) ≤ (1 − w)/(1 − δ). EM is not exactly counting (responsibility leakage, a k-means++
 *   start that misses a lone rare point, a split of the main cluster after the loss that can put
 *   a small component on the rare side for a few generations): the claim allows idealisation
 *   margins, 0.12 below L_T and 0.05 above the Markov bound. In Monte Carlo runs of the engine
 *   (1000–2000 chains, M ∈ [12, 20], w ∈ [0.1, 0.25], s_r ∈ [0.5, 1.5], D ∈ [10, 14]) the loss
 *   frequency stayed within 0.03 of L_T (below it by ≤ 0.03, above it by ≤ 0.01).
 *   Variances: with hard assignments each side's fit is the MLE of its samples, so the weighted
 *   within-component variance W = Σ_j π_j σ_j² obeys E[W_{t+1} | model_t] ≤ (1 − 1/M)W_t (per side,
 *   E[(N/M)·s²_MLE] = E[(N−1)_+]/M·V and 1 − (1−m)^M ≥ m; after a split W only decreases), hence
 *   E[W_T] ≤ ((M−1)/M)^T W_0 and P(W_T ≥ ½W_0) ≤ 2((M−1)/M)^T (Markov).
 * Scenarios: M ∈ [12, 18], w ∈ [0.1, 0.25], s_r ∈ [0.5, 1.5], D ∈ [10, 14]; T is the first
 *   generation with L_T ≥ 1 − w − 0.08 (T ≤ 40), so the two checks bracket P(lost at T) in
 *   [1 − w − 0.2, 1 − w + 0.06]: "lost with probability approaching one minus its weight", with
 *   the approach (L_T ↑ 1 − w) exact and the brackets the stated margins.
 * Observations per replicate chain (own loop over the engine: truth sampler, gmm fit, synthesize,
 *   on the stream derive(seed, i)): lost at T; W_T < ½W_0.
 * Decision rules (exact one-sided binomial, Clopper–Pearson): probabilityAtLeast(L_T − 0.12),
 *   probabilityAtMost((1 − w)/(1 − 1/(2M)) + 0.05), probabilityAtLeast(1 − 2((M−1)/M)^T). The
 *   one-sided half-width is ≈ 0.13 at 400 chains, 0.093 at 800 and 0.066 at 1600: a true loss
 *   probability within 0.01 of L_T clears L_T − 0.12 by 1600 chains unless the estimate falls
 *   ≥ 4 standard errors (0.011) low; the upper bound sits ≥ 0.13 above the true frequency and the
 *   variance bound (≤ 0.8) ≥ 0.15 below it (≥ 0.95): first look.
 * Budget: α = 1e-6 per run, Bonferroni over 6 scenarios × 3 checks × 3 looks (400, 800, 1600).
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  probabilityAtLeast,
  probabilityAtMost,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { expectModel, synthesize } from "collapse-harness/engine";
import { binomialPmf, normalSf } from "collapse-harness/theory";
import fc from "fast-check";

/** Idealisation margins for EM against exact Wright–Fisher counting (below L_T, above 1 − w). */
const ETA_LOW = 0.12;
const ETA_HIGH = 0.05;
/** The horizon: the first T with L_T ≥ 1 − w − GAP. */
const GAP = 0.08;

/** L_t = P(N_t = 0) for t = 1…T: N_1 ~ Bin(M, w), N_{t+1} ~ Bin(M, N_t/M). */
function wrightFisherLoss(M: number, w: number, T: number): number[] {
  const row = (p: number) => Array.from({ length: M + 1 }, (_, k) => binomialPmf(k, M, p));
  const P = Array.from({ length: M + 1 }, (_, j) => row(j / M));
  let dist = row(w);
  const out = [dist[0]];
  for (let t = 2; t <= T; t++) {
    const next = new Array<number>(M + 1).fill(0);
    for (let j = 0; j <= M; j++) {
      if (dist[j] === 0) continue;
      for (let k = 0; k <= M; k++) next[k] += dist[j] * P[j][k];
    }
    dist = next;
    out.push(dist[0]);
  }
  return out;
}

interface Setting {
  readonly samples: number;
  readonly w: number;
  readonly sdRare: number;
  readonly D: number;
}

/** First T with L_T ≥ 1 − w − GAP, and L_T. */
function horizon(s: Setting): { T: number; loss: number } {
  const L = wrightFisherLoss(s.samples, s.w, 400);
  const T = L.findIndex((l) => l >= 1 - s.w - GAP) + 1;
  if (T === 0) {
    throw new Error(
      `Wright–Fisher loss does not reach 1 − w − ${GAP} by 400: ${JSON.stringify(s)}`,
    );
  }
  return { T, loss: L[T - 1] };
}

export const claim = defineClaim({
  id: "gmm-rare-component-lost",
  title: "GMM replace: a rare component is lost with probability → 1 − w; variances shrink",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Wright–Fisher fixation",
    where:
      "GMM experiment; docs/theory.md#gaussian-mixture (fixation applied to the mixture weight)",
  },
  statement:
    "Refitting a 2-component GMM by EM to M of its own samples, a well-separated component of weight w is lost at generation T with probability at least the Wright–Fisher value L_T − 0.12 (L_T ↑ 1 − w) and at most (1 − w)/(1 − 1/(2M)) + 0.05, and the weighted component variance falls below half its initial value with probability ≥ 1 − 2((M−1)/M)^T.",
  kind: "in-probability",
  assumptions: [
    "truth (1 − w)N(0, 1) + wN(μ_r, s_r²), separation μ_r ≥ 10·max(1, s_r)",
    "gmm family (2 components, EM), replace regime",
    "idealisation margins for EM versus exact counting: 0.12 below L_T, 0.05 above (1 − w)/(1 − δ)",
  ],
  budget: { scenarios: 6, replicates: 400, maxReplicates: 1600 },
  scenario: fc.record({
    samples: fc.integer({ min: 12, max: 18 }),
    w: fc.double({ min: 0.1, max: 0.25, noNaN: true }),
    sdRare: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    D: fc.double({ min: 10, max: 14, noNaN: true }),
  }),
  simulate: (s, range) => {
    const { T } = horizon(s);
    const muRare = s.D * Math.max(1, s.sdRare);
    const truth = truthFromSpec(
      `gmm:weights=${1 - s.w}/${s.w},means=0/${muRare},sds=1/${s.sdRare}`,
    );
    const family = familyFromSpec("gmm");
    const mid = muRare / 2;
    const w0 = 1 - s.w + s.w * s.sdRare * s.sdRare;
    const lost = new Float64Array(range.count);
    const shrunk = new Float64Array(range.count);
    for (let i = 0; i < range.count; i++) {
      const stream = derive(range.seed, range.first + i);
      let data = truth.sampleReal(stream, s.samples);
      for (let t = 1; ; t++) {
        const model = expectModel(family.fit(data, stream), "mixture");
        if (t === T) {
          let rare = 0;
          let within = 0;
          for (let j = 0; j < model.weights.length; j++) {
            rare += model.weights[j] * normalSf(mid, model.means[j], Math.sqrt(model.variances[j]));
            within += model.weights[j] * model.variances[j];
          }
          lost[i] = rare < 1 / (2 * s.samples) ? 1 : 0;
          shrunk[i] = within < 0.5 * w0 ? 1 : 0;
          break;
        }
        data = synthesize(model, [], stream, s.samples);
      }
    }
    return { lost, shrunk };
  },
  checks: (s) => {
    const { T, loss } = horizon(s);
    const M = s.samples;
    return [
      probabilityAtLeast("lost", loss - ETA_LOW),
      probabilityAtMost("lost", (1 - s.w) / (1 - 1 / (2 * M)) + ETA_HIGH),
      probabilityAtLeast("shrunk", 1 - 2 * ((M - 1) / M) ** T),
    ];
  },
});

verifyClaim(claim);
