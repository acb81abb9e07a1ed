/**
 * Eager parameter validation shared by every layer.
 *
 * Messages follow fast-check's convention: they start with the API name, then name the parameter
 * and show the offending value, e.g. `gamma: shape must be finite and > 0, got NaN`.
 */

/** Thrown for any invalid argument; `api`, `parameter` and `value` are kept for programmatic use. */
export class InvalidParameterError extends RangeError {
  readonly api: string;
  readonly parameter: string;
  readonly value: unknown;

  constructor(api: string, parameter: string, requirement: string, value: unknown) {
    super(`${api}: ${parameter} ${requirement}, got ${formatValue(value)}`);
    this.name = "InvalidParameterError";
    this.api = api;
    this.parameter = parameter;
    this.value = value;
  }
}

/** Renders a value for an error message: keeps NaN, ±Infinity and -0 visible. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") {
    if (Object.is(value, -0)) return "-0";
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === undefined) return "undefined";
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    const head = Array.from({ length: Math.min(arr.length, 8) }, (_, i) => formatValue(arr[i]));
    return `[${head.join(", ")}${arr.length > 8 ? `, … (${arr.length} values)` : ""}]`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `value` is a finite number. */
export function assertFinite(api: string, parameter: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidParameterError(api, parameter, "must be a finite number", value);
  }
}

/** `value` is finite and strictly positive. */
export function assertPositive(api: string, parameter: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value > 0)) {
    throw new InvalidParameterError(api, parameter, "must be finite and > 0", value);
  }
}

/** Smallest and largest scale whose square is a finite, normal double (≈ 1.5e-154, 1.3e154). */
export const SCALE_LIMITS = [
  Math.sqrt(2.2250738585072014e-308),
  Math.sqrt(Number.MAX_VALUE),
] as const;

/**
 * `value` is a scale (a standard deviation) whose square neither underflows nor overflows: the
 * variance derived from it must be exact enough to use, and an error must name what the user gave.
 */
export function assertScale(api: string, parameter: string, value: number): void {
  assertPositive(api, parameter, value);
  if (value < SCALE_LIMITS[0] || value > SCALE_LIMITS[1]) {
    throw new InvalidParameterError(
      api,
      parameter,
      `must lie in [${SCALE_LIMITS[0].toExponential(2)}, ${SCALE_LIMITS[1].toExponential(2)}] (its square, the variance, would ${value < SCALE_LIMITS[0] ? "underflow to a subnormal or 0" : "overflow to Infinity"})`,
      value,
    );
  }
}

/** `value` is finite and ≥ 0. */
export function assertNonNegative(api: string, parameter: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value >= 0)) {
    throw new InvalidParameterError(api, parameter, "must be finite and >= 0", value);
  }
}

/** `value` is a probability in [0, 1]. */
export function assertProbability(api: string, parameter: string, value: number): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new InvalidParameterError(api, parameter, "must be a probability in [0, 1]", value);
  }
}

/** `value` is an integer in [min, max] (both inclusive, defaults: 0 and 2^53 − 1). */
export function assertInteger(
  api: string,
  parameter: string,
  value: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new InvalidParameterError(api, parameter, `must be an integer ${range}`, value);
  }
}

/**
 * Default tolerance for a probability vector's sum: 1e-9 absolute. Vectors built by normalising
 * k ≤ 1e6 doubles are off by at most ~k·2^-53 ≈ 1e-10, so honest input always passes.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/**
 * `p` is a non-empty probability vector: every entry finite and ≥ 0, summing to 1 within
 * `tolerance` (absolute).
 */
export function assertProbabilityVector(
  api: string,
  parameter: string,
  p: ArrayLike<number>,
  tolerance = PROBABILITY_SUM_TOLERANCE,
): void {
  if (p.length === 0) {
    throw new InvalidParameterError(api, parameter, "must be non-empty (empty support)", p);
  }
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new InvalidParameterError(
        api,
        `${parameter}[${i}]`,
        "must be a finite probability >= 0",
        v,
      );
    }
    sum += v;
  }
  if (!(Math.abs(sum - 1) <= tolerance)) {
    throw new InvalidParameterError(
      api,
      parameter,
      `must sum to 1 within ${tolerance} (sum is ${sum})`,
      p,
    );
  }
}

/**
 * Thrown when a quantity does not exist for the given input (the mean of a Cauchy, the variance
 * of a Pareto with shape ≤ 2 is +∞ and is returned as such; this is for "undefined", not "infinite").
 * Reports record the reason instead of a NaN.
 */
export class UndefinedQuantityError extends Error {
  readonly quantity: string;
  readonly reason: string;

  constructor(quantity: string, reason: string) {
    super(`${quantity} is undefined: ${reason}`);
    this.name = "UndefinedQuantityError";
    this.quantity = quantity;
    this.reason = reason;
  }
}
