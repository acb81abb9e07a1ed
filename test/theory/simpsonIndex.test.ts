import { describe, expect, it } from "vitest";
import { simpsonIndex } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("simpsonIndex vs mpmath (fixture theory-discrete.json)", () => {
  it("within (K + 2) ε relative", () => {
    // K squares (≤ ε each) summed (≤ K ε: non-negative terms).
    const chk = new AccuracyCheck("simpsonIndex");
    for (const c of fixture.simpsonIndex) {
      chk.check([`K=${c.p.length}`], simpsonIndex(c.p), c.mp, { rel: c.p.length + 2 });
    }
    expect(chk.failures).toEqual([]);
  });

  it("is 1 at a delta and 1/K at the uniform law", () => {
    expect(simpsonIndex([0, 1])).toBe(1);
    expect(simpsonIndex([0.25, 0.25, 0.25, 0.25])).toBe(0.25);
  });

  it("rejects a vector that is not a probability vector, naming it", () => {
    expectInvalid(() => simpsonIndex([0.2, 0.2]), "simpsonIndex", "p");
    expectInvalid(() => simpsonIndex([Number.NaN, 1]), "simpsonIndex", "p[0]");
  });
});
