import { describe, expect, it } from "vitest";
import { seddikSegregatingBounds } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("seddikSegregatingBounds vs mpmath (fixture theory-discrete.json)", () => {
  it("within (k + 5) ε relative", () => {
    // p_0(1 − p_0): ≤ 2 ε; 1 − 1/n: ≤ ε relative for n ≥ 2, raised to the k-th power: ≤ (k + 1) ε;
    // one more product, and for the upper bound the factor 2n: ≤ (k + 5) ε.
    const lower = new AccuracyCheck("seddikSegregatingBounds.lower");
    const upper = new AccuracyCheck("seddikSegregatingBounds.upper");
    for (const c of fixture.seddikSegregatingBounds) {
      const b = seddikSegregatingBounds(c.n, c.p0, c.k);
      lower.check([c.n, c.p0, c.k], b.lower, c.lower, { rel: c.k + 5 });
      upper.check([c.n, c.p0, c.k], b.upper, c.upper, { rel: c.k + 5 });
    }
    expect(lower.failures).toEqual([]);
    expect(upper.failures).toEqual([]);
  });

  it("bracket the exact probability that the Bernoulli chain still segregates", () => {
    // Equality at n = 2 (the fixture's last case): compare with a 1e-15 relative allowance there.
    for (const c of fixture.seddikSegregatingBounds) {
      const b = seddikSegregatingBounds(c.n, c.p0, c.k);
      expect(b.lower, JSON.stringify(c)).toBeLessThanOrEqual(c.exact * (1 + 1e-15));
      expect(b.upper, JSON.stringify(c)).toBeGreaterThanOrEqual(c.exact * (1 - 1e-15));
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "seddikSegregatingBounds";
    expectInvalid(() => seddikSegregatingBounds(1, 0.5, 1), api, "samples");
    expectInvalid(() => seddikSegregatingBounds(10, -0.1, 1), api, "p0");
    expectInvalid(() => seddikSegregatingBounds(10, 0.5, -1), api, "k");
  });
});
