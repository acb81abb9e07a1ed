import { describe, expect, it } from "vitest";
import { verifiedCategorical } from "../../src/theory/index.ts";
import { curationFixture } from "./curationFixture.ts";
import { AccuracyCheck, expectInvalid } from "./discreteFixture.ts";

describe("verifiedCategorical vs the numpy-checked reweighting (fixture theory-curation.json)", () => {
  it("within (k + 4) ε relative", () => {
    // k products and a sum of k non-negative terms (≤ k ε), one division, the fixture's rounding.
    const chk = new AccuracyCheck("verifiedCategorical");
    for (const c of curationFixture.verified) {
      const got = verifiedCategorical(c.p, c.correct, c.a, c.b);
      c.law.forEach((want, i) => {
        chk.check([`p=${c.p}`, `a=${c.a}`, `b=${c.b}`, `x=${i}`], got[i], want, {
          rel: c.p.length + 4,
        });
      });
      const massC = got.reduce((s, v, i) => s + (c.correct[i] ? v : 0), 0);
      chk.check([`p=${c.p}`, "p'(C)"], massC, c.massC, { rel: 2 * c.p.length + 4 });
    }
    expect(chk.failures).toEqual([]);
  });

  it("a = b leaves p unchanged (up to the normalising sum's rounding, k ε)", () => {
    const p = [0.1, 0.6, 0.3];
    const got = verifiedCategorical(p, [true, false, true], 0.4, 0.4);
    p.forEach((v, i) => {
      expect(Math.abs(got[i] - v)).toBeLessThanOrEqual(4 * p.length * Number.EPSILON * v);
    });
  });

  it("rejects bad input, naming the parameter", () => {
    expectInvalid(
      () => verifiedCategorical([0.5, 0.5], [true], 1, 0),
      "verifiedCategorical",
      "correct.length",
    );
    expectInvalid(
      () => verifiedCategorical([0.5, 0.5], [true, false], 1.5, 0),
      "verifiedCategorical",
      "a",
    );
    expectInvalid(
      () => verifiedCategorical([1, 0], [false, true], 1, 0),
      "verifiedCategorical",
      "a",
    );
  });
});
