/**
 * Claim (exact, in expectation): with n_r fresh real and M − n_r synthetic samples per generation,
 * E[Σ_i p_{t,i}²] = a_t (`freshDataSimpsonRecursion`, a contraction to a limit < 1: no collapse),
 * checked at t = ⌈T/2⌉ and T.
 *
 * Derivation: docs/theory.md#fresh-data-simpson-recursion; a_∞ > s_0, so "fresh data keeps E[Σp²] at
 *   s_0" is false (properties/negative/fresh-one-keeps-simpson.test.ts). Truths with s_0 ≤ 0.8: a
 *   near-delta truth gives S_t ≡ 1, and a t-test on a sample without spread refutes any other value.
 * Estimator: S_t = 1 − heterozygosity per chain, in [0, 1].
 * Rule: meanEquals, t-test, precision 0.25·(a_t − s_0) + 0.01: a quarter of the predicted rise
 *   above s_0 is detected with power 0.9; sd(S_t) ≤ 0.2, so ≤ 3200 chains in all but
 *   near-degenerate settings; maxReplicates 6400.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  categoricalTruthArbitrary,
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
import { freshDataSimpsonRecursion, simpsonIndex } from "collapse-harness/theory";
import fc from "fast-check";

const truthSpec = categoricalTruthArbitrary({
  symbols: { min: 2, max: 30 },
  zipfExponent: { min: 0, max: 2 },
  dirichletAlpha: { min: 0.2, max: 5 },
});

interface Setting {
  readonly truth: string;
  readonly samples: number;
  readonly real: number;
  readonly generations: number;
}

const s0Of = (truth: string) =>
  simpsonIndex(expectModel(truthFromSpec(truth).model, "categorical").p);

const checkedAt = (T: number) => [...new Set([Math.ceil(T / 2), T])];

export const claim = defineClaim({
  id: "fresh-data-simpson-recursion",
  title: "Fresh data: E[Σp²_t] follows its exact linear recursion to a non-degenerate limit",
  citation: {
    source: "Alemohammad et al. 2023; Bertrand et al., ICLR 2024; Wright–Fisher moments",
    where: "docs/theory.md#fresh-data-simpson-recursion",
  },
  statement:
    "With n_r fresh real and n_s = M − n_r synthetic samples per generation, E[Σp²_{t+1}] = [M + n_r(n_r + 2n_s − 1)s_0 + n_s(n_s − 1)E[Σp²_t]]/M², from E[Σp²_1] = 1/M + (1 − 1/M)s_0, converging to a limit < 1.",
  kind: "in-expectation",
  assumptions: [
    "categorical-mle family, fresh regime, n_r ∈ [1, M − 1]",
    "truth: bounded Zipf (k ∈ [2, 30], s ∈ [0, 2]) or a Dirichlet(α ∈ [0.2, 5]) draw",
    "M ∈ [10, 200], T ∈ [2, 50], s_0 ≤ 0.8",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc
    .record({
      truth: truthSpec,
      samples: logUniformInteger({ min: 10, max: 200 }),
      // Half real, half synthetic: the canonical mix.
      fraction: uniformReal({ min: 0.02, max: 0.9, simplest: 0.5 }),
      generations: uniformInteger({ min: 2, max: 50 }),
    })
    .filter(({ truth }) => s0Of(truth) <= 0.8)
    .map(
      ({ truth, samples, fraction, generations }): Setting => ({
        truth,
        samples,
        real: Math.min(samples - 1, Math.max(1, Math.round(fraction * samples))),
        generations,
      }),
    ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: s.truth,
        family: "categorical-mle",
        regime: `fresh:real=${s.real}`,
        samples: s.samples,
        generations: s.generations,
        metrics: ["heterozygosity"],
      },
      range,
    );
    return Object.fromEntries(
      checkedAt(s.generations).map((t) => [
        `simpson@${t}`,
        generationValues(r, "heterozygosity", t).map((h) => 1 - h),
      ]),
    );
  },
  checks: (s) => {
    const s0 = s0Of(s.truth);
    const a = freshDataSimpsonRecursion(s0, s.samples, s.real, s.generations);
    return checkedAt(s.generations).map((t) =>
      meanEquals(`simpson@${t}`, a[t], { precision: 0.25 * (a[t] - s0) + 0.01 }),
    );
  },
});

verifyClaim(claim);
