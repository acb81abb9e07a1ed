import { describe, expect, it } from "vitest";
import {
  wrightFisherSegregatingBound,
  wrightFisherSegregatingHorizon,
} from "../../src/theory/index.ts";
import { expectInvalid, fixture } from "./discreteFixture.ts";

describe("wrightFisherSegregatingHorizon vs the 40-digit search (fixture theory-discrete.json)", () => {
  it("is the smallest T ≥ 1 with δ_T ≤ δ", () => {
    const wrong = fixture.wrightFisherSegregatingHorizon
      .map((c) => ({ c, actual: wrightFisherSegregatingHorizon(c.M, c.x0, c.delta) }))
      .filter(({ c, actual }) => actual !== c.T)
      .map(
        ({ c, actual }) =>
          `M = ${c.M}, x0 = ${c.x0}, δ = ${c.delta}: expected ${c.T}, actual ${actual}`,
      );
    expect(wrong).toEqual([]);
  });

  it("agrees with the bound it inverts, in doubles", () => {
    for (const [M, x0, delta] of [
      [20, 0.2, 0.1],
      [49, 0.33, 0.29],
      [23, 0.5, 0.11],
    ] as const) {
      const T = wrightFisherSegregatingHorizon(M, x0, delta);
      expect(wrightFisherSegregatingBound(M, x0, T)).toBeLessThanOrEqual(delta);
      if (T > 1) expect(wrightFisherSegregatingBound(M, x0, T - 1)).toBeGreaterThan(delta);
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "wrightFisherSegregatingHorizon";
    expectInvalid(() => wrightFisherSegregatingHorizon(1, 0.5, 0.1), api, "samples");
    expectInvalid(() => wrightFisherSegregatingHorizon(10, 1.2, 0.1), api, "x0");
    expectInvalid(() => wrightFisherSegregatingHorizon(10, 0.5, 0), api, "delta");
    expectInvalid(() => wrightFisherSegregatingHorizon(10, 0.5, Number.NaN), api, "delta");
  });
});
