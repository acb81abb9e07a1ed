import { assertInteger } from "../util/validate.ts";

/**
 * H_t^(2) = Σ_{i=1}^t 1/i² (< π²/6): the factor by which accumulating data bounds the error of a
 * refitted estimator — the i-th generation's noise enters with weight 1/i.
 * docs/theory.md#regression-accumulate, docs/theory.md#poisson-mle-chain,
 * docs/theory.md#dey-donoho.
 * @param t number of terms, integer ≥ 0.
 */
export function inverseSquareSum(t: number): number {
  assertInteger("inverseSquareSum", "t", t, 0);
  let h = 0;
  for (let i = 1; i <= t; i++) h += 1 / (i * i);
  return h;
}
