import { describe, expect, it } from "vitest";
import { memorizerHorizon, truncatedMemorizerTestError } from "../../src/theory/index.ts";
import { expectInvalid, fixture } from "./discreteFixture.ts";

describe("memorizerHorizon vs a 40-digit linear search (fixture theory-discrete.json)", () => {
  it("is the smallest T with excess ≤ level, truncated and untruncated", () => {
    const wrong = fixture.memorizerHorizon
      .map((c) => ({ c, actual: memorizerHorizon(c.p, c.level, c.k) }))
      .filter(({ c, actual }) => actual !== c.T)
      .map(
        ({ c, actual }) =>
          `K = ${c.p.length}, k = ${c.k}, level = ${c.level}: expected ${c.T}, actual ${actual}`,
      );
    expect(wrong).toEqual([]);
  });

  it("agrees with the excess it inverts, in doubles", () => {
    for (const c of fixture.memorizerHorizon) {
      const T = memorizerHorizon(c.p, c.level, c.k);
      expect(truncatedMemorizerTestError(c.p, c.k, T).excess).toBeLessThanOrEqual(c.level);
      if (T > 1) {
        expect(truncatedMemorizerTestError(c.p, c.k, T - 1).excess).toBeGreaterThan(c.level);
      }
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "memorizerHorizon";
    expectInvalid(() => memorizerHorizon([0.5, 0.6], 0.1), api, "p");
    expectInvalid(() => memorizerHorizon([0.5, 0.5], 0), api, "level");
    expectInvalid(() => memorizerHorizon([0.5, 0.5], Number.POSITIVE_INFINITY), api, "level");
    expectInvalid(() => memorizerHorizon([0.5, 0.5], 0.1, 3), api, "k");
  });
});
