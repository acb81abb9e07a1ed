import { describe, expect, it } from "vitest";
import { curatedGaussianMeanShift } from "../../src/theory/index.ts";
import { curationFixture } from "./curationFixture.ts";
import { AccuracyCheck, expectInvalid } from "./discreteFixture.ts";

describe("curatedGaussianMeanShift vs scipy's 2-D quadrature (fixture theory-curation.json)", () => {
  it("within 1e-12 relative", () => {
    // The reference is scipy dblquad at epsabs 1e-13, epsrel 1e-12: its own error bounds the
    // comparison (the Simpson rule here is accurate to ~1e-15 at these b).
    const chk = new AccuracyCheck("curatedGaussianMeanShift");
    for (const c of curationFixture.curatedGaussian) {
      chk.check([`b=${c.beta}`], curatedGaussianMeanShift(c.beta), c.mean, {
        rel: 1e-12 / Number.EPSILON,
        abs: 1e-13,
      });
    }
    expect(chk.failures).toEqual([]);
  });

  it("is odd, ≈ b/2 near 0, and tends to E|D|/2 = 1/√π", () => {
    expect(curatedGaussianMeanShift(0)).toBe(0);
    expect(curatedGaussianMeanShift(-0.7)).toBeCloseTo(-curatedGaussianMeanShift(0.7), 15);
    // m(b) = b·E[D²]/4 − b³E[D⁴]/48 + … = b/2 − b³/4 + O(b⁵) (E[D²] = 2, E[D⁴] = 12).
    const b = 1e-3;
    expect(Math.abs(curatedGaussianMeanShift(b) - (b / 2 - b ** 3 / 4))).toBeLessThan(1e-14);
    expect(Math.abs(curatedGaussianMeanShift(200) - 1 / Math.sqrt(Math.PI))).toBeLessThan(1e-4);
  });

  it("rejects a non-finite b, naming it", () => {
    expectInvalid(() => curatedGaussianMeanShift(Number.NaN), "curatedGaussianMeanShift", "b");
  });
});
