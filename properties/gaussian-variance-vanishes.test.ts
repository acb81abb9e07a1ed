/**
 * Claim: under replace, the fitted Gaussian variance vanishes almost surely, at the rate the
 * log-variance random walk gives: P(σ²_T/σ²_0 < ε) ≥ p_T(ε), with p_T → 1 exponentially in T.
 *
 * Derivation (docs/theory.md#gaussian-variance-vanishes): Markov on (σ²_T/σ²_0)^λ gives the
 *   Chernoff bound p_T(ε) (gaussianVarianceVanishingBound), geometric in T; by Borel–Cantelli
 *   σ²_T < εσ²_0 eventually for every ε. Checked through its rate at the first T with p_T ≥ target.
 * Observation and rule: the indicator ln σ²_T − ln σ²_0 < ln ε per chain (an underflowed variance
 *   has log −∞: below, correctly); probabilityAtLeast p_T(ε), exact one-sided binomial. Markov is
 *   loose (observed 0.75–0.99 for p_T ∈ [0.25, 0.75]): decided at the first look.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  choiceOf,
  defineClaim,
  generationValues,
  logUniformReal,
  probabilityAtLeast,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { gaussianVarianceVanishingBound } from "collapse-harness/theory";
import fc from "fast-check";

/** The smallest T with p_T(ε) ≥ target (p_T increases with T: doubling, then bisection). */
function horizon(s: { family: string; samples: number; logEps: number; target: number }) {
  const D = s.family === "gaussian-unbiased" ? s.samples - 1 : s.samples;
  const bound = (T: number) => gaussianVarianceVanishingBound(s.samples, D, T, Math.exp(s.logEps));
  let [lo, hi] = [0, 1];
  while (bound(hi) < s.target) [lo, hi] = [hi, 2 * hi];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    [lo, hi] = bound(mid) >= s.target ? [lo, mid] : [mid, hi];
  }
  return { T: hi, bound: bound(hi) };
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
    family: choiceOf(["gaussian-unbiased", "gaussian-mle"] as const),
    samples: uniformInteger({ min: 5, max: 30 }),
    // The largest ε and the lowest target give the shortest horizon T: the cheapest chain.
    logEps: uniformReal({ min: Math.log(0.02), max: Math.log(0.5), simplest: Math.log(0.5) }),
    target: uniformReal({ min: 0.25, max: 0.75 }),
    mean: uniformReal({ min: -5, max: 5, simplest: 0 }),
    // σ spans a decade: log-uniform, shrinking to the standard normal.
    sd: logUniformReal({ min: 0.3, max: 3, simplest: 1 }),
  }),
  simulate: (s, range) => {
    const { T } = horizon(s);
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
    const [l0, lT] = [0, T].map((t) => generationValues(r, "log-variance", t));
    return { below: lT.map((v, i) => (v - l0[i] < s.logEps ? 1 : 0)) };
  },
  checks: (s) => [probabilityAtLeast("below", horizon(s).bound)],
});

verifyClaim(claim);
