import { describe, expect, it } from "vitest";
import { memorizerTestError } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("memorizerTestError vs enumeration and mpmath (fixture theory-discrete.json)", () => {
  it("within (T/2 + K + 3) ε relative", () => {
    // The small references enumerate every training sequence; the large ones sum the formula
    // at 40 digits. Each term p(1 − p)^T: 1 − p rounds by ≤ ε/2 relative, the power multiplies
    // that by T and adds 1 ulp, the product 1 more; K non-negative terms add ≤ K ε.
    const chk = new AccuracyCheck("memorizerTestError");
    for (const c of fixture.memorizer) {
      const rel = c.T / 2 + c.p.length + 3;
      chk.check([c.method, `K=${c.p.length}`, c.T], memorizerTestError(c.p, c.T), c.plain, { rel });
    }
    expect(chk.failures).toEqual([]);
  });

  it("is 1 before any training and decreases in T", () => {
    const p = [0.5, 0.3, 0.2];
    expect(memorizerTestError(p, 0)).toBe(1);
    expect(memorizerTestError(p, 5)).toBeLessThan(memorizerTestError(p, 4));
  });

  it("rejects bad input, naming the parameter", () => {
    expectInvalid(() => memorizerTestError([0.5, 0.4], 3), "memorizerTestError", "p");
    expectInvalid(() => memorizerTestError([0.5, 0.5], -1), "memorizerTestError", "T");
  });
});
