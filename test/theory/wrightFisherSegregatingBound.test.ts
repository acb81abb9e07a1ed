import { describe, expect, it } from "vitest";
import { wrightFisherSegregatingBound } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("wrightFisherSegregatingBound vs mpmath (fixture theory-discrete.json)", () => {
  it("within (T + 5) ε relative", () => {
    // As for seddikSegregatingBounds: (1 − 1/M)^{T−1} carries ≤ T ε, the products ≤ 4 ε.
    const chk = new AccuracyCheck("wrightFisherSegregatingBound");
    for (const c of fixture.wrightFisherSegregatingBound) {
      chk.check([c.M, c.x0, c.T], wrightFisherSegregatingBound(c.M, c.x0, c.T), c.mp, {
        rel: c.T + 5,
      });
    }
    expect(chk.failures).toEqual([]);
  });

  it("bounds the exact probability that the chain still segregates", () => {
    for (const c of fixture.wrightFisherSegregatingBound) {
      expect(
        wrightFisherSegregatingBound(c.M, c.x0, c.T),
        JSON.stringify(c),
      ).toBeGreaterThanOrEqual(c.exact * (1 - 1e-15));
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "wrightFisherSegregatingBound";
    expectInvalid(() => wrightFisherSegregatingBound(1, 0.5, 1), api, "samples");
    expectInvalid(() => wrightFisherSegregatingBound(10, 2, 1), api, "x0");
    expectInvalid(() => wrightFisherSegregatingBound(10, 0.5, 0), api, "T");
  });
});
