import { describe, expect, it } from "vitest";
import { sureshGk, sureshSurvivalBounds } from "../../src/theory/index.ts";
import { AccuracyCheck, EPS, expectInvalid, fixture } from "./discreteFixture.ts";

describe("sureshSurvivalBounds vs mpmath (fixture theory-discrete.json)", () => {
  it("L_k within (k + 3) ε relative, U_k within the derived absolute error", () => {
    // x = n p_0 g_k carries (k + 1) ε relative (g_k: k − 1 ulps, two products); −expm1(−x)
    // passes a relative error of x through with a factor x e^{−x}/(1 − e^{−x}) ≤ 1, plus 1 ulp.
    // U_k = 1 − F·e^{−x}: |F| e^{−x}·(x(k + 1) + 1) ε from the exponential, e^{−x}·4(1 + |F − 1|) ε
    // from F = 1 − 3n p_0² − 3k p_0, and ε for the final subtraction.
    const lower = new AccuracyCheck("sureshSurvivalBounds.lower");
    const upper = new AccuracyCheck("sureshSurvivalBounds.upper");
    for (const c of fixture.sureshSurvivalBounds) {
      const b = sureshSurvivalBounds(c.n, c.p0, c.k);
      lower.check([c.n, c.p0, c.k], b.lower, c.lower, { rel: c.k + 3 });
      const x = c.n * c.p0 * sureshGk(c.k);
      const F = 1 - 3 * c.n * c.p0 * c.p0 - 3 * c.k * c.p0;
      const e = Math.exp(-x);
      const abs = (Math.abs(F) * e * (x * (c.k + 1) + 1) + e * 4 * (1 + Math.abs(F - 1)) + 1) * EPS;
      upper.check([c.n, c.p0, c.k], b.upper, c.upper, { rel: 0, abs });
    }
    expect(lower.failures).toEqual([]);
    expect(upper.failures).toEqual([]);
  });

  it("bracket the exact survival probability of the Bernoulli chain (Theorem 1)", () => {
    for (const c of fixture.sureshSurvivalBounds) {
      if (c.exact === null) continue;
      const b = sureshSurvivalBounds(c.n, c.p0, c.k);
      expect(b.lower, `L_k at ${JSON.stringify(c)}`).toBeLessThanOrEqual(c.exact);
      expect(b.upper, `U_k at ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(c.exact);
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "sureshSurvivalBounds";
    expectInvalid(() => sureshSurvivalBounds(0, 0.1, 1), api, "samples");
    expectInvalid(() => sureshSurvivalBounds(10.5, 0.1, 1), api, "samples");
    expectInvalid(() => sureshSurvivalBounds(10, 1.5, 1), api, "p0");
    expectInvalid(() => sureshSurvivalBounds(10, Number.NaN, 1), api, "p0");
    expectInvalid(() => sureshSurvivalBounds(10, 0.1, 0), api, "k");
  });
});
