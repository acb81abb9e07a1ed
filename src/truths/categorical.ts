import { categoricalEntropy, categoricalModel, heterozygosity } from "../model/categorical.ts";
import { derive } from "../rng/index.ts";
import { dirichlet, zipfProbabilities } from "../sample/index.ts";
import {
  assertInteger,
  assertNonNegative,
  assertPositive,
  InvalidParameterError,
} from "../util/validate.ts";
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
 * Zipf–Mandelbrot truth: p_i ∝ (i + b)^(−a), i = 1…k (Mandelbrot 1953): b shifts the rank so
 * the head is flatter than Zipf's (b = 0 is Zipf with exponent a), as word frequencies are. The
 * normaliser is summed from the smallest term up with compensation (Neumaier), like
 * zipfProbabilities.
 */
export function zipfMandelbrotTruth(k: number, a: number, b: number): Truth {
  const api = "zipf-mandelbrot";
  assertInteger(api, "k", k, 1, 1e7);
  assertNonNegative(api, "a", a);
  assertNonNegative(api, "b", b);
  const p = new Float64Array(k);
  for (let i = 0; i < k; i++) p[i] = (i + 1 + b) ** -a;
  let sum = 0;
  let comp = 0;
  for (let i = k - 1; i >= 0; i--) {
    const v = p[i];
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  const total = sum + comp;
  if (!(total > 0 && Number.isFinite(total))) {
    throw new InvalidParameterError(
      api,
      "a",
      `gives weights (i + b)^−a that underflow or overflow for b = ${b}`,
      a,
    );
  }
  for (let i = 0; i < k; i++) p[i] /= total;
  const model = categoricalModel(p);
  return modelTruth("zipf-mandelbrot", { k, a, b }, model, categoricalSummaries(model.p));
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
