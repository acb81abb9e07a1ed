import { trigamma } from "../numeric/index.ts";
import { assertInteger } from "../util/validate.ts";

/**
 * Var[ln σ²_{t+1} − ln σ²_t] = ψ′((M−1)/2), the per-generation variance of the log-variance
 * random walk of a Gaussian refitted to M of its own samples (replace), for either estimator
 * (the divisor only shifts ln S). docs/theory.md#gaussian-log-variance.
 * @param M samples per generation, integer ≥ 2.
 */
export function gaussianLogVarianceDriftVariance(M: number): number {
  assertInteger("gaussianLogVarianceDriftVariance", "M", M, 2);
  return trigamma((M - 1) / 2);
}
