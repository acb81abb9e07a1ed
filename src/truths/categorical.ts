import { categoricalEntropy, categoricalModel, heterozygosity } from "../model/categorical.ts";
import { derive } from "../rng/index.ts";
import { dirichlet, zipfProbabilities } from "../sample/index.ts";
import { assertInteger, assertNonNegative, assertPositive } from "../util/validate.ts";
import { modelTruth, type Truth } from "./truth.ts";

function categoricalSummaries(p: Float64Array) {
  // As a distribution on the symbol indices 0…k−1 the mean and variance exist, but they are not
  // meaningful for symbols; only entropy is reported.
  return { entropy: categoricalEntropy(p) };
}

/** A categorical truth with explicit probabilities (validated: non-negative, summing to 1). */
export function categoricalTruth(p: ArrayLike<number>): Truth {
  const model = categoricalModel(p);
  return modelTruth("categorical", { k: model.p.length }, model, categoricalSummaries(model.p));
}

/** Bounded Zipf truth: p_i ∝ i^(−s) over k symbols (symbol index i−1 has rank i). */
export function zipfTruth(k: number, s: number): Truth {
  assertInteger("zipf", "k", k, 1, 1e7);
  assertNonNegative("zipf", "s", s);
  const model = categoricalModel(zipfProbabilities(k, s));
  return modelTruth("zipf", { k, s }, model, categoricalSummaries(model.p));
}

/**
 * A categorical truth drawn once from a symmetric Dirichlet(α, …, α) over k symbols; the draw
 * is fixed by `seed` (its own derived stream), so the truth is reproducible from its spec.
 */
export function dirichletTruth(k: number, alpha: number, seed = 0): Truth {
  assertInteger("dirichlet", "k", k, 1, 1e7);
  assertPositive("dirichlet", "alpha", alpha);
  assertInteger("dirichlet", "seed", seed);
  const p = dirichlet(
    derive(seed, "truth", "dirichlet", k, String(alpha)),
    new Float64Array(k).fill(alpha),
  );
  const model = categoricalModel(p);
  return modelTruth("dirichlet", { k, alpha, seed }, model, categoricalSummaries(model.p));
}

export { heterozygosity };
