/**
 * FALSE variant (must be refuted): "expected entropy is preserved under categorical-MLE replace" —
 * the martingale property of the frequencies (E[p_{t+1} | p_t] = p_t) carried over to a concave
 * functional of them.
 *
 * Why it is false (docs/theory.md#entropy-supermartingale, docs/theory.md#pitfall-mean-vs-typical):
 *   H is strictly concave, so E[H(p_{t+1}) | p_t] < H(p_t) at every non-delta state (the plug-in
 *   entropy of M samples is biased down by ≈ (|supp| − 1)/(2M)); after T ≥ M/4 generations the drop
 *   is a sizeable fraction of H_0 (properties/categorical-entropy-supermartingale.test.ts).
 * Rule: meanEquals(H_0, precision 5% of H_0), one-sample t-test of the mean entropy at T; refuted
 *   when p < α'.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  logUniformInteger,
  meanEquals,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { expectModel } from "collapse-harness/engine";
import { categoricalEntropy } from "collapse-harness/theory";
import fc from "fast-check";

const h0 = (k: number, s: number) =>
  categoricalEntropy(expectModel(truthFromSpec(`zipf:k=${k},s=${s}`).model, "categorical").p);

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
  // M spans a decade: log-uniform, so small (cheap) sizes are drawn as often as large ones.
  scenario: logUniformInteger({ min: 10, max: 100 }).chain((samples) =>
    fc.record({
      k: uniformInteger({ min: 3, max: 30 }),
      s: uniformReal({ min: 0, max: 1.5 }), // s = 0: the uniform truth
      samples: fc.constant(samples),
      generations: uniformInteger({ min: Math.ceil(samples / 4), max: samples }),
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
