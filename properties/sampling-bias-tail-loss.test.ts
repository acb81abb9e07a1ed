/**
 * Claim: biased sampling — temperature τ < 1, top-k or top-p truncation — makes a categorical
 * chain lose its tail faster than plain sampling: after T ≥ 2 generations the expected tail mass
 * is strictly lower with the biased sampler than without (where it stays at its initial value).
 *
 * Citation: Marchi et al. 2024, "Heat death of generative models in closed-loop learning"
 *   (temperature); Dohmatob, Feng, Yang, Charton, Kempe, ICML 2024, "A tale of tails" (top-k /
 *   top-p cut the tail); Alemohammad et al. 2023 (sampling bias accelerates collapse);
 *   docs/theory.md#sampling-transforms and docs/theory.md#sampling-bias.
 * Setting: truth p_0 = bounded Zipf over k symbols; tail set A = the least probable symbols of
 *   total truth mass ≤ q (the engine's `tail-mass` set), τ_0 = p_0(A). Family categorical-mle,
 *   replace. Plain chain: generation t+1 fitted to M samples of p_t. Biased chain: to M samples of
 *   T(p_t), T one of temperature (∝ p^{1/τ}), top-k (k' most probable symbols) or top-p (smallest
 *   nucleus of mass ≥ p), renormalised. Generation 1 is the same M real samples in both.
 * Why: plain refits are a martingale, E[p_t(A)] = τ_0 at every t; the transforms move mass from
 *   the least probable symbols to the most probable ones (top-k with k' ≤ (k − |A|)/2 and top-p
 *   with p ≤ 1 − 1.5τ_0 drop the symbols ranked below the head, which are mostly tail symbols as
 *   soon as the fit ranks roughly like the truth),
 *   so E[p_T(A)] < τ_0 for T ≥ 2 (T = 1 is the same fit in both chains).
 * Statement (ordering of expectations): E[tail mass_T, plain] > E[tail mass_T, biased], T ≥ 2.
 * Pairing: both chains of a replicate run on the same derived stream (runReplicates with the same
 *   replicate range), so they share D_1 and their first draws: common random numbers, not
 *   independent chains; the paired differences are independent across replicates.
 * Decision rule: greaterThan with the paired t-test (one-sided bounds on E[plain − biased]),
 *   supported when the lower bound is > 0. The weakest settings (τ ≈ 0.9, or p near 1 − 1.5τ_0)
 *   give differences of ≈ 0.02 against an sd of ≈ 0.05–0.1 (the plain tail mass spreads out),
 *   decided with ≤ 800 pairs over 15 root seeds; most need 200. Default cap 3200.
 * Scenarios: k ∈ [10, 50], s ∈ [0.5, 1.5]; q ∈ [0.1, 0.3] with τ_0 ≥ 0.05; M ∈ [50, 300];
 *   T ∈ [2, 20]; τ ∈ [0.5, 0.9], k' ∈ [1, (k − |A|)/2], p ∈ [0.5, 1 − 1.5τ_0] (a cut that keeps
 *   nearly every symbol has an effect too small to decide within the cap).
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  runReplicates,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { tailMassOf, truthTailSet } from "collapse-harness/engine";
import fc from "fast-check";

interface Base {
  readonly k: number;
  readonly s: number;
  readonly q: number;
}

function tailOf(b: Base): { mass: number; size: number } {
  const truth = truthFromSpec(`zipf:k=${b.k},s=${b.s}`);
  const tail = truthTailSet(truth, b.q);
  return {
    mass: tailMassOf(truth.model, tail),
    size: tail.kind === "symbols" ? tail.symbols.length : 0,
  };
}

export const claim = defineClaim({
  id: "sampling-bias-tail-loss",
  title: "Temperature < 1, top-k and top-p lose the tail faster than plain sampling",
  citation: {
    source: "Marchi et al. 2024; Dohmatob et al., ICML 2024 (A tale of tails)",
    where: "docs/theory.md#sampling-transforms, docs/theory.md#sampling-bias",
  },
  statement:
    "Refitting a categorical to M samples drawn through temperature τ < 1, top-k or top-p truncation, the expected tail mass after T ≥ 2 generations is strictly below that of plain sampling (which keeps it at τ_0).",
  kind: "ordering",
  assumptions: [
    "categorical-mle family, replace regime, truth bounded Zipf (k ∈ [10, 50], s ∈ [0.5, 1.5])",
    "tail level q ∈ [0.1, 0.3] with τ_0 ≥ 0.05; M ∈ [50, 300]; T ∈ [2, 20]",
    "τ ∈ [0.5, 0.9]; top-k k' ≤ (k − |A|)/2; top-p p ∈ [0.5, 1 − 1.5τ_0]",
    "pairs share the replicate stream (common random numbers)",
  ],
  scenario: fc
    .record({
      k: fc.integer({ min: 10, max: 50 }),
      s: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      q: fc.double({ min: 0.1, max: 0.3, noNaN: true }),
    })
    .filter((b) => tailOf(b).mass >= 0.05)
    .chain((b) => {
      const { mass, size } = tailOf(b);
      return fc.record({
        k: fc.constant(b.k),
        s: fc.constant(b.s),
        q: fc.constant(b.q),
        samples: fc.integer({ min: 50, max: 300 }),
        generations: fc.integer({ min: 2, max: 20 }),
        transform: fc.oneof(
          fc.double({ min: 0.5, max: 0.9, noNaN: true }).map((tau) => `temperature:tau=${tau}`),
          fc
            .integer({ min: 1, max: Math.max(1, Math.floor((b.k - size) / 2)) })
            .map((kk) => `top-k:k=${kk}`),
          fc.double({ min: 0.5, max: 1 - 1.5 * mass, noNaN: true }).map((p) => `top-p:p=${p}`),
        ),
      });
    }),
  simulate: (s, range) => {
    const spec = {
      truth: `zipf:k=${s.k},s=${s.s}`,
      family: "categorical-mle",
      regime: "replace",
      samples: s.samples,
      generations: s.generations,
      metrics: ["tail-mass" as const],
      tailQ: s.q,
    };
    const plain = runReplicates(spec, range);
    const biased = runReplicates({ ...spec, transforms: [s.transform] }, range);
    return {
      plainTail: generationValues(plain, "tail-mass", s.generations),
      biasedTail: generationValues(biased, "tail-mass", s.generations),
    };
  },
  checks: () => [greaterThan("plainTail", "biasedTail", { method: "paired-t" })],
});

verifyClaim(claim);
