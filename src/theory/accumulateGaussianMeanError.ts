import { assertInteger } from "../util/validate.ts";

/**
 * E[(μ_t − μ)²]/σ² for a Gaussian refitted by maximum likelihood to accumulated data (n samples
 * per generation, generation t + 1 fitted to all tn + n points so far, t counting fits):
 *
 *   E[(μ_t − μ)²]/σ² = Σ_{i≤t} Π_{j<i}(1 − 1/(j²n)) / (i²n)  ≤  π²/(6n).
 *
 * docs/theory.md#accumulate-gaussian (Gerstgrasser et al. 2024; Kazdan et al. 2024; the π²/6
 * factor: Dey & Donoho 2024).
 * @param n samples per generation, integer ≥ 2.
 * @param t generations fitted, integer ≥ 0.
 */
export function accumulateGaussianMeanError(n: number, t: number): number {
  assertInteger("accumulateGaussianMeanError", "n", n, 2);
  assertInteger("accumulateGaussianMeanError", "t", t, 0);
  let sum = 0;
  let prod = 1;
  for (let i = 1; i <= t; i++) {
    sum += prod / (i * i * n);
    prod *= 1 - 1 / (i * i * n);
  }
  return sum;
}
