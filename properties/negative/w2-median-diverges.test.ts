/**
 * FALSE variant (must be refuted): "the typical W₂² distance from the truth diverges too: the
 * median of W₂²(N(μ_t, σ²_t), N(μ, σ²)) is at least tσ²/M", the lower bound that holds for the
 * expectation (gaussian-w2-diverges).
 *
 * Why it is false (docs/theory.md#pitfall-heavy-tails, docs/theory.md#pitfall-mean-vs-typical;
 *   Theorem 3.1's E[W₂²] → ∞ misread as a statement about typical chains): under replace with the
 *   unbiased variance, σ_t → 0 almost surely and μ_t converges almost surely (its increments
 *   σ_t Z/√M are summable), so W₂²_t → σ² + (μ_∞ − μ)² < ∞ almost surely; only the expectation
 *   grows like tσ²/M, driven by rare chains whose variance wanders up.
 * Stated as refutable: median(W₂²_T) ≥ Tσ²/M at T = 10M, i.e. P(W₂²_T < 10σ²) ≤ ½. Typically
 *   W₂²_T ≈ σ²: the median is below 2σ².
 * Decision rule: quantileAtLeast, exact binomial (Clopper–Pearson) on the indicator W₂²_T < Tσ²/M:
 *   refuted when its frequency is significantly above ½ (it is ≥ 0.9).
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  logUniformReal,
  quantileAtLeast,
  runReplicates,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "negative-w2-median-diverges",
  title: "Gaussian-unbiased replace: median W₂²_T ≥ Tσ²/M (false: W₂²_t converges a.s.)",
  citation: {
    source: "misreading of Shumailov et al., Nature 631 (2024), Theorem 3.1",
    where: "docs/theory.md#pitfall-heavy-tails, docs/theory.md#pitfall-mean-vs-typical",
  },
  statement:
    "Refitting a Gaussian (unbiased variance) to M of its own samples, the median squared 2-Wasserstein distance from the truth grows like Tσ²/M.",
  kind: "in-probability",
  budget: { scenarios: 4 },
  scenario: fc.record({
    samples: uniformInteger({ min: 5, max: 20 }),
    // σ spans a decade: log-uniform, shrinking to the standard normal.
    sd: logUniformReal({ min: 0.3, max: 3, simplest: 1 }),
  }),
  simulate: (s, range) => {
    const T = 10 * s.samples;
    const r = runReplicates(
      {
        truth: `gaussian:mean=0,sd=${s.sd}`,
        family: "gaussian-unbiased",
        regime: "replace",
        samples: s.samples,
        generations: T,
        metrics: ["w2"],
      },
      range,
    );
    return { w2: generationValues(r, "w2", T) };
  },
  checks: (s) => [quantileAtLeast("w2", 0.5, 10 * s.sd * s.sd)],
});

verifyClaim(claim, { expect: "refuted" });
