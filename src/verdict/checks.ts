import {
  assertFinite,
  assertNonNegative,
  assertPositive,
  assertProbability,
  InvalidParameterError,
} from "../util/validate.ts";
import type { Direction, ProbabilityClaim, Violation } from "./rules.ts";

/**
 * What a claim's simulation returns for a range of replicates: per-replicate values by name
 * (Float64Array, one entry per replicate) and, for sure invariants, lists of violations.
 */
export type Observations = Readonly<Record<string, Float64Array | readonly Violation[]>>;

/** A decision rule applied to named observations. Build them with the functions below. */
export type Check =
  | {
      readonly rule: "mean-equals";
      readonly observation: string;
      readonly expected: number;
      readonly variance?: number;
      readonly precision?: number;
    }
  | {
      readonly rule: "mean-within";
      readonly observation: string;
      readonly expected: number;
      readonly tolerance: number;
      readonly variance?: number;
    }
  | {
      readonly rule: "probability-within";
      readonly observation: string;
      readonly expected: number;
      readonly tolerance: number;
    }
  | {
      readonly rule: "quantile-within";
      readonly observation: string;
      readonly q: number;
      readonly expected: number;
      readonly tolerance: number;
    }
  | {
      readonly rule: "bound";
      readonly observation: string;
      readonly bound: number;
      readonly direction: Direction;
      readonly variance?: number;
      readonly margin?: number;
    }
  | {
      readonly rule: "probability";
      readonly observation: string;
      readonly p: number;
      readonly claim: ProbabilityClaim;
      readonly margin?: number;
    }
  | {
      readonly rule: "quantile";
      readonly observation: string;
      readonly q: number;
      readonly threshold: number;
      readonly direction: Direction;
      readonly margin?: number;
    }
  | {
      readonly rule: "ordering";
      readonly greater: string;
      readonly smaller: string;
      readonly method?: "paired-t" | "sign";
      readonly variance?: number;
    }
  | { readonly rule: "sure"; readonly invariant: string; readonly what: string };

/**
 * Every rule a {@link Check} can name: a claim whose `checks` returns anything else (a
 * hand-built object, a check from another copy of the harness) is refused by name when the
 * claim is defined. The `satisfies` clause keeps this list and the {@link Check} union equal.
 */
export const CHECK_RULES = [
  "mean-equals",
  "mean-within",
  "probability-within",
  "quantile-within",
  "bound",
  "probability",
  "quantile",
  "ordering",
  "sure",
] as const satisfies readonly Check["rule"][];

/** Compile-time check that no rule of the {@link Check} union is missing from CHECK_RULES. */
type MissingRule = Exclude<Check["rule"], (typeof CHECK_RULES)[number]>;
const everyRuleListed: [MissingRule] extends [never] ? true : MissingRule = true;
void everyRuleListed;

/** Options of {@link meanEquals}. */
export interface MeanEqualsOptions {
  /**
   * Variance of one replicate's value — exact, or an upper bound: the decision is then valid for
   * any law (the variance-bound interval). Omit for a one-sample t-test (asymptotic).
   */
  variance?: number;
  /**
   * Smallest deviation the verdict must be able to detect (power 0.9) before it supports the
   * claim. @defaultValue 5% of |expected| (0.01 when expected is 0)
   */
  precision?: number;
}

/**
 * E[observation] = expected (the variance-bound interval when a variance bound is given, valid
 * for any law; else a one-sample t-test).
 */
export function meanEquals(
  observation: string,
  expected: number,
  options: MeanEqualsOptions = {},
): Check {
  assertFinite("meanEquals", "expected", expected);
  if (options.variance !== undefined) assertPositive("meanEquals", "variance", options.variance);
  const precision = options.precision ?? (expected === 0 ? 0.01 : 0.05 * Math.abs(expected));
  assertPositive("meanEquals", "precision", precision);
  return { rule: "mean-equals", observation, expected, variance: options.variance, precision };
}

/** Options of {@link meanAtMost} and {@link meanAtLeast}. */
export interface BoundOptions {
  /**
   * Variance of one replicate's value — exact, or an upper bound (the variance-bound interval,
   * valid for any law); omit for one-sided t bounds (asymptotic).
   */
  variance?: number;
  /**
   * Indifference margin for support: "≤ B" is supported once the upper bound is ≤ B + margin.
   * Refutation is unaffected. @defaultValue 0
   */
  margin?: number;
}

/** E[observation] ≤ bound: refuted only when the lower confidence bound exceeds it. */
export function meanAtMost(observation: string, bound: number, options: BoundOptions = {}): Check {
  assertFinite("meanAtMost", "bound", bound);
  if (options.margin !== undefined) assertNonNegative("meanAtMost", "margin", options.margin);
  return {
    rule: "bound",
    observation,
    bound,
    direction: "at-most",
    variance: options.variance,
    margin: options.margin,
  };
}

/**
 * The half-width of an equivalence band [expected − δ, expected + δ], absolute or relative (give
 * exactly one): the options of {@link probabilityWithin} and {@link quantileWithin}, and the band
 * part of {@link MeanWithinOptions}.
 */
export interface BandOptions {
  /** Half-width δ of the band [expected − δ, expected + δ]. */
  absolute?: number;
  /** Half-width as a fraction of |expected|: δ = relative·|expected|. */
  relative?: number;
}

/** Options of {@link meanWithin}: the band's half-width, absolute or relative (give one). */
export interface MeanWithinOptions extends BandOptions {
  /**
   * Variance of one replicate's value — exact, or an upper bound (the variance-bound interval,
   * valid for any law); omit for a t interval (asymptotic).
   */
  variance?: number;
}

/**
 * The band's half-width δ from {@link BandOptions}: exactly one of absolute or relative, finite and
 * > 0; relative needs expected ≠ 0. Errors name `api`, the option and its value.
 */
function bandHalfWidth(api: string, expected: number, options: BandOptions | undefined): number {
  const { absolute, relative } = options ?? {};
  if ((absolute === undefined) === (relative === undefined)) {
    throw new InvalidParameterError(
      api,
      "options",
      "give exactly one of absolute or relative (the band's half-width)",
      JSON.stringify(options),
    );
  }
  if (absolute !== undefined) assertPositive(api, "absolute", absolute);
  if (relative !== undefined) {
    assertPositive(api, "relative", relative);
    if (expected === 0) {
      throw new InvalidParameterError(
        api,
        "relative",
        "needs expected ≠ 0 (use absolute)",
        relative,
      );
    }
  }
  return absolute ?? (relative as number) * Math.abs(expected);
}

/**
 * |E[observation] − expected| ≤ δ — for approximate statements (a diffusion limit, a large-n
 * form, "≈ up to O(1/M)"). Supported when the whole (1 − α) confidence interval lies inside
 * the band, refuted when it lies wholly outside, inconclusive otherwise (two one-sided tests).
 * Unlike {@link meanEquals}, whose `precision` is only the smallest deviation it must be able
 * to detect, a real deviation smaller than δ is accepted here, never refuted.
 */
export function meanWithin(
  observation: string,
  expected: number,
  options: MeanWithinOptions,
): Check {
  const api = "meanWithin";
  assertFinite(api, "expected", expected);
  const tolerance = bandHalfWidth(api, expected, options);
  if (options.variance !== undefined) assertPositive(api, "variance", options.variance);
  return { rule: "mean-within", observation, expected, tolerance, variance: options.variance };
}

/** E[observation] ≥ bound: refuted only when the upper confidence bound is below it. */
export function meanAtLeast(observation: string, bound: number, options: BoundOptions = {}): Check {
  assertFinite("meanAtLeast", "bound", bound);
  if (options.margin !== undefined) assertNonNegative("meanAtLeast", "margin", options.margin);
  return {
    rule: "bound",
    observation,
    bound,
    direction: "at-least",
    variance: options.variance,
    margin: options.margin,
  };
}

function probability(
  api: string,
  observation: string,
  p: number,
  claim: ProbabilityClaim,
  margin = 0,
): Check {
  assertProbability(api, "p", p);
  if (!(margin >= 0 && margin < 1))
    throw new InvalidParameterError(api, "margin", "must be in [0, 1)", margin);
  return { rule: "probability", observation, p, claim, margin };
}

/** P(event) ≥ p, the observation being a 0/1 indicator per replicate (exact binomial). */
export const probabilityAtLeast = (
  observation: string,
  p: number,
  options: { margin?: number } = {},
) => probability("probabilityAtLeast", observation, p, "at-least", options.margin);

/** P(event) ≤ p, the observation being a 0/1 indicator per replicate (exact binomial). */
export const probabilityAtMost = (
  observation: string,
  p: number,
  options: { margin?: number } = {},
) => probability("probabilityAtMost", observation, p, "at-most", options.margin);

/** P(event) = p, the observation being a 0/1 indicator per replicate (exact binomial). */
export const probabilityEquals = (
  observation: string,
  p: number,
  options: { margin?: number } = {},
) => probability("probabilityEquals", observation, p, "equal", options.margin);

/**
 * |P(event) − expected| ≤ δ, the observation being a 0/1 indicator per replicate — the
 * equivalence form of {@link probabilityEquals}, for approximate probabilities (a diffusion-limit
 * fixation probability, a large-n survival chance). With the exact two-sided (1 − α)
 * Clopper–Pearson interval: supported when it lies inside [expected − δ, expected + δ] ∩ [0, 1],
 * refuted when it lies wholly outside, inconclusive otherwise (two one-sided exact tests; see
 * `probabilityWithinRule`). A band covering all of [0, 1] could never be refuted and is an error.
 */
export function probabilityWithin(
  observation: string,
  expected: number,
  options: BandOptions,
): Check {
  const api = "probabilityWithin";
  assertProbability(api, "expected", expected);
  const tolerance = bandHalfWidth(api, expected, options);
  if (expected - tolerance <= 0 && expected + tolerance >= 1) {
    throw new InvalidParameterError(
      api,
      options.absolute === undefined ? "relative" : "absolute",
      `must leave part of [0, 1] outside the band ${expected} ± ${tolerance} (a band covering [0, 1] can never be refuted)`,
      options.absolute ?? options.relative,
    );
  }
  return { rule: "probability-within", observation, expected, tolerance };
}

/**
 * The q-quantile of the observation is ≤ threshold, i.e. P(X ≤ threshold) ≥ q (exact binomial on
 * the indicator). `quantileAtMost("tail", 0.5, 0)` states "the median tail mass is 0".
 */
export function quantileAtMost(
  observation: string,
  q: number,
  threshold: number,
  options: { margin?: number } = {},
): Check {
  assertProbability("quantileAtMost", "q", q);
  assertFinite("quantileAtMost", "threshold", threshold);
  return {
    rule: "quantile",
    observation,
    q,
    threshold,
    direction: "at-most",
    margin: options.margin,
  };
}

/** The q-quantile of the observation is ≥ threshold, i.e. P(X < threshold) ≤ q. */
export function quantileAtLeast(
  observation: string,
  q: number,
  threshold: number,
  options: { margin?: number } = {},
): Check {
  assertProbability("quantileAtLeast", "q", q);
  assertFinite("quantileAtLeast", "threshold", threshold);
  return {
    rule: "quantile",
    observation,
    q,
    threshold,
    direction: "at-least",
    margin: options.margin,
  };
}

/**
 * |ξ_q − expected| ≤ δ for the q-quantile ξ_q = inf{x : P(X ≤ x) ≥ q} of the observation — the
 * equivalence form of {@link quantileAtMost}/{@link quantileAtLeast} (a median time, a typical
 * variance ratio). With the exact distribution-free (1 − α) interval between two order
 * statistics [X_(l), X_(u)]: supported when it lies inside [expected − δ, expected + δ], refuted
 * when it lies wholly outside, inconclusive otherwise (see `quantileWithinRule`). Valid for any
 * law of the observation (continuous, discrete or mixed; ±∞ values order as usual).
 */
export function quantileWithin(
  observation: string,
  q: number,
  expected: number,
  options: BandOptions,
): Check {
  const api = "quantileWithin";
  if (typeof q !== "number" || !(q > 0 && q < 1)) {
    throw new InvalidParameterError(api, "q", "must be in (0, 1)", q);
  }
  assertFinite(api, "expected", expected);
  const tolerance = bandHalfWidth(api, expected, options);
  return { rule: "quantile-within", observation, q, expected, tolerance };
}

/** Options of {@link greaterThan}. */
export interface GreaterThanOptions {
  /**
   * `paired-t`: the claim is E[a − b] > 0; `sign`: P(a > b) > ½ (exact sign test).
   * @defaultValue "paired-t"
   */
  method?: "paired-t" | "sign";
  /**
   * For `paired-t`: the variance of one difference a − b, or an upper bound on it — (sd_a + sd_b)²
   * always is one, whatever the pairing's correlation, so exact variances of the two sides
   * suffice. The decision then uses the variance-bound interval (valid for any law) instead of
   * the paired t-test (asymptotic).
   */
  variance?: number;
}

/**
 * Ordering per paired replicate: `greater` > `smaller` (E[diff] > 0 by the variance-bound
 * interval when a variance bound is given, else by paired t; or P(a > b) > ½ by the sign test).
 */
export function greaterThan(
  greater: string,
  smaller: string,
  options: GreaterThanOptions = {},
): Check {
  if (typeof greater !== "string" || greater === "") {
    throw new InvalidParameterError("greaterThan", "greater", "must name an observation", greater);
  }
  if (smaller === greater) {
    throw new InvalidParameterError(
      "greaterThan",
      "smaller",
      `must differ from greater ("${greater}"): an observation is never greater than itself`,
      smaller,
    );
  }
  if (options.method !== undefined && options.method !== "paired-t" && options.method !== "sign") {
    throw new InvalidParameterError(
      "greaterThan",
      "method",
      'must be "paired-t" or "sign"',
      options.method,
    );
  }
  if (options.variance !== undefined) {
    assertPositive("greaterThan", "variance", options.variance);
    if (options.method === "sign") {
      throw new InvalidParameterError(
        "greaterThan",
        "variance",
        "is for the paired mean difference (method paired-t), not the sign test",
        options.variance,
      );
    }
  }
  return {
    rule: "ordering",
    greater,
    smaller,
    method: options.method,
    ...(options.variance !== undefined ? { variance: options.variance } : {}),
  };
}

/** A sure invariant: the simulation lists its violations under `invariant`; one refutes. */
export function sure(invariant: string, what: string): Check {
  return { rule: "sure", invariant, what };
}

/** The observation names a check reads. */
export function checkObservations(check: Check): string[] {
  switch (check.rule) {
    case "ordering":
      return [check.greater, check.smaller];
    case "sure":
      return [check.invariant];
    default:
      return [check.observation];
  }
}
