/**
 * greaterThan with a variance bound: E[a − b] > 0 decided by the variance-bound interval of the
 * paired differences (valid for any law), instead of the asymptotic paired t-test. The interval
 * itself is calibrated in varianceBoundInterval.test.ts; here, the rule's outcomes, its p-value
 * convention and its validation. Deterministic apart from the fast-check property (seed 5).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/rng/index.ts";
import { fillChiSquare } from "../../src/sample/index.ts";
import { greaterThan, orderingRule } from "../../src/verdict/index.ts";
import { varianceBoundInterval } from "../../src/verdict/varianceBoundInterval.ts";

/** a − b = shift + (±1 alternating): mean `shift`, sample variance ≈ 1. */
function pairs(n: number, shift: number): [Float64Array, Float64Array] {
  const a = Float64Array.from({ length: n }, (_, i) => shift + (i % 2 === 0 ? 1 : -1));
  return [a, new Float64Array(n)];
}

describe("greaterThan with a variance bound", () => {
  it("supported above 0, refuted below, inconclusive across, on the variance-bound interval", () => {
    const alpha = 1e-6;
    const h = varianceBoundInterval(pairs(400, 0)[0], 1, alpha).halfWidth;
    const rule = (shift: number) => orderingRule(...pairs(400, shift), { alpha, variance: 1 });
    expect(rule(2 * h).outcome).toBe("supported");
    expect(rule(-2 * h).outcome).toBe("refuted");
    expect(rule(0.5 * h).outcome).toBe("inconclusive");
    expect(rule(2 * h).test).toMatch(/variance-bound interval/);
    expect(rule(2 * h).interval[0]).toBeCloseTo(2 * h - h, 12);
  });

  it("p < α exactly when refuted (fast-check over skewed differences, seed 5)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        (seed, shift) => {
          const a = fillChiSquare(
            derive("test/greaterThanVariance", seed),
            new Float64Array(60),
            1,
          );
          const e = orderingRule(
            a,
            Float64Array.from(a, () => 1 + shift),
            {
              alpha: 1e-3,
              variance: 2,
            },
          );
          expect(e.pValue < 1e-3).toBe(e.outcome === "refuted");
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });

  it("names a bad bound, and a bound with the sign test", () => {
    expect(() => greaterThan("a", "b", { variance: -1 })).toThrow(/greaterThan: variance/);
    expect(() => greaterThan("a", "b", { method: "sign", variance: 1 })).toThrow(
      /greaterThan: variance is for the paired mean difference/,
    );
    expect(greaterThan("a", "b", { variance: 2 })).toEqual({
      rule: "ordering",
      greater: "a",
      smaller: "b",
      method: undefined,
      variance: 2,
    });
  });
});
