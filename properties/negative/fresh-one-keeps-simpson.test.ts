/**
 * FALSE variant (must be refuted): "one fresh real sample per generation keeps E[Σp²] at its
 * initial value" — reading "fresh data prevents collapse" as "fresh data freezes the distribution".
 *
 * Why it is false (docs/theory.md#fresh-data-simpson-recursion; the true statement is
 *   properties/fresh-data-simpson-recursion.test.ts): at n_r = 1 the exact recursion's limit is
 *   a_∞ = (M + (2M − 2)s_0)/(3M − 2) ≈ 1/3 + (2/3)s_0, far above s_0 = Σp_0² for a spread-out truth:
 *   fresh data keeps the chain from collapsing (a_∞ < 1) but the synthetic part's sampling noise
 *   raises Σp². T ∈ [M/2, 2M] puts a_T most of the way to a_∞.
 * Rule: meanEquals(s_0), one-sample t-test of the mean of 1 − heterozygosity at T; refuted when
 *   p < α'.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { expectModel } from "collapse-harness/engine";
import { simpsonIndex } from "collapse-harness/theory";
import fc from "fast-check";

const s0 = (k: number, s: number) =>
  simpsonIndex(expectModel(truthFromSpec(`zipf:k=${k},s=${s}`).model, "categorical").p);

export const claim = defineClaim({
  id: "negative-fresh-one-keeps-simpson",
  title:
    "One fresh sample per generation keeps E[Σp²_T] = Σp_0² (false: it rises to ≈ 1/3 + 2s_0/3)",
  citation: {
    source: "misreading of Bertrand et al., ICLR 2024; Alemohammad et al. 2023",
    where: "docs/theory.md#fresh-data-simpson-recursion (fresh real data: exact moment recursion)",
  },
  statement:
    "With one fresh real sample and M − 1 synthetic samples per generation, E[Σ p_{T,i}²] stays at its initial value Σ p_{0,i}².",
  kind: "in-expectation",
  scenario: uniformInteger({ min: 10, max: 60 }).chain((samples) =>
    fc.record({
      k: uniformInteger({ min: 5, max: 30 }),
      s: uniformReal({ min: 0, max: 1 }), // s = 0: the uniform truth
      samples: fc.constant(samples),
      generations: uniformInteger({ min: Math.ceil(samples / 2), max: 2 * samples }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `zipf:k=${s.k},s=${s.s}`,
        family: "categorical-mle",
        regime: "fresh:real=1",
        samples: s.samples,
        generations: s.generations,
        metrics: ["heterozygosity"],
      },
      range,
    );
    return { simpson: generationValues(r, "heterozygosity", s.generations).map((h) => 1 - h) };
  },
  checks: (s) => [meanEquals("simpson", s0(s.k, s.s))],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
