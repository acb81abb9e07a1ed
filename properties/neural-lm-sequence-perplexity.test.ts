/**
 * Measurement (reported with its evidence, not asserted: `strict: false`): does a neural LM's own
 * text drift toward what the original model finds likely while growing a tail? Per-sentence
 * perplexities of M' = 4000 generated tokens (--mc-samples) under the generation-0 model: their
 * median (seq-ppl:q=0.5) falls from generation 1 to T, E[ln med_1] > E[ln med_T], while their
 * 95th percentile (seq-ppl:q=0.95) rises, E[ln q95_T] > E[ln q95_1].
 *
 * Setting: truth `text:corpus=gpl,k=0.1` (its generation-0 model: the add-0.1 bigram of the whole
 *   GPL training text); family `neural-lm:init=base` (the paper's procedure, plugins/neural-lm.ts
 *   defaults); M = 1000 tokens, T = 5, replace.
 * Finding (Shumailov et al., Nature 631, 2024, Fig. 1b–c histograms; empirical, not a theorem).
 *   Why it does not show here: a neural generation samples `<unk>` as a uniformly random symbol
 *   without a unit (plugins/neural-lm.ts), words the generation-0 bigram finds unlikely, and
 *   fine-tuning from the base keeps that share about constant, so neither quantile moves much.
 *   Measured at seed 7 (10 chains): ln(med_T/med_1) = −0.02 ± sd 0.06, ln(q95_T/q95_1) = −0.05 ±
 *   sd 0.11; from scratch the median rises (+0.22 ± 0.07, t = 10) and q95 stays (+0.01 ± 0.20).
 *   Kept as a measurement, not tuned.
 * Rules: greaterThan (paired t-test over chains) on each quantile; the run fails only if an
 *   opposite order is significant at α = 1e-6.
 * Report: the paper's figure — histograms of the per-sentence perplexities at generations 0 (the
 *   truth's own text), 1, 3 and T, pooled over the chains (seq-ppl-count at 8 log-spaced edges
 *   per decade from 10 to 10⁵; sentences outside counted apart), with no original data kept
 *   (replace) and with 10% kept (keep-original:fraction=0.1), as in the paper's two panels; and
 *   held-out ln perplexity by generation under replace, keep-original and accumulate, the same
 *   replicate streams in each (only replace's quantiles are checked).
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  pooledHistogramSeries,
  replicateSeries,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

/** Histogram edges: 8 per decade from 10 to 10⁵, at 4 significant digits (tidy metric specs). */
const EDGES = Array.from({ length: 33 }, (_, b) => Number((10 ** (1 + b / 8)).toPrecision(4)));
const below = (edge: number) => `seq-ppl-count:below=${edge}`;
/** The generations drawn: the truth's own text, the first fit, the middle, the last. */
const drawn = (T: number) => [0, 1, Math.ceil(T / 2), T];

export const claim = defineClaim({
  id: "neural-lm-sequence-perplexity",
  title:
    "Neural LM text under the generation-0 model: median sentence perplexity falls, 95th percentile rises (measurement)",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "Fig. 1 (per-sequence perplexity histograms by generation); docs/theory.md#ngram-models",
  },
  statement:
    "Fine-tuning a neural LM from the generation-1 base on its own samples, the median per-sentence perplexity of its text under the generation-0 model falls from generation 1 to T while the 95th percentile rises (measured, not asserted).",
  kind: "ordering",
  assumptions: [
    "truth: GPL-3 text (text:corpus=gpl, k = 0.1); family neural-lm:init=base (defaults)",
    "M = 1000 tokens, T = 5, regime replace; 4000 generated tokens per generation scored",
    "for the report only: the same chains under keep-original (10%) and accumulate",
  ],
  budget: { scenarios: 1, replicates: 10, maxReplicates: 10, strict: false },
  scenario: fc.constant({ samples: 1000, generations: 5 }),
  simulate: (s, range) => {
    const spec = {
      truth: "text:corpus=gpl,k=0.1",
      family: "neural-lm:init=base",
      samples: s.samples,
      generations: s.generations,
    };
    // The counts score the same sentences as the quantiles (one draw per chain and generation).
    const sentences = ["seq-ppl-count", ...EDGES.map(below)];
    const r = runReplicates(
      {
        ...spec,
        regime: "replace",
        metrics: ["seq-ppl:q=0.5", "seq-ppl:q=0.95", ...sentences, "perplexity"],
      },
      range,
    );
    const keep = runReplicates(
      { ...spec, regime: "keep-original:fraction=0.1", metrics: [...sentences, "perplexity"] },
      range,
    );
    const accumulate = runReplicates(
      { ...spec, regime: "accumulate", metrics: ["perplexity"] },
      range,
    );
    const log = (x: Float64Array) => x.map(Math.log);
    // For the report (the checks read replace's quantiles): the histograms' counts per replicate
    // and every generation's held-out ln PPL per regime.
    const counts: Record<string, Float64Array> = {};
    for (const [name, result] of Object.entries({ replace: r, keep })) {
      for (const t of drawn(s.generations)) {
        counts[`${name}:total@${t}`] = generationValues(result, "seq-ppl-count", t);
        for (const [b, edge] of EDGES.entries())
          counts[`${name}:below@${t}@${b}`] = generationValues(result, below(edge), t);
      }
    }
    for (const [name, result] of Object.entries({ replace: r, keep, accumulate })) {
      for (let t = 1; t <= s.generations; t++) {
        counts[`${name}:ppl@${t}`] = log(generationValues(result, "perplexity", t));
      }
    }
    return {
      ...counts,
      median1: log(generationValues(r, "seq-ppl:q=0.5", 1)),
      medianT: log(generationValues(r, "seq-ppl:q=0.5", s.generations)),
      upper1: log(generationValues(r, "seq-ppl:q=0.95", 1)),
      upperT: log(generationValues(r, "seq-ppl:q=0.95", s.generations)),
    };
  },
  checks: () => [
    greaterThan("median1", "medianT", { method: "paired-t" }),
    greaterThan("upperT", "upper1", { method: "paired-t" }),
  ],
  // The report's figure: per-sentence perplexity histograms by generation (Shumailov et al.,
  // Fig. 1b), every replicate chain's sentences pooled.
  tables: (scenarios) => ({
    histograms: scenarios.map((sc) => {
      const generations = drawn(sc.setting.generations);
      const at = (name: string) => sc.observations[name] as Float64Array;
      const regimes = {
        replace: "no original data kept (replace)",
        keep: "10% original data kept",
      };
      return {
        id: "neural-lm-sentence-perplexity",
        title:
          "Neural LM text: per-sentence perplexity under the generation-0 model, by generation",
        metric: "seq-ppl-count",
        xLabel: "sentence perplexity under generation 0 (log scale)",
        scale: "log10",
        unit: "sentences",
        edges: EDGES,
        generations,
        note: `Generation 0 is the truth's own text; generation t ≥ 1 the text of the model fine-tuned from the base on generation t − 1's training set (M = ${sc.setting.samples} tokens); 4000 tokens per chain and generation, cut into complete sentences.`,
        series: Object.entries(regimes).map(([name, label]) =>
          pooledHistogramSeries(
            label,
            generations.map((t) => EDGES.map((_, b) => at(`${name}:below@${t}@${b}`))),
            generations.map((t) => at(`${name}:total@${t}`)),
          ),
        ),
      };
    }),
    trajectories: [
      {
        id: "neural-lm-fine-tune-perplexity",
        title: "Neural LM fine-tuned from the base: held-out ln perplexity by generation",
        metric: "ln-perplexity",
        yLabel: "ln PPL on held-out real text (nats/token)",
        note: "Generation 1 is the base, trained on M real tokens; each later generation is fine-tuned from it on the regime's training set: the previous generation's samples (replace), 10% of D₁ plus samples (keep-original), or everything so far (accumulate).",
        series: scenarios.flatMap((sc) =>
          Object.entries({
            replace: "replace",
            keep: "keep-original (10%)",
            accumulate: "accumulate",
          }).map(([name, label]) =>
            replicateSeries(
              `${label}, M = ${sc.setting.samples}, T = ${sc.setting.generations}`,
              Array.from(
                { length: sc.setting.generations },
                (_, i) => sc.observations[`${name}:ppl@${i + 1}`] as Float64Array,
              ),
              { firstGeneration: 1 },
            ),
          ),
        ),
      },
    ],
  }),
});

verifyClaim(claim);
