/**
 * Claim: under replace, the fitted Gaussian variance vanishes almost surely, at the rate the
 * log-variance random walk gives: P(σ²_T/σ²_0 < ε) ≥ p_T(ε), with p_T → 1 exponentially in T.
 *
 * Citation: Shumailov et al., Nature 631 (2024), Theorem 3.1 (σ²_t → 0 a.s. for the unbiased
 *   estimators); docs/theory.md#gaussian-variance-vanishes. The bound is a Chernoff bound from the
 *   exact moments of a scaled χ² (derived here, not in the paper).
 * Setting: truth N(μ, σ²); generation 1 is fitted to M real samples, generation t+1 to M samples of
 *   generation t (replace); σ²_{t+1} = σ²_t·S_t with S_t i.i.d., S = χ²_{M−1}/D, D = M − 1
 *   (gaussian-unbiased) or D = M (gaussian-mle); both estimators are covered (the scenario names
 *   it).
 * Bound (rigorous, exact moments): for every λ > 0, by Markov's inequality on (σ²_T/σ²_0)^λ,
 *   P(σ²_T/σ²_0 ≥ ε) ≤ E[S^λ]^T ε^−λ,  E[S^λ] = (2/D)^λ Γ((M−1)/2 + λ)/Γ((M−1)/2),
 *   so p_T(ε) = 1 − inf_λ E[S^λ]^T ε^−λ (the infimum of a convex function of λ, found by golden
 *   section). Since E[ln S] < 0, E[S^λ] < 1 for small λ > 0 and 1 − p_T(ε) decays geometrically in
 *   T; Σ_T P(σ²_T ≥ εσ²_0) < ∞, so by Borel–Cantelli σ²_T < εσ²_0 eventually, for every ε: this is
 *   the almost-sure statement, checked through its rate.
 * Scenarios: estimator, M ∈ [5, 30], ε ∈ [0.02, 0.5] (log-uniform), target p* ∈ [0.25, 0.75],
 *   μ ∈ [−5, 5], σ ∈ [0.3, 3]; T is the smallest horizon with p_T(ε) ≥ p* (2(M−1) to 12(M−1)
 *   generations for the unbiased estimator, at most 350; about 40% of that for the MLE, whose
 *   log-variance drifts twice as fast) and the check uses p_T(ε) itself.
 * Observation: the indicator ln σ²_T − ln σ²_0 < ln ε per replicate chain (`log-variance`; a
 *   variance that underflowed to 0 has log −∞ and counts as below, correctly).
 * Decision rule: probabilityAtLeast, exact one-sided binomial (Clopper–Pearson): refuted when the
 *   upper confidence bound falls below p_T, supported when the lower bound reaches p_T. The true
 *   probability is far above the bound (observed 0.75–0.99 where p_T ∈ [0.25, 0.75]: Markov's
 *   inequality is loose), so the lower bound clears p_T at the first look (200 chains: half-width
 *   ≤ 0.16) in every scenario seen.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  defineClaim,
  generationValues,
  probabilityAtLeast,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import { lgamma } from "collapse-harness/theory";
import fc from "fast-check";

/** ln E[S^λ] for S = χ²_{M−1}/D. */
function logMomentS(M: number, D: number, lambda: number): number {
  const h = (M - 1) / 2;
  return lambda * Math.log(2 / D) + lgamma(h + lambda) - lgamma(h);
}

/** inf over λ ∈ (0, 40] of T·ln E[S^λ] − λ ln ε (convex in λ): the log of the Chernoff bound. */
function logChernoff(M: number, D: number, T: number, eps: number): number {
  const f = (l: number) => T * logMomentS(M, D, l) - l * Math.log(eps);
  let a = 0;
  let b = 40;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) <= f(d)) b = d;
    else a = c;
  }
  return Math.min(0, f((a + b) / 2));
}

/** p_T(ε): the rigorous lower bound on P(σ²_T/σ²_0 < ε). */
function vanishingBound(M: number, D: number, T: number, eps: number): number {
  return 1 - Math.exp(logChernoff(M, D, T, eps));
}

/** The smallest T with p_T(ε) ≥ target (p_T increases with T). */
function horizon(M: number, D: number, eps: number, target: number): number {
  let hi = 1;
  while (vanishingBound(M, D, hi, eps) < target) hi *= 2;
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (vanishingBound(M, D, mid, eps) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

export const claim = defineClaim({
  id: "gaussian-variance-vanishes",
  title: "Gaussian replace: σ²_T/σ²_0 < ε with probability ≥ the Chernoff bound p_T(ε) → 1",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where:
      "Theorem 3.1 (σ²_t → 0 a.s.); docs/theory.md#gaussian-variance-vanishes; Chernoff bound from E[S^λ]",
  },
  statement:
    "Refitting a Gaussian to M of its own samples, P(σ²_T/σ²_0 < ε) ≥ 1 − inf_λ E[S^λ]^T ε^−λ, S = χ²_{M−1}/D, which tends to 1 geometrically in T: σ²_t → 0 almost surely.",
  kind: "almost-sure",
  assumptions: [
    "truth N(μ, σ²), replace regime",
    "gaussian-unbiased (D = M − 1) or gaussian-mle (D = M), named by the scenario",
    "M ∈ [5, 30], ε ∈ [0.02, 0.5]",
  ],
  scenario: fc.record({
    family: fc.constantFrom("gaussian-unbiased", "gaussian-mle"),
    samples: fc.integer({ min: 5, max: 30 }),
    logEps: fc.double({ min: Math.log(0.02), max: Math.log(0.5), noNaN: true }),
    target: fc.double({ min: 0.25, max: 0.75, noNaN: true }),
    mean: fc.double({ min: -5, max: 5, noNaN: true }),
    sd: fc.double({ min: 0.3, max: 3, noNaN: true }),
  }),
  simulate: (s, range) => {
    const D = s.family === "gaussian-unbiased" ? s.samples - 1 : s.samples;
    const T = horizon(s.samples, D, Math.exp(s.logEps), s.target);
    const r = runReplicates(
      {
        truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
        family: s.family,
        regime: "replace",
        samples: s.samples,
        generations: T,
        metrics: ["log-variance"],
      },
      range,
    );
    const l0 = generationValues(r, "log-variance", 0);
    const lT = generationValues(r, "log-variance", T);
    return { below: lT.map((v, i) => (v - l0[i] < s.logEps ? 1 : 0)) };
  },
  checks: (s) => {
    const D = s.family === "gaussian-unbiased" ? s.samples - 1 : s.samples;
    const eps = Math.exp(s.logEps);
    const T = horizon(s.samples, D, eps, s.target);
    return [probabilityAtLeast("below", vanishingBound(s.samples, D, T, eps))];
  },
});

verifyClaim(claim);
