/**
 * The fixture test/fixtures/theory-regression-mix.json (written by
 * test/fixtures/make_theory_regression_mix.py: exact fractions built from the derivations' pieces,
 * independently of the TypeScript forms, each checked there against a numpy Monte Carlo).
 */

import { readFileSync } from "node:fs";

/** One section of the fixture, e.g. `regressionMixSection("strongCollapseTestError")`. */
export function regressionMixSection<T>(name: string): T[] {
  const url = new URL("../fixtures/theory-regression-mix.json", import.meta.url);
  const all = JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
  const cases = all[name];
  if (!Array.isArray(cases) || cases.length === 0) {
    throw new Error(`fixture section ${name} is empty`);
  }
  return cases as T[];
}
