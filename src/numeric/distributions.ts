/**
 * Distribution functions of the gamma, beta, chi-square, Student t, binomial and Poisson
 * families, built on the regularized incomplete gamma/beta functions and Loader's saddle-point
 * pmfs.
 */

import { assertInteger, assertProbability, InvalidParameterError } from "../util/validate.ts";
import { lbeta } from "./gamma.ts";
import { regularizedBetaUnchecked, regularizedGammaUnchecked } from "./incomplete.ts";
import { dbinomRaw, dpoisRaw, subtractProduct } from "./loader.ts";

function assertNotNaN(api: string, name: string, v: number): void {
  if (typeof v !== "number" || Number.isNaN(v)) {
    throw new InvalidParameterError(api, name, "must be a number (not NaN)", v);
  }
}

function assertPositiveFinite(api: string, name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
    throw new InvalidParameterError(api, name, "must be finite and > 0", v);
  }
}

const MIN_K = -Number.MAX_SAFE_INTEGER;

/** k: any safe integer (values outside the support give 0/1). */
function assertK(api: string, k: number): void {
  assertInteger(api, "k", k, MIN_K);
}

// ---------------------------------------------------------------------------------------------
// Continuous
// ---------------------------------------------------------------------------------------------

/**
 * Gamma cdf F(x; k, θ) = P(k, x/θ) (regularized lower incomplete gamma, A&S 6.5.1 / 26.4.19
 * form), shape k, scale θ. F = 0 for x ≤ 0.
 * @param x any number except NaN.
 * @param shape finite and > 0.
 * @param scale finite and > 0 (default 1).
 */
export function gammaCdf(x: number, shape: number, scale = 1): number {
  assertNotNaN("gammaCdf", "x", x);
  assertPositiveFinite("gammaCdf", "shape", shape);
  assertPositiveFinite("gammaCdf", "scale", scale);
  if (x <= 0) return 0;
  return regularizedGammaUnchecked(shape, x / scale, false);
}

/**
 * Gamma survival function 1 − F(x; k, θ) = Q(k, x/θ) (A&S 6.5.3), computed directly in the upper
 * tail.
 * @param x any number except NaN.
 * @param shape finite and > 0.
 * @param scale finite and > 0 (default 1).
 */
export function gammaSf(x: number, shape: number, scale = 1): number {
  assertNotNaN("gammaSf", "x", x);
  assertPositiveFinite("gammaSf", "shape", shape);
  assertPositiveFinite("gammaSf", "scale", scale);
  if (x <= 0) return 1;
  return regularizedGammaUnchecked(shape, x / scale, true);
}

/**
 * Beta cdf F(x; a, b) = I_x(a, b) (A&S 26.5.1). F = 0 for x ≤ 0 and 1 for x ≥ 1.
 * @param x any number except NaN.
 * @param a finite and > 0.
 * @param b finite and > 0.
 */
export function betaCdf(x: number, a: number, b: number): number {
  assertNotNaN("betaCdf", "x", x);
  assertPositiveFinite("betaCdf", "a", a);
  assertPositiveFinite("betaCdf", "b", b);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return regularizedBetaUnchecked(x, 1 - x, a, b, false);
}

/**
 * Beta survival function 1 − I_x(a, b) = I_{1−x}(b, a) (A&S 26.5.2), computed directly.
 * @param x any number except NaN.
 * @param a finite and > 0.
 * @param b finite and > 0.
 */
export function betaSf(x: number, a: number, b: number): number {
  assertNotNaN("betaSf", "x", x);
  assertPositiveFinite("betaSf", "a", a);
  assertPositiveFinite("betaSf", "b", b);
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  return regularizedBetaUnchecked(x, 1 - x, a, b, true);
}

/**
 * Chi-square cdf with k degrees of freedom: P(k/2, x/2) (A&S 26.4.19). 0 for x ≤ 0.
 * @param x any number except NaN.
 * @param k degrees of freedom, finite and > 0 (need not be an integer).
 */
export function chiSquareCdf(x: number, k: number): number {
  assertNotNaN("chiSquareCdf", "x", x);
  assertPositiveFinite("chiSquareCdf", "k", k);
  if (x <= 0) return 0;
  return regularizedGammaUnchecked(0.5 * k, 0.5 * x, false);
}

/**
 * Chi-square survival function Q(k/2, x/2) (A&S 26.4.19 complement), computed directly in the
 * upper tail (the p-value of a chi-square statistic). 1 for x ≤ 0.
 * @param x any number except NaN.
 * @param k degrees of freedom, finite and > 0.
 */
export function chiSquareSf(x: number, k: number): number {
  assertNotNaN("chiSquareSf", "x", x);
  assertPositiveFinite("chiSquareSf", "k", k);
  if (x <= 0) return 1;
  return regularizedGammaUnchecked(0.5 * k, 0.5 * x, true);
}

/** Lower tail of Student t at t ≤ 0 (no validation): ½ I_{ν/(ν+t²)}(ν/2, ½) (A&S 26.7.1). */
function studentTLower(t: number, nu: number): number {
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const t2 = t * t;
  // x = ν/(ν+t²), y = t²/(ν+t²), each computed directly so the smaller one is accurate. For
  // t² ≥ ν, r = ν/t² is formed as (ν/|t|)/|t| so that |t| > 1.3e154 (t² overflows) still works.
  const a = Math.abs(t);
  const r = nu / a / a;
  if (r < 1e-290) {
    // Far tail: x = ν/(ν+t²) is (sub)normal-underflow small. I_x(ν/2, ½) = x^{ν/2}/((ν/2)·B(ν/2, ½))
    // ·(1 + O(x)) (A&S 26.5.4, first term), with ln x = ln ν − 2 ln|t|: relative error O(x) < 1e-290.
    const h = 0.5 * nu;
    return 0.5 * Math.exp(h * (Math.log(nu) - 2 * Math.log(a)) - Math.log(h) - lbeta(h, 0.5));
  }
  const x = nu >= t2 ? 1 / (1 + t2 / nu) : r / (1 + r);
  const y = t2 >= nu ? 1 / (1 + r) : t2 / nu / (1 + t2 / nu);
  return 0.5 * regularizedBetaUnchecked(x, y, 0.5 * nu, 0.5, false);
}

/**
 * Student t cdf with ν degrees of freedom:
 * F(t) = ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≤ 0 and 1 − F(−t) for t > 0 (A&S 26.7.1, 26.5.27).
 * Relatively accurate in the lower tail; for t > 0 see {@link studentTSf} for the upper tail.
 * @param x any number except NaN.
 * @param nu degrees of freedom, finite and > 0.
 */
export function studentTCdf(x: number, nu: number): number {
  assertNotNaN("studentTCdf", "x", x);
  assertPositiveFinite("studentTCdf", "nu", nu);
  return x <= 0 ? studentTLower(x, nu) : 1 - studentTLower(-x, nu);
}

/**
 * Student t survival function 1 − F(t) = F(−t) (symmetry), relatively accurate in the upper
 * tail.
 * @param x any number except NaN.
 * @param nu degrees of freedom, finite and > 0.
 */
export function studentTSf(x: number, nu: number): number {
  assertNotNaN("studentTSf", "x", x);
  assertPositiveFinite("studentTSf", "nu", nu);
  return x >= 0 ? studentTLower(-x, nu) : 1 - studentTLower(x, nu);
}

// ---------------------------------------------------------------------------------------------
// Discrete
// ---------------------------------------------------------------------------------------------

function assertBinomial(api: string, k: number, n: number, p: number): void {
  assertK(api, k);
  assertInteger(api, "n", n);
  assertProbability(api, "p", p);
}

/**
 * Binomial pmf C(n, k) p^k (1 − p)^{n−k}, in Loader's saddle-point form
 * exp(δ(n) − δ(k) − δ(n−k) − bd0(k, np) − bd0(n−k, nq))·√(n/(2πk(n−k))) (Loader 2000, eq. 2.5;
 * δ = Stirling remainder, bd0 = deviance), evaluated in log space so n = 1e9 neither overflows
 * nor loses accuracy (k − np is computed with an exact product). 0 outside 0 ≤ k ≤ n.
 * @param k integer (any sign).
 * @param n integer ≥ 0.
 * @param p probability in [0, 1].
 */
export function binomialPmf(k: number, n: number, p: number): number {
  assertBinomial("binomialPmf", k, n, p);
  if (k < 0 || k > n) return 0;
  return dbinomRaw(k, n, p, 1 - p, subtractProduct(k, n, p));
}

/** P(X ≤ k) (upper = false) or P(X > k) (upper = true) for 0 ≤ k < n, 0 < p < 1. */
function binomialTail(k: number, n: number, p: number, upper: boolean): number {
  // P(X > k) = I_p(k + 1, n − k)  (A&S 26.5.24)
  return regularizedBetaUnchecked(p, 1 - p, k + 1, n - k, !upper);
}

/**
 * Binomial cdf P(X ≤ k) = I_{1−p}(n − k, k + 1) = 1 − I_p(k + 1, n − k) (A&S 26.5.24), with the
 * incomplete beta computed on its smaller side, so both tails are relatively accurate.
 * @param k integer (any sign; k < 0 gives 0, k ≥ n gives 1).
 * @param n integer ≥ 0.
 * @param p probability in [0, 1].
 */
export function binomialCdf(k: number, n: number, p: number): number {
  assertBinomial("binomialCdf", k, n, p);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return binomialTail(k, n, p, false);
}

/**
 * Binomial survival function P(X > k) = I_p(k + 1, n − k) (A&S 26.5.24; scipy's `binom.sf`
 * convention, strictly greater), computed directly.
 * @param k integer (any sign; k < 0 gives 1, k ≥ n gives 0).
 * @param n integer ≥ 0.
 * @param p probability in [0, 1].
 */
export function binomialSf(k: number, n: number, p: number): number {
  assertBinomial("binomialSf", k, n, p);
  if (k < 0) return 1;
  if (k >= n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return binomialTail(k, n, p, true);
}

function assertPoisson(api: string, k: number, lambda: number): void {
  assertK(api, k);
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || !(lambda >= 0)) {
    throw new InvalidParameterError(api, "lambda", "must be finite and >= 0", lambda);
  }
}

/**
 * Poisson pmf e^{−λ}λ^k/k!, in Loader's form e^{−δ(k) − bd0(k, λ)}/√(2πk) (Loader 2000), so
 * λ = 1e9 keeps full accuracy. 0 for k < 0; λ = 0 is the point mass at 0.
 * @param k integer (any sign).
 * @param lambda mean, finite and ≥ 0.
 */
export function poissonPmf(k: number, lambda: number): number {
  assertPoisson("poissonPmf", k, lambda);
  if (k < 0) return 0;
  return dpoisRaw(k, lambda);
}

/**
 * Poisson cdf P(X ≤ k) = Q(k + 1, λ) (regularized upper incomplete gamma, A&S 26.4.21).
 * @param k integer (any sign; k < 0 gives 0).
 * @param lambda mean, finite and ≥ 0.
 */
export function poissonCdf(k: number, lambda: number): number {
  assertPoisson("poissonCdf", k, lambda);
  if (k < 0) return 0;
  if (lambda === 0) return 1;
  return regularizedGammaUnchecked(k + 1, lambda, true);
}

/**
 * Poisson survival function P(X > k) = P(k + 1, λ) (A&S 26.4.21; scipy's `poisson.sf`
 * convention), computed directly.
 * @param k integer (any sign; k < 0 gives 1).
 * @param lambda mean, finite and ≥ 0.
 */
export function poissonSf(k: number, lambda: number): number {
  assertPoisson("poissonSf", k, lambda);
  if (k < 0) return 1;
  if (lambda === 0) return 0;
  return regularizedGammaUnchecked(k + 1, lambda, false);
}
