import { describe, expect, it } from "vitest";
import { freshDataSimpsonRecursion } from "../../src/theory/index.ts";
import { AccuracyCheck, expectInvalid, fixture } from "./discreteFixture.ts";

describe("freshDataSimpsonRecursion vs exact fresh-data chains (fixture theory-discrete.json)", () => {
  it("a_t within (6t + 6) ε relative of E[Σp_t²] of the exact Markov chain", () => {
    // The references propagate the chain's count distribution exactly (two symbols, or every
    // count vector of three symbols) at 40 digits — no recursion. In doubles each step sums three
    // non-negative terms of ≤ 3 roundings each and divides: ≤ 5 ε of its own, and the previous
    // error enters with the factor n_s(n_s − 1)/M² < 1; s_0 is the rounded 40-digit value (ε/2).
    const chk = new AccuracyCheck("freshDataSimpsonRecursion");
    for (const c of fixture.freshDataSimpsonRecursion) {
      const a = freshDataSimpsonRecursion(c.s0, c.M, c.real, c.T);
      expect(a.length).toBe(c.T + 1);
      for (let t = 0; t <= c.T; t++) {
        chk.check([c.method, `p0=${c.p0.join("/")}`, c.M, c.real, `t=${t}`], a[t], c.a[t], {
          rel: 6 * t + 6,
        });
      }
    }
    expect(chk.failures).toEqual([]);
  });

  it("n_r = 0 is the Wright–Fisher identity E[S_t] = 1 − (1 − 1/M)^t (1 − s_0)", () => {
    const a = freshDataSimpsonRecursion(0.3, 20, 0, 30);
    for (let t = 0; t <= 30; t++) {
      expect(Math.abs(a[t] - (1 - (1 - 1 / 20) ** t * 0.7))).toBeLessThan(1e-14);
    }
  });

  it("rejects bad input, naming the parameter", () => {
    const api = "freshDataSimpsonRecursion";
    expectInvalid(() => freshDataSimpsonRecursion(0, 10, 1, 5), api, "s0");
    expectInvalid(() => freshDataSimpsonRecursion(1.2, 10, 1, 5), api, "s0");
    expectInvalid(() => freshDataSimpsonRecursion(0.5, 0, 0, 5), api, "samples");
    expectInvalid(() => freshDataSimpsonRecursion(0.5, 10, 11, 5), api, "real");
    expectInvalid(() => freshDataSimpsonRecursion(0.5, 10, 1, -1), api, "T");
  });
});
