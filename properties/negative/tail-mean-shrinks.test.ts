/**
 * FALSE variant (must be refuted): "the expected tail mass at least halves under categorical-MLE
 * replace" — what vanishes is the tail mass of almost every chain, not its mean.
 *
 * Why it is false (docs/theory.md#pitfall-mean-vs-typical, docs/theory.md#categorical-tail-mass):
 *   E[p_{t,i}] = p_{0,i} (Wright–Fisher martingale), so E[tail mass_T] = tail mass_0, although the
 *   median does reach 0 at these T.
 * Rule: meanAtMost(½·tail mass_0), one-sided t bound: refuted when the lower confidence bound
 *   exceeds ½·tail mass_0.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  logUniformInteger,
  meanAtMost,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { tailMassOf, truthTailSet } from "collapse-harness/engine";
import fc from "fast-check";

const TAIL_Q = 0.3;

export const claim = defineClaim({
  id: "negative-tail-mean-shrinks",
  title: "E[tail mass_T] ≤ ½ tail mass_0 under categorical-MLE replace",
  citation: {
    source: "misreading of Shumailov et al., Nature 631 (2024)",
    where: "docs/theory.md#pitfall-mean-vs-typical",
  },
  statement:
    "The expected tail mass at least halves after T generations of categorical-MLE replace.",
  kind: "bound",
  scenario: fc.record({
    k: uniformInteger({ min: 5, max: 40 }),
    s: uniformReal({ min: 0.5, max: 1.5, simplest: 1 }),
    // M spans more than a decade: log-uniform, shrinking to the smallest (cheapest) size.
    samples: logUniformInteger({ min: 20, max: 300 }),
    generations: uniformInteger({ min: 20, max: 100 }),
  }),
  simulate: (s, range) => {
    const truth = `zipf:k=${s.k},s=${s.s}`;
    const spec = { truth, family: "categorical-mle", regime: "replace", samples: s.samples };
    const r = runReplicates(
      { ...spec, generations: s.generations, metrics: ["tail-mass"], tailQ: TAIL_Q },
      range,
    );
    return { tail: generationValues(r, "tail-mass", s.generations) };
  },
  checks: (s) => {
    const truth = truthFromSpec(`zipf:k=${s.k},s=${s.s}`);
    return [meanAtMost("tail", 0.5 * tailMassOf(truth.model, truthTailSet(truth, TAIL_Q)))];
  },
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
