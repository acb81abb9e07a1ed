import type { RandomStream } from "../rng/index.ts";
import { uniformIndexUnchecked } from "../sample/uniformInt.ts";
import { allocFloat64, allocInt32 } from "../util/typedArrays.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * Training data, in the representation each model family consumes.
 *
 * Categorical samples are kept as counts over the k symbols: for every family here (MLE,
 * additive smoothing) the counts are the whole sample, so nothing is lost, and resampling M
 * symbols is one multinomial draw in O(k) instead of O(M).
 */
export interface CategoricalData {
  readonly kind: "categorical";
  /** counts[i] = how many samples are symbol i; length k. */
  readonly counts: Int32Array;
  /** Σ counts. */
  readonly size: number;
}

/** One-dimensional real samples. */
export interface RealData {
  readonly kind: "real";
  readonly values: Float64Array;
}

/** d-dimensional samples, row-major (size × dim). */
export interface VectorData {
  readonly kind: "vector";
  readonly dim: number;
  readonly values: Float64Array;
}

/** Labelled regression data: design rows X (size × dim, row-major) and labels y. */
export interface RegressionData {
  readonly kind: "regression";
  readonly dim: number;
  readonly X: Float64Array;
  readonly y: Float64Array;
  /**
   * Variance of the label noise the labels were drawn with, when known: set by the regression
   * truth (σ²) and by linear models when they sample; kept by concatData when both parts agree
   * and by subsampleData. OLS with `noise: "truth"` reuses it for its synthetic labels.
   */
  readonly noiseVariance?: number;
  /**
   * The fixed design (row-major, dim columns) these labels relabel: set on the synthetic data of
   * a fixed-design linear model, absent on real data. It is the chain's original design (the X of
   * D₁), so OLS keeps relabelling D₁'s X whatever the regime mixes in. Kept by concatData (from
   * whichever part has it; dropped if both have different ones) and by subsampleData.
   */
  readonly design?: Float64Array;
}

/**
 * Token sequences over symbols 0…vocabSize−1 (text, n-gram samples). Symbol 0 is the sentence
 * boundary `</s>`; n-gram contexts never reach back across it. The tokens are cut into segments
 * (`starts`: ascending offsets, starts[0] = 0 when there are tokens); every segment begins at a
 * sentence start, and contexts never reach back across a segment start either. A segment may end
 * mid-sentence (a window of real text, or M generated tokens). The size is the token count,
 * boundaries included.
 */
export interface SequenceData {
  readonly kind: "sequence";
  readonly vocabSize: number;
  readonly tokens: Int32Array;
  readonly starts: Int32Array;
}

export type Dataset = CategoricalData | RealData | VectorData | RegressionData | SequenceData;
export type DataKind = Dataset["kind"];

/** Every data kind (plug-in families and model kinds fit and sample one of these). */
export const DATA_KINDS = [
  "categorical",
  "real",
  "vector",
  "regression",
  "sequence",
] as const satisfies readonly DataKind[];

/** Number of samples in a data set. */
export function dataSize(data: Dataset): number {
  switch (data.kind) {
    case "categorical":
      return data.size;
    case "real":
      return data.values.length;
    case "vector":
      return data.values.length / data.dim;
    case "regression":
      return data.y.length;
    case "sequence":
      return data.tokens.length;
  }
}

function sumCounts(counts: Int32Array): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i];
  return s;
}

/** Categorical data from counts (copied). */
export function categoricalData(counts: ArrayLike<number>): CategoricalData {
  const c = Int32Array.from(counts);
  for (let i = 0; i < c.length; i++) {
    if (c[i] !== counts[i] || c[i] < 0) {
      throw new InvalidParameterError(
        "categoricalData",
        `counts[${i}]`,
        "must be an integer >= 0",
        counts[i],
      );
    }
  }
  return { kind: "categorical", counts: c, size: sumCounts(c) };
}

/** Throws unless b has a's kind and shape (k, dim or vocabulary size): what a union needs. */
export function sameShape(api: string, a: Dataset, b: Dataset): void {
  if (a.kind !== b.kind) {
    throw new InvalidParameterError(api, "b.kind", `must equal a.kind ("${a.kind}")`, b.kind);
  }
  if (a.kind === "categorical" && b.kind === "categorical" && a.counts.length !== b.counts.length) {
    throw new InvalidParameterError(
      api,
      "b.counts.length",
      `must equal a.counts.length (${a.counts.length})`,
      b.counts.length,
    );
  }
  if ((a.kind === "vector" || a.kind === "regression") && "dim" in b && a.dim !== b.dim) {
    throw new InvalidParameterError(api, "b.dim", `must equal a.dim (${a.dim})`, b.dim);
  }
  if (a.kind === "sequence" && b.kind === "sequence" && a.vocabSize !== b.vocabSize) {
    throw new InvalidParameterError(
      api,
      "b.vocabSize",
      `must equal a.vocabSize (${a.vocabSize})`,
      b.vocabSize,
    );
  }
}

function concatFloat(a: Float64Array, b: Float64Array): Float64Array {
  const out = allocFloat64(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * What the union of two regression data sets keeps of their metadata: the noise variance when
 * both parts agree; the design of whichever part has one (dropped if they have different ones).
 */
export function mergedRegressionMeta(
  a: RegressionData,
  b: RegressionData,
): Pick<RegressionData, "noiseVariance" | "design"> {
  return {
    ...(a.noiseVariance !== undefined && a.noiseVariance === b.noiseVariance
      ? { noiseVariance: a.noiseVariance }
      : {}),
    ...(a.design !== undefined && (b.design === undefined || b.design === a.design)
      ? { design: a.design }
      : a.design === undefined && b.design !== undefined
        ? { design: b.design }
        : {}),
  };
}

/** The union (multiset sum) of two data sets of the same kind and shape. */
export function concatData<D extends Dataset>(a: D, b: D): D {
  sameShape("concatData", a, b);
  switch (a.kind) {
    case "categorical": {
      const bc = (b as CategoricalData).counts;
      const counts = allocInt32(a.counts.length);
      for (let i = 0; i < counts.length; i++) counts[i] = a.counts[i] + bc[i];
      return { kind: "categorical", counts, size: a.size + (b as CategoricalData).size } as D;
    }
    case "real":
      return { kind: "real", values: concatFloat(a.values, (b as RealData).values) } as D;
    case "vector":
      return {
        kind: "vector",
        dim: a.dim,
        values: concatFloat(a.values, (b as VectorData).values),
      } as D;
    case "regression": {
      const r = b as RegressionData;
      return {
        kind: "regression",
        dim: a.dim,
        X: concatFloat(a.X, r.X),
        y: concatFloat(a.y, r.y),
        ...mergedRegressionMeta(a, r),
      } as D;
    }
    case "sequence":
      return concatSequences(a, b as SequenceData) as D;
  }
  throw new InvalidParameterError("concatData", "a.kind", "must be a known data kind", a);
}

/**
 * `n` distinct indices of {0, …, size−1}, uniformly at random, in selection order: a partial
 * Fisher–Yates shuffle over an index array (Knuth, TAOCP vol. 2, §3.4.2, Algorithm P).
 */
export function sampleWithoutReplacement(
  stream: RandomStream,
  size: number,
  n: number,
): Int32Array {
  assertInteger("sampleWithoutReplacement", "size", size, 0, 2 ** 31 - 1);
  assertInteger("sampleWithoutReplacement", "n", n, 0, size);
  const idx = allocInt32(size);
  for (let i = 0; i < size; i++) idx[i] = i;
  for (let i = 0; i < n; i++) {
    // uniformInt(stream, i, size − 1) without re-validating its bounds on every draw.
    const j = i + uniformIndexUnchecked(stream, size - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.subarray(0, n);
}

/**
 * n symbols drawn without replacement from categorical counts (a multivariate hypergeometric
 * draw): each draw picks a uniform position among the remaining samples and finds its symbol by
 * a Fenwick-tree prefix search (Fenwick 1994), then removes it — O(k + n log k), independent of
 * the pool size, so accumulate-subsample stays cheap however large the pool grows.
 */
function subsampleCounts(data: CategoricalData, n: number, stream: RandomStream): CategoricalData {
  const k = data.counts.length;
  const tree = allocFloat64(k + 1);
  for (let i = 0; i < k; i++) tree[i + 1] = data.counts[i];
  for (let i = 1; i <= k; i++) {
    const parent = i + (i & -i);
    if (parent <= k) tree[parent] += tree[i];
  }
  let top = 1;
  while (top * 2 <= k) top *= 2;
  const counts = allocInt32(k);
  let remaining = data.size;
  for (let j = 0; j < n; j++) {
    // Position r in [0, remaining): the symbol whose cumulative count first exceeds r.
    let r = uniformIndexUnchecked(stream, remaining); // uniformInt(stream, 0, remaining − 1)
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= k && tree[next] <= r) {
        pos = next;
        r -= tree[next];
      }
    }
    counts[pos]++;
    for (let i = pos + 1; i <= k; i += i & -i) tree[i]--;
    remaining--;
  }
  return { kind: "categorical", counts, size: n };
}

/**
 * A uniformly random subset of `n` samples drawn without replacement. For categorical counts
 * this is a multivariate hypergeometric draw (see {@link subsampleCounts}: O(k + n log k)). For token
 * sequences the units are sentences, not tokens (see {@link subsampleSequence}).
 */
export function subsampleData<D extends Dataset>(data: D, n: number, stream: RandomStream): D {
  const size = dataSize(data);
  assertInteger("subsampleData", "n", n, 0, size);
  if (data.kind === "sequence") return subsampleSequence(data, n, stream) as D;
  if (data.kind === "categorical") return subsampleCounts(data, n, stream) as D;
  return takeRows(data, sampleWithoutReplacement(stream, size, n));
}

/**
 * The rows `pick` (indices, in that order, repeats allowed) of real, vector or regression data —
 * the data kinds whose samples are rows. Regression keeps its noise variance and design.
 */
export function takeRows<D extends Dataset>(data: D, pick: ArrayLike<number>): D {
  const n = pick.length;
  const size = dataSize(data);
  for (let j = 0; j < n; j++) {
    if (!(Number.isInteger(pick[j]) && pick[j] >= 0 && pick[j] < size)) {
      throw new InvalidParameterError(
        "takeRows",
        `pick[${j}]`,
        `must be a row in [0, ${size})`,
        pick[j],
      );
    }
  }
  switch (data.kind) {
    case "real": {
      const values = allocFloat64(n);
      for (let j = 0; j < n; j++) values[j] = data.values[pick[j]];
      return { kind: "real", values } as D;
    }
    case "vector": {
      const d = data.dim;
      const values = allocFloat64(n * d);
      for (let j = 0; j < n; j++)
        values.set(data.values.subarray(pick[j] * d, pick[j] * d + d), j * d);
      return { kind: "vector", dim: d, values } as D;
    }
    case "regression": {
      const d = data.dim;
      const X = allocFloat64(n * d);
      const y = allocFloat64(n);
      for (let j = 0; j < n; j++) {
        X.set(data.X.subarray(pick[j] * d, pick[j] * d + d), j * d);
        y[j] = data.y[pick[j]];
      }
      return {
        kind: "regression",
        dim: d,
        X,
        y,
        ...(data.noiseVariance !== undefined ? { noiseVariance: data.noiseVariance } : {}),
        ...(data.design !== undefined ? { design: data.design } : {}),
      } as D;
    }
  }
  throw new InvalidParameterError(
    "takeRows",
    "data.kind",
    "must be real, vector or regression (data whose samples are rows)",
    data.kind,
  );
}

function concatSequences(a: SequenceData, b: SequenceData): SequenceData {
  const tokens = allocInt32(a.tokens.length + b.tokens.length);
  tokens.set(a.tokens);
  tokens.set(b.tokens, a.tokens.length);
  const starts = allocInt32(a.starts.length + b.starts.length);
  starts.set(a.starts);
  for (let i = 0; i < b.starts.length; i++)
    starts[a.starts.length + i] = b.starts[i] + a.tokens.length;
  return { kind: "sequence", vocabSize: a.vocabSize, tokens, starts };
}

/**
 * The complete sentences of sequence data, as token ranges [starts[j], ends[j]): each runs from a
 * segment start or the token after a `</s>` (symbol 0) through the next `</s>`, inclusive. A run
 * that reaches the end of its segment or of the data without a `</s>` — a sentence cut by the
 * end of a draw — is not complete and is left out.
 */
export function completeSentences(data: SequenceData): {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
} {
  const { tokens, starts: segments } = data;
  const starts: number[] = [];
  const ends: number[] = [];
  let segment = 0;
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (segment < segments.length && segments[segment] === i) {
      segment++;
      from = i; // a segment start begins a sentence (an unfinished one before it is dropped)
    }
    if (tokens[i] === 0) {
      starts.push(from);
      ends.push(i + 1);
      from = i + 1;
    }
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Sequence data of whole sentences (token arrays, each ending with `</s>`), in order, each its
 * own segment, the last one cut so the total is exactly `n` tokens (sentences beyond n unused).
 */
export function joinSentences(
  vocabSize: number,
  sentences: readonly Int32Array[],
  n: number,
): SequenceData {
  const tokens = allocInt32(n);
  const starts: number[] = [];
  let pos = 0;
  for (let j = 0; j < sentences.length && pos < n; j++) {
    const take = Math.min(sentences[j].length, n - pos);
    starts.push(pos);
    tokens.set(sentences[j].subarray(0, take), pos);
    pos += take;
  }
  if (pos < n) {
    throw new InvalidParameterError(
      "joinSentences",
      "sentences",
      `must hold >= ${n} tokens in all`,
      pos,
    );
  }
  return { kind: "sequence", vocabSize, tokens, starts: Int32Array.from(starts) };
}

/**
 * `n` tokens of a sequence data set, taken as whole sentences: the data is cut into sentence
 * units (a unit runs from a segment start or the token after a boundary `</s>` through the next
 * boundary or the segment's end), the units are put in a uniformly random order (a full
 * Fisher–Yates permutation, {@link sampleWithoutReplacement}), and taken in that order until `n`
 * tokens are reached; the last unit taken is cut to its first tokens so the total is exactly `n`.
 * Each unit becomes a segment of the result, so every segment still begins at a sentence start
 * and no n-gram spans two units. Sentences, not tokens, are the units so that real word order
 * survives subsampling (the `keep-original` and `accumulate-subsample` regimes).
 */
export function subsampleSequence(
  data: SequenceData,
  n: number,
  stream: RandomStream,
): SequenceData {
  const size = data.tokens.length;
  assertInteger("subsampleSequence", "n", n, 0, size);
  const unitStart: number[] = [];
  let segment = 0;
  for (let i = 0; i < size; i++) {
    if (segment < data.starts.length && data.starts[segment] === i) {
      segment++;
      unitStart.push(i);
    } else if (data.tokens[i - 1] === 0) {
      unitStart.push(i);
    }
  }
  const units = unitStart.length;
  const order = sampleWithoutReplacement(stream, units, units);
  const tokens = allocInt32(n);
  const starts: number[] = [];
  let pos = 0;
  for (let j = 0; j < units && pos < n; j++) {
    const u = order[j];
    const from = unitStart[u];
    const to = u + 1 < units ? unitStart[u + 1] : size;
    const take = Math.min(to - from, n - pos);
    starts.push(pos);
    tokens.set(data.tokens.subarray(from, from + take), pos);
    pos += take;
  }
  return { kind: "sequence", vocabSize: data.vocabSize, tokens, starts: Int32Array.from(starts) };
}

/**
 * The `n` best units of a data set by score (highest first; ties by position, so the result is
 * deterministic): rows of real, vector and regression data; for categorical counts the samples
 * of the best-scoring symbols (`scores` has one entry per symbol), taken until n are kept.
 * Quality filtering (`select`) keeps the most likely samples this way.
 */
export function keepBest<D extends Dataset>(data: D, scores: Float64Array, n: number): D {
  const units = data.kind === "categorical" ? data.counts.length : dataSize(data);
  if (scores.length !== units) {
    throw new InvalidParameterError(
      "keepBest",
      "scores.length",
      `must equal the number of ${data.kind === "categorical" ? "symbols" : "samples"} (${units})`,
      scores.length,
    );
  }
  assertInteger("keepBest", "n", n, 0, dataSize(data));
  const order = Array.from({ length: units }, (_, i) => i).sort((a, b) =>
    scores[b] > scores[a] ? 1 : scores[b] < scores[a] ? -1 : a - b,
  );
  switch (data.kind) {
    case "categorical": {
      const counts = allocInt32(units);
      let left = n;
      for (const i of order) {
        if (left === 0) break;
        const take = Math.min(left, data.counts[i]);
        counts[i] = take;
        left -= take;
      }
      return { kind: "categorical", counts, size: n } as D;
    }
    case "real": {
      const values = allocFloat64(n);
      for (let i = 0; i < n; i++) values[i] = data.values[order[i]];
      return { kind: "real", values } as D;
    }
    case "vector": {
      const d = data.dim;
      const values = allocFloat64(n * d);
      for (let i = 0; i < n; i++) {
        values.set(data.values.subarray(order[i] * d, order[i] * d + d), i * d);
      }
      return { kind: "vector", dim: d, values } as D;
    }
    case "regression": {
      const d = data.dim;
      const X = allocFloat64(n * d);
      const y = allocFloat64(n);
      for (let i = 0; i < n; i++) {
        X.set(data.X.subarray(order[i] * d, order[i] * d + d), i * d);
        y[i] = data.y[order[i]];
      }
      return {
        kind: "regression",
        dim: d,
        X,
        y,
        ...(data.noiseVariance !== undefined ? { noiseVariance: data.noiseVariance } : {}),
      } as D;
    }
  }
  throw new InvalidParameterError(
    "keepBest",
    "data.kind",
    "must be categorical, real, vector or regression (sequences are not filtered by sample)",
    data.kind,
  );
}
