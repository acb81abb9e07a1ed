import { assertInteger, assertPositive } from "../util/validate.ts";
import { inverseSquareSum } from "./inverseSquareSum.ts";

/**
 * v_t = E[(λ_t − λ_0)²] = (λ_0/n)Σ_{k=1}^t 1/k² < π²λ_0/(6n) for a Poisson rate refitted by maximum
 * likelihood to accumulated data (n new samples per generation, generation k fitted to kn
 * points): Var[λ_{k+1} | past] = λ_k/((k + 1)²n). docs/theory.md#poisson-mle-chain (Gerstgrasser
 * et al. 2024, Theorem 1).
 * @param rate λ_0, finite and > 0.
 * @param n samples per generation, integer ≥ 1.
 * @param t generations fitted, integer ≥ 0.
 */
export function poissonAccumulateSquaredError(rate: number, n: number, t: number): number {
  assertPositive("poissonAccumulateSquaredError", "rate", rate);
  assertInteger("poissonAccumulateSquaredError", "n", n, 1);
  assertInteger("poissonAccumulateSquaredError", "t", t, 0);
  return (rate / n) * inverseSquareSum(t);
}
