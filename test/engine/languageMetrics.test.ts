/**
 * Language-model metrics computed only through model operations (src/metrics/metric.ts):
 * `seq-ppl:q` (per-sentence perplexity of the model's text under the generation-0 model),
 * `rare-mass:q` and `head-mass:q` (mass on the truth's rarest and most frequent words), checked
 * against exact values on hand-built bigram models over 6 symbols (0 `</s>`, 1 `<unk>`, words
 * 2–5), and through runChains on a small text file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { parseExceed } from "../../src/cli/exceed.ts";
import { type MetricContext, metricById } from "../../src/metrics/metric.ts";
import type { NgramDistribution, NgramModel } from "../../src/model/models.ts";
import { sampleNgram, sequenceData } from "../../src/model/ngram.ts";
import { derive } from "../../src/rng/index.ts";
import type { Truth } from "../../src/truths/truth.ts";

const SEED = 20261207;
const law = (entries: [number, number][], rest = 0): NgramDistribution => ({
  symbols: Int32Array.from(entries.map(([s]) => s)),
  probs: Float64Array.from(entries.map(([, p]) => p)),
  rest,
});
/** A bigram over 6 symbols from its context laws (context id = previous symbol, start = 0). */
const bigram = (rows: [number, NgramDistribution][], unseen: NgramDistribution): NgramModel => ({
  kind: "ngram",
  order: 2,
  vocabSize: 6,
  contexts: new Map(rows),
  unseen,
  unigram: new Float64Array(6).fill(1 / 6),
});
const truthOf = (model: NgramModel, extra: Partial<Truth> = {}): Truth => ({
  id: "text",
  params: {},
  model,
  dataKind: "sequence",
  summaries: {},
  sampleReal: () => {
    throw new Error("not drawn in these tests");
  },
  ...extra,
});
const context = (truth: Truth, mcSamples = 4000, key = "mc"): MetricContext => ({
  truth,
  get tail(): never {
    throw new Error("no tail set");
  },
  mcSamples,
  mcStream: () => derive(SEED, key),
  once: <T>(_key: string, compute: () => T): T => compute(),
  heldOut: () => {
    if (truth.heldOut === undefined) throw new Error("no held-out data");
    return truth.heldOut;
  },
});
const exact = (actual: number, expected: number, what: string) =>
  // A mean of ≤ 5 sums of ≤ 4 probabilities: a few ulps.
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    8 * Number.EPSILON,
  );

describe("rare-mass and head-mass: the truth's word sets and the model's mass on them", () => {
  // Training counts (</s> and <unk> are not words): w2 5, w3 3, w4 1, w5 1; N = 10.
  const training = sequenceData([2, 2, 3, 2, 0, 4, 2, 3, 1, 0, 5, 3, 2, 0], 6);
  // Held-out contexts: positions 0–4 have contexts start, 2, 4 (unseen), start, 3 (unseen).
  const heldOut = sequenceData([2, 4, 0, 3, 0], 6);
  // Start: w2 ½, w3 ¼, the other four symbols 1/16 each; after w2: </s> ½, w4 ½; unseen: 1/6.
  const model = bigram(
    [
      [
        0,
        law(
          [
            [2, 0.5],
            [3, 0.25],
          ],
          1 / 16,
        ),
      ],
      [
        2,
        law([
          [0, 0.5],
          [4, 0.5],
        ]),
      ],
    ],
    law([], 1 / 6),
  );
  const truth = truthOf(model, { training, heldOut });
  const value = (id: string) => metricById(id).compute(model, context(truth));

  it("rare sets R_q: least frequent words while their count stays ≤ qN (ties by symbol)", () => {
    // q = 0.2: w4 (1), w5 (1) → 2 ≤ 2; per position {4, 5}: 1/8, ½, 2/6, 1/8, 2/6 → 17/60.
    exact(value("rare-mass:q=0.2"), 17 / 60, "rare-mass q=0.2");
    // q = 0.1: only w4 (the tie with w5 broken by symbol): 1/16, ½, 1/6, 1/16, 1/6 → 23/120.
    exact(value("rare-mass:q=0.1"), 23 / 120, "rare-mass q=0.1");
    // q = 0.5: w4, w5, w3 (5 ≤ 5): 1/8 + ¼, ½, ½, 3/8, ½ → 9/20.
    exact(value("rare-mass:q=0.5"), 9 / 20, "rare-mass q=0.5");
    // q = 0.05 (0.5 words) holds no word at all: a named error, not a silent 0.
    expect(() => value("rare-mass:q=0.05")).toThrow(
      /rare-mass: q must cover the truth's rarest word \(share 1\/10\), got 0.05/,
    );
  });

  it("head sets H_q: the fewest most frequent words reaching qN", () => {
    // q = 0.1 and 0.5: w2 alone (5 ≥ 5): ½, 0, 1/6, ½, 1/6 → 4/15.
    exact(value("head-mass:q=0.1"), 4 / 15, "head-mass q=0.1");
    exact(value("head-mass:q=0.5"), 4 / 15, "head-mass q=0.5");
    // The default q is 0.1.
    exact(value("head-mass"), 4 / 15, "head-mass default");
    // q = 0.6: w2, w3 (8 ≥ 6): ¾, 0, 2/6, ¾, 2/6 → 13/30.
    exact(value("head-mass:q=0.6"), 13 / 30, "head-mass q=0.6");
    // q = 1: every word, so the mass on everything but </s> and <unk>: 7/8, ½, 4/6, 7/8, 4/6.
    exact(value("head-mass:q=1"), (7 / 4 + 1 / 2 + 4 / 3) / 5, "head-mass q=1");
  });

  it("a truth without training or held-out text, and bad parameters, are named errors", () => {
    const bare = truthOf(model);
    expect(() => metricById("rare-mass").compute(model, context(bare))).toThrow(
      /rare-mass: truth must have fixed training text \(a text truth\), got "text"/,
    );
    const noHeldOut = truthOf(model, { training });
    expect(() => metricById("head-mass").compute(model, context(noHeldOut))).toThrow(
      /head-mass: truth must have held-out text \(a text truth\)/,
    );
    expect(() => metricById("rare-mass:q=0")).toThrow(
      /metric "rare-mass": q must be a finite number > 0 and <= 1 .*got 0/,
    );
    expect(() => metricById("seq-ppl:q=1.5")).toThrow(
      /metric "seq-ppl": q must be a finite number >= 0 and <= 1 .*got "?1.5"?/,
    );
    expect(() => metricById("rare-mass:p=0.1")).toThrow(
      /metric "rare-mass": parameter must be one of: q, got "p"/,
    );
    expect(() => metricById("perplexity:q=0.1")).toThrow(
      /metric "perplexity": parameter must be one of: \(none\), got "q"/,
    );
    expect(() => metricById("no-such:q=1")).toThrow(/metric: id must be one of .*seq-ppl:q\?/);
    expect(metricById("seq-ppl:q=0.95").id).toBe("seq-ppl:q=0.95");
    expect(metricById("seq-ppl:q=0.95").name).toBe("seq-ppl");
  });
});

describe("seq-ppl: per-sentence perplexity of the model's text under the generation-0 model", () => {
  // The model writes "w2 w4 </s>" or "w3 </s>", each with probability ½.
  const model = bigram(
    [
      [
        0,
        law([
          [2, 0.5],
          [3, 0.5],
        ]),
      ],
      [2, law([[4, 1]])],
      [4, law([[0, 1]])],
      [3, law([[0, 1]])],
    ],
    law([[0, 1]]),
  );
  // Generation 0: P₀(w2 w4 </s>) = ¼ · ½ · ⅓ → perplexity 24^(1/3); P₀(w3 </s>) = ¾ · 1 → (4/3)^(1/2).
  const truthModel = bigram(
    [
      [
        0,
        law([
          [2, 0.25],
          [3, 0.75],
        ]),
      ],
      [
        2,
        law([
          [0, 0.5],
          [4, 0.5],
        ]),
      ],
      [
        4,
        law([
          [0, 1 / 3],
          [5, 2 / 3],
        ]),
      ],
      [3, law([[0, 1]])],
    ],
    law([[0, 1]]),
  );
  const long = 24 ** (1 / 3);
  const short = Math.sqrt(4 / 3);

  /** The sentences the metric sees: the same draw, re-read independently of the metric. */
  function sentenceCounts(tokens: number): { long: number; short: number } {
    const sample = sampleNgram(model, derive(SEED, "mc"), tokens).tokens;
    const text = Array.from(sample).join(" ");
    const complete = text.slice(0, text.lastIndexOf("0") + 1);
    return {
      long: (complete.match(/2 4 0/g) ?? []).length,
      short: (complete.match(/3 0/g) ?? []).length,
    };
  }
  /** Type-7 quantile of `short` × n_s then `long` × n_l (ascending), written out. */
  function expected(q: number, n: { long: number; short: number }): number {
    const total = n.long + n.short;
    const h = (total - 1) * q;
    const at = (i: number) => (i < n.short ? short : long);
    const j = Math.floor(h);
    return j + 1 < total ? at(j) + (h - j) * (at(j + 1) - at(j)) : at(j);
  }

  it("quantiles of the two sentence perplexities, in the proportion drawn (101 tokens, trailing part dropped)", () => {
    const truth = truthOf(truthModel);
    const n = sentenceCounts(101);
    // 101 tokens hold ≈ 40 sentences; both kinds occur (P(one kind missing) < 2^-30).
    expect(n.long).toBeGreaterThan(0);
    expect(n.short).toBeGreaterThan(0);
    // Where the order statistics change value, interpolation shows: ¾ of the way from the last
    // short sentence to the first long one.
    const between = (n.short - 1 + 0.75) / (n.short + n.long - 1);
    exact(expected(between, n), short + 0.75 * (long - short), "the written-out quantile");
    for (const q of [0, 0.1, 0.5, 0.9, 0.95, 1, between]) {
      const actual = metricById(`seq-ppl:q=${q}`).compute(model, context(truth, 101));
      const want = expected(q, n);
      // One exp and one interpolation: a few ulps of values ≤ 3.
      expect(
        Math.abs(actual - want),
        `q = ${q}: ${actual} vs ${want} (${n.short} short, ${n.long} long sentences)`,
      ).toBeLessThanOrEqual(16 * Number.EPSILON);
    }
    exact(metricById("seq-ppl:q=0").compute(model, context(truth, 101)), short, "q = 0");
    exact(metricById("seq-ppl:q=1").compute(model, context(truth, 101)), long, "q = 1");
  });

  it("seq-ppl-count counts the same sentences below a bound: 0, the short ones, all of them", () => {
    const truth = truthOf(truthModel);
    const n = sentenceCounts(101);
    const count = (spec: string) => metricById(spec).compute(model, context(truth, 101));
    expect(count("seq-ppl-count")).toBe(n.short + n.long);
    // Perplexity < short holds for no sentence (the bound is strict); < long for the short ones.
    expect(count(`seq-ppl-count:below=${short}`)).toBe(0);
    expect(count("seq-ppl-count:below=1.2")).toBe(n.short);
    expect(count(`seq-ppl-count:below=${long}`)).toBe(n.short);
    expect(count("seq-ppl-count:below=3")).toBe(n.short + n.long);
    expect(() => metricById("seq-ppl-count:below=0")).toThrow(
      /metric "seq-ppl-count": below must be a finite number > 0/,
    );
  });

  it("a sentence the generation-0 model cannot write has perplexity +∞; no complete sentence is undefined", () => {
    // P₀(</s> | w4) = 0: every long sentence is +∞, so upper quantiles are +∞, q = 0 stays finite.
    const strict = bigram(
      [...truthModel.contexts].map(([h, d]) => [h, h === 4 ? law([[5, 1]]) : d]),
      truthModel.unseen,
    );
    const truth = truthOf(strict);
    const n = sentenceCounts(101);
    exact(metricById("seq-ppl:q=0").compute(model, context(truth, 101)), short, "q = 0");
    expect(metricById("seq-ppl:q=1").compute(model, context(truth, 101))).toBe(Infinity);
    // Interpolating toward +∞ gives +∞ (never ∞ − ∞ = NaN).
    const q = (n.short - 0.5) / (n.short + n.long - 1);
    expect(metricById(`seq-ppl:q=${q}`).compute(model, context(truth, 101))).toBe(Infinity);
    // One token cannot end a sentence unless it is </s>.
    const words = bigram([[0, law([[2, 1]])]], law([[2, 1]]));
    expect(() => metricById("seq-ppl").compute(words, context(truth, 50))).toThrow(
      /no sentence ends within the 50 sampled tokens/,
    );
  });
});

describe("the language-model metrics through runChains on a small text", () => {
  const dir = mkdtempSync(join(tmpdir(), "collapse-lm-metrics-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "tiny.txt");
  const words = ["the cat sat", "a dog ran far", "the dog sat", "a cat ran", "the end"];
  writeFileSync(file, Array.from({ length: 40 }, (_, i) => `${words[i % 5]}.`).join(" "));

  it("every quantile of one chain and generation scores the same sentences: q = 0 ≤ ½ ≤ 1", () => {
    const T = 3;
    const r = runChains(
      configFromSpec({
        truth: `text:file=${file},k=0.1`,
        family: "ngram:order=2,k=0.1",
        regime: "replace",
        samples: 200,
        generations: T,
        chains: 3,
        seed: SEED,
        metrics: ["seq-ppl:q=0", "seq-ppl:q=0.5", "seq-ppl:q=1", "rare-mass:q=0.2", "head-mass"],
        mcSamples: 300,
      }),
    );
    expect(r.undefinedValues).toEqual([]);
    const lo = r.values["seq-ppl:q=0"];
    const mid = r.values["seq-ppl:q=0.5"];
    const hi = r.values["seq-ppl:q=1"];
    for (let i = 0; i < lo.length; i++) {
      // Different samples per q could break this ordering; the same sample cannot.
      expect(lo[i], `value ${i}`).toBeLessThanOrEqual(mid[i]);
      expect(mid[i], `value ${i}`).toBeLessThanOrEqual(hi[i]);
      expect(lo[i]).toBeGreaterThanOrEqual(1);
    }
    for (const id of ["rare-mass:q=0.2", "head-mass"]) {
      for (const v of r.values[id]) expect(v > 0 && v < 1, `${id} = ${v}`).toBe(true);
    }
  });

  it("seq-ppl-count shares seq-ppl's sentences: bounds at its quantiles, and no value of seq-ppl moves", () => {
    const spec = {
      truth: `text:file=${file},k=0.1`,
      family: "ngram:order=2,k=0.1",
      regime: "replace" as const,
      samples: 200,
      generations: 3,
      chains: 3,
      seed: SEED,
      mcSamples: 300,
    };
    const alone = runChains(configFromSpec({ ...spec, metrics: ["seq-ppl:q=0", "seq-ppl:q=1"] }));
    // The counts first: whichever metric draws first, the sentences are those of seq-ppl's stream.
    const both = runChains(
      configFromSpec({
        ...spec,
        metrics: ["seq-ppl-count", "seq-ppl-count:below=2", "seq-ppl:q=0", "seq-ppl:q=1"],
      }),
    );
    expect(both.values["seq-ppl:q=0"]).toEqual(alone.values["seq-ppl:q=0"]);
    expect(both.values["seq-ppl:q=1"]).toEqual(alone.values["seq-ppl:q=1"]);
    const all = both.values["seq-ppl-count"];
    const below2 = both.values["seq-ppl-count:below=2"];
    for (let i = 0; i < all.length; i++) {
      const [lo, hi] = [both.values["seq-ppl:q=0"][i], both.values["seq-ppl:q=1"][i]];
      // 300 tokens of sentences of ≥ 2 tokens: between 1 and 150 complete sentences.
      expect(all[i] >= 1 && all[i] <= 150, `value ${i}: ${all[i]} sentences`).toBe(true);
      // Every sentence is below 2 iff the largest is; none is iff the smallest is not.
      expect(below2[i], `value ${i}: min ${lo}, max ${hi}`).toBe(
        hi < 2 ? all[i] : lo >= 2 ? 0 : below2[i],
      );
      if (lo < 2 && hi >= 2) expect(below2[i] > 0 && below2[i] < all[i]).toBe(true);
    }
  });

  it("--exceed reads a metric id with a parameter", () => {
    const [c] = parseExceed("seq-ppl:q=0.95>=100", ["seq-ppl:q=0.95"]);
    expect(c).toMatchObject({ metric: "seq-ppl:q=0.95", op: ">=", threshold: 100 });
    const [d] = parseExceed("support<=3", ["support"]);
    expect(d).toMatchObject({ metric: "support", op: "<=", threshold: 3 });
  });
});
