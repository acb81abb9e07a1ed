/**
 * Shared helpers for the tests of the continuous closed forms in src/theory: the fixture
 * test/fixtures/theory-continuous.json (written by test/fixtures/make_theory_continuous.py with
 * mpmath at 40 digits, computed independently of the TypeScript code — see the script's header)
 * and a tolerance check whose message prints input, expected, actual and tolerance.
 */

import { readFileSync } from "node:fs";
import { expect } from "vitest";

export const EPS = Number.EPSILON;

// biome-ignore lint/suspicious/noExplicitAny: fixture sections are typed where they are read.
type Section = any[];

/** One section of the fixture, e.g. `section("chiSquareQuantile")`. */
export function section<T>(name: string): T[] {
  const url = new URL("../fixtures/theory-continuous.json", import.meta.url);
  const all = JSON.parse(readFileSync(url, "utf8")) as Record<string, Section>;
  const cases = all[name];
  if (!Array.isArray(cases) || cases.length === 0)
    throw new Error(`fixture section ${name} is empty`);
  return cases as T[];
}

/** The fixture's object-valued entries (e.g. `poisson` holds one list per regime). */
export function group<T>(name: string): Record<string, T[]> {
  const url = new URL("../fixtures/theory-continuous.json", import.meta.url);
  const all = JSON.parse(readFileSync(url, "utf8")) as Record<string, Record<string, T[]>>;
  return all[name];
}

/** |actual − expected| ≤ tolerance, with a message naming the input. */
export function expectWithin(
  label: string,
  input: unknown,
  actual: number,
  expected: number,
  tolerance: number,
): void {
  const error = Math.abs(actual - expected);
  expect(
    actual === expected || error <= tolerance,
    `${label}(${JSON.stringify(input)}): expected ${expected}, actual ${actual}, |error| ${error.toExponential(3)} > tolerance ${tolerance.toExponential(3)}`,
  ).toBe(true);
}

/**
 * Relative error of U = Q_ν(1 − q) (studentTGaussianFitTail*): the Student-t cdf is within 18·max(1, |ln q|)ε
 * (test/numeric/distributions.test.ts), moved by the quantile's condition number κ_U (fixture),
 * plus 4ε for the bisection and 3ε for dividing by s∞ = √(ν/(ν − 2)).
 */
export function studentTUpperError(c: { q: number; kappaU: number }): number {
  return (18 * Math.max(1, Math.abs(Math.log(c.q))) * c.kappaU + 7) * EPS;
}
