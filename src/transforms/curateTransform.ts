import { type Dataset, takeRows } from "../model/data.ts";
import type { RandomStream } from "../rng/index.ts";
import { uniformIndexUnchecked } from "../sample/uniformInt.ts";
import { allocFloat64, allocInt32 } from "../util/typedArrays.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { keepSentences } from "./keepSentences.ts";
import { rowValues } from "./rowValues.ts";
import type { TransformDefinition } from "./transform.ts";

const PARAMS = {
  k: {
    type: "integer",
    default: 2,
    min: 1,
    max: 64,
    description: "draws per kept sample (k = 1: no curation)",
  },
  beta: { type: "number", default: 1, description: "reward scale: r(x) = beta·v(x)" },
  rewards: {
    type: "list",
    description:
      "categorical: v(i) = rewards[i] (one per symbol) instead of the index i; sequence: one per vocabulary symbol, v(sentence) = mean over its words",
  },
} as const;

/**
 * Drawn tokens per kept token (× K) after which curation of sequence data gives up: a model that
 * never ends a sentence with `</s>` yields no complete sentence to choose from.
 */
export const CURATE_MAX_DRAWS_PER_TOKEN = 100;

/** Index in [0, w.length) drawn with probability ∝ w (w ≥ 0, some w > 0). */
function choose(stream: RandomStream, w: Float64Array): number {
  let total = 0;
  for (let j = 0; j < w.length; j++) total += w[j];
  let u = stream.nextDouble() * total;
  for (let j = 0; j < w.length - 1; j++) {
    u -= w[j];
    if (u < 0) return j;
  }
  return w.length - 1;
}

/** Bradley–Terry weights e^{r_j − max r} of the K rewards of one choice (the largest is 1). */
function choiceWeights(rewards: Float64Array, w: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < rewards.length; j++) if (rewards[j] > max) max = rewards[j];
  for (let j = 0; j < rewards.length; j++) w[j] = Math.exp(rewards[j] - max);
  return w;
}

function checkReward(r: number, where: string): number {
  if (!Number.isFinite(r)) {
    throw new InvalidParameterError("curate", "reward", `must be finite (at ${where})`, r);
  }
  return r;
}

/**
 * The `curate` transform (Ferbach, Bertrand, Bose & Gidel, NeurIPS 2024): each kept sample is the
 * choice among K fresh draws X_1…X_K made with probability e^{r(X_j)}/Σ_l e^{r(X_l)} (the
 * K-wise Bradley–Terry / Plackett–Luce choice of a user with reward r), repeated until the
 * training set has its n samples (K·n draws). The reward is r(x) = β·v(x): v is the value of
 * real data, the first coordinate of vector data, the label of regression data, and for
 * categorical data the symbol index i or, with `rewards`, rewards[i].
 *
 * For a categorical model p the kept law is exactly
 * p'(x) = K p(x) E[e^{r(x)}/(e^{r(x)} + Σ_{j<K} e^{r(Y_j)})], Y_j i.i.d. ~ p
 * (docs/theory.md#curation-map), and E_{p'}[e^r] ≥ E_p[e^r].
 *
 * Categorical draws come as counts; the K·n symbols are put in uniformly random order (a
 * Fisher–Yates shuffle), which makes consecutive K-tuples i.i.d. draws again.
 *
 * On sequence data (language models) the unit is the sentence: each batch of draws is cut into
 * complete sentences, consecutive K-tuples of them are chosen from by their rewards
 * r(s) = β·v(s), v(s) the mean symbol index of the sentence's words (or the mean of `rewards`
 * over them; {@link sentenceValues}), and the kept sentences fill the n tokens
 * ({@link keepSentences}; a tuple left incomplete at a batch's end is discarded).
 */
export const curateTransform: TransformDefinition<typeof PARAMS> = {
  name: "curate",
  description:
    "K-wise curation: of k draws keep one w.p. ∝ e^{r(x)}, r = beta·v (v: value, 1st coordinate, label, symbol index or rewards[i]; for text a sentence's mean word index or rewards)",
  params: PARAMS,
  requires: [],
  dataKinds: ["categorical", "real", "vector", "regression", "sequence"],
  drawsPerSample: (params) => params.k,
  sample(draw, n, params, stream): Dataset {
    const K = params.k;
    const beta = params.beta;
    const listed = params.rewards;
    if (K === 1) return draw(n);
    const data = draw(K * n);
    const rewards = allocFloat64(K);
    const w = allocFloat64(K);
    if (data.kind === "sequence") {
      return keepSentences(
        "curate",
        data,
        draw,
        n,
        listed,
        CURATE_MAX_DRAWS_PER_TOKEN * K * Math.max(n, 1),
        ({ sentences, values }) => {
          const chosen: Int32Array[] = [];
          for (let g = 0; g + K <= sentences.length; g += K) {
            for (let j = 0; j < K; j++) {
              rewards[j] = checkReward(beta * values[g + j], `sentence ${g + j}`);
            }
            chosen.push(sentences[g + choose(stream, choiceWeights(rewards, w))]);
          }
          return chosen;
        },
      );
    }
    if (data.kind === "categorical") {
      const symbols = data.counts.length;
      if (listed !== undefined && listed.length !== symbols) {
        throw new InvalidParameterError(
          "curate",
          "rewards",
          `must give one reward per symbol (${symbols})`,
          listed.join("/"),
        );
      }
      const rewardOf = Float64Array.from({ length: symbols }, (_, i) =>
        checkReward(beta * (listed === undefined ? i : listed[i]), `symbol ${i}`),
      );
      const order = allocInt32(K * n);
      let at = 0;
      for (let i = 0; i < symbols; i++) {
        order.fill(i, at, at + data.counts[i]);
        at += data.counts[i];
      }
      for (let i = order.length - 1; i > 0; i--) {
        const j = uniformIndexUnchecked(stream, i + 1); // uniformInt(stream, 0, i)
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      const counts = allocInt32(symbols);
      for (let s = 0; s < n; s++) {
        for (let j = 0; j < K; j++) rewards[j] = rewardOf[order[s * K + j]];
        counts[order[s * K + choose(stream, choiceWeights(rewards, w))]]++;
      }
      return { kind: "categorical", counts, size: n };
    }
    if (listed !== undefined) {
      throw new InvalidParameterError(
        "curate",
        "rewards",
        `is for categorical data only (this model samples ${data.kind} data)`,
        listed.join("/"),
      );
    }
    const v = rowValues("curate", data);
    const pick = allocInt32(n);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < K; j++) rewards[j] = checkReward(beta * v[s * K + j], `row ${s * K + j}`);
      pick[s] = s * K + choose(stream, choiceWeights(rewards, w));
    }
    return takeRows(data, pick);
  },
};
