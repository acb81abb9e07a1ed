/**
 * n-gram language models on real English text (docs/theory.md#ngram-models; Suresh et al. 2025,
 * Shumailov et al. 2024).
 *
 * Exact checks: counts, add-k probabilities, the context/restart rule, per-context transforms,
 * sentence-level subsampling, the text truth's tokenisation, split and errors.
 *
 * Stochastic checks, every one with false-alarm probability ≤ α = 1e-6 (fixed seeds, printed in
 * the describe titles):
 * - the MLE fit recovers a known first- and second-order Markov chain: chi-square goodness of fit
 *   of each context's counts, Bonferroni over the 11 contexts (each at α/11);
 * - collapse on the default corpus (GPL-3, bigram, M = 2000 tokens, K = 30 chains): one-sided
 *   exact sign tests over chains, H0: P(difference > 0) ≤ ½, rejected when
 *   P(Binomial(30, ½) ≥ #positive) ≤ α (needs ≥ 28 of 30); the perplexity test checks two
 *   generations, each at α/2 (still ≥ 28 of 30).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";
import { eraseFamily } from "../../src/families/family.ts";
import { ngram } from "../../src/families/ngram.ts";
import { metricById } from "../../src/metrics/metric.ts";
import { temperatureCategorical, topPCategorical } from "../../src/model/categorical.ts";
import { concatData, type SequenceData, subsampleData } from "../../src/model/data.ts";
import type { NgramDistribution, NgramModel } from "../../src/model/models.ts";
import {
  contextDistribution,
  contextId,
  countNgrams,
  fitNgram,
  ngramLogLoss,
  ngramPerplexity,
  ngramProbability,
  ngramSupport,
  ngramSymbolMass,
  ngramTokenLogProbs,
  sampleNgram,
  sequenceData,
} from "../../src/model/ngram.ts";
import { binomialSf, chiSquareGofTest } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { synthesize, transformModel } from "../../src/transforms/transform.ts";
import { zipfTruth } from "../../src/truths/categorical.ts";
import {
  DEFAULT_TEXT_FILE,
  DEFAULT_TEXT_PACKAGE,
  textTruth,
  tokenizeText,
  UNKNOWN,
} from "../../src/truths/text.ts";

const ALPHA = 1e-6;
const SEED = 20240;

/** P(Binomial(n, ½) ≥ x): the one-sided sign test's p-value for x positive differences of n. */
const signTestP = (x: number, n: number) => binomialSf(x - 1, n, 0.5);

/** `the cat sat </s> the cat </s> cat sat sat </s>` with the=2, cat=3, sat=4 (V = 5). */
const TINY = sequenceData([2, 3, 4, 0, 2, 3, 0, 3, 4, 4, 0], 5);

const dense = (model: NgramModel, h: number): number[] => {
  const d = contextDistribution(model, h);
  return Array.from({ length: model.vocabSize }, (_, x) => {
    const j = d.symbols.indexOf(x);
    return j >= 0 ? d.probs[j] : d.rest;
  });
};

describe("n-gram counts and fits (exact)", () => {
  it("bigram counts and MLE conditional probabilities of a hand-written sequence", () => {
    const c = countNgrams(TINY, 2);
    const row = (h: number) => Object.fromEntries(c.contexts.get(h) ?? []);
    // Start context (id 0): sentence-initial words the, the, cat.
    expect(row(0)).toEqual({ 2: 2, 3: 1 });
    expect(row(2)).toEqual({ 3: 2 });
    expect(row(3)).toEqual({ 4: 2, 0: 1 });
    expect(row(4)).toEqual({ 0: 2, 4: 1 });
    expect([...c.contexts.keys()].sort()).toEqual([0, 2, 3, 4]);
    expect(Array.from(c.unigram)).toEqual([3, 0, 2, 3, 3]);
    const m = fitNgram(TINY, 2, 0);
    expect(ngramProbability(m, [0], 2)).toBe(2 / 3);
    expect(ngramProbability(m, [0], 3)).toBe(1 / 3);
    expect(ngramProbability(m, [2], 3)).toBe(1);
    expect(ngramProbability(m, [3], 4)).toBe(2 / 3);
    expect(ngramProbability(m, [3], 0)).toBe(1 / 3);
    expect(ngramProbability(m, [4], 4)).toBe(1 / 3);
    expect(ngramProbability(m, [4], 2)).toBe(0);
    // Context 1 never occurs: the MLE ends the sentence there.
    expect(dense(m, 1)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(m.unigram)).toEqual([3 / 11, 0, 2 / 11, 3 / 11, 3 / 11]);
    expect(ngramSupport(m)).toBe(3);
  });

  it("per-token log-probabilities and symbol mass over contexts, by hand on the tiny sequence", () => {
    const m = fitNgram(TINY, 2, 0);
    // Contexts of the 11 positions (restart after </s>): 0 2 3 4 | 0 2 3 | 0 3 4 4.
    const expected = [2 / 3, 1, 2 / 3, 2 / 3, 2 / 3, 1, 1 / 3, 1 / 3, 2 / 3, 1 / 3, 2 / 3];
    const logs = ngramTokenLogProbs(m, TINY);
    expect(logs.length).toBe(11);
    expected.forEach((p, i) => {
      expect(Math.abs(logs[i] - Math.log(p)), `position ${i}`).toBeLessThanOrEqual(
        4 * Number.EPSILON,
      );
    });
    // Their negated mean is the log loss the perplexity uses.
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    expect(Math.abs(-mean - ngramLogLoss(m, TINY))).toBeLessThanOrEqual(16 * Number.EPSILON);
    // P(</s> | h) per position: 0 0 ⅓ ⅔ | 0 0 ⅓ | 0 ⅓ ⅔ ⅔ → 3/11.
    expect(ngramSymbolMass(m, Int32Array.of(0), TINY)).toBeCloseTo(3 / 11, 15);
    // P(x ∈ {2, 3} | h): 1 1 0 0 | 1 1 0 | 1 0 0 0 → 5/11.
    expect(ngramSymbolMass(m, Int32Array.of(2, 3), TINY)).toBeCloseTo(5 / 11, 15);
    // Every symbol: each context's law sums to 1.
    expect(ngramSymbolMass(m, Int32Array.of(0, 1, 2, 3, 4), TINY)).toBeCloseTo(1, 15);
    // A zero-probability token scores −∞ (MLE: 4 never follows the start).
    expect(ngramTokenLogProbs(m, sequenceData([4, 0], 5))[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(() => ngramSymbolMass(m, Int32Array.of(2, 2), TINY)).toThrow(/symbols\[1\].*distinct/);
    expect(() => ngramSymbolMass(m, Int32Array.of(5), TINY)).toThrow(/symbols\[0\]/);
    expect(() => ngramTokenLogProbs(m, sequenceData([2, 0], 6))).toThrow(/vocabSize/);
  });

  it("add-k: P(x | h) = (c(h, x) + k)/(c(h) + kV), unseen contexts uniform", () => {
    const k = 0.5;
    const m = fitNgram(TINY, 2, k);
    expect(dense(m, 3)).toEqual([1.5 / 5.5, 0.5 / 5.5, 0.5 / 5.5, 0.5 / 5.5, 2.5 / 5.5]);
    expect(dense(m, 0)).toEqual([0.5 / 5.5, 0.5 / 5.5, 2.5 / 5.5, 1.5 / 5.5, 0.5 / 5.5]);
    expect(dense(m, 1)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(Array.from(m.unigram)).toEqual([
      3.5 / 13.5,
      0.5 / 13.5,
      2.5 / 13.5,
      3.5 / 13.5,
      3.5 / 13.5,
    ]);
    expect(ngramSupport(m)).toBe(4);
    expect(() => fitNgram(TINY, 2, -1)).toThrow(/fitNgram: k must be finite and >= 0, got -1/);
    expect(() => fitNgram(sequenceData([], 5), 2, 0)).toThrow(/must be > 0 when k = 0/);
  });

  it("trigram contexts restart after </s> and at every segment start", () => {
    // Two segments: `the cat sat | cat sat </s> sat` (V = 5); the second starts a sentence.
    const data = sequenceData([2, 3, 4, 3, 4, 0, 4], 5, [0, 3]);
    const c = countNgrams(data, 3);
    const id = (a: number, b: number) => contextId(5, [a, b]);
    const rows = Object.fromEntries(
      [...c.contexts].map(([h, r]) => [h, Object.fromEntries(r)] as const),
    );
    expect(rows).toEqual({
      [id(0, 0)]: { 2: 1, 3: 1, 4: 1 },
      [id(0, 2)]: { 3: 1 },
      [id(2, 3)]: { 4: 1 },
      [id(0, 3)]: { 4: 1 },
      [id(3, 4)]: { 0: 1 },
    });
    const m = fitNgram(data, 3, 0);
    expect(ngramProbability(m, [0, 0], 4)).toBe(1 / 3);
    expect(ngramProbability(m, [3, 4], 0)).toBe(1);
    // Log-loss follows the same rule: every token scored once, in its context.
    expect(ngramLogLoss(m, data)).toBeCloseTo((3 * Math.log(3)) / 7, 14);
  });

  it("sampling restarts after </s>; an MLE model ends the sentence at an unseen context", () => {
    // `the cat` as its only data: context `cat` is never followed by anything.
    const m = fitNgram(sequenceData([2, 3], 5), 2, 0);
    const s = sampleNgram(m, derive(SEED, "ngram", "restart"), 10);
    expect(Array.from(s.tokens)).toEqual([2, 3, 0, 2, 3, 0, 2, 3, 0, 2]);
    expect(Array.from(s.starts)).toEqual([0]);
    // Under the model that generated it, the log-loss of this sample is 0.
    expect(ngramLogLoss(m, s)).toBe(0);
    expect(ngramPerplexity(m, sequenceData([2, 2, 0], 5))).toBe(Number.POSITIVE_INFINITY);
  });

  it("temperature, top-k and top-p apply per context (reusing the categorical functions)", () => {
    const m = fitNgram(TINY, 2, 0.5);
    const hot = transformModel(m, { kind: "temperature", tau: 0.5 }) as NgramModel;
    for (const h of [0, 1, 2, 3, 4]) {
      const expected = Array.from(temperatureCategorical(Float64Array.from(dense(m, h)), 0.5));
      const got = dense(hot, h);
      for (let x = 0; x < 5; x++) expect(got[x]).toBeCloseTo(expected[x], 15);
    }
    // Unlisted symbols still share one value after temperature: stored sparsely.
    expect(hot.contexts.get(2)?.symbols.length).toBe(1);
    const top1 = transformModel(fitNgram(TINY, 2, 0), { kind: "top-k", k: 1 }) as NgramModel;
    expect(dense(top1, 3)).toEqual([0, 0, 0, 0, 1]);
    expect(dense(top1, 0)).toEqual([0, 0, 1, 0, 0]);
    // Greedy decoding: the argmax chain `the cat sat </s>` over and over.
    const greedy = synthesize(m, [{ kind: "top-k", k: 1 }], derive(SEED, "greedy"), 8);
    expect(Array.from((greedy as SequenceData).tokens)).toEqual([2, 3, 4, 0, 2, 3, 4, 0]);
    const nucleus = transformModel(m, { kind: "top-p", p: 0.5 }) as NgramModel;
    // Context `cat` (add-½): 2.5/5.5 for sat, then 1.5/5.5 for </s>, reaching 4/5.5 ≥ 0.5.
    const near = (a: number[], b: number[]) => {
      for (let x = 0; x < 5; x++)
        expect(Math.abs(a[x] - b[x])).toBeLessThanOrEqual(4 * Number.EPSILON);
    };
    near(dense(nucleus, 3), [1.5 / 4, 0, 0, 0, 2.5 / 4]);
    for (const h of [0, 1, 2, 3, 4]) {
      near(dense(nucleus, h), Array.from(topPCategorical(Float64Array.from(dense(m, h)), 0.5)));
    }
    expect(() => transformModel(m, { kind: "select", fraction: 0.5 })).toThrow(
      /select: model.kind is not supported by this transform, got "ngram"/,
    );
  });

  it("concat keeps segments; subsample takes whole sentences in random order", () => {
    const a = sequenceData([2, 3, 0, 4, 0, 2], 5);
    const b = sequenceData([3, 4, 0, 2], 5, [0, 2]);
    const ab = concatData(a, b);
    expect(Array.from(ab.tokens)).toEqual([2, 3, 0, 4, 0, 2, 3, 4, 0, 2]);
    expect(Array.from(ab.starts)).toEqual([0, 6, 8]);
    expect(() => concatData(a, sequenceData([1], 4))).toThrow(/b.vocabSize must equal/);
    // Sentence units of ab: [2 3 0] [4 0] [2] [3 4] [0] [2].
    const units = ["2,3,0", "4,0", "2", "3,4", "0", "2"];
    for (let s = 0; s < 20; s++) {
      const sub = subsampleData(ab, 7, derive(SEED, "subsample", s));
      expect(sub.tokens.length).toBe(7);
      const pieces = Array.from(sub.starts, (st, i) =>
        Array.from(sub.tokens.subarray(st, sub.starts[i + 1] ?? 7)).join(","),
      );
      // Every piece is a whole unit except possibly the last, which is a unit's beginning.
      for (const [i, p] of pieces.entries()) {
        if (i < pieces.length - 1) expect(units).toContain(p);
        else expect(units.some((u) => `${u},`.startsWith(`${p},`))).toBe(true);
      }
    }
    expect(subsampleData(ab, 10, derive(SEED, "all")).tokens.slice().sort()).toEqual(
      ab.tokens.slice().sort(),
    );
  });
});

describe(`the MLE fit recovers known Markov chains (seed ${SEED}, α = ${ALPHA})`, () => {
  const rowsTested = 4 + 7;
  const check = (fitted: NgramModel, truth: NgramModel, counts: ReturnType<typeof countNgrams>) => {
    // Only reachable contexts occur (e.g. never `word </s>` as a trigram context: it restarts).
    expect([...counts.contexts.keys()].sort((a, b) => a - b)).toEqual(
      [...truth.contexts.keys()].sort((a, b) => a - b),
    );
    for (const h of truth.contexts.keys()) {
      const row = counts.contexts.get(h);
      expect(row, `context ${h} visited`).toBeDefined();
      const observed: number[] = [];
      const expected: number[] = [];
      let total = 0;
      for (const c of row?.values() ?? []) total += c;
      for (let x = 0; x < truth.vocabSize; x++) {
        const p = dense(truth, h)[x];
        const c = row?.get(x) ?? 0;
        if (p === 0) {
          expect(c, `context ${h}, impossible symbol ${x}`).toBe(0);
          continue;
        }
        observed.push(c);
        expected.push(p * total);
      }
      const test = chiSquareGofTest(observed, expected);
      expect(test.pValue, `context ${h}: χ² = ${test.statistic} on ${test.df} df`).toBeGreaterThan(
        ALPHA / rowsTested,
      );
      // And the fitted law is exactly the empirical frequencies.
      for (let x = 0; x < truth.vocabSize; x++) {
        expect(dense(fitted, h)[x]).toBe((row?.get(x) ?? 0) / total);
      }
    }
  };
  const law = (p: number[]): NgramDistribution => {
    const symbols = p.flatMap((v, x) => (v > 0 ? [x] : []));
    return {
      symbols: Int32Array.from(symbols),
      probs: Float64Array.from(symbols.map((x) => p[x])),
      rest: 0,
    };
  };
  const model = (order: number, V: number, rows: [number[], number[]][]): NgramModel => ({
    kind: "ngram",
    order,
    vocabSize: V,
    contexts: new Map(rows.map(([prev, p]) => [contextId(V, prev), law(p)])),
    unseen: law([1, ...new Array(V - 1).fill(0)]),
    unigram: new Float64Array(V).fill(1 / V),
  });

  it("bigram: 4 contexts, 100 000 tokens", () => {
    const truth = model(2, 4, [
      [[0], [0, 0.5, 0.3, 0.2]],
      [[1], [0.1, 0.2, 0.3, 0.4]],
      [[2], [0.25, 0.25, 0.25, 0.25]],
      [[3], [0.3, 0.6, 0.1, 0]],
    ]);
    const data = sampleNgram(truth, derive(SEED, "markov", 2), 100_000);
    check(fitNgram(data, 2, 0), truth, countNgrams(data, 2));
  });

  it("trigram: 7 reachable contexts, 100 000 tokens", () => {
    const truth = model(3, 3, [
      [
        [0, 0],
        [0, 0.6, 0.4],
      ],
      [
        [0, 1],
        [0.2, 0.3, 0.5],
      ],
      [
        [0, 2],
        [0.1, 0.8, 0.1],
      ],
      [
        [1, 1],
        [0.5, 0.25, 0.25],
      ],
      [
        [1, 2],
        [0.3, 0.3, 0.4],
      ],
      [
        [2, 1],
        [0.2, 0.7, 0.1],
      ],
      [
        [2, 2],
        [0.4, 0.1, 0.5],
      ],
    ]);
    const data = sampleNgram(truth, derive(SEED, "markov", 3), 100_000);
    check(fitNgram(data, 3, 0), truth, countNgrams(data, 3));
  });
});

describe("text truth", () => {
  it("loads the GPL corpus and names its source (path and Debian package)", () => {
    const truth = textTruth({ corpus: "gpl" });
    expect(truth.id).toBe("text");
    expect(truth.dataKind).toBe("sequence");
    expect(truth.source).toContain(DEFAULT_TEXT_FILE);
    expect(truth.source).toContain(`Debian package ${DEFAULT_TEXT_PACKAGE}`);
    const dpkg = spawnSync("dpkg", ["-S", DEFAULT_TEXT_FILE], { encoding: "utf8" });
    if (dpkg.status === 0) expect(dpkg.stdout.split(":")[0]).toBe(DEFAULT_TEXT_PACKAGE);
    const c = truth.corpus;
    expect(c.words).toBeGreaterThan(5000);
    expect(c.vocabulary.slice(0, 4)).toEqual(["</s>", "<unk>", "the", "of"]);
    expect(c.vocabulary.length - 2).toBe(c.trainingWordTypes);
    expect(truth.model.order).toBe(2);
    // Generation 0 (the training text's MLE bigram) keeps every training word.
    expect(ngramSupport(truth.model)).toBe(c.trainingWordTypes);
    expect(metricById("support").supports("ngram")).toBe(true);
    expect(truthFromSpec("text:corpus=gpl").source).toBe(truth.source);
  });

  it("the held-out part is disjoint from training; real samples are training windows", () => {
    const truth = textTruth({ corpus: "gpl", window: 50 });
    const c = truth.corpus;
    const sentences = tokenizeText(readFileSync(DEFAULT_TEXT_FILE, "utf8"));
    expect(sentences.length).toBe(c.sentences);
    const train = new Set(c.trainSentences);
    for (const i of c.heldOutSentences) {
      expect(i % 10).toBe(9);
      expect(train.has(i)).toBe(false);
    }
    expect(c.trainSentences.length + c.heldOutSentences.length).toBe(c.sentences);
    const decode = (d: SequenceData) => Array.from(d.tokens, (x) => c.vocabulary[x]).join(" ");
    const words = (idx: Int32Array) =>
      Array.from(
        idx,
        (i) =>
          `${sentences[i].map((w) => (c.vocabulary.includes(w) ? w : "<unk>")).join(" ")} </s>`,
      ).join(" ");
    expect(decode(c.train)).toBe(words(c.trainSentences));
    expect(decode(c.heldOut)).toBe(words(c.heldOutSentences));
    // Held-out words the training part lacks are <unk>, so every MLE model scores +∞.
    expect(c.heldOut.tokens.includes(UNKNOWN)).toBe(true);
    expect(c.train.tokens.includes(UNKNOWN)).toBe(false);
    const sample = truth.sampleReal(derive(SEED, "windows"), 275);
    expect(Array.from(sample.starts)).toEqual([0, 50, 100, 150, 200, 250]);
    const cyclic = Array.from(c.train.tokens).concat(Array.from(c.train.tokens.subarray(0, 50)));
    for (const [i, st] of sample.starts.entries()) {
      const w = Array.from(sample.tokens.subarray(st, sample.starts[i + 1] ?? 275));
      const at = c.trainSentenceStarts.findIndex((s) => w.every((x, j) => cyclic[s + j] === x));
      expect(at, `window ${i} starts at a training sentence start`).toBeGreaterThanOrEqual(0);
    }
  });

  it("user files, vocabulary cap and every invalid input are named errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "collapse-text-"));
    const file = join(dir, "tiny.txt");
    const lines = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? "The cat sat. It's “fine”!" : "A dog ran? The dog sat.",
    );
    writeFileSync(file, lines.join("\n"));
    expect(tokenizeText("The Cat's hat.\n\nHeading\n \n3 dogs, e.g. two.")).toEqual([
      ["the", "cat's", "hat"],
      ["heading"],
      ["dogs", "e", "g"],
      ["two"],
    ]);
    const t = textTruth({ file, vocab: 3 });
    expect(t.corpus.sentences).toBe(20);
    // Training counts: dog, sat, the 9 each (ties in code-unit order), then a, cat, ran 5.
    expect(t.corpus.vocabulary).toEqual(["</s>", "<unk>", "dog", "sat", "the"]);
    expect(t.corpus.trainingWordTypes).toBe(8);
    expect(t.source).toContain("file named by the user");
    expect(t.corpus.heldOut.tokens.length).toBeGreaterThan(0);
    expect(() => textTruth({ file: join(dir, "missing.txt") })).toThrow(
      /text: file must be a readable file \(ENOENT\), got ".*missing\.txt"/,
    );
    expect(() => textTruth({ file: dir })).toThrow(
      /text: file must be a regular file \(not a device, FIFO or folder\)/,
    );
    writeFileSync(join(dir, "empty.txt"), "  123 -- 456 \n");
    expect(() => textTruth({ file: join(dir, "empty.txt") })).toThrow(
      /text: file must contain words \(empty corpus\)/,
    );
    writeFileSync(join(dir, "short.txt"), "One. Two. Three.");
    expect(() => textTruth({ file: join(dir, "short.txt") })).toThrow(
      /text: file must hold at least 10 sentences.*\(it has 3\)/,
    );
    writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
    expect(() => textTruth({ file: join(dir, "latin1.txt") })).toThrow(
      /text: file must be valid UTF-8 text/,
    );
    expect(() => textTruth({ file, vocab: 0 })).toThrow(/text: vocab must be an integer in/);
    expect(() => textTruth({ corpus: "gpl", order: 4 })).toThrow(
      /text: order must be an integer in \[2, 3\]/,
    );
    expect(() => familyFromSpec("ngram:order=1")).toThrow(
      /family "ngram": order must be an integer >= 2 and <= 3 \(n\), got 1/,
    );
    expect(() => familyFromSpec("ngram:k=-0.5")).toThrow(
      /family "ngram": k must be a finite number >= 0 .*, got -0.5/,
    );
    expect(() =>
      runChains({
        truth: zipfTruth(10, 1),
        family: eraseFamily(ngram()),
        regime: { kind: "replace" },
        samples: 10,
        generations: 1,
        chains: 1,
        seed: SEED,
        metrics: [],
      }),
    ).toThrow(
      /family fits sequence data but truth "zipf" gives categorical data \(incompatible pair\)/,
    );
    expect(() =>
      runChains({
        truth: zipfTruth(10, 1),
        family: familyFromSpec("categorical-mle"),
        regime: { kind: "replace" },
        samples: 10,
        generations: 1,
        chains: 1,
        seed: SEED,
        metrics: ["perplexity"],
      }),
    ).toThrow(/"perplexity" is not defined for categorical models/);
  });
});

describe(`collapse on real text, GPL-3 bigram, M = 2000, K = 30 (seed ${SEED}, α = ${ALPHA})`, () => {
  const truth = textTruth({ corpus: "gpl" });
  const K = 30;
  const T = 5;
  const run = (
    k: number,
    regime: "replace" | "keep-original",
    metrics: ("support" | "perplexity")[],
  ) =>
    runChains({
      truth,
      family: eraseFamily(ngram({ order: 2, k })),
      regime: regime === "replace" ? { kind: "replace" } : { kind: "keep-original", fraction: 0.1 },
      samples: 2000,
      generations: T,
      chains: K,
      seed: SEED,
      streamKeys: ["ngram-collapse"],
      metrics,
    });
  const at = (v: Float64Array, c: number, t: number) => v[c * (T + 1) + t];

  it("MLE, replace: the surviving vocabulary never grows on any chain (sure) and shrinks", () => {
    const r = run(0, "replace", ["support", "perplexity"]);
    const v = r.values.support;
    let shrank = 0;
    for (let c = 0; c < K; c++) {
      for (let t = 1; t <= T; t++) {
        expect(at(v, c, t), `chain ${c} generation ${t}`).toBeLessThanOrEqual(at(v, c, t - 1));
      }
      if (at(v, c, T) < at(v, c, 1)) shrank++;
      // MLE perplexity of held-out text is +∞ (held-out words never trained on), honestly.
      for (let t = 0; t <= T; t++) expect(at(r.values.perplexity, c, t)).toBe(Infinity);
    }
    const s = summarizeMetric(r, "support");
    expect(
      signTestP(shrank, K),
      `support shrank on ${shrank}/${K} chains; mean ${Array.from(s.mean)}`,
    ).toBeLessThanOrEqual(ALPHA);
    expect(s.mean[T]).toBeLessThan(s.mean[1]);
  });

  it("add-k (k = 0.01), replace: held-out perplexity rises from generation 1", () => {
    const r = run(0.01, "replace", ["perplexity"]);
    const v = r.values.perplexity;
    for (const t of [2, T]) {
      let rose = 0;
      for (let c = 0; c < K; c++) {
        expect(Number.isFinite(at(v, c, t))).toBe(true);
        if (at(v, c, t) > at(v, c, 1)) rose++;
      }
      expect(
        signTestP(rose, K),
        `perplexity rose 1 → ${t} on ${rose}/${K} chains`,
      ).toBeLessThanOrEqual(ALPHA / 2);
    }
  });

  it("keeping 10% of the original data keeps perplexity below replace at the final generation", () => {
    // Same seed and keys: chain c of both runs is fitted to the same real data at generation 1.
    const replace = run(0.01, "replace", ["perplexity"]).values.perplexity;
    const keep = run(0.01, "keep-original", ["perplexity"]).values.perplexity;
    let lower = 0;
    for (let c = 0; c < K; c++) {
      expect(at(keep, c, 1)).toBe(at(replace, c, 1));
      if (at(keep, c, T) < at(replace, c, T)) lower++;
    }
    expect(signTestP(lower, K), `keep-original lower on ${lower}/${K} chains`).toBeLessThanOrEqual(
      ALPHA,
    );
  });
});
