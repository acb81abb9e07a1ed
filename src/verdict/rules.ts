import {
  betaInverseSf,
  betaQuantile,
  binomialCdf,
  binomialSf,
  normalQuantile,
  studentTQuantile,
  studentTSf,
} from "../numeric/index.ts";
import {
  assertFinite,
  assertInteger,
  assertPositive,
  InvalidParameterError,
} from "../util/validate.ts";
import { DETECTION_POWER, type Evidence, fmt, type Outcome } from "./evidence.ts";
import { type VarianceBoundInterval, varianceBoundInterval } from "./varianceBoundInterval.ts";

function checkAlpha(api: string, alpha: number): void {
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 0.5)) {
    throw new InvalidParameterError(api, "alpha", "must be in (0, 0.5)", alpha);
  }
}

function checkSample(api: string, x: Float64Array, min = 2): void {
  if (!(x instanceof Float64Array) || x.length < min) {
    throw new InvalidParameterError(api, "values", `must be a Float64Array of >= ${min} values`, x);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new InvalidParameterError(
        api,
        `values[${i}]`,
        "must be finite (a replicate produced a non-finite observation: test a transformed statistic, e.g. an indicator or a log)",
        x[i],
      );
    }
  }
}

/** Whether every value is the same (zero spread, whatever rounding does to the sample sd). */
function allEqual(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}

function moments(x: Float64Array): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const m = s / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - m) * (x[i] - m);
  return { mean: m, sd: Math.sqrt(ss / (x.length - 1)) };
}

/**
 * The quantities of a one-sample t-test: the sample mean, its standard error s/√n and the
 * degrees of freedom n − 1.
 */
function location(x: Float64Array): { n: number; mean: number; se: number; df: number } {
  const n = x.length;
  const { mean, sd } = moments(x);
  return { n, mean, se: sd / Math.sqrt(n), df: n - 1 };
}

/** Options of {@link meanEqualsRule}. */
export interface MeanEqualsConstraints {
  /** Total α for this decision (two-sided). */
  alpha: number;
  /**
   * The variance of one replicate's value, or an upper bound on it, when the claim can derive
   * one: the decision is then valid for any law with that variance (the variance-bound interval,
   * {@link varianceBoundInterval}). Otherwise the sample variance is used (one-sample t-test,
   * n − 1 degrees of freedom: asymptotic, anti-conservative on the side opposite a skew).
   */
  variance?: number;
  /**
   * Precision the verdict must reach to support the claim: supported only when a deviation of
   * this size would have been detected with power 0.9; otherwise inconclusive (more replicates).
   */
  precision: number;
}

/** The test name of a rule on a variance bound (any law) or on the sample variance (t). */
const VARIANCE_BOUND_TEST = "variance-bound interval (self-normalised, any law)";

/**
 * The evidence of a rule decided on the (1 − α) variance-bound interval [lower, upper]: refuted
 * when `against` — the mean whose exclusion refutes the claim (a claimed value, a bound, a band's
 * nearest edge, 0 for an ordering; undefined when none can) — lies outside it, with its p-value
 * (the smallest level that excludes it; 1 without one); else supported when `supported(lower,
 * upper, detectable)` holds, inconclusive otherwise. The detectable effect is the half-width plus
 * z_{0.9} standard errors.
 */
function varianceBoundEvidence(
  ci: VarianceBoundInterval,
  alpha: number,
  o: {
    readonly rule: string;
    readonly claim: string;
    readonly test: string;
    readonly statistic: number;
    readonly against: number | undefined;
    readonly supported: (lower: number, upper: number, detectable: number) => boolean;
  },
): Evidence {
  const lower = ci.mean - ci.halfWidth;
  const upper = ci.mean + ci.halfWidth;
  const detectableEffect = ci.halfWidth + normalQuantile(DETECTION_POWER) * ci.standardError;
  const refuted = o.against !== undefined && ci.excludes(o.against, alpha);
  const p = o.against === undefined ? 1 : ci.pValue(o.against);
  return {
    rule: o.rule,
    claim: o.claim,
    test: o.test,
    outcome: refuted
      ? "refuted"
      : o.supported(lower, upper, detectableEffect)
        ? "supported"
        : "inconclusive",
    statistic: o.statistic,
    // Refuted exactly when p < α (the bisection's last digit must not say otherwise).
    pValue: refuted ? Math.min(p, alpha * (1 - 1e-9)) : p,
    estimate: ci.mean,
    interval: [lower, upper],
    replicates: ci.n,
    alpha,
    detectableEffect,
  };
}

/**
 * Mean equals an exact value. With a variance bound: refuted when the value lies outside the
 * (1 − α) variance-bound interval ({@link varianceBoundInterval}); else a two-sided one-sample
 * t-test, refuted when p < α. Supported when not refuted and the detectable effect (the
 * interval's half-width plus z_{0.9}·se; (t_{1−α/2} + t_{0.9})·se for t) ≤ precision;
 * inconclusive otherwise.
 */
export function meanEqualsRule(
  x: Float64Array,
  expected: number,
  o: MeanEqualsConstraints,
): Evidence {
  const api = "meanEquals";
  checkSample(api, x);
  checkAlpha(api, o.alpha);
  assertFinite(api, "expected", expected);
  assertPositive(api, "precision", o.precision);
  if (o.variance !== undefined) {
    assertPositive(api, "variance", o.variance);
    const ci = varianceBoundInterval(x, o.variance, o.alpha);
    return varianceBoundEvidence(ci, o.alpha, {
      rule: "mean-equals",
      claim: `mean = ${fmt(expected)}`,
      test: VARIANCE_BOUND_TEST,
      statistic: (ci.mean - expected) / ci.standardError,
      against: expected,
      supported: (_lower, _upper, detectable) => detectable <= o.precision,
    });
  }
  const { n, mean, se, df } = location(x);
  const crit = studentTQuantile(1 - o.alpha / 2, df);
  const statistic =
    se > 0
      ? (mean - expected) / se
      : mean === expected
        ? 0
        : Number.POSITIVE_INFINITY * Math.sign(mean - expected);
  // Zero spread across replicates (every value equal) is no evidence that the law is
  // degenerate — a discrete observation can repeat by chance — so it neither refutes nor
  // supports: the sequential procedure adds replicates (p-value reported as 1).
  const degenerate = allEqual(x);
  const pValue = degenerate ? 1 : Math.min(1, 2 * studentTSf(Math.abs(statistic), df));
  const detectableEffect = (crit + studentTQuantile(DETECTION_POWER, df)) * se;
  const outcome: Outcome = degenerate
    ? "inconclusive"
    : pValue < o.alpha
      ? "refuted"
      : detectableEffect <= o.precision
        ? "supported"
        : "inconclusive";
  return {
    rule: "mean-equals",
    claim: `mean = ${fmt(expected)}`,
    test: "one-sample t-test",
    outcome,
    statistic,
    pValue,
    estimate: mean,
    interval: [mean - crit * se, mean + crit * se],
    replicates: n,
    alpha: o.alpha,
    detectableEffect,
  };
}

/** Options of {@link meanWithinRule}. */
export interface MeanWithinConstraints {
  /** Total α for this decision. */
  alpha: number;
  /** Half-width δ of the band [expected − δ, expected + δ] (> 0). */
  tolerance: number;
  /**
   * The variance of one replicate's value or an upper bound on it (the variance-bound interval,
   * valid for any law); omit for a t interval (asymptotic).
   */
  variance?: number;
}

/**
 * Mean lies within a band: |E[X] − expected| ≤ δ, for approximate statements (diffusion limits,
 * large-n forms) where a small deviation is expected and allowed. With the two-sided (1 − α)
 * confidence interval I (the variance-bound interval when a variance bound is given, else t with
 * n − 1 df): supported when I lies inside the band (two one-sided tests, TOST: Schuirmann 1987),
 * refuted when I lies wholly outside it, inconclusive otherwise. A mean inside the band is
 * refuted with probability ≤ α (≤ α/2 for t); one outside it is supported with probability ≤ α.
 * Unlike {@link meanEqualsRule}, a significant deviation smaller than δ does not refute.
 */
export function meanWithinRule(
  x: Float64Array,
  expected: number,
  o: MeanWithinConstraints,
): Evidence {
  const api = "meanWithin";
  checkSample(api, x);
  checkAlpha(api, o.alpha);
  assertFinite(api, "expected", expected);
  assertPositive(api, "tolerance", o.tolerance);
  const bandLo = expected - o.tolerance;
  const bandHi = expected + o.tolerance;
  if (o.variance !== undefined) {
    assertPositive(api, "variance", o.variance);
    const ci = varianceBoundInterval(x, o.variance, o.alpha);
    return varianceBoundEvidence(ci, o.alpha, {
      rule: "mean-within",
      claim: `mean within ${fmt(expected)} ± ${fmt(o.tolerance)}`,
      test: `${VARIANCE_BOUND_TEST} in band (TOST)`,
      statistic: (Math.abs(ci.mean - expected) - o.tolerance) / ci.standardError,
      // Refuted when the interval misses the band: the band edge nearest the mean is excluded.
      against: ci.mean > bandHi ? bandHi : ci.mean < bandLo ? bandLo : undefined,
      supported: (lower, upper) => lower >= bandLo && upper <= bandHi,
    });
  }
  const { n, mean, se, df } = location(x);
  const crit = studentTQuantile(1 - o.alpha / 2, df);
  const lo = mean - crit * se;
  const hi = mean + crit * se;
  // Distance outside the band in standard errors: the refutation test's statistic.
  const statistic =
    se > 0
      ? (Math.abs(mean - expected) - o.tolerance) / se
      : Math.abs(mean - expected) > o.tolerance
        ? Number.POSITIVE_INFINITY
        : Number.NEGATIVE_INFINITY;
  const degenerate = allEqual(x);
  // Two-sided convention (as every rule here): refuted exactly when p < α.
  const pValue = degenerate ? 1 : Math.min(1, 2 * studentTSf(statistic, df));
  const outcome: Outcome = degenerate
    ? "inconclusive"
    : lo > bandHi || hi < bandLo
      ? "refuted"
      : lo >= bandLo && hi <= bandHi
        ? "supported"
        : "inconclusive";
  return {
    rule: "mean-within",
    claim: `mean within ${fmt(expected)} ± ${fmt(o.tolerance)}`,
    test: "t interval in band (TOST)",
    outcome,
    statistic,
    pValue,
    estimate: mean,
    interval: [lo, hi],
    replicates: n,
    alpha: o.alpha,
    detectableEffect: (crit + studentTQuantile(DETECTION_POWER, df)) * se,
  };
}

/** Direction of a one-sided claim. */
export type Direction = "at-most" | "at-least";

/** Options of {@link boundRule}. */
export interface BoundConstraints {
  alpha: number;
  /**
   * Indifference margin: "at-most B" is supported once the upper confidence bound is ≤ B + margin
   * (a mean sitting exactly on a tight bound can never be shown strictly below it). Refutation
   * is unaffected. @defaultValue 0
   */
  margin?: number;
  /**
   * The variance of one replicate's value or an upper bound on it (the variance-bound interval,
   * valid for any law); else the sample variance (one-sided t bounds, asymptotic).
   */
  variance?: number;
}

/**
 * Mean stays on one side of a bound B (e.g. E[X] ≤ B). Refuted only when the confidence bound
 * lies beyond B (for "at-most": the lower bound exceeds B); supported when the opposite bound is
 * within B (+ margin); inconclusive otherwise. With a variance bound the two bounds are the ends
 * of the two-sided (1 − α) variance-bound interval ({@link varianceBoundInterval}: a mean on the
 * claimed side is refuted with probability ≤ α for any law); without, one-sided t bounds at
 * level 1 − α each (the reported interval is then two-sided at 1 − 2α).
 */
export function boundRule(
  x: Float64Array,
  bound: number,
  direction: Direction,
  o: BoundConstraints,
): Evidence {
  const api = "bound";
  checkSample(api, x);
  checkAlpha(api, o.alpha);
  assertFinite(api, "bound", bound);
  const sign = direction === "at-most" ? 1 : -1;
  const margin = o.margin ?? 0;
  if (!(margin >= 0 && Number.isFinite(margin))) {
    throw new InvalidParameterError(api, "margin", "must be finite and >= 0", margin);
  }
  const claim = `mean ${direction === "at-most" ? "≤" : "≥"} ${fmt(bound)}`;
  if (o.variance !== undefined) {
    assertPositive(api, "variance", o.variance);
    const ci = varianceBoundInterval(x, o.variance, o.alpha);
    return varianceBoundEvidence(ci, o.alpha, {
      rule: "bound",
      claim,
      test: VARIANCE_BOUND_TEST,
      statistic: (ci.mean - bound) / ci.standardError,
      // Evidence against the claim exists only when the mean lies beyond the bound.
      against: sign * (ci.mean - bound) > 0 ? bound : undefined,
      supported: (lower, upper) =>
        direction === "at-most" ? upper <= bound + margin : lower >= bound - margin,
    });
  }
  const { n, mean, se, df } = location(x);
  const crit = studentTQuantile(1 - o.alpha, df);
  const lower = mean - crit * se;
  const upper = mean + crit * se;
  // Test statistic against the boundary; the refutation p-value is one-sided.
  const degenerate = allEqual(x);
  const statistic = degenerate
    ? mean === bound
      ? 0
      : Number.POSITIVE_INFINITY * Math.sign(mean - bound)
    : (mean - bound) / se;
  const pValue = degenerate ? 1 : studentTSf(sign * statistic, df);
  let outcome: Outcome;
  if (degenerate) {
    // Zero spread is no evidence of a degenerate law (see meanEqualsRule): more replicates.
    outcome = "inconclusive";
  } else if (direction === "at-most") {
    outcome = lower > bound ? "refuted" : upper <= bound + margin ? "supported" : "inconclusive";
  } else {
    outcome = upper < bound ? "refuted" : lower >= bound - margin ? "supported" : "inconclusive";
  }
  return {
    rule: "bound",
    claim,
    test: "one-sided t bound",
    outcome,
    statistic,
    pValue,
    estimate: mean,
    interval: [lower, upper],
    replicates: n,
    alpha: o.alpha,
    detectableEffect: (crit + studentTQuantile(DETECTION_POWER, df)) * se,
  };
}

/**
 * Clopper–Pearson interval for a binomial proportion: [B(α_lo; x, n−x+1), B(1−α_hi; x+1, n−x)]
 * (Clopper & Pearson, Biometrika 26, 1934), with B the Beta quantile; 0 and 1 at the ends.
 */
export function clopperPearson(
  successes: number,
  n: number,
  alphaLower: number,
  alphaUpper: number,
): [number, number] {
  assertInteger("clopperPearson", "n", n, 1);
  assertInteger("clopperPearson", "successes", successes, 0, n);
  const lo = successes === 0 ? 0 : betaQuantile(alphaLower, successes, n - successes + 1);
  const hi = successes === n ? 1 : betaInverseSf(alphaUpper, successes + 1, n - successes);
  return [lo, hi];
}

/** Options of {@link probabilityRule}. */
export interface ProbabilityConstraints {
  alpha: number;
  /**
   * Indifference margin: "at-least p" is supported once the lower confidence bound reaches
   * p − margin ("at-most" / "equal" symmetrically); a probability exactly at a tight bound can
   * never be shown strictly. @defaultValue 0
   */
  margin?: number;
}

/** Claim about a probability: P ≥ p0, P ≤ p0 or P = p0. */
export type ProbabilityClaim = Direction | "equal";

/**
 * A probability, from `successes` of `n` independent replicates, against p0 — exact binomial
 * (Clopper–Pearson), not Hoeffding.
 * - at-least: refuted when P(X ≤ x | p0) < α (the upper bound falls below p0); supported when the
 *   one-sided lower bound ≥ p0 − margin.
 * - at-most: mirror image.
 * - equal: refuted when the two-sided exact test rejects (p = 2·min tail < α); supported when the
 *   two-sided interval lies within p0 ± margin.
 */
export function probabilityRule(
  successes: number,
  n: number,
  p0: number,
  claim: ProbabilityClaim,
  o: ProbabilityConstraints,
): Evidence {
  const api = "probability";
  assertInteger(api, "n", n, 1);
  assertInteger(api, "successes", successes, 0, n);
  if (!(p0 >= 0 && p0 <= 1)) throw new InvalidParameterError(api, "p", "must be in [0, 1]", p0);
  checkAlpha(api, o.alpha);
  const margin = o.margin ?? 0;
  if (!(margin >= 0 && margin < 1))
    throw new InvalidParameterError(api, "margin", "must be in [0, 1)", margin);
  const a = o.alpha;
  const estimate = successes / n;
  const lowerTail = binomialCdf(successes, n, p0); // P(X ≤ x)
  const upperTail = successes === 0 ? 1 : binomialSf(successes - 1, n, p0); // P(X ≥ x)
  let outcome: Outcome;
  let pValue: number;
  let interval: [number, number];
  let symbol: string;
  if (claim === "at-least") {
    symbol = "≥";
    pValue = lowerTail;
    interval = clopperPearson(successes, n, a, a);
    outcome = pValue < a ? "refuted" : interval[0] >= p0 - margin ? "supported" : "inconclusive";
  } else if (claim === "at-most") {
    symbol = "≤";
    pValue = upperTail;
    interval = clopperPearson(successes, n, a, a);
    outcome = pValue < a ? "refuted" : interval[1] <= p0 + margin ? "supported" : "inconclusive";
  } else {
    symbol = "=";
    pValue = Math.min(1, 2 * Math.min(lowerTail, upperTail));
    interval = clopperPearson(successes, n, a / 2, a / 2);
    outcome =
      pValue < a
        ? "refuted"
        : interval[0] >= p0 - margin && interval[1] <= p0 + margin
          ? "supported"
          : "inconclusive";
  }
  const sdP0 = Math.sqrt(Math.max(p0 * (1 - p0), 1 / (n * n)) / n);
  const zc = normalQuantile(1 - (claim === "equal" ? a / 2 : a));
  return {
    rule: "probability",
    claim: `P ${symbol} ${fmt(p0)}${margin > 0 ? ` (margin ${fmt(margin)})` : ""}`,
    test:
      claim === "equal"
        ? "exact binomial, two-sided (Clopper–Pearson)"
        : "exact binomial, one-sided (Clopper–Pearson)",
    outcome,
    statistic: successes,
    pValue,
    estimate,
    interval,
    replicates: n,
    alpha: a,
    detectableEffect: (zc + normalQuantile(DETECTION_POWER)) * sdP0,
  };
}

/** Options of {@link probabilityWithinRule}. */
export interface ProbabilityWithinConstraints {
  /** Total α for this decision. */
  alpha: number;
  /** Half-width δ of the band [p0 − δ, p0 + δ] ∩ [0, 1] (> 0; the band must not cover [0, 1]). */
  tolerance: number;
}

/**
 * A probability lies within a band, |P − p0| ≤ δ, from `successes` k of `n` independent
 * replicates — two one-sided exact tests (TOST, Schuirmann 1987) on the binomial. As
 * {@link meanWithinRule}, the interval is the two-sided (1 − α) one: the Clopper–Pearson bounds
 * at α/2 each, L = B(α/2; k, n − k + 1) and U = B(1 − α/2; k + 1, n − k) ({@link clopperPearson}).
 * With the band [a, b] = [max(0, p0 − δ), min(1, p0 + δ)]: supported when a ≤ L and U ≤ b,
 * refuted when L > b or U < a, inconclusive otherwise. Refutation is decided by the exact tails
 * the bounds are dual to — L > b ⟺ P(X ≥ k | b) < α/2 and U < a ⟺ P(X ≤ k | a) < α/2 — so
 * p = min(1, 2·min(P(X ≥ k | b), P(X ≤ k | a))) and refuted exactly when p < α. A probability in
 * the band is refuted with probability ≤ α/2, one outside it supported with probability ≤ α/2
 * (exact bounds; the binomial's discreteness makes both conservative).
 */
export function probabilityWithinRule(
  successes: number,
  n: number,
  p0: number,
  o: ProbabilityWithinConstraints,
): Evidence {
  const api = "probabilityWithin";
  assertInteger(api, "n", n, 1);
  assertInteger(api, "successes", successes, 0, n);
  if (!(p0 >= 0 && p0 <= 1)) {
    throw new InvalidParameterError(api, "expected", "must be a probability in [0, 1]", p0);
  }
  checkAlpha(api, o.alpha);
  assertPositive(api, "tolerance", o.tolerance);
  const bandLo = Math.max(0, p0 - o.tolerance);
  const bandHi = Math.min(1, p0 + o.tolerance);
  if (bandLo === 0 && bandHi === 1) {
    throw new InvalidParameterError(
      api,
      "tolerance",
      `must leave part of [0, 1] outside the band ${p0} ± δ (a band covering [0, 1] can never be refuted)`,
      o.tolerance,
    );
  }
  const k = successes;
  const half = o.alpha / 2;
  // Evidence that P > b (P(X ≥ k | b)) and that P < a (P(X ≤ k | a)); 1 at a clipped edge.
  const aboveTail = k === 0 ? 1 : binomialSf(k - 1, n, bandHi);
  const belowTail = binomialCdf(k, n, bandLo);
  const pValue = Math.min(1, 2 * Math.min(aboveTail, belowTail));
  const interval = clopperPearson(k, n, half, half);
  const outcome: Outcome =
    pValue < o.alpha
      ? "refuted"
      : interval[0] >= bandLo && interval[1] <= bandHi
        ? "supported"
        : "inconclusive";
  const clipped = bandLo !== p0 - o.tolerance || bandHi !== p0 + o.tolerance;
  const sdP0 = Math.sqrt(Math.max(p0 * (1 - p0), 1 / (n * n)) / n);
  return {
    rule: "probability-within",
    claim:
      `P within ${fmt(p0)} ± ${fmt(o.tolerance)}` +
      (clipped ? ` (band [${fmt(bandLo)}, ${fmt(bandHi)}])` : ""),
    test: "exact binomial, Clopper–Pearson interval in band (TOST)",
    outcome,
    statistic: k,
    pValue,
    estimate: k / n,
    interval,
    replicates: n,
    alpha: o.alpha,
    detectableEffect: (normalQuantile(1 - half) + normalQuantile(DETECTION_POWER)) * sdP0,
  };
}

/**
 * Ranks (1-based) of the order statistics that bound the distribution-free confidence interval
 * [X_(l), X_(u)] of the q-quantile ξ_q = inf{x : F(x) ≥ q} of n independent values (Conover,
 * Practical Nonparametric Statistics, 3rd ed. 1999, §3.2; David & Nagaraja, Order Statistics,
 * 2003, §7.1). With B ~ Binomial(n, q):
 *   l = max{l ≥ 1 : P(B ≤ l − 1) < alphaLower},  u = min{u ≤ n : P(B ≥ u) < alphaUpper}.
 * X_(l) > ξ_q means #{X_i ≤ ξ_q} ≤ l − 1, a Binomial(n, F(ξ_q)) count with F(ξ_q) ≥ q, so
 * P(X_(l) > ξ_q) ≤ P(B ≤ l − 1) < alphaLower; likewise P(X_(u) < ξ_q) ≤ P(B ≥ u) < alphaUpper —
 * for any law, continuous or not (equality of the bounds' probabilities for a continuous one).
 * l = 0 when no rank qualifies (the lower bound is −∞), u = n + 1 likewise (+∞). scipy's
 * `quantile_test(...).confidence_interval` uses the same ranks.
 */
export function quantileIntervalRanks(
  n: number,
  q: number,
  alphaLower: number,
  alphaUpper: number,
): [number, number] {
  const api = "quantileIntervalRanks";
  assertInteger(api, "n", n, 1);
  if (typeof q !== "number" || !(q > 0 && q < 1)) {
    throw new InvalidParameterError(api, "q", "must be in (0, 1)", q);
  }
  if (!(alphaLower > 0 && alphaLower < 1)) {
    throw new InvalidParameterError(api, "alphaLower", "must be in (0, 1)", alphaLower);
  }
  if (!(alphaUpper > 0 && alphaUpper < 1)) {
    throw new InvalidParameterError(api, "alphaUpper", "must be in (0, 1)", alphaUpper);
  }
  // Binary searches on the monotone tails: P(B ≤ l − 1) increases with l, P(B ≥ u) decreases.
  let l = 0;
  if (binomialCdf(0, n, q) < alphaLower) {
    let lo = 1; // qualifies
    let hi = n + 1; // P(B ≤ n) = 1: does not
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (binomialCdf(mid - 1, n, q) < alphaLower) lo = mid;
      else hi = mid;
    }
    l = lo;
  }
  let u = n + 1;
  if (binomialSf(n - 1, n, q) < alphaUpper) {
    let lo = 0; // P(B ≥ 0) = 1: does not qualify
    let hi = n; // qualifies
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (binomialSf(mid - 1, n, q) < alphaUpper) hi = mid;
      else lo = mid;
    }
    u = hi;
  }
  return [l, u];
}

/** Options of {@link quantileWithinRule}. */
export interface QuantileWithinConstraints {
  /** Total α for this decision. */
  alpha: number;
  /** Half-width δ of the band [expected − δ, expected + δ] (> 0). */
  tolerance: number;
}

/**
 * The q-quantile lies within a band, |ξ_q − expected| ≤ δ, distribution-free: the two-sided
 * (1 − α) order-statistic interval [X_(l), X_(u)] with (l, u) = {@link quantileIntervalRanks}(n,
 * q, α/2, α/2) — one-sided bounds at α/2 each, as {@link meanWithinRule} — against the band
 * [a, b] = [expected − δ, expected + δ]: supported when a ≤ X_(l) and X_(u) ≤ b, refuted when
 * X_(l) > b or X_(u) < a, inconclusive otherwise (TOST). The refutations are exact binomial
 * tests (Conover §3.2, scipy's `quantile_test`): X_(l) > b ⟺ P(B ≤ #{X ≤ b}) < α/2 and
 * X_(u) < a ⟺ P(B ≥ #{X < a}) < α/2, B ~ Binomial(n, q); p = min(1, 2·min of the two) and
 * refuted exactly when p < α. The statistic is the count behind the smaller tail; the estimate
 * is the sample quantile X_(⌈nq⌉); the detectable effect is in probability units (the shift of
 * F at a band edge away from q, power 0.9), as for the other quantile rules.
 */
export function quantileWithinRule(
  x: Float64Array,
  q: number,
  expected: number,
  o: QuantileWithinConstraints,
): Evidence {
  const api = "quantileWithin";
  if (!(x instanceof Float64Array) || x.length < 1) {
    throw new InvalidParameterError(api, "values", "must be a Float64Array of >= 1 values", x);
  }
  for (let i = 0; i < x.length; i++) {
    // ±∞ order as usual (a time that never ends still has a median); NaN has no place.
    if (Number.isNaN(x[i])) {
      throw new InvalidParameterError(api, `values[${i}]`, "must not be NaN", x[i]);
    }
  }
  if (typeof q !== "number" || !(q > 0 && q < 1)) {
    throw new InvalidParameterError(api, "q", "must be in (0, 1)", q);
  }
  checkAlpha(api, o.alpha);
  assertFinite(api, "expected", expected);
  assertPositive(api, "tolerance", o.tolerance);
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  const half = o.alpha / 2;
  const [l, u] = quantileIntervalRanks(n, q, half, half);
  const lower = l === 0 ? Number.NEGATIVE_INFINITY : sorted[l - 1];
  const upper = u === n + 1 ? Number.POSITIVE_INFINITY : sorted[u - 1];
  const bandLo = expected - o.tolerance;
  const bandHi = expected + o.tolerance;
  let atMostHi = 0;
  let belowLo = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] <= bandHi) atMostHi++;
    if (x[i] < bandLo) belowLo++;
  }
  // Evidence that ξ_q > b (few values ≤ b) and that ξ_q < a (many values < a).
  const aboveTail = binomialCdf(atMostHi, n, q);
  const belowTail = belowLo === 0 ? 1 : binomialSf(belowLo - 1, n, q);
  const pValue = Math.min(1, 2 * Math.min(aboveTail, belowTail));
  const outcome: Outcome =
    lower > bandHi || upper < bandLo
      ? "refuted"
      : lower >= bandLo && upper <= bandHi
        ? "supported"
        : "inconclusive";
  // Sample quantile: the smallest value with empirical CDF ≥ q (k/n ≥ q, correctly rounded).
  let rank = Math.min(n, Math.max(1, Math.ceil(n * q)));
  if (rank > 1 && (rank - 1) / n >= q) rank--;
  return {
    rule: "quantile-within",
    claim: `q${fmt(q)} within ${fmt(expected)} ± ${fmt(o.tolerance)}`,
    test: "distribution-free order-statistic interval in band (TOST, exact binomial)",
    outcome,
    statistic: aboveTail <= belowTail ? atMostHi : belowLo,
    pValue,
    estimate: sorted[rank - 1],
    interval: [lower, upper],
    replicates: n,
    alpha: o.alpha,
    detectableEffect:
      (normalQuantile(1 - half) + normalQuantile(DETECTION_POWER)) * Math.sqrt((q * (1 - q)) / n),
  };
}

/** Options of {@link orderingRule}. */
export interface OrderingConstraints {
  alpha: number;
  /**
   * `paired-t`: the claim is E[a − b] > 0 (one-sided t bounds on the mean difference);
   * `sign`: the claim is P(a > b) > ½ (exact sign test; ties dropped). @defaultValue "paired-t"
   */
  method?: "paired-t" | "sign";
  /**
   * For paired-t: the variance of one difference a − b or an upper bound on it; the decision then
   * uses the variance-bound interval (valid for any law) instead of paired t (asymptotic).
   */
  variance?: number;
}

/**
 * Ordering: a > b, from paired replicates. Supported when the one-sided lower bound of the
 * effect is above 0 (E[a − b] > 0, or P(a > b) > ½); refuted when the one-sided upper bound is
 * below 0 (the opposite order, significantly); inconclusive otherwise.
 */
export function orderingRule(a: Float64Array, b: Float64Array, o: OrderingConstraints): Evidence {
  const api = "ordering";
  if (a.length !== b.length) {
    throw new InvalidParameterError(api, "b.length", `must equal a.length (${a.length})`, b.length);
  }
  checkAlpha(api, o.alpha);
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  if ((o.method ?? "paired-t") === "sign") {
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < d.length; i++) {
      if (d[i] > 0) pos++;
      else if (d[i] < 0) neg++;
      else if (Number.isNaN(d[i])) {
        throw new InvalidParameterError(api, `values[${i}]`, "must not be NaN", d[i]);
      }
    }
    const n = pos + neg;
    if (n === 0) {
      return {
        rule: "ordering",
        claim: "P(a > b) > ½",
        test: "exact sign test",
        outcome: "inconclusive",
        statistic: 0,
        pValue: 1,
        estimate: Number.NaN,
        interval: [0, 1],
        replicates: a.length,
        alpha: o.alpha,
        detectableEffect: Number.POSITIVE_INFINITY,
      };
    }
    const refute = binomialCdf(pos, n, 0.5); // P(X ≤ pos) under P = ½: evidence of a < b
    const support = pos === 0 ? 1 : binomialSf(pos - 1, n, 0.5); // P(X ≥ pos)
    const interval = clopperPearson(pos, n, o.alpha, o.alpha);
    const outcome: Outcome =
      refute < o.alpha ? "refuted" : support < o.alpha ? "supported" : "inconclusive";
    return {
      rule: "ordering",
      claim: "P(a > b) > ½",
      test: "exact sign test (ties dropped)",
      outcome,
      statistic: pos,
      pValue: refute,
      estimate: pos / n,
      interval,
      replicates: n,
      alpha: o.alpha,
      detectableEffect:
        ((normalQuantile(1 - o.alpha) + normalQuantile(DETECTION_POWER)) * 0.5) / Math.sqrt(n),
    };
  }
  checkSample(api, d);
  if (o.variance !== undefined) {
    assertPositive(api, "variance", o.variance);
    const ci = varianceBoundInterval(d, o.variance, o.alpha);
    return varianceBoundEvidence(ci, o.alpha, {
      rule: "ordering",
      claim: "E[a − b] > 0",
      test: `${VARIANCE_BOUND_TEST} on the paired differences`,
      statistic: ci.mean / ci.standardError,
      // Refuted when the whole interval lies below 0 (the opposite order), supported above it.
      against: ci.mean < 0 ? 0 : undefined,
      supported: (lower) => lower > 0,
    });
  }
  const n = d.length;
  const { mean, sd } = moments(d);
  const se = sd / Math.sqrt(n);
  const crit = studentTQuantile(1 - o.alpha, n - 1);
  const lower = mean - crit * se;
  const upper = mean + crit * se;
  // Zero spread of the differences is no evidence (see meanEqualsRule): inconclusive.
  const degenerate = allEqual(d);
  const statistic = degenerate
    ? mean === 0
      ? 0
      : Number.POSITIVE_INFINITY * Math.sign(mean)
    : mean / se;
  const outcome: Outcome = degenerate
    ? "inconclusive"
    : upper < 0
      ? "refuted"
      : lower > 0
        ? "supported"
        : "inconclusive";
  return {
    rule: "ordering",
    claim: "E[a − b] > 0",
    test: "paired t-test, one-sided bounds",
    outcome,
    statistic,
    pValue: degenerate ? 1 : 1 - studentTSf(statistic, n - 1),
    estimate: mean,
    interval: [lower, upper],
    replicates: n,
    alpha: o.alpha,
    detectableEffect: (crit + studentTQuantile(DETECTION_POWER, n - 1)) * se,
  };
}

/** A violation of a sure invariant. */
export interface Violation {
  /** Replicate (chain) index. */
  readonly replicate: number;
  /** Where and what, e.g. `generation 12: support 7 > 6`. */
  readonly detail: string;
}

/** Sure invariant: one violation anywhere refutes; no violation supports (never inconclusive). */
export function sureRule(
  violations: readonly Violation[],
  replicates: number,
  what: string,
): Evidence {
  const first = violations[0];
  return {
    rule: "sure",
    claim: `${what} on every trajectory`,
    test: "exhaustive check of every trajectory",
    outcome: first === undefined ? "supported" : "refuted",
    statistic: violations.length,
    pValue: first === undefined ? 1 : 0,
    estimate: violations.length / Math.max(1, replicates),
    interval: [0, violations.length / Math.max(1, replicates)],
    replicates,
    alpha: 0,
    detectableEffect: 1 / Math.max(1, replicates),
    ...(first ? { violation: `replicate ${first.replicate}, ${first.detail}` } : {}),
  };
}
