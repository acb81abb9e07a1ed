import type { RandomStream } from "../rng/randomStream.ts";
import { assertPositive } from "../util/validate.ts";
import { checkOut } from "./exponential.ts";
import { gammaConstants, standardGammaUnchecked } from "./gamma.ts";

/** k/2, kept > 0 when k is the smallest subnormal (where k/2 would round to 0). */
function halfOf(k: number): number {
  return Math.max(0.5 * k, Number.MIN_VALUE);
}

/**
 * One chi-square variate with k degrees of freedom (k real > 0): 2·Gamma(k/2), mean k,
 * variance 2k.
 *
 * Algorithm: the gamma sampler (Marsaglia & Tsang, ACM TOMS 26(3), 2000; boosted in log space for
 * k < 2), doubled. As for `gamma`, for tiny k the result is 0 when the gamma variate rounds to 0,
 * i.e. the true value is below about 2^-1074 (probability ≈ 2^(−537.5·k)/Γ(k/2 + 1): negligible
 * for k ≥ 0.1, ~0.48 for k = 0.002).
 *
 * @throws InvalidParameterError unless `k` is finite and > 0.
 */
export function chiSquare(stream: RandomStream, k: number): number {
  assertPositive("chiSquare", "k", k);
  return 2 * standardGammaUnchecked(stream, halfOf(k));
}

/**
 * Fills `out` with chi-square(k) variates; identical to calling {@link chiSquare} `out.length`
 * times. Validates and computes the gamma constants once. Returns `out`.
 *
 * @throws InvalidParameterError unless `k` is finite and > 0 and `out` is a Float64Array.
 */
export function fillChiSquare(stream: RandomStream, out: Float64Array, k: number): Float64Array {
  const api = "fillChiSquare";
  checkOut(api, out);
  assertPositive(api, "k", k);
  const shape = halfOf(k);
  const { d, c } = gammaConstants(shape);
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = 2 * standardGammaUnchecked(stream, shape, d, c);
  return out;
}
