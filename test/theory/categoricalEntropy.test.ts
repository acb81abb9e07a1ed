import { describe, expect, it } from "vitest";
import { categoricalEntropy } from "../../src/theory/index.ts";
import { AccuracyCheck, EPS, expectInvalid, fixture } from "./discreteFixture.ts";

describe("categoricalEntropy vs mpmath (fixture theory-discrete.json)", () => {
  it("within (K + 3) ε relative", () => {
    // K non-negative terms −p ln p, each ≤ 3 ε relative (log, product, rounding), summed.
    const chk = new AccuracyCheck("categoricalEntropy");
    for (const c of fixture.categoricalEntropy) {
      chk.check([`K=${c.p.length}`], categoricalEntropy(c.p), c.mp, {
        rel: c.p.length + 3,
        abs: EPS * EPS,
      });
    }
    expect(chk.failures).toEqual([]);
  });

  it("is 0 at a delta and ln K at the uniform law", () => {
    expect(categoricalEntropy([0, 1, 0])).toBe(0);
    expect(
      Math.abs(categoricalEntropy([0.25, 0.25, 0.25, 0.25]) - Math.log(4)),
    ).toBeLessThanOrEqual(7 * EPS * Math.log(4));
  });

  it("rejects a vector that is not a probability vector, naming it", () => {
    expectInvalid(() => categoricalEntropy([]), "categoricalEntropy", "p");
    expectInvalid(() => categoricalEntropy([0.5, 0.6]), "categoricalEntropy", "p");
    expectInvalid(() => categoricalEntropy([1.5, -0.5]), "categoricalEntropy", "p[1]");
  });
});
