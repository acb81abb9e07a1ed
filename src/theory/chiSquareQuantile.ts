import { chiSquareCdf } from "../numeric/index.ts";
import { assertPositive, InvalidParameterError } from "../util/validate.ts";

/**
 * The q-quantile of χ² with k degrees of freedom: the x with P(χ²_k ≤ x) = q, by bisection on
 * {@link chiSquareCdf} over [0, k + 20√(2k) + 20] (200 halvings: adjacent doubles).
 *
 * Used for the variance floors σ²χ²_{r−1}(1 − p)/D of the fresh-data and keep-original claims
 * (docs/theory.md#fresh-data-loop, docs/theory.md#keep-original).
 * @param q probability in (0, 1).
 * @param k degrees of freedom, finite and > 0.
 */
export function chiSquareQuantile(q: number, k: number): number {
  if (!(q > 0 && q < 1)) {
    throw new InvalidParameterError("chiSquareQuantile", "q", "must be a probability in (0, 1)", q);
  }
  assertPositive("chiSquareQuantile", "k", k);
  let lo = 0;
  let hi = k + 20 * Math.sqrt(2 * k) + 20;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (chiSquareCdf(mid, k) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
