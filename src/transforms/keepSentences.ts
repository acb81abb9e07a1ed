import {
  completeSentences,
  type Dataset,
  joinSentences,
  type SequenceData,
} from "../model/data.ts";
import { allocFloat64 } from "../util/typedArrays.ts";
import { InvalidParameterError } from "../util/validate.ts";

/**
 * v(s) of each complete sentence of sequence data, the number the `curate` reward and the
 * `verify` correct set read off a sentence (its words, `</s>` excluded): the mean symbol index of
 * its words — symbols are numbered by training frequency, so v is a rarity score — or, with
 * `perSymbol` (one value per vocabulary symbol), the mean of perSymbol over its words; 0 for a
 * sentence without words.
 */
export function sentenceValues(
  api: string,
  data: SequenceData,
  sentences: { readonly starts: Int32Array; readonly ends: Int32Array },
  perSymbol: readonly number[] | undefined,
): Float64Array {
  if (perSymbol !== undefined && perSymbol.length !== data.vocabSize) {
    throw new InvalidParameterError(
      api,
      "rewards",
      `must give one value per vocabulary symbol (${data.vocabSize})`,
      perSymbol.length,
    );
  }
  const v = allocFloat64(sentences.starts.length);
  for (let j = 0; j < v.length; j++) {
    const words = sentences.ends[j] - 1 - sentences.starts[j];
    let sum = 0;
    for (let i = sentences.starts[j]; i < sentences.ends[j] - 1; i++) {
      const x = data.tokens[i];
      sum += perSymbol === undefined ? x : perSymbol[x];
    }
    v[j] = words > 0 ? sum / words : 0;
  }
  return v;
}

/** Smallest batch, in mean sentence lengths (see {@link keepSentences}). */
export const MIN_BATCH_SENTENCES = 64;

/** One batch's complete sentences, their tokens and their values. */
export interface SentenceBatch {
  readonly sentences: readonly Int32Array[];
  readonly values: Float64Array;
}

/**
 * The sentence loop of a sample-level transform on sequence data: n tokens of whole sentences
 * chosen from fresh draws. Each round cuts a batch of drawn tokens into complete sentences
 * ({@link completeSentences}: a draw starts a sentence and may end inside one, and that cut
 * sentence is dropped) and passes them with their values ({@link sentenceValues}) to `choose`,
 * which returns the ones to keep, in order; rounds repeat until n tokens are kept, and the result
 * is those sentences, each its own segment, the last cut to make exactly n tokens
 * ({@link joinSentences}). A batch is sized by the kept-per-drawn rate so far, 10% over, and at
 * least {@link MIN_BATCH_SENTENCES} mean sentence lengths; twice the last one when that kept
 * nothing (a batch shorter than a sentence never completes one).
 *
 * Dropping the cut sentence weights a sentence of length L by 1 − L/(batch length): a bias of
 * order L/(batch length), at most ≈ 1/{@link MIN_BATCH_SENTENCES} for a sentence of mean length,
 * as in any sampler with a token budget (`seq-ppl` drops the cut sentence too).
 *
 * @param first - the first batch, already drawn (its kind decided the transform's branch)
 * @param maxTokens - drawn tokens after which the loop gives up with a named error
 */
export function keepSentences(
  api: string,
  first: SequenceData,
  draw: (count: number) => Dataset,
  n: number,
  perSymbol: readonly number[] | undefined,
  maxTokens: number,
  choose: (batch: SentenceBatch) => readonly Int32Array[],
): SequenceData {
  const kept: Int32Array[] = [];
  let have = 0;
  let drawn = first.tokens.length;
  let last = Math.max(1, drawn);
  let sentenceTokens = 0;
  let sentenceCount = 0;
  let data: SequenceData = first;
  for (;;) {
    const before = have;
    const cut = completeSentences(data);
    for (let j = 0; j < cut.starts.length; j++) sentenceTokens += cut.ends[j] - cut.starts[j];
    sentenceCount += cut.starts.length;
    // Views on the batch (never reused by the draw), copied once into the result.
    const sentences = Array.from(cut.starts, (from, j) => data.tokens.subarray(from, cut.ends[j]));
    for (const s of choose({
      sentences,
      values: sentenceValues(api, data, cut, perSymbol),
    })) {
      kept.push(s);
      have += s.length;
    }
    if (have >= n) return joinSentences(first.vocabSize, kept, n);
    if (drawn >= maxTokens) {
      throw new InvalidParameterError(
        api,
        "model",
        `gives too few kept sentences: ${have} of ${n} tokens kept after ${drawn} drawn (does it end sentences with </s>?)`,
        first.vocabSize,
      );
    }
    const meanLength = sentenceCount > 0 ? sentenceTokens / sentenceCount : 1;
    const wanted =
      have === before
        ? 2 * last
        : Math.max(
            Math.ceil((1.1 * (n - have) * drawn) / Math.max(have, 1)),
            Math.ceil(MIN_BATCH_SENTENCES * meanLength),
          );
    const count = Math.min(maxTokens - drawn, Math.max(1, wanted));
    last = count;
    const next = draw(count);
    if (next.kind !== "sequence") {
      throw new InvalidParameterError(api, "draw", "must keep returning sequence data", next.kind);
    }
    drawn += count;
    data = next;
  }
}
