import type { RandomStream } from "../rng/randomStream.ts";
import { assertPositive } from "../util/validate.ts";
import { checkOut } from "./exponential.ts";
import { gammaConstants, logStandardGammaUnchecked, standardGammaUnchecked } from "./gamma.ts";
import { standardNormalUnchecked } from "./normal.ts";

/**
 * Z/√(2G/ν) for Z standard normal and G ~ Gamma(ν/2) (so 2G ~ χ²_ν), with the gamma constants
 * precomputed. For ν < 2 the gamma is taken in log space, t = Z·exp((ln(ν/2) − ln G)/2), so a
 * gamma variate below the smallest double does not turn a finite t into ±Infinity.
 */
function studentTUnchecked(
  stream: RandomStream,
  halfNu: number,
  logHalfNu: number,
  d: number,
  c: number,
): number {
  const z = standardNormalUnchecked(stream);
  if (halfNu >= 1) return z * Math.sqrt(halfNu / standardGammaUnchecked(stream, halfNu, d, c));
  const scale = Math.exp(0.5 * (logHalfNu - logStandardGammaUnchecked(stream, halfNu, d, c)));
  // Z = 0 exactly (probability ~2^-53) gives T = 0 even when the scale overflows (0·∞).
  return z === 0 ? z : z * scale;
}

/** ν/2, kept > 0 when ν is the smallest subnormal (where ν/2 would round to 0). */
function halfOf(nu: number): number {
  return Math.max(0.5 * nu, Number.MIN_VALUE);
}

/**
 * One Student-t variate with ν degrees of freedom (ν real > 0; mean 0 for ν > 1, variance
 * ν/(ν − 2) for ν > 2, heavy tails P(|T| > t) ~ t^(−ν)).
 *
 * Algorithm: the definition T = Z/√(χ²_ν/ν), with Z from the ziggurat and χ²_ν = 2·Gamma(ν/2)
 * from Marsaglia–Tsang (as numpy's `standard_t`); for ν < 2 the chi-square is kept in log space.
 * The result is ±Infinity only when |T| exceeds the largest double.
 *
 * @throws InvalidParameterError unless `nu` is finite and > 0.
 */
export function studentT(stream: RandomStream, nu: number): number {
  assertPositive("studentT", "nu", nu);
  const halfNu = halfOf(nu);
  const { d, c } = gammaConstants(halfNu);
  return studentTUnchecked(stream, halfNu, Math.log(halfNu), d, c);
}

/**
 * Fills `out` with Student-t(ν) variates; identical to calling {@link studentT} `out.length`
 * times. Validates once. Returns `out`.
 *
 * @throws InvalidParameterError unless `nu` is finite and > 0 and `out` is a Float64Array.
 */
export function fillStudentT(stream: RandomStream, out: Float64Array, nu: number): Float64Array {
  const api = "fillStudentT";
  checkOut(api, out);
  assertPositive(api, "nu", nu);
  const halfNu = halfOf(nu);
  const logHalfNu = Math.log(halfNu);
  const { d, c } = gammaConstants(halfNu);
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = studentTUnchecked(stream, halfNu, logHalfNu, d, c);
  return out;
}
