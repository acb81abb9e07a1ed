/**
 * Log-gamma, log-beta, digamma and trigamma for plain numbers (hand-written; no mathjs).
 *
 * Why not mathjs: `math.lgamma` is the 7-term Lanczos fit (g = 5) from Numerical Recipes with
 * relative error ~1e-10, and it loses all relative accuracy next to the zeros of lnΓ at 1 and 2;
 * mathjs has no digamma/trigamma. These functions sit in the inner loop of every pmf/cdf, so they
 * are plain-number code (~20–50 ns per call on Node 20).
 */

import { InvalidParameterError } from "../util/validate.ts";

const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)

/**
 * Coefficients c_k = (−1)^k (ζ(k) − 1)/k, k = 2 … 33, of the Taylor series
 * lnΓ(2 + ε) = (1 − γ)ε + Σ_{k≥2} c_k ε^k (Abramowitz & Stegun 6.1.33 combined with
 * ln(1 + ε) = Σ (−1)^{k+1} ε^k/k). Generated with mpmath (60 digits) by make_tables() in
 * test/fixtures/make_numeric_fixtures.py; @internal (exported for test/numeric/tables.test.ts).
 * For |ε| ≤ 0.5 the terms fall like 4^{−k}, so 32 terms reach ~1e-19 relative.
 */
export const LGAMMA2_SERIES = [
  0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986,
  0.0028905103307415234, -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939,
  9.945751278180853e-5, -4.492623673813314e-5, 2.050721277567069e-5, -9.439488275268397e-6,
  4.374866789907488e-6, -2.039215753801366e-6, 9.55141213040742e-7, -4.492469198764566e-7,
  2.1207184805554665e-7, -1.0043224823968099e-7, 4.7698101693639804e-8, -2.2711094608943164e-8,
  1.0838659214896955e-8, -5.183475041970047e-9, 2.4836745438024785e-9, -1.1921401405860912e-9,
  5.731367241678862e-10, -2.7595228851242334e-10, 1.330476437424449e-10, -6.4229645638381e-11,
  3.1044247747322276e-11, -1.5021384080754142e-11, 7.275974480239079e-12, -3.527742476575915e-12,
];
export const ONE_MINUS_EULER = 0.42278433509846713; // 1 − γ

/** lnΓ(2 + ε) for |ε| ≤ 0.5 by the ζ-series above (relative error ≲ 2 ulp; lnΓ(2) = 0 exactly). */
function lgamma2Series(eps: number): number {
  let s = 0;
  for (let k = LGAMMA2_SERIES.length - 1; k >= 0; k--) s = s * eps + LGAMMA2_SERIES[k];
  return eps * (ONE_MINUS_EULER + eps * s);
}

/**
 * Stirling-series coefficients B_{2k}/(2k(2k − 1)), k = 1 … 8 (A&S 6.1.40), in powers of 1/x².
 */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

/** Σ_k B_{2k}/(2k(2k−1) x^{2k−1}) for x ≥ 10: truncation error < B₁₈/(306·x¹⁷) < 2e-18. */
function stirlingTail(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  let s = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) s = s * r2 + STIRLING[k];
  return s * r;
}

/** sin(πx) with exact argument reduction (x mod 2), so sinPi(n) = 0 exactly for integer n. */
export function sinPi(x: number): number {
  if (x < 0) return -sinPi(-x); // odd; avoids the rounding of x + 2 for tiny negative x
  const r = x % 2; // exact, in [0, 2)
  if (r <= 0.25) return Math.sin(Math.PI * r);
  if (r <= 0.75) return Math.cos(Math.PI * (r - 0.5));
  if (r <= 1.25) return Math.sin(Math.PI * (1 - r));
  if (r <= 1.75) return -Math.cos(Math.PI * (r - 1.5));
  return Math.sin(Math.PI * (r - 2));
}

/** cos(πx) with exact argument reduction (even function; cosPi(n + ½) = 0 exactly). */
function cosPi(x: number): number {
  const r = Math.abs(x) % 2;
  if (r <= 0.25) return Math.cos(Math.PI * r);
  if (r <= 0.75) return -Math.sin(Math.PI * (r - 0.5));
  if (r <= 1.25) return -Math.cos(Math.PI * (r - 1));
  if (r <= 1.75) return Math.sin(Math.PI * (r - 1.5));
  return Math.cos(Math.PI * (r - 2));
}

function assertNotPole(api: string, x: number): void {
  if (typeof x !== "number" || Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) {
    throw new InvalidParameterError(api, "x", "must be a number (not NaN or -Infinity)", x);
  }
  if (x <= 0 && Number.isInteger(x)) {
    throw new InvalidParameterError(api, "x", "must not be 0 or a negative integer (pole)", x);
  }
}

/** lnΓ(x) for x > 0 without validation (the kernel behind {@link lgamma}). @internal */
export function lgammaPositive(x: number): number {
  if (x < 0.5) return lgamma2Series(x) - Math.log(x) - Math.log1p(x); // lnΓ(x+2) − ln(x(x+1))
  if (x < 1.5) return lgamma2Series(x - 1) - Math.log(x); // lnΓ(x+1) − ln x
  if (x <= 2.5) return lgamma2Series(x - 2);
  if (x < 10) {
    // Downward recurrence: lnΓ(x) = lnΓ(y) + ln(y(y+1)…(x−1)), y = x − m ∈ (1.5, 2.5].
    let y = x;
    let prod = 1;
    while (y > 2.5) {
      y -= 1;
      prod *= y;
    }
    return lgamma2Series(y - 2) + Math.log(prod);
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  // Stirling: (x − ½)ln x − x + ln√(2π) + Σ B_{2k}/(2k(2k−1)x^{2k−1})  (A&S 6.1.40).
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingTail(x);
}

/**
 * lnΓ(1 + x) for x > −1, accurate also for tiny |x| (where it is ≈ −γx). @internal
 */
export function lgamma1p(x: number): number {
  if (Math.abs(x) <= 0.5) return lgamma2Series(x) - Math.log1p(x);
  return lgammaPositive(1 + x);
}

/**
 * The log-gamma function ln|Γ(x)|.
 *
 * - x ∈ (0, 10): shifted by the recurrence Γ(x + 1) = xΓ(x) into [1.5, 2.5] and evaluated by the
 *   Taylor series lnΓ(2 + ε) = (1 − γ)ε + Σ_{k≥2} (−1)^k (ζ(k) − 1) ε^k/k (A&S 6.1.33), so the
 *   zeros at x = 1 and x = 2 keep full relative accuracy.
 * - x ≥ 10: Stirling's series with 8 Bernoulli terms (A&S 6.1.40); error < 2e-18 absolute.
 * - x < 0 (non-integer): reflection lnΓ(x) = ln(π/|sin πx|) − lnΓ(1 − x) (A&S 6.1.17); relative
 *   accuracy is lost next to the zeros of lnΓ on the negative axis (absolute error stays ~1e-15).
 *
 * Relative error vs 40-digit mpmath: ≤ 3 ε for x > 0 (scipy's gammaln loses relative accuracy
 * next to 1 and 2, e.g. 2e-9 at 1 + 1e-8).
 * @param x a number, not NaN, −∞, 0 or a negative integer (poles: these throw). lgamma(∞) = ∞.
 */
export function lgamma(x: number): number {
  assertNotPole("lgamma", x);
  if (x > 0) return lgammaPositive(x);
  return Math.log(Math.PI / Math.abs(sinPi(x))) - lgammaPositive(1 - x);
}

/**
 * The log-beta function ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b) (A&S 6.2.2), for a, b > 0.
 *
 * To avoid cancelling three large lnΓ values, the Stirling forms (A&S 6.1.40, remainder
 * S(x) = Σ B_{2k}/(2k(2k−1)x^{2k−1})) are combined analytically (with a ≤ b, c = a + b):
 * - a ≥ 10: ln B = ln√(2π) − ½ln b + (a − ½)ln(a/c) + b·ln(1 − a/c) + S(a) + S(b) − S(c);
 * - b ≥ 10 > a: lnΓ(b) − lnΓ(c) = a − a·ln c − (b − ½)·ln(1 + a/b) + S(b) − S(c);
 * - 2 ≤ b < 10: the same after shifting b up by m = ⌈10 − b⌉:
 *   lnΓ(b) − lnΓ(c) = lnΓ(b + m) − lnΓ(c + m) + Σ_{i<m} ln(1 + a/(b + i));
 * - b < 2: the three lnΓ values directly (all O(1)).
 * Relative error vs 40-digit mpmath ≤ 6 ε away from the zeros of ln B.
 * @param a finite and > 0.
 * @param b finite and > 0.
 */
export function lbeta(a: number, b: number): number {
  assertShape("lbeta", "a", a);
  assertShape("lbeta", "b", b);
  return lbetaUnchecked(a, b);
}

/** {@link lbeta} without validation. @internal */
export function lbetaUnchecked(a0: number, b0: number): number {
  const a = Math.min(a0, b0);
  const b = Math.max(a0, b0); // a ≤ b
  const c = a + b;
  if (a >= 10) {
    // (a − ½)ln a + (b − ½)ln b − (c − ½)ln c = (a − ½)ln(a/c) + b·ln(b/c) − ½ln b, ln(b/c) = ln(1 − a/c).
    const corr = stirlingTail(a) + stirlingTail(b) - stirlingTail(c);
    return (
      LN_SQRT_2PI - 0.5 * Math.log(b) + (a - 0.5) * Math.log(a / c) + b * Math.log1p(-a / c) + corr
    );
  }
  if (b >= 10) {
    // lnΓ(b) − lnΓ(c) = (b − ½)ln b − (c − ½)ln c + a + S(b) − S(c)
    //                 = −a·ln c − (b − ½)·ln(1 + a/b) + a + S(b) − S(c).
    const corr = stirlingTail(b) - stirlingTail(c);
    return lgammaPositive(a) + (-a * Math.log(c) - (b - 0.5) * Math.log1p(a / b) + a + corr);
  }
  // Both < 2: lnΓ values are O(1) (and exact zeros such as ln B(1, 1) = 0 stay exact).
  if (b < 2) return lgammaPositive(a) + lgammaPositive(b) - lgammaPositive(c);
  // 2 ≤ b < 10: shift b up by m so the Stirling difference applies, using
  // lnΓ(b) − lnΓ(c) = lnΓ(b + m) − lnΓ(c + m) + Σ_{i<m} ln(1 + a/(b + i)) (no cancellation).
  const m = Math.ceil(10 - b);
  const bm = b + m;
  const cm = bm + a;
  let logs = 0;
  for (let i = 0; i < m; i++) logs += Math.log1p(a / (b + i));
  const corr = stirlingTail(bm) - stirlingTail(cm);
  return (
    lgammaPositive(a) + (-a * Math.log(cm) - (bm - 0.5) * Math.log1p(a / bm) + a + corr) + logs
  );
}

function assertShape(api: string, name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
    throw new InvalidParameterError(api, name, "must be finite and > 0", v);
  }
}

/** Positive root of ψ (x₀ ≈ 1.4616), split into a double and its remainder. */
export const DIGAMMA_ROOT_HI = 1.4616321449683622;
export const DIGAMMA_ROOT_LO = 9.549995429965697e-17;
/**
 * Taylor coefficients ψ^{(k)}(x₀)/k!, k = 1 … 44, of ψ around its positive root x₀
 * (mpmath, 60 digits; make_tables() in test/fixtures/make_numeric_fixtures.py). @internal
 * Radius of convergence x₀ (pole at 0); on [1, 2] the ratio is ≤ 0.37, so
 * 44 terms reach ~1e-19.
 */
export const DIGAMMA_TAYLOR = [
  0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652,
  0.10782405069126237, -0.07219956125645471, 0.04880428816414311, -0.03316112647484736,
  0.022597648232218104, -0.01542476590494896, 0.010538791616612175, -0.007204534386356869,
  0.004926781395729853, -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972,
  0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602, -0.0003454680251063077,
  0.00023635601564027053, -0.00016170622091974803, 0.0001106337276874741, -7.569179582195066e-5,
  5.178575795222081e-5, -3.5430070947659604e-5, 2.424006611860132e-5, -1.6584242271854135e-5,
  1.134638458466385e-5, -7.762817668462094e-6, 5.3110609208898636e-6, -3.6336507898010456e-6,
  2.486022733129538e-6, -1.7008538854332607e-6, 1.1636675363548843e-6, -7.96142543124197e-7,
  5.446941930669446e-7, -3.7266161283438227e-7, 2.549626552021554e-7, -1.7443695117727745e-7,
  1.1934394829830244e-7, -8.165115189488409e-8, 5.586299683532171e-8, -3.821960061917494e-8,
];

/** ψ on [1, 2] by the Taylor series around its root (full relative accuracy at the root). */
function digammaCore(x: number): number {
  const h = x - DIGAMMA_ROOT_HI - DIGAMMA_ROOT_LO; // x − hi is exact (Sterbenz)
  let s = 0;
  for (let k = DIGAMMA_TAYLOR.length - 1; k >= 0; k--) s = s * h + DIGAMMA_TAYLOR[k];
  return s * h;
}

/** ψ(x) for x > 0. */
function digammaPositive(x: number): number {
  if (x < 1) {
    // ψ(x) = ψ(x + 1) − 1/x  (A&S 6.3.5)
    return digammaPositive(x + 1) - 1 / x;
  }
  if (x <= 2) return digammaCore(x);
  if (x < 10) {
    // Upward sum from y ∈ (1, 2]: ψ(x) = ψ(y) + Σ_{i=0}^{m−1} 1/(y + i).
    let y = x;
    let acc = 0;
    while (y > 2) {
      y -= 1;
      acc += 1 / y;
    }
    return digammaCore(y) + acc;
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  // Asymptotic series (A&S 6.3.18): ψ(x) = ln x − 1/(2x) − Σ_{k=1}^{9} B_{2k}/(2k x^{2k});
  // at x ≥ 10 the first omitted term is < B₂₀/(20·10²⁰) ≈ 3e-19.
  const r2 = 1 / (x * x);
  const s =
    r2 *
    (1 / 12 -
      r2 *
        (1 / 120 -
          r2 *
            (1 / 252 -
              r2 *
                (1 / 240 -
                  r2 *
                    (1 / 132 -
                      r2 *
                        (691 / 32760 -
                          r2 * (1 / 12 - r2 * (3617 / 8160 - r2 * (43867 / 14364)))))))));
  return Math.log(x) - 0.5 / x - s;
}

/**
 * The digamma function ψ(x) = d/dx lnΓ(x).
 *
 * - x ∈ [1, 2]: Taylor series about the positive root x₀ = 1.46163… (coefficients ψ^{(k)}(x₀)/k!),
 *   so ψ keeps full relative accuracy at its root;
 * - x ∈ (0, 1): ψ(x) = ψ(x + 1) − 1/x; x ∈ (2, 10): ψ(x) = ψ(x − m) + Σ 1/(x − i) (A&S 6.3.5);
 * - x ≥ 10: asymptotic series ln x − 1/(2x) − Σ B_{2k}/(2k x^{2k}) (A&S 6.3.18; the threshold is
 *   10 rather than 6 because at 6 the Bernoulli series cannot reach 1e-16 with 9 terms);
 * - x < 0: reflection ψ(x) = ψ(1 − x) − π cot(πx) (A&S 6.3.7); relative accuracy is lost next to
 *   the negative roots of ψ (absolute error stays ~1e-15·|ψ(1 − x)|).
 *
 * Convention at the poles: x = 0 and negative integers throw {@link InvalidParameterError}.
 * ψ(∞) = ∞.
 * @param x a number, not NaN, −∞, 0 or a negative integer.
 */
export function digamma(x: number): number {
  assertNotPole("digamma", x);
  if (x > 0) return digammaPositive(x);
  return digammaPositive(1 - x) - (Math.PI * cosPi(x)) / sinPi(x);
}

/** ψ′(x) for x > 0. */
function trigammaPositive(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return 0;
  // Recurrence ψ′(x) = ψ′(x + 1) + 1/x² (A&S 6.4.6): all terms positive, no cancellation.
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc += 1 / (y * y);
    y += 1;
  }
  // Asymptotic series (A&S 6.4.12): ψ′(y) = 1/y + 1/(2y²) + Σ_{k=1}^{9} B_{2k}/y^{2k+1};
  // at y ≥ 10 the first omitted term is < B₂₀/10²¹ ≈ 5e-19.
  const r = 1 / y;
  const r2 = r * r;
  const s =
    r2 *
    (1 / 6 -
      r2 *
        (1 / 30 -
          r2 *
            (1 / 42 -
              r2 *
                (1 / 30 -
                  r2 *
                    (5 / 66 -
                      r2 *
                        (691 / 2730 - r2 * (7 / 6 - r2 * (3617 / 510 - r2 * (43867 / 798)))))))));
  return acc + r * (1 + r * 0.5 + s);
}

/**
 * The trigamma function ψ′(x) = d²/dx² lnΓ(x).
 *
 * - x > 0: recurrence ψ′(x) = ψ′(x + 1) + 1/x² up to y ≥ 10, then the asymptotic series
 *   ψ′(y) = 1/y + 1/(2y²) + Σ B_{2k}/y^{2k+1} (A&S 6.4.6, 6.4.12); every term is positive, so the
 *   relative error is a few ulp.
 * - x < 0: reflection ψ′(x) = π²/sin²(πx) − ψ′(1 − x) (A&S 6.4.7).
 *
 * Convention at the poles: x = 0 and negative integers throw {@link InvalidParameterError}.
 * ψ′(∞) = 0.
 * @param x a number, not NaN, −∞, 0 or a negative integer.
 */
export function trigamma(x: number): number {
  assertNotPole("trigamma", x);
  if (x > 0) return trigammaPositive(x);
  const s = sinPi(x);
  return (Math.PI * Math.PI) / (s * s) - trigammaPositive(1 - x);
}
