import { describe, expect, it } from "vitest";
import { curatedCategorical } from "../../src/theory/index.ts";
import { curationFixture } from "./curationFixture.ts";
import { AccuracyCheck, expectInvalid } from "./discreteFixture.ts";

const logFactorial = (n: number) => {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
};

const binomialCoefficient = (n: number, r: number) => {
  let c = 1;
  for (let j = 1; j <= r; j++) c = (c * (n - r + j)) / j;
  return c;
};

describe("curatedCategorical vs mpmath's Laplace-integral form (fixture theory-curation.json)", () => {
  it("within the rounding of its enumeration", () => {
    // Each of the N = C(K − 1 + s − 1, s − 1) multiset terms is exp(L) with
    // |L| ≤ (K − 1)·max|ln p_i| + ln (K − 1)!: relative error ≤ (|L| + K + 4) ε (the exponent's
    // rounding, the K − 1 products, the division); the N non-negative terms are summed (≤ N ε);
    // the factor K p(x) and the fixture's rounding add 2.5 ε.
    const chk = new AccuracyCheck("curatedCategorical");
    for (const c of curationFixture.curated) {
      const support = c.p.filter((v) => v > 0);
      const terms = binomialCoefficient(c.K - 1 + support.length - 1, support.length - 1);
      const maxLog = Math.max(...support.map((v) => Math.abs(Math.log(v))));
      const rel = terms + (c.K - 1) * maxLog + logFactorial(c.K - 1) + c.K + 7;
      const got = curatedCategorical(c.p, c.rewards, c.K);
      c.mp.forEach((want, i) => {
        chk.check([`p=${c.p}`, `r=${c.rewards}`, `K=${c.K}`, `x=${i}`], got[i], want, {
          rel,
          abs: rel * Number.EPSILON * 1e-300,
        });
      });
    }
    expect(chk.failures).toEqual([]);
  });

  it("K = 1 keeps p; equal rewards keep p; a symbol of probability 0 stays 0", () => {
    const p = [0.2, 0, 0.8];
    expect(Array.from(curatedCategorical(p, [3, 1, 0], 1))).toEqual(p);
    const flat = curatedCategorical([0.2, 0.3, 0.5], [1, 1, 1], 4);
    [0.2, 0.3, 0.5].forEach((v, i) => {
      expect(Math.abs(flat[i] - v)).toBeLessThanOrEqual(16 * Number.EPSILON);
    });
    expect(curatedCategorical(p, [3, 1, 0], 3)[1]).toBe(0);
  });

  it("rejects bad input, naming the parameter", () => {
    expectInvalid(() => curatedCategorical([0.5, 0.4], [0, 1], 2), "curatedCategorical", "p");
    expectInvalid(
      () => curatedCategorical([0.5, 0.5], [0], 2),
      "curatedCategorical",
      "rewards.length",
    );
    expectInvalid(
      () => curatedCategorical([0.5, 0.5], [0, Number.POSITIVE_INFINITY], 2),
      "curatedCategorical",
      "rewards[1]",
    );
    expectInvalid(() => curatedCategorical([0.5, 0.5], [0, 1], 0), "curatedCategorical", "choices");
    const many = new Array(200).fill(1 / 200);
    expectInvalid(() => curatedCategorical(many, many, 30), "curatedCategorical", "choices");
  });
});
