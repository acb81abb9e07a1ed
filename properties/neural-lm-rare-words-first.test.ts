/**
 * Measurement (reported with its evidence, not asserted: `strict: false`): do rare words go first
 * for a neural LM fine-tuned generation after generation on its own text — does the mass it puts
 * on the truth's rarest words shrink faster, in ratio to generation 1, than its mass on the most
 * frequent words? E[ln(head_T/head_1)] > E[ln(rare_T/rare_1)], head = head-mass:q=0.1 (the fewest
 * most frequent words reaching 10% of the training count), rare = rare-mass:q=0.1 (the least
 * frequent words holding ≤ 10% of it), both averaged over the held-out contexts.
 *
 * Setting: truth `text:corpus=gpl,k=0.1` (src/truths/text.ts); family `neural-lm:init=base` (the
 *   paper's procedure, plugins/neural-lm.ts defaults); M = 1000 tokens, T = 5, replace.
 * Finding (Shumailov et al., Nature 631, 2024, an empirical one, not a theorem): the tails
 *   disappear first. Why it does not show here: the neural model has units only for words seen
 *   ≥ 2 times in its training text, so from generation 1 on almost every rare word is `<unk>`,
 *   whose mass the model shares equally among the symbols without a unit; the rare set's mass is
 *   then `<unk>`'s share, which fine-tuning does not shrink. Measured at seed 7 (10 chains): rare
 *   ln(T/1) = −0.03 ± sd 0.15, head +0.07 ± sd 0.17, difference +0.09 ± sd 0.22 (t = 1.3); from
 *   scratch: −0.00 ± 0.13, +0.06 ± 0.28, +0.06 ± 0.33. Kept as a measurement, not tuned.
 * Rule: greaterThan, paired t-test over chains; the run fails only if the opposite order is
 *   significant at α = 1e-6.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "neural-lm-rare-words-first",
  title:
    "Neural LM fine-tuned on its own text: rare-word mass shrinks faster than head mass (measurement)",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where:
      "language-model experiment (tails disappear first); docs/theory.md#categorical-absorbing",
  },
  statement:
    "Fine-tuning a neural LM from the generation-1 base on M tokens of the previous generation's samples, the mass on the truth's rarest words (10% of the count) shrinks faster in ratio to generation 1 than the mass on its most frequent words: E[ln(head_T/head_1)] > E[ln(rare_T/rare_1)] (measured, not asserted).",
  kind: "ordering",
  assumptions: [
    "truth: GPL-3 text (text:corpus=gpl); family neural-lm:init=base (defaults)",
    "M = 1000 tokens, T = 5, regime replace; rare-mass:q=0.1 and head-mass:q=0.1 on held-out contexts",
  ],
  budget: { scenarios: 1, replicates: 10, maxReplicates: 10, strict: false },
  scenario: fc.constant({ samples: 1000, generations: 5 }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: "text:corpus=gpl,k=0.1",
        family: "neural-lm:init=base",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["rare-mass:q=0.1", "head-mass:q=0.1"],
        recordAt: [1, s.generations],
      },
      range,
    );
    const logRatio = (metric: "rare-mass:q=0.1" | "head-mass:q=0.1") => {
      const first = generationValues(r, metric, 1);
      return generationValues(r, metric, s.generations).map((v, i) => Math.log(v / first[i]));
    };
    return { head: logRatio("head-mass:q=0.1"), rare: logRatio("rare-mass:q=0.1") };
  },
  checks: () => [greaterThan("head", "rare", { method: "paired-t" })],
});

verifyClaim(claim);
