import type { RandomStream } from "../rng/randomStream.ts";
import { assertPositive } from "../util/validate.ts";
import { checkOut, standardExponentialUnchecked } from "./exponential.ts";
import { standardGammaUnchecked } from "./gamma.ts";

/** exp(t) is a normal double (≥ 2^-1022 ≈ e^-708.4) for t > −700. */
const LOG_SAFE_MIN = -700;

/**
 * A Beta(a, b) variate B and its complement 1 − B, each computed accurately (not as 1 − B), into
 * `pair[0]` and `pair[1]`. No validation.
 *
 * - a ≤ 1 and b ≤ 1: Jöhnk's algorithm (Jöhnk 1964; Devroye 1986, ch. IX) in log space, as numpy
 *   does: X = U₁^(1/a) = exp(−E₁/a), Y = U₂^(1/b) = exp(−E₂/b) with E standard exponentials;
 *   accept when X + Y ≤ 1 and return X/(X + Y). While both exponents exceed −700, X and Y are
 *   normal doubles and are used directly; otherwise the test and the ratio are done in log space,
 *   ln(X + Y) = max + log1p(e) ≤ 0 with e = exp(min − max), ratios 1/(1 + e) and e/(1 + e), so
 *   tiny parameters never produce 0/0 nor lose precision in subnormals. Expected iterations
 *   Γ(a + b + 1)/(Γ(a + 1)·Γ(b + 1)) ≤ 2.
 * - otherwise: X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia–Tsang); X + Y > 0 always,
 *   because max(a, b) > 1 and the Marsaglia–Tsang variate for shape ≥ 1 is positive.
 *
 * @internal Exported for `dirichlet`'s stick-breaking; not part of the public API.
 */
export function betaPairUnchecked(
  stream: RandomStream,
  a: number,
  b: number,
  pair: Float64Array,
): void {
  if (a <= 1 && b <= 1) {
    for (;;) {
      const e1 = standardExponentialUnchecked(stream);
      const e2 = standardExponentialUnchecked(stream);
      const lx = -e1 / a;
      const ly = -e2 / b;
      if (lx > LOG_SAFE_MIN && ly > LOG_SAFE_MIN) {
        const x = Math.exp(lx);
        const y = Math.exp(ly);
        const s = x + y;
        if (s <= 1) {
          pair[0] = x / s;
          pair[1] = y / s;
          return;
        }
      } else if (lx === Number.NEGATIVE_INFINITY && ly === Number.NEGATIVE_INFINITY) {
        // Only for a and b near the smallest doubles: both logarithms overflow, X + Y ≤ 1, and
        // the ratio is 0 or 1 to double precision; X is the larger iff E₁/a < E₂/b, compared as
        // E₁/E₂ < a/b, which does not overflow (and cannot loop: the draw is accepted).
        const xLarger = e1 / e2 < a / b;
        pair[0] = xLarger ? 1 : 0;
        pair[1] = xLarger ? 0 : 1;
        return;
      } else {
        // With e = exp(lo − hi) ≤ 1: ln(X + Y) = hi + log1p(e), and the larger of X, Y over the
        // sum is 1/(1 + e), the smaller e/(1 + e). Forming these from the difference lo − hi
        // (rather than exp(lx − ln(X + Y)) with |lx| up to ~1e4 or more) keeps both ratios
        // accurate to a few ulps, so they sum to 1 within rounding.
        const hi = Math.max(lx, ly);
        const e = Math.exp(Math.min(lx, ly) - hi);
        if (hi + Math.log1p(e) <= 0) {
          const big = 1 / (1 + e);
          const small = e / (1 + e);
          pair[0] = lx >= ly ? big : small;
          pair[1] = lx >= ly ? small : big;
          return;
        }
      }
    }
  }
  const x = standardGammaUnchecked(stream, a);
  const y = standardGammaUnchecked(stream, b);
  const s = x + y;
  pair[0] = x / s;
  pair[1] = y / s;
}

const scratch = new Float64Array(2);

function checkParameters(api: string, a: number, b: number): void {
  assertPositive(api, "a", a);
  assertPositive(api, "b", b);
}

/**
 * One Beta(a, b) variate on [0, 1] (density x^(a−1)(1−x)^(b−1)/B(a, b)).
 *
 * Algorithm (numpy's choice): for a ≤ 1 and b ≤ 1, Jöhnk's algorithm in log space (M. D. Jöhnk,
 * "Erzeugung von betaverteilten und gammaverteilten Zufallszahlen", Metrika 8, 1964); otherwise
 * X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) by Marsaglia–Tsang. Values within 2^-1074 of 0
 * round to 0, and values within 2^-53 of 1 round to 1 (a double's resolution there).
 *
 * @throws InvalidParameterError unless `a` and `b` are finite and > 0.
 */
export function beta(stream: RandomStream, a: number, b: number): number {
  checkParameters("beta", a, b);
  betaPairUnchecked(stream, a, b, scratch);
  return scratch[0];
}

/**
 * Fills `out` with Beta(a, b) variates; identical to calling {@link beta} `out.length` times.
 * Validates once. Returns `out`.
 *
 * @throws InvalidParameterError unless `a` and `b` are finite and > 0 and `out` is a
 * Float64Array.
 */
export function fillBeta(
  stream: RandomStream,
  out: Float64Array,
  a: number,
  b: number,
): Float64Array {
  const api = "fillBeta";
  checkOut(api, out);
  checkParameters(api, a, b);
  const pair = scratch;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    betaPairUnchecked(stream, a, b, pair);
    out[i] = pair[0];
  }
  return out;
}
