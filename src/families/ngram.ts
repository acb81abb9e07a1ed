import type { SequenceData } from "../model/data.ts";
import type { NgramModel } from "../model/models.ts";
import { fitNgram } from "../model/ngram.ts";
import { assertInteger, assertNonNegative } from "../util/validate.ts";
import type { Family } from "./family.ts";

/** Options of {@link ngram}. */
export interface NgramConstraints {
  /**
   * n: a token is predicted from the n − 1 tokens before it in its sentence (2: bigram,
   * 3: trigram).
   * @defaultValue 2
   */
  order?: number;
  /**
   * Add-k (Lidstone) pseudo-count on every (context, symbol) pair: P(x | h) =
   * (c(h, x) + k)/(c(h) + kV). k = 0 is the MLE (Suresh et al.'s setting): a word that no
   * generation's sample contains is gone for good. k > 0 gives every symbol mass in every context,
   * so the vocabulary cannot collapse and held-out perplexity stays finite.
   * @defaultValue 0
   */
  k?: number;
}

/** Defaults of {@link ngram}, written once (the spec schema reads them). */
export const NGRAM_DEFAULTS = { order: 2, k: 0 } as const;

/**
 * n-gram language model family, `ngram:order=2|3,k=0`: fits the sentence-padded n-gram model with
 * add-k smoothing to token sequences (src/model/ngram.ts has the context and sampling rules).
 */
export function ngram(constraints: NgramConstraints = {}): Family<SequenceData, NgramModel> {
  const order = constraints.order ?? NGRAM_DEFAULTS.order;
  const k = constraints.k ?? NGRAM_DEFAULTS.k;
  assertInteger("ngram", "order", order, 2, 3);
  assertNonNegative("ngram", "k", k);
  return {
    id: "ngram",
    params: { order, k },
    dataKind: "sequence",
    modelKind: "ngram",
    fit: (data) => fitNgram(data, order, k),
  };
}
