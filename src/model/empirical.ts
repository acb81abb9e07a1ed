import type { RandomStream } from "../rng/index.ts";
import { fillUniformInt } from "../sample/index.ts";
import { allocFloat64, allocInt32 } from "../util/typedArrays.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import type { RealData } from "./data.ts";
import type { EmpiricalModel } from "./models.ts";

/**
 * The empirical distribution of n real values: mass 1/n on each (ties add up). Values are kept
 * sorted so the CDF and quantiles are binary searches.
 */
export function empiricalModel(values: ArrayLike<number>): EmpiricalModel {
  const api = "empiricalModel";
  if (values.length === 0) {
    throw new InvalidParameterError(api, "values.length", "must be >= 1", 0);
  }
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new InvalidParameterError(api, `values[${i}]`, "must be a finite number", sorted[i]);
    }
  }
  sorted.sort();
  return { kind: "empirical", values: sorted };
}

/** n draws with replacement from the values (the bootstrap resample): one uniform index each. */
export function sampleEmpirical(m: EmpiricalModel, stream: RandomStream, n: number): RealData {
  assertInteger("sampleEmpirical", "n", n, 0, 2 ** 31 - 1);
  const index = fillUniformInt(stream, allocInt32(n), 0, m.values.length - 1);
  const out = allocFloat64(n);
  for (let i = 0; i < n; i++) out[i] = m.values[index[i]];
  return { kind: "real", values: out };
}

/** Number of values ≤ x (an upper-bound binary search over the sorted values). */
function countAtMost(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean (1/n) Σ x_i. */
export function empiricalMean(m: EmpiricalModel): number {
  let s = 0;
  for (let i = 0; i < m.values.length; i++) s += m.values[i];
  return s / m.values.length;
}

/** Variance of the empirical law: (1/n) Σ (x_i − x̄)² (the population form, ÷n). */
export function empiricalVariance(m: EmpiricalModel): number {
  const mean = empiricalMean(m);
  let s = 0;
  for (let i = 0; i < m.values.length; i++) s += (m.values[i] - mean) ** 2;
  return s / m.values.length;
}

/** F(x) = #{x_i ≤ x}/n. */
export function empiricalCdf(m: EmpiricalModel, x: number): number {
  return countAtMost(m.values, x) / m.values.length;
}

/** P(X > x) = #{x_i > x}/n, counted (not 1 − F, which loses small tails to rounding). */
export function empiricalSf(m: EmpiricalModel, x: number): number {
  return (m.values.length - countAtMost(m.values, x)) / m.values.length;
}

/** The inverse ECDF inf{x : F(x) ≥ p} = x_(⌈pn⌉) (the smallest value at p = 0). */
export function empiricalQuantile(m: EmpiricalModel, p: number): number {
  const n = m.values.length;
  const k = Math.ceil(p * n);
  return m.values[Math.min(n - 1, Math.max(0, k - 1))];
}

/** Number of distinct values. */
export function empiricalSupport(m: EmpiricalModel): number {
  let distinct = 1;
  for (let i = 1; i < m.values.length; i++) if (m.values[i] !== m.values[i - 1]) distinct++;
  return distinct;
}
