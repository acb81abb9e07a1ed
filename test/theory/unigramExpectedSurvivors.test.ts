import { describe, expect, it } from "vitest";
import { lgamma } from "../../src/numeric/index.ts";
import { unigramExpectedSurvivors } from "../../src/theory/index.ts";
import { AccuracyCheck, EPS, expectInvalid, fixture } from "./discreteFixture.ts";

describe("unigramExpectedSurvivors vs the forward exact chains (fixture theory-discrete.json)", () => {
  it("within the derived absolute error", () => {
    // The reference propagates each symbol's count distribution forward at 40 digits; the
    // function runs a backward recursion in doubles. Each binomial pmf is exp of a log-space sum
    // whose error is dominated by the three lnΓ values (≤ 6 ε relative each, |lnΓ| ≤ ln n!):
    // ≤ 18 ε ln n! relative per entry. A step h ← Bin·h (entries in [0, 1], a stochastic
    // matrix) adds that plus n + 1 rounded additions; k − 1 steps and the final sum over K
    // symbols give K·k·(18 ln n! + n + 8) ε absolute.
    const chk = new AccuracyCheck("unigramExpectedSurvivors");
    for (const c of fixture.unigramSurvivors) {
      const abs = c.p0.length * c.k * (18 * lgamma(c.n + 1) + c.n + 8) * EPS;
      chk.check([`K=${c.p0.length}`, c.n, c.k], unigramExpectedSurvivors(c.p0, c.n, c.k), c.exact, {
        rel: 0,
        abs,
      });
    }
    expect(chk.failures).toEqual([]);
  });

  it("k = 1 is Σ_i (1 − (1 − p_i)^n), and survivors never increase in k", () => {
    const p0 = [0.5, 0.3, 0.15, 0.05];
    const direct = p0.reduce((s, p) => s + 1 - (1 - p) ** 20, 0);
    expect(Math.abs(unigramExpectedSurvivors(p0, 20, 1) - direct)).toBeLessThan(1e-12);
    let prev = Number.POSITIVE_INFINITY;
    for (let k = 1; k <= 10; k++) {
      const v = unigramExpectedSurvivors(p0, 20, k);
      expect(v).toBeLessThanOrEqual(prev + 1e-12);
      prev = v;
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "unigramExpectedSurvivors";
    expectInvalid(() => unigramExpectedSurvivors([0.5, 0.4], 10, 1), api, "p0");
    expectInvalid(() => unigramExpectedSurvivors([], 10, 1), api, "p0");
    expectInvalid(() => unigramExpectedSurvivors([0.5, 0.5], 0, 1), api, "samples");
    expectInvalid(() => unigramExpectedSurvivors([0.5, 0.5], 10, 0), api, "k");
  });
});
