/**
 * Claim (ordering of expectations): biased sampling — temperature τ < 1, top-k or top-p — makes a
 * categorical-MLE chain lose its tail faster than plain sampling: E[tail mass_T, plain] >
 * E[tail mass_T, biased] for T ≥ 2.
 *
 * Why (docs/theory.md#sampling-transforms): plain refits are a martingale, E[p_t(A)] = τ_0 for the
 *   tail set A (the least probable truth symbols of mass ≤ q, the engine's `tail-mass` set); the
 *   transforms move mass from the least to the most probable symbols, so E[p_T(A)] < τ_0 for T ≥ 2
 *   (T = 1 is the same fit in both chains). Top-k with k' ≤ (k − |A|)/2 and top-p with
 *   p ≤ 1 − 1.5τ_0 drop the symbols ranked below the head, mostly tail symbols once the fit ranks
 *   roughly like the truth; a cut that keeps nearly every symbol has too small an effect to decide.
 * Pairing: both chains of a replicate run on the same replicate stream (runReplicates with the same
 *   range): they share D_1 and their first draws — common random numbers; the paired differences
 *   are independent across replicates.
 * Rule: greaterThan with the paired t-test, supported when the one-sided lower bound of
 *   E[plain − biased] is > 0. The weakest settings (τ ≈ 0.9, or p near 1 − 1.5τ_0) give differences
 *   ≈ 0.02 against an sd ≈ 0.05–0.1, decided with ≤ 800 pairs over 15 root seeds; most need 200.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks; default cap 3200 pairs.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
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
      k: uniformInteger({ min: 10, max: 50 }),
      s: uniformReal({ min: 0.5, max: 1.5, simplest: 1 }),
      q: uniformReal({ min: 0.1, max: 0.3 }),
    })
    .filter((b) => tailOf(b).mass >= 0.05)
    .chain((b) => {
      const { mass, size } = tailOf(b);
      return fc.record({
        k: fc.constant(b.k),
        s: fc.constant(b.s),
        q: fc.constant(b.q),
        samples: uniformInteger({ min: 50, max: 300 }),
        generations: uniformInteger({ min: 2, max: 20 }),
        transform: fc.oneof(
          uniformReal({ min: 0.5, max: 0.9 }).map((tau) => `temperature:tau=${tau}`),
          uniformInteger({ min: 1, max: Math.max(1, Math.floor((b.k - size) / 2)) }).map(
            (kk) => `top-k:k=${kk}`,
          ),
          uniformReal({ min: 0.5, max: 1 - 1.5 * mass }).map((p) => `top-p:p=${p}`),
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
