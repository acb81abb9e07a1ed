import { describe, expect, it } from "vitest";
import { sureshUnigramSurvivorBound, unigramExpectedSurvivors } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("sureshUnigramSurvivorBound vs mpmath (fixture theory-discrete.json)", () => {
  it("within (k + K + 3) ε relative", () => {
    // Each term −expm1(−n p_i g_k) carries ≤ (k + 3) ε relative (see sureshSurvivalBounds); a
    // sum of K positive terms adds ≤ K ε.
    const chk = new AccuracyCheck("sureshUnigramSurvivorBound");
    for (const c of fixture.unigramSurvivors) {
      const rel = c.k + c.p0.length + 3;
      chk.check(
        [`K=${c.p0.length}`, c.n, c.k],
        sureshUnigramSurvivorBound(c.p0, c.n, c.k),
        c.bound,
        { rel },
      );
    }
    expect(chk.failures).toEqual([]);
  });

  it("is below the exact expected number of survivors (Corollary 1)", () => {
    for (const c of fixture.unigramSurvivors) {
      expect(sureshUnigramSurvivorBound(c.p0, c.n, c.k), JSON.stringify(c)).toBeLessThanOrEqual(
        c.exact,
      );
      expect(sureshUnigramSurvivorBound(c.p0, c.n, c.k)).toBeLessThanOrEqual(
        unigramExpectedSurvivors(c.p0, c.n, c.k),
      );
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "sureshUnigramSurvivorBound";
    expectInvalid(() => sureshUnigramSurvivorBound([0.7, 0.7], 10, 1), api, "p0");
    expectInvalid(() => sureshUnigramSurvivorBound([0.5, 0.5], -3, 1), api, "samples");
    expectInvalid(() => sureshUnigramSurvivorBound([0.5, 0.5], 10, 2.5), api, "k");
  });
});
