import { assertInteger, assertPositive } from "../util/validate.ts";

/**
 * Suresh et al.'s bound P(σ_k > ε) ≤ (σ_0/ε)·exp(−k/(4M − 1)) for a Gaussian refitted with the
 * unbiased variance to M of its own samples (replace), k counting fits. It follows from Markov's
 * inequality on E[σ_k] = σ_0 c_M^k whenever c_M ≤ exp(−1/(4M − 1)) (every M ∈ [2, 2000]).
 * docs/theory.md#suresh-std-bound (Suresh, Thangaraj & Khandavally, AISTATS 2025, Theorem 3).
 * @param ratio σ_0/ε, finite and > 0.
 * @param M samples per generation, integer ≥ 2.
 * @param k generations fitted, integer ≥ 0.
 */
export function sureshStdBound(ratio: number, M: number, k: number): number {
  assertPositive("sureshStdBound", "ratio", ratio);
  assertInteger("sureshStdBound", "M", M, 2);
  assertInteger("sureshStdBound", "k", k, 0);
  return ratio * Math.exp(-k / (4 * M - 1));
}
