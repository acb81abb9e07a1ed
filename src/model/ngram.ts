/**
 * n-gram language models (n ∈ {2, 3}) over token sequences: counting, add-k fits, sampling,
 * per-context transforms, held-out log-loss.
 *
 * Symbols are 0…V−1; symbol 0 is the sentence boundary `</s>` ({@link BOUNDARY}).
 *
 * Context rule (fit, sampling and log-loss alike): the context of a token is the n − 1 tokens
 * before it in its sentence, padded on the left with `</s>`; a sentence starts at a segment start
 * ({@link SequenceData.starts}) and right after a `</s>`. So the first word of every sentence is
 * drawn from the start context (`</s>`) for a bigram and (`</s>`, `</s>`) for a trigram, and no
 * context reaches back across a sentence end — the usual sentence-padded n-gram model, with one
 * symbol serving as both the left padding and the (predicted) end of sentence; the end is
 * predicted once, not padded n − 1 times. Context ids write the n − 1 tokens in base V, oldest
 * first ({@link contextId}); the start context has id 0.
 *
 * Fit: with c(h, x) the number of tokens x seen in context h and c(h) = Σ_x c(h, x),
 * P(x | h) = (c(h, x) + k)/(c(h) + kV) — add-k (Lidstone) smoothing; k = 0 is the MLE. Stored
 * sparsely: the symbols seen after h explicitly, the common value k/(c(h) + kV) once as `rest`.
 * A context never seen has no entry and uses `unseen`: uniform over the V symbols when k > 0; for
 * the MLE (where 0/0 is undefined) a point mass on `</s>`, i.e. the sentence ends and the next
 * token restarts from the start context. The unigram law (c(x) + k)/(N + kV) over all N tokens
 * (boundaries included) is kept for the vocabulary metrics.
 *
 * Sampling: M tokens as one segment, starting from the start context; after a `</s>` the context
 * restarts at the start context (so generated text is a sequence of sentences), and an unseen
 * context uses `unseen` (MLE: the sentence ends there). Each token is one inversion of the
 * context's law with one 53-bit uniform: binary search in the cumulative explicit probabilities,
 * or, beyond their total, the ⌊(u − E)/rest⌋-th symbol not listed.
 */
import type { RandomStream } from "../rng/index.ts";
import { assertInteger, assertNonNegative, InvalidParameterError } from "../util/validate.ts";
import { categoricalEntropy } from "./categorical.ts";
import type { SequenceData } from "./data.ts";
import type { NgramDistribution, NgramModel } from "./models.ts";

/** The sentence boundary symbol `</s>`: ends a sentence; the start context is all boundaries. */
export const BOUNDARY = 0;

/** Largest vocabulary: trigram context ids (< V²) and n-gram keys stay exact doubles. */
export const NGRAM_MAX_VOCAB = 2 ** 26;

function checkOrder(api: string, order: number): void {
  assertInteger(api, "order", order, 2, 3);
}

function checkVocab(api: string, vocabSize: number): void {
  assertInteger(api, "vocabSize", vocabSize, 1, NGRAM_MAX_VOCAB);
}

/**
 * Sequence data from tokens (copied and validated): every token an integer in [0, vocabSize),
 * `starts` strictly increasing offsets below the length, starting at 0 (default: one segment).
 */
export function sequenceData(
  tokens: ArrayLike<number>,
  vocabSize: number,
  starts?: ArrayLike<number>,
): SequenceData {
  const api = "sequenceData";
  checkVocab(api, vocabSize);
  const t = Int32Array.from(tokens);
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== tokens[i] || t[i] < 0 || t[i] >= vocabSize) {
      throw new InvalidParameterError(
        api,
        `tokens[${i}]`,
        `must be an integer in [0, ${vocabSize - 1}]`,
        tokens[i],
      );
    }
  }
  const s =
    starts === undefined
      ? t.length > 0
        ? Int32Array.of(0)
        : new Int32Array(0)
      : Int32Array.from(starts);
  for (let i = 0; i < s.length; i++) {
    const given = starts === undefined ? 0 : starts[i];
    if (s[i] !== given || s[i] >= t.length || (i === 0 ? s[i] !== 0 : s[i] <= s[i - 1])) {
      throw new InvalidParameterError(
        api,
        `starts[${i}]`,
        `must be strictly increasing offsets in [0, ${t.length - 1}] starting at 0`,
        given,
      );
    }
  }
  if (t.length > 0 && s.length === 0) {
    throw new InvalidParameterError(api, "starts", "must hold 0 when there are tokens", starts);
  }
  return { kind: "sequence", vocabSize, tokens: t, starts: s };
}

/**
 * The id of the context formed by `previous` (the n − 1 tokens before, oldest first, `</s>`
 * for padding): Σ previous[i]·V^(n−2−i).
 */
export function contextId(vocabSize: number, previous: ArrayLike<number>): number {
  checkVocab("contextId", vocabSize);
  let id = 0;
  for (let i = 0; i < previous.length; i++) {
    const x = previous[i];
    if (!Number.isInteger(x) || x < 0 || x >= vocabSize) {
      throw new InvalidParameterError(
        "contextId",
        `previous[${i}]`,
        `must be a symbol in [0, ${vocabSize - 1}]`,
        x,
      );
    }
    id = id * vocabSize + x;
  }
  return id;
}

/** The context after token x in context h: restart at a boundary, else shift x in. */
function nextContext(h: number, x: number, order: number, vocabSize: number): number {
  if (x === BOUNDARY) return 0;
  return order === 2 ? x : (h % vocabSize) * vocabSize + x;
}

/**
 * The context id of every position of a sequence: 0 at each sentence start (`starts`), else the
 * last n − 1 tokens ({@link nextContext}). The one walk behind counting, scoring and masses.
 */
function contextIds(data: SequenceData, order: number): Float64Array {
  const { tokens, starts, vocabSize } = data;
  const out = new Float64Array(tokens.length);
  let segment = 0;
  let h = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (segment < starts.length && starts[segment] === i) {
      segment++;
      h = 0;
    }
    out[i] = h;
    h = nextContext(h, tokens[i], order, vocabSize);
  }
  return out;
}

/** n-gram counts of a sequence under the context rule. */
export interface NgramCounts {
  readonly order: number;
  readonly vocabSize: number;
  /** context id → (symbol → count). */
  readonly contexts: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** unigram[x] = number of tokens x (every token, boundaries included). */
  readonly unigram: Float64Array;
  /** Number of tokens. */
  readonly tokens: number;
}

/** Counts every token in its context (see the module comment for the context rule). */
export function countNgrams(data: SequenceData, order: number): NgramCounts {
  const api = "countNgrams";
  checkOrder(api, order);
  if (data.kind !== "sequence") {
    throw new InvalidParameterError(api, "data.kind", 'must be "sequence"', data.kind);
  }
  const V = data.vocabSize;
  checkVocab(api, V);
  const contexts = new Map<number, Map<number, number>>();
  const unigram = new Float64Array(V);
  const { tokens } = data;
  for (let i = 0; i < tokens.length; i++) {
    const x = tokens[i];
    if (!(x >= 0 && x < V)) {
      throw new InvalidParameterError(api, `data.tokens[${i}]`, `must be in [0, ${V - 1}]`, x);
    }
  }
  const hs = contextIds(data, order);
  for (let i = 0; i < tokens.length; i++) {
    const x = tokens[i];
    let row = contexts.get(hs[i]);
    if (row === undefined) {
      row = new Map();
      contexts.set(hs[i], row);
    }
    row.set(x, (row.get(x) ?? 0) + 1);
    unigram[x]++;
  }
  return { order, vocabSize: V, contexts, unigram, tokens: tokens.length };
}

/**
 * Fits an n-gram model with add-k smoothing (k = 0: maximum likelihood) to sequence data. With
 * k = 0 the data must hold at least one token.
 */
export function fitNgram(data: SequenceData, order: number, k: number): NgramModel {
  const api = "fitNgram";
  checkOrder(api, order);
  assertNonNegative(api, "k", k);
  const counts = countNgrams(data, order);
  const V = counts.vocabSize;
  if (k === 0 && counts.tokens === 0) {
    throw new InvalidParameterError(api, "data size", "must be > 0 when k = 0 (no tokens)", 0);
  }
  const contexts = new Map<number, NgramDistribution>();
  for (const [h, row] of counts.contexts) {
    const symbols = Int32Array.from(row.keys()).sort();
    let total = 0;
    for (const c of row.values()) total += c;
    const denom = total + k * V;
    const probs = new Float64Array(symbols.length);
    for (let j = 0; j < symbols.length; j++) probs[j] = ((row.get(symbols[j]) ?? 0) + k) / denom;
    contexts.set(h, { symbols, probs, rest: k / denom });
  }
  const unseen: NgramDistribution =
    k > 0
      ? { symbols: new Int32Array(0), probs: new Float64Array(0), rest: 1 / V }
      : { symbols: Int32Array.of(BOUNDARY), probs: Float64Array.of(1), rest: 0 };
  const denom = counts.tokens + k * V;
  const unigram = new Float64Array(V);
  for (let x = 0; x < V; x++) unigram[x] = (counts.unigram[x] + k) / denom;
  return { kind: "ngram", order, vocabSize: V, contexts, unseen, unigram };
}

/** The law of the next token in context `h` (a context id). */
export function contextDistribution(model: NgramModel, h: number): NgramDistribution {
  return model.contexts.get(h) ?? model.unseen;
}

/** P(x) under one context's law. */
export function distributionProbability(d: NgramDistribution, x: number): number {
  let lo = 0;
  let hi = d.symbols.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = d.symbols[mid];
    if (s === x) return d.probs[mid];
    if (s < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return d.rest;
}

/** P(x | previous), `previous` the n − 1 tokens before x (oldest first, `</s>` as padding). */
export function ngramProbability(
  model: NgramModel,
  previous: ArrayLike<number>,
  x: number,
): number {
  if (previous.length !== model.order - 1) {
    throw new InvalidParameterError(
      "ngramProbability",
      "previous.length",
      `must be order − 1 = ${model.order - 1}`,
      previous.length,
    );
  }
  assertInteger("ngramProbability", "x", x, 0, model.vocabSize - 1);
  return distributionProbability(
    contextDistribution(model, contextId(model.vocabSize, previous)),
    x,
  );
}

/** Precomputed inversion table of one context's law. */
interface Sampler {
  readonly cumulative: Float64Array;
  readonly symbols: Int32Array;
  readonly rest: number;
  readonly restCount: number;
  readonly total: number;
}

function makeSampler(d: NgramDistribution, vocabSize: number): Sampler {
  const cumulative = new Float64Array(d.probs.length);
  let s = 0;
  for (let j = 0; j < d.probs.length; j++) {
    s += d.probs[j];
    cumulative[j] = s;
  }
  const restCount = vocabSize - d.symbols.length;
  const total = s + (restCount > 0 ? d.rest * restCount : 0);
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new InvalidParameterError("sampleNgram", "model", "has a context with no mass", total);
  }
  return { cumulative, symbols: d.symbols, rest: d.rest, restCount, total };
}

/** The j-th (0-based) symbol not in the ascending list `listed`. */
function unlistedSymbol(listed: Int32Array, j: number): number {
  // The first i with listed[i] − i > j (symbols below listed[i] not listed exceed j).
  let lo = 0;
  let hi = listed.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (listed[mid] - mid > j) hi = mid;
    else lo = mid + 1;
  }
  return j + lo;
}

function draw(s: Sampler, stream: RandomStream): number {
  const u = stream.nextDouble() * s.total;
  const c = s.cumulative;
  const explicit = c.length > 0 ? c[c.length - 1] : 0;
  if (u < explicit) {
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return s.symbols[lo];
  }
  if (s.restCount > 0 && s.rest > 0) {
    const j = Math.min(Math.floor((u - explicit) / s.rest), s.restCount - 1);
    return unlistedSymbol(s.symbols, j);
  }
  // Rounding pushed u past the explicit total: the last listed symbol of positive probability.
  for (let j = c.length - 1; j >= 0; j--) if (j === 0 || c[j] > c[j - 1]) return s.symbols[j];
  throw new InvalidParameterError("sampleNgram", "model", "has a context with no mass", 0);
}

/**
 * n tokens from the model, as one segment starting at the start context (see the module
 * comment: restart after `</s>`; an unseen context uses the model's `unseen` law).
 */
export function sampleNgram(model: NgramModel, stream: RandomStream, n: number): SequenceData {
  assertInteger("sampleNgram", "n", n, 0, 2 ** 31 - 1);
  const V = model.vocabSize;
  const samplers = new Map<NgramDistribution, Sampler>();
  const tokens = new Int32Array(n);
  let h = 0;
  for (let i = 0; i < n; i++) {
    const d = contextDistribution(model, h);
    let s = samplers.get(d);
    if (s === undefined) {
      s = makeSampler(d, V);
      samplers.set(d, s);
    }
    const x = draw(s, stream);
    tokens[i] = x;
    h = nextContext(h, x, model.order, V);
  }
  return {
    kind: "sequence",
    vocabSize: V,
    tokens,
    starts: n > 0 ? Int32Array.of(0) : new Int32Array(0),
  };
}

/**
 * Applies a transform of probability vectors (temperature, top-k, top-p from
 * src/model/categorical.ts) to every context's law, and to the unseen-context law. A law with
 * `rest` = 0 is transformed as its explicit vector (symbols ascending, so ties break by symbol
 * index exactly as on the dense vector); one with `rest` > 0 is expanded to the dense V-vector
 * first (O(V) per context), and the result is stored with a common `rest` again when the
 * unlisted symbols still share one value (temperature), else explicitly. The unigram is kept as
 * fitted: it describes the fit, not the transformed sampler.
 */
export function mapNgram(model: NgramModel, f: (p: Float64Array) => Float64Array): NgramModel {
  const V = model.vocabSize;
  const apply = (d: NgramDistribution): NgramDistribution => {
    if (d.rest === 0 || d.symbols.length === V) {
      const q = f(d.probs);
      return compact(d.symbols, q);
    }
    const dense = new Float64Array(V).fill(d.rest);
    for (let j = 0; j < d.symbols.length; j++) dense[d.symbols[j]] = d.probs[j];
    const q = f(dense);
    const listed = new Uint8Array(V);
    for (let j = 0; j < d.symbols.length; j++) listed[d.symbols[j]] = 1;
    let common = Number.NaN;
    let shared = true;
    for (let x = 0; x < V && shared; x++) {
      if (listed[x]) continue;
      if (Number.isNaN(common)) common = q[x];
      else if (q[x] !== common) shared = false;
    }
    if (shared && common > 0) {
      const probs = new Float64Array(d.symbols.length);
      for (let j = 0; j < d.symbols.length; j++) probs[j] = q[d.symbols[j]];
      return { symbols: d.symbols, probs, rest: common };
    }
    const all = new Int32Array(V);
    for (let x = 0; x < V; x++) all[x] = x;
    return compact(all, q);
  };
  const contexts = new Map<number, NgramDistribution>();
  for (const [h, d] of model.contexts) contexts.set(h, apply(d));
  return { ...model, contexts, unseen: apply(model.unseen) };
}

/** The entries of (symbols, q) with q > 0, rest 0. */
function compact(symbols: Int32Array, q: Float64Array): NgramDistribution {
  let n = 0;
  for (let j = 0; j < q.length; j++) if (q[j] > 0) n++;
  const s = new Int32Array(n);
  const p = new Float64Array(n);
  let i = 0;
  for (let j = 0; j < q.length; j++) {
    if (q[j] > 0) {
      s[i] = symbols[j];
      p[i++] = q[j];
    }
  }
  return { symbols: s, probs: p, rest: 0 };
}

/**
 * Mean negative log-likelihood (nats per token) of a sequence under the model, every token
 * (boundaries included) scored in its context: −(1/N) Σ ln P(x_i | h_i). +∞ as soon as one token
 * has probability 0 (possible only without smoothing).
 */
export function ngramLogLoss(model: NgramModel, data: SequenceData): number {
  const api = "ngramLogLoss";
  if (data.vocabSize !== model.vocabSize) {
    throw new InvalidParameterError(
      api,
      "data.vocabSize",
      `must equal the model's vocabSize (${model.vocabSize})`,
      data.vocabSize,
    );
  }
  const { tokens } = data;
  if (tokens.length === 0) {
    throw new InvalidParameterError(api, "data size", "must be > 0 (no tokens to score)", 0);
  }
  const hs = contextIds(data, model.order);
  let nll = 0;
  for (let i = 0; i < tokens.length; i++) {
    const p = distributionProbability(contextDistribution(model, hs[i]), tokens[i]);
    if (!(p > 0)) return Number.POSITIVE_INFINITY;
    nll -= Math.log(p);
  }
  return nll / tokens.length;
}

function assertScorable(api: string, model: NgramModel, data: SequenceData): void {
  if (data.vocabSize !== model.vocabSize) {
    throw new InvalidParameterError(
      api,
      "data.vocabSize",
      `must equal the model's vocabSize (${model.vocabSize})`,
      data.vocabSize,
    );
  }
}

/**
 * ln P(x_i | h_i) of every token of a sequence under the model, in order (contexts restart at
 * each sentence start): the terms whose negated mean is {@link ngramLogLoss}. −∞ for a token of
 * probability 0.
 */
export function ngramTokenLogProbs(model: NgramModel, data: SequenceData): Float64Array {
  assertScorable("ngramTokenLogProbs", model, data);
  const { tokens } = data;
  const hs = contextIds(data, model.order);
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    out[i] = Math.log(distributionProbability(contextDistribution(model, hs[i]), tokens[i]));
  }
  return out;
}

/**
 * (1/N) Σ_i Σ_{s ∈ S} P(s | h_i): the mean, over the N token positions of `contexts`, of the
 * probability the model gives to the next token lying in the symbol set S (`symbols`, distinct
 * ids). Each context's mass is computed once (contexts repeat).
 */
export function ngramSymbolMass(
  model: NgramModel,
  symbols: Int32Array,
  contexts: SequenceData,
): number {
  const api = "ngramSymbolMass";
  assertScorable(api, model, contexts);
  const { tokens } = contexts;
  if (tokens.length === 0) {
    throw new InvalidParameterError(api, "contexts size", "must be > 0 (no positions)", 0);
  }
  const V = model.vocabSize;
  const seen = new Uint8Array(V);
  for (let j = 0; j < symbols.length; j++) {
    assertInteger(api, `symbols[${j}]`, symbols[j], 0, V - 1);
    if (seen[symbols[j]] === 1) {
      throw new InvalidParameterError(
        api,
        `symbols[${j}]`,
        "must be distinct (repeated)",
        symbols[j],
      );
    }
    seen[symbols[j]] = 1;
  }
  const cache = new Map<number, number>();
  const hs = contextIds(contexts, model.order);
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const h = hs[i];
    let mass = cache.get(h);
    if (mass === undefined) {
      // Σ_{s ∈ S} P(s | h) = Σ over the listed symbols in S + rest × (the unlisted ones in S):
      // O(listed) per context instead of a search per symbol of S (S may hold most of V).
      const d = contextDistribution(model, h);
      mass = 0;
      let listedInSet = 0;
      for (let j = 0; j < d.symbols.length; j++) {
        if (seen[d.symbols[j]] === 1) {
          mass += d.probs[j];
          listedInSet++;
        }
      }
      if (d.rest > 0) mass += d.rest * (symbols.length - listedInSet);
      cache.set(h, mass);
    }
    total += mass;
  }
  return total / tokens.length;
}

/** Perplexity exp(mean negative log-likelihood) of a sequence under the model (+∞ if any P = 0). */
export function ngramPerplexity(model: NgramModel, data: SequenceData): number {
  return Math.exp(ngramLogLoss(model, data));
}

/** Surviving vocabulary: symbols other than `</s>` with non-zero unigram probability. */
export function ngramSupport(model: NgramModel): number {
  let n = 0;
  for (let x = 0; x < model.unigram.length; x++) if (x !== BOUNDARY && model.unigram[x] > 0) n++;
  return n;
}

/** Entropy (nats) of the model's unigram law over all V symbols, `</s>` included. */
export function ngramUnigramEntropy(model: NgramModel): number {
  return categoricalEntropy(model.unigram);
}
