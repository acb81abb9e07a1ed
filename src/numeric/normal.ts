/**
 * The normal distribution: cdf, survival function and quantile, all accurate to a few ulp
 * relative in both tails.
 */

import { assertFinite, assertPositive, InvalidParameterError } from "../util/validate.ts";
import { erf, erfcScaledTail } from "./erf.ts";

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2PI = 2.5066282746310002; // √(2π)
const LN_HALF = -Math.LN2; // ln ½
/** |z| below which Φ is computed as ½ + ½erf(z/√2) (Cody's erf/erfc boundary 0.46875·√2). */
const CENTRAL = 0.6629126073623883;

function assertX(api: string, x: number): void {
  if (typeof x !== "number" || Number.isNaN(x)) {
    throw new InvalidParameterError(api, "x", "must be a number (not NaN)", x);
  }
}

function validate(api: string, mean: number, sd: number): void {
  assertFinite(api, "mean", mean);
  assertPositive(api, "sd", sd);
}

/**
 * exp(−z²/2) for z ≥ 0 without the rounding error of z²: z = s + t with s = ⌊16z⌋/16, so s² is
 * exact and exp(−z²/2) = exp(−s²/2)·exp(−(z − s)(z + s)/2) (Cody's device).
 */
function expNegHalfSquare(z: number): number {
  const s = Math.trunc(z * 16) / 16;
  return Math.exp(-0.5 * s * s) * Math.exp(-0.5 * (z - s) * (z + s));
}

/** Upper tail Q(z) = 1 − Φ(z) of the standard normal, z ≥ CENTRAL (no validation). */
function upperTail(z: number): number {
  if (z > 38.5) return 0; // Q(38.5) ≈ 1.5e-324: below the smallest subnormal
  // Q(z) = ½·erfc(z/√2) = ½·exp(−z²/2)·R(z/√2), R(y) = erfc(y)e^{y²} (Cody's rational forms).
  return 0.5 * expNegHalfSquare(z) * erfcScaledTail(z * SQRT1_2);
}

/** Standard normal cdf Φ(z) without validation. @internal */
export function stdNormalCdf(z: number): number {
  if (z < -CENTRAL) return upperTail(-z);
  if (z > CENTRAL) return 1 - upperTail(z);
  return 0.5 + 0.5 * erf(z * SQRT1_2);
}

/** Standard normal survival function 1 − Φ(z) without validation. @internal */
export function stdNormalSf(z: number): number {
  return stdNormalCdf(-z);
}

/**
 * Normal cdf Φ((x − μ)/σ) = ½·erfc(−(x − μ)/(σ√2)) (A&S 26.2.2, 7.1.2).
 *
 * In the lower tail the value comes straight from Cody's erfc rational form with exp(−z²/2)
 * evaluated exactly split (Cody 1969), so it is relatively accurate to a few ulp down to
 * Φ(−38.4) ≈ 1e-322; it is never formed as 1 − something small.
 * @param x any number except NaN (±∞ allowed).
 * @param mean finite.
 * @param sd finite and > 0.
 */
export function normalCdf(x: number, mean = 0, sd = 1): number {
  assertX("normalCdf", x);
  validate("normalCdf", mean, sd);
  return stdNormalCdf((x - mean) / sd);
}

/**
 * Normal survival function 1 − Φ((x − μ)/σ) = ½·erfc((x − μ)/(σ√2)) (A&S 26.2.2, 7.1.2),
 * computed directly in the upper tail (relative error a few ulp down to ~1e-322), not as 1 − cdf.
 * @param x any number except NaN (±∞ allowed).
 * @param mean finite.
 * @param sd finite and > 0.
 */
export function normalSf(x: number, mean = 0, sd = 1): number {
  assertX("normalSf", x);
  validate("normalSf", mean, sd);
  return stdNormalCdf((mean - x) / sd);
}

/**
 * Normal density φ((x − μ)/σ)/σ with φ(z) = exp(−z²/2)/√(2π) (A&S 26.2.1).
 * @param x any number except NaN.
 * @param mean finite.
 * @param sd finite and > 0.
 */
export function normalPdf(x: number, mean = 0, sd = 1): number {
  assertX("normalPdf", x);
  validate("normalPdf", mean, sd);
  const z = Math.abs((x - mean) / sd);
  if (z > 40) return 0;
  return expNegHalfSquare(z) / (SQRT_2PI * sd);
}

// P. J. Acklam's rational approximation to Φ⁻¹ (relative error < 1.15e-9), used as the start.
const ACK_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 1.38357751867269e2, -30.66479806614716,
  2.506628277459239,
];
const ACK_B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
];
const ACK_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const ACK_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Φ⁻¹(p) for 0 < p ≤ ½, refined; p < P_LOW uses the tail form. */
function lowerQuantile(p: number): number {
  if (p < P_LOW) {
    // Acklam's tail form in q = √(−2 ln p).
    const q = Math.sqrt(-2 * Math.log(p));
    let x =
      (((((ACK_C[0] * q + ACK_C[1]) * q + ACK_C[2]) * q + ACK_C[3]) * q + ACK_C[4]) * q +
        ACK_C[5]) /
      ((((ACK_D[0] * q + ACK_D[1]) * q + ACK_D[2]) * q + ACK_D[3]) * q + 1);
    // Newton step on f(x) = ln Φ(x) − ln p (well conditioned in the tail): with the scaled
    // complement R(y) = erfc(y)e^{y²}, ln Φ(x) = ln ½ − x²/2 + ln R(−x/√2) and
    // f′(x) = φ(x)/Φ(x) = 1/(½√(2π)·R(−x/√2)). Quadratic convergence from a 1e-9 start
    // makes one step enough; a second costs little and removes any doubt.
    for (let i = 0; i < 2; i++) {
      const r = erfcScaledTail(-x * SQRT1_2);
      const logPhi = LN_HALF - 0.5 * x * x + Math.log(r);
      x -= (logPhi - Math.log(p)) * (0.5 * SQRT_2PI * r);
    }
    return x;
  }
  // Central form in q = p − ½ (exact for p ∈ [¼, ½] by Sterbenz, else one rounding).
  const q = p - 0.5;
  const r = q * q;
  let x =
    ((((((ACK_A[0] * r + ACK_A[1]) * r + ACK_A[2]) * r + ACK_A[3]) * r + ACK_A[4]) * r + ACK_A[5]) *
      q) /
    (((((ACK_B[0] * r + ACK_B[1]) * r + ACK_B[2]) * r + ACK_B[3]) * r + ACK_B[4]) * r + 1);
  // Halley steps on f(x) = Φ(x) − p written as ½erf(x/√2) − (p − ½), which keeps relative accuracy
  // for x near 0 (p near ½); f′ = φ(x), f″ = −xφ(x).
  for (let i = 0; i < 2; i++) {
    const e = 0.5 * erf(x * SQRT1_2) - q;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

/**
 * Normal quantile μ + σ·Φ⁻¹(p).
 *
 * Start: P. J. Acklam's rational approximation (2003; relative error < 1.15e-9); refinement:
 * Halley steps on ½erf(x/√2) = p − ½ in the centre and Newton steps on ln Φ(x) = ln p in the
 * tails (Φ evaluated by Cody's erfc forms), giving full double accuracy (≲ 2 ulp). For p > ½ the
 * symmetry Φ⁻¹(p) = −Φ⁻¹(1 − p) is used (1 − p is exact there).
 * Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞.
 * @param p a probability in [0, 1].
 * @param mean finite.
 * @param sd finite and > 0.
 */
export function normalQuantile(p: number, mean = 0, sd = 1): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new InvalidParameterError("normalQuantile", "p", "must be a probability in [0, 1]", p);
  }
  validate("normalQuantile", mean, sd);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const z = p <= 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
  return mean + sd * z;
}
