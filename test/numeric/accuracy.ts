/**
 * Shared helpers for the numeric accuracy tests: fixture loading and tolerance checks.
 *
 * Fixtures are written by test/fixtures/make_numeric_fixtures.py (scipy + mpmath). Tolerances are
 * stated as multiples of machine epsilon ε = 2^-52; see each test file for the justification of
 * the multiple.
 */

import { readFileSync } from "node:fs";

export const EPS = Number.EPSILON;

/** A JSON number, or one of the strings used for non-finite values, or null (no reference). */
export type FixtureNumber = number | string | null;

/** Decodes a fixture number ("Infinity", "-Infinity", "NaN" are strings in the JSON). */
export function num(v: FixtureNumber): number {
  if (typeof v === "number") return v;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (v === "NaN") return Number.NaN;
  throw new Error(`fixture value is not a number: ${String(v)}`);
}

/** Loads test/fixtures/numeric/<name>. */
export function loadFixture<T>(name: string): T {
  const url = new URL(`../fixtures/numeric/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as T;
}

/** Smallest positive normal double: below it relative accuracy is not representable. */
export const MIN_NORMAL = 2.2250738585072014e-308;

export interface Tolerance {
  /** Allowed relative error, as a multiple of ε. */
  rel: number;
  /**
   * When true the allowance is rel·ε·max(1, |ln v|): for values produced as exp(·) of a log-space
   * quantity, the rounding of the exponent (absolute ~ε·|ln v|) is an irreducible relative error.
   */
  logScaled?: boolean;
  /** Absolute floor (default: only for subnormal results, MIN_NORMAL·rel·ε… i.e. tiny). */
  abs?: number;
}

/** The allowed absolute error for an expected value under a tolerance. */
export function allowance(expected: number, tol: Tolerance): number {
  const mag = Math.abs(expected);
  const scale = tol.logScaled && mag > 0 ? Math.max(1, Math.abs(Math.log(mag))) : 1;
  // Subnormal results carry an absolute rounding of MIN_NORMAL·ε regardless of the algorithm.
  const floor = Math.max(tol.abs ?? 0, MIN_NORMAL * EPS * tol.rel);
  return Math.max(tol.rel * EPS * mag * scale, floor);
}

/** Relative error in units of ε (0 when equal, including equal infinities). */
export function ulpsOff(actual: number, expected: number): number {
  if (actual === expected) return 0;
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / (Math.max(Math.abs(expected), MIN_NORMAL) * EPS);
}

/** Collects tolerance violations so one test reports every failing case at once. */
export class AccuracyCheck {
  readonly failures: string[] = [];
  /** Largest relative error seen (in ε) and where. */
  worst = { ulps: 0, where: "" };

  constructor(readonly name: string) {}

  check(args: readonly unknown[], actual: number, expected: number, tol: Tolerance): void {
    const err = Math.abs(actual - expected);
    const ulps = ulpsOff(actual, expected);
    const where = `${this.name}(${args.map((a) => String(a)).join(", ")})`;
    if (ulps > this.worst.ulps) this.worst = { ulps, where };
    const ok = actual === expected || err <= allowance(expected, tol);
    if (!ok) {
      this.failures.push(
        `${where}: expected ${expected}, actual ${actual}, |error| ${err.toExponential(3)} ` +
          `(${ulps.toPrecision(4)} ε relative) > tolerance ${allowance(expected, tol).toExponential(3)} ` +
          `(${tol.rel} ε${tol.logScaled ? "·max(1, |ln v|)" : ""}${tol.abs ? `, abs ${tol.abs}` : ""})`,
      );
    }
  }
}
