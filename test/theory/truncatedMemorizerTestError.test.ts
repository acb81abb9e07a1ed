import { describe, expect, it } from "vitest";
import { memorizerTestError, truncatedMemorizerTestError } from "../../src/theory/index.ts";
import { AccuracyCheck, EPS, expectInvalid, fixture } from "./discreteFixture.ts";

describe("truncatedMemorizerTestError vs enumeration and mpmath (fixture theory-discrete.json)", () => {
  it("floor, excess and error within the derived error", () => {
    // head = Σ_{i≤k} p_i: ≤ k ε relative; floor = 1 − head: ≤ (k + 1) ε absolute, plus
    // |1 − Σ p| (the reference is Σ_{i>k} p_i; the fixture's vectors sum to 1 within K ε/2). q_i = p_i/head:
    // ≤ (k + 1) ε relative, so 1 − q_i carries ≤ ((k + 1) r + 1) ε relative with
    // r = max q_i/(1 − q_i); the T-th power multiplies that by T (+ 1 ulp), and k non-negative
    // terms add ≤ k ε.
    const floor = new AccuracyCheck("truncatedMemorizerTestError.floor");
    const excess = new AccuracyCheck("truncatedMemorizerTestError.excess");
    const error = new AccuracyCheck("truncatedMemorizerTestError.error");
    for (const c of fixture.memorizer) {
      const actual = truncatedMemorizerTestError(c.p, c.k, c.T);
      let head = 0;
      for (let i = 0; i < c.k; i++) head += c.p[i];
      let r = 0;
      for (let i = 0; i < c.k; i++) if (c.p[i] < head) r = Math.max(r, c.p[i] / (head - c.p[i]));
      const relExcess = c.T * ((c.k + 1) * r + 1) + c.k + 4;
      const args = [c.method, `K=${c.p.length}`, c.k, c.T];
      floor.check(args, actual.floor, c.floor, { rel: 0, abs: (c.k + 1 + c.p.length / 2) * EPS });
      excess.check(args, actual.excess, c.excess, { rel: relExcess });
      error.check(args, actual.error, c.error, {
        rel: 1,
        abs: (c.k + 1) * EPS + relExcess * EPS * c.excess,
      });
    }
    expect(floor.failures).toEqual([]);
    expect(excess.failures).toEqual([]);
    expect(error.failures).toEqual([]);
  });

  it("keeping every symbol is the untruncated learner; the floor does not depend on T", () => {
    const p = [0.5, 0.25, 0.125, 0.125]; // sums to 1 exactly
    const full = truncatedMemorizerTestError(p, 4, 7);
    expect(full.floor).toBe(0);
    expect(Math.abs(full.error - memorizerTestError(p, 7))).toBeLessThan(1e-15);
    expect(truncatedMemorizerTestError(p, 2, 3).floor).toBe(
      truncatedMemorizerTestError(p, 2, 300).floor,
    );
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "truncatedMemorizerTestError";
    expectInvalid(() => truncatedMemorizerTestError([0.5, 0.6], 1, 3), api, "p");
    expectInvalid(() => truncatedMemorizerTestError([0.2, 0.8], 1, 3), api, "p[1]");
    expectInvalid(() => truncatedMemorizerTestError([0.8, 0.2], 3, 3), api, "k");
    expectInvalid(() => truncatedMemorizerTestError([0.8, 0.2], 1, -2), api, "T");
  });
});
