/**
 * FALSE variant (must be refuted): "one fresh real sample per generation keeps E[Σp²] at its
 * initial value" — reading "fresh data prevents collapse" as "fresh data freezes the distribution".
 *
 * Citation: a misreading of docs/theory.md#fresh-data-simpson-recursion (fresh real data
 *   prevents collapse) and of Bertrand et al., ICLR 2024 / Alemohammad et al. 2023; the correct
 *   statement is properties/fresh-data-simpson-recursion.test.ts.
 * Why it is false: with n_r fresh and n_s = M − n_r synthetic samples per generation,
 *   E[Σp²_{t+1}] = [M + n_r(n_r + 2n_s − 1)s_0 + n_s(n_s − 1)E[Σp²_t]]/M², whose limit at n_r = 1 is
 *   a_∞ = (M + (2M − 2)s_0)/(3M − 2) ≈ 1/3 + (2/3)s_0 — far above s_0 = Σp_0² for any spread-out
 *   truth. Fresh data keeps the chain from collapsing (a_∞ < 1) but does not keep it at p_0: the
 *   synthetic part's sampling noise raises Σp² generation after generation.
 * Stated as refutable: E[Σp²_T] = s_0 at n_real = 1 (meanEquals, precision 5% of s_0).
 * Scenarios: Zipf truths with k ∈ [5, 30], s ∈ [0, 1]; M ∈ [10, 60]; T ∈ [M/2, 2M] (so a_T is
 *   most of the way to a_∞).
 * Decision rule: one-sample t-test of the mean of 1 − heterozygosity at T; refuted when p < α'.
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

function s0(k: number, s: number): number {
  const m = expectModel(truthFromSpec(`zipf:k=${k},s=${s}`).model, "categorical");
  let v = 0;
  for (let i = 0; i < m.p.length; i++) v += m.p[i] * m.p[i];
  return v;
}

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
  scenario: fc.integer({ min: 10, max: 60 }).chain((samples) =>
    fc.record({
      k: fc.integer({ min: 5, max: 30 }),
      s: fc.double({ min: 0, max: 1, noNaN: true }),
      samples: fc.constant(samples),
      generations: fc.integer({ min: Math.ceil(samples / 2), max: 2 * samples }),
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
