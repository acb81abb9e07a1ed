/**
 * Claim (orderings of expectations, on ln perplexity = held-out cross-entropy in nats per token):
 * an n-gram model refitted on its own samples of real text gets worse on held-out real text,
 * (a) E[ln PPL_T, replace] > E[ln PPL_1], and keeping a fraction of the original text in every
 * training set bounds the rise, (b) E[ln PPL_T, replace] > E[ln PPL_T, keep-original].
 *
 * Setting: truth `text`, the GNU GPL v3 of Debian's base-files (≈ 5,300 training tokens, 957 word
 *   types, 558 held-out tokens never sampled; src/truths/text.ts); add-κ smoothing, so held-out
 *   perplexity is finite (the MLE's is +∞ as soon as one held-out n-gram is unseen). Keep-original
 *   keeps a random f·M tokens of D_1, chosen once per chain, plus (1 − f)·M generated ones.
 * Why (docs/theory.md#ngram-models, docs/theory.md#keep-original): every generation loses rare
 *   n-grams (per-context absorbing categorical chains, docs/theory.md#categorical-absorbing) and
 *   add-κ gives them back only κ/(c(h) + κV), so held-out log-loss rises; the kept real tokens pin a
 *   fixed set of real n-grams in every training set.
 * Pairing: (a) generations 1 and T of the same chain; (b) both regimes on the same replicate
 *   stream (same D_1, diverging after it).
 * Rules: greaterThan, paired t-test, supported when the one-sided lower bound of the mean
 *   difference is > 0. The effects are large against their spread (M = 2000, κ = 0.1, T = 10:
 *   PPL 379 → 974 under replace, 749 under keep-original, sd ≈ 6 and ≈ 38), so 20–40 pairs decide
 *   even at α' = 1e-6/(6 × 2 × 4 looks) (t_19 critical value ≈ 9.7); the smallest effect (trigram,
 *   f = 0.05, M ≈ 1000: ≈ 0.04 nats, sd ≈ 0.04) needs up to 80.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks; cap 160 pairs, each two
 *   n-gram chains (≈ 8 ms per chain).
 * Report: held-out ln perplexity by generation under replace and keep-original, on the same
 *   replicate streams (the three regimes, accumulate included, are drawn for the neural LM by
 *   properties/neural-lm-sequence-perplexity).
 */

import {
  choiceOf,
  defineClaim,
  generationValues,
  greaterThan,
  logUniformReal,
  replicateSeries,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "ngram-perplexity-keep-original",
  title:
    "n-gram on real text: held-out perplexity rises under replace; keeping original text bounds it",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Suresh, Thangaraj, Khandavally, AISTATS 2025",
    where:
      "language-model experiment (10% original data kept); docs/theory.md#keep-original, docs/theory.md#ngram-models",
  },
  statement:
    "Refitting an add-κ n-gram model to M tokens of its own samples, E[ln PPL_T] > E[ln PPL_1] on held-out real text, and keeping a fraction f of the original tokens in every training set gives a lower E[ln PPL_T] than replacing them.",
  kind: "ordering",
  assumptions: [
    "truth: GPL-3 text (Debian base-files); family ngram:order=2|3,k=κ, κ ∈ [0.01, 0.5]",
    "M ∈ [1000, 3000] tokens, T ∈ [3, 8], keep-original fraction f ∈ [0.05, 0.3]",
    "regimes paired on the replicate stream (common random numbers)",
  ],
  budget: { scenarios: 6, replicates: 20, maxReplicates: 160 },
  scenario: fc.record({
    order: choiceOf([2, 3] as const),
    // κ spans 1.7 decades: log-uniform, shrinking to the reference κ = 0.1 above.
    k: logUniformReal({ min: 0.01, max: 0.5, simplest: 0.1 }),
    samples: uniformInteger({ min: 1000, max: 3000 }),
    // f = 10%: the share of original data Shumailov et al. keep.
    fraction: uniformReal({ min: 0.05, max: 0.3, simplest: 0.1 }),
    generations: uniformInteger({ min: 3, max: 8 }),
  }),
  simulate: (s, range) => {
    const spec = {
      truth: `text:corpus=gpl,order=${s.order},k=${s.k}`,
      family: `ngram:order=${s.order},k=${s.k}`,
      samples: s.samples,
      generations: s.generations,
      metrics: ["perplexity" as const],
    };
    const regimes = { replace: "replace", keep: `keep-original:fraction=${s.fraction}` } as const;
    const log = (x: Float64Array) => x.map(Math.log);
    // Every generation's ln PPL per regime, for the report's chart (the checks read 1 and T).
    const byGeneration: Record<string, Float64Array> = {};
    for (const [name, regime] of Object.entries(regimes)) {
      const r = runReplicates({ ...spec, regime }, range);
      for (let t = 1; t <= s.generations; t++) {
        byGeneration[`${name}@${t}`] = log(generationValues(r, "perplexity", t));
      }
    }
    return {
      ...byGeneration,
      replace1: byGeneration["replace@1"],
      replaceT: byGeneration[`replace@${s.generations}`],
      keepT: byGeneration[`keep@${s.generations}`],
    };
  },
  checks: () => [
    greaterThan("replaceT", "replace1", { method: "paired-t" }),
    greaterThan("replaceT", "keepT", { method: "paired-t" }),
  ],
  // The report's chart: ln PPL on held-out real text per generation, one panel per regime, across
  // the replicate chains of the first scenario's final look.
  tables: (scenarios) => ({
    trajectories: [
      {
        id: "ngram-held-out-perplexity",
        title: "n-gram: held-out ln perplexity by generation, replace / keep-original",
        metric: "ln-perplexity",
        yLabel: "ln PPL on held-out real text (nats/token)",
        note: "Generation 1 is fitted to M real tokens; each later one to the regime's training set: the previous generation's M samples (replace), or a fixed share f of D₁ plus samples (keep-original). Same replicate streams in both regimes.",
        // The first scenario only: three panels, not three per scenario.
        series: scenarios.slice(0, 1).flatMap((sc) => {
          const { order, k, samples, fraction, generations } = sc.setting;
          const setting = `order ${order}, κ = ${k.toPrecision(2)}, M = ${samples}, T = ${generations}`;
          const labels = {
            replace: "replace",
            keep: `keep-original (f = ${fraction.toPrecision(2)})`,
          };
          return (["replace", "keep"] as const).map((name) =>
            replicateSeries(
              `${labels[name]}, ${setting}`,
              Array.from(
                { length: generations },
                (_, i) => sc.observations[`${name}@${i + 1}`] as Float64Array,
              ),
              { firstGeneration: 1 },
            ),
          );
        }),
      },
    ],
  }),
});

verifyClaim(claim);
