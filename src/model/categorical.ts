import type { RandomStream } from "../rng/index.ts";
import { multinomial } from "../sample/index.ts";
import { allocFloat64, allocInt32 } from "../util/typedArrays.ts";
import {
  assertInteger,
  assertPositive,
  assertProbability,
  assertProbabilityVector,
  InvalidParameterError,
} from "../util/validate.ts";
import type { CategoricalData, Dataset } from "./data.ts";
import type { CategoricalModel } from "./models.ts";

/** A categorical model from a probability vector (validated; copied). */
export function categoricalModel(p: ArrayLike<number>): CategoricalModel {
  assertProbabilityVector("categoricalModel", "p", p);
  return { kind: "categorical", p: Float64Array.from(p) };
}

/**
 * Whether a categorical model is absorbed: all its mass on one symbol. Refitting by empirical
 * frequencies can never leave such a state (the support never grows; docs/theory.md#categorical-absorbing),
 * so it is the stopping condition of fixation and forgetting times (`runReplicatesUntil`). Exact:
 * a fitted p_i = c_i/M is 1 exactly when c_i = M. Throws for a model of another kind.
 */
export function categoricalAbsorbed(model: { readonly kind: string }): boolean {
  if (model.kind !== "categorical") {
    throw new InvalidParameterError(
      "categoricalAbsorbed",
      "model.kind",
      'must be "categorical"',
      model.kind,
    );
  }
  return (model as CategoricalModel).p.includes(1);
}

/**
 * M samples from a categorical model, as counts: one multinomial draw (conditional binomials,
 * O(k)).
 */
export function sampleCategorical(
  model: CategoricalModel,
  stream: RandomStream,
  n: number,
  reuse?: Dataset,
): CategoricalData {
  assertInteger("sampleCategorical", "n", n, 0, 2 ** 31 - 1);
  const k = model.p.length;
  // The multinomial writes every cell of `out`: an earlier draw's counts can take this one.
  const out =
    reuse?.kind === "categorical" && reuse.counts.length === k ? reuse.counts : allocInt32(k);
  const counts = multinomial(stream, n, model.p, out);
  return { kind: "categorical", counts, size: n };
}

/** Shannon entropy H(p) = −Σ p_i ln p_i in nats, with 0 ln 0 = 0. */
export function categoricalEntropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/** Heterozygosity (Gini–Simpson index) 1 − Σ p_i². */
export function heterozygosity(p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * p[i];
  return 1 - s;
}

/** Number of symbols with non-zero probability. */
export function supportSize(p: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) n++;
  return n;
}

/**
 * The truth's tail set at level q: the lowest-probability symbols whose total mass does not
 * exceed q, taken greedily from the least probable up (ties by symbol index). Its mass under the
 * truth is ≤ q; a symbol of probability 0 is always in it.
 */
export function categoricalTailSet(p: ArrayLike<number>, q: number): Int32Array {
  assertProbability("categoricalTailSet", "q", q);
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const set: number[] = [];
  let mass = 0;
  for (const i of order) {
    if (mass + p[i] > q) break;
    mass += p[i];
    set.push(i);
  }
  return Int32Array.from(set.sort((a, b) => a - b));
}

/** Σ_{i ∈ set} p_i. */
export function massOn(p: ArrayLike<number>, set: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < set.length; j++) m += p[set[j]];
  return m;
}

function normalise(api: string, w: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  if (!(s > 0) || !Number.isFinite(s)) {
    throw new InvalidParameterError(api, "p", "must keep some finite mass after the transform", w);
  }
  for (let i = 0; i < w.length; i++) w[i] /= s;
  return w;
}

/**
 * Temperature τ: sample ∝ p_i^(1/τ) (Marchi et al. 2024). τ < 1 sharpens toward the mode,
 * τ > 1 flattens toward uniform on the support. Computed in log space relative to the largest
 * probability, so tiny τ cannot overflow.
 */
export function temperatureCategorical(p: Float64Array, tau: number): Float64Array {
  assertPositive("temperatureCategorical", "tau", tau);
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > max) max = p[i];
  const w = allocFloat64(p.length);
  const logMax = Math.log(max);
  for (let i = 0; i < p.length; i++) {
    w[i] = p[i] > 0 ? Math.exp((Math.log(p[i]) - logMax) / tau) : 0;
  }
  return normalise("temperatureCategorical", w);
}

function descendingOrder(p: Float64Array): number[] {
  return Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
}

/** Top-k truncation: keep the k most probable symbols (ties by index), renormalise. */
export function topKCategorical(p: Float64Array, k: number): Float64Array {
  assertInteger("topKCategorical", "k", k, 1);
  const w = allocFloat64(p.length);
  for (const i of descendingOrder(p).slice(0, k)) w[i] = p[i];
  return normalise("topKCategorical", w);
}

/**
 * Top-p (nucleus) truncation: keep the smallest set of most probable symbols whose mass
 * reaches `mass` (Holtzman et al. 2020), renormalise.
 */
export function topPCategorical(p: Float64Array, mass: number): Float64Array {
  assertProbability("topPCategorical", "mass", mass);
  if (mass === 0) throw new InvalidParameterError("topPCategorical", "mass", "must be > 0", mass);
  const w = allocFloat64(p.length);
  let cum = 0;
  for (const i of descendingOrder(p)) {
    if (p[i] === 0) break;
    w[i] = p[i];
    cum += p[i];
    if (cum >= mass) break;
  }
  return normalise("topPCategorical", w);
}
