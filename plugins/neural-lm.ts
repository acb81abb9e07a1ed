/**
 * A neural language model as a plug-in, written only against the public API
 * (`collapse-harness/engine`), the way a user adds a family: model kind `neural-lm`, family
 * `neural-lm`. Registered for the project by package.json (`collapse.plugins`).
 *
 * Model (Bengio, Ducharme, Vincent & Jauvin, "A neural probabilistic language model", JMLR 3,
 * 2003, with Goodman's class-factored softmax, "Classes for fast maximum entropy training",
 * ICASSP 2001, frequency-binned as in Mikolov et al., "Extensions of recurrent neural network
 * language model", ICASSP 2011):
 *
 *   x = [E[c₁]; …; E[c_n]]            the embeddings of the n previous words (oldest first)
 *   h = tanh(W₁x + b₁)                one hidden layer of H units
 *   P(u | context) = softmax(W_c h + b_c)[class(u)] · softmax_{v ∈ class(u)}(W_o[v]·h + b_o[v])[u]
 *
 * Output units: `</s>`, the V most frequent words of the training set among those seen at least
 * `minCount` times (ties: lower symbol first), and `<unk>`, ordered by decreasing training count and cut into C = ⌈N/S⌉ classes of S = ⌈√N⌉
 * consecutive units (N units), so one prediction costs O((C + S)·H) instead of O(N·H). The model
 * is a proper law over the truth's K symbols: `<unk>` spreads its probability uniformly over the
 * K − (N − 1) symbols without a unit of their own (the same rule as add-k's common rest mass),
 * so held-out perplexity is finite and comparable across generations whose vocabularies differ,
 * and sampling `<unk>` emits one of those symbols uniformly at random. When every symbol has a
 * unit there is no `<unk>` unit.
 *
 * Context rule (the n-gram kind's): the context of a token is the n tokens before it in its
 * sentence, padded on the left with `</s>`; a sentence starts at a segment start and right after
 * a `</s>`; a symbol without a unit enters contexts as `<unk>`.
 *
 * Training (a fixed schedule, every choice below a documented parameter): mean cross-entropy
 * over every token of the training set in its context; `epochs` passes, each over the tokens in
 * a fresh uniformly random order (Fisher–Yates on the fit's stream), in mini-batches of `batch`
 * tokens; Adam (Kingma & Ba, ICLR 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8, step `lr`) with lazy
 * sparse updates for the embedding and output rows (a row's moments and weights change only in
 * the steps whose batch touched it — TensorFlow's LazyAdam), dense for W₁, b₁, W_c, b_c.
 * Initialisation: E uniform on ±0.1; W₁, W_c, W_o Glorot-uniform (±√(6/(fan_in + fan_out)));
 * biases 0; b_c and b_o start at the log-frequencies of the training units (classes and units
 * within their class), so training starts from the unigram law. All randomness comes from the
 * fit's stream, so a fit is bit-identical for the same stream, on any worker.
 *
 * Generation procedures (`init`):
 * - `scratch`: every generation is trained anew (fresh initialisation, vocabulary from its own
 *   training set) for `epochs` epochs.
 * - `base` (Shumailov et al., Nature 631, 2024: each generation fine-tuned from the same
 *   pretrained model): generation 1, trained from scratch on real text, is the base; every later
 *   generation starts from the base's weights and vocabulary and is fine-tuned for `tuneEpochs`
 *   epochs on its training set (fresh Adam state). The base travels in the models (`base`), read
 *   through the `previous` model the chain passes to `fit`.
 * - `previous`: like `base`, but fine-tuned from the previous generation's weights (continual
 *   fine-tuning).
 *
 * Kernels: hand-written loops on Float64Array, every buffer allocated once per fit (no
 * allocation per step); dot products run four outputs at a time (independent sums, each in index
 * order, so the values are those of one sum at a time). `npm run bench` prints the training time per generation. Kept over a
 * tensor library after measuring the same model and step (gather, tanh layer, class-factored
 * softmax, Adam, batch 32) in TensorFlow.js 4.22 on this machine: its WebAssembly backend has no
 * kernel for the gradient of `gather` (UnsortedSegmentSum), so it cannot train embeddings, and
 * its pure-JavaScript CPU backend took ≈ 4.7 s of CPU per 32-token batch against ≈ 0.7 ms here.
 */
import {
  defineFamily,
  defineModelKind,
  InvalidParameterError,
  type RandomStream,
  type SequenceData,
  uniformInt,
} from "collapse-harness/engine";

/** Adam's constants (Kingma & Ba's defaults). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPS = 1e-8;
/** Half-width of the uniform initialisation of the embeddings. */
const EMBEDDING_INIT = 0.1;
/** The sentence boundary `</s>` is symbol 0 in every sequence data set. */
const BOUNDARY_SYMBOL = 0;

/** Architecture and training schedule of a neural language model (see the module comment). */
export interface NeuralLmConstraints {
  /** V: the most frequent training words that get an output unit. @defaultValue 1000 */
  readonly vocab?: number;
  /**
   * Fewest training occurrences a word needs for a unit of its own. At 2, words seen once become
   * `<unk>`, so `<unk>`'s share is trained to the singleton rate — the Good–Turing estimate of
   * the mass of unseen words (Good, Biometrika 40, 1953) — instead of to 0. @defaultValue 2
   */
  readonly minCount?: number;
  /** n: previous words the model reads. @defaultValue 3 */
  readonly context?: number;
  /** d: embedding size. @defaultValue 16 */
  readonly dim?: number;
  /** H: hidden units. @defaultValue 32 */
  readonly hidden?: number;
  /** Passes over the training set when training from scratch. @defaultValue 3 */
  readonly epochs?: number;
  /** Passes over the training set when fine-tuning (init base or previous). @defaultValue 2 */
  readonly tuneEpochs?: number;
  /** Tokens per mini-batch. @defaultValue 32 */
  readonly batch?: number;
  /** Adam's step size. @defaultValue 0.005 */
  readonly lr?: number;
  /** Generation procedure: scratch, base (fine-tune the base) or previous. @defaultValue "scratch" */
  readonly init?: NeuralLmInit;
}

/** How a generation's training starts (see the module comment). */
export type NeuralLmInit = "scratch" | "base" | "previous";

/** The defaults, written once (the family's parameter schema reads them). */
export const NEURAL_LM_DEFAULTS = {
  vocab: 1000,
  minCount: 2,
  context: 3,
  dim: 16,
  hidden: 32,
  epochs: 3,
  tuneEpochs: 2,
  batch: 32,
  lr: 0.005,
  init: "scratch",
} as const satisfies Required<NeuralLmConstraints>;

type Config = { readonly [K in keyof NeuralLmConstraints]-?: NeuralLmConstraints[K] & {} };

const LIMITS = {
  vocab: [1, 2 ** 20],
  minCount: [1, 2 ** 31 - 1],
  context: [1, 16],
  dim: [1, 1024],
  hidden: [1, 4096],
  epochs: [1, 10_000],
  tuneEpochs: [1, 10_000],
  batch: [1, 2 ** 20],
} as const;

/** Validated constraints with defaults filled; a named error for a bad value. */
export function neuralLmConfig(constraints: NeuralLmConstraints = {}): Config {
  const api = "neural-lm";
  const c = { ...NEURAL_LM_DEFAULTS, ...constraints } as Config;
  for (const [key, [lo, hi]] of Object.entries(LIMITS)) {
    const v = c[key as keyof typeof LIMITS];
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new InvalidParameterError(api, key, `must be an integer in [${lo}, ${hi}]`, v);
    }
  }
  if (!(Number.isFinite(c.lr) && c.lr > 0)) {
    throw new InvalidParameterError(api, "lr", "must be a finite number > 0", c.lr);
  }
  if (!["scratch", "base", "previous"].includes(c.init)) {
    throw new InvalidParameterError(api, "init", "must be scratch, base or previous", c.init);
  }
  return c;
}

/** A fitted neural language model (plain data plus its weights). */
export interface NeuralLmModel {
  readonly kind: "neural-lm";
  /** K: the symbols of the data (the truth's vocabulary, `</s>` = 0). */
  readonly vocabSize: number;
  /** n, d, H. */
  readonly context: number;
  readonly dim: number;
  readonly hidden: number;
  /** N output units, S units per class, C classes. */
  readonly units: number;
  readonly classSize: number;
  readonly classes: number;
  /** Unit → symbol (−1 for `<unk>`). */
  readonly unitSymbol: Int32Array;
  /** Symbol → unit (`<unk>`'s unit for a symbol without one). */
  readonly symbolUnit: Int32Array;
  /** The `<unk>` unit, −1 when every symbol has a unit. */
  readonly unkUnit: number;
  /** The symbols without a unit, ascending (what `<unk>` stands for). */
  readonly unknownSymbols: Int32Array;
  /** E, W₁, b₁, W_c, b_c, W_o, b_o, flat (offsets: {@link layout}). */
  readonly weights: Float64Array;
  /** The base model a fine-tuned generation started from (init base). */
  readonly base?: NeuralLmModel;
  /** A transform of every next-unit law (temperature, top-k, top-p), applied when sampling. */
  readonly map?: (p: Float64Array) => Float64Array;
}

/** Offsets of the weight blocks in the flat array. */
interface Layout {
  readonly E: number;
  readonly W1: number;
  readonly b1: number;
  readonly Wc: number;
  readonly bc: number;
  readonly Wo: number;
  readonly bo: number;
  readonly size: number;
}

type Shape = Pick<NeuralLmModel, "units" | "classes" | "context" | "dim" | "hidden">;

/** The offsets of E (N×d), W₁ (H×nd), b₁ (H), W_c (C×H), b_c (C), W_o (N×H), b_o (N). */
export function layout(s: Shape): Layout {
  const E = 0;
  const W1 = E + s.units * s.dim;
  const b1 = W1 + s.hidden * s.context * s.dim;
  const Wc = b1 + s.hidden;
  const bc = Wc + s.classes * s.hidden;
  const Wo = bc + s.classes;
  const bo = Wo + s.units * s.hidden;
  return { E, W1, b1, Wc, bc, Wo, bo, size: bo + s.units };
}

/** Training counts of every symbol. */
function symbolCounts(data: SequenceData): Float64Array {
  const counts = new Float64Array(data.vocabSize);
  for (let i = 0; i < data.tokens.length; i++) counts[data.tokens[i]]++;
  return counts;
}

/**
 * The unit structure of a model trained on `data`: `</s>`, the `vocab` most frequent words seen
 * at least `minCount` times (ties: lower symbol first) and `<unk>` (if some symbol is left without a unit), ordered by
 * decreasing training count (`<unk>` counts every token without a unit; ties: lower symbol
 * first, `<unk>` last), cut into classes of S = ⌈√N⌉ units.
 */
function vocabulary(
  data: SequenceData,
  vocab: number,
  minCount: number,
): Pick<
  NeuralLmModel,
  | "vocabSize"
  | "units"
  | "classSize"
  | "classes"
  | "unitSymbol"
  | "symbolUnit"
  | "unkUnit"
  | "unknownSymbols"
> {
  const K = data.vocabSize;
  const counts = symbolCounts(data);
  const seen: number[] = [];
  for (let s = 1; s < K; s++) if (counts[s] >= minCount) seen.push(s);
  seen.sort((a, b) => counts[b] - counts[a] || a - b);
  const words = seen.slice(0, vocab);
  const hasUnit = new Uint8Array(K);
  hasUnit[BOUNDARY_SYMBOL] = 1;
  for (const s of words) hasUnit[s] = 1;
  let unkCount = 0;
  for (let s = 0; s < K; s++) if (!hasUnit[s]) unkCount += counts[s];
  const unknown = K - 1 - words.length;
  const UNK = -1;
  const order: number[] = [BOUNDARY_SYMBOL, ...words];
  if (unknown > 0) order.push(UNK);
  const countOf = (s: number) => (s === UNK ? unkCount : counts[s]);
  order.sort((a, b) => countOf(b) - countOf(a) || (a === UNK ? 1 : b === UNK ? -1 : a - b));
  const N = order.length;
  const unitSymbol = Int32Array.from(order);
  const unkUnit = unitSymbol.indexOf(UNK);
  const symbolUnit = new Int32Array(K).fill(unkUnit);
  for (let u = 0; u < N; u++) if (unitSymbol[u] >= 0) symbolUnit[unitSymbol[u]] = u;
  const unknownSymbols = new Int32Array(unknown);
  for (let s = 0, j = 0; s < K; s++) if (!hasUnit[s]) unknownSymbols[j++] = s;
  const S = Math.ceil(Math.sqrt(N));
  return {
    vocabSize: K,
    units: N,
    classSize: S,
    classes: Math.ceil(N / S),
    unitSymbol,
    symbolUnit,
    unkUnit,
    unknownSymbols,
  };
}

/** A freshly initialised model for `data` (see the module comment for the initialisation). */
export function initNeuralLm(
  data: SequenceData,
  constraints: NeuralLmConstraints,
  stream: RandomStream,
): NeuralLmModel {
  const c = neuralLmConfig(constraints);
  const v = vocabulary(data, c.vocab, c.minCount);
  const shape = { ...v, context: c.context, dim: c.dim, hidden: c.hidden };
  const L = layout(shape);
  const w = new Float64Array(L.size);
  const uniformFill = (from: number, count: number, half: number) => {
    for (let i = 0; i < count; i++) w[from + i] = (2 * stream.nextDouble() - 1) * half;
  };
  const nd = c.context * c.dim;
  uniformFill(L.E, v.units * c.dim, EMBEDDING_INIT);
  uniformFill(L.W1, c.hidden * nd, Math.sqrt(6 / (nd + c.hidden)));
  uniformFill(L.Wc, v.classes * c.hidden, Math.sqrt(6 / (c.hidden + v.classes)));
  uniformFill(L.Wo, v.units * c.hidden, Math.sqrt(6 / (c.hidden + v.classSize)));
  // Biases start at the training log-frequencies (+½ so no unit starts at −∞).
  const counts = symbolCounts(data);
  const unitCount = new Float64Array(v.units);
  for (let s = 0; s < data.vocabSize; s++) unitCount[v.symbolUnit[s]] += counts[s];
  for (let k = 0; k < v.classes; k++) {
    let total = 0;
    const end = Math.min(v.units, (k + 1) * v.classSize);
    for (let u = k * v.classSize; u < end; u++) total += unitCount[u] + 0.5;
    w[L.bc + k] = Math.log(total);
    for (let u = k * v.classSize; u < end; u++)
      w[L.bo + u] = Math.log((unitCount[u] + 0.5) / total);
  }
  return { kind: "neural-lm", ...shape, weights: w };
}

/** The unit of every token and the offset where each token's context starts (the rule above). */
interface Examples {
  /** contexts[i·n … i·n + n − 1]: the units before token i, oldest first. */
  readonly contexts: Int32Array;
  readonly targets: Int32Array;
}

function examples(model: NeuralLmModel, data: SequenceData): Examples {
  const n = model.context;
  const T = data.tokens.length;
  const contexts = new Int32Array(T * n);
  const targets = new Int32Array(T);
  const pad = model.symbolUnit[BOUNDARY_SYMBOL];
  const window = new Int32Array(n).fill(pad);
  let segment = 0;
  for (let i = 0; i < T; i++) {
    if (segment < data.starts.length && data.starts[segment] === i) {
      segment++;
      window.fill(pad);
    }
    contexts.set(window, i * n);
    const x = data.tokens[i];
    const u = model.symbolUnit[x];
    targets[i] = u;
    if (x === BOUNDARY_SYMBOL) window.fill(pad);
    else {
      window.copyWithin(0, 1);
      window[n - 1] = u;
    }
  }
  return { contexts, targets };
}

/**
 * One output row's share of the backward pass: grad[row…row+H) += g·h and dh += g·w[row…row+H).
 * A function of its own (monomorphic, typed-array arguments) so V8 compiles the inner loop once.
 */
function backRow(
  grad: Float64Array,
  w: Float64Array,
  h: Float64Array,
  dh: Float64Array,
  row: number,
  H: number,
  g: number,
): void {
  // Unrolled by 4 (each element still gets exactly one update: the same results).
  let r = 0;
  for (; r + 4 <= H; r += 4) {
    const i = row + r;
    grad[i] += g * h[r];
    grad[i + 1] += g * h[r + 1];
    grad[i + 2] += g * h[r + 2];
    grad[i + 3] += g * h[r + 3];
    dh[r] += g * w[i];
    dh[r + 1] += g * w[i + 1];
    dh[r + 2] += g * w[i + 2];
    dh[r + 3] += g * w[i + 3];
  }
  for (; r < H; r++) {
    grad[row + r] += g * h[r];
    dh[r] += g * w[row + r];
  }
}

/**
 * The forward and backward kernels of one model shape, with every work buffer allocated once.
 * `hidden(contexts, offset)` fills `h`; `classLaw()` fills `pc`; `wordLaw(k)` fills `pw` with the
 * law within class k; `backward(…)` adds the example's gradient, scaled, into `grad`.
 */
class Kernels {
  readonly L: Layout;
  readonly x: Float64Array;
  readonly h: Float64Array;
  readonly pc: Float64Array;
  readonly pw: Float64Array;
  readonly dh: Float64Array;
  readonly full: Float64Array;

  constructor(
    readonly m: NeuralLmModel,
    readonly w: Float64Array,
  ) {
    this.L = layout(m);
    this.x = new Float64Array(m.context * m.dim);
    this.h = new Float64Array(m.hidden);
    this.pc = new Float64Array(m.classes);
    this.pw = new Float64Array(m.classSize);
    this.dh = new Float64Array(m.hidden);
    this.full = new Float64Array(m.units);
  }

  /** x and h = tanh(W₁x + b₁) for the context at contexts[offset …]. */
  hidden(contexts: Int32Array, offset: number): void {
    const { w, x, h, L } = this;
    const { dim: d, context: n, hidden: H } = this.m;
    for (let j = 0; j < n; j++) {
      const e = L.E + contexts[offset + j] * d;
      for (let k = 0; k < d; k++) x[j * d + k] = w[e + k];
    }
    const nd = n * d;
    // Four units at a time: four independent sums (each still added in k order, so the same
    // results) instead of one chain of dependent additions.
    let r = 0;
    for (; r + 4 <= H; r += 4) {
      let a0 = w[L.b1 + r];
      let a1 = w[L.b1 + r + 1];
      let a2 = w[L.b1 + r + 2];
      let a3 = w[L.b1 + r + 3];
      const row0 = L.W1 + r * nd;
      const row1 = row0 + nd;
      const row2 = row1 + nd;
      const row3 = row2 + nd;
      for (let k = 0; k < nd; k++) {
        const xk = x[k];
        a0 += w[row0 + k] * xk;
        a1 += w[row1 + k] * xk;
        a2 += w[row2 + k] * xk;
        a3 += w[row3 + k] * xk;
      }
      h[r] = Math.tanh(a0);
      h[r + 1] = Math.tanh(a1);
      h[r + 2] = Math.tanh(a2);
      h[r + 3] = Math.tanh(a3);
    }
    for (; r < H; r++) {
      let a = w[L.b1 + r];
      const row = L.W1 + r * nd;
      for (let k = 0; k < nd; k++) a += w[row + k] * x[k];
      h[r] = Math.tanh(a);
    }
  }

  /** Softmax of `count` logits W[row]·h + b over rows first…first+count−1 into `out`. */
  private softmax(Wrow: number, bias: number, first: number, count: number, out: Float64Array) {
    const { w, h } = this;
    const H = this.m.hidden;
    let max = Number.NEGATIVE_INFINITY;
    // Four logits at a time (four independent sums, each in r order: the same results).
    let j = 0;
    for (; j + 4 <= count; j += 4) {
      let z0 = w[bias + first + j];
      let z1 = w[bias + first + j + 1];
      let z2 = w[bias + first + j + 2];
      let z3 = w[bias + first + j + 3];
      const row0 = Wrow + (first + j) * H;
      const row1 = row0 + H;
      const row2 = row1 + H;
      const row3 = row2 + H;
      for (let r = 0; r < H; r++) {
        const hr = h[r];
        z0 += w[row0 + r] * hr;
        z1 += w[row1 + r] * hr;
        z2 += w[row2 + r] * hr;
        z3 += w[row3 + r] * hr;
      }
      out[j] = z0;
      out[j + 1] = z1;
      out[j + 2] = z2;
      out[j + 3] = z3;
      // The same comparisons as one at a time (a NaN logit never becomes the max).
      if (z0 > max) max = z0;
      if (z1 > max) max = z1;
      if (z2 > max) max = z2;
      if (z3 > max) max = z3;
    }
    for (; j < count; j++) {
      let z = w[bias + first + j];
      const row = Wrow + (first + j) * H;
      for (let r = 0; r < H; r++) z += w[row + r] * h[r];
      out[j] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let j = 0; j < count; j++) {
      const e = Math.exp(out[j] - max);
      out[j] = e;
      sum += e;
    }
    for (let j = 0; j < count; j++) out[j] /= sum;
  }

  classLaw(): void {
    this.softmax(this.L.Wc, this.L.bc, 0, this.m.classes, this.pc);
  }

  /** The law within class k into pw; returns the class's size. */
  wordLaw(k: number): number {
    const S = this.m.classSize;
    const size = Math.min(S, this.m.units - k * S);
    this.softmax(this.L.Wo, this.L.bo, k * S, size, this.pw);
    return size;
  }

  /** The law of every unit (after hidden()): P(class)·P(unit | class). */
  unitLaw(): Float64Array {
    this.classLaw();
    const S = this.m.classSize;
    for (let k = 0; k < this.m.classes; k++) {
      const size = this.wordLaw(k);
      for (let j = 0; j < size; j++) this.full[k * S + j] = this.pc[k] * this.pw[j];
    }
    return this.full;
  }

  /**
   * ln P(target | context) of one example, and (when `grad` is given) adds `scale` × the gradient
   * of −ln P into it. Returns the log-probability.
   */
  example(
    contexts: Int32Array,
    offset: number,
    target: number,
    grad: Float64Array | undefined,
    scale: number,
  ): number {
    this.hidden(contexts, offset);
    this.classLaw();
    const S = this.m.classSize;
    const k = Math.floor(target / S);
    const size = this.wordLaw(k);
    const { pc, pw, h, dh, x, w, L } = this;
    const logP = Math.log(pc[k]) + Math.log(pw[target - k * S]);
    if (grad === undefined) return logP;
    const { hidden: H, classes: C, dim: d, context: n } = this.m;
    const { bc, Wc, bo, Wo, b1, W1, E } = L;
    dh.fill(0);
    // Class softmax: dz_c = pc − 1[c = k].
    for (let c = 0; c < C; c++) {
      const g = (pc[c] - (c === k ? 1 : 0)) * scale;
      grad[bc + c] += g;
      backRow(grad, w, h, dh, Wc + c * H, H, g);
    }
    // Word softmax within class k.
    const first = k * S;
    for (let j = 0; j < size; j++) {
      const g = (pw[j] - (first + j === target ? 1 : 0)) * scale;
      grad[bo + first + j] += g;
      backRow(grad, w, h, dh, Wo + (first + j) * H, H, g);
    }
    // tanh: da = dh·(1 − h²); W₁, b₁ and the embeddings.
    const nd = n * d;
    for (let r = 0; r < H; r++) {
      const da = dh[r] * (1 - h[r] * h[r]);
      if (da === 0) continue;
      grad[b1 + r] += da;
      const row = W1 + r * nd;
      for (let j = 0; j < n; j++) {
        const e = E + contexts[offset + j] * d;
        const rj = row + j * d;
        const xj = j * d;
        let q = 0;
        for (; q + 4 <= d; q += 4) {
          grad[rj + q] += da * x[xj + q];
          grad[e + q] += da * w[rj + q];
          grad[rj + q + 1] += da * x[xj + q + 1];
          grad[e + q + 1] += da * w[rj + q + 1];
          grad[rj + q + 2] += da * x[xj + q + 2];
          grad[e + q + 2] += da * w[rj + q + 2];
          grad[rj + q + 3] += da * x[xj + q + 3];
          grad[e + q + 3] += da * w[rj + q + 3];
        }
        for (; q < d; q++) {
          grad[rj + q] += da * x[xj + q];
          grad[e + q] += da * w[rj + q];
        }
      }
    }
    return logP;
  }
}

/**
 * Mean cross-entropy −(1/T) Σ ln P(x_i | context_i) of a training set under the model's units
 * (what training minimises), and, when `grad` is given, its gradient with respect to the flat
 * weights (overwritten). For the gradient check and for tests.
 */
export function neuralLmLoss(
  model: NeuralLmModel,
  data: SequenceData,
  grad?: Float64Array,
): number {
  const ex = examples(model, data);
  const T = ex.targets.length;
  const kernels = new Kernels(model, model.weights);
  grad?.fill(0);
  let sum = 0;
  for (let i = 0; i < T; i++) {
    sum += kernels.example(ex.contexts, i * model.context, ex.targets[i], grad, 1 / T);
  }
  return -sum / T;
}

/**
 * Trains `model`'s weights (a copy) on `data` for `epochs` epochs (see the module comment for
 * the schedule) and returns the trained model.
 */
export function trainNeuralLm(
  model: NeuralLmModel,
  data: SequenceData,
  schedule: { readonly epochs: number; readonly batch: number; readonly lr: number },
  stream: RandomStream,
): NeuralLmModel {
  if (data.vocabSize !== model.vocabSize) {
    throw new InvalidParameterError(
      "neural-lm",
      "data.vocabSize",
      `must equal the model's vocabulary size ${model.vocabSize}`,
      data.vocabSize,
    );
  }
  const w = Float64Array.from(model.weights);
  const L = layout(model);
  const grad = new Float64Array(L.size);
  const m1 = new Float64Array(L.size);
  const m2 = new Float64Array(L.size);
  const kernels = new Kernels(model, w);
  const ex = examples(model, data);
  const T = ex.targets.length;
  const order = new Int32Array(T);
  for (let i = 0; i < T; i++) order[i] = i;
  const { units: N, dim: d, hidden: H, classSize: S, classes: C, context: n } = model;
  // Lazy rows: the embedding rows and output classes the current batch touched.
  const rowTouched = new Uint8Array(N);
  const rows = new Int32Array(N);
  const classTouched = new Uint8Array(C);
  const touchedClasses = new Int32Array(C);
  let step = 0;
  const lr = schedule.lr;
  const adam = (from: number, to: number, b1t: number, b2t: number) => {
    for (let i = from; i < to; i++) {
      const g = grad[i];
      grad[i] = 0;
      const a = BETA1 * m1[i] + (1 - BETA1) * g;
      const b = BETA2 * m2[i] + (1 - BETA2) * g * g;
      m1[i] = a;
      m2[i] = b;
      w[i] -= (lr * (a / b1t)) / (Math.sqrt(b / b2t) + ADAM_EPS);
    }
  };
  for (let epoch = 0; epoch < schedule.epochs; epoch++) {
    for (let i = 0; i < T - 1; i++) {
      const j = uniformInt(stream, i, T - 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let start = 0; start < T; start += schedule.batch) {
      const end = Math.min(T, start + schedule.batch);
      const scale = 1 / (end - start);
      let nRows = 0;
      let nClasses = 0;
      for (let b = start; b < end; b++) {
        const e = order[b];
        const target = ex.targets[e];
        kernels.example(ex.contexts, e * n, target, grad, scale);
        for (let j = 0; j < n; j++) {
          const u = ex.contexts[e * n + j];
          if (!rowTouched[u]) {
            rowTouched[u] = 1;
            rows[nRows++] = u;
          }
        }
        const k = Math.floor(target / S);
        if (!classTouched[k]) {
          classTouched[k] = 1;
          touchedClasses[nClasses++] = k;
        }
      }
      step++;
      const b1t = 1 - BETA1 ** step;
      const b2t = 1 - BETA2 ** step;
      adam(L.W1, L.Wo, b1t, b2t); // W₁, b₁, W_c, b_c: dense
      for (let r = 0; r < nRows; r++) {
        const u = rows[r];
        rowTouched[u] = 0;
        adam(L.E + u * d, L.E + u * d + d, b1t, b2t);
      }
      for (let c = 0; c < nClasses; c++) {
        const k = touchedClasses[c];
        classTouched[k] = 0;
        const last = Math.min(N, k * S + S);
        adam(L.Wo + k * S * H, L.Wo + last * H, b1t, b2t);
        adam(L.bo + k * S, L.bo + last, b1t, b2t);
      }
    }
  }
  return { ...model, weights: w };
}

/** Number of symbols a unit stands for (`<unk>`: every symbol without a unit). */
function unitMultiplicity(model: NeuralLmModel, u: number): number {
  return u === model.unkUnit ? model.unknownSymbols.length : 1;
}

/** ln P(x_i | context_i) of every token, as symbols (see the module comment). */
export function neuralLmTokenLogProbs(model: NeuralLmModel, data: SequenceData): Float64Array {
  if (data.vocabSize !== model.vocabSize) {
    throw new InvalidParameterError(
      "neural-lm tokenLogProbs",
      "data.vocabSize",
      `must equal the model's vocabulary size ${model.vocabSize}`,
      data.vocabSize,
    );
  }
  const ex = examples(model, data);
  const kernels = new Kernels(model, model.weights);
  const out = new Float64Array(ex.targets.length);
  const n = model.context;
  for (let i = 0; i < out.length; i++) {
    const u = ex.targets[i];
    let logP: number;
    if (model.map === undefined) {
      logP = kernels.example(ex.contexts, i * n, u, undefined, 0);
    } else {
      kernels.hidden(ex.contexts, i * n);
      logP = Math.log(model.map(kernels.unitLaw())[u]);
    }
    out[i] = logP - Math.log(unitMultiplicity(model, u));
  }
  return out;
}

/** Mean next-token mass on a symbol set over the positions of `contexts`. */
function neuralLmSymbolMass(
  model: NeuralLmModel,
  symbols: Int32Array,
  contexts: SequenceData,
): number {
  const ex = examples(model, contexts);
  const kernels = new Kernels(model, model.weights);
  const weight = new Float64Array(model.units);
  for (const s of symbols) {
    const u = model.symbolUnit[s];
    weight[u] += 1 / unitMultiplicity(model, u);
  }
  const S = model.classSize;
  const needed: number[] = [];
  for (let k = 0; k < model.classes; k++) {
    for (let u = k * S; u < Math.min(model.units, k * S + S); u++) {
      if (weight[u] > 0) {
        needed.push(k);
        break;
      }
    }
  }
  const T = ex.targets.length;
  if (T === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < T; i++) {
    kernels.hidden(ex.contexts, i * model.context);
    if (model.map !== undefined) {
      const q = model.map(kernels.unitLaw());
      for (let u = 0; u < model.units; u++) total += weight[u] * q[u];
      continue;
    }
    kernels.classLaw();
    for (const k of needed) {
      const size = kernels.wordLaw(k);
      let s = 0;
      for (let j = 0; j < size; j++) s += weight[k * S + j] * kernels.pw[j];
      total += kernels.pc[k] * s;
    }
  }
  return total / T;
}

/** The index of the first cumulative value of `p` (length `count`) above u (inversion). */
function invert(p: Float64Array, count: number, u: number): number {
  let acc = 0;
  let last = -1;
  for (let j = 0; j < count; j++) {
    if (p[j] > 0) last = j;
    acc += p[j];
    if (u < acc) return j;
  }
  return last; // rounding: u at or past the total lands on the last unit of positive mass
}

/**
 * `count` tokens from the model as one segment from the start context (restart after `</s>`);
 * each token one inversion of the class law and one of the law within the class (or of the whole
 * unit law when a transform is applied), and `<unk>` one uniform draw among its symbols.
 */
export function sampleNeuralLm(
  model: NeuralLmModel,
  stream: RandomStream,
  count: number,
): SequenceData {
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidParameterError("neural-lm sample", "n", "must be an integer >= 0", count);
  }
  const kernels = new Kernels(model, model.weights);
  const n = model.context;
  const pad = model.symbolUnit[BOUNDARY_SYMBOL];
  const window = new Int32Array(n).fill(pad);
  const tokens = new Int32Array(count);
  const S = model.classSize;
  for (let i = 0; i < count; i++) {
    kernels.hidden(window, 0);
    let u: number;
    if (model.map === undefined) {
      kernels.classLaw();
      const k = invert(kernels.pc, model.classes, stream.nextDouble());
      const size = kernels.wordLaw(k);
      u = k * S + invert(kernels.pw, size, stream.nextDouble());
    } else {
      const q = model.map(kernels.unitLaw());
      let total = 0;
      for (let j = 0; j < q.length; j++) total += q[j];
      u = invert(q, q.length, stream.nextDouble() * total);
    }
    const x =
      u === model.unkUnit
        ? model.unknownSymbols[uniformInt(stream, 0, model.unknownSymbols.length - 1)]
        : model.unitSymbol[u];
    tokens[i] = x;
    if (x === BOUNDARY_SYMBOL) window.fill(pad);
    else {
      window.copyWithin(0, 1);
      window[n - 1] = u;
    }
  }
  return {
    kind: "sequence",
    vocabSize: model.vocabSize,
    tokens,
    starts: count > 0 ? Int32Array.of(0) : new Int32Array(0),
  };
}

function asSequence(operation: string, data: { kind: string }): SequenceData {
  if (data.kind !== "sequence") {
    throw new TypeError(`neural-lm ${operation}: data must be a sequence, got ${data.kind}`);
  }
  return data as SequenceData;
}

/** p ↦ p^(1/τ)/Σ p^(1/τ) over the units (τ > 0). */
function temperatureLaw(tau: number): (p: Float64Array) => Float64Array {
  return (p) => {
    const q = new Float64Array(p.length);
    let max = 0;
    for (let j = 0; j < p.length; j++) if (p[j] > max) max = p[j];
    let sum = 0;
    for (let j = 0; j < p.length; j++) {
      q[j] = p[j] > 0 ? (p[j] / max) ** (1 / tau) : 0;
      sum += q[j];
    }
    for (let j = 0; j < p.length; j++) q[j] /= sum;
    return q;
  };
}

function withMap(model: NeuralLmModel, f: (p: Float64Array) => Float64Array): NeuralLmModel {
  const before = model.map;
  return { ...model, map: before === undefined ? f : (p) => f(before(p)) };
}

defineModelKind<NeuralLmModel>({
  kind: "neural-lm",
  description:
    "feed-forward neural language model (embeddings, tanh layer, class-factored softmax over the most frequent words, </s> and <unk>)",
  dataKind: "sequence",
  sample: (m, stream, n) => sampleNeuralLm(m, stream, n),
  // The symbols with an output unit of their own (</s> and the vocabulary's words).
  support: (m) => m.units - (m.unkUnit >= 0 ? 1 : 0),
  perplexity: (m, heldOut) => {
    const lp = neuralLmTokenLogProbs(m, asSequence("perplexity", heldOut));
    let s = 0;
    for (let i = 0; i < lp.length; i++) s += lp[i];
    return Math.exp(-s / lp.length);
  },
  tokenLogProbs: (m, data) => neuralLmTokenLogProbs(m, asSequence("tokenLogProbs", data)),
  symbolMass: (m, symbols, contexts) =>
    neuralLmSymbolMass(m, symbols, asSequence("symbolMass", contexts)),
  // The stated analogue of p^(1/τ): applied to the law over the units, <unk> as one unit.
  temperature: (m, tau) => withMap(m, temperatureLaw(tau)),
  mapProbabilities: (m, f) => withMap(m, f),
});

/**
 * Fits a generation: from scratch, or fine-tuned from the base (or the previous model) when
 * `previous` is a neural-lm model (see the module comment).
 */
export function fitNeuralLm(
  data: SequenceData,
  constraints: NeuralLmConstraints,
  stream: RandomStream,
  previous?: { readonly kind: string },
): NeuralLmModel {
  const c = neuralLmConfig(constraints);
  if (data.tokens.length === 0) {
    throw new InvalidParameterError("neural-lm", "data size", "must be > 0 tokens", 0);
  }
  const schedule = { batch: c.batch, lr: c.lr };
  if (c.init !== "scratch" && previous?.kind === "neural-lm") {
    const prev = previous as NeuralLmModel;
    const start = c.init === "base" ? (prev.base ?? prev) : prev;
    const tuned = trainNeuralLm(
      { ...start, map: undefined },
      data,
      { ...schedule, epochs: c.tuneEpochs },
      stream,
    );
    const { map: _map, ...plain } = tuned;
    return { ...plain, ...(c.init === "base" ? { base: prev.base ?? prev } : {}) };
  }
  const fresh = initNeuralLm(data, c, stream);
  const { map: _map, ...plain } = trainNeuralLm(
    fresh,
    data,
    { ...schedule, epochs: c.epochs },
    stream,
  );
  return plain;
}

defineFamily({
  name: "neural-lm",
  description:
    "feed-forward neural LM (Bengio 2003) trained by Adam on a fixed schedule; init=scratch|base|previous",
  params: {
    minCount: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.minCount,
      min: 1,
      max: LIMITS.minCount[1],
      description: "fewest training occurrences for a unit of its own (rarer words: <unk>)",
    },
    vocab: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.vocab,
      min: 1,
      max: LIMITS.vocab[1],
      description: "V: most frequent training words with an output unit",
    },
    context: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.context,
      min: 1,
      max: LIMITS.context[1],
      description: "n: previous words read",
    },
    dim: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.dim,
      min: 1,
      max: LIMITS.dim[1],
      description: "d: embedding size",
    },
    hidden: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.hidden,
      min: 1,
      max: LIMITS.hidden[1],
      description: "H: hidden tanh units",
    },
    epochs: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.epochs,
      min: 1,
      max: LIMITS.epochs[1],
      description: "epochs when training from scratch",
    },
    tuneEpochs: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.tuneEpochs,
      min: 1,
      max: LIMITS.tuneEpochs[1],
      description: "epochs when fine-tuning (init base or previous)",
    },
    batch: {
      type: "integer",
      default: NEURAL_LM_DEFAULTS.batch,
      min: 1,
      max: LIMITS.batch[1],
      description: "tokens per mini-batch",
    },
    lr: {
      type: "number",
      default: NEURAL_LM_DEFAULTS.lr,
      min: 0,
      exclusiveMin: true,
      description: "Adam step size",
    },
    init: {
      type: "string",
      default: NEURAL_LM_DEFAULTS.init,
      choices: ["scratch", "base", "previous"],
      description:
        "scratch: train anew; base: fine-tune generation 1 (the base); previous: fine-tune the previous generation",
    },
  },
  dataKind: "sequence",
  modelKind: "neural-lm",
  fit: (data: SequenceData, p, stream, previous) =>
    fitNeuralLm(data, { ...p, init: p.init as NeuralLmInit }, stream, previous),
  // Per token and epoch: forward and backward through W₁ (n·d·H) and both softmaxes (≈ 2√N·H).
  fitCost: (n, _dim, p) =>
    6 *
    n *
    Math.max(p.epochs, p.tuneEpochs) *
    p.hidden *
    (p.context * p.dim + 2 * Math.sqrt(p.vocab + 2)),
});
