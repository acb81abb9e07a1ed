/**
 * Categorical sampling in O(1) per draw by Walker's alias method, built with Vose's numerically
 * stable construction (M. D. Vose, "A linear algorithm for generating random numbers with a given
 * distribution", IEEE Trans. Software Eng. 17(9), 1991; the "small/large worklist" form).
 *
 * Construction: with q_i = k·p_i / Σp, cells with q_i < 1 ("small") are paired with cells with
 * q_i ≥ 1 ("large"): the small cell keeps probability q_i and aliases the large one, whose excess
 * shrinks to (q_g + q_l) − 1. Cells left over when one list runs dry are, in exact arithmetic,
 * exactly 1; rounding can leave them a few ulps off, so they get probability exactly 1 (Vose's
 * fix), never a cell of probability 0 (its deficit would be a whole unit, not rounding).
 *
 * Draw: one 53-bit uniform u ({@link RandomStream.nextDouble}); column c = ⌊u·k⌋, coin
 * f = u·k − c (53 − ⌈log₂ k⌉ bits of resolution); return c if f < prob[c], else alias[c].
 */
import type { RandomStream } from "../rng/randomStream.ts";
import { assertProbabilityVector, InvalidParameterError } from "../util/validate.ts";

/** Largest supported number of categories: 2^31 − 1 (results are stored in Int32Array). */
export const ALIAS_TABLE_MAX_SIZE = 2147483647;

/** An alias-table sampler over {0, …, size − 1}. */
export interface AliasTable {
  /** Number of categories k. */
  readonly size: number;
  /**
   * The distribution the table samples from: the p it was built from divided by its sum
   * (a copy; mutating it does not change the table).
   */
  readonly probabilities: Float64Array;
  /**
   * The distribution the table actually encodes, reconstructed from its columns:
   * P(i) = (prob[i] + Σ_{j : alias[j] = i} (1 − prob[j]))/k. Equal to `probabilities` up to
   * rounding; for verification.
   */
  impliedProbabilities(): Float64Array;
  /** One draw: a category index in [0, size). Consumes one 53-bit uniform. */
  sample(stream: RandomStream): number;
  /** Fills `out` with independent draws (exactly `out.length` successive `sample` calls). */
  fill(stream: RandomStream, out: Int32Array): Int32Array;
}

class VoseAliasTable implements AliasTable {
  readonly size: number;
  readonly probabilities: Float64Array;
  readonly #prob: Float64Array;
  readonly #alias: Int32Array;

  constructor(p: ArrayLike<number>) {
    const k = p.length;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += p[i];
    const probabilities = new Float64Array(k);
    for (let i = 0; i < k; i++) probabilities[i] = p[i] / sum;
    const q = new Float64Array(k);
    for (let i = 0; i < k; i++) q[i] = (p[i] * k) / sum;
    const prob = new Float64Array(k);
    const alias = new Int32Array(k);
    // Two stacks sharing one buffer: small grows from the front, large from the back.
    const work = new Int32Array(k);
    let nSmall = 0;
    let nLarge = 0;
    for (let i = 0; i < k; i++) {
      if (q[i] < 1) work[nSmall++] = i;
      else work[k - 1 - nLarge++] = i;
    }
    while (nSmall > 0 && nLarge > 0) {
      const l = work[--nSmall];
      const g = work[k - nLarge];
      prob[l] = q[l];
      alias[l] = g;
      const rest = q[g] + q[l] - 1;
      q[g] = rest;
      if (rest < 1) {
        nLarge--;
        work[nSmall++] = g;
      }
    }
    while (nLarge > 0) {
      const g = work[k - nLarge--];
      prob[g] = 1;
      alias[g] = g;
    }
    while (nSmall > 0) {
      const l = work[--nSmall];
      prob[l] = 1;
      alias[l] = l;
    }
    this.size = k;
    this.probabilities = probabilities;
    this.#prob = prob;
    this.#alias = alias;
  }

  impliedProbabilities(): Float64Array {
    const k = this.size;
    const out = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      out[j] += this.#prob[j];
      if (this.#alias[j] !== j) out[this.#alias[j]] += 1 - this.#prob[j];
    }
    for (let j = 0; j < k; j++) out[j] /= k;
    return out;
  }

  sample(stream: RandomStream): number {
    const k = this.size;
    const x = stream.nextDouble() * k;
    let c = Math.floor(x);
    if (c >= k) c = k - 1;
    return x - c < this.#prob[c] ? c : this.#alias[c];
  }

  fill(stream: RandomStream, out: Int32Array): Int32Array {
    if (!(out instanceof Int32Array)) {
      throw new InvalidParameterError("AliasTable.fill", "out", "must be an Int32Array", out);
    }
    const k = this.size;
    const prob = this.#prob;
    const alias = this.#alias;
    for (let i = 0; i < out.length; i++) {
      const x = stream.nextDouble() * k;
      let c = Math.floor(x);
      if (c >= k) c = k - 1;
      out[i] = x - c < prob[c] ? c : alias[c];
    }
    return out;
  }
}

/**
 * Builds an alias table for the categorical distribution p over {0, …, p.length − 1}: p must be
 * a probability vector (entries finite and ≥ 0, summing to 1 within 1e-9; it is renormalised by
 * its computed sum). O(k) time and memory; O(1) per draw. Zero-probability categories are never
 * drawn.
 */
export function createAliasTable(p: ArrayLike<number>): AliasTable {
  const api = "createAliasTable";
  assertProbabilityVector(api, "p", p);
  if (p.length > ALIAS_TABLE_MAX_SIZE) {
    throw new InvalidParameterError(
      api,
      "p.length",
      `must be at most ${ALIAS_TABLE_MAX_SIZE}`,
      p.length,
    );
  }
  return new VoseAliasTable(p);
}
