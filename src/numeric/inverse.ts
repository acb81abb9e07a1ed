import { InvalidParameterError } from "../util/validate.ts";
import { betaCdf, betaSf, studentTCdf, studentTSf } from "./distributions.ts";
import { normalQuantile } from "./normal.ts";

function assertOpenProbability(api: string, p: number, name = "p"): void {
  if (typeof p !== "number" || !(p > 0 && p < 1)) {
    throw new InvalidParameterError(api, name, "must be a probability in (0, 1)", p);
  }
}

function assertPositiveFinite(api: string, name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
    throw new InvalidParameterError(api, name, "must be finite and > 0", v);
  }
}

/**
 * Smallest double x in [lo, hi] with `below(x) === false`, for a predicate that is true below
 * the root and false above it: bisection to adjacent doubles, splitting geometrically while the
 * bracket spans more than a factor 2 of positive values so tiny roots keep full relative
 * precision (≤ ~1100 steps over the whole positive double range).
 */
function bisect(below: (x: number) => boolean, lo: number, hi: number): number {
  for (let i = 0; i < 2200; i++) {
    const mid = lo > 0 && hi / lo > 2 ? Math.sqrt(lo) * Math.sqrt(hi) : lo + (hi - lo) / 2;
    if (!(mid > lo && mid < hi)) break;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Quantile of Student's t with ν degrees of freedom: the t with F_ν(t) = p, by bisection on
 * the distribution function (studentTCdf / studentTSf, the latter for p > ½ so upper quantiles
 * keep their accuracy) to adjacent doubles. Symmetric: Q(1 − p) = −Q(p).
 * @param p in (0, 1).
 * @param nu degrees of freedom, finite and > 0.
 */
export function studentTQuantile(p: number, nu: number): number {
  assertOpenProbability("studentTQuantile", p);
  assertPositiveFinite("studentTQuantile", "nu", nu);
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, nu);
  // Lower tail: t < 0. Bracket [−h, 0] with F(−h) < p, then solve on the magnitude.
  let h = Math.max(1, -normalQuantile(p));
  while (studentTCdf(-h, nu) > p) {
    h *= 2;
    // Heavy tails (small ν) put tiny quantiles beyond the largest double.
    if (h === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  }
  // below(m) ⇔ P(T ≥ m) > p ⇔ m below the root of the magnitude.
  return -bisect((m) => studentTSf(m, nu) > p, 0, h);
}

/**
 * Quantile of the Beta(a, b) distribution: the x in [0, 1] with I_x(a, b) = p (Clopper–Pearson
 * bounds are Beta quantiles), by bisection to adjacent doubles against the smaller tail
 * probability (cdf for p ≤ ½, sf above; see betaFromTail).
 * @param p in (0, 1).
 * @param a finite and > 0.
 * @param b finite and > 0.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  assertOpenProbability("betaQuantile", p);
  assertPositiveFinite("betaQuantile", "a", a);
  assertPositiveFinite("betaQuantile", "b", b);
  return p <= 0.5 ? betaFromTail(p, true, a, b) : betaFromTail(1 - p, false, a, b);
}

/**
 * Inverse survival function of Beta(a, b): the x with P(X > x) = q, solved from q itself, so an
 * upper tail probability far below 1e-16 (e.g. a Clopper–Pearson bound at α = 1e-9) keeps its
 * accuracy instead of being rounded through 1 − q.
 * @param q in (0, 1).
 * @param a finite and > 0.
 * @param b finite and > 0.
 */
export function betaInverseSf(q: number, a: number, b: number): number {
  assertOpenProbability("betaInverseSf", q, "q");
  assertPositiveFinite("betaInverseSf", "a", a);
  assertPositiveFinite("betaInverseSf", "b", b);
  return q <= 0.5 ? betaFromTail(q, false, a, b) : betaFromTail(1 - q, true, a, b);
}

/**
 * The x with cdf(x) = tail (lower) or sf(x) = tail (upper), tail ≤ ½. Solves on the side of ½
 * where x lies — on x itself when x ≤ ½, else on y = 1 − x through 1 − X ~ Beta(b, a) — so small
 * quantiles and quantiles near 1 both keep their accuracy.
 */
function betaFromTail(tail: number, lower: boolean, a: number, b: number): number {
  const xAtMostHalf = lower ? tail <= betaCdf(0.5, a, b) : tail >= betaSf(0.5, a, b);
  if (xAtMostHalf) {
    return lower
      ? bisect((x) => betaCdf(x, a, b) < tail, Number.MIN_VALUE, 0.5)
      : bisect((x) => betaSf(x, a, b) > tail, Number.MIN_VALUE, 0.5);
  }
  // x > ½: y = 1 − x with Y ~ Beta(b, a): cdf_X(x) = sf_Y(y) and sf_X(x) = cdf_Y(y).
  const y = lower
    ? bisect((v) => betaSf(v, b, a) > tail, Number.MIN_VALUE, 0.5)
    : bisect((v) => betaCdf(v, b, a) < tail, Number.MIN_VALUE, 0.5);
  return 1 - y;
}
