import { describe, expect, it } from "vitest";
import { sureshForgettingBand } from "../../src/theory/index.ts";
import { expectInvalid, fixture } from "./discreteFixture.ts";

describe("sureshForgettingBand vs the 40-digit search (fixture theory-discrete.json)", () => {
  it("k_a and k_b equal the definitions evaluated at 40 digits, m = 2…15", () => {
    const wrong = fixture.sureshForgettingBand
      .map((c) => ({ c, actual: sureshForgettingBand(c.m, c.n) }))
      .filter(({ c, actual }) => actual.kA !== c.kA || actual.kB !== c.kB)
      .map(
        ({ c, actual }) =>
          `m = ${c.m}, n = ${c.n}: expected (${c.kA}, ${c.kB}], actual (${actual.kA}, ${actual.kB}]`,
      );
    expect(wrong).toEqual([]);
  });

  it("is linear in m: 1.5m ≤ k_a < k_b ≤ 3.6m for 2 ≤ m ≤ 15, n ≥ 300m²", () => {
    for (const c of fixture.sureshForgettingBand) {
      const { kA, kB } = sureshForgettingBand(c.m, c.n);
      expect(kA / c.m, `m = ${c.m}, n = ${c.n}`).toBeGreaterThanOrEqual(1.5);
      expect(kB / c.m, `m = ${c.m}, n = ${c.n}`).toBeLessThanOrEqual(3.6);
      expect(kA).toBeLessThan(kB);
    }
  });

  it("a wider slack widens the band", () => {
    const narrow = sureshForgettingBand(10, 30000);
    const wide = sureshForgettingBand(10, 30000, { slack: 0.2 });
    expect(wide.kA).toBeLessThan(narrow.kA);
    expect(wide.kB).toBeGreaterThan(narrow.kB);
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "sureshForgettingBand";
    expectInvalid(() => sureshForgettingBand(0, 100), api, "count");
    expectInvalid(() => sureshForgettingBand(Number.NaN, 100), api, "count");
    expectInvalid(() => sureshForgettingBand(5, 4), api, "samples");
    expectInvalid(() => sureshForgettingBand(5, 100.5), api, "samples");
    expectInvalid(() => sureshForgettingBand(5, 1000, { slack: 0.5 }), api, "constraints.slack");
    // n too small for m: 3m²/n ≥ ½ − slack leaves no k_b.
    expectInvalid(() => sureshForgettingBand(10, 500), api, "samples");
  });
});
