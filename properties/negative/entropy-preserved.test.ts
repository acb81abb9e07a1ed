/**
 * FALSE variant (must be refuted): "expected entropy is preserved under categorical-MLE replace" —
 * the martingale property of the frequencies (E[p_{t+1} | p_t] = p_t) wrongly carried over to a
 * concave functional of them.
 *
 * Citation: a misreading of Shumailov et al., Nature 631 (2024), §"Discrete distributions";
 *   docs/theory.md#entropy-supermartingale ("Entropy is a supermartingale: E[H(p_{t+1}) | p_t]
 *   ≤ H(p_t), Jensen") and docs/theory.md#pitfall-mean-vs-typical (means preserved ≠ functionals
 *   preserved).
 * Why it is false: H is strictly concave, so E[H(p_{t+1}) | p_t] < H(p_t) at every non-delta state
 *   (the plug-in entropy of M samples is biased down by ≈ (|supp| − 1)/(2M)); E[H_T] decreases
 *   strictly in T (properties/categorical-entropy-supermartingale.test.ts), and after T ≥ M/4
 *   generations the drop is a sizeable fraction of H_0.
 * Stated as refutable: E[H(p_T)] = H(p_0) (meanEquals, precision 5% of H_0).
 * Decision rule: one-sample t-test of the mean entropy at generation T; refuted when p < α'.
 *   Scenarios: Zipf truths with k ∈ [3, 30], s ∈ [0, 1.5]; M ∈ [10, 100]; T ∈ [M/4, M].
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { expectModel } from "collapse-harness/engine";
import fc from "fast-check";

function h0(k: number, s: number): number {
  const m = expectModel(truthFromSpec(`zipf:k=${k},s=${s}`).model, "categorical");
  let h = 0;
  for (let i = 0; i < m.p.length; i++) if (m.p[i] > 0) h -= m.p[i] * Math.log(m.p[i]);
  return h;
}

export const claim = defineClaim({
  id: "negative-entropy-preserved",
  title: "E[H(p_T)] = H(p_0) under categorical-MLE replace (false: it strictly decreases)",
  citation: {
    source: "misreading of Shumailov et al., Nature 631 (2024)",
    where: "docs/theory.md#entropy-supermartingale and docs/theory.md#pitfall-mean-vs-typical",
  },
  statement:
    "Refitting empirical frequencies to M samples of the previous fit preserves the expected Shannon entropy.",
  kind: "in-expectation",
  scenario: fc.integer({ min: 10, max: 100 }).chain((samples) =>
    fc.record({
      k: fc.integer({ min: 3, max: 30 }),
      s: fc.double({ min: 0, max: 1.5, noNaN: true }),
      samples: fc.constant(samples),
      generations: fc.integer({ min: Math.ceil(samples / 4), max: samples }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `zipf:k=${s.k},s=${s.s}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["entropy"],
      },
      range,
    );
    return { H: generationValues(r, "entropy", s.generations) };
  },
  checks: (s) => [meanEquals("H", h0(s.k, s.s), { precision: 0.05 * h0(s.k, s.s) })],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
