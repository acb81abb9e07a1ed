/**
 * Claim: under replace, the fitted Gaussian variance vanishes almost surely, at the rate the
 * log-variance random walk gives: P(σ²_T/σ²_0 < ε) ≥ p_T(ε), with p_T → 1 exponentially in T.
 *
 * Derivation: σ²_T/σ²_0 = Π_{t≤T} S_t, S = χ²_{M−1}/D (D = M − 1 unbiased, M MLE); Markov's
 *   inequality on (σ²_T/σ²_0)^λ gives the Chernoff bound p_T(ε) = 1 − inf_λ E[S^λ]^T ε^−λ
 *   (gaussianVarianceVanishingBound). It decays geometrically in T, so by Borel–Cantelli
 *   σ²_T < εσ²_0 eventually for every ε: the almost-sure statement, checked through its rate
 *   (docs/theory.md#gaussian-variance-vanishes). T is the smallest horizon with p_T(ε) ≥ the
 *   scenario's target (≤ 350 generations) and the check uses p_T(ε) itself.
 * Observation: the indicator ln σ²_T − ln σ²_0 < ln ε per replicate chain (`log-variance`; a
 *   variance that underflowed to 0 has log −∞ and counts as below, correctly).
 * Decision rule: probabilityAtLeast, exact one-sided binomial (Clopper–Pearson). Markov's
 *   inequality is loose (observed 0.75–0.99 where p_T ∈ [0.25, 0.75]), so the lower confidence
 *   bound (half-width ≤ 0.16 at 200 chains) clears p_T at the first look in every scenario seen.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  defineClaim,
  generationValues,
  probabilityAtLeast,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import { gaussianVarianceVanishingBound } from "collapse-harness/theory";
import fc from "fast-check";

/** The smallest T with p_T(ε) ≥ target (p_T increases with T), by doubling then bisection. */
function horizon(M: number, D: number, eps: number, target: number): number {
  const reaches = (T: number) => gaussianVarianceVanishingBound(M, D, T, eps) >= target;
  let hi = 1;
  while (!reaches(hi)) hi *= 2;
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(mid)) hi = mid;
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
    return [probabilityAtLeast("below", gaussianVarianceVanishingBound(s.samples, D, T, eps))];
  },
});

verifyClaim(claim);
