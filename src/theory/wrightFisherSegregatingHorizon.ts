import { assertInteger, assertProbability, InvalidParameterError } from "../util/validate.ts";
import { wrightFisherSegregatingBound } from "./wrightFisherSegregatingBound.ts";

/**
 * The first generation at which the Wright–Fisher segregation bound
 * δ_T = M x_0(1 − x_0)(1 − 1/M)^{T−1} ({@link wrightFisherSegregatingBound}) is ≤ δ:
 *
 *   T = 1 + ⌈ln(M x_0(1 − x_0)/δ) / −ln(1 − 1/M)⌉   (at least 1),
 *
 * then corrected by ±1 steps so that the result is exactly the smallest T ≥ 1 with δ_T ≤ δ as
 * evaluated in floating point (the closed form can be one off where the logarithms round).
 * docs/theory.md#categorical-tail-mass.
 *
 * @param samples - M (an integer ≥ 2)
 * @param x0 - the initial frequency, in [0, 1]
 * @param delta - the target bound, in (0, 1]
 */
export function wrightFisherSegregatingHorizon(samples: number, x0: number, delta: number): number {
  const api = "wrightFisherSegregatingHorizon";
  assertInteger(api, "samples", samples, 2);
  assertProbability(api, "x0", x0);
  if (!(delta > 0 && delta <= 1)) {
    throw new InvalidParameterError(api, "delta", "must be in (0, 1]", delta);
  }
  const bound = (T: number) => wrightFisherSegregatingBound(samples, x0, T);
  const guess =
    1 + Math.ceil(Math.log((samples * x0 * (1 - x0)) / delta) / -Math.log1p(-1 / samples));
  let T = Math.max(1, guess);
  while (T > 1 && bound(T - 1) <= delta) T--;
  while (bound(T) > delta) T++;
  return T;
}
