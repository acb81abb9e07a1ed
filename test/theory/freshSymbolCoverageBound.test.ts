import { describe, expect, it } from "vitest";
import { freshSymbolCoverageBound } from "../../src/theory/index.ts";
import { AccuracyCheck, EPS, expectInvalid, fixture } from "./discreteFixture.ts";

describe("freshSymbolCoverageBound vs mpmath (fixture theory-discrete.json)", () => {
  it("within (n_r/2 + 1)(1 − q)^{n_r} ε + ε absolute", () => {
    // 1 − q rounds by ≤ ε/2 relative, which the power multiplies by n_r; the power adds 1 ulp;
    // the final subtraction ≤ ε/2 of a value ≤ 1. (The formula 1 − (1 − q)^{n_r} is kept as the
    // claim evaluated it: for q ≪ 1/n_r it loses relative accuracy, never absolute.)
    const chk = new AccuracyCheck("freshSymbolCoverageBound");
    for (const c of fixture.freshSymbolCoverageBound) {
      const abs = ((c.real / 2 + 1) * (1 - c.q) ** c.real + 1) * EPS;
      chk.check([c.q, c.real], freshSymbolCoverageBound(c.q, c.real), c.mp, { rel: 0, abs });
    }
    expect(chk.failures).toEqual([]);
  });

  it("is 0 without fresh data and increases with n_r", () => {
    expect(freshSymbolCoverageBound(0.2, 0)).toBe(0);
    expect(freshSymbolCoverageBound(0.2, 5)).toBeLessThan(freshSymbolCoverageBound(0.2, 6));
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "freshSymbolCoverageBound";
    expectInvalid(() => freshSymbolCoverageBound(-0.1, 3), api, "q");
    expectInvalid(() => freshSymbolCoverageBound(0.1, 1.5), api, "real");
  });
});
