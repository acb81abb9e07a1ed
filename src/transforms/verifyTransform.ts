import { concatData, type Dataset, dataSize, subsampleData, takeRows } from "../model/data.ts";
import { binomial } from "../sample/index.ts";
import { allocInt32 } from "../util/typedArrays.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { keepSentences } from "./keepSentences.ts";
import { rowValues } from "./rowValues.ts";
import type { TransformDefinition } from "./transform.ts";

/**
 * Draws per requested sample after which `verify` gives up: an acceptance rate below 1e-4
 * (e.g. b = 0 and a model that has lost the correct set) would otherwise loop for ever.
 */
export const VERIFY_MAX_DRAWS_PER_SAMPLE = 10_000;

const PARAMS = {
  a: {
    type: "number",
    default: 1,
    min: 0,
    max: 1,
    description: "probability of keeping a correct sample",
  },
  b: {
    type: "number",
    default: 0,
    min: 0,
    max: 1,
    description: "probability of keeping a wrong sample",
  },
  low: { type: "number", description: "correct when v(x) ≥ low (default: no lower end)" },
  high: { type: "number", description: "correct when v(x) ≤ high (default: no upper end)" },
} as const;

/**
 * The `verify` transform (Feng, Dohmatob, Yang, Charton & Kempe 2024, "Beyond model collapse"): a
 * verifier keeps each fresh draw x with probability a when it is correct, low ≤ v(x) ≤ high, and
 * b otherwise; draws continue until n are kept (rejection sampling). v is the symbol index of
 * categorical data, the value of real data, the first coordinate of vector data, the label of
 * regression data. The kept samples are i.i.d. from the model's law reweighted by a on the
 * correct set C and b off it: p'(x) = p(x)(a·1_C(x) + b·1_{C^c}(x)) / (a p(C) + b(1 − p(C)))
 * (docs/theory.md#verification-map).
 *
 * Each batch's kept samples are exchangeable, so when a batch overshoots, a uniformly random
 * subset of it (subsampleData) is exactly the first kept ones of a sequential loop.
 *
 * On sequence data (language models) the unit is the sentence, v(s) the mean symbol index of its
 * words ({@link sentenceValues}): each complete sentence of each batch is kept with probability a
 * or b, and the kept ones fill the n tokens ({@link keepSentences}).
 */
export const verifyTransform: TransformDefinition<typeof PARAMS> = {
  name: "verify",
  description:
    "verifier: keep a draw w.p. a if low ≤ v(x) ≤ high (v: symbol index, value, 1st coordinate, label; for text a sentence's mean word index), else w.p. b, until n kept",
  params: PARAMS,
  requires: [],
  dataKinds: ["categorical", "real", "vector", "regression", "sequence"],
  check(p) {
    if (p.a === 0 && p.b === 0) {
      throw new InvalidParameterError("verify", "a", "must be > 0 when b = 0 (nothing kept)", p.a);
    }
    if (p.low !== undefined && p.high !== undefined && !(p.low <= p.high)) {
      throw new InvalidParameterError("verify", "high", `must be ≥ low (${p.low})`, p.high);
    }
  },
  // At least 1/max(a, b) draws per kept sample; the exact rate depends on the model's p(C).
  drawsPerSample: (p) => 1 / Math.max(p.a, p.b),
  sample(draw, n, p, stream): Dataset {
    verifyTransform.check?.(p);
    const low = p.low ?? Number.NEGATIVE_INFINITY;
    const high = p.high ?? Number.POSITIVE_INFINITY;
    const keepProbability = (v: number) => (v >= low && v <= high ? p.a : p.b);
    const limit = VERIFY_MAX_DRAWS_PER_SAMPLE * Math.max(n, 1);
    // The first batch (the loop's own first size below) tells the data kind.
    let first: Dataset | undefined = draw(Math.ceil(1.1 * n) + 8);
    if (first.kind === "sequence") {
      return keepSentences("verify", first, draw, n, undefined, limit, ({ sentences, values }) =>
        sentences.filter((_, j) => stream.nextDouble() < keepProbability(values[j])),
      );
    }
    let kept: Dataset | undefined;
    let have = 0;
    let drawn = 0;
    while (kept === undefined || have < n) {
      if (drawn >= limit) {
        throw new InvalidParameterError(
          "verify",
          "a",
          `keeps too few draws: ${have} of ${n} kept after ${drawn} draws (acceptance < 1/${VERIFY_MAX_DRAWS_PER_SAMPLE}; raise a or b)`,
          p.a,
        );
      }
      const want = n - have;
      // Aim at the rate seen so far (at most 1), 10% over, so most generations need one batch.
      const rate = have === 0 ? 1 / Math.max(1, drawn) : have / drawn;
      const batch = Math.min(limit - drawn, Math.ceil((1.1 * want) / rate) + 8);
      const data = first ?? draw(batch);
      first = undefined;
      drawn += batch;
      let accepted: Dataset;
      if (data.kind === "categorical") {
        const counts = allocInt32(data.counts.length);
        let size = 0;
        for (let i = 0; i < counts.length; i++) {
          counts[i] = binomial(stream, data.counts[i], keepProbability(i));
          size += counts[i];
        }
        accepted = { kind: "categorical", counts, size };
      } else {
        const v = rowValues("verify", data);
        const pick: number[] = [];
        for (let i = 0; i < v.length; i++)
          if (stream.nextDouble() < keepProbability(v[i])) pick.push(i);
        accepted = takeRows(data, pick);
      }
      const size = dataSize(accepted);
      if (size > want) accepted = subsampleData(accepted, want, stream);
      kept = kept === undefined ? accepted : concatData(kept, accepted);
      have += Math.min(size, want);
    }
    return kept;
  },
};
